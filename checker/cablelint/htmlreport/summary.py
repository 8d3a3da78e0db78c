"""The per-document record a corpus report needs besides the findings:
when, where from and at what level a cable was written.

The engine parses each document once and throws the Document away; a
`DocSummary` is the small, picklable part of it that a run carries out
(see `runner.run_check(summarize=...)`), so worker processes can send it
back and a 250k-cable run never keeps the parsed documents.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex

from ..checks import Context
from ..document import Document

# A cable id in a file name: 05PARIS579, 85RIYADH16919, 09STATE12345.
_CABLE_ID = regex.compile(r"(?:^|[^A-Z0-9])\d{2}([A-Z][A-Z]+?)\d+(?:[^A-Z0-9]|$)")
# Routing-header words around a post name (FM AMEMBASSY PARIS, FM SECSTATE WASHDC).
_FROM_WORDS = regex.compile(r"^(?:FM\s+)?(?:AM(?:EMBASSY|CONSUL(?:ATE)?)|USMISSION|USDEL|USINT|US\s+MISSION)\s+")


@dataclass(slots=True, frozen=True)
class DocSummary:
    path: str
    year: int | None  # the cable's year (None: its date is unknown)
    date: str | None  # YYYY-MM-DD, or YYYY when only the year is known
    era: str | None  # the era label of the first rule set with eras that knows the date
    post: str | None  # the originating post (PARIS, STATE), None when not found
    level: str | None  # the banner's level (None: no banner was read)
    shape: str


def post_of(doc: Document) -> str | None:
    """The originating post: the banner's `POST 000123`, else the routing
    header's FM line without its AMEMBASSY-like prefix, else the cable id in
    the file name (05PARIS579.txt). The State Department is 'STATE'."""
    if doc.post is not None and doc.post.value.strip():
        return doc.post.value.strip().upper()
    frm = doc.header.from_ if doc.header is not None else None
    if frm is not None and frm.value.strip():
        name = _FROM_WORDS.sub("", frm.value.strip().upper())
        return "STATE" if name.startswith("SECSTATE") else name or None
    m = _CABLE_ID.search(Path(doc.path).stem.upper())
    return m.group(1) if m else None


def era_of(engine, doc: Document) -> str | None:
    """The era (its label) of the document's date under the first rule set
    that has eras; None when the date is unknown or spans eras."""
    for rs in engine.rulesets:
        if rs.eras:
            era = Context(doc, engine.vocab, rs.lists, rs.eras, engine.as_of).era
            return str(era.get("label", era["name"])) if era else None
    return None


def summarize(engine, doc: Document) -> DocSummary:
    """The report's record of one parsed document (a module-level function,
    so worker processes can be handed it)."""
    d = doc.date
    if d.value is None:
        year, date = None, None
    elif d.source == "filename-year":
        year, date = d.value.year, str(d.value.year)
    else:
        year, date = d.value.year, d.value.isoformat()
    return DocSummary(path=doc.path, year=year, date=date, era=era_of(engine, doc), post=post_of(doc),
                      level=doc.level, shape=doc.shape)
