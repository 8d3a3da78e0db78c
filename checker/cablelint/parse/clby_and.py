"""The word "and" between Classified By reason letters, broken by the export.

"1.4 (b) an d (d)": a blank put inside the word; "1.4 (b) an" / "d (d).": the
line wrapped inside it. The reason reader (clby.py) reads on over either (its
letter scan takes "an d" and "a nd" as "and"); here are the test that the list
goes on over such a wrap and the note that records the repair.
"""
from __future__ import annotations

from typing import Callable

from ..document import Repair, Span
from ..rx import rx

# The word "and" split by a blank between reason letters ("(b) a nd (d)", "(b) an d (d)"; the blank a wrap's too).
SPLIT_AND_RE = rx(r"(?i)(?<![A-Za-z])(?:a\snd|an\sd)(?![A-Za-z])")
# The wrap fell inside the "and": the line ends in its first letters ("1.4 (b) an", "1.4 (b) a") ...
CUT_AND_END_RE = rx(r"(?i)(?<![A-Za-z])(?P<w>an?)\s*$")
# ... and the next one opens with the rest of it and a reason letter ("d (d).", "nd (d)").
CUT_AND_START_RE = rx(r"(?i)\s*(?P<w>n?d)(?![A-Za-z])\s*\(?[a-h]\)?(?![A-Za-z])")


def and_cut(prev: str, nxt: str) -> bool:
    """Whether line `prev` ends in the first letters of "and" and `nxt` opens
    with the rest of it and a reason letter: the list goes on over the wrap."""
    a = CUT_AND_END_RE.search(prev)
    b = CUT_AND_START_RE.match(nxt) if a else None
    return b is not None and (a["w"] + b["w"]).lower() == "and"


def split_and(joined: str, letters: list[tuple[str, int]], offmap: Callable[[int], int], text: str) -> list[Repair]:
    """The note for an "and" the export split by a blank between the reason
    letters (at `letters` in the statement's `joined` pieces, `offmap` to the
    file's `text`), or by a line's wrap: read as "and", so the letters after it count."""
    m = SPLIT_AND_RE.search(joined, letters[0][1], letters[-1][1]) if len(letters) > 1 else None
    if m is None:
        return []
    span = Span(offmap(m.start()), offmap(m.end() - 1) + 1)
    if "\n" in text[span.start:span.end]:
        a, b = m[0].split()
        how = f"wrapped mid-word at a line end ('{a}' / '{b}')"
    else:
        how = f"split by a blank ('{m[0]}')"
    return [Repair("wrapped-field", span, f"Classified By reasons: the word 'and' {how} read as 'and'")]
