"""CPU per cable of each stage, in one process: decode, parse, rules (the
default engine's `lint_document` on the parsed document); and, for the cables
of 8-12 KB, the median parse and rules time and the p50/p95 of both.

    python benchmarks/stages.py DIR

Each cable is decoded, parsed and linted in turn after a warm-up on the first
50 (imports, patterns compiled on first use), timed with `time.process_time`:
CPU, which a shared machine disturbs less than wall time. Compare two versions
by alternating their runs and taking medians (README.md, "The rules stage").
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from cablelint.api import make_engine
from cablelint.source import decode


def main(folder: str) -> None:
    eng = make_engine()
    data = [(str(f), f.read_bytes()) for f in sorted(Path(folder).rglob("*.txt"))]
    for path, raw in data[:50]:
        eng.lint_document(eng.parse(decode(raw, path)))
    clock = time.process_time_ns
    total = {"decode": 0, "parse": 0, "rules": 0}
    per = []
    for path, raw in data:
        a = clock()
        src = decode(raw, path)
        b = clock()
        doc = eng.parse(src)
        c = clock()
        eng.lint_document(doc)
        e = clock()
        total["decode"] += b - a
        total["parse"] += c - b
        total["rules"] += e - c
        per.append((len(raw), (c - b) / 1e6, (e - c) / 1e6))
    n = max(len(data), 1)
    print({k: round(v / n / 1e6, 3) for k, v in total.items()}, "ms/cable;", len(data), "cables")
    band = [x for x in per if 8000 <= x[0] <= 12000]
    if band:
        both = sorted(x[1] + x[2] for x in band)
        at = lambda q: both[min(len(both) - 1, int(q * len(both)))]  # noqa: E731
        print(f"8-12 KB: n={len(band)} parse med {statistics.median(x[1] for x in band):.3f} "
              f"rules med {statistics.median(x[2] for x in band):.3f} total p50 {at(.5):.3f} p95 {at(.95):.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
