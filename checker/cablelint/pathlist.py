"""The list of files a run found, held compactly (issue 15: memory flat with
the corpus).

A corpus's paths as a list of str cost ~110 bytes a file (the object, its
folder repeated in every path, the list's pointer). Here a folder's names
are packed a segment at a time into one byte string (the names joined by
NULs, which no file name holds), and once a list is longer than
MEMORY_NAMES its segments wait in an anonymous temporary file, not in
memory: a run then holds a few numbers per segment of SEGMENT_NAMES files,
nothing per file (at 100k files the packed list alone was 3 MB, and a
folder's names read while the list grew took as much again: the ~50 bytes
a file by which peak RSS grew from 20k to 100k). A path is made when it is
asked for; going through the list in order reads the file a block at a
time. It is a list as far as its users go: in order, `len`, indexing,
iteration, `append`, `sort`, equality with a list. `Hashed` holds a set of
paths as compactly, for membership only.

A temporary file that cannot be written (a full or read-only temp folder)
never fails the run: the list then stays in memory, as before the spool.
"""
from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left, bisect_right

from .spool import Spool

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Iterable, Iterator

SEGMENT_NAMES = 4096  # names gathered as str objects before they are packed into one segment
MEMORY_NAMES = 16384  # a list this long or shorter stays in memory (a pre-commit run makes no file)
BLOCK = 4096  # bytes of a spooled segment read at once while going through it in order
_NUL = "\0"


def _packed(names: list[str]) -> bytes:
    """Names as one byte string; `surrogatepass` keeps the undecodable bytes
    of a file name (os.fsdecode's lone surrogates) through the round trip."""
    return _NUL.join(names).encode("utf-8", "surrogatepass")


def _unpacked(blob: bytes) -> list[str]:
    return blob.decode("utf-8", "surrogatepass").split(_NUL) if blob else [""]


