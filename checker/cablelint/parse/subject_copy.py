"""The SUBJECT read again from the file's later whole copy of the header.

Some exports hold a first copy of the cable cut at a fixed length, the cut
marked with "..." run into the last word (`... AND SEES BRAZILIAN ...`), then
the whole cable. The parser reads the first header it meets; where that copy's
SUBJECT was cut, the whole copy's is the cable's, as for Classified By
(clby_copy.whole_clby) and REF (refs.whole_refs). A named repair records the reading.
"""
from __future__ import annotations

from ..document import Repair, Token, WholeCopy
from ..vocabulary import Vocabulary
from .copies import copy_lines
from .cutwords import goes_on
from .fields import read_subject
from .labels import labels
from .lines import Line
from .subject_stray import stray_cut

def whole_subject(sub: Token | None, lines: list[Line], vocab: Vocabulary, text: str,
                  copy: WholeCopy | None) -> tuple[Token, list[Repair]] | None:
    """The SUBJECT of the first line that opens one in the file's whole copy
    (`copy`, copies.py), when `sub` was cut short and that copy goes on where
    the cut one stopped (its words, the cut word as a prefix, then more) and
    is not cut itself, with the repairs that say so (a stray line in small
    letters is cut as from the first copy's, subject_stray.py); None
    otherwise. Dots a later copy writes too are the drafter's, and `sub`
    stands. A SUBJECT line with no copy of the banner before it is another
    message's, quoted in the body."""
    cut = labels(vocab).elision_end  # the vocabulary's elision marks
    if sub is None or cut.search(sub.raw) is None:
        return None
    for i in copy_lines(copy, lines, sub.span.end):
        m = labels(vocab).subject.match(lines[i].text) if "SUBJ" in lines[i].text[:12].upper() else None
        if m is None:
            continue
        read, stray = stray_cut(lines, i, read_subject(lines, i, m, vocab), vocab)
        got = read.subject
        if got is None or cut.search(got.raw) or not goes_on(cut.sub("", sub.value), got.value):
            return None
        line = text.count("\n", 0, sub.span.start) + 1
        note = Repair("whole-copy", got.span, f"SUBJECT cut short on line {line}: read from its whole copy")
        return got, [note] + ([stray] if stray else [])
    return None

