"""Routing header text an export ran into the SUBJECT line.

An export that lost line breaks can splice address lines of the routing
header (`INFO RUEHEE/ARAB LEAGUE COLLECTIVE IMMEDIATE` / `RUCPDOC/USDOC WASHDC
IMMEDIATE`) into the SUBJECT: `SUBJECT: BAHRAIN: ARAB LEAGUE COLLECTIVE
IMMEDIATERUCPDOC/USDOC WASHDC IMMEDIATE`. Where the subject's own words end
cannot be told (they may share words with the address), so the SUBJECT is
kept as written; the note says which header lines it holds, so a reader of
`inspect` knows the value is not all the drafter's.
"""
from __future__ import annotations

from bisect import bisect_right

from ..document import Document, Repair, Span
from ..rx import rx
from .lines import LINE_START, Line

# An address line of the routing header: a routing indicator and its addressee ("RUCPDOC/USDOC WASHDC
# IMMEDIATE"), after TO or INFO or on a line of its own.
_ADDRESS_RE = rx(r"^[ \t]*(?:(?:TO|INFO)[ \t]+)?(?P<addr>R[A-Z]{3,6}/[A-Z0-9][A-Z0-9/ .,&()'-]*?)[ \t]*$")
# An address copied into the subject is told by this many characters at least (a bare "RUEHC/SECSTATE" may be cited).
ADDRESS_MIN = 16
_WORD_RE = rx(r"\S+")


def note_routing_text(doc: Document, lines: list[Line]) -> None:
    """Record the repair `routing-in-subject` when the SUBJECT holds an address
    line of the routing header above the banner written out whole, with the
    words before it that end the header line above that one, as far as they
    match (the export joined the two lines: "IMMEDIATERUCPDOC/...")."""
    sub, banner = doc.subject, doc.banner
    if sub is None or banner is None or "/" not in sub.value:
        return
    text = doc.text
    raw = text[sub.span.start:sub.span.end]
    top = bisect_right(lines, banner.span.start, key=LINE_START) - 1
    for k in range(1, max(top, 0)):
        m = _ADDRESS_RE.match(lines[k].text)
        if m is None or len(m["addr"]) < ADDRESS_MIN:
            continue
        at = raw.find(m["addr"])
        if at < 0:
            continue
        start, before = _line_end_before(raw[:at], lines[k - 1].text)
        line_no = doc.source.line_col(lines[k].start)[0]
        what = f"line {line_no} ('{m['addr']}')"
        if before:
            what += f" after words line {doc.source.line_col(lines[k - 1].start)[0]} ends with ('{before}')"
        span = Span(sub.span.start + start, sub.span.start + at + len(m["addr"]))
        doc.repairs.append(Repair("routing-in-subject", span, f"SUBJECT holds routing header text: {what}; read as written"))
        return


def _line_end_before(head: str, above: str) -> tuple[int, str]:
    """The words that end `head` (glued to the address copied after it, no
    blank between) and end the header line `above` too, from a word's start
    there: where they start in `head` and their text; (len(head), "") when none do."""
    if not head or head[-1].isspace():
        return len(head), ""
    above = above.strip()
    words = [(m.start(), m.group()) for m in _WORD_RE.finditer(head)]
    for i, (pos, _) in enumerate(words):
        tail = " ".join(w for _, w in words[i:])
        if above.endswith(tail) and (len(above) == len(tail) or above[-len(tail) - 1] in " /"):
            return pos, tail
    return len(head), ""
