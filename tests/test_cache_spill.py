"""A big cold run's cache writing (issue 15): spills go to segment files, so a
run rewrites each shard once (at `save`), not once per spill; look-ups read a
shard's base and its segments; a crashed run's segments, concurrent runs and
the size bounds keep the cache's promises."""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from cablelint import cache
from cablelint.cli import main
from test_cache import _corpus

KEY = "s" * 64


def _stamp(p: Path) -> tuple:
    return (*cache.stamp_of(p.stat()), cache.content_digest(p.read_bytes()))


def _put_all(rc: cache.ResultCache, files: list[Path]) -> None:
    for i, p in enumerate(files):
        rc.put_packed(str(p), _stamp(p), cache.pack([]) if i % 2 else None)


def _writes(monkeypatch) -> Counter:
    """Every result file the cache writes, by name (temporary file + os.replace)."""
    count: Counter = Counter()
    real = cache.write_atomic

    def counted(path: Path, data: bytes) -> None:
        if path.parent.parent.name == "results":  # not the engine cache's files
            count[path.name] += 1
        real(path, data)
    monkeypatch.setattr(cache, "write_atomic", counted)
    return count


def _segments(folder: Path) -> list[Path]:
    return list(folder.rglob("*" + cache.SEGMENT))


def _hits(root: Path, files: list[Path]) -> int:
    hits = cache.ResultCache(root, KEY).find_all([str(p) for p in files])
    try:
        return hits.count
    finally:
        hits.close()


def test_a_cold_run_rewrites_each_shard_once_however_often_it_spills(tmp_path: Path, capsys, monkeypatch) -> None:
    files = _corpus(tmp_path / "cables", 300)
    monkeypatch.setattr(cache, "SPILL_BYTES", 4000)  # a spill every ~15 files
    writes = _writes(monkeypatch)
    cdir = tmp_path / "cache"
    assert main(["check", "--isolated", "--jobs", "1", "--exit-zero", "-q", "--cache-dir", str(cdir),
                 str(tmp_path / "cables")]) == 0
    capsys.readouterr()
    shards = {n: c for n, c in writes.items() if not n.endswith(cache.SEGMENT)}
    segments = sum(c for n, c in writes.items() if n.endswith(cache.SEGMENT))
    assert shards and max(shards.values()) == 1, shards  # each shard written once, at the end...
    assert segments > 100  # ...though many spills touched it
    assert not _segments(cdir)  # merged into their shards by save()
    warm = main(["check", "--isolated", "--jobs", "1", "--exit-zero", "-q", "--statistics", "--cache-dir", str(cdir),
                 str(tmp_path / "cables")])
    assert warm == 0 and capsys.readouterr()
    assert _hits(cdir, files) == 0  # another run key: the CLI's; the API's entries below
    rc = cache.ResultCache(cdir, KEY)
    _put_all(rc, files)
    rc.save()
    assert _hits(cdir, files) == len(files)


def test_look_ups_read_the_segments_of_a_crashed_run_and_the_next_writer_merges_them(tmp_path: Path,
                                                                                      monkeypatch) -> None:
    files = _corpus(tmp_path / "cables", 120)
    monkeypatch.setattr(cache, "SPILL_BYTES", 3000)
    crashed = cache.ResultCache(tmp_path, KEY)
    _put_all(crashed, files)  # spilled, never saved
    left = _segments(tmp_path)
    assert left and not list(tmp_path.rglob("[0-9][0-9][0-9].pickle"))
    held = sum(len(v) for v in crashed._new.values())
    assert _hits(tmp_path, files) == len(files) - held  # what it spilled hits
    one = cache.ResultCache(tmp_path, KEY)
    assert one.get(str(files[0])) is not cache.MISS  # a one-file run reads its shard's segments too
    n = one._shard_of(os.path.abspath(files[0]))
    one.put_packed(str(files[0]), _stamp(files[0]), None)
    one.save()
    mine = [p for p in _segments(tmp_path) if p.name.startswith(f"{n:03d}.")]
    assert not mine and (one.dir / f"{n:03d}.pickle").is_file()  # the shard it wrote took in the leftovers
    assert 0 < len(_segments(tmp_path)) < len(left)  # the others wait for their next writer
    assert _hits(tmp_path, files) == len(files) - held


