"""Detectors of garbled text: a file garbled throughout in transmission
(letters replaced by symbols or by Q inside words, "Pr%sidejT", "SUMEARYQ A
s5cce3sfU", all through the text), whose header fields then read as unknown
or missing (TAGS "PGGV", a caption "SEFSITIVE"); and a header field whose
label alone the export garbled ("Classiires ..."), read as a missing field.

Like the other detectors, a pure function of the Document and the rule's
YAML parameters (`garble`: what one replaced character looks like; `min_hits`:
how many make a file garbled throughout, not a stray slip), returning a
`Damage` with counts and line numbers, never the cable's text.
"""
from __future__ import annotations

from typing import Any

from .damage_index import Damage, index_of, line_no, line_span, lines_holding
from .document import Document
from .prefilter import fold_blind


def garbled(doc: Document, p: dict[str, Any]) -> Damage | None:
    """At least `min_hits` matches of `garble` in the file. Each match holds
    one of `garble_chars` (the rule says so), so a file with fewer of them
    cannot have enough: counting them costs a fifth of the scan, which almost
    every cable then skips."""
    rx, need = p["_garble"], p.get("min_hits", 10)
    chars = p.get("garble_chars")
    if chars and _count_of(doc, chars) < need:
        return None
    found = rx.scan(doc.text, need)  # (tried only where a character every match starts with stands: prefilter)
    if len(found) < need:
        return None
    first = line_no(doc, found[0].start())
    return Damage(line_span(doc, first), f"{need} or more characters replaced inside lower-case "
                  f"words, the first on line {first}")  # a garble in capitals is not counted: no "from"


def _count_of(doc: Document, chars: str) -> int:
    """How many of `chars` the text holds. ASCII ones are counted in the
    UTF-8 bytes the detectors share (no other character's UTF-8 holds an
    ASCII byte): one C pass, where a `str.count` per character reads a
    non-ASCII text five times over."""
    if chars.isascii():
        utf8 = index_of(doc).utf8
        return len(utf8) - len(utf8.translate(None, chars.encode()))
    return sum(doc.text.count(c) for c in chars)


def garbled_label(doc: Document, p: dict[str, Any]) -> Damage | None:
    """A header line (within `max_line` lines, up to the body's first line:
    a field whose label is unreadable is taken for the body's start) that
    opens with a garbled field label (`pattern`: the label's first letters,
    then letters that make no form of it, "Classiires Jane Doe for (d)").
    The field is there but its label cannot be read, so the parser finds it
    missing."""
    idx = index_of(doc)
    last = min(idx.body_line or doc.source.line_count, p.get("max_line", 60), doc.source.line_count)
    pre = p["_pattern"]
    if not idx.may_hold(pre):  # no label's first letters in the file
        return None
    text = doc.text
    blind = pre.folded and fold_blind(text)  # needles may miss then
    for n in range(1, last + 1) if blind else lines_holding(doc, pre, 1, last):  # a match holds a needle
        if pre.rx.match(idx.line(n)):
            return Damage(line_span(doc, n), f"line {n} opens with a garbled label")
    return None
