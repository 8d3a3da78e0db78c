"""The Item a target returns, and the few readers of a Document that every
target table shares (targets.py, targets_capco.py)."""
from __future__ import annotations

from typing import Any

from .document import Document, Marking, Span, Token
from .records import Record


class Item(Record):
    """One thing a target names. A plain value class, not a @dataclass
    (records.py says why)."""

    __slots__ = ("value", "span", "obj", "label")
    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's

    def __init__(self, value: Any, span: Span, obj: Any = None, label: str = "") -> None:
        self.value = value  # str, int, date, or a Marking (for level-aware kinds)
        self.span = span
        self.obj = obj  # the document element it came from
        self.label = label  # human text for messages ("paragraph 3")


def tok(t: Token | None, label: str = "") -> list[Item]:
    return [Item(t.value, t.span, t, label)] if t else []


def marking(m: Marking | None, label: str) -> list[Item]:
    return [Item(m, m.span, m, label)] if m else []


def portions(d: Document) -> list[Item]:
    """The portion marks (the subject's, then each paragraph's): read once per
    document though seven targets and two conditions start from them."""
    if _LAST and _LAST[0] is d:
        return list(_LAST[1])
    out = _read_portions(d)
    _LAST[:] = [d, out]
    return list(out)


_LAST: list[Any] = []  # the last document read and its portions (rules run document after document)


def _read_portions(d: Document) -> list[Item]:
    out = []
    if d.subject_portion:
        out.append(Item(d.subject_portion, d.subject_portion.span, d.subject_portion, "the subject"))
    for p in d.paragraphs:
        if p.portion:
            out.append(Item(p.portion, p.portion.span, p, para_label(p)))
    return out


def para_label(p) -> str:
    return f"paragraph {p.number}" if p.number is not None else "this portion"
