"""Detectors of another cable's text in the file. `foreign_text`: the file
names two cables (its name's cable id, the routing header's, banner lines'
and archive metadata's serials disagree), and where the other's part lies.
`tasked_body`: another cable's body under the file's header: the routing
header sends the cable from a post, but the body tasks another post by name
the way only the Department's instruction cables do ("Embassy Sanaa is
requested to approach ..."). A post reports and asks; it does not instruct
another embassy. The serials may all agree (the export kept the header's),
so CL901's comparison of claims does not see it.

Like the other detectors (damage.py), each is a pure function of the
Document and the rule's YAML parameters (`file_id`, `claims`,
`banner_serial`; `quote_end: true` ends the other cable's part at the end of
a quotation, one of the vocabulary's `quote_end_words`; `sender`, `tasking`:
regexes whose group `post` names a post), returning a `Damage` with line
numbers, never the cable's text.
"""
from __future__ import annotations

import os
from typing import Any

from .damage_index import Damage, index_of, line_end, line_no, line_span, quote_end
from .document import Document, Span
from .records import FrozenRecord, set_field
from .vocabulary import Vocabulary


def tasked_body(doc: Document, p: dict[str, Any]) -> Damage | None:
    """The routing header's FM line names a post (`sender`), and a line of the
    body tasks a post of another name (`tasking`): the body is another cable's."""
    head = doc.text[:doc.body_start] if doc.body_start else ""
    sent = p["_sender"].search(head)
    if sent is None or not index_of(doc).may_hold(p["_tasking"]):
        return None
    own = _name(sent.group("post"))
    for m in p["_tasking"].scan(doc.text):
        if m.start() < doc.body_start:
            continue
        other = _name(m.group("post"))
        if other and other not in own and own not in other:
            at, fm = line_no(doc, m.start()), line_no(doc, sent.start())
            detail = (f"the routing header sends the cable from a post (line {fm}), but "
                      f"line {at} instructs another post as the Department's cables do")
            begins = _foreign_start(doc)
            if begins is None or begins >= at:
                return Damage(line_span(doc, at), detail)
            return Damage(line_span(doc, begins), f"{detail}; the other cable's text begins on line {begins}",
                          evidence=(line_span(doc, at),))
    return None


def _foreign_start(doc: Document) -> int | None:
    """The line where the other cable's text begins: the export kept the
    file's own header fields (banner, E.O., TAGS, SUBJECT) and put the other
    cable's text after them, from its Classified By line when one follows the
    fields (the classifier goes with the text written: a Department
    official's under a post's header) or else from the body's first
    paragraph. None when the body's start is not known."""
    if not doc.body_start:
        return None
    fields = [f.span.start for f in (doc.subject, doc.tags_line, doc.eo) if f is not None]
    cb = doc.classified_by
    if cb is not None and fields and max(fields) < cb.span.start < doc.body_start:
        return line_no(doc, cb.span.start)
    return line_no(doc, doc.body_start)


def _name(post: str) -> str:
    """A post's name compared without case, spaces or punctuation ("SAN JOSE", "San Jose")."""
    return "".join(c for c in post.lower() if c.isalpha())


# -- another cable's text -------------------------------------------------------

class Claim(FrozenRecord):
    """A place in the file that names which cable it is: its serial number.
    A plain frozen value, not a @dataclass (records.py says why)."""

    __slots__ = ("where", "serial", "digits", "span")

    def __init__(self, where: str, serial: int, digits: int, span: Span | None) -> None:
        set_field(self, "where", where)
        set_field(self, "serial", serial)
        set_field(self, "digits", digits)  # how many digits the place keeps (the routing header keeps 4)
        set_field(self, "span", span)  # None: the file name


def _same(a: Claim, b: Claim) -> bool:
    mod = 10 ** min(a.digits, b.digits)
    return a.serial % mod == b.serial % mod


def identity_claims(doc: Document, p: dict[str, Any]) -> list[Claim]:
    """Every serial number the file gives for itself: the file name's cable id,
    then each line pattern of `claims` (routing header, banner lines, archive
    metadata), in the order they appear."""
    return _as_claims(_serials(doc, p))


def _as_claims(serials: list[tuple[int, int, str, int, int]]) -> list[Claim]:
    return [Claim(where, serial, digits, None if start < 0 else Span(start, end))
            for start, end, where, serial, digits in serials]


