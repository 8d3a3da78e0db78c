"""`--audit FILE`: one JSON line per fix applied, appended, so a reviewer can
prove what changed in a marked document and re-check it later.

Each record names the file, the rule, whether the fix was safe, the pass
that made it, and its edits (most fixes have one): each edit's span in the
text of that pass (line/column as reported, code-point offsets) and the text
before and after; then the tool version and the time (UTC). Where the
run's mask would change a text (a protect list covers it, or part of a
wrapped protected name), the record keeps only a salted SHA-256 of it:
`sha256(salt + text)` with a fresh random salt per record, so a holder of
the original can verify the record while the record itself reveals nothing
and two records of one name cannot be matched.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
from pathlib import Path
from typing import Any, Callable, Iterable

from .fixes import Applied, FixResult
from .reporters import masked_path


def _text_field(key: str, text: str, mask: Callable[[str], str], salt: str) -> dict[str, Any]:
    if mask(text) == text:
        return {key: text}
    return {f"{key}_sha256": hashlib.sha256((salt + text).encode("utf-8")).hexdigest()}


def record(path: str, a: Applied, mask: Callable[[str], str], version: str, when: str) -> dict[str, Any]:
    """The audit record of one applied fix (protected text hashed, never in clear)."""
    salt = secrets.token_hex(16)
    edits = []
    for e, before, (line, col, end_line, end_col) in zip(a.fix.edits, a.before, a.where):
        edits.append({"span": {"line": line, "column": col, "end_line": end_line, "end_column": end_col,
                               "start": e.start, "end": e.end},
                      **_text_field("before", before, mask, salt), **_text_field("after", e.replacement, mask, salt)})
    out: dict[str, Any] = {"file": masked_path(path, path, mask), "rule": a.rule, "name": a.name, "safe": a.fix.safe,
                           "pass": a.pass_no, "edits": edits}
    if any(k.endswith("_sha256") for e in edits for k in e):
        out["salt"] = salt
    return out | {"tool": "cablelint", "version": version, "time": when}


def append(audit_file: str | Path, results: Iterable[FixResult], mask: Callable[[str], str],
           version: str, written: bool = True) -> int:
    """Append one line per applied fix of the files actually rewritten
    (`written`: False for --diff, which records nothing); returns the count."""
    if not written:
        return 0
    when = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    rows = [json.dumps(record(r.path, a, mask, version, when), ensure_ascii=False, sort_keys=True)
            for r in results if r.changed for a in r.applied]
    if not rows:
        return 0
    with open(audit_file, "a", encoding="utf-8") as fh:
        fh.write("\n".join(rows) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return len(rows)
