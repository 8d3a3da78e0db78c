"""The list of files a run found, held compactly (issue 15: memory flat with
the corpus).

A corpus's paths as a list of str cost ~110 bytes a file (the object, its
folder repeated in every path, the list's pointer): 11 MB at 100k files, the
biggest thing a run held per file. Here a folder's names are held as one
string and an array of where each name starts (the name's characters and 4
bytes a file); a path is made when it is asked for. It is a list as far as
its users go: in order, `len`, indexing, iteration, `append`, `sort`,
equality with a list. `Hashed` holds a set of paths as compactly, for
membership only.
"""
from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left, bisect_right

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Iterable, Iterator

SEGMENT_NAMES = 4096  # names gathered as str objects before they are packed into one string


class PathList:
    """Paths in order, each `prefix + name`, stored as segments of one prefix
    (a walked folder's `folder/`; '' for a path named as given): a packed
    segment is (prefix, names joined, array of where each starts and the
    end); the last segment's names wait as a list until SEGMENT_NAMES."""

    __slots__ = ("_packed", "_starts", "_prefix", "_names", "_n")
    __hash__ = None  # type: ignore[assignment] - mutable, as a list

    def __init__(self, paths: list[str] | tuple[str, ...] = ()) -> None:
        self._packed: list[tuple[str, str, array]] = []
        self._starts = array("q")  # the index of each packed segment's first path
        self._prefix = ""
        self._names: list[str] = []
        self._n = 0
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
        """Pack the names waiting (discovery calls it when done)."""
        if not self._names:
            return
        ends = array("I", [0])
        at = 0
        for name in self._names:
            at += len(name)
            ends.append(at)
        self._starts.append(self._n - len(self._names))
        self._packed.append((self._prefix, "".join(self._names), ends))
        self._names = []

    def __len__(self) -> int:
        return self._n

    def _pairs(self, lo: int = 0) -> Iterator[tuple[str, str]]:
        """(prefix, name) of every path from index `lo` on, in order."""
        waiting = self._n - len(self._names)
        for k in range(max(bisect_right(self._starts, lo) - 1, 0), len(self._packed)):
            prefix, blob, ends = self._packed[k]
            for j in range(max(lo - self._starts[k], 0), len(ends) - 1):
                yield prefix, blob[ends[j]:ends[j + 1]]
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
        prefix, blob, ends = self._packed[k]
        j = i - self._starts[k]
        return prefix + blob[ends[j]:ends[j + 1]]

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
        self._packed, self._starts, self._prefix, self._names = out._packed, out._starts, "", []

    def _run(self, lo: int, hi: int) -> Iterator[tuple[str, str]]:
        """(path, prefix) of the paths lo..hi-1 (paths are unique: the prefix never decides)."""
        for _, (prefix, name) in zip(range(lo, hi), self._pairs(lo)):
            yield prefix + name, prefix

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
