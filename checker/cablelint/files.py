"""Finding the files to lint: explicit files always, directories walked."""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import NamedTuple

DEFAULT_EXTENSIONS = (".txt", ".cable", ".tel")


class PathError(NamedTuple):
    """A path given that cannot be linted. Kept as (path, message) so the CL001
    finding names the path exactly as given (it may hold a colon); str() is the
    `path: message` line printed on stderr."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def discover(paths: list[str], extensions: tuple[str, ...] = DEFAULT_EXTENSIONS,
             exclude: list[str] | None = None) -> tuple[list[str], list[PathError]]:
    """Return (files, errors). Files named explicitly are kept whatever their
    extension; directories are walked for the given extensions, in sorted
    order so that output is deterministic. Missing paths are errors."""
    exclude = exclude or []
    files: list[str] = []
    errors: list[PathError] = []
    seen: set[str] = set()

    def excluded(p: str) -> bool:
        posix = Path(p).as_posix()
        return any(fnmatch.fnmatch(posix, g) or fnmatch.fnmatch(Path(p).name, g) or
                   fnmatch.fnmatch(posix, "*/" + g) for g in exclude)

    def add(p: str) -> None:
        if p not in seen and not excluded(p):
            seen.add(p)
            files.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not excluded(os.path.join(root, d)))
                for name in sorted(names):
                    if name.lower().endswith(tuple(e.lower() for e in extensions)):
                        add(os.path.join(root, name))
        elif p.exists():
            add(raw)
        else:
            errors.append(PathError(raw, "no such file or directory"))
    return files, errors
