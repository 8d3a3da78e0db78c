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

from ..document import Document, Repair, Span
from ..rx import rx
from .lines import is_heading
from .numbered import WRAPPED_YEAR_RE

# A pilcrow, a number and its dot (a paragraph's form, as the rendering saw it).
PILCROW_NUMBER_RE = rx(r"¶[ \t]*(?P<num>\d{1,5})\.")
# A line that opens with a number of its own: a number one past it on the next line is a list's next item.
NUMBERED_LINE_RE = rx(r"(?:¶[ \t]*)?(?P<num>\d{1,3})[.)]")


def note_wrapped_numbers(doc: Document) -> None:
    """Record `wrapped-number` for each such number of the body (the module's criterion)."""
    text, start = doc.text, doc.body_start or 0
    if text.find("¶", start) < 0:
        return
    taken = {p.number_token.span.start for p in doc.paragraphs if p.number_token is not None}
    taken.update(r.span.start for r in doc.repairs)
    for m in PILCROW_NUMBER_RE.finditer(text, start):
        at = m.start("num")
        line_start = text.rfind("\n", 0, m.start()) + 1
        if at in taken or text[line_start:m.start()].strip(" \t") or WRAPPED_YEAR_RE.match(text, m.start()):
            continue
        prev = _line_before(text, line_start)
        if prev and (prev[-1].isalnum() or prev[-1] == ",") and not is_heading(prev) \
                and not _next_item(prev, int(m["num"])):
            doc.repairs.append(Repair("wrapped-number", Span(at, m.end("num")),
                                      f"¶{m['num']} read as a number the export wrapped to the line's start "
                                      f"mid-sentence, no paragraph"))


def _next_item(prev: str, number: int) -> bool:
    """Whether `number` is the next item of a list whose item is the line before (`prev`)."""
    m = NUMBERED_LINE_RE.match(prev)
    return m is not None and int(m["num"]) + 1 == number


def _line_before(text: str, line_start: int) -> str:
    """The text of the line before the one starting at `line_start`, stripped ("" when it is blank or none)."""
    if line_start == 0:
        return ""
    prev_start = text.rfind("\n", 0, line_start - 1) + 1
    return text[prev_start:line_start - 1].strip()
