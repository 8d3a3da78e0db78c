"""The memory a check run keeps per file, measured in the interpreter that
runs this script (tests/test_flat_memory.py starts a fresh one for each
measurement):

    python growth_probe.py FOLDER [--keep-results] [--list-in-memory] [--no-quickcheck] CHECK-OPTION...

FOLDER holds `small` (N files) and `big` (4N). The same `check` run goes
through `big` (not counted: what a run makes once, a pattern compiled or a
memo filled, is no growth), `small`, then `big` again; printed is the
bytes per file by which what a run holds grows from `small` to `big`.
`--no-quickcheck`: every run goes the corpus's way, never the cache-only
one (quickcheck holds the findings of its few files, sorted as a whole).
`--keep-results`: the runs hold on to what linting gives for each file, the
leak the measure is there to see (tests/test_flat_memory.py checks it does).
Also printed: the bytes per file by which what the run holds grows counted
from before the run (discovery's list of paths included). What waits on disk in a corpus run (the list of paths
past pathlist.MEMORY_NAMES, the look-up's buckets) is made to at this small
scale too; `--list-in-memory` keeps the list of paths in memory, the growth
the peak's measure is there to see.

In a fresh interpreter the parser's memos hold only these runs' texts:
in the test process they would also hold what earlier tests parsed, and a
bounded memo that empties at once (a memo of line texts at its bound, the
per-vocabulary memos when a run builds the 17th vocabulary) would read as
growth or loss depending on which tests ran before."""
from __future__ import annotations

import functools
import gc
import sys
import tracemalloc
from pathlib import Path


def growth(folder: Path, args: list[str], keep: bool = False) -> tuple[float, list[int], float]:
    """Bytes per file: what is traced once the first file is reported (the
    cache's hits are looked up by then) and after the last (what piled up),
    above what was traced as the linting began (the engine built, the files
    found), garbage collected first so that it is not the collector's timing;
    of the run on 4N files less that of the run on N. `keep`: each run
    holds on to what linting gives for each of its files. Also the result
    cache's hits of each run (a warm run measured must be one), and the
    growth counted from before the run, discovery's list of paths included."""
    from cablelint import streamrun
    from cablelint.cli import main
    from cablelint.lintpool import lint_files
    from cablelint.reporters import common

    held: list[int] = []
    whole: list[int] = []  # held, counted from before the run (discovery's list of paths included)
    before: list[int] = []
    kept: list[object] = []
    hits = _count_cache_hits()

    def traced(*a, **k):
        gc.collect()
        start = tracemalloc.get_traced_memory()[0]
        got = None
        for i, got in enumerate(lint_files(*a, **k)):
            if i == 0:
                gc.collect()
                first = tracemalloc.get_traced_memory()[0]
            if keep:
                kept.append(got)
            yield got
        del got
        gc.collect()
        held.append(max(first, tracemalloc.get_traced_memory()[0]) - start)
        whole.append(held[-1] + start - before[-1])
        kept.clear()

    streamrun.lint_files = traced
    common.batched = functools.partial(common.batched, size=256)  # not 64 KB of report text
    for name in ("big", "small", "big"):
        hits.append(0)  # a run without the cache looks up nothing
        _traced_run(main, folder, name, args, before)
    small = sum(1 for _ in (folder / "small").iterdir())
    grown = [(m[2] - m[1]) / (4 * small - small) for m in (held, whole)]
    return grown[0], hits, grown[1]


def _count_cache_hits() -> list[int]:
    """The result cache's hits of each run, counted as the look-up answers
    (the last entry is the run going on)."""
    from cablelint import cache

    hits: list[int] = []
    find_all = cache.ResultCache.find_all

    def counted(self, files):
        got = find_all(self, files)
        hits[-1] += got.count
        return got

    cache.ResultCache.find_all = counted
    return hits


def _traced_run(main, folder: Path, name: str, args: list[str], before: list[int]) -> None:
    """One `check` run on folder/name with memory traced; what was traced as
    it began goes into `before`."""
    gc.collect()
    tracemalloc.start()
    try:
        before.append(tracemalloc.get_traced_memory()[0])
        code = main(["check", "--isolated", "--date", "2004-01-30", "--jobs", "1", "--exit-zero", *args,
                     "-o", str(folder / "out"), str(folder / name)])
    finally:
        tracemalloc.stop()
    assert code == 0, code


if __name__ == "__main__":
    where, rest = Path(sys.argv[1]), sys.argv[2:]
    keep = rest[:1] == ["--keep-results"]
    rest = rest[1:] if keep else rest
    from cablelint import buckets, files, pathlist

    pathlist.MEMORY_NAMES = 1 << 30 if rest[:1] == ["--list-in-memory"] else 8
    rest = rest[1:] if rest[:1] == ["--list-in-memory"] else rest
    files.SEGMENT_NAMES = pathlist.SEGMENT_NAMES = 8  # (4096) a corpus's list is many segments
    buckets.BUFFER = 64  # (4096 bytes) each shard's bucket written out as it fills
    if rest[:1] == ["--no-quickcheck"]:
        from cablelint import quickcheck

        quickcheck.QUICK_MAX_FILES, rest = 0, rest[1:]
    per_file, hits, from_start = growth(where, rest, keep)
    print("cache hits per run:", *hits)
    print(per_file)
    print(from_start)
