"""A corpus's paths sorted into the result cache's shards, on disk
(issue 15: a warm run's memory flat with the corpus).

`cache.ResultCache.find_all` reads each shard once, so it goes through the
files shard by shard. Grouping the files' indices by shard in memory cost 4
bytes a file, and reading each path back by index meant holding the whole
list of paths (pathlist.PathList spools a long one: going through it out of
order would read it once a shard). Here one pass in order writes each file's
(index, path) into its shard's bucket: a buffer of BUFFER bytes a shard,
written to an anonymous temporary file whenever it fills (the file is
deleted when closed); `shard` reads a bucket back, its indices ascending.
A temporary file that cannot be written keeps the buckets in memory, as
before: never a failed run.
"""
from __future__ import annotations

from .spool import Spool

BUFFER = 4096  # bytes of one shard's records held before they are written (x 256 shards: 1 MB at most)


class Buckets:
    """`add(shard, i, path)` for files in ascending `i`; then `shard(n)` gives
    shard n's (i, path), in order, once; `close` deletes the file."""

    def __init__(self) -> None:
        self._buf: dict[int, bytearray] = {}
        self._parts: dict[int, list] = {}  # shard -> its written parts: (place, size), or bytes held
        self._spool = Spool()
        self._failed = False  # the file failed: parts are held in memory from then on

    def add(self, shard: int, i: int, path: str) -> None:
        buf = self._buf.get(shard)
        if buf is None:
            buf = self._buf[shard] = bytearray()
        buf += i.to_bytes(4, "little") + path.encode("utf-8", "surrogatepass") + b"\0"
        if len(buf) >= BUFFER:
            self._parts.setdefault(shard, []).append(self._put(bytes(buf)))
            buf.clear()

    def _put(self, data: bytes) -> tuple[int, int] | bytes:
        """A full buffer written out: its place and size, or the bytes when the file cannot take them."""
        if not self._failed:
            try:
                return self._spool.append(data), len(data)
            except OSError:
                self._failed = True  # what was written of it is never read
        return data

    def shards(self) -> list[int]:
        """The shards that have files, in order."""
        return sorted(self._buf.keys())

    def shard(self, n: int) -> list[tuple[int, str]]:
        """Shard n's (index, path), indices ascending; its bucket is then forgotten."""
        out: list[tuple[int, str]] = []
        for part in [*self._parts.pop(n, []), bytes(self._buf.pop(n, b""))]:
            data = part if isinstance(part, bytes) else self._spool.read(*part)
            at = 0
            while at < len(data):
                nul = data.index(b"\0", at + 4)  # (an index's own bytes may be 0: the path starts after them)
                out.append((int.from_bytes(data[at:at + 4], "little"),
                            data[at + 4:nul].decode("utf-8", "surrogatepass")))
                at = nul + 1
        return out

    def close(self) -> None:
        self._spool.close()
