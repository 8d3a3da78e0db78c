"""Findings: the values that flow from the engine to the reporters (a finding,
its severity, its fix and the edits the fix makes)."""
from __future__ import annotations

from enum import IntEnum

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
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


class _Record:
    """Equality and a repr by the fields a class lists in `__slots__`, as
    @dataclass gives them: these classes are written out because importing
    dataclasses (and with it inspect) costs ~10 ms of every one-file run,
    and a run the result cache answers needs nothing else of it."""

    __slots__ = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, n) for n in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self.__slots__)})"

    def __reduce__(self) -> tuple:
        return type(self), self._values()

    def replace(self, **changes: Any) -> Any:
        """A copy with `changes`, made through `__init__` (whose parameters are
        the `__slots__`), as dataclasses.replace did."""
        return type(self)(**{**{n: getattr(self, n) for n in self.__slots__}, **changes})


class _Frozen(_Record):
    """A _Record that is frozen and hashable by its fields, as a frozen
    dataclass: `__init__` sets them with `object.__setattr__` (`_set`)."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash(self._values())


_set = object.__setattr__  # a _Frozen's __init__: its own __setattr__ refuses


def fields_eq(self: Any, other: object) -> bool:
    """`==` by the public attributes `__init__` sets, as a dataclass compares
    its fields, for a plain class that sets them in `__init__` (Report,
    Discovery, FixOutcome); an attribute named `_...` (a cache) is no field.
    Assigned as `__eq__`, it makes the class unhashable, as a dataclass is."""
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _fields(self) == _fields(other)


def fields_repr(self: Any) -> str:
    """The repr a dataclass gives: `Name(field=value, ...)` by the public attributes."""
    return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in _fields(self).items())})"


def _fields(obj: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(obj).items() if not k.startswith("_")}


_FRESH: Any = object()  # "not given": a new dict or list for each finding (dataclass's default_factory)


class Finding(_Record):
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


class _Value(_Record):
    """A _Record that cannot change once made, hashed by its fields."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r} of a {type(self).__name__}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r} of a {type(self).__name__}")


class Edit(_Value):
    """One replacement of the code points [start, end) of a cable's text."""

    __slots__ = ("start", "end", "replacement")

    def __init__(self, start: int, end: int, replacement: str) -> None:
        set_ = object.__setattr__
        set_(self, "start", start)
        set_(self, "end", end)
        set_(self, "replacement", replacement)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


class Fix(_Value):
    """The fix of one finding: one edit, or several that only make sense
    together (paragraphs renumbered after a gap), applied all or none."""

    __slots__ = ("edits", "safe")

    def __init__(self, edits: tuple[Edit, ...], safe: bool) -> None:
        object.__setattr__(self, "edits", edits)
        object.__setattr__(self, "safe", safe)

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
