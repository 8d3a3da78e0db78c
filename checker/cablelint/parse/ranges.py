"""Stage 4 reader: a paragraph numbered as a range, `4-14. (U) Not applicable`.

A reply to a questionnaire answers several of its numbered questions at once
and numbers the answer by the range (10CAIRO209: `4-14. (U) Official data on
... is not available`). Such a line is one paragraph with its portion mark: its
number is the range's first, `Paragraph.number_last` its last, so the numbering
goes on after the last (sequence.py) and no break is read after a range.
Apart from numbered.py, which reads single numbers, because only a questionnaire
reply writes ranges.
"""
from __future__ import annotations

from ..document import Document, Paragraph, Span, Token
from ..rx import rx
from ..vocabulary import Vocabulary
from . import memo
from .bodystate import TEXT_KEPT, State
from .lines import Line

# `N-M. (mark)` or `¶N-M. (mark)` at a line's start, numbered.WELL_FORMED_RE with a range for the
# number (groups: first, last, the mark with its parentheses, the mark).
RANGE_RE = rx(r"(?:¶\s*)?(\d{1,3})-(\d{1,3})\.[ \t]*(\(\s*((?://)?[A-Za-z][^()\n]{0,58}?)\s*\))")
# How many questions one answer may take together (10CAIRO209: 4-14): more is no range of questions.
RANGE_MAX = 20


def range_numbered(doc: Document, line: Line, st: State, vocab: Vocabulary) -> bool:
    """Read `line` as one paragraph numbered by a range when it opens with
    `N-M. (mark)`, the mark a known one, N the number due next (the range goes
    on with the numbering, as a reply's answers do) and M past N by at most
    RANGE_MAX (a range of questions, not a date or a score).
    False, and nothing read, otherwise."""
    text = line.text
    if "-" not in text[:9]:
        return False
    m = RANGE_RE.match(text)
    if m is None:
        return False
    first, last = int(m.group(1)), int(m.group(2))
    if first != st.last + 1 or not first < last <= first + RANGE_MAX:
        return False
    plan = memo.planned(vocab, m.group(4))
    if plan is None:
        return False
    off = line.start
    raw = text[m.start(1):m.end(2)]
    token = Token(raw, Span(off + m.start(1), off + m.end(2)), raw)  # the range as written: no repair
    para = Paragraph(Span(off, off + len(text.rstrip())), first, token, memo.placed(plan, off + m.start(4)),
                     text=text[m.start(3):].strip()[:TEXT_KEPT], number_last=last)
    st.numbered.append(para)
    st.in_list = st.heading_para = st.prev_blank = False
    st.last = last
    return True
