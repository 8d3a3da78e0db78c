"""Targets: the named parts of a parsed Document that a rule can point at.

A rule's `target:` is one of these names; each returns a list of Items, the
values a check kind inspects. This table is the whole interface between the
document model and the check kinds, so the kinds stay generic.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any, Callable

from .document import DeclValue, Document, Span
from .rx import rx
from .target_items import Item, marking as _marking, para_label as _para_label, portions as _portions, tok as _tok
from .targets_capco import CAPCO_TARGETS, code_target


def _banner_controls(d: Document) -> list[Item]:
    out = []
    if d.banner:
        out += [Item(c.value, c.span, c, "banner") for c in d.banner.controls]
    out += [Item(c.value, c.span, c, "caption") for c in d.captions]
    return out


def _banner_with_captions(d: Document) -> list[Item]:
    """The banner as one marking with its caption lines: a cable's caveats
    (NOFORN, EXDIS) often stand on the lines under the level, and count as the
    banner's own when judging which controls stand together."""
    b = d.banner
    if b is None:
        return []
    controls = list(b.controls)
    for c in d.captions:  # a control on the banner and a caption line counts once, at the banner
        if all(c.value != k.value for k in controls):
            controls.append(c)
    return [Item(b.replace(controls=controls), b.span, b, "the banner")]


def _decl(d: Document) -> list[Item]:
    """The declassification instruction; none where the line gives only a
    downgrading instruction (`DNG: CO 08/01/2032`: CL217 says so; its date is
    no DECL date to judge)."""
    dv = d.eo.decl if d.eo and d.eo.decl else d.declassify_on
    if dv is None or dv.kind == "downgrade":
        return []
    return [Item(dv.raw.strip(), dv.span, dv, "the declassification instruction")]


def _decl_date(d: Document) -> list[Item]:
    out = []
    for it in _decl(d):
        dv = it.obj
        if dv.date:
            out.append(Item(dv.date, dv.span, dv, "DECL date"))
    return out


def _decl_exemptions(d: Document) -> list[Item]:
    out = []
    for it in _decl(d):
        out += [Item(t.value, t.span, t, "exemption") for t in it.obj.exemptions]
        if it.obj.kind == "oadr":
            out.append(Item("OADR", it.span, it.obj, "OADR"))
    return out


def _fields(name: str) -> Callable[[Document], list[Item]]:
    def get(d: Document) -> list[Item]:
        for k, v in d.fields.items():
            if k.lower() == name.lower():
                return [Item(v.value, v.span, v, k)]
        return []
    return get


def _line_item(src: Any, i: int) -> Item:
    """The Item of line index `i` (0-based): its text without the line ending."""
    start, text = src.line_starts[i], src.lines()[i]
    return Item(text, Span(start, start + len(text)), None, f"line {i + 1}")


def _lines(body_only: bool) -> Callable[[Document], list[Item]]:
    def get(d: Document) -> list[Item]:
        src = d.source
        first = bisect_left(src.line_starts, d.body_start) if body_only else 0
        return [_line_item(src, i) for i in range(first, len(src.line_starts))]
    return get


LINE_TARGETS = {"lines": False, "body.lines": True}  # name -> body only


def lines_holding(d: Document, starts: list[int], body_only: bool) -> list[Item]:
    """The Items of `lines`/`body.lines` (same values, in text order) of only
    the lines in whose text one of `starts` (ascending offsets) lies, an empty
    line counting its first position: a rule that needs a literal on the line
    (`requires`) builds two lines, not two hundred."""
    src = d.source
    out: list[Item] = []
    last = -1
    for off in starts:
        i = bisect_right(src.line_starts, off) - 1
        if i == last or (body_only and src.line_starts[i] < d.body_start):
            continue
        item = _line_item(src, i)
        if off < max(item.span.end, item.span.start + 1):
            out.append(item)
            last = i
    return out


def _decl_kind(kind: str) -> Callable[[Document], list[Item]]:
    return lambda d: [it for it in _decl(d) if it.obj.kind == kind]


def _unmarked_paragraphs(d: Document) -> list[Item]:
    """Paragraphs without a portion mark, except one that is the Classified By
    statement itself ("1. CLASSIFIED BY ..., REASON 1.5(B)" in 1990s cables):
    an authority block is not a portion; a lead-in ("1. Key Points:") whose
    bullets each carry their own mark: the bullets are the portions; and a
    paragraph withheld whole (its text only a placeholder): nothing is left to mark;
    and a post's closing notice the drafter numbered (kind `notice`, markings.yaml
    `note_patterns`): no portion of the cable."""
    cb = d.classified_by.span if d.classified_by else None
    paras = d.paragraphs
    return [Item(p.text, p.span, p, _para_label(p)) for i, p in enumerate(paras)
            if p.portion is None and p.kind != "notice" and not (cb and p.span.start <= cb.start < p.span.end)
            and not (p.marked_items and p.lead_in)
            and not _withheld(d, p, paras[i + 1].span.start if i + 1 < len(paras) else len(d.text))]


