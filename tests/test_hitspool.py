"""The hit spool never fails a run: a temp folder that is full, read-only or
over a file size limit leaves the hits in memory (review s7 M1)."""
from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cablelint import hitspool
from cablelint.hitspool import Hits


def _fill(hits: Hits, n: int) -> list[tuple[bytes, str]]:
    want = []
    for i in range(n):
        packed = bytes([i % 256]) * (50 + i)
        hits.add(i, packed, f"f{i}.txt", f"f{i}.txt")
        want.append((packed, f"f{i}.txt"))
    hits.written()
    return want


class _Full(io.RawIOBase):
    """A spool that takes `room` bytes, part of a write at its edge, then fails as a full disk does."""

    def __init__(self, room: int) -> None:
        self.room, self.data = room, bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        if not self.room:
            raise OSError(errno.EFBIG, "File too large")
        part = bytes(b[:self.room])
        self.data += part
        self.room -= len(part)
        return len(part)

    def fileno(self) -> int:
        raise OSError("no descriptor")


@pytest.mark.parametrize("room", [0, 1, 130, 5000])
def test_a_spool_that_fills_up_loses_no_hit(monkeypatch: pytest.MonkeyPatch, room: int) -> None:
    spool = _Full(room)
    monkeypatch.setattr(hitspool, "CHUNK", 64)  # several writes, one failing part-way
    monkeypatch.setattr("tempfile.TemporaryFile", lambda **kw: spool)
    monkeypatch.setattr(Hits, "_read", lambda self, at, size: bytes(spool.data[at:at + size]))
    hits = Hits(60)
    want = _fill(hits, 60)
    assert hits.count == 60 and all(i in hits for i in range(60))
    assert [hits.take(i, f"f{i}.txt") for i in range(60)] == want
    assert hits._held is not None  # it did fail


def test_no_temp_folder_at_all_keeps_every_hit_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(**kw):
        raise PermissionError(errno.EACCES, "read-only")

    monkeypatch.setattr("tempfile.TemporaryFile", refuse)
    hits = Hits(10)
    want = _fill(hits, 10)
    assert [hits.take(i, f"f{i}.txt") for i in range(10)] == want


def test_hits_are_read_back_without_pread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no os.pread."""
    monkeypatch.delattr(os, "pread", raising=False)
    hits = Hits(40)
    want = _fill(hits, 40)
    assert [hits.take(i, f"f{i}.txt") for i in range(40)] == want
    hits.close()


CABLE = "C O N F I D E N T I A L PARIS 00{n:04d}\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\n" \
        "SUBJECT: SPOOL TEST\n\n1. Unmarked paragraph {n}.\n"


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="RLIMIT_FSIZE as on Linux")
def test_a_file_size_limit_does_not_fail_a_warm_run(tmp_path: Path) -> None:
    """The reviewer's case: a warm cache, one new file (so the whole corpus is
    looked up), and a file size limit the spool goes over."""
    import resource

    corpus = tmp_path / "c"
    corpus.mkdir()
    for n in range(120):
        (corpus / f"c{n:04d}.txt").write_text(CABLE.format(n=n), encoding="utf-8")
    env = {**os.environ, "CABLELINT_SECRET_DIR": str(tmp_path / "secret")}
    cmd = [sys.executable, "-m", "cablelint", str(corpus), "--isolated", "--exit-zero", "--jobs", "1",
           "--date", "2004-01-30", "-f", "concise", "--cache-dir", str(tmp_path / "cache")]
    cold = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert cold.returncode == 0, cold.stderr
    (corpus / "new.txt").write_text(CABLE.format(n=999), encoding="utf-8")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    warm = subprocess.run(cmd, capture_output=True, text=True, env=env, preexec_fn=limit)
    assert warm.returncode == 0, warm.stderr
    found = [line for line in warm.stdout.splitlines() if ".txt:" in line]
    assert [line for line in found if "new.txt" not in line] == [
        line for line in cold.stdout.splitlines() if ".txt:" in line]
    assert any("new.txt" in line for line in found)
