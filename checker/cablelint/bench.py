"""The project's benchmark: `python -m cablelint.bench CORPUS_DIR [--baseline SCRIPT]`.

It measures what the speed goals are stated in:

- in-process cost per 10 KB of cable (p50/p95), parse plus every rule of
  the default rule sets, on every file of CORPUS_DIR;
- whole-run wall time of the `cablelint` command on CORPUS_DIR (output to a
  file, as a CI run would), and, given `--baseline`, of the peer script
  `baseline_regex.py --jobs 2` on the same folder, with the ratio;
- process start to exit for one file (the pre-commit case).

Timings are wall clock on this machine; run it on an idle machine and report
the command with the figures. It is a measurement, not a test: nothing here
asserts a speed.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .api import make_engine
from .files import discover
from .settings import Config
from .ruleset import DEFAULT_RULESETS
from .source import read


def per_document(corpus: Path, rulesets: list[str]) -> dict[str, float]:
    engine = make_engine(rulesets)
    files = discover(Config(), [str(corpus)]).files
    sources = [read(f) for f in files]
    for s in sources[:50]:  # warm caches (regex compilation, era tables)
        engine.lint_source(s)
    per10k: list[float] = []
    total = 0.0
    for s in sources:
        t0 = time.perf_counter()
        engine.lint_source(s)
        dt_ms = (time.perf_counter() - t0) * 1000
        total += dt_ms
        per10k.append(dt_ms * 10240 / max(1, len(s.text.encode("utf-8"))))
    per10k.sort()
    return {"files": len(sources), "p50_ms_per_10kb": statistics.median(per10k),
            "p95_ms_per_10kb": per10k[int(len(per10k) * 0.95) - 1], "total_s": total / 1000}


def wall(cmd: list[str], repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        with tempfile.TemporaryFile() as out:
            t0 = time.perf_counter()
            subprocess.run(cmd, stdout=out, stderr=subprocess.DEVNULL, check=False)
            best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m cablelint.bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="folder of cables")
    ap.add_argument("--rules", action="append", help="rule sets (default: the command's default)")
    ap.add_argument("--baseline", type=Path, help="path to ../shared/bench/baseline_regex.py")
    ap.add_argument("--jobs", default="2", help="--jobs for the cablelint command run")
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args(argv)
    rulesets = a.rules or list(DEFAULT_RULESETS)
    r = per_document(a.corpus, rulesets)
    print(f"in-process: {r['files']} files, {r['total_s']:.2f} s; per 10 KB: p50 {r['p50_ms_per_10kb']:.2f} ms, "
          f"p95 {r['p95_ms_per_10kb']:.2f} ms")
    exe = [sys.executable, "-m", "cablelint"]
    rules_args = [x for rs in rulesets for x in ("--rules", rs)]
    jobs = ["--jobs", a.jobs] if "--jobs" in subprocess.run(exe + ["check", "--help"], capture_output=True,
                                                           text=True).stdout else []
    ours = wall(exe + ["check", str(a.corpus), "--format", "concise", "--exit-zero", *rules_args, *jobs], a.repeat)
    print(f"cablelint {' '.join(jobs)}: {ours:.2f} s wall for {a.corpus}")
    if a.baseline:
        theirs = wall([sys.executable, str(a.baseline), "--jobs", "2", str(a.corpus)], a.repeat)
        print(f"baseline_regex.py --jobs 2: {theirs:.2f} s wall; cablelint is {theirs / ours:.2f}x the baseline's speed")
    one = r and discover(Config(), [str(a.corpus)]).files[0]
    start = wall(exe + ["check", one, "--format", "concise", "--exit-zero"], 5)
    print(f"one file from process start: {start * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