_BLANK_LINE = rx(r"\n[ \t\r]*\n")


def _withheld(d: Document, p, stop: int) -> bool:
    """The paragraph's text, up to a blank line or the next paragraph, is only
    placeholders (the vocabulary's `placeholder_patterns`), numbers and punctuation."""
    lo = p.number_token.span.end if p.number_token else p.span.start
    blank = _BLANK_LINE.search(d.text, lo, stop)
    hi = blank.start() if blank else stop
    holes = [t.span for t in d.placeholders if lo <= t.span.start and t.span.end <= hi]
    if not holes:
        return False
    text = list(d.text[lo:hi])
    for h in holes:
        text[h.start - lo:h.end - lo] = " " * (h.end - h.start)
    return not any(c.isalpha() for c in text)


def _renumbered(d: Document) -> list[Item]:
    """Paragraph numbers the parser read back as another number because the
    pilcrow was exported as a 1 (`11.` is paragraph 1): the value is the
    number read. A number written after a `¶` is left out: its 1 is no
    pilcrow, so the parser's reading of it is a guess, not a repair."""
    out = []
    for p in d.paragraphs:
        t = p.number_token
        if t is None or t.raw in (None, "", t.value):
            continue
        if d.text[max(0, t.span.start - 4):t.span.start].rstrip(" \t[").endswith("¶"):
            continue
        out.append(Item(t.value, t.span, t, _para_label(p)))
    return out


def _entire_text(d: Document) -> list[Item]:
    """Whole-text marks such as `1. (C - ENTIRE TEXT)` or `1. SECRET - ENTIRE TEXT.`:
    one mark standing for every paragraph (normal before 1995, a blanket
    notice after)."""
    return [Item(it.value.raw, it.span, it.value, it.label) for it in _portions(d)
            if any(c.value == "ENTIRE TEXT" for c in it.value.controls)]


# What is left of a DECL value once its dates, exemption codes and filler are gone:
# any word left is an event ("25X1, AFTER KOREAN UNIFICATION").
_DECL_FILLER = rx(
    r"(?i)\bDECL(?:ASSIFY)?(?:\s+ON)?\b|\d{1,4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{1,4}|\b(?:19|20)\d{6}\b|\bAND\b|\bOR\b"
    r"|[^A-Za-z]+")


def _has_event(d: Document, dv: DeclValue) -> bool:
    text = list(d.text[dv.span.start:dv.span.end])
    for t in dv.exemptions:
        for i in range(max(t.span.start, dv.span.start), min(t.span.end, dv.span.end)):
            text[i - dv.span.start] = " "
    return bool(_DECL_FILLER.sub("", "".join(text)).strip())


def _exemptions_by_date(with_date: bool) -> Callable[[Document], list[Item]]:
    """Exemption codes written with (or without) a date or event beside them:
    50X1-HUM must stand alone, a bare 25X# needs one (E.O. 13526)."""
    def get(d: Document) -> list[Item]:
        out = []
        for it in _decl(d):
            dv = it.obj
            dated = dv.date is not None or dv.invalid_date or _has_event(d, dv)
            if dated == with_date:
                out += [Item(t.value, t.span, t, "exemption") for t in dv.exemptions]
        return out
    return get


def _derived(d: Document) -> list[Item]:
    """A derivative classification (`Derived From:`, or `Classified By: Derived from
    ...`): it carries no reason of its own (32 CFR 2001.22)."""
    out = _fields("Derived From")(d)
    cb = d.classified_by
    if cb is not None and cb.derived_from is not None:
        out.append(Item(cb.derived_from.value, cb.derived_from.span, cb, "Classified By"))
    return out


def _authority_line(d: Document) -> list[Item]:
    """The line that states who or what classified the cable: the Classified By
    line, else a `Derived From:` field written in its place (a derivative cable
    without the "Classified By" label). Both should name the classifier (CL303)."""
    if d.classified_by is not None:
        cb = d.classified_by
        return [Item(d.text[cb.span.start:cb.span.end], cb.span, cb, "Classified By")]
    return _fields("Derived From")(d)


