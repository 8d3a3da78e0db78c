"""A corpus run's memory does not grow with the corpus (issue 15): a check
run keeps a few small integers per file, never its findings, text or cache
hits. Measured as the peak of the memory Python traces (tracemalloc), of the
same run on N and on 4N files: no timing, a generous bound per file."""
from __future__ import annotations

import functools
import gc
import threading
import tracemalloc
from pathlib import Path

import pytest

from cablelint import cache, quickcheck, streamrun
from cablelint.cli import main
from cablelint.hitspool import Hits
from cablelint.lintpool import Window, lint_files
from cablelint.parse import memo
from cablelint.reporters import common
from cablelint.reporters.common import batched

# Two texts only: the parser's memos of line texts (bounded, kept across
# runs) then hold nothing more for the bigger corpus.
CABLE = """C O N F I D E N T I A L PARIS 001234
E.O. 12958: DECL: 01/30/2014
TAGS: PREL FR
SUBJECT: MEMORY TEST
Classified By: DCM Jane Roe, reasons 1.4 (b) and (d)

1. {mark} Poloff met the minister on Monday.
3. (U) A gap in the numbering.

4. The minister said nothing of note.
"""
N = 30
# What linting and reporting may keep per file: a few integers (discovery's
# list of paths is made before). Holding each file's findings (~2 KB here)
# or its cache hit (a packed blob of ~600 bytes and its tuple) goes well past.
PER_FILE = 200


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(n):
        (folder / f"c{i:05d}.txt").write_text(CABLE.format(mark="(C)" if i % 2 else ""), encoding="utf-8")
    return folder


def _check(*args: str) -> None:
    assert main(["check", "--isolated", "--date", "2004-01-30", "--jobs", "1", "--exit-zero", *args]) == 0


def _empty_parser_memos() -> None:
    """Empty the parser's bounded memos of line texts and marks: one that
    reaches its bound during a measured run empties at once (tens of KB, which
    reads as growth or loss per file depending on the run it falls in, and
    where it falls depends on what earlier tests parsed). Emptied, the first
    run (not counted) fills them with the two texts' lines and none empties."""
    for obj in gc.get_objects():
        if isinstance(obj, memo.TextMemo):
            obj.data.clear()
    memo._PORTIONS.clear()
    memo._CONTROLS.clear()


def _growth(tmp: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> float:
    """Bytes per file by which the memory a run takes while its files are
    linted and reported grows from the run on N files to the same run on 4N:
    what is traced once the first file is reported (the cache's hits are
    looked up by then) and after the last (what piled up), above what was
    traced as the linting began (the engine built, the files found),
    garbage collected first, so that it is not the collector's timing."""
    _empty_parser_memos()
    held = []

    def traced(*a, **k):
        gc.collect()
        start = tracemalloc.get_traced_memory()[0]
        got = None
        for i, got in enumerate(lint_files(*a, **k)):
            if i == 0:
                gc.collect()
                first = tracemalloc.get_traced_memory()[0]
            yield got
        del got
        gc.collect()
        held.append(max(first, tracemalloc.get_traced_memory()[0]) - start)

    monkeypatch.setattr(streamrun, "lint_files", traced)
    monkeypatch.setattr(common, "batched", functools.partial(batched, size=256))  # not 64 KB of report text
    # The first run of the big corpus with these options is not counted: what it makes once
    # (a pattern first compiled, a memo first filled by an earlier test's texts) is no growth.
    for folder in ("big", "small", "big"):
        tracemalloc.start()
        try:
            _check(*args, "-o", str(tmp / "out"), str(tmp / folder))
        finally:
            tracemalloc.stop()
    return (held[2] - held[1]) / (3 * N)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """N and 4N cables, the result cache filled for both, and every import,
    pattern and memo a run makes already made."""
    tmp = tmp_path_factory.mktemp("flat")
    _corpus(tmp / "small", N)
    _corpus(tmp / "big", 4 * N)
    for folder in ("small", "big", "small"):
        _check("--cache-dir", str(tmp / "cache"), "-o", str(tmp / "warm-up"), str(tmp / folder))
    return tmp


def test_a_cold_run_keeps_no_memory_per_file(corpora: Path, monkeypatch) -> None:
    got = _growth(corpora, monkeypatch, "--no-cache")
    assert got < PER_FILE, got


@pytest.mark.parametrize("fmt", ["full", "json", "sarif"])
def test_a_warm_run_keeps_no_memory_per_file(corpora: Path, fmt: str, monkeypatch) -> None:
    """Every file a result-cache hit, through the full run a corpus takes
    (the cache-only run, quickcheck, is for at most QUICK_MAX_FILES files
    and holds their findings: a report sorted as a whole)."""
    monkeypatch.setattr(quickcheck, "QUICK_MAX_FILES", 0)
    got = _growth(corpora, monkeypatch, "--cache-dir", str(corpora / "cache"), "-f", fmt)
    assert got < PER_FILE, got


def test_cache_hits_wait_on_disk_not_in_memory(tmp_path: Path) -> None:
    """find_all gives a spool (two integers a file), read back by take()."""
    folder = _corpus(tmp_path / "cables", 4)
    paths = sorted(str(p) for p in folder.iterdir())
    results = cache.ResultCache(tmp_path / "cache", "m" * 64)
    for i, p in enumerate(paths[:3]):
        results.put_packed(p, (*cache.stamp_of(Path(p).stat()), cache.content_digest(Path(p).read_bytes())),
                           None if i == 1 else cache.pack([]))
    results.save()
    hits = cache.ResultCache(tmp_path / "cache", "m" * 64).find_all(paths)
    assert isinstance(hits, Hits) and hits.count == 3 and not vars(hits).keys() - {
        "_n", "_at", "_size", "_spool", "_end", "_disk", "_buf", "_pending", "_held", "count"}
    assert hits._held is None and not hits._pending and not hits._buf  # all on disk, nothing per file in memory
    assert [hits.take(i, p) for i, p in enumerate(paths)] == [(cache.pack([]), paths[0]), (None, paths[1]),
                                                              (cache.pack([]), paths[2]), None]
    hits.close()


def _until(done, limit: float = 30.0) -> None:
    """Wait for a thread's progress by polling, not by a fixed sleep that a busy machine can outlast."""
    import time

    end = time.monotonic() + limit
    while not done() and time.monotonic() < end:
        time.sleep(0.01)


def test_the_workers_are_fed_at_most_a_window_ahead() -> None:
    """imap's feeder thread takes files only while fewer than `size` results
    wait, and ends when the run stops early."""
    fed: list[int] = []
    window = Window(iter(range(100)), 8)
    feeder = threading.Thread(target=lambda: fed.extend(window))
    feeder.start()
    _until(lambda: len(fed) >= 8)  # a loaded machine may take a while to get there; never past it
    feeder.join(0.2)
    assert len(fed) == 8 and feeder.is_alive()
    for _ in range(4):
        window.taken()
    _until(lambda: len(fed) >= 12)
    feeder.join(0.2)
    assert len(fed) == 12
    window.close()
    feeder.join(5)
    assert not feeder.is_alive() and len(fed) == 12
