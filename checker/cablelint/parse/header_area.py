"""Stage 1's bound: where the header area ends, in which run-on header lines are split
(repair.split_run_on_header): at the first numbered paragraph, at most RUN_ON_LIMIT lines in."""
from __future__ import annotations

from bisect import bisect_right

from ..rx import rx
from ..source import Source
from .lines import Line, PARA_RE

# How far into the file header fields may be run together (lines).
RUN_ON_LIMIT = 120
NUMBERED_RE = rx(r"\s*(?:¶|\[)?\d{1,3}\.")


def numbered_line(text: str) -> bool:
    """Whether a line is a numbered paragraph's first (a cheap first-character test before the regexes)."""
    c = text[:1]
    if c in " \t\u2028":  # indented: PARA_RE wants the number (or its ¶ or [) after the blanks
        c = text.lstrip(" \t\u2028")[:1]
    return bool(c) and (c.isdigit() or c in "¶[") and PARA_RE.match(text) is not None \
        and NUMBERED_RE.match(text) is not None


def header_end(lines: list[Line]) -> int:
    """How many lines the header area may take: up to the first numbered
    paragraph, at most RUN_ON_LIMIT."""
    for i, line in enumerate(lines[:RUN_ON_LIMIT]):
        if numbered_line(line.text):
            return i
    return min(len(lines), RUN_ON_LIMIT)


# A line opening (after blanks) with neither a blank nor an ASCII letter: a superset of the lines
# numbered_line takes (a digit, a pilcrow or a bracket first), found by one scan of the text's head.
_NOT_LETTER_HEAD_RE = rx(r"(?m)^[ \t\u2028]*[^\sA-Za-z]")


def header_end_of(source: Source, lines: list[Line]) -> int:
    """header_end for the source's own lines (line k starts at source.line_starts[k]):
    only the lines one scan of the head finds opening with no letter are tested,
    not each of up to RUN_ON_LIMIT lines in Python."""
    n = min(len(lines), RUN_ON_LIMIT)
    starts = source.line_starts
    seen = -1
    for m in _NOT_LETTER_HEAD_RE.finditer(source.text, 0, starts[n] if n < len(starts) else len(source.text)):
        i = bisect_right(starts, m.start()) - 1
        if i != seen and i < n and numbered_line(lines[i].text):
            return i
        seen = i
    return n
