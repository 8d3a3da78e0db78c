"""What keys the caches: a hash of everything that changes findings
(`run_key`), of which the code itself is one part (`code_stamp`). Kept
apart from cache.py, which holds the result cache's entries."""
from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

from .seal import sha256

TYPE_CHECKING = False  # typing's constant without importing typing
if TYPE_CHECKING:
    from typing import Any

FORMAT = 4  # the result cache's entry layout, part of every key: bump when it changes (4: segments beside the shards)


@functools.lru_cache(maxsize=1)  # the code does not change under a running process
def code_stamp() -> str:
    """The version plus the size and mtime of every module of the package, so
    a developer's edit to the code never serves findings of the old code; and
    the versions of Python and `regex` (whose compiled patterns are pickled)."""
    here = Path(__file__).parent
    version = sys.modules[__package__].__version__  # the package is loaded: no import (and no cycle)
    parts: list[Any] = [FORMAT, sys.version_info[:2], _regex_stamp(), version]
    for dirpath, dirnames, names in os.walk(here):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")  # bytecode: ~half the entries, no code
        for n in sorted(names):
            if n.endswith(".py"):
                st = os.stat(os.path.join(dirpath, n))
                parts.append((n, st.st_size, st.st_mtime_ns))
    return sha256(repr(parts).encode()).hexdigest()


def _regex_stamp() -> list[tuple[str, int, int]]:
    """The installed `regex` package's files by size and mtime: its version
    without importing it (~10 ms a run the result cache answers never needs);
    an upgrade or downgrade replaces them."""
    from importlib.util import find_spec

    try:
        spec = find_spec("regex")
        folders = list(spec.submodule_search_locations or ()) if spec is not None else []
        return sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for d in folders for e in os.scandir(d)
                      if e.is_file())
    except (OSError, ImportError, ValueError):
        return []


def run_key(parts: dict[str, Any]) -> str:
    """A stable hash of the settings that change findings (repr of sorted,
    plain values: never of pickles, whose set order varies by process)."""
    return sha256(repr(sorted(parts.items())).encode("utf-8", "surrogatepass")).hexdigest()
