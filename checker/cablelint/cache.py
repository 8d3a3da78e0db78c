"""The result cache: re-linting an unchanged file costs a stat, not a parse.

Like ruff's `.ruff_cache`: findings are stored per file under a *run key*,
the hash of everything that changes findings (cablelint's version and code,
the rule sets and vocabulary by content, the selection and severities,
--date/--as-of, the protect lists by content, engine options). A file hits
when its size and mtime are those stored, or, failing that, when its
content hash is (a `touch` or a checkout costs one read, not a lint).

Where: `--cache-dir DIR`, else $CABLELINT_CACHE_DIR, else `.cablelint_cache`
in the current directory; the folder holds a `.gitignore` of `*` and a
CACHEDIR.TAG, and file discovery never walks dot-folders. `--no-cache` (or
CABLELINT_NO_CACHE=1) turns it off. Entries are spread over 256 shards by
path, so a pre-commit run on one file reads one small shard; each shard is
written atomically (temporary file + os.replace), so concurrent runs never
see a torn file (the last writer wins; a lost entry is only a miss). Size is
bounded: at most MAX_KEYS run keys are kept (least recently used go) and a
shard over MAX_SHARD_ENTRIES keeps only this run's entries.

What is stored never holds a protected term, nor any flagged text: a
finding is kept whole but for `matched` (re-read from the file by
`lintpool.fill_matched` when an output needs it), and the findings of a file that contains
a protected term are not cached.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import pickle
import shutil
import sys
import time
from pathlib import Path
from typing import Any, Iterable

from .findings import Finding

DIR_NAME = ".cablelint_cache"
SHARDS = 256
MAX_KEYS = 8  # run keys (settings x rule versions) kept side by side
MAX_SHARD_ENTRIES = 4096  # ~1M files over 256 shards
FORMAT = 2  # bump when the entry layout changes

Entry = tuple  # (size, mtime_ns, sha256 hex, path as linted, findings without text, or None: skipped as no cable)
MISS = object()  # what `get` returns when the file must be linted


def cache_root(explicit: str | Path | None = None) -> Path | None:
    """The cache folder of this run, or None when caching is off."""
    if os.environ.get("CABLELINT_NO_CACHE", "") not in ("", "0"):
        return None
    chosen = explicit or os.environ.get("CABLELINT_CACHE_DIR") or DIR_NAME
    return Path(chosen)


def prepare_dir(root: Path) -> bool:
    """Create the folder with its .gitignore and CACHEDIR.TAG; False when it
    cannot be written (a read-only checkout lints without a cache)."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", "# created by cablelint\n*\n"),
                           ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                            "# a cache directory created by cablelint\n")):
            if not (root / name).exists():
                (root / name).write_text(text, encoding="utf-8")
        return True
    except OSError:
        return False


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder and os.replace it in:
    a concurrent reader sees the old file or the new one, never half of one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@functools.lru_cache(maxsize=1)  # the code does not change under a running process
def code_stamp() -> str:
    """The version plus the size and mtime of every module of the package, so
    a developer's edit to the code never serves findings of the old code; and
    the versions of Python and `regex` (whose compiled patterns are pickled)."""
    import regex

    here = Path(__file__).parent
    version = sys.modules[__package__].__version__  # the package is loaded: no import (and no cycle)
    parts: list[Any] = [FORMAT, sys.version_info[:2], getattr(regex, "__version__", ""), version]
    for dirpath, _, names in sorted(os.walk(here)):
        for n in sorted(names):
            if n.endswith(".py"):
                st = os.stat(os.path.join(dirpath, n))
                parts.append((n, st.st_size, st.st_mtime_ns))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def without_text(f: Finding) -> Finding:
    """A finding as the cache keeps it and a worker sends it: every field
    (message, span, rule, severity, related findings, fix) but the flagged
    text, which may be classified or protected; `lintpool.fill_matched` re-reads
    it from the file when an output needs it."""
    return dataclasses.replace(f, matched="", related=[without_text(r) for r in f.related])


def moved(f: Finding, old: str, new: str) -> Finding:
    """The finding under the path of this run (a file named ./a.txt then a.txt)."""
    if f.path == old:
        f.path = new
    for r in f.related:
        moved(r, old, new)
    return f


