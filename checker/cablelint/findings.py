"""Findings: the values that flow from the engine to the reporters (a finding,
its severity, its fix and the edits the fix makes)."""
from __future__ import annotations

from enum import IntEnum

from .records import FrozenRecord, Record, set_field

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Any, Iterable


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


_FRESH: Any = object()  # "not given": a new dict or list for each finding (dataclass's default_factory)


def split_by_severity(findings: Iterable[Finding], min_severity: str) -> tuple[list[Finding], list[Finding]]:
    """(shown, hidden): the findings at or above `min_severity` (the
    configuration's, `--min-severity`), and those below it, which a report
    counts but does not show. One split for every report of a run: check's,
    the quick cached run's and the HTML page's."""
    low = Severity.parse(min_severity)
    shown: list[Finding] = []
    hidden: list[Finding] = []
    for f in findings:
        (shown if f.severity >= low else hidden).append(f)
    return shown, hidden


class Finding(Record):
    """One violation, located by an exact span in the original text.

    `start`/`end` are code-point offsets into the decoded file; line and
    column are 1-based, `end_column` points one past the last character
    (as SARIF wants). `matched` holds the flagged text; reporters never
    print it unless asked to (it may be classified or protected).
    `fix` is the rule's autofix for this span (autofix.py), if it declares
    one. `related`: other findings of the same cause, each with its own
    location, rule and message: the symptoms folded into a diagnosis of
    export damage (rule kind `integrity`, fold.py), or the same fault
    elsewhere (`group:`). A diagnosis only: `folds`, the rule ids it folds,
    and `region`, the (start, end) offsets of the damaged part they must lie
    in (None: the whole file).
    """

    __slots__ = ("path", "rule", "name", "severity", "message", "line", "column", "end_line", "end_column",
                 "start", "end", "matched", "fix", "extra", "related", "folds", "region")
    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's

    def __init__(self, path: str, rule: str, name: str, severity: Severity, message: str, line: int,
                 column: int, end_line: int, end_column: int, start: int = 0, end: int = 0, matched: str = "",
                 fix: Fix | None = None, extra: dict[str, Any] = _FRESH, related: list[Finding] = _FRESH,
                 folds: frozenset[str] = frozenset(), region: tuple[int, int] | None = None) -> None:
        self.path, self.rule, self.name, self.severity, self.message = path, rule, name, severity, message
        self.line, self.column, self.end_line, self.end_column = line, column, end_line, end_column
        self.start, self.end, self.matched, self.fix = start, end, matched, fix
        self.extra = {} if extra is _FRESH else extra
        self.related = [] if related is _FRESH else related
        self.folds, self.region = folds, region

    def replace(self, **changes: Any) -> Finding:
        """A copy with `changes` (what dataclasses.replace gave)."""
        return Finding(**{**{n: getattr(self, n) for n in self.__slots__}, **changes})

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


class Edit(FrozenRecord):
    """One replacement of the code points [start, end) of a cable's text."""

    __slots__ = ("start", "end", "replacement")

    def __init__(self, start: int, end: int, replacement: str) -> None:
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "replacement", replacement)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


class Fix(FrozenRecord):
    """The fix of one finding: one edit, or several that only make sense
    together (paragraphs renumbered after a gap), applied all or none."""

    __slots__ = ("edits", "safe")

    def __init__(self, edits: tuple[Edit, ...], safe: bool) -> None:
        set_field(self, "edits", edits)
        set_field(self, "safe", safe)

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
