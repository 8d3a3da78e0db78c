"""Findings: the values that flow from the engine to the reporters."""
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
    fix: str | None = None
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
        }
