"""Fuzz cablelint with mutated real cables (not collected by pytest).

    python tests/fuzz/fuzz.py --inputs 100000 --jobs 2 --time-cap 3600
    python tests/fuzz/fuzz.py --scaling            # seconds per KB at 10 KB .. 10 MB

Each input is a cable of the shared corpus (../shared/corpus/real, or
--corpus) changed by one to four mutations: bytes flipped, ranges deleted
or repeated, lines shuffled, two cables spliced, long runs of one character
(blanks, capitals, digits, commas), invisible and combining characters,
lone surrogates, HTML entities, CR LF, a protected name in one of the
matching model's spellings, "(strictly protect)" markers. Inputs are made
from a seed and their index, so any one can be rebuilt (`--only INDEX`).

Every input is linted under one rule set and rendered in one output format,
taken in turn, so the run covers every rule set and format; it is also
redacted. The script checks that nothing raises, every span lies inside the
text, JSON/SARIF/GitLab output parses, no protected spelling reaches the
output, and redaction leaves no occurrence and is idempotent. An input that
takes longer than --hang seconds is stopped (SIGALRM) and counted as a hang.
Nothing from the corpus is written anywhere; failures are reported by index.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "checker"))

from cablelint import make_engine, protectfile  # noqa: E402
from cablelint import timelimit  # noqa: E402
from cablelint.protect import masker  # noqa: E402
from cablelint.reporters import Report, get, names as format_names  # noqa: E402
from cablelint.source import Source  # noqa: E402

RULESETS = [["state"], ["capco"], ["cui"], ["release"], ["state", "release"]]
NAMES = ["Josiah Rosenblatt", "Dmitri Orlov", "José Martí"]
SPELLINGS = ["JOSIAH\nROSENBLATT", "Jo\u200bsiah Rosen\u00adblatt", "ROSENBLATT, JOSIAH", "Jоsiah Rosenblatt",
             "Josiah&nbsp;Rosenblatt", "J O S I A H  R O S E N B L A T T", "dmitri_orlov", "JOSE MARTI",
             "Josiah Rosen-\nblatt", "Ｄｍｉｔｒｉ Ｏｒｌｏｖ"]
JSONISH = {"json", "sarif", "gitlab"}
_STATE: dict = {}


def corpus(path: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(path.glob("*.txt"))]


def mutate(rng: random.Random, texts: list[str]) -> str:
    t = rng.choice(texts)
    for _ in range(rng.randint(1, 4)):
        t = rng.choice(MUTATIONS)(rng, t, texts)
    return t


def _at(rng: random.Random, t: str) -> int:
    return rng.randint(0, len(t))


MUTATIONS = [
    lambda r, t, c: "".join(ch if r.random() > 0.01 else chr(r.randint(1, 0x2FFF)) for ch in t),
    lambda r, t, c: (lambda a: t[:a] + t[a + r.randint(1, 400):])(_at(r, t)),
    lambda r, t, c: (lambda a: t[:a] + t[a:a + r.randint(1, 2000)] * r.randint(2, 10) + t[a:])(_at(r, t)),
    lambda r, t, c: "\n".join(r.sample(t.split("\n"), len(t.split("\n")))),
    lambda r, t, c: t[:_at(r, t)] + r.choice(c)[r.randint(0, 2000):],
    lambda r, t, c: (lambda a: t[:a] + r.choice(" \tA,1-.(") * (r.randint(100, 5000) if r.random() < 0.95
                                                                else r.randint(20000, 60000)) + t[a:])(_at(r, t)),
    lambda r, t, c: (lambda a: t[:a] + r.choice("\u200b\u00ad\u202e\ufeff\u0301\ud800\udfff&nbsp;&#8203;")
                     + t[a:])(_at(r, t)),
    lambda r, t, c: t.replace("\n", "\r\n"),
    lambda r, t, c: (lambda a: t[:a] + " " + r.choice(SPELLINGS) + " (strictly protect) " + t[a:])(_at(r, t)),
    lambda r, t, c: t[:_at(r, t)],
    lambda r, t, c: (lambda a: t[:a] + " ".join(t[a:a + 200].upper()) + t[a + 200:])(_at(r, t)),
]


def _init(corpus_dir: str, seed: int, hang: float) -> None:
    plist = protectfile.from_terms(NAMES)
    _STATE.update(texts=corpus(Path(corpus_dir)), seed=seed, hang=hang, plist=plist,
                  engines=[make_engine(rules=rs, protect=plist) for rs in RULESETS],
                  formats=format_names())


def check_one(i: int) -> tuple[int, str, float, int]:
    """(index, problem or '', seconds, size) for input number i."""
    s = _STATE
    rng = random.Random(s["seed"] * 1_000_003 + i)
    text = mutate(rng, s["texts"])
    eng = s["engines"][i % len(s["engines"])]
    fmt = s["formats"][i % len(s["formats"])]
    t0 = time.perf_counter()
    try:
        with timelimit.limit(s["hang"]):
            problem = _probe(text, eng, fmt, s["plist"])
    except TimeoutError:
        problem = "hang"
    except Exception as exc:  # a crash is what we look for
        problem = f"crash {type(exc).__name__}: {exc}"[:300]
    return i, problem, time.perf_counter() - t0, len(text)


def _probe(text: str, eng, fmt: str, plist) -> str:
    src = Source("fuzz.txt", text)
    found = eng.lint_source(src)
    for f in found:
        if not (0 <= f.start <= f.end <= len(text)) or f.line < 1 or f.column < 1:
            return f"span outside the text: {f.rule} {f.start}-{f.end}"
    report = Report(found, eng.rules, files=1, sources={"fuzz.txt": src})
    report.mask = masker(plist, [src])
    out = get(fmt).render(report)
    if fmt in JSONISH:
        json.loads(out)
    if fmt == "json-lines":
        [json.loads(line) for line in out.splitlines() if line.strip()]
    if next(plist.finditer(out), None) is not None:
        return f"protected name in {fmt} output"
    red, _ = plist.redact(text)
    if next(plist.finditer(red), None) is not None:
        return "occurrence left after redact"
    if plist.redact(red)[0] != red:
        return "redact not idempotent"
    return ""


def fuzz(args: argparse.Namespace) -> int:
    start = time.monotonic()
    done = crashes = hangs = 0
    slowest = (0.0, -1, 0)
    problems: dict[str, list[int]] = {}
    indexes = [args.only] if args.only is not None else range(args.start, args.start + args.inputs)
    with multiprocessing.Pool(args.jobs, _init, (args.corpus, args.seed, args.hang)) as pool:
        for i, problem, secs, size in pool.imap_unordered(check_one, indexes, chunksize=50):
            done += 1
            slowest = max(slowest, (secs, i, size))
            if problem:
                key = problem.split(":")[0] if problem.startswith("crash") else problem
                problems.setdefault(key, []).append(i)
                crashes += problem.startswith("crash") or not problem.startswith("hang")
                hangs += problem == "hang"
            if done % 5000 == 0:
                print(f"{done} inputs, {crashes} failures, {hangs} hangs, {time.monotonic() - start:.0f} s",
                      file=sys.stderr, flush=True)
            if args.time_cap and time.monotonic() - start > args.time_cap:
                pool.terminate()
                break
    print(json.dumps({"inputs": done, "first": args.start, "failures": crashes, "hangs": hangs, "seconds": round(time.monotonic() - start),
                      "slowest": {"index": slowest[1], "seconds": round(slowest[0], 3), "chars": slowest[2]},
                      "problems": {k: v[:10] for k, v in problems.items()}}, indent=2))
    return 1 if crashes or hangs else 0


def scaling(args: argparse.Namespace) -> int:
    """Seconds per KB from 10 KB to 10 MB: cables concatenated to each size,
    plus the formerly quadratic inputs (one long run) at each size."""
    texts = corpus(Path(args.corpus))
    eng = make_engine(rules=["state", "release"], protect=protectfile.from_terms(NAMES))
    head = "CONFIDENTIAL PARIS 000579\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\nSUBJECT: T\n\n"
    kinds = {
        "cables": lambda n: "".join(texts)[:n],
        "B1 + blanks": lambda n: head + "1. (C) XXXXXXXXXXXX B1" + " " * n + "x\n",
        "spaced banner + letters": lambda n: "S E C R E T " + "A" * n + "\n\n1. (S) Text.\n",
        "long TAGS token": lambda n: head.replace("PREL FR", "P" * n),
    }
    for name, make in kinds.items():
        for kb in (10, 100, 1000, 10000):
            text = make(kb * 1024)
            t0 = time.perf_counter()
            with timelimit.limit(600):
                eng.lint_source(Source("x.txt", text))
            secs = time.perf_counter() - t0
            print(f"{name:24} {kb:>6} KB  {secs:8.3f} s  {1000 * secs / kb:7.3f} ms/KB", flush=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "real"))
    ap.add_argument("--inputs", type=int, default=100_000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--hang", type=float, default=30.0, help="seconds after which one input is a hang")
    ap.add_argument("--time-cap", type=float, default=0, help="stop after this many seconds")
    ap.add_argument("--start", type=int, default=0, help="first input index (continue a capped run)")
    ap.add_argument("--only", type=int, help="rebuild and check one input by index")
    ap.add_argument("--scaling", action="store_true", help="time per KB at 10 KB to 10 MB")
    args = ap.parse_args()
    return scaling(args) if args.scaling else fuzz(args)


if __name__ == "__main__":
    raise SystemExit(main())
