"""Write rules/snapshot.json, the shipped rule files parsed ahead of time
(rulesnapshot.py says why and how it is used):

    python -m cablelint.build_snapshot          # rewrite it after editing rules/*.yaml
    python -m cablelint.build_snapshot --check  # exit 1 when it is stale

tests/test_rulesnapshot.py fails while it is stale.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from . import rulesnapshot
from .rule import RuleSetError
from .seal import sha256
from .vocabulary import rules_dir
from .yamlparse import parse


def build(rules: Path | None = None) -> str:
    """The snapshot's text for every YAML file in `rules` (default: the
    shipped folder), each parsed now (never taken from the snapshot)."""
    folder = rules or rules_dir()
    entries = []
    for path in sorted(folder.glob("*.yaml")):
        tree = parse(path.read_text(encoding="utf-8"), path, RuleSetError)
        entries.append((path.name, sha256(path.read_bytes()).hexdigest(), rulesnapshot.encode(tree)))
    return _text(entries)


def _text(entries: list[tuple[str, str, Any]]) -> str:
    """The JSON, one line per top-level key of a file and per item of a
    top-level list (one rule, one era...), so that a change to a rule file
    changes a few lines of the snapshot, not one line of 300 KB."""
    dump = json.dumps
    out = ['{"format": %d, "generated_by": "python -m cablelint.build_snapshot", "files": {' % rulesnapshot.FORMAT]
    for n, (name, digest, tree) in enumerate(entries):
        last = "," if n < len(entries) - 1 else ""
        if type(tree) is not list or tree[0] != "m":  # not a mapping: no rule file, one line will do
            out.append(f"{dump(name)}: {dump({'sha256': digest, 'tree': tree}, ensure_ascii=False)}{last}")
            continue
        out.append(f"{dump(name)}: {{\"sha256\": {dump(digest)}, \"tree\": [\"m\", {tree[1]}, [")
        items = tree[2]
        for i, (key, line, value) in enumerate(items):
            comma = "," if i < len(items) - 1 else ""
            if type(value) is list and value[0] == "s" and value[3]:
                out.append(f"[{dump(key)}, {line}, [\"s\", {value[1]}, {dump(value[2])}, [")
                out += [dump(v, ensure_ascii=False) + ("," if j < len(value[3]) - 1 else "")
                        for j, v in enumerate(value[3])]
                out.append(f"]]]{comma}")
            else:
                out.append(dump([key, line, value], ensure_ascii=False) + comma)
        out.append("]]}" + last)
    out.append("}}")
    return "\n".join(out) + "\n"


def snapshot_path() -> Path:
    return rules_dir() / rulesnapshot.NAME


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = snapshot_path()
    text = build()
    if "--check" in args:
        try:
            same = path.read_text(encoding="utf-8") == text
        except OSError:
            same = False
        if not same:
            print(f"{path} is stale: run `python -m cablelint.build_snapshot`", file=sys.stderr)
        return 0 if same else 1
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