def test_a_damaged_or_foreign_segment_is_a_miss(tmp_path: Path, monkeypatch) -> None:
    files = _corpus(tmp_path / "cables", 40)
    monkeypatch.setattr(cache, "SPILL_BYTES", 10 ** 9)
    rc = cache.ResultCache(tmp_path, KEY)
    _put_all(rc, files)
    rc.save()
    folder = rc.dir
    n = rc._shard_of(os.path.abspath(files[0]))
    (folder / f"{n:03d}.1.2.x.3{cache.SEGMENT}").write_bytes(b"not a pickle")
    (folder / f"{n:03d}.2.2.x.3{cache.SEGMENT}").write_bytes((folder / f"{n:03d}.pickle").read_bytes())  # seal of another place
    (folder / "notes.seg.pickle").write_bytes(b"x")
    assert _hits(tmp_path, files) == len(files)
    again = cache.ResultCache(tmp_path, KEY)
    again.put_packed(str(files[0]), _stamp(files[0]), None)
    again.save()  # merged: the damaged ones read as nothing and go
    assert _hits(tmp_path, files) == len(files) and not list(folder.glob(f"{n:03d}.*{cache.SEGMENT}"))


def test_two_runs_interleaving_spills_keep_both_runs_entries(tmp_path: Path, monkeypatch) -> None:
    files = _corpus(tmp_path / "cables", 200)
    monkeypatch.setattr(cache, "SPILL_BYTES", 3000)
    a, b = cache.ResultCache(tmp_path, KEY), cache.ResultCache(tmp_path, KEY)
    for i in range(0, 200, 20):  # a and b take turns, each spilling segments into shards the other writes
        _put_all(a if i % 40 else b, files[i:i + 20])
    names = [p.name for p in _segments(tmp_path)]
    assert len(names) == len(set(names)) and len({n.split(".")[3] for n in names}) == 2  # never one name twice
    a.save()
    assert _hits(tmp_path, files) < len(files) or not b._spilled  # b's held entries are not yet written
    b.save()
    assert _hits(tmp_path, files) == len(files)
    assert not _segments(tmp_path) and not list(tmp_path.rglob("*.tmp"))


def test_a_shard_keeps_at_most_max_segments_and_max_entries(tmp_path: Path, monkeypatch) -> None:
    files = _corpus(tmp_path / "cables", 150)
    monkeypatch.setattr(cache, "SPILL_BYTES", 1)  # a spill every file
    monkeypatch.setattr(cache, "MAX_SEGMENTS", 3)
    monkeypatch.setattr(cache, "SHARDS", 2)
    monkeypatch.setattr(cache, "MAX_SHARD_ENTRIES", 50)
    rc = cache.ResultCache(tmp_path, KEY)
    most = 0
    for p in files:
        rc.put_packed(str(p), _stamp(p), None)
        most = max([most, *Counter(s.name[:3] for s in _segments(tmp_path)).values()])
    assert most == cache.MAX_SEGMENTS  # a look-up reads at most a base and MAX_SEGMENTS segments
    rc.save()
    kept = {k for n in range(2) for k in cache._load(rc._file(n))}
    assert len(kept) == 100 and os.path.abspath(files[-1]) in kept  # 50 a shard, the newest
    assert _hits(tmp_path, files) == 100


@pytest.mark.parametrize("spill", [1, 10 ** 9])
def test_nothing_is_written_without_a_secret_to_seal_it(tmp_path: Path, monkeypatch, spill: int) -> None:
    files = _corpus(tmp_path / "cables", 10)
    monkeypatch.setattr(cache, "SPILL_BYTES", spill)
    monkeypatch.setattr(cache.seal, "secret", lambda: None)
    rc = cache.ResultCache(tmp_path / "cache", KEY)
    _put_all(rc, files)
    rc.save()
    assert not list((tmp_path / "cache").rglob("*.pickle"))


def test_a_file_named_like_a_segment_with_other_digits_is_no_segment(tmp_path: Path) -> None:
    """'²²²' passes str.isdigit but is no shard number: ignored, not a crash (review late s7)."""
    results = cache.ResultCache(tmp_path / "cache", "k" * 64)
    results.dir.mkdir(parents=True)
    (results.dir / ("\u00b2\u00b2\u00b2.1" + cache.SEGMENT)).write_bytes(b"x")
    assert results._segments() == {}
