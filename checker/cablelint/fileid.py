"""Telling a file met twice in one discovery (files.py): named twice or in
two spellings, through a symbolic or hard link, in two folders given that
hold one another, or in another case on a case-insensitive file system. A
file is told by its device and inode (`identity`); only the files that may be
met again are remembered (`met_again`: named ones, link targets), so a corpus
costs nothing more per file (issue 15). `real_path` resolves a path's folder
once per folder.
"""
from __future__ import annotations

import os
import stat

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Callable

    from .files import GitFiles


def regular(path: str) -> os.stat_result | None:
    """The file's stat when it is a regular file (links followed), else None."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st if stat.S_ISREG(st.st_mode) else None


def real_path(path: str, real_dirs: dict[str, str], hops: int = 8) -> str:
    """os.path.realpath(path) with its folder's resolved once per folder: a
    file that is no symbolic link costs one lstat, not one per path part. A
    symbolic link to a file (a corpus of links into an archive) costs one
    readlink more: its target is resolved the same way, in the link's folder
    as resolved, unless the target climbs with `..` (which only the full walk
    gets right past a linked folder) or the chain is long."""
    head, tail = os.path.split(path)
    if tail in ("", ".", ".."):
        return os.path.realpath(path)
    real = real_dirs.get(head)
    if real is None:
        real = real_dirs[head] = os.path.realpath(head or os.curdir)
    if not os.path.islink(path):
        return os.path.join(real, tail)
    try:
        target = os.readlink(path)
    except OSError:
        return os.path.realpath(path)
    if hops <= 0 or ".." in target.split(os.sep) or not target or target.endswith(os.sep):
        return os.path.realpath(path)
    return real_path(os.path.join(real, target), real_dirs, hops - 1)


def identity(st: os.stat_result, real: str) -> object:
    """What tells a file found twice (named twice, in two spellings, through a
    symbolic link, or a case-insensitive file system's other case): its
    device and inode; its real path, case folded as the system does, where
    the file system gives no inode. A hard link is a file of its own to its
    user (each name may fall under another configuration), so each of its
    names is told by its real path and linted, as before issue 15."""
    if st.st_nlink > 1 or not st.st_ino:
        return os.path.normcase(real)
    return (st.st_dev, st.st_ino)


def met_again(paths: list[str], git: GitFiles, skip_dir: Callable[[str, str], str | None]
              ) -> tuple[set[object], bool]:
    """The identities of files discovery may meet twice (a file named, the
    target of a symbolic link in a walked folder), and whether two folders
    given hold one another (then any file may be met twice). Only those are
    remembered while walking, not every file of the corpus."""
    again: set[object] = set()
    folders = []
    for raw in paths:
        st = regular(raw) if raw and raw != "-" else None
        if st is not None:
            again.add(identity(st, os.path.realpath(raw)))
        elif raw and raw != "-" and os.path.isdir(raw):
            folders.append(raw)
    for top in folders:
        again.update(_link_targets(top, git, skip_dir))
    nested = any(_holds(a, b) for i, a in enumerate(folders) for j, b in enumerate(folders) if i != j)
    return again, nested


def _link_targets(top: str, git: GitFiles, skip_dir: Callable[[str, str], str | None]) -> set[object]:
    """The identities of the regular files that symbolic links under `top`
    (hidden, package and git-ignored folders left out, as the walk leaves
    them) point at: the walk may meet such a file first and its link later.
    A folder listing per folder, with a stat only for a link."""
    out: set[object] = set()
    kept = git.kept(top)
    if kept is not None and os.path.realpath(top) not in kept[2]:
        kept = None  # as files._walk: a folder git ignores, named, is walked whole
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:  # one entry at a time: a corpus folder is never listed whole
                for e in entries:
                    try:
                        if e.is_symlink():
                            st = regular(e.path)
                            if st is not None:
                                out.add(identity(st, os.path.realpath(e.path)))
                        elif e.is_dir() and skip_dir(folder, e.name) is None and (
                                kept is None or os.path.realpath(e.path) in kept[2]):
                            stack.append(e.path)
                    except OSError:
                        continue
        except OSError:
            continue  # an unreadable folder: the walk reports it
    return out


def _holds(outer: str, inner: str) -> bool:
    """Whether folder `inner` is `outer` or inside it (by identity: another
    spelling, a link or another case of the same folder counts)."""
    try:
        st = os.stat(outer)
        d = os.path.realpath(inner)
        while True:
            here = os.stat(d)
            if (here.st_dev, here.st_ino) == (st.st_dev, st.st_ino):
                return True
            parent = os.path.dirname(d)
            if parent == d:
                return False
            d = parent
    except OSError:
        return False