def _unknown_portions(d: Document) -> list[Item]:
    """Portion marks the vocabulary cannot read: unknown level or tokens, or malformed
    past reading (a known level without its opening parenthesis, `1. C)`, is `portions.malformed`).
    The value is the mark as the file writes it: `(Q)`, or `XY)` for one that lost its "(",
    so that a message quotes only what the file holds."""
    out = []
    for it in _portions(d):
        m = it.value
        if (m.level is None or m.unknown or m.form == "malformed") and m.form not in ("paren-lost", "bare"):
            out.append(Item(m.raw if m.raw.endswith(")") else f"({m.raw})", m.span, m, it.label))
    return out


def _malformed_portions(d: Document) -> list[Item]:
    return [Item(it.value.raw, it.value.span, it.value, it.label) for it in _portions(d) if it.value.form == "paren-lost"]


def _subject_mark_at_end(d: Document) -> list[Item]:
    """The subject's mark when words stand before it (`SUBJECT: TALKS (C)`): it
    marks the subject, but in the wrong place (domain DOS-12 asks for a leading mark)."""
    m, s = d.subject_portion, d.subject
    if m is None or s is None or not any(c.isalnum() for c in d.text[s.span.start:m.span.start]):
        return []
    return [Item(f"({m.raw})", m.span, m, "the subject")]


TARGETS: dict[str, Callable[[Document], list[Item]]] = {
    "banner": lambda d: _marking(d.banner, "the banner"),
    "banner.level": lambda d: _tok(d.banner.level_token, "banner level") if d.banner else [],
    "banner.controls": _banner_controls,
    "banner.with_captions": _banner_with_captions,
    "banner.unknown": lambda d: [Item(t.raw, t.span, t, "banner") for t in d.banner.unknown] if d.banner else [],
    "banners": lambda d: [Item(m, m.span, m, "banner") for m in d.banners] + _marking(d.footer, "bottom banner"),
    "footer": lambda d: _marking(d.footer, "the bottom banner"),
    "portions": _portions,
    "paragraphs": lambda d: [Item(p, p.span, p, _para_label(p)) for p in d.paragraphs],
    "paragraphs.unmarked": _unmarked_paragraphs,
    # paragraphs that carry a mark, their own or their bullets' (a cable that marks some
    # paragraphs left the others out one by one: CL102's `group_if_absent`)
    "paragraphs.marked": lambda d: [Item(p, p.span, p, _para_label(p)) for p in d.paragraphs
                                    if p.portion is not None or p.marked_items],
    "portions.unknown": _unknown_portions,
    "portions.malformed": _malformed_portions,
    # marks written bare after a paragraph's opening words ("2. BEGIN TEXT S//REL FRANCE:")
    "portions.bare": lambda d: [Item(it.value.raw, it.value.span, it.value, it.label) for it in _portions(d)
                                if it.value.form == "bare"],
    "portions.entire_text": _entire_text,
    "paragraphs.renumbered": _renumbered,
    "paragraphs.numbered": lambda d: [Item(p, p.span, p, _para_label(p)) for p in d.paragraphs if p.number is not None],
    "eo": lambda d: [Item(d.text[d.eo.span.start:d.eo.span.end], d.eo.span, d.eo, "E.O. line")] if d.eo else [],
    "eo.order": lambda d: _tok(d.eo.order, "E.O. number") if d.eo else [],
    "decl": _decl,
    "decl.date": _decl_date,
    "decl.exemptions": _decl_exemptions,
    "decl.na": _decl_kind("na"),
    "decl.missing": _decl_kind("missing"),
    "decl.event": _decl_kind("event"),
    "decl.declassified": _decl_kind("declassified"),
    "decl.invalid_date": lambda d: [it for it in _decl(d) if it.obj.invalid_date],
    "decl.exemptions.dated": _exemptions_by_date(True),
    "decl.exemptions.undated": _exemptions_by_date(False),
    "classified_by": lambda d: [Item(d.text[d.classified_by.span.start:d.classified_by.span.end],
                                     d.classified_by.span, d.classified_by, "Classified By")] if d.classified_by else [],
    "classified_by.authority": lambda d: _tok(d.classified_by.authority, "classifier") if d.classified_by else [],
    "classified_by.section": lambda d: _tok(d.classified_by.section, "reason section") if d.classified_by else [],
    "classified_by.derived": _derived,
    "classified_by.or_derived": _authority_line,
    "classified_by.name": lambda d: _tok(d.classified_by.name, "classifier's name") if d.classified_by else [],
    "classified_by.title": lambda d: _tok(d.classified_by.title, "classifier's position") if d.classified_by else [],
    "classified_by.reasons": lambda d: [Item(t.value, t.span, t, "reason") for t in d.classified_by.reasons]
    if d.classified_by else [],
    "tags": lambda d: [Item(t.value, t.span, t, "tag") for t in d.tags],
    "tags_line": lambda d: _tok(d.tags_line, "TAGS"),
    "subject": lambda d: _tok(d.subject, "SUBJECT"),
    "subject.portion": lambda d: _marking(d.subject_portion, "the subject"),
    "subject.portion_at_end": _subject_mark_at_end,
    "refs": lambda d: [Item(t.value, t.span, t, "REF") for t in d.refs],
    "sections": lambda d: [Item(s, s.span, s, "section") for s in d.sections],
    "header": lambda d: [Item("header", d.header.span, d.header, "routing header")] if d.header else [],
    "header.security": lambda d: _tok(d.header.security, "transmission line") if d.header else [],
    "header.dtg": lambda d: _tok(d.header.dtg, "date-time group") if d.header else [],
    "date": lambda d: [Item(d.date.value, d.date.span or Span(0, 0), d.date, "cable date")] if d.date.value else [],
    "placeholders": lambda d: [Item(t.value, t.span, t, "placeholder") for t in d.placeholders],
    "headings": lambda d: [Item(t.value, t.span, t, "heading") for t in d.headings],
    "signature": lambda d: _tok(d.signature, "signature"),
    "lines": _lines(False),
    "body.lines": _lines(True),
}


