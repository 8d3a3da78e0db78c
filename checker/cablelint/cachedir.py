"""The cache folder itself: where it is, what marks it as a cache (a
`.gitignore` of `*` and a CACHEDIR.TAG, so neither git nor backup tools take
it), and the upkeep that bounds it (least recently used entries go). Kept
apart from cache.py, which holds what goes inside: the result cache's shards
and segments."""
from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

DIR_NAME = ".cablelint_cache"
# A temporary file of an atomic write (cache.write_atomic: `.NAME.PID.NS.tmp`)
# lives for the milliseconds of one write; one left by a killed run is swept
# once its writer is gone and it is a minute old (a writer on another machine
# sharing the folder has another pid space: the minute covers it), or once it
# is an hour old whoever wrote it.
TMP_GONE_AGE = 60.0
TMP_MAX_AGE = 3600.0
# Only the exact names cache.write_atomic gives, so a user's own `.notes.tmp`
# in a folder given as --cache-dir is never touched.
TMP_NAME = re.compile(r"\..+\.(\d{1,10})\.\d{1,20}\.tmp")
# The folders cablelint itself makes inside the cache folder; the cache folder
# itself may be a user's folder (--cache-dir .) and is never swept.
OWN_FOLDERS = ("engines", "briefs", "patterns")


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
            import shutil

            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


def sweep_tmp(folder: Path, now: float | None = None) -> int:
    """Remove the stale temporary files of interrupted atomic writes in
    `folder` (see TMP_GONE_AGE, TMP_NAME): never a live one of a concurrent
    run, which is young and whose writer is alive. How many went."""
    now = time.time() if now is None else now
    gone = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for e in entries:
        named = TMP_NAME.fullmatch(e.name)
        if named is None:
            continue
        try:
            age = now - e.stat(follow_symlinks=False).st_mtime
            if age > TMP_MAX_AGE or (age > TMP_GONE_AGE and not _alive(int(named[1]))):
                os.unlink(e.path)
                gone += 1
        except OSError:
            continue  # gone already (another run swept it), or not ours to remove
    return gone


def _alive(pid: int) -> bool:
    """Whether a process of this pid runs here. Windows has no harmless probe
    (os.kill ends the process), so there every writer counts as alive and
    only TMP_MAX_AGE sweeps."""
    if pid == os.getpid() or sys.platform == "win32":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, ValueError, OverflowError):
        return True  # another user's process (EPERM), or no way to ask: left for TMP_MAX_AGE
    return True


def sweep_cache(root: Path, key_dir: Path) -> int:
    """`sweep_tmp` of a result key's folder and of the folders cablelint makes
    in the cache folder (OWN_FOLDERS); other keys' folders are swept by their
    own runs, and the cache folder itself, perhaps the user's, never."""
    return sweep_tmp(key_dir) + sum(sweep_tmp(root / name) for name in OWN_FOLDERS)
