"""The parsed cable: every element keeps its exact span in the original text.

The parser (cablelint.parse) builds a Document once; every rule reads it.
Spans are code-point offsets into `Document.text` (see cablelint.source).
"""
from __future__ import annotations

from .document_dict import document_dict
from .records import FrozenRecord, Record, set_field
from .source import Source

TYPE_CHECKING = False  # typing's constant without importing typing
if TYPE_CHECKING:
    import datetime as dt
    from typing import Any


class Span(FrozenRecord):
    """Where an element is: code-point offsets into the document's text."""

    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int) -> None:
        set_field(self, "start", start)
        set_field(self, "end", end)

    def __eq__(self, other: object) -> bool:  # spelled out: spans are compared and hashed often
        if other.__class__ is not Span:
            return NotImplemented
        return self.start == other.start and self.end == other.end  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((self.start, self.end))


class Token(Record):
    """A value found in the text: `value` is normalised, `raw` is as written."""

    __slots__ = ("value", "span", "raw")
    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's

    def __init__(self, value: str, span: Span, raw: str = "") -> None:
        self.value, self.span = value, span
        self.raw = raw or value


class Marking(Record):
    """A classification marking: a banner line or a portion mark.

    `level` is the canonical level name (UNCLASSIFIED, CONFIDENTIAL...) or
    None when the level text is not one the vocabulary knows; `controls` are
    canonical control/caveat names (NOFORN, EXDIS, SBU...); `rel_to` the
    REL TO country codes; `separators` the runs of `/` between entries with
    the blanks around them, as written (the parser records them once for the
    syntax rules).
    """

    __slots__ = ("raw", "span", "level", "level_token", "controls", "unknown", "rel_to", "separators", "spaced",
                 "form", "tokens", "categories", "owner", "continued")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, raw: str, span: Span, level: str | None = None, level_token: Token | None = None,
                 controls: list[Token] | None = None, unknown: list[Token] | None = None,
                 rel_to: list[Token] | None = None, separators: list[Token] | None = None, spaced: bool = False,
                 form: str = "cable", tokens: list[Token] | None = None, categories: list[Token] | None = None,
                 owner: Token | None = None, continued: list[Token] | None = None) -> None:
        self.raw, self.span, self.level, self.level_token = raw, span, level, level_token
        self.controls = [] if controls is None else controls
        self.unknown = [] if unknown is None else unknown
        self.rel_to = [] if rel_to is None else rel_to
        self.separators = [] if separators is None else separators
        self.spaced = spaced  # written letter-spaced: C O N F I D E N T I A L
        # 'cable' (State telegram), 'capco' (LEVEL//CONTROLS), 'portion', 'malformed' (unparsed or a lost
        # separator), 'paren-lost' (a known level without its opening parenthesis, `1. C)`, kept unparsed),
        # 'bare' (a paragraph's mark without parentheses after its opening words, `5. BEGIN TEXT S//NF:`, unparsed)
        self.form = form
        # Every entry after the level, in written order and with repeats, so that
        # duplicate, misplaced and wrong-form tokens can be pointed at.
        self.tokens = [] if tokens is None else tokens
        self.categories = [] if categories is None else categories  # CUI category markings (SP-CTI, PRVCY)
        self.owner = owner  # a non-US or JOINT marking's owner after its `//` (GBR, JOINT)
        # Entries that continue the entry before them after a single `/`: the second
        # program of `SAR-BP/SDA` (CAPCO H.5 does not repeat the `SAR-` indicator).
        self.continued = [] if continued is None else continued
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


class SectionMark(Record):
    """`SECTION 01 OF 03` on a banner, or `002 OF 003` on a continuation page."""

    __slots__ = ("number", "total", "span", "kind")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, number: int, total: int, span: Span, kind: str = "banner") -> None:
        self.number, self.total, self.span = number, total, span
        self.kind = kind  # 'banner' or 'page'


