"""Finding the files to lint: the one discovery of every command (check,
inspect, redact, the API), so a setting that leaves a file out does so
everywhere.

- A folder is walked in sorted order for the configured extensions (case
  ignored: `.TXT` is `.txt`); hidden files and folders, virtualenvs
  (a folder holding `pyvenv.cfg`) and `node_modules`/`site-packages`/
  `__pycache__` are skipped.
- Inside a git work tree, what git ignores (`.gitignore` at any level,
  `.git/info/exclude`, the user's global excludes) is skipped. We ask git
  itself (`git ls-files --cached --others --exclude-standard`, once per work
  tree) rather than re-implementing gitignore: negations, nested files and
  anchoring then mean exactly what they mean to git, and a repository that
  tracks a file matching a pattern keeps linting it, as git keeps it. Without
  git (or outside a work tree) nothing is ignored this way.
- A file named on the command line is linted whatever its extension or
  .gitignore (the user asked for it); `exclude` applies to every file.
- Protect lists and configuration files are never linted (nor rewritten by
  `redact`), named or walked.
- Only regular files are read: a FIFO or device would block the run forever.
  In a folder it is skipped with a note; named, it is an error, as is a
  missing path, an empty path ("$UNSET") or a folder that cannot be read.
- A file is linted once however often it is met: named twice or in two
  spellings, through a symbolic or hard link, in two folders given that hold
  one another, or in another case on a case-insensitive file system (macOS):
  it is told by its device and inode (fileid.py). Only the files that may be
  met again are remembered (named ones, link targets, hard-linked ones), so a corpus
  costs its packed list of paths (pathlist.PathList) and nothing more per
  file; a folder is read a chunk of names at a time (issue 15).
"""
from __future__ import annotations

import os
from collections import namedtuple
from pathlib import Path

from .fileid import identity, met_again, real_path, regular
from .records import fields_eq, fields_repr
from .pathlist import SEGMENT_NAMES, Hashed, PathList
from .settings import DEFAULT_EXTENSIONS, YAML_NAMES, dotted, path_matches

__all__ = ["DEFAULT_EXTENSIONS", "Discovery", "PathError", "discover", "linted_extensions", "why_none"]

SKIP_DIRS = {"node_modules", "site-packages", "__pycache__", "__pypackages__"}
CONFIG_NAMES = set(YAML_NAMES) | {"pyproject.toml"}


class PathError(namedtuple("PathError", ("path", "message"))):
    """A path given that cannot be linted. Kept as (path, message) so the CL001
    finding names the path exactly as given (it may hold a colon); str() is the
    `path: message` line printed on stderr. (collections.namedtuple, not
    typing.NamedTuple: a one-file run does not import typing.)"""

    __slots__ = ()
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Callable, Container, Iterator, Protocol

    class Scope(Protocol):
        """What discovery needs of a configuration (config.Config has it)."""

        exclude: list[str]
        extensions: list[str]

        @property
        def root(self) -> Path: ...


class Discovery:
    """The files found, the paths that are errors, and what was skipped and
    why (--show-files)."""

    def __init__(self) -> None:
        self.files = PathList()  # a list of str to its users, held compactly (issue 15)
        self.errors: list[PathError] = []
        self.notes: list[str] = []
        # met in a folder and left without a note (too many to list): files of
        # another extension (`nothing_found` counts them; an excluded file has its note)
        self.other_ext = 0
        self.extensions: list[str] = []  # those the walked folders lint (a nearer configuration may name others)

    def quiet_skips(self, scope: Scope) -> tuple[int, tuple[str, ...]]:
        """(files of another extension, the extensions `scope` lints)."""
        return self.other_ext, tuple(self.extensions) or linted_extensions(scope)

    __eq__ = fields_eq
    __repr__ = fields_repr


def excluded(path: str, scope: Scope) -> bool:
    return any(path_matches(path, g, scope.root) for g in scope.exclude)


