"""YAML for every cablelint file (rule sets, config, protect lists, baselines):
libyaml when PyYAML has it, mappings and sequences that remember their line,
duplicate keys refused, and every syntax error raised as `file:line:col`.

Kept apart from the rule-set loader so that the config, protect-list and
baseline readers need not import the loader (and, through it, every check
kind): that import was the root of a 7-module cycle. PyYAML itself is
imported only when a file is parsed (yamlparse.py): a shipped rule file
whose bytes the snapshot records (rulesnapshot.py) is not parsed at all.
"""
from __future__ import annotations

from pathlib import Path

from .seal import sha256
from .yamltree import _Map, _Seq  # noqa: F401 - re-exported: the trees load_yaml gives

TYPE_CHECKING = False  # typing's constant without importing typing
if TYPE_CHECKING:
    from typing import Any


def load_yaml(text: str, path: str | Path, error: type[Exception], *, text_scalars: bool = False) -> Any:
    """Parse YAML (libyaml when available) for the rule sets, the config and
    protect files alike. Mappings and sequences remember their lines (see
    `line_of`), duplicate keys are refused, and a syntax error is raised as
    `error("file:line:col: invalid YAML: ...")`. `text_scalars`: keep every
    non-empty scalar as text."""
    from .yamlparse import parse

    return parse(text, path, error, text_scalars=text_scalars)


def line_of(obj: Any, key: Any = None) -> int:
    """The 1-based line of a value from `load_yaml`: of a mapping's `key`, of
    a sequence's item number `key`, else where the value starts; 0 for a
    scalar (no line is kept)."""
    if isinstance(obj, _Map):
        return obj.key_lines.get(key, obj.line) if key is not None else obj.line
    if isinstance(obj, _Seq):
        ok = isinstance(key, int) and 0 <= key < len(obj.item_lines)
        return obj.item_lines[key] if ok else obj.line
    return 0


# Integration point for enginecache (issue 15): while a list is set here, every
# YAML file read through read_yaml is appended to it with the SHA-256 of the
# bytes read, so a cached engine knows the exact files (rule sets, `extends`
# parents, markings.yaml) and contents it was built from.
READS: list[tuple[Path, str]] | None = None


def read_yaml(path: Path, error: type[Exception]) -> Any:
    """Read and parse a YAML file; an unreadable or non-UTF-8 file is `error("file: ...")`."""
    try:
        data = path.read_bytes()
        digest = sha256(data).hexdigest()
        if READS is not None:
            READS.append((path, digest))
        known = _snapshot(path, digest)
        if known is not None:
            return known
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as read_text() reads
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise error(f"{path}: cannot read ({exc.strerror})") from None
    return load_yaml(text, path, error)


def _snapshot(path: Path, digest: str) -> Any:
    """The tree the snapshot beside the file holds for a file of this name
    and bytes of this SHA-256 (rulesnapshot.py), else None: a shipped rule
    file is not parsed again each first run (~40 ms, and ~12 ms to import PyYAML)."""
    from .rulesnapshot import lookup

    return lookup(path, digest)