class DeclValue(Record):
    """The declassification instruction of an E.O. line or Declassify On line."""

    __slots__ = ("kind", "raw", "span", "date", "date_format", "exemptions", "invalid_date", "downgrade",
                 "downgrade_date", "years")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, kind: str, raw: str, span: Span, date: dt.date | None = None, date_format: str = "",
                 exemptions: list[Token] | None = None, invalid_date: bool = False, downgrade: Token | None = None,
                 downgrade_date: dt.date | None = None, years: int | None = None) -> None:
        # date | na | oadr | exemption | event | declassified | missing | downgrade (DNG alone) | period
        self.kind = kind
        self.raw, self.span, self.date = raw, span, date
        self.date_format = date_format  # mm/dd/yyyy, m/d/yy, yyyy/mm/dd, yyyymmdd...
        self.exemptions = [] if exemptions is None else exemptions
        self.invalid_date = invalid_date
        # A downgrading instruction ("DNG: CO 08/01/2032"), beside the declassification one or in its
        # place: the level it names (value: the level's name, raw and span: as written) and its date.
        self.downgrade, self.downgrade_date = downgrade, downgrade_date
        # A period ("DECL: TWENTY YEARS"): its years, counted from the cable's date. The parser gives
        # the years only; the engine sets `date` once it has resolved the cable's date (periods.py).
        self.years = years


class EOLine(Record):
    __slots__ = ("span", "order", "decl")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, span: Span, order: Token | None = None, decl: DeclValue | None = None) -> None:
        self.span, self.order, self.decl = span, order, decl


class ClassifiedBy(Record):
    __slots__ = ("span", "authority", "section", "reasons", "derived_from", "name", "title", "office")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, span: Span, authority: Token | None = None, section: Token | None = None,
                 reasons: list[Token] | None = None, derived_from: Token | None = None, name: Token | None = None,
                 title: Token | None = None, office: Token | None = None) -> None:
        self.span = span
        self.authority = authority  # name and/or title as written
        self.section = section  # "1.4" / "1.5"
        self.reasons = [] if reasons is None else reasons  # letters, lower case
        self.derived_from = derived_from  # derivative classification: the source instead of reasons
        self.name = name  # the authority split: "Jane Doe"
        self.title = title  # ... and "Political Counselor"
        self.office = office  # SMART layout "name, position, agency, office": the agency and office


class Paragraph(Record):
    """A portion of the body: a numbered paragraph, or a block of text.

    `number` is the paragraph number after undoing the web damage (¶, the
    pilcrow read as a leading 1, markdown link debris); `number_raw` keeps
    what was written.
    """

    __slots__ = ("span", "number", "number_token", "portion", "text", "kind", "marked_items", "lead_in",
                 "number_last")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, span: Span, number: int | None = None, number_token: Token | None = None,
                 portion: Marking | None = None, text: str = "", kind: str = "numbered", marked_items: int = 0,
                 lead_in: bool = False, number_last: int | None = None) -> None:
        self.span = span  # the first line of the paragraph
        self.number, self.number_token, self.portion = number, number_token, portion
        self.text = text  # first line, for messages (never printed by default)
        self.kind = kind  # numbered | block | notice (a numbered closing notice: no portion)
        self.marked_items = marked_items  # bullets inside it that carry their own portion mark ("-- (S/NF) ...")
        # its own text only leads in to marked bullets ("1. KEY POINTS", "... the following:")
        self.lead_in = lead_in
        # a range's last number ("4-14. (U)": a reply answering questions 4 to 14 at once; parse/ranges.py)
        self.number_last = number_last


class RoutingHeader(Record):
    __slots__ = ("span", "security", "dtg", "dtg_date", "precedence", "from_")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, span: Span, security: Token | None = None, dtg: Token | None = None,
                 dtg_date: dt.date | None = None, precedence: Token | None = None,
                 from_: Token | None = None) -> None:
        self.span = span
        self.security = security  # ZNY CCCCC / ZNR UUUUU
        self.dtg = dtg  # 261454Z MAY 09
        self.dtg_date = dtg_date  # the day it names (None: a month or day that does not exist)
        self.precedence, self.from_ = precedence, from_


class CableDate(Record):
    __slots__ = ("value", "source", "span")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, value: dt.date | None, source: str, span: Span | None = None) -> None:
        self.value = value
        self.source = source  # dtg | option | filename | dateline | unknown
        self.span = span


class Repair(Record):
    """One repair of damaged text the parser made to read it: `name` is the
    repair step (cablelint.parse.repair_names.REPAIRS), `span` where it applied,
    `detail` what it read (never the cable's text beyond a field value)."""

    __slots__ = ("name", "span", "detail")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, name: str, span: Span, detail: str = "") -> None:
        self.name, self.span, self.detail = name, span, detail


