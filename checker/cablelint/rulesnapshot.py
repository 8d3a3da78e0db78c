"""The shipped rule files, parsed ahead of time: `rules/snapshot.json`.

A first run (no engine cache yet) parsed ~300 KB of YAML with line
tracking (~40 ms, plus ~12 ms to import PyYAML) before it could lint one
file. The snapshot holds, for each shipped rule file, the SHA-256 of its
bytes and the tree `yamlio.load_yaml` gives for it, line numbers included,
as JSON (~10 ms to read). `yamlio.read_yaml` takes a tree from the
shipped `snapshot.json`, only for a shipped file of a recorded name whose
bytes hash to the recorded digest, so an edited rule file (or any other
file) is parsed as before and its errors still name file:line; validation
runs on the tree either way.

Regenerate it after editing a file under rules/ with
`python -m cablelint.build_snapshot` (tests/test_rulesnapshot.py fails
while it is stale; a stale entry is only unused, never wrong).
"""
from __future__ import annotations

import datetime
import json
from pathlib import Path

from .shipped import rules_dir
from .yamltree import _Map, _Seq

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

FORMAT = 1
NAME = "snapshot.json"
_READ: dict[Path, dict[str, Any]] = {}  # a folder's snapshot entries by file name, read once per process


def _entries(folder: Path) -> dict[str, Any]:
    """The entries of the snapshot in `folder`, read once per process; empty
    when there is none, or it is damaged or of another format (every file is
    then parsed)."""
    got = _READ.get(folder)
    if got is None:
        try:
            data = json.loads((folder / NAME).read_text(encoding="utf-8"))
            got = data["files"] if data.get("format") == FORMAT and isinstance(data.get("files"), dict) else {}
        except (OSError, ValueError, AttributeError, KeyError):
            got = {}
        _READ[folder] = got
    return got


def lookup(path: Path, digest: str) -> Any:
    """The parsed tree of the shipped rule file `path` when the shipped
    snapshot records its name with `digest`, the SHA-256 of the bytes read,
    else None. Each call gives a tree of its own. Only the shipped folder's
    snapshot is trusted: one copied beside a user's rule files (or left
    from an older parser) could hold a tree its YAML no longer gives. A
    damaged entry is not an error: the file is parsed instead."""
    if not _is_shipped(path.parent):
        return None
    entry = _entries(path.parent).get(path.name)
    if not isinstance(entry, dict) or entry.get("sha256") != digest:
        return None
    try:
        return decode(entry["tree"])
    except (KeyError, IndexError, TypeError, ValueError):
        return None


_SHIPPED: list[Path] = []  # the shipped rules folder, resolved once per process


def _is_shipped(folder: Path) -> bool:
    if not _SHIPPED:
        _SHIPPED.append(rules_dir().resolve())
    return folder == _SHIPPED[0] or folder.resolve() == _SHIPPED[0]


# -- the encoding: plain JSON, every mapping, sequence and date a tagged array

def encode(value: Any) -> Any:
    """A `load_yaml` tree as JSON values: a mapping `["m", line, [[key,
    key line, value]...]]`, a sequence `["s", line, item lines, items]`, a
    date `["d", "YYYY-MM-DD"]`; scalars as they are (a scalar is never a
    JSON array, so the tags cannot be mistaken)."""
    if isinstance(value, _Map):
        return ["m", value.line, [[_key(k), value.key_lines[k], encode(v)] for k, v in value.items()]]
    if isinstance(value, _Seq):
        return ["s", value.line, list(value.item_lines), [encode(v) for v in value]]
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return ["d", value.isoformat()]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(f"the rule snapshot cannot hold a {type(value).__name__} ({value!r})")


def _key(key: Any) -> Any:
    """A mapping key as JSON: only a scalar comes back as the same key (a
    date key would come back as a list, which cannot key a mapping)."""
    if key is None or isinstance(key, (str, bool, int, float)):
        return key
    raise TypeError(f"the rule snapshot cannot hold a {type(key).__name__} mapping key ({key!r})")


def decode(value: Any) -> Any:
    """`encode`'s inverse: the same tree, `_Map`s and `_Seq`s with their lines."""
    if type(value) is not list:
        return value
    tag = value[0]
    if tag == "m":
        m = _Map()
        m.line = value[1]
        lines = m.key_lines = {}
        for key, line, item in value[2]:
            m[key] = decode(item) if type(item) is list else item
            lines[key] = line
        return m
    if tag == "s":
        s = _Seq([decode(item) if type(item) is list else item for item in value[3]])
        s.line = value[1]
        s.item_lines = list(value[2])
        return s
    return datetime.date.fromisoformat(value[1])
