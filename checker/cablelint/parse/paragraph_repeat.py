"""A run of numbered paragraphs an export wrote twice, read once.

Some exports repeat a run of the body's paragraphs: paragraphs 4-7 again
after paragraph 7 at a page break (then 8 goes on), or the whole body again
after the signature. The body reader lists every numbered line it meets, so
those paragraphs and their marks came out twice. A drafter never gives two
paragraphs the same number and the same first line, and an export's repeat
holds several in a row: a run of at least REPEAT_MIN_RUN paragraphs where the
numbering goes back, each with the number and the first line (blanks aside,
at most REPEAT_MAX_GARBLED characters garbled: its mark is on that line) of
the paragraph as many places before the run's first namesake, is the
export's. It is left out of doc.paragraphs into doc.repeated, where CL906
(body-repeated, damage_repeat.py) still finds the repeat and reports it, and
the repair `repeated-paragraphs` records it. One paragraph alone is not
enough, nor numbering that goes back more than REPEAT_MAX_RESTARTS times: a
form answered part by part gives the same stock answers under the same
numbers. A cut first copy before the whole text is paragraph_copy's and CL911's.
"""
from __future__ import annotations

from ..document import Document, Paragraph, Repair, Span

# A run of fewer repeated paragraphs is left as read (CL906's min_paragraphs).
REPEAT_MIN_RUN = 2
# Characters of a first line that may differ in its copy (an export's garble: "contribuQions"; CL906's max_garbled).
REPEAT_MAX_GARBLED = 2
# Numbering that goes back more often is a form's, numbered afresh in each part (CL906's max_restarts).
REPEAT_MAX_RESTARTS = 2
# A first line shorter than this (blanks joined) says too little to call two paragraphs one (CL906's min_chars).
REPEAT_MIN_CHARS = 40


def _first_line(text: str, p: Paragraph) -> str:
    end = text.find("\n", p.span.start)
    return " ".join(text[p.span.start:end if end >= 0 else len(text)].split())


def _same(a: str, b: str) -> bool:
    """Whether two first lines are one, an export's garble aside."""
    return (len(a) == len(b) >= REPEAT_MIN_CHARS
            and sum(x != y for x, y in zip(a, b)) <= REPEAT_MAX_GARBLED)


def _run(paras: list[Paragraph], lines: list[str], k: int) -> tuple[int, int]:
    """Where the paragraphs from k on repeat earlier ones: (index of the first
    copied paragraph, length of the run): the longest; (0, 0) when paragraph k starts none."""
    best = (0, 0)
    for e in range(k):
        n = 0
        while (k + n < len(paras) and e + n < k and paras[k + n].number == paras[e + n].number
               and _same(lines[e + n], lines[k + n])):
            n += 1
        if n > best[1]:
            best = (e, n)
    return best


def drop_repeated_paragraphs(doc: Document) -> None:
    """Leave out each run of numbered paragraphs that repeats an earlier run
    (REPEAT_MIN_RUN or more, where the numbering goes back), keeping it in
    doc.repeated and recording the repair `repeated-paragraphs`."""
    paras = [p for p in doc.paragraphs if p.number is not None]
    if len(paras) < 2 * REPEAT_MIN_RUN or len({p.number for p in paras}) == len(paras):
        return  # most cables: no number written twice
    if sum(b.number <= a.number for a, b in zip(paras, paras[1:])) > REPEAT_MAX_RESTARTS:
        return  # a form's parts, each numbered from 1
    text, src = doc.text, doc.source
    lines = [_first_line(text, p) for p in paras]
    dropped: list[Paragraph] = []
    k = 1
    while k < len(paras):
        e, n = _run(paras, lines, k) if paras[k].number <= paras[k - 1].number else (0, 0)
        if n < REPEAT_MIN_RUN:
            k += 1
            continue
        copy, orig = paras[k:k + n], paras[e:e + n]
        dropped.extend(copy)
        (a, _), (b, _) = src.line_col(copy[0].span.start), src.line_col(copy[-1].span.start)
        (c, _), (d, _) = src.line_col(orig[0].span.start), src.line_col(orig[-1].span.start)
        doc.repairs.append(Repair("repeated-paragraphs", Span(copy[0].span.start, copy[-1].span.end),
                                  f"paragraphs {copy[0].number}-{copy[-1].number} on lines {a}-{b} repeat "
                                  f"those on lines {c}-{d}: read once"))
        k += n
    if dropped:
        gone = {id(p) for p in dropped}
        doc.paragraphs = [p for p in doc.paragraphs if id(p) not in gone]
        doc.repeated = dropped