class WholeCopy(FrozenRecord):
    """The cable written out again later in the file (an export's first copy,
    cut or damaged, then the whole cable; or a header written twice): the
    first copy's banner line (`banner`) and each place after it where that
    line is written again with more than routing lines after it (`again`, in
    order). Found once by the parser (parse/copies.py); a reader of a field
    cut short, and CL911, take the first place after its cut (`after`)."""

    __slots__ = ("banner", "again")

    def __init__(self, banner: Span, again: tuple[Span, ...]) -> None:
        set_field(self, "banner", banner)  # the first copy's banner line
        set_field(self, "again", again)  # each place that line is written again (over a line break, when wrapped)

    def after(self, offset: int) -> Span | None:
        """The first place the banner's line is written again at or after `offset`; None when none is."""
        return next((s for s in self.again if s.start >= offset), None)


class Document(Record):
    """The parsed cable. It and the other values here are plain classes, not
    @dataclasses (records.py says why; `replace` is dataclasses.replace)."""

    __slots__ = ("source", "shape", "header", "banner", "footer", "banners", "captions", "sections", "post",
                 "serial", "eo", "tags", "tags_line", "subject", "subject_portion", "refs", "classified_by",
                 "fields", "field_list", "declassify_on", "paragraphs", "headings", "placeholders", "signature",
                 "date", "date_evidence", "body_start", "partial", "repairs", "whole_copy", "repeated",
                 "derived_reasons")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, source: Source, shape: str = "cable", header: RoutingHeader | None = None,
                 banner: Marking | None = None, footer: Marking | None = None, banners: list[Marking] | None = None,
                 captions: list[Token] | None = None, sections: list[SectionMark] | None = None,
                 post: Token | None = None, serial: Token | None = None, eo: EOLine | None = None,
                 tags: list[Token] | None = None, tags_line: Token | None = None, subject: Token | None = None,
                 subject_portion: Marking | None = None, refs: list[Token] | None = None,
                 classified_by: ClassifiedBy | None = None, fields: dict[str, Token] | None = None,
                 field_list: list[tuple[str, Token]] | None = None, declassify_on: DeclValue | None = None,
                 paragraphs: list[Paragraph] | None = None, headings: list[Token] | None = None,
                 placeholders: list[Token] | None = None, signature: Token | None = None,
                 date: CableDate | None = None, date_evidence: list[CableDate] | None = None, body_start: int = 0,
                 partial: bool = False, repairs: list[Repair] | None = None,
                 whole_copy: WholeCopy | None = None, repeated: list[Paragraph] | None = None,
                 derived_reasons: list[Token] | None = None) -> None:
        self.source = source
        self.shape = shape  # cable | capco | cui
        self.header, self.banner = header, banner
        self.footer = footer  # last marking line (bottom banner)
        self.banners = [] if banners is None else banners  # every banner line
        self.captions = [] if captions is None else captions  # caveat lines after the banner
        self.sections = [] if sections is None else sections
        self.post, self.serial, self.eo = post, serial, eo
        self.tags = [] if tags is None else tags
        self.tags_line, self.subject, self.subject_portion = tags_line, subject, subject_portion
        self.refs = [] if refs is None else refs
        self.classified_by = classified_by
        self.fields = {} if fields is None else fields  # 'Derived From', 'POC'... (first of each)
        self.field_list = [] if field_list is None else field_list  # every field line, repeats kept
        self.declassify_on = declassify_on  # CAPCO/CUI authority block
        self.paragraphs = [] if paragraphs is None else paragraphs
        self.headings = [] if headings is None else headings
        self.placeholders = [] if placeholders is None else placeholders
        self.signature = signature
        self.date = CableDate(None, "unknown") if date is None else date  # set by the engine
        # What the text says about its date, best first (the engine resolves it with --date).
        self.date_evidence = [] if date_evidence is None else date_evidence
        self.body_start = body_start  # offset where the body (first paragraph) begins
        self.partial = partial  # the archive says the file holds only part of the cable
        self.repairs = [] if repairs is None else repairs  # how the parser read damaged text (shown by inspect)
        self.whole_copy = whole_copy  # where the file writes the cable out again (parse/copies.py)
        # The paragraphs of a run the export wrote twice, left out of `paragraphs` (parse/paragraph_repeat.py;
        # CL906 still reads them).
        self.repeated = [] if repeated is None else repeated
        # The 1.4 categories written on a `Derived From:` field line ("DSCG 05-1, B,D"; parse/derived.py):
        # a derivative cable's reasons, where it has no Classified By to hold them.
        self.derived_reasons = [] if derived_reasons is None else derived_reasons

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
        """The JSON form shown by `cablelint inspect` (document_dict.py)."""
        return document_dict(self)
