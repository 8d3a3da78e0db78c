"""The project's benchmark: what the speed goals of issue 15 are stated in.

    python benchmarks/bench.py                          # 20,000 cables in /tmp/cablecorpus
    python benchmarks/bench.py --count 2000 --rounds 5  # smaller, more rounds
    python benchmarks/bench.py --corpus DIR --skip-generate

It generates the synthetic corpus (../shared/bench/gen_corpus.py) unless it
is there, then measures, in one run:

1. corpus runs, alternating round by round so that a busy machine hurts
   both sides alike: the naive baseline (`baseline_regex.py --jobs 2`)
   against `cablelint` with the full default rule sets and default options
   (cold: an empty cache), the warm re-run on the cache the cold run left,
   and `--rules release`; medians of wall time, cables/s, MB/s, and the
   peak RSS of the biggest single process;
2. in-process cost per cable (parse plus every rule) for cables of 8-12 KB:
   p50/p95/p99;
3. `cablelint ONE_FILE` from process start (medians): the first run (empty
   cache), warm runs on a file changed before each (the pre-commit case) and
   on an unchanged file (a result-cache hit), beside `python -c pass`.

It prints figures and asserts nothing: a speed claim is a figure from this
command, with the machine it ran on. The CI test runs it on ~50 cables so
that it cannot rot.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
GEN = HERE.parents[1] / "shared" / "bench" / "gen_corpus.py"
BASELINE = HERE / "baseline_regex.py"
# Runs a command and prints "wall_seconds peak_rss_kib cpu_seconds": RUSAGE_CHILDREN
# holds the largest single descendant (workers included), as /usr/bin/time -f %M
# does, and the CPU time of all of them (steadier than wall time on a shared machine).
TIMER = ("import resource, subprocess, sys, time\n"
         "t = time.perf_counter()\n"
         "with open(sys.argv[1], 'wb') as out:\n"
         "    subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL)\n"
         "w = time.perf_counter() - t\n"
         "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
         "print(w, r.ru_maxrss, r.ru_utime + r.ru_stime)\n")


def generate(corpus: Path, count: int, gen: Path) -> None:
    """The corpus, made once: an existing one with the same count is reused."""
    meta = corpus / "corpus.json"
    if meta.is_file() and json.loads(meta.read_text())["count"] == count:
        return
    if not gen.is_file():
        raise SystemExit(f"bench: no corpus in {corpus} and no generator at {gen} (give --gen)")
    subprocess.run([sys.executable, str(gen), str(corpus), str(count), "20240601", "0.3", "--jobs", "2"],
                   check=True, stdout=subprocess.DEVNULL)


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, int, float]:
    """(wall seconds, peak RSS in KiB, CPU seconds) of one command, its output
    to a file as a CI run would."""
    with tempfile.NamedTemporaryFile(suffix=".out") as out:
        got = subprocess.run([sys.executable, "-c", TIMER, out.name, *cmd], capture_output=True, text=True,
                             env=env, check=True).stdout.split()
    return float(got[0]), int(got[1]), float(got[2])


def cablelint(*args: str) -> list[str]:
    return [sys.executable, "-m", "cablelint", "check", "--exit-zero", "-f", "concise", *args]


def corpus_rounds(cables: Path, rounds: int, env: dict[str, str], release: bool,
                  baseline: bool = True) -> dict[str, list]:
    """Alternating runs; each cablelint cold run starts from an empty cache."""
    runs: dict[str, list] = {"baseline": [], "cold": [], "warm": [], "release": [], "release_default": []}
    for _ in range(rounds):
        if baseline:
            runs["baseline"].append(timed([sys.executable, str(BASELINE), "--jobs", "2", str(cables)], env))
        cdir = tempfile.mkdtemp(prefix="cablelint-bench-cache-")
        try:
            runs["cold"].append(timed(cablelint("--cache-dir", cdir, str(cables)), env))
            runs["warm"].append(timed(cablelint("--cache-dir", cdir, str(cables)), env))
        finally:
            shutil.rmtree(cdir, ignore_errors=True)
        if release:
            runs["release"].append(timed(cablelint("--no-cache", "--rules", "release", str(cables)), env))
            runs["release_default"].append(timed(cablelint("--no-cache", str(cables)), env))
    return runs


def per_cable(cables: Path, low: int = 8 * 1024, high: int = 12 * 1024) -> dict[str, float]:
    """Parse plus every default rule, in this process, for cables of low..high bytes."""
    from cablelint.api import make_engine
    from cablelint.source import read

    paths = [p for p in sorted(cables.glob("*.txt")) if low <= p.stat().st_size <= high]
    if not paths:
        return {"n": 0}
    engine = make_engine()
    sources = [read(p) for p in paths]
    for s in sources[:50]:  # warm the pattern memo and era tables
        engine.lint_source(s)
    wall, cpu = [], []
    for s in sources:
        t0, c0 = time.perf_counter(), time.process_time()
        engine.lint_source(s)
        c1, t1 = time.process_time(), time.perf_counter()
        wall.append((t1 - t0) * 1000)
        cpu.append((c1 - c0) * 1000)
    out: dict[str, float] = {"n": len(wall)}
    for name, ms in (("", wall), ("cpu_", cpu)):  # CPU time: steadier when the machine is shared
        ms.sort()
        for q in (50, 95, 99):
            out[f"{name}p{q}"] = ms[min(len(ms) - 1, len(ms) * q // 100)]
    return out


def one_file(path: Path, env: dict[str, str], repeat: int) -> dict[str, tuple[float, float]]:
    """`cablelint FILE` from process start, (wall ms, CPU ms) medians of
    `repeat` runs each: `first` on an empty cache; `changed` with the caches
    warm but the file edited before each run (a blank line appended to a
    copy: the pre-commit case, a result-cache miss); `unchanged` with every
    cache warm (a result-cache hit); and `python`, the interpreter's own start
    (`python -c pass`), the floor under all three."""
    tmp = Path(tempfile.mkdtemp(prefix="cablelint-bench-one-"))
    try:
        copy = tmp / path.name
        shutil.copyfile(path, copy)
        first = [timed(cablelint("--cache-dir", str(tmp / f"first{i}"), str(copy)), env) for i in range(repeat)]
        warm = str(tmp / "warm")
        timed(cablelint("--cache-dir", warm, str(copy)), env)
        changed = []
        for _ in range(repeat):
            with open(copy, "a", encoding="utf-8") as fh:
                fh.write("\n")
            changed.append(timed(cablelint("--cache-dir", warm, str(copy)), env))
        unchanged = [timed(cablelint("--cache-dir", warm, str(copy)), env) for _ in range(repeat)]
        floor = [timed([sys.executable, "-c", "pass"], env) for _ in range(repeat)]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {name: (statistics.median(r[0] for r in runs) * 1000, statistics.median(r[2] for r in runs) * 1000)
            for name, runs in (("first", first), ("changed", changed), ("unchanged", unchanged),
                               ("python", floor))}


def median(runs: list[tuple[float, int, float]]) -> tuple[float, int, float]:
    """Median wall time, the highest peak RSS, median CPU time."""
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), statistics.median(r[2] for r in runs)


def report(runs: dict[str, list], n: int, size: int, cable: dict[str, float],
           one: dict[str, tuple[float, float]]) -> str:
    cold, cold_rss, cold_cpu = median(runs["cold"])
    warm, warm_rss, warm_cpu = median(runs["warm"])
    mb = size / 1e6
    out = [f"corpus: {n} cables, {mb:.1f} MB; {len(runs['cold'])} alternating round(s), medians"]
    if runs["baseline"]:
        base, base_rss, base_cpu = median(runs["baseline"])
        out.append(f"  baseline_regex.py --jobs 2 : {base:7.2f} s  {n / base:8.0f} cables/s  {mb / base:6.1f} MB/s  "
                   f"peak RSS {base_rss / 1024:.0f} MB  CPU {base_cpu:.2f} s")
    out.append(f"  cablelint (cold, default)  : {cold:7.2f} s  {n / cold:8.0f} cables/s  {mb / cold:6.1f} MB/s  "
               f"peak RSS {cold_rss / 1024:.0f} MB (goal <= 200, flat with the corpus)  CPU {cold_cpu:.2f} s")
    if runs["baseline"]:
        out.append(f"  ratio: cablelint is {base / cold:.2f}x the baseline's speed (goal >= 5x); "
                   f"CPU time ratio {base_cpu / cold_cpu:.2f}x")
    out.append(f"  warm re-run (result cache) : {warm:7.2f} s = {100 * warm / cold:.1f}% of cold (goal <= 5%); "
               f"CPU {warm_cpu:.2f} s = {100 * warm_cpu / cold_cpu:.1f}% of cold; peak RSS {warm_rss / 1024:.0f} MB")
    if runs["release"]:
        rel, _, rel_cpu = median(runs["release"])
        dflt, _, dflt_cpu = median(runs["release_default"])
        out.append(f"  --rules release, no cache  : {rel:7.2f} s = {rel / dflt:.2f}x the default run "
                   f"({dflt:.2f} s, no cache; goal <= 1.5x); CPU {rel_cpu / dflt_cpu:.2f}x")
    if not one:
        return "\n".join(out)
    if cable.get("n"):
        out.append(f"in-process, {cable['n']} cables of 8-12 KB: p50 {cable['p50']:.3f} ms, p95 {cable['p95']:.3f} ms, "
                   f"p99 {cable['p99']:.3f} ms (goal p95 <= 0.5 ms); CPU time p50 {cable['cpu_p50']:.3f}, "
                   f"p95 {cable['cpu_p95']:.3f}, p99 {cable['cpu_p99']:.3f} ms")
    return "\n".join(out + one_file_report(one))


def one_file_report(one: dict[str, tuple[float, float]]) -> list[str]:
    floor = one["python"][0]
    out = [f"one file from process start (medians; `python -c pass` alone: {floor:.0f} ms, "
           f"CPU {one['python'][1]:.0f} ms):"]
    for name, what, goal in (("first", "first run, empty cache ", 150), ("changed", "warm, file changed    ", 80),
                             ("unchanged", "warm, file unchanged  ", 80)):
        wall, cpu = one[name]
        out.append(f"  {what}: {wall:5.0f} ms (CPU {cpu:.0f} ms; {wall - floor:.0f} ms above python; goal <= {goal})")
    return out


def _env() -> dict[str, str]:
    """The environment of the timed runs, the package's bytecode compiled
    first (warm = bytecode cached, as after pip install)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "CABLELINT_CACHE_DIR",
                                                            "CABLELINT_NO_CACHE")}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(__import__("cablelint").__file__).parent)],
                   stdout=subprocess.DEVNULL, check=False)
    return env


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="benchmarks/bench.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/cablecorpus"), help="corpus folder (made if missing)")
    ap.add_argument("--count", type=int, default=20000, help="cables to generate (default 20000)")
    ap.add_argument("--gen", type=Path, default=GEN, help="gen_corpus.py (default ../shared/bench/gen_corpus.py)")
    ap.add_argument("--skip-generate", action="store_true", help="use --corpus as it is")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds of the corpus runs (default 3)")
    ap.add_argument("--one-file-repeat", type=int, default=5, help="runs of each one-file case (default 5)")
    ap.add_argument("--no-release", action="store_true", help="skip the --rules release runs")
    ap.add_argument("--no-baseline", action="store_true", help="skip baseline_regex.py (a big corpus's memory)")
    ap.add_argument("--corpus-only", action="store_true", help="only the corpus runs (no per-cable, one-file)")
    ap.add_argument("--one-file", type=Path, metavar="FILE",
                    help="only the one-file figures, on FILE (no corpus generated nor run)")
    a = ap.parse_args(argv)
    if a.one_file is not None:
        env = _env()
        print("\n".join(one_file_report(one_file(a.one_file, env, a.one_file_repeat))))
        return 0
    if not a.skip_generate:
        generate(a.corpus, a.count, a.gen)
    cables = a.corpus / "cables" if (a.corpus / "cables").is_dir() else a.corpus
    files = sorted(cables.glob("*.txt"))
    env = _env()
    runs = corpus_rounds(cables, a.rounds, env, not a.no_release, not a.no_baseline)
    if a.corpus_only:
        print(report(runs, len(files), sum(p.stat().st_size for p in files), {}, {}))
        return 0
    cable = per_cable(cables)
    sample = next((p for p in files if 8 * 1024 <= p.stat().st_size <= 12 * 1024), files[0])
    one = one_file(sample, env, a.one_file_repeat)
    print(report(runs, len(files), sum(p.stat().st_size for p in files), cable, one))
    return 0


if __name__ == "__main__":
    sys.exit(main())
