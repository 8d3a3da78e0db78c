"""A corpus run's memory does not grow with the corpus (issue 15): a check
run keeps a few small integers per file, never its findings, text or cache
hits. Measured as the peak of the memory Python traces (tracemalloc), of the
same run on N and on 4N files (growth_probe.py): no timing, a generous bound
per file."""
from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cablelint import cache
from cablelint.cli import main
from cablelint.hitspool import Hits
from cablelint.lintpool import Window

from cables import short_cable

N = 30
# What linting and reporting may keep per file: a few integers (discovery's
# list of paths is made before). Holding each file's findings (~2 KB here)
# or its cache hit (a packed blob of ~600 bytes and its tuple) goes well past.
PER_FILE = 200
PROBE = Path(__file__).with_name("growth_probe.py")


def _corpus(folder: Path, n: int, pad: str = "") -> Path:
    """`n` files of two texts only (one serial number; marked or not), so the
    parser's memos of line texts hold no more for the bigger corpus; `pad`
    lengthens each file's name."""
    folder.mkdir(parents=True)
    for i in range(n):
        text = short_cable(1234, "(C)" if i % 2 else "", "4. The minister said nothing of note.")
        (folder / f"c{i:05d}{pad}.txt").write_text(text, encoding="utf-8")
    return folder


def _check(*args: str) -> None:
    assert main(["check", "--isolated", "--date", "2004-01-30", "--jobs", "1", "--exit-zero", *args]) == 0


def _growth(tmp: Path, *args: str, hits: tuple[int, ...] = (0, 0, 0)) -> float:
    """Bytes per file by which a run's memory grows from N files to 4N
    (growth_probe.py), measured in a fresh interpreter: nothing earlier
    tests parsed, nor the vocabularies they built, is in its memos. `hits`:
    the result cache's hits each of the probe's three runs must have had
    (big, small, big), so that a warm run measured is one."""
    return _probe(tmp, *args, hits=hits)[0]


def _probe(tmp: Path, *args: str, hits: tuple[int, ...] = (0, 0, 0)) -> tuple[float, float]:
    """The probe's two measures: from the linting on, and from before the run (discovery included)."""
    out = subprocess.run([sys.executable, str(PROBE), str(tmp), *args], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    said, per_file, from_start = out.stdout.splitlines()
    assert said.split(":")[1].split() == [str(n) for n in hits], said
    return float(per_file), float(from_start)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """N and 4N cables and the result cache filled for both."""
    tmp = tmp_path_factory.mktemp("flat")
    _corpus(tmp / "small", N)
    _corpus(tmp / "big", 4 * N)
    for folder in ("small", "big", "small"):
        _check("--cache-dir", str(tmp / "cache"), "-o", str(tmp / "warm-up"), str(tmp / folder))
    return tmp


def test_a_cold_run_keeps_no_memory_per_file(corpora: Path) -> None:
    got = _growth(corpora, "--no-cache")
    assert got < PER_FILE, got


@pytest.mark.parametrize("fmt", ["full", "json", "sarif"])
def test_a_warm_run_keeps_no_memory_per_file(corpora: Path, fmt: str) -> None:
    """Every file a result-cache hit, through the full run a corpus takes
    (the cache-only run, quickcheck, is for at most QUICK_MAX_FILES files
    and holds their findings: a report sorted as a whole)."""
    got = _growth(corpora, "--no-quickcheck", "--cache-dir", str(corpora / "cache"), "-f", fmt,
                  hits=(4 * N, N, 4 * N))  # every file a hit: a cache key gone astray would measure a cold run
    assert got < PER_FILE, got


def test_the_probe_sees_a_run_that_keeps_what_it_lints(corpora: Path) -> None:
    """The measure can fail: the same cold run holding on to what linting
    gives for each file (its findings, packed) grows well past the bound."""
    got = _growth(corpora, "--keep-results", "--no-cache")
    assert got > 2 * PER_FILE, got


@pytest.fixture(scope="module")
def long_names(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """As `corpora`, each file's name 240 characters long: a list of the
    paths held in memory would be seen above all else the run holds."""
    tmp = tmp_path_factory.mktemp("flat-names")
    _corpus(tmp / "small", N, "-" + "x" * 224)
    _corpus(tmp / "big", 4 * N, "-" + "x" * 224)
    for folder in ("small", "big", "small"):
        _check("--cache-dir", str(tmp / "cache"), "-o", str(tmp / "warm-up"), str(tmp / folder))
    return tmp


@pytest.mark.parametrize("warm", [False, True])
def test_discovery_s_list_of_paths_waits_on_disk(long_names: Path, warm: bool) -> None:
    """Counted from before the run: the list of paths (past MEMORY_NAMES,
    which the probe lowers to 8) and the cache look-up's buckets of paths
    wait on disk; a list held in memory (~250 bytes a file here) is seen
    (the two measures move together by ~70 bytes a file from one process to another)."""
    args = ("--no-quickcheck", "--cache-dir", str(long_names / "cache")) if warm else ("--no-cache",)
    hits = (4 * N, N, 4 * N) if warm else (0, 0, 0)
    spooled = _probe(long_names, *args, hits=hits)[1]
    in_memory = _probe(long_names, "--list-in-memory", *args, hits=hits)[1]
    assert spooled < PER_FILE and in_memory - spooled > 120, (spooled, in_memory)  # (241 bytes a name packed)


def test_cache_hits_wait_on_disk_not_in_memory(tmp_path: Path) -> None:
    """find_all gives a spool (a bit a file in memory), read back by take()."""
    folder = _corpus(tmp_path / "cables", 4)
    paths = sorted(str(p) for p in folder.iterdir())
    results = cache.ResultCache(tmp_path / "cache", "m" * 64)
    for i, p in enumerate(paths[:3]):
        results.put_packed(p, (*cache.stamp_of(Path(p).stat()), cache.content_digest(Path(p).read_bytes())),
                           None if i == 1 else cache.pack([]))
    results.save()
    hits = cache.ResultCache(tmp_path / "cache", "m" * 64).find_all(paths)
    assert isinstance(hits, Hits) and hits.count == 3 and not vars(hits).keys() - {
        "_n", "_bits", "_runs", "_last", "_spool", "_end", "_disk", "_buf", "_held", "_heads", "count"}
    assert hits._held is None and not hits._buf and len(hits._bits) == 1  # all on disk, a bit a file in memory
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
