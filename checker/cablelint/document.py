"""The parsed cable: every element keeps its exact span in the original text.

The parser (cablelint.parse) builds a Document once; every rule reads it.
Spans are code-point offsets into `Document.text` (see cablelint.source).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .source import Source


@dataclass(slots=True, frozen=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Token:
    """A value found in the text: `value` is normalised, `raw` is as written."""

    value: str
    span: Span
    raw: str = ""

    def __post_init__(self) -> None:
        if not self.raw:
            self.raw = self.value


@dataclass(slots=True)
class Marking:
    """A classification marking: a banner line or a portion mark.

    `level` is the canonical level name (UNCLASSIFIED, CONFIDENTIAL...) or
    None when the level text is not one the vocabulary knows; `controls` are
    canonical control/caveat names (NOFORN, EXDIS, SBU...); `rel_to` the
    REL TO country codes; `separators` the runs of `/` between entries with
    the blanks around them, as written (the parser records them once for the
    syntax rules).
    """

    raw: str
    span: Span
    level: str | None = None
    level_token: Token | None = None
    controls: list[Token] = field(default_factory=list)
    unknown: list[Token] = field(default_factory=list)
    rel_to: list[Token] = field(default_factory=list)
    separators: list[Token] = field(default_factory=list)
    spaced: bool = False  # written letter-spaced: C O N F I D E N T I A L
    # 'cable' (State telegram), 'capco' (LEVEL//CONTROLS), 'portion', 'malformed' (unparsed or a lost
    # separator), 'paren-lost' (a known level without its opening parenthesis, `1. C)`, kept unparsed),
    # 'bare' (a paragraph's mark without parentheses after its opening words, `5. BEGIN TEXT S//NF:`, unparsed)
    form: str = "cable"
    # Every entry after the level, in written order and with repeats, so that
    # duplicate, misplaced and wrong-form tokens can be pointed at.
    tokens: list[Token] = field(default_factory=list)
    categories: list[Token] = field(default_factory=list)  # CUI category markings (SP-CTI, PRVCY)
    owner: Token | None = None  # a non-US or JOINT marking's owner after its `//` (GBR, JOINT)
    # Entries that continue the entry before them after a single `/`: the second
    # program of `SAR-BP/SDA` (CAPCO H.5 does not repeat the `SAR-` indicator).
    continued: list[Token] = field(default_factory=list)

    def shifted(self, delta: int) -> Marking:
        """A copy whose spans stand `delta` further on: a mark parsed once (the
        parser memoises marks by their text) placed where it occurs. Tokens
        that two lists share stay shared in the copy."""
        lt = self.level_token
        if not (self.controls or self.unknown or self.rel_to or self.separators or self.tokens or self.categories
                or self.owner or self.continued):  # the common "(C)": a level alone
            return Marking(self.raw, Span(self.span.start + delta, self.span.end + delta), self.level,
                           lt and Token(lt.value, Span(lt.span.start + delta, lt.span.end + delta), lt.raw),
                           spaced=self.spaced, form=self.form)
        seen: dict[int, Token] = {}

        def each(ts: list[Token] | tuple[Token, ...]) -> list[Token]:
            # A loop, not a comprehension calling a helper per token: copying a
            # mark's tokens was a fifth of the body stage's time.
            out = []
            for t in ts:
                got = seen.get(id(t))
                if got is None:
                    got = seen[id(t)] = Token(t.value, Span(t.span.start + delta, t.span.end + delta), t.raw)
                out.append(got)
            return out

        # Spelled out, not a generator over the lists: most are empty, and each costs no call then.
        ctl = each(self.controls) if self.controls else []
        unk = each(self.unknown) if self.unknown else []
        rel = each(self.rel_to) if self.rel_to else []
        sep = each(self.separators) if self.separators else []
        tks = each(self.tokens) if self.tokens else []
        cat = each(self.categories) if self.categories else []
        cont = each(self.continued) if self.continued else []
        return Marking(self.raw, Span(self.span.start + delta, self.span.end + delta), self.level,
                       lt and each((lt,))[0], ctl, unk, rel, sep, self.spaced, self.form, tks, cat,
                       self.owner and each((self.owner,))[0], cont)


@dataclass(slots=True)
class SectionMark:
    """`SECTION 01 OF 03` on a banner, or `002 OF 003` on a continuation page."""

    number: int
    total: int
    span: Span
    kind: str = "banner"  # 'banner' or 'page'


@dataclass(slots=True)
class DeclValue:
    """The declassification instruction of an E.O. line or Declassify On line."""

    kind: str  # date | na | oadr | exemption | event | declassified | missing
    raw: str
    span: Span
    date: dt.date | None = None
    date_format: str = ""  # mm/dd/yyyy, m/d/yy, yyyy/mm/dd, yyyymmdd...
    exemptions: list[Token] = field(default_factory=list)
    invalid_date: bool = False


@dataclass(slots=True)
class EOLine:
    span: Span
    order: Token | None = None
    decl: DeclValue | None = None


@dataclass(slots=True)
class ClassifiedBy:
    span: Span
    authority: Token | None = None  # name and/or title as written
    section: Token | None = None  # "1.4" / "1.5"
    reasons: list[Token] = field(default_factory=list)  # letters, lower case
    derived_from: Token | None = None  # derivative classification: the source instead of reasons
    name: Token | None = None  # the authority split: "Jane Doe"
    title: Token | None = None  # ... and "Political Counselor"


@dataclass(slots=True)
class Paragraph:
    """A portion of the body: a numbered paragraph, or a block of text.

    `number` is the paragraph number after undoing the web damage (¶, the
    pilcrow read as a leading 1, markdown link debris); `number_raw` keeps
    what was written.
    """

    span: Span  # the first line of the paragraph
    number: int | None = None
    number_token: Token | None = None
    portion: Marking | None = None
    text: str = ""  # first line, for messages (never printed by default)
    kind: str = "numbered"  # numbered | block
    marked_items: int = 0  # bullets inside it that carry their own portion mark ("-- (S/NF) ...")
    lead_in: bool = False  # its own text only leads in to marked bullets ("1. KEY POINTS", "... the following:")


@dataclass(slots=True)
class RoutingHeader:
    span: Span
    security: Token | None = None  # ZNY CCCCC / ZNR UUUUU
    dtg: Token | None = None  # 261454Z MAY 09
    dtg_date: dt.date | None = None  # the day it names (None: a month or day that does not exist)
    precedence: Token | None = None
    from_: Token | None = None


@dataclass(slots=True)
class CableDate:
    value: dt.date | None
    source: str  # dtg | option | filename | dateline | unknown
    span: Span | None = None


@dataclass(slots=True)
class Repair:
    """One repair of damaged text the parser made to read it: `name` is the
    repair step (cablelint.parse.repair.REPAIRS), `span` where it applied,
    `detail` what it read (never the cable's text beyond a field value)."""

    name: str
    span: Span
    detail: str = ""


@dataclass(slots=True, frozen=True)
class WholeCopy:
    """The cable written out again later in the file (an export's first copy,
    cut or damaged, then the whole cable): the first copy's banner line
    (`banner`) written again at `again`, where the whole copy starts. Found
    once by the parser (parse/copies.py); the readers of a field cut short
    in the first copy and CL911 read it."""

    banner: Span  # the first copy's banner line
    again: Span  # that line written again (over a line break, when wrapped)


@dataclass(slots=True)
class Document:
    source: Source
    shape: str = "cable"  # cable | capco | cui
    header: RoutingHeader | None = None
    banner: Marking | None = None
    footer: Marking | None = None  # last marking line (bottom banner)
    banners: list[Marking] = field(default_factory=list)  # every banner line
    captions: list[Token] = field(default_factory=list)  # caveat lines after the banner
    sections: list[SectionMark] = field(default_factory=list)
    post: Token | None = None
    serial: Token | None = None
    eo: EOLine | None = None
    tags: list[Token] = field(default_factory=list)
    tags_line: Token | None = None
    subject: Token | None = None
    subject_portion: Marking | None = None
    refs: list[Token] = field(default_factory=list)
    classified_by: ClassifiedBy | None = None
    fields: dict[str, Token] = field(default_factory=dict)  # 'Derived From', 'POC'... (first of each)
    field_list: list[tuple[str, Token]] = field(default_factory=list)  # every field line, repeats kept
    declassify_on: DeclValue | None = None  # CAPCO/CUI authority block
    paragraphs: list[Paragraph] = field(default_factory=list)
    headings: list[Token] = field(default_factory=list)
    placeholders: list[Token] = field(default_factory=list)
    signature: Token | None = None
    date: CableDate = field(default_factory=lambda: CableDate(None, "unknown"))  # set by the engine
    # What the text says about its date, best first (the engine resolves it with --date).
    date_evidence: list[CableDate] = field(default_factory=list)
    body_start: int = 0  # offset where the body (first paragraph) begins
    partial: bool = False  # the archive says the file holds only part of the cable
    repairs: list[Repair] = field(default_factory=list)  # how the parser read damaged text (shown by inspect)
    whole_copy: WholeCopy | None = None  # where the file writes the cable out again (parse/copies.py)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def notes(self) -> list[str]:
        """The repairs as one line each: `name (line N): detail`."""
        return [f"{r.name} (line {self.source.line_col(r.span.start)[0]})" + (f": {r.detail}" if r.detail else "")
                for r in self.repairs]

    @property
    def level(self) -> str | None:
        return self.banner.level if self.banner else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form shown by `cablelint inspect`."""
        src = self.source
        return {
            "path": self.path,
            "shape": self.shape,
            "partial": self.partial,
            "date": _date_shown(self.date),
            "date_source": self.date.source,
            "classification": self._classification_dict(),
            "footer": _marking_dict(src, self.footer),
            "transmission": _value(self.header.security) if self.header else None,
            "dtg": _value(self.header.dtg) if self.header else None,
            "eo": _eo_dict(src, self.eo),
            "tags": [" ".join(t.raw.split()) if t.raw.upper().startswith(t.value.upper()) else t.value
                     for t in self.tags],  # a person TAG with its person: OVIP (RICE, CONDOLEEZZA)
            "subject": _value(self.subject),
            "refs": [r.value for r in self.refs],
            "classified_by": _clby_dict(src, self.classified_by),
            "fields": {k: v.value for k, v in self.fields.items()},
            "sections": [{"number": s.number, "total": s.total, "kind": s.kind, "line": _line(src, s.span)}
                         for s in self.sections],
            "paragraphs": [{"number": p.number, "portion": p.portion.raw if p.portion else None,
                            "level": p.portion.level if p.portion else None, "line": _line(src, p.span)}
                           for p in self.paragraphs],
            "headings": [{"text": h.value, "line": _line(src, h.span)} for h in self.headings],
            "placeholders": len(self.placeholders),
            "signature": _value(self.signature),
            "repairs": [_repair_dict(src, r) for r in self.repairs],
            "notes": self.notes,
            "whole_copy": {"line": _line(src, wc.again), "banner_line": _line(src, wc.banner)}
            if (wc := self.whole_copy) else None,  # where the cable is written again, its banner's line
        }

    def _classification_dict(self) -> dict[str, Any]:
        """The banner with the caption lines' caveats after its own."""
        cls = _marking_dict(self.source, self.banner) or {"level": None, "caveats": [], "line": None}
        if self.banner:
            cls["caveats"] = [c.value for c in self.banner.controls] + [
                c.value for c in self.captions if c.value not in cls["caveats"]
            ]
        return cls


# -- the parts of Document.to_dict ------------------------------------------
def _repair_dict(src: Source, r: Repair) -> dict[str, Any]:
    """A repair's span in the findings' convention (1-based; `end_column` one past the last character)."""
    line, column = src.line_col(r.span.start)
    end_line, end_column = src.line_col(r.span.end)
    return {"name": r.name, "line": line, "column": column, "end_line": end_line, "end_column": end_column,
            "detail": r.detail}


def _line(src: Source, span: Span | None) -> int | None:
    return src.line_col(span.start)[0] if span else None


def _value(t: Token | None) -> str | None:
    return t.value if t else None


def _marking_dict(src: Source, m: Marking | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "level": m.level,
        "caveats": [c.value for c in m.controls],
        "rel_to": [c.value for c in m.rel_to],
        "categories": [c.value for c in m.categories],
        "unknown": [c.raw for c in m.unknown],
        "raw": m.raw,
        "line": _line(src, m.span),
    }


def _eo_dict(src: Source, eo: EOLine | None) -> dict[str, Any] | None:
    if eo is None:
        return None
    d = eo.decl
    return {
        "order": _value(eo.order),
        "declassify_on": d.raw if d else None,
        "decl_kind": d.kind if d else None,
        "decl_date": d.date.isoformat() if d and d.date else None,
        "line": _line(src, eo.span),
    }


def _clby_dict(src: Source, c: ClassifiedBy | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "name": _value(c.name),
        "title": _value(c.title),
        "authority": _value(c.authority),
        "section": _value(c.section),
        "reasons": [r.value for r in c.reasons],
        "line": _line(src, c.span),
    }


def _date_shown(date: CableDate) -> str | None:
    """The date as inspect shows it: only the year when no more is known (the
    file name's year is a year, not 1 January)."""
    if date.value is None:
        return None
    return str(date.value.year) if date.source == "filename-year" else date.value.isoformat()
