"""The cache look-up's buckets of paths on disk (buckets.py) and the hit
spool's runs (hitspool.py): what goes in comes back, in order, whether the
temporary file takes it or not (issue 15)."""
from __future__ import annotations

import errno
import random

import pytest

from cablelint import buckets, hitspool
from cablelint.buckets import Buckets
from cablelint.hitspool import Hits


def _paths(n: int) -> list[str]:
    rnd = random.Random(7)
    # names with a lone surrogate (os.fsdecode's undecodable byte), non-ASCII, and indices whose bytes hold 0
    return [f"d/{i}-" + "".join(rnd.choice("ab\u00e9\udcff") for _ in range(rnd.randint(0, 12))) for i in range(n)]


@pytest.mark.parametrize("refuse", [False, True])
def test_buckets_give_each_shard_s_files_in_order(monkeypatch: pytest.MonkeyPatch, refuse: bool) -> None:
    if refuse:
        def no_file(**kw):
            raise PermissionError(errno.EACCES, "read-only")

        monkeypatch.setattr("tempfile.TemporaryFile", no_file)
    monkeypatch.setattr(buckets, "BUFFER", 40)  # each bucket written out many times
    paths = _paths(700)
    shard_of = {p: hash(p) % 5 for p in paths}
    got = Buckets()
    for i, p in enumerate(paths):
        got.add(shard_of[p], i, p)
    assert bool(got._spool) != refuse
    assert got.shards() == sorted(set(shard_of.values()))
    for n in got.shards():
        assert got.shard(n) == [(i, p) for i, p in enumerate(paths) if shard_of[p] == n]
    got.close()


def test_hits_come_back_in_order_from_runs_in_shard_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hits added shard by shard (indices ascending within a shard) are taken
    in the files' order; a file never taken is passed over."""
    monkeypatch.setattr(hitspool, "CHUNK", 100)
    n, rnd = 300, random.Random(3)
    shard = [rnd.randrange(6) for _ in range(n)]
    hits, want = Hits(n), {}
    for s in range(6):
        for i in range(n):
            if shard[i] == s and i % 7:
                want[i] = (bytes([i % 251]) * (i % 40), f"f{i}")
                hits.add(i, want[i][0], f"f{i}", f"f{i}")
    hits.written()
    assert 1 < len(hits._runs) <= 6 and hits.count == len(want)
    skipped = {i for i in want if i % 5 == 0}
    for i in range(n):
        if i not in skipped:
            assert hits.take(i, f"f{i}") == want.get(i)
    hits.close()


@pytest.mark.parametrize("pread", [True, False])
def test_a_spool_reads_between_writes(monkeypatch: pytest.MonkeyPatch, pread: bool) -> None:
    """A read between two writes (a PathList read while another grows) never
    moves where the next write goes, with os.pread or without it (Windows)."""
    import os

    from cablelint.spool import Spool

    if not pread:
        monkeypatch.delattr(os, "pread", raising=False)
    spool = Spool()
    assert not spool
    places = [spool.append(b"abc"), spool.append(b"")]
    assert spool.read(0, 2) == b"ab"  # (a seek to 2 without pread)
    places.append(spool.append(b"defg"))
    assert places == [0, 3, 3] and spool.end == 7 and spool.read(0, 7) == b"abcdefg" and spool
    spool.close()
    assert not spool
