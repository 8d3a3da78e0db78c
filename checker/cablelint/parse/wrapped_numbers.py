"""The repair `wrapped-number`: a number the export wrapped to a line's start
in the middle of a sentence, where the web rendering put a pilcrow before it
("... be ranked as Tier" / "¶3.  Thus, any ...", "... Annex to UNSCR" /
"¶1737.  In addition ...").

The rendering puts a `¶` before every number that opens a line with a dot
after it (domain.md fact 3), so a number the line wrapping left at a line's
start looks like a paragraph's. The body reader does not take it for one
(its number does not go on from the paragraph before, nor can a paragraph
start there), so nothing is misread; numbered.note_wrapped_years notes a
wrapped year. This is its sibling for any other number, so a reader of
`inspect` sees why the pilcrow was passed over: noted only where the text
shows the wrap, the line before (no blank line between) ending in a word or
number, mid-sentence (no stop, colon or bracket), and no heading (a heading's
paragraph is read as one; one the reader missed gets no note that would call
it text), nor the next item of a list ("¶1. Lead Stories" / "¶2. Elections"). A number read otherwise (a paragraph, a year, a reference noted by
`wrapped-reference`) is left alone.
"""
from __future__ import annotations

import re

from ..document import Document, Repair, Span
from .lines import is_heading
from .numbered import WRAPPED_YEAR_RE

# A pilcrow, a number and its dot (a paragraph's form, as the rendering saw it). Scanned with the
# standard library's engine (a literal-led pattern: several times faster than `regex`; ASCII classes).
PILCROW_NUMBER_RE = re.compile(r"¶[ \t]*(?P<num>[0-9]{1,5})\.")


def note_wrapped_numbers(doc: Document) -> None:
    """Record `wrapped-number` for each such number of the body (the module's criterion)."""
    text = doc.text
    taken: set[int] | None = None
    for k in _after_mid_sentence(text, doc.body_start or 0):
        m = PILCROW_NUMBER_RE.match(text, k)
        if m is None or WRAPPED_YEAR_RE.match(text, k):
            continue
        if taken is None:  # (only now: most pilcrows open a paragraph after a blank line or a sentence's end)
            taken = {p.number_token.span.start for p in doc.paragraphs if p.number_token is not None}
            taken.update(r.span.start for r in doc.repairs)
        at = m.start("num")
        line = doc.source.line_col(k)[0]
        prev = doc.source.line_text(line - 1).strip() if line > 1 else ""  # the line before, stripped
        if at not in taken and not is_heading(prev) and not _next_item(prev, int(m["num"])):
            doc.repairs.append(Repair("wrapped-number", Span(at, m.end("num")),
                                      f"¶{m['num']} read as a number the export wrapped to the line's start "
                                      f"mid-sentence, no paragraph"))


def _after_mid_sentence(text: str, start: int) -> list[int]:
    """The offsets of the pilcrows from `start` on that open a line (blanks
    before them aside) whose line before ends in a letter, digit or comma
    (trailing blanks aside): plain string tests, as most pilcrows fail them."""
    got = []
    k = text.find("¶", start)
    while k >= 0:
        j = k - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        if j > 0 and text[j] == "\n":
            i = j - 1
            while i >= 0 and text[i] in " \t\r":
                i -= 1
            if i >= 0 and text[i] != "\n" and (text[i].isalnum() or text[i] == ","):
                got.append(k)
        k = text.find("¶", k + 1)
    return got


def _next_item(prev: str, number: int) -> bool:
    """Whether `number` is the next item of a list whose item is the line
    before (`prev`, stripped): it opens with a number of one to three digits
    (maybe behind a pilcrow) and a dot or bracket, one less than `number`."""
    s = prev[1:].lstrip(" \t") if prev[:1] == "¶" else prev
    k = 0
    while k < len(s) and k < 4 and s[k].isdecimal():
        k += 1
    return 0 < k < 4 and s[k:k + 1] in (".", ")") and int(s[:k]) + 1 == number
