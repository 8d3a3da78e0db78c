"""What the inspect-field tests share: a cable parsed from a short text, and the
Classified By name and title (and office) read from one statement under a given header."""
from __future__ import annotations

from cablelint import make_engine
from cablelint.document import Document
from cablelint.source import Source

ENGINE = make_engine()


def parse_text(text: str) -> Document:
    return ENGINE.parse(Source(path="t.txt", text=text))


def name_and_title(head: str, statement: str) -> tuple[str | None, str | None]:
    """The Classified By `statement` between a SUBJECT and a marked paragraph 1."""
    cb = parse_text(head + "SUBJECT: TALKS\n\n" + statement + "\n\n1. (C) Text.\n").classified_by
    return (cb.name.value if cb.name else None, cb.title.value if cb.title else None)


def name_title_office(head: str, statement: str) -> tuple[str | None, str | None, str | None]:
    """The Classified By `statement` after a header ending in its SUBJECT and a blank
    line, before a marked paragraph 1: its name, title and office (the SMART layout's)."""
    cb = parse_text(head + statement + "\n\n1. (C) Text.\n").classified_by
    return tuple(t.value if t else None for t in (cb.name, cb.title, cb.office))  # type: ignore[return-value]