def _field_lines(name: str) -> Callable[[Document], list[Item]]:
    """Every line of a field, repeats included (`fields.<Name>` gives the first only)."""
    def get(d: Document) -> list[Item]:
        return [Item(t.value, t.span, t, k) for k, t in d.field_list if k.lower() == name.lower()]
    return get


def _named_control(name: str) -> Callable[[Document], list[Item]]:
    """One control by name, on the banner or its caption lines, so a rule set
    can require (presence) or forbid (absence) its own caveat."""
    want = " ".join(name.upper().split())

    def get(d: Document) -> list[Item]:
        return [it for it in _banner_controls(d) if " ".join(str(it.value).upper().split()) == want]
    return get


TARGETS.update(CAPCO_TARGETS)


def resolve(name: str) -> Callable[[Document], list[Item]] | None:
    if name in TARGETS:
        return TARGETS[name]
    if "codes." in name:
        got = code_target(name)
        if got is not None:
            return got
    if name.startswith("fieldlines.") and len(name) > len("fieldlines."):
        return _field_lines(name[len("fieldlines."):])
    if name.startswith("banner.controls.") and len(name) > len("banner.controls."):
        return _named_control(name[len("banner.controls."):])
    if name.startswith("fields."):
        return _fields(name[len("fields."):])
    return None


# Targets whose items are marking tokens (levels, controls, portion marks, TAG
# codes, E.O./DECL values, reasons, dates, numbers), which a message may quote.
# Every other target, a new one included, is taken to hold the cable's own
# words (prose, names, offices) and a message prints them as "[cable text]"
# (quoting.py): a target left off this list is masked, never leaked.
MARKING_TARGETS = frozenset({
    "banner", "banner.level", "banner.controls", "banner.with_captions", "banner.unknown", "banners", "footer",
    "portions", "portions.unknown", "portions.malformed", "portions.bare", "portions.entire_text",
    "paragraphs.renumbered", "eo", "eo.order", "decl", "decl.date", "decl.exemptions", "decl.na", "decl.missing",
    "decl.event", "decl.declassified", "decl.invalid_date", "decl.exemptions.dated", "decl.exemptions.undated",
    "classified_by.section", "classified_by.reasons", "tags", "subject.portion", "subject.portion_at_end",
    "sections", "header.security", "header.dtg", "date", "placeholders", *CAPCO_TARGETS})


def marking_target(name: str, marking_fields: set[str]) -> bool:
    """Whether `name`'s items are marking tokens (MARKING_TARGETS, a named
    control or code list, or a field the vocabulary marks `marking: true`)."""
    if name in MARKING_TARGETS or name.startswith("banner.controls.") or "codes." in name:
        return True
    for prefix in ("fields.", "fieldlines."):
        if name.startswith(prefix):
            return name[len(prefix):].lower() in marking_fields
    return False


def names() -> list[str]:
    return sorted(TARGETS) + ["banner.controls.<NAME>", "fields.<Name>", "fieldlines.<Name>", "codes.<NAMES>",
                              "codes.each.<NAMES>", "banner.codes.<NAMES>", "portions.codes.<NAMES>",
                              "portions.codes.each.<NAMES>"]
