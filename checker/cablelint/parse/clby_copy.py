"""The Classified By statement read again from the file's later whole copy.

Some exports hold a first copy of the cable cut short (its statement ends in
an elision mark: "REASONS 1.4 (B,..."), then the whole cable. Where the first
copy's statement was cut, the whole copy's is read, as for the SUBJECT
(subject_copy.py) and REF (refs.whole_refs); the repair `whole-copy` says so.
Apart from clby.py, which reads one statement where it stands.
"""
from __future__ import annotations

from ..document import ClassifiedBy, Repair, WholeCopy
from ..vocabulary import Vocabulary
from .clby import AUTH_CUT_RE, ClbyRead, read_classified_by
from .copies import copy_lines
from .lines import CLBY_RE, Line


def is_cut(cb: ClassifiedBy, text: str) -> bool:
    """A statement whose copy was cut short ("REASONS 1.4 (B,..."): a later,
    whole copy of the header reads it better."""
    return AUTH_CUT_RE.search(text, cb.span.start, cb.span.end) is not None


def whole_clby(cb: ClassifiedBy, lines: list[Line], vocab: Vocabulary, text: str,
               copy: WholeCopy | None) -> ClbyRead | None:
    """The statement read again from the file's whole copy (`copy`, copies.py)
    when `cb` was cut short and the copy's statement holds reasons and is not
    cut itself; None otherwise. Records the repair."""
    if not is_cut(cb, text):
        return None
    for i in copy_lines(copy, lines, cb.span.end):
        m = CLBY_RE.search(lines[i].text) if "lassified" in lines[i].text or "LASSIFIED" in lines[i].text else None
        if m is None:
            continue
        got = read_classified_by(lines, i, m, vocab, text)
        if is_cut(got.value, text) or not got.value.reasons:
            return None
        line = text.count("\n", 0, cb.span.start) + 1
        note = Repair("whole-copy", got.value.span, f"Classified By cut short on line {line}: read from its whole copy")
        return got._replace(repairs=got.repairs + [note])
    return None
