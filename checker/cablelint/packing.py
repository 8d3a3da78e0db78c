"""A file's findings packed as the result cache stores them: plain tuples,
no flagged text (`matched` is re-read from the file when an output needs it),
one pickle per file, decoded only when the file is reported."""
from __future__ import annotations

import pickle

from .findings import Edit, Finding, Fix, Severity

TYPE_CHECKING = False  # typing's constant without importing typing
if TYPE_CHECKING:
    from typing import Any, Iterable


def _plain(f: Finding) -> tuple:
    """A finding as plain values (no flagged text): unpickling dataclasses
    costs ~20 us each (fields() per object), plain tuples a fraction."""
    fix = None if f.fix is None else (f.fix.safe, tuple((e.start, e.end, e.replacement) for e in f.fix.edits))
    return (f.path, f.rule, f.name, int(f.severity), f.message, f.line, f.column, f.end_line, f.end_column,
            f.start, f.end, fix, f.extra or None, tuple(_plain(r) for r in f.related), f.folds or None, f.region)


_SEVERITY = {int(s): s for s in Severity}


def _fix(fix: tuple) -> Any:
    return Fix(tuple(Edit(*e) for e in fix[1]), fix[0])


def _finding(t: tuple, old: str, new: str) -> Finding:
    (path, rule, name, sev, message, line, column, end_line, end_column, start, end, fix, extra, related, folds,
     region) = t
    return Finding(new if path == old else path, rule, name, _SEVERITY[sev], message, line, column, end_line,
                   end_column, start, end, "", None if fix is None else _fix(fix), extra or {},
                   [_finding(r, old, new) for r in related] if related else [], folds or frozenset(), region)


def pack(found: Iterable[Finding]) -> bytes:
    """A file's findings as one compact blob, decoded only when the file hits."""
    return pickle.dumps(tuple(_plain(f) for f in found), protocol=pickle.HIGHEST_PROTOCOL)


def unpack(blob: bytes, old: str, new: str) -> list[Finding]:
    """The findings of `pack`, under the path of this run (`new`: a file
    linted as ./a.txt and now named a.txt) where they were under `old`."""
    return [_finding(t, old, new) for t in pickle.loads(blob)]