def _serials(doc: Document, p: dict[str, Any]) -> list[tuple[int, int, str, int, int]]:
    """`identity_claims` as plain tuples (start, end, where, serial, digits),
    the file name's with start -1: most files agree with themselves, and
    `foreign_text` then makes no Claim at all."""
    out: list[tuple[int, int, str, int, int]] = []
    stem = os.path.splitext(os.path.basename(doc.path or ""))[0]
    m = p["_file_id"].fullmatch(stem.upper()) if stem else None
    if m:
        out.append((-1, -1, "the file name", int(m["serial"]), 99))
    found = []
    text = doc.text
    for name, pre, digits in p["_claims"]:
        if not pre.head and not index_of(doc).may_hold(pre):  # archive metadata: a few cables
            continue  # (a pattern with a literal line head: `scan` finds the lines so starting at the cost of this test)
        for m in pre.scan(text):  # a `(?m)^DE ...` pattern: tried at the lines starting so
            found.append((m.start("serial"), m.end("serial"), name, int(m["serial"]), digits))
    for b in doc.banners:  # the banner lines the parser read: "POST 000579" after the marking
        end = line_end(doc, line_no(doc, b.span.start))
        m = p["_banner_serial"].search(text, b.level_token.span.end if b.level_token else b.span.start, end)
        if m:
            found.append((m.start("serial"), m.end("serial"), "the banner", int(m["serial"]), 99))
    found.sort(key=_start)
    return out + found


def _start(claim: tuple[int, int, str, int, int]) -> int:
    return claim[0]


def foreign_text(doc: Document, p: dict[str, Any], vocab: Vocabulary | None = None) -> Damage | None:
    """The file names two cables: a serial (routing header, banner, archive
    metadata) disagrees with the file name's cable id, or with the first serial
    in the text when the file is not named by cable id. The date is suspect
    when the place it was read from (the file name, the routing header's
    date-time group...) belongs with the other cable than the text found.
    `vocab`: the rule set's (its quote_end_words)."""
    serials = _serials(doc, p)
    if len(serials) < 2:
        return None
    mod = [10 ** min(s[4], serials[0][4]) for s in serials]  # (`_same`, on the tuples)
    if all(s[3] % m == serials[0][3] % m for s, m in zip(serials, mod)):
        return None  # the file names one cable throughout: nearly every file
    claims = _as_claims(serials)
    own = claims[0]
    other = next((c for c in claims[1:] if not _same(own, c)), None)
    if other is None or other.span is None:
        return None
    agree = sorted({c.where for c in claims if _same(own, c)})
    at = line_no(doc, other.span.start)
    own_at = "" if own.span is None else f" (line {line_no(doc, own.span.start)})"
    dated = _date_owner(doc, claims)
    suspect = dated is not None and not _same(dated, other)  # the date is not that of the text it judges
    return Damage(line_span(doc, at),
                  f"{other.where} on line {at} names another cable than {' and '.join(agree)}{own_at}"
                  + (f"; the cable date, read from {_date_place(doc)}, is not the date of the text from line {at} on"
                     if suspect else ""),
                  _spliced_part(doc, claims, own, other, at, p, vocab), suspect)


def _spliced_part(doc: Document, claims: list[Claim], own: Claim, other: Claim, at: int,
                  p: dict[str, Any], vocab: Vocabulary | None) -> Span | None:
    """The other cable's part, from its first claim's line to where the file's
    own text resumes: known only when the file's own text (a serial of the
    text that agrees with the file's own) comes before it; a file that names
    one cable throughout and is named after another is misfiled, not spliced,
    and has no own part. The own text resumes at a later claim of its own (its
    next section's banner, its routing header) or at the end of a quotation
    (`quote_end`: END TEXT, a word of `vocab`'s quote_end_words): the
    drafting errors there are the file's own."""
    assert other.span is not None
    own_first = any(c.span is not None and c.span.start < other.span.start and _same(own, c) for c in claims)
    if not own_first:
        return None
    ends = [doc.source.line_span(line_no(doc, c.span.start))[0] for c in claims
            if c.span is not None and c.span.start > other.span.start and _same(own, c)]
    if p.get("quote_end") and (m := quote_end(vocab).search(doc.text, other.span.start)):
        ends.append(doc.source.line_span(line_no(doc, m.start()))[1])  # its line closes the quotation
    return Span(doc.source.line_span(at)[0], min(ends, default=len(doc.text)))


def _date_place(doc: Document) -> str:
    """Where the cable date was read: the file name or its line."""
    d = doc.date
    return "the file name" if d.source.startswith("filename") or d.span is None else f"line {line_no(doc, d.span.start)}"


def _date_owner(doc: Document, claims: list[Claim]) -> Claim | None:
    """The claim the cable date belongs with: the file name for a date from
    the file name, else the claim nearest the date in the text."""
    d = doc.date
    if d.value is None or d.source == "option":
        return None
    if d.source.startswith("filename"):
        return next((c for c in claims if c.span is None), None)
    if d.span is None:
        return None
    return min((c for c in claims if c.span is not None), default=None,
               key=lambda c: abs(c.span.start - d.span.start))  # type: ignore[union-attr]
