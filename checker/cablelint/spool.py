"""An anonymous temporary file that a run writes at its end and reads
anywhere: where what would grow with the corpus waits instead of memory
(issue 15: the list of paths, pathlist; the look-up's buckets, buckets; the
cache's hits, hitspool). No other process can open it; it is deleted when
closed. Made at the first write, so a run that spools nothing makes none.
"""
from __future__ import annotations

import os

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import BinaryIO


class Spool:
    """`append` bytes (their place back), `read` any of them back; `end`:
    how many bytes the file holds, those of a failed write's part included."""

    def __init__(self) -> None:
        self._file: BinaryIO | None = None
        self.end = 0

    def append(self, data: bytes) -> int:
        """Write `data` at the end and give its place; OSError when the file
        cannot take it all (a full or read-only temp folder, a size limit)."""
        if self._file is None:
            import tempfile

            self._file = tempfile.TemporaryFile(buffering=0)  # unbuffered: a failed write is exact
        at = self.end
        if not hasattr(os, "pread"):
            self._file.seek(at)  # `read` moved the file's position (Windows)
        view = memoryview(data)
        while view:  # an unbuffered write may take part of it
            done = self._file.write(view)
            if not done:
                raise OSError("the temporary file took nothing")
            self.end += done
            view = view[done:]
        return at

    def read(self, at: int, size: int) -> bytes:
        assert self._file is not None
        if hasattr(os, "pread"):
            return os.pread(self._file.fileno(), size, at)
        self._file.seek(at)  # Windows has no pread; a spool is read by one thread
        return self._file.read(size)

    def __bool__(self) -> bool:
        """Whether the file was made."""
        return self._file is not None

    def close(self) -> None:
        if self._file is not None:
            try:
                self._file.close()
            except OSError:
                pass
            self._file = None
