"""The result cache's answers for a corpus, held on disk until reported.

`cache.ResultCache.find_all` reads the cache shard after shard (each shard
once), so its hits come in shard order, not in the files' order they are
reported in. Holding them in memory until then cost a warm corpus run every
file's packed findings at once (87 MB peak RSS at 100k). Here each hit is
written to an anonymous temporary file as it is found and only its place
there is kept: two integers per file, in arrays (12 bytes a file, no object
per hit), and each is read back (one `pread`) when its file is reported.
The spool holds what the cache's shards hold (findings without flagged
text), in a file no other process can open, deleted when closed.
"""
from __future__ import annotations

import os
import pickle
from array import array

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Any, BinaryIO


class Hits:
    """Hits of the files `0..n-1` of a look-up: `add(i, ...)` while looking
    up, `take(i)` (once) while reporting; `count` hits in all."""

    def __init__(self, n: int) -> None:
        self._at = array("q", [-1]) * n  # where file i's hit starts in the spool; -1: a miss
        self._size = array("I", [0]) * n
        self._spool: BinaryIO | None = None
        self._end = 0
        self.count = 0

    def add(self, i: int, packed: bytes | None, stored: str, path: str) -> None:
        """File i hit: its packed findings (None: skipped as no cable), under
        the path it was linted as (`stored`, kept only when not `path`)."""
        if self._spool is None:
            import tempfile  # only a run with hits (a one-file run asks cache.get)

            self._spool = tempfile.TemporaryFile()
        record = pickle.dumps((packed, None if stored == path else stored), protocol=pickle.HIGHEST_PROTOCOL)
        self._spool.write(record)
        self._at[i], self._size[i] = self._end, len(record)
        self._end += len(record)
        self.count += 1

    def written(self) -> None:
        """The look-up is over: what is buffered goes to the file, for `take`'s reads."""
        if self._spool is not None:
            self._spool.flush()

    def __contains__(self, i: int) -> bool:
        return self._at[i] >= 0

    def take(self, i: int, path: str) -> Any:
        """(packed findings or None, path as linted) of file i, or None for a miss."""
        at = self._at[i]
        if at < 0:
            return None
        assert self._spool is not None
        packed, stored = pickle.loads(os.pread(self._spool.fileno(), self._size[i], at))
        return packed, path if stored is None else stored

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None