class GitFiles:
    """The files git does not ignore, per work tree (None: not in one)."""

    def __init__(self) -> None:
        self._tops: dict[str, str | None] = {}
        self._kept: dict[str, tuple[Hashed, set[str]]] = {}

    @staticmethod
    def _git(cwd: str, *args: str) -> bytes | None:
        import subprocess  # only when a folder is walked: a named file needs no git

        env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE")}
        try:
            got = subprocess.run(["git", "-C", cwd, *args], capture_output=True, env=env, timeout=120)
        except (OSError, subprocess.SubprocessError):
            return None
        return got.stdout if got.returncode == 0 else None

    def _top(self, folder: str) -> str | None:
        if folder not in self._tops:
            out = self._git(folder, "rev-parse", "--show-toplevel")
            self._tops[folder] = os.path.realpath(os.fsdecode(out.strip())) if out else None
        return self._tops[folder]

    def kept(self, folder: str) -> tuple[str, Hashed, set[str]] | None:
        """(work tree, files kept, folders holding them), all real absolute paths."""
        top = self._top(os.path.realpath(folder))
        if top is None:
            return None
        if top not in self._kept:
            out = self._git(top, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
            if out is None:
                self._tops[os.path.realpath(folder)] = None
                return None
            dirs = {top}
            files = Hashed(_listed(top, out, dirs))
            self._kept[top] = (files, dirs)
        return (top, *self._kept[top])


def _listed(top: str, out: bytes, dirs: set[str]) -> Iterator[str]:
    """The paths of `git ls-files -z` output, one at a time (no list of them
    all), each folder on the way into `dirs`."""
    start = 0
    while start < len(out):
        end = out.find(b"\0", start)
        end = len(out) if end < 0 else end
        if end > start:
            f = os.path.join(top, os.fsdecode(out[start:end]))
            d = os.path.dirname(f)
            while d not in dirs and len(d) > len(top):
                dirs.add(d)
                d = os.path.dirname(d)
            yield f
        start = end + 1


def _skip_dir(root: str, name: str) -> str | None:
    if name.startswith("."):
        return "hidden folder"
    if name in SKIP_DIRS or os.path.isfile(os.path.join(root, name, "pyvenv.cfg")):
        return "virtualenv or package folder"
    return None


class TooMany(Exception):
    """discover() found more files than its `limit`: the caller wanted a small run."""


def discover(scope: Scope, paths: list[str], *, scope_for: Callable[[str], Scope] | None = None,
             never: Container[str] = frozenset(), limit: int | None = None) -> Discovery:
    """The files to lint under `paths`, in a deterministic order. `scope_for`
    gives the configuration in effect for a folder (the nearest one; default
    `scope` everywhere); `never`: real paths never to lint (protect lists,
    configuration files). Past `limit` files it raises TooMany at once rather
    than walk a corpus the caller would then walk again."""
    scope_for = scope_for or (lambda _folder: scope)
    out = Discovery()
    git = GitFiles()
    again, nested = met_again(paths, git, _skip_dir)
    seen: set[object] = set()  # identities of the files added that may be met again (not all: issue 15)

    def skip(p: str, why: str) -> None:
        out.notes.append(f"{p}: skipped ({why})")

    real_dirs: dict[str, str] = {}

    def add(p: str, st: os.stat_result, named: bool, prefix: str | None = None) -> None:
        real = real_path(p, real_dirs)
        key = identity(st, real)
        if key in seen:
            return
        if real in never or os.path.basename(p) in CONFIG_NAMES:
            return skip(p, "a protect list or configuration file is never linted")
        if excluded(p, scope_for(os.path.dirname(p) or ".")):
            # named or met in a folder: --show-files lists it, and the summary counts it
            return skip(p, "excluded by the configuration")
        if nested or st.st_nlink > 1 or key in again:
            seen.add(key)
        if prefix is None:
            out.files.append(p)
        else:
            out.files.add(prefix, p[len(prefix):])
        if limit is not None and len(out.files) > limit:
            raise TooMany(p)

    for raw in paths:
        if raw == "-":
            continue
        if not raw:
            out.errors.append(PathError(raw, "an empty path (an unset variable?) is not the current folder"))
        elif os.path.isdir(raw):
            _walk(raw, scope_for, git, out, add)
        elif not os.path.lexists(raw) or not os.path.exists(raw):
            out.errors.append(PathError(raw, "no such file or directory"))
        elif (st := regular(raw)) is None:
            out.errors.append(PathError(raw, "not a regular file (a FIFO or device is never read)"))
        else:
            add(raw, st, True)
    out.files.pack()
    return out


def _walk(top: str, scope_for: Callable[[str], Scope], git: GitFiles, out: Discovery,
          add: Callable[..., None]) -> None:
    kept = git.kept(top)
    if kept is not None and os.path.realpath(top) not in kept[2]:
        kept = None  # the user named a folder git ignores: lint what is in it

    def unreadable(exc: OSError) -> None:
        out.errors.append(PathError(exc.filename or top, f"cannot read this folder ({exc.strerror})"))

    def other() -> None:
        out.other_ext += 1

    for root, dirs, names in _folders(top, unreadable, lambda root: linted_extensions(scope_for(root)), other):
        scope = scope_for(root)
        out.extensions += [e for e in linted_extensions(scope) if e not in out.extensions]
        real_root = os.path.realpath(root)
        keep_dirs = []
        for d in sorted(dirs):
            full = os.path.join(root, d)
            why = _skip_dir(root, d)
            if why is None and kept is not None and os.path.join(real_root, d) not in kept[2]:
                why = "ignored by git"
            if why is None and excluded(full, scope):
                why = "excluded by the configuration"
            if why is None:
                keep_dirs.append(d)
            elif why != "hidden folder":
                out.notes.append(f"{full}{os.sep}: skipped ({why})")
        dirs[:] = keep_dirs
        prefix = os.path.join(root, "")  # `root/`: a path is prefix + name, as os.path.join makes it
        for name in names.in_order():
            full = prefix + name
            if kept is not None and os.path.join(real_root, name) not in kept[1]:
                out.notes.append(f"{full}: skipped (ignored by git)")
            elif (st := regular(full)) is None:
                out.notes.append(f"{full}: skipped (not a regular file: a FIFO or device is never read)")
            else:
                add(full, st, False, prefix)


def linted_extensions(scope: Scope) -> tuple[str, ...]:
    """The extensions of the files a folder's walk lints (`extensions:`, else the default)."""
    return tuple(dotted(list(scope.extensions))) or DEFAULT_EXTENSIONS


def _folders(top: str, onerror: Callable[[OSError], None], exts: Callable[[str], tuple[str, ...]],
             other: Callable[[], None]) -> Iterator[tuple[str, list[str], PathList]]:
    """os.walk(top) top-down, links to folders not followed, but a folder's
    file names as a PathList of those that may be linted (not hidden, one of
    `exts(folder)`): read a chunk at a time and sorted chunk by chunk (merged
    by `in_order`), so a corpus folder's 100k names are never a list of str
    (~8 MB at its peak). The caller prunes `dirs` in place, as with os.walk.
    `other()` is told of each file (not hidden) of another extension."""
    try:
        listing = os.scandir(top)
    except OSError as exc:
        onerror(exc)
        return
    dirs: list[str] = []
    names, chunk, want = PathList(), [], exts(top)
    with listing:
        while True:
            try:
                entry = next(listing, None)
            except OSError as exc:
                onerror(exc)
                return
            if entry is None or len(chunk) >= SEGMENT_NAMES:
                chunk.sort()
                for name in chunk:
                    names.add("", name)
                chunk = []
            if entry is None:
                break
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                dirs.append(entry.name)
            elif not entry.name.startswith("."):
                if entry.name.lower().endswith(want):
                    chunk.append(entry.name)
                else:
                    other()
    names.pack()
    dirs.sort()
    yield top, dirs, names
    for d in dirs:
        path = os.path.join(top, d)
        if not os.path.islink(path):
            yield from _folders(path, onerror, exts, other)


def why_none(notes: list[str], other_ext: int, exts: tuple[str, ...], unmarked: str) -> str:
    """Why a run found no file to lint, counted by cause from the skip notes
    (`path: skipped (why)`; `unmarked`: the reason of a file that is no cable)
    and the files of another extension a walk left without one (`other_ext`)."""
    folders = sum(n.split(": skipped (")[0].endswith(os.sep) for n in notes)
    not_cables = sum(n.endswith(f"({unmarked})") for n in notes)
    irregular = sum("skipped (not a regular file" in n for n in notes)
    files_out = len(notes) - folders - not_cables - irregular
    counts = [(folders, "folder", "excluded"), (files_out, "file", "excluded"),
              (not_cables, "file", "skipped as no cable nor marked document"),
              (irregular, "FIFO or device", "skipped"),
              (other_ext, "file", f"of another extension than {', '.join(exts)} (`extensions:` adds others)")]
    said = [f"{n} {what}{'s' if n != 1 and what in ('file', 'folder') else ''} {how}" for n, what, how in counts if n]
    if not said:
        return "the path(s) hold no file"
    return "; ".join(said) + ("; --show-files says which" if notes else "")