class ResultCache:
    """Findings per file for one run key; `get` before linting a file, `put`
    after, `save` once at the end of the run."""

    def __init__(self, root: Path, run_key: str) -> None:
        self.dir = root / "results" / run_key[:32]
        self._shards: dict[int, dict[str, Entry]] = {}
        self._dirty: set[int] = set()
        self._seen: dict[int, set[str]] = {}
        self.hits = self.misses = 0

    @staticmethod
    def _shard_of(key: str) -> int:
        return int(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=2).hexdigest(), 16) % SHARDS

    def _shard(self, n: int) -> dict[str, Entry]:
        got = self._shards.get(n)
        if got is None:
            got = {}
            try:
                with open(self.dir / f"{n:03d}.pickle", "rb") as fh:
                    loaded = pickle.load(fh)
                if isinstance(loaded, dict):
                    got = loaded
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
                got = {}  # missing or damaged: a miss, never an error
            self._shards[n] = got
        return got

    def get(self, path: str) -> Any:
        """The stored findings when the file is unchanged (None: it was
        skipped as no cable), else MISS. A file whose mtime moved but whose
        content did not is re-stamped."""
        key = os.path.abspath(path)
        n = self._shard_of(key)
        entry = self._shard(n).get(key)
        self._seen.setdefault(n, set()).add(key)
        if entry is None:
            self.misses += 1
            return MISS
        try:
            st = os.stat(path)
        except OSError:
            self.misses += 1
            return MISS
        if (st.st_size, st.st_mtime_ns) != entry[:2]:
            try:
                with open(path, "rb") as fh:
                    digest = file_digest(fh.read())
            except OSError:
                self.misses += 1
                return MISS
            if digest != entry[2]:
                self.misses += 1
                return MISS
            self._shards[n][key] = (st.st_size, st.st_mtime_ns) + entry[2:]
            self._dirty.add(n)
        self.hits += 1
        return None if entry[4] is None else [moved(f, entry[3], path) for f in entry[4]]

    def put(self, path: str, stamp: tuple[int, int, str], found: Iterable[Finding] | None) -> None:
        """Store a file's findings (None: skipped) under the (size, mtime_ns,
        sha256) read by the worker."""
        key = os.path.abspath(path)
        n = self._shard_of(key)
        self._shard(n)[key] = (*stamp, path, None if found is None else tuple(without_text(f) for f in found))
        self._seen.setdefault(n, set()).add(key)
        self._dirty.add(n)

    def save(self) -> None:
        """Write the changed shards; errors (a full disk, a read-only folder)
        only cost the next run its hits."""
        if not self._dirty:
            try:
                os.utime(self.dir)  # an all-hit run uses the key too: keep it from eviction
            except OSError:
                pass
            return
        try:
            if not prepare_dir(self.dir.parents[1]):
                return
            self.dir.mkdir(parents=True, exist_ok=True)
            for n in sorted(self._dirty):
                shard = self._shards[n]
                if len(shard) > MAX_SHARD_ENTRIES:
                    seen = self._seen.get(n, set())
                    shard = {k: v for k, v in shard.items() if k in seen}
                write_atomic(self.dir / f"{n:03d}.pickle", pickle.dumps(shard, protocol=pickle.HIGHEST_PROTOCOL))
            os.utime(self.dir)  # the key's last use, for eviction
        except OSError:
            return
        try:
            evict(self.dir.parent, keep=MAX_KEYS)
        except Exception:  # noqa: BLE001 - upkeep of the cache never fails a lint
            pass


def evict(folder: Path, keep: int) -> None:
    """Remove all but the `keep` most recently used entries of `folder` (run
    key folders of results, engine pickles)."""
    try:
        entries = sorted((p for p in folder.iterdir() if not p.name.startswith(".")),
                         key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in entries[keep:]:
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


def run_key(parts: dict[str, Any]) -> str:
    """A stable hash of the settings that change findings (repr of sorted,
    plain values: never of pickles, whose set order varies by process)."""
    return hashlib.sha256(repr(sorted(parts.items())).encode("utf-8", "surrogatepass")).hexdigest()
