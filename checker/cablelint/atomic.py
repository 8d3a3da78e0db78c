"""`redact --in-place`: rewrite one file without losing a byte or a name.

The hazards of rewriting a file someone else may hold (issue 14):
- a hard link: replacing the path leaves the name in the other links, so a
  hard-linked file is refused unless `hard_links=True`, which writes into the
  same inode (every link gets the redaction; not atomic, so a crash mid-write
  can leave it partial - the price of reaching the other links);
- a symbolic link: replacing it would turn it into a file and leave the name
  in its target, so it is refused unless `follow_symlinks=True` (the target
  is rewritten);
- an edit or a deletion during the run: the file is compared with the bytes
  the redaction was computed from just before the rename; a changed file is
  left alone and a deleted one is not brought back (WriteError says which);
- owner and mode: the new file gets both; if the owner cannot be kept the
  file is left alone.
Every refusal raises WriteError naming the file; nothing is half written.
"""
from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path


class WriteError(Exception):
    """A file left alone; str() is `path: why`."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _target(path: Path, follow_symlinks: bool) -> Path:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise WriteError(f"{path}: deleted during the run; not recreated") from None
    if stat.S_ISLNK(st.st_mode):
        if not follow_symlinks:
            raise WriteError(f"{path}: is a symbolic link; left alone (--follow-symlinks rewrites its target)")
        return Path(os.path.realpath(path))
    return path


def _unchanged(path: Path, original: bytes) -> os.stat_result:
    """The file's stat if it still holds `original`; else WriteError."""
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            now = fh.read()
    except FileNotFoundError:
        raise WriteError(f"{path}: deleted during the run; not recreated") from None
    if not stat.S_ISREG(st.st_mode):
        raise WriteError(f"{path}: is not a regular file; left alone")
    if _digest(now) != _digest(original):
        raise WriteError(f"{path}: changed during the run; left alone (run redact again)")
    return st


def write_temp(target: Path, data: bytes) -> str:
    """`data` in a synced temporary file beside `target` (same file system, so
    os.replace is atomic); the caller renames or removes it."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def discard(tmp: str) -> None:
    """Remove a temporary file whose rename did not happen (already gone: fine)."""
    try:
        os.unlink(tmp)
    except OSError:
        pass


def write_in_place(path: str | Path, data: bytes, original: bytes, *, follow_symlinks: bool = False,
                   hard_links: bool = False) -> None:
    """Replace the content of `path` (which held `original` when it was read)
    by `data`, or raise WriteError and leave it as it is."""
    target = _target(Path(path), follow_symlinks)
    st = _unchanged(target, original)
    if st.st_nlink > 1:
        if not hard_links:
            raise WriteError(f"{path}: has {st.st_nlink} hard links, which would keep the old text; "
                             "left alone (--hard-links rewrites the shared file)")
        _write_same_inode(target, data, original)
        return
    tmp = write_temp(target, data)
    try:
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        if (os.stat(tmp).st_uid, os.stat(tmp).st_gid) != (st.st_uid, st.st_gid):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                raise WriteError(f"{path}: cannot keep its owner; left alone") from None
        again = _unchanged(target, original)  # the last look before the rename
        if (again.st_ino, again.st_mtime_ns, again.st_size) != (st.st_ino, st.st_mtime_ns, st.st_size):
            raise WriteError(f"{path}: changed during the run; left alone (run redact again)")
        os.replace(tmp, target)
    except BaseException:
        discard(tmp)
        raise


def _write_same_inode(target: Path, data: bytes, original: bytes) -> None:
    with open(target, "r+b") as fh:
        if _digest(fh.read()) != _digest(original):
            raise WriteError(f"{target}: changed during the run; left alone (run redact again)")
        fh.seek(0)
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())
