"""The SUBJECT written again inside a line of the body.

Continuation pages repeat the cable's SUBJECT under their page mark; an
export that ran the lines together leaves that repeat at the end of a line of
prose (09BRUSSELS1580 l.28 `... further increases in military contrib
SUBJECT: SCENESETTER FOR BILATERAL MEETINGS ...`; 10STATE16219 l.31 `...
courage all STATE 00016219 002.2 OF 005 SUBJECT: IRISL'S ...`). It is no
part of the paragraph; the note (`glued-subject`) says so, as glued-page-mark
does for the mark before it. Apart from subject_glue.py, which cuts what is
glued onto the SUBJECT line itself.
"""
from __future__ import annotations

from ..document import Document, Repair, Span
from ..rx import rx
from ..vocabulary import Vocabulary
from .labels import labels

# A word of prose (some small letters) in what precedes the label: a header line run on is upper case.
_PROSE_RE = rx(r"[a-z]{2,}")
# How much of the SUBJECT the repeat must give word for word (characters, blanks left out).
MATCH_MIN = 20


def _matched(value: str, want: str) -> int:
    """How far into `value` it gives `want` (the SUBJECT in upper case, no
    blanks) letter for letter, blanks in `value` aside: the end of the last
    letter matched (0: none). The repeat may be cut mid-word, the paragraph's
    text going on after it (10STATE16219: `... WORLDWI states to take`)."""
    k = end = 0
    for i, c in enumerate(value):
        if c.isspace():
            continue
        if k == len(want) or c.upper() != want[k]:
            break
        k, end = k + 1, i + 1
    return end if k >= min(MATCH_MIN, len(want)) else 0


def note_glued_subjects(doc: Document, vocab: Vocabulary) -> None:
    """Note every repeat of the SUBJECT run onto a line of prose in the body:
    the label (the vocabulary's subject_labels: SUBJECT:, SUBJ:, Subject:)
    after a prose word on the line, then the SUBJECT's words
    (blanks aside; the export drops some, THESECRETARY'S), at least MATCH_MIN
    letters of them or the whole SUBJECT."""
    text, sub = doc.text, doc.subject
    start = doc.body_start
    lab = labels(vocab)
    if sub is None or not start or all(text.find(n, start) < 0 for n in lab.subject_needles):
        return
    want = "".join(sub.value.split()).upper()
    for m in lab.glued_subject.finditer(text, start):
        end = _matched(m["value"], want)
        line_start = doc.source.line_bounds(m.start())[0]
        if not end or _PROSE_RE.search(text, line_start, m.start()) is None:
            continue
        doc.repairs.append(Repair("glued-subject", Span(m.start(), m.start("value") + end),
                                  "the SUBJECT written again (a continuation page's heading) run onto a line of "
                                  "the body: no part of the paragraph"))
