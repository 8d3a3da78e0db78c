"""A paragraph of an export's cut-short first copy, left out for its whole copy.

Some exports hold a first copy of the cable cut at a fixed length, the cut
marked with "..." run into the last word or mark (`1. (C)  The minister sa...`,
`1.  (C...`), then the whole cable. The body reader lists every numbered line
it meets, so paragraph 1 of the cut copy came out beside the whole copy's
paragraph 1. As for the SUBJECT (subject_copy), Classified By (clby_copy.whole_clby)
and REF (refs.whole_refs), the whole copy's paragraph is the cable's: the cut
one is left out, and the repair `whole-copy` records it. Only when the file's
whole copy (doc.whole_copy, copies.py) starts in between: a cut paragraph
followed at once by its whole text is one paragraph repeated, and CL906
(body-repeated) reads it as such from the listed paragraphs. With the whole
copy in between, dots after a sentence's end ("1. (C) Summary. ...") are a cut
too, unless the copy's paragraph writes them as well (the drafter's). An
unnumbered paragraph (a cable of one block of text) is paired with the whole
copy's unnumbered one of its kind by its words alone: CUT_WORDS of them at least.
"""
from __future__ import annotations

from typing import NamedTuple

import regex

from ..document import Document, Paragraph, Repair
from ..prefilter import prefiltered
from ..rx import compile_now
from ..vocabulary import Vocabulary
from .copies import CUT_WORDS
from .cutwords import goes_on, plain
from .labels import labels
from .memo import VOCABS_MAX


class Marks(NamedTuple):
    """A vocabulary's elision marks (rules/markings.yaml `elision_patterns`) as this step reads them."""
    # The export's cut: a mark run into a word or a mark's letters at the line's end ("Politic...", "(C...");
    # dots after a blank or a sentence's end ("Summary. ...") may be the drafter's and are left alone.
    in_word: regex.Pattern
    # Any mark at the line's end ("Summary. ..."): the export's cut too when the file's whole copy
    # starts after it and writes the paragraph on there without the dots (a drafter's dots come again).
    at_end: regex.Pattern
    # A mark at a text's start: a copy's line that writes the dots after the same words (the drafter's).
    at_start: regex.Pattern
    # The strings one of which every mark holds (prefilter.py; None: unknown, every paragraph is read).
    needles: tuple[str, ...] | None


_MARKS: dict[int, tuple[regex.Pattern, Marks]] = {}


def marks(vocab: Vocabulary) -> Marks:
    """`vocab`'s elision marks (built once for each pattern set the vocabulary's labels hold)."""
    at_end = labels(vocab).elision_end
    got = _MARKS.get(id(vocab))
    if got is None or got[0] is not at_end:
        if len(_MARKS) >= VOCABS_MAX:
            _MARKS.clear()
        mark = "(?:" + ("|".join(vocab.elision_patterns) or "(?!)") + ")"
        got = _MARKS[id(vocab)] = (at_end, Marks(compile_now(rf"(?:\w|\(\w+){mark}\s*$"), at_end,
                                                 compile_now(mark), prefiltered(at_end).needles))
    return got[1]


def _line_of(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start:end if end >= 0 else len(text)].rstrip("\r")


def _whole_copy(p: Paragraph, later: list[Paragraph], text: str, mk: Marks, copy_at: int = -1) -> Paragraph | None:
    """The first later paragraph with `p`'s number whose line goes on from
    where `p`'s cut line stopped (its words, the last one a prefix) and is not
    cut itself; None when `p` is no cut paragraph or has no such copy. With
    `copy_at` (where the file's whole copy starts, after `p`), dots after a
    blank or a sentence's end are a cut too, when a paragraph after `copy_at`
    goes on there without them. An unnumbered `p` pairs with a later
    unnumbered paragraph of its kind, its cut line CUT_WORDS words at least
    (no number to pair them by). `mk`: the vocabulary's elision marks."""
    if mk.needles is not None and not any(n in p.text for n in mk.needles):
        return None  # most paragraphs: no elision mark in their first line (`text`)
    line = _line_of(text, p.span.start)
    cut = mk.in_word.search(line)
    loose = cut is None and copy_at > p.span.start
    if loose:
        cut = mk.at_end.search(line)
    if cut is None:
        return None
    stem = mk.at_end.sub("", line[:cut.end()])
    if p.number is None and len(plain(stem).split()) < CUT_WORDS:
        return None
    for q in later:
        if q.number != p.number or p.number is None and q.kind != p.kind:
            continue
        if loose and (q.span.start < copy_at or _dots_again(stem, text, q, mk)):
            continue
        whole = _line_of(text, q.span.start)
        if mk.in_word.search(whole) is None and goes_on(stem, whole):
            return q
    return None


def _dots_again(stem: str, text: str, q: Paragraph, mk: Marks) -> bool:
    """Whether paragraph `q`'s line writes an elision mark right after the words of `stem`: the drafter's dots."""
    a, b = plain(stem), plain(_line_of(text, q.span.start))
    return b.startswith(a) and mk.at_start.match(b[len(a):].lstrip()) is not None


def drop_cut_paragraphs(doc: Document, vocab: Vocabulary) -> None:
    """Leave out each paragraph of a cut-short first copy whose whole copy
    comes later in the file, after the start of the file's whole copy
    (doc.whole_copy): a numbered one by its number, an unnumbered one by its
    words before the cut; the repair `whole-copy` recorded. `vocab`: its elision marks."""
    text, keep, copy = doc.text, [], doc.whole_copy
    if copy is None:
        return  # no whole copy: no paragraph is left out for it
    mk = marks(vocab)
    for k, p in enumerate(doc.paragraphs):
        again = copy.after(p.span.start + 1)
        at = again.start if again is not None else -1
        q = _whole_copy(p, doc.paragraphs[k + 1:], text, mk, at)
        if q is None or again is None or again.start >= q.span.start:
            keep.append(p)
            continue
        whole = text.count("\n", 0, q.span.start) + 1
        what = "unnumbered paragraph" if p.number is None else f"paragraph {p.number}"
        doc.repairs.append(Repair("whole-copy", p.span, f"{what} cut short in a first copy: "
                                  f"its whole copy on line {whole} read, this one left out"))
    if len(keep) < len(doc.paragraphs):
        doc.paragraphs = keep
