"""The cache folder itself: where it is, what marks it as a cache (a
`.gitignore` of `*` and a CACHEDIR.TAG, so neither git nor backup tools take
it), and the upkeep that bounds it (least recently used entries go). Kept
apart from cache.py, which holds what goes inside: the result cache's shards
and segments."""
from __future__ import annotations

import os
from pathlib import Path

DIR_NAME = ".cablelint_cache"


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
