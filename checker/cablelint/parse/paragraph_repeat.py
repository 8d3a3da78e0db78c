"""A run of numbered paragraphs an export wrote twice, read once.

Some exports repeat a run of the body's paragraphs: paragraphs 4-7 again
after paragraph 7 at a page break (then 8 goes on), or the whole body again
after the signature. The body reader lists every numbered line it meets, so
those paragraphs and their marks came out twice. A drafter never gives two
paragraphs the same number and the same opening words, and an export's
repeat holds several in a row: a run of at least REPEAT_MIN_RUN paragraphs
where the numbering goes back, each with the number and the opening text
(its letters and digits, its mark's too; at most REPEAT_MAX_GARBLED of them
garbled) of the paragraph as many places after the run's first namesake, is
the export's. It is left out of doc.paragraphs into doc.repeated, where CL906
(body-repeated, damage_repeat.py) still finds the repeat and reports it, and
the repair `repeated-paragraphs` records it. One paragraph alone is not
enough, nor numbering that goes back more than REPEAT_MAX_RESTARTS times: a
form answered part by part gives the same stock answers under the same
numbers. A cut first copy before the whole text is paragraph_copy's and CL911's.
"""
from __future__ import annotations

from ..document import Document, Paragraph, Repair, Span
from ..rx import rx

# A run of fewer repeated paragraphs is left as read (CL906's min_paragraphs).
REPEAT_MIN_RUN = 2
# Letters of an opening that may differ in its copy (an export's garble: "contribuQions"; CL906's max_garbled).
REPEAT_MAX_GARBLED = 2
# Numbering that goes back more often is a form's, numbered afresh in each part (CL906's max_restarts).
REPEAT_MAX_RESTARTS = 2
# An opening with fewer letters and digits after its number says too little to call two paragraphs one
# (CL906's min_letters): "2. (U) Item 1 waits." and "2. (U) Item 3 waits." are two.
REPEAT_MIN_LETTERS = 40
# How many letters and digits of each paragraph's text are compared: enough to tell two apart, over the
# short lines of a wrapped telegram ("5. (S) Ambassador Weichelt, who is the senior FDFA" / "official ...").
REPEAT_COMPARE_LETTERS = 200
_NUMBER_RE = rx(r"^\W*\d+")


def _opening(text: str, start: int, end: int) -> str:
    """The first letters and digits of a paragraph's text (text[start:end]) after
    its number, in lower case, its mark's too: what its copy writes again."""
    got = "".join(filter(str.isalnum, _NUMBER_RE.sub("", text[start:end], count=1).lower()))
    return got[:REPEAT_COMPARE_LETTERS]


def _same(a: str, b: str) -> bool:
    """Whether two openings are one, an export's garble aside: a letter or two
    ("contribuQions"); a digit read otherwise is other text ("item 1", "item 3").
    The shorter one's length is compared (the last of a run may go on otherwise
    after a page break: its text's end is no longer the copy's)."""
    n = min(len(a), len(b))
    if n < REPEAT_MIN_LETTERS:
        return False
    diff = [(x, y) for x, y in zip(a[:n], b[:n]) if x != y]
    return len(diff) <= REPEAT_MAX_GARBLED and not any(x.isdigit() and y.isdigit() for x, y in diff)


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


def _lines(a: int, b: int) -> str:
    return f"line {a}" if a == b else f"lines {a}-{b}"


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
    ends = {id(p): q.span.start for p, q in zip(doc.paragraphs, doc.paragraphs[1:])}
    lines = [_opening(text, p.span.start, ends.get(id(p), len(text))) for p in paras]
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
                                  f"paragraphs {copy[0].number}-{copy[-1].number} on {_lines(a, b)} repeat "
                                  f"those on {_lines(c, d)}: read once"))
        k += n
    if dropped:
        gone = {id(p) for p in dropped}
        doc.paragraphs = [p for p in doc.paragraphs if id(p) not in gone]
        doc.repeated = dropped
