"""The result cache's answers for a corpus, held on disk until reported.

`cache.ResultCache.find_all` reads the cache shard after shard (each shard
once), so its hits come in shard order, not in the files' order they are
reported in. Holding them in memory until then cost a warm corpus run every
file's packed findings at once (87 MB peak RSS at 100k). Here each hit is
written to an anonymous temporary file as it is found and only its place
there is kept: two integers per file, in arrays (12 bytes a file, no object
per hit, made at the first hit: a cold run's look-up keeps none), and each
is read back when its file is reported.
The spool holds what the cache's shards hold (findings without flagged
text), in a file no other process can open, deleted when closed.

A spool that cannot be written (a full or read-only temp folder, a file
size limit) never fails the run, as no other cache trouble does: the hits
not yet on disk, and those after, are held in memory, as before the spool.
"""
from __future__ import annotations

import os
import pickle
from array import array

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Any, BinaryIO

CHUNK = 1 << 16  # bytes of records gathered before one write (the file is unbuffered: a failed write is exact)
MISS, HELD = -1, -2  # `_at` values: no hit; the hit is held in memory


class Hits:
    """Hits of the files `0..n-1` of a look-up: `add(i, ...)` while looking
    up, `take(i)` (once) while reporting; `count` hits in all."""

    def __init__(self, n: int) -> None:
        self._n = n
        self._at = array("q")  # where file i's hit starts in the spool, or MISS / HELD: made at the first hit
        self._size = array("I")  # (a cold run's look-up keeps nothing per file)
        self._spool: BinaryIO | None = None
        self._end = 0  # where the next record goes in the spool
        self._disk = 0  # how much of the spool is written (records below it are read from the file)
        self._buf = bytearray()  # the records from `_disk` to `_end`, not yet written
        self._pending: list[int] = []  # the files whose records are in `_buf`
        self._held: dict[int, bytes] | None = None  # records kept in memory once the spool failed
        self.count = 0

    def add(self, i: int, packed: bytes | None, stored: str, path: str) -> None:
        """File i hit: its packed findings (None: skipped as no cable), under
        the path it was linted as (`stored`, kept only when not `path`)."""
        record = pickle.dumps((packed, None if stored == path else stored), protocol=pickle.HIGHEST_PROTOCOL)
        if not self._at:
            self._at, self._size = array("q", [MISS]) * self._n, array("I", [0]) * self._n
        self.count += 1
        self._size[i] = len(record)
        if self._held is not None:
            self._held[i], self._at[i] = record, HELD
            return
        self._at[i] = self._end
        self._end += len(record)
        self._buf += record
        self._pending.append(i)
        if len(self._buf) >= CHUNK:
            self._drain()

    def written(self) -> None:
        """The look-up is over: what is gathered goes to the file, for `take`'s reads."""
        if self._buf:
            self._drain()

    def _drain(self) -> None:
        data = bytes(self._buf)
        try:
            if self._spool is None:
                import tempfile  # only a run with hits (a one-file run asks cache.get)

                self._spool = tempfile.TemporaryFile(buffering=0)
            view = memoryview(data)
            while view:
                done = self._spool.write(view) or 0
                self._disk += done
                view = view[done:]
        except OSError:
            self._hold_the_rest(data)
            return
        self._buf.clear()
        self._pending.clear()

    def _hold_the_rest(self, data: bytes) -> None:
        """The spool cannot take more: the records not written move to memory,
        and so do all records to come (none is lost, none read twice)."""
        base = self._end - len(data)
        self._held = {}
        for i in self._pending:
            at = self._at[i]
            if at + self._size[i] > self._disk:
                self._held[i], self._at[i] = data[at - base:at - base + self._size[i]], HELD
        self._buf.clear()
        self._pending.clear()

    def __contains__(self, i: int) -> bool:
        return bool(self._at) and self._at[i] != MISS

    def take(self, i: int, path: str) -> Any:
        """(packed findings or None, path as linted) of file i, or None for a miss."""
        at = self._at[i] if self._at else MISS
        if at == MISS:
            return None
        size = self._size[i]
        if at == HELD and self._held is not None:
            record = self._held.pop(i)
        elif at >= self._disk:  # still gathered (a take before `written`)
            start = at - (self._end - len(self._buf))
            record = bytes(self._buf[start:start + size])
        else:
            record = self._read(at, size)
        packed, stored = pickle.loads(record)
        return packed, path if stored is None else stored

    def _read(self, at: int, size: int) -> bytes:
        assert self._spool is not None
        if hasattr(os, "pread"):
            return os.pread(self._spool.fileno(), size, at)
        self._spool.seek(at)  # Windows has no pread; the spool is read by one thread
        return self._spool.read(size)

    def close(self) -> None:
        if self._spool is not None:
            try:
                self._spool.close()
            except OSError:
                pass
            self._spool = None
