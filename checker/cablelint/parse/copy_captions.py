"""The caption lines of a cable the file writes twice, counted once.

When the export writes the cable again (copies.py: a first copy cut short,
the archive's metadata, the whole cable again; or the header written twice),
the header reader may read on into the copy and take its caption lines
(SIPDIS, NOFORN under the banner written again) as more captions of the
cable, so inspect listed "SIPDIS NOFORN SIPDIS SIPDIS NOFORN SIPDIS" where
the cable writes "SIPDIS NOFORN SIPDIS"; and the archive's metadata between
the cut and the copy ("SECRET//NOFORN", the archive's classification field)
was read as one more caption line. Whether the reader reads on into the copy
depends on where it finds the body (a metadata block of `id:` lines ends the
header; a CSV row of routing lines does not), so the same damage gave one
list in one cable and a doubled one in another.

`captions_once` makes the list one copy's: the first copy's captions (to the
end of its cut line) stay, with their spans, as the cable's; the copy's are
left out when they start by writing the first copy's list again (a first
copy cut inside its captions keeps the copy's rest); captions between the cut
line and the copy are the archive's metadata, not the cable's, and are left
out too. A copy whose captions say otherwise than the first copy's is left
as read (which copy is right is not known). settle_copy (copies.py) writes
what was left out into its note (repair `cut-copy` or `banner-again`).
"""
from __future__ import annotations

from typing import Callable

from ..document import Document, Span, Token


def captions_once(doc: Document, cut: Span | None, again: Span) -> str:
    """Leave out of doc.captions those the copy starting at `again` writes
    again and those read from the archive's metadata between the first copy's
    cut line `cut` and the copy; what was left out, for the note ("" when nothing was)."""
    head_end = cut.end if cut is not None else again.start
    first = [c for c in doc.captions if c.span.start < head_end]
    debris = [c for c in doc.captions if head_end <= c.span.start < again.start]
    copy = [c for c in doc.captions if c.span.start >= again.start]
    n = len(first)
    twice = copy[:n] if n and [c.value for c in copy[:n]] == [c.value for c in first] else []
    gone = debris + twice
    if not gone:
        return ""
    doc.captions = [c for c in doc.captions if not any(c is g for g in gone)]
    src = doc.source
    note = ""
    if twice:
        note += f"; captions {_values(twice)} on {_lines(src.line_col, twice)} (the copy's) counted once"
    if debris:
        note += f"; {_values(debris)} on {_lines(src.line_col, debris)} (the archive's metadata) read as no caption"
    return note


def _values(tokens: list[Token]) -> str:
    return " ".join(t.value for t in tokens)


def _lines(line_col: Callable[[int], tuple[int, int]], tokens: list[Token]) -> str:
    """"line N" or "lines N-M" of the tokens' first and last."""
    a, b = line_col(tokens[0].span.start)[0], line_col(tokens[-1].span.start)[0]
    return f"line {a}" if a == b else f"lines {a}-{b}"
