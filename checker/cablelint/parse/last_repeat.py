"""The drafter's repeat of the last paragraph's number on the cable's last
numbered paragraph ("6. ... " then "6. COMMENT: ..." and no paragraph after).

numbered._mistyped_repeat reads a repeated number as a paragraph when the
numbering then goes on two past it (1, 1, 3): the drafter's slip, which the
numbering rule reports. When the repeat is the last numbered line, nothing
after it vouches for it, and the paragraph was dropped: its text read as
part of the one before, the numbering rule silent on the repeat. A number
written again at a line's start after a blank line is the drafter's repeat,
not an item inside the last paragraph, when no numbered line stands between
the last paragraph and it (a list inside that paragraph numbers from 1, so
its items come first) and its opening words are not the last paragraph's
(an export that wrote the paragraph again starts the same way; a run of
such copies is paragraph_repeat's). It is listed as written.
"""
from __future__ import annotations

from .bodystate import State
from .lines import Line, para_start

# How many letters and digits of the two openings are compared (a copy writes the same ones).
OPENING_LETTERS = 40


def _opening(text: str) -> str:
    """The first letters and digits of a paragraph's text after its number, in lower case."""
    return "".join(filter(str.isalnum, text.lower()))[:OPENING_LETTERS]


def last_repeat(lines: list[Line], i: int, start_idx: int, after: int, st: State) -> bool:
    """Whether numbered line i (its text from offset `after` on, after its
    number), the last numbered line of the body (the caller knows), repeats
    the last paragraph's number as its own paragraph: no numbered line since
    that paragraph and another opening than its."""
    last = st.numbered[-1] if st.numbered else None
    if last is None or _opening(lines[i].text[after:]) == _opening(last.text):
        return False
    j = i - 1
    while j > start_idx and lines[j].start > last.span.start:
        if para_start(lines[j].text) is not None:
            return False
        j -= 1
    return True
