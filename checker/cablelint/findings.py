"""Findings: the values that flow from the engine to the reporters (a finding,
its severity, its fix and the edits the fix makes)."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> "Severity":
        key = text.strip().upper()
        aliases = {"WARN": "WARNING", "NOTE": "INFO", "ERR": "ERROR"}
        key = aliases.get(key, key)
        if key not in cls.__members__:
            raise ValueError(f"unknown severity {text!r} (use error, warning or info)")
        return cls[key]

    def __str__(self) -> str:  # 'error', 'warning', 'info'
        return self.name.lower()


@dataclass(slots=True)
class Finding:
    """One violation, located by an exact span in the original text.

    `start`/`end` are code-point offsets into the decoded file; line and
    column are 1-based, `end_column` points one past the last character
    (as SARIF wants). `matched` holds the flagged text; reporters never
    print it unless asked to (it may be classified or protected).
    """

    path: str
    rule: str
    name: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int = 0
    end: int = 0
    matched: str = ""
    fix: "Fix | None" = None  # the rule's autofix for this span (autofix.py), if it declares one
    extra: dict[str, Any] = field(default_factory=dict)
    # Other findings of the same cause, each with its own location, rule and
    # message: the symptoms folded into a diagnosis of export damage (rule
    # kind `integrity`, fold.py), or the same fault elsewhere (`group:`).
    related: list["Finding"] = field(default_factory=list)
    # A diagnosis only: the rule ids it folds, and the (start, end) offsets of
    # the damaged part they must lie in (None: the whole file).
    folds: frozenset[str] = frozenset()
    region: tuple[int, int] | None = None

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            **({"related": [r.to_dict() for r in self.related]} if self.related else {}),
            **({"fix": self.fix.to_dict()} if self.fix is not None else {}),
        }


@dataclass(frozen=True, slots=True)
class Edit:
    """One replacement of the code points [start, end) of a cable's text."""

    start: int
    end: int
    replacement: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass(frozen=True, slots=True)
class Fix:
    """The fix of one finding: one edit, or several that only make sense
    together (paragraphs renumbered after a gap), applied all or none."""

    edits: tuple[Edit, ...]
    safe: bool

    @property
    def start(self) -> int:
        return self.edits[0].start

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)

    def to_dict(self) -> dict[str, Any]:
        return {"safe": self.safe, "edits": [e.to_dict() for e in self.edits]}


def edit_where(src: Any, e: Edit) -> tuple[int, int, int, int]:
    """1-based (line, column, end_line, end_column) of an edit's span in a
    Source, the end one past its last character (an insertion ends where it
    starts)."""
    line, col = src.line_col(e.start)
    if e.end <= e.start:
        return line, col, line, col
    end_line, end_col = src.line_col(e.end - 1)
    return line, col, end_line, end_col + 1