class PathList:
    """Paths in order, each `prefix + name`, stored as segments of one prefix
    (a walked folder's `folder/`; '' for a path named as given): a packed
    segment is [index of its first path, count, prefix, bytes or None when
    spooled, place in the spool, size]; the last segment's names wait as a
    list until SEGMENT_NAMES."""

    __slots__ = ("_segs", "_starts", "_prefix", "_names", "_n", "_spool", "_failed", "_last", "_unspilled")
    __hash__ = None  # type: ignore[assignment] - mutable, as a list

    def __init__(self, paths: list[str] | tuple[str, ...] = ()) -> None:
        self._segs: list[list] = []
        self._starts = array("q")  # the index of each packed segment's first path
        self._prefix = ""
        self._names: list[str] = []
        self._n = 0
        self._spool = Spool()  # written when the list outgrows MEMORY_NAMES
        self._failed = False  # the spool failed: the rest stays in memory
        self._last: tuple[int, list[str]] | None = None  # the segment indexing read last, decoded
        self._unspilled = 0  # the first segment not spooled: segments spill in order, never again
        for p in paths:
            self.append(p)

    def append(self, path: str) -> None:
        """A path as given (a file named on the command line)."""
        self.add("", path)

    def add(self, prefix: str, name: str) -> None:
        """The path `prefix + name` (a walked folder's file: `folder/` and its name)."""
        if prefix != self._prefix or len(self._names) >= SEGMENT_NAMES:
            self.pack()
            self._prefix = prefix
        self._names.append(name)
        self._n += 1

    def pack(self) -> None:
        """Pack the names waiting (discovery calls it when done); past
        MEMORY_NAMES every packed segment goes to the spool."""
        if not self._names:
            return
        count = len(self._names)
        self._starts.append(self._n - count)
        self._segs.append([self._n - count, count, self._prefix, _packed(self._names), 0, 0])
        self._names = []
        if self._n > MEMORY_NAMES:
            while self._unspilled < len(self._segs) and self._spill(self._segs[self._unspilled]):
                self._unspilled += 1  # (not from the first each time: a walk packs once a folder)

    def _spill(self, seg: list) -> bool:
        """Write a segment's bytes to the spool; False (it stays in memory,
        and so do all later ones) when the spool cannot take them."""
        if self._failed:
            return False
        try:
            at = self._spool.append(seg[3])
        except OSError:
            self._failed = True  # what was written of it is never read
            return False
        seg[3], seg[4], seg[5] = None, at, len(seg[3])
        return True

    def _seg_names(self, seg: list, skip: int = 0) -> Iterator[str]:
        """The names of a packed segment from its `skip`-th on, BLOCK bytes
        decoded at a time, in memory or spooled (a merge goes through many
        segments at once: each is never a list of its names)."""
        blob = seg[3]
        at, end = (0, len(blob)) if blob is not None else (seg[4], seg[4] + seg[5])
        rest, k = b"", 0
        while True:
            step = min(BLOCK, end - at)
            block = rest + (blob[at:at + step] if blob is not None else self._spool.read(at, step))
            at += step
            cut = block.rfind(b"\0") if at < end else len(block)
            if cut < 0:
                rest = block
                continue
            names, rest = _unpacked(block[:cut]), block[cut + 1:]
            yield from names[max(skip - k, 0):]
            k += len(names)
            if at >= end:
                return

    def __len__(self) -> int:
        return self._n

    def _pairs(self, lo: int = 0) -> Iterator[tuple[str, str]]:
        """(prefix, name) of every path from index `lo` on, in order."""
        waiting = self._n - len(self._names)
        for k in range(max(bisect_right(self._starts, lo) - 1, 0), len(self._segs)):
            seg = self._segs[k]
            prefix = seg[2]
            for name in self._seg_names(seg, max(lo - seg[0], 0)):
                yield prefix, name
        prefix = self._prefix
        for name in self._names[max(lo - waiting, 0):]:
            yield prefix, name

    def __iter__(self) -> Iterator[str]:
        return (prefix + name for prefix, name in self._pairs())

    def __getitem__(self, i: int) -> str:
        if isinstance(i, slice):
            return list(self)[i]  # type: ignore[return-value]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError("PathList index out of range")
        waiting = self._n - len(self._names)
        if i >= waiting:
            return self._prefix + self._names[i - waiting]
        k = bisect_right(self._starts, i) - 1
        seg = self._segs[k]
        if self._last is None or self._last[0] != k:
            self._last = (k, list(self._seg_names(seg)))
        return seg[2] + self._last[1][i - seg[0]]

    def _merged(self) -> Iterator[tuple[str, str]] | None:
        """(path, prefix) of every path in sorted order, the runs already in
        order (each walked folder's files, each sorted chunk of a folder's
        names) merged one path at a time; None when the list is sorted."""
        breaks, last = [0], None
        for i, (prefix, name) in enumerate(self._pairs()):
            path = prefix + name
            if last is not None and path < last:
                breaks.append(i)
            last = path
        if len(breaks) == 1:
            return None
        bounds = [*breaks, self._n]
        return heapq.merge(*(self._run(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)))

    def in_order(self) -> Iterator[str]:
        """The paths sorted, one at a time: no list of every path is made."""
        merged = self._merged()
        return iter(self) if merged is None else (path for path, _ in merged)

    def sort(self) -> None:
        """Sort in place, as a list of the paths would be; a sorted list is left as it is."""
        merged = self._merged()
        if merged is None:
            return
        out = PathList()
        for path, prefix in merged:
            out.add(prefix, path[len(prefix):])
        out.pack()
        self._spool.close()
        self._segs, self._starts, self._prefix, self._names, self._last = out._segs, out._starts, "", [], None
        self._spool, self._failed, self._unspilled = out._spool, out._failed, out._unspilled

    def _run(self, lo: int, hi: int) -> Iterator[tuple[str, str]]:
        """(path, prefix) of the paths lo..hi-1 (paths are unique: the prefix never decides)."""
        for _, (prefix, name) in zip(range(lo, hi), self._pairs(lo)):
            yield prefix + name, prefix

    def close(self) -> None:
        """Let the spool go; the list is then empty."""
        self._spool.close()
        self._segs, self._starts, self._names, self._n, self._last = [], array("q"), [], 0, None
        self._unspilled = 0

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (PathList, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return repr(list(self))


class Hashed:
    """A set of strings held as the sorted array of their hashes: 8 bytes a
    member, no str object (a work tree's files, which git lists: ~150 bytes
    a file as a set of paths, issue 15). Two paths of one hash (about 1 in
    1e9 for 100k files) would keep a file git ignores: linted, not lost."""

    __slots__ = ("_hashes",)

    def __init__(self, items: Iterable[str]) -> None:
        self._hashes = array("q", sorted(map(hash, items)))

    def __contains__(self, item: object) -> bool:
        h = hash(item)
        i = bisect_left(self._hashes, h)
        return i < len(self._hashes) and self._hashes[i] == h

    def __len__(self) -> int:
        return len(self._hashes)
