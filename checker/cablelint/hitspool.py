"""The result cache's answers for a corpus, held on disk until reported.

`cache.ResultCache.find_all` reads the cache shard after shard (each shard
once), so its hits come in shard order, not in the files' order they are
reported in. Holding them in memory until then cost a warm corpus run every
file's packed findings at once (87 MB peak RSS at 100k). Here each hit is
written to an anonymous temporary file as it is found, as a record that
names its file's index; within one shard the indices ascend, so the spool
is a few ascending runs (at most one a shard), and `take` reads them back
merged, a record at a time, as the files are reported in order.
What stays in memory per file is one bit (whether it hit: the files to lint
are known before the hits are read back), made at the first hit (a cold
run's look-up keeps nothing). The spool holds what the cache's shards hold
(findings without flagged text), in a file no other process can open,
deleted when closed.

A spool that cannot be written (a full or read-only temp folder, a file
size limit) never fails the run, as no other cache trouble does: the hits
not yet on disk, and those after, are held in memory, as before the spool.
"""
from __future__ import annotations

import heapq
import pickle
from array import array

from .spool import Spool

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Any

CHUNK = 1 << 16  # bytes of records gathered before one write (the file is unbuffered: a failed write is exact)
_HEAD = 8  # a record: the file's index and the payload's size, 4 bytes each, then the payload


class Hits:
    """Hits of the files `0..n-1` of a look-up: `add(i, ...)` while looking
    up (i ascending, but for a new run), `take(i)` once each, i ascending,
    while reporting; `count` hits in all."""

    def __init__(self, n: int) -> None:
        self._n = n
        self._bits = bytearray()  # bit i: file i hit (made at the first hit)
        self._runs = array("q")  # where each ascending run of records starts in the spool
        self._last = -1  # the index of the last record added
        self._spool = Spool()
        self._end = 0  # where the next record goes in the spool
        self._disk = 0  # how much of the spool is written (records below it are read from the file)
        self._buf = bytearray()  # the records from `_disk` to `_end`, not yet written
        self._held: dict[int, bytes] | None = None  # records kept in memory once the spool failed
        self._heads: list[tuple[int, int, int, int]] | None = None  # each run's next record: made at the first take
        self.count = 0

    def add(self, i: int, packed: bytes | None, stored: str, path: str) -> None:
        """File i hit: its packed findings (None: skipped as no cable), under
        the path it was linted as (`stored`, kept only when not `path`)."""
        record = pickle.dumps((packed, None if stored == path else stored), protocol=pickle.HIGHEST_PROTOCOL)
        if not self._bits:
            self._bits = bytearray((self._n + 7) // 8)
        self._bits[i >> 3] |= 1 << (i & 7)
        self.count += 1
        if self._held is not None:
            self._held[i] = record
            return
        if i < self._last or not self._runs:
            self._runs.append(self._end)
        self._last = i
        self._buf += i.to_bytes(4, "little") + len(record).to_bytes(4, "little") + record
        self._end += _HEAD + len(record)
        if len(self._buf) >= CHUNK:
            self._drain()

    def written(self) -> None:
        """The look-up is over: what is gathered goes to the file, for `take`'s reads."""
        if self._buf:
            self._drain()

    def _drain(self) -> None:
        data = bytes(self._buf)
        try:
            self._spool.append(data)
        except OSError:
            self._disk = self._spool.end
            self._hold_the_rest(data)
            return
        self._disk = self._spool.end
        self._buf.clear()

    def _hold_the_rest(self, data: bytes) -> None:
        """The spool cannot take more: the records not wholly written move to
        memory, and so do all records to come (none is lost, none read twice:
        a run's reader stops at the first record past what was written)."""
        base, at = self._end - len(data), 0
        self._held = {}
        while at < len(data):
            i, size = int.from_bytes(data[at:at + 4], "little"), int.from_bytes(data[at + 4:at + 8], "little")
            if base + at + _HEAD + size > self._disk:
                self._held[i] = data[at + _HEAD:at + _HEAD + size]
            at += _HEAD + size
        self._buf.clear()

    def __contains__(self, i: int) -> bool:
        return bool(self._bits) and bool(self._bits[i >> 3] >> (i & 7) & 1)

    def take(self, i: int, path: str) -> Any:
        """(packed findings or None, path as linted) of file i, or None for a
        miss; the files are taken in ascending order (a file not taken is passed over)."""
        if i not in self:
            return None
        if self._held is not None and i in self._held:
            record = self._held.pop(i)
        else:
            record = self._from_runs(i)
        packed, stored = pickle.loads(record)
        return packed, path if stored is None else stored

    def _from_runs(self, i: int) -> bytes:
        """File i's record from the runs merged: a heap of each run's next
        record's (index, place, size, run's end), no record held but the one
        read (a run is read up to its first record not wholly written)."""
        if self._heads is None:
            self.written()
            self._heads = []
            bounds = [*self._runs, self._end]
            for k in range(len(self._runs)):
                end = min(bounds[k + 1], self._disk)
                if bounds[k] + _HEAD <= end:
                    self._push(self._read(bounds[k], _HEAD), bounds[k], end)
        while self._heads[0][0] < i:  # a file not taken (a run stopped early) is passed over
            _, at, size, end = heapq.heappop(self._heads)
            self._push(self._read(at + _HEAD + size, _HEAD), at + _HEAD + size, end)
        got, at, size, end = heapq.heappop(self._heads)
        assert got == i, (got, i)
        data = self._read(at + _HEAD, size + _HEAD)  # the record, and the head of the run's next one
        self._push(data[size:], at + _HEAD + size, end)
        return data[:size]

    def _push(self, head: bytes, at: int, end: int) -> None:
        """The run's record at `at` onto the heap, if it is there, whole."""
        if len(head) < _HEAD or at + _HEAD > end:
            return
        size = int.from_bytes(head[4:8], "little")
        if at + _HEAD + size <= end:
            heapq.heappush(self._heads, (int.from_bytes(head[:4], "little"), at, size, end))

    def _read(self, at: int, size: int) -> bytes:
        return self._spool.read(at, size)

    def close(self) -> None:
        self._spool.close()
        self._heads = None
