"""Numbered paragraphs of a cable's body (`1. (C) ...`): whether a numbered
line starts a paragraph, and the Paragraph it starts.

A numbered line is a new paragraph only where one can start and when the
number continues the sequence, so the numbered items of a quoted document,
outline or questionnaire inside a paragraph stay inside it. Most paragraphs
are written the well-formed way, `N. (C) text` at a line's start, which a
known mark makes a paragraph whatever the numbering says: `well_formed` reads
those with one pattern; `numbered` reads every other form.
"""
from __future__ import annotations

import regex

from ..document import Document, Marking, Paragraph, Repair, Span, Token
from ..rx import rx
from ..vocabulary import Vocabulary, _alternation
from . import memo
from .bodystate import SENTENCE_END_RE, SKIP_MAX, TEXT_KEPT, State
from .glued import next_number
from .last_repeat import last_repeat
from .lines import LEAD_IN_RE, Line, ParaStart, is_heading, para_start
from .marks import UNKNOWN_MARK_RE, half_mark, para_mark

# `N. (mark)` or `¶N. (mark)` at a line's start: lines.PARA_RE's number and dot (no indent, [ or
# debris) followed by lines.PORTION_RE, as one match (groups: the ¶, the number, the mark with its
# parentheses, the mark).
WELL_FORMED_RE = rx(r"(¶\s*)?(\d{1,3})\.[ \t]*(\(\s*((?://)?[A-Za-z][^()\n]{0,58}?)\s*\))")


def undo_pilcrow(num: int, raw: str, last: int) -> int:
    """Paragraph 1-9 written ¶1 and exported as 11-19: read it back as 1-9."""
    if len(raw) >= 2 and raw[0] == "1" and num > last + SKIP_MAX:
        alt = int(raw[1:])
        if last < alt <= last + SKIP_MAX:
            return alt
    return num


def _paragraph(line: Line, number: int, raw: str, at: int, after: int, portion: Marking | None) -> Paragraph:
    """Paragraph `number` (written `raw` from `at` in the line), its text from `after`."""
    off, text = line.start, line.text
    # `text` passed by position: a keyword argument to a class makes the call build a dict
    # (~950 instructions of a ~3400 construction; the body makes one per paragraph).
    return Paragraph(Span(off, off + len(text.rstrip())), number,
                     Token(str(number), Span(off + at, off + at + len(raw)), raw), portion,
                     text[after:].strip()[:TEXT_KEPT])


def well_formed(doc: Document, line: Line, st: State, vocab: Vocabulary) -> bool:
    """Read line `line` when it is the common paragraph `N. (C) text` (or `¶N.`) with a
    known mark: `numbered`'s reading of such a line (a marked number is always
    a paragraph), in one match. False (nothing read) for any other line, and
    where `_body_line` would first read a Classified By or a page mark run
    into the text (" OF 0"; a line that opens with a digit is no banner nor
    page mark of its own)."""
    text = line.text
    m = WELL_FORMED_RE.match(text)
    if m is None or " OF 0" in text or text[:1] in vocab.banner_initials \
            or doc.classified_by is None and st.has("lassified", line):
        return False
    plan = memo.planned(vocab, m.group(4))
    if plan is None:
        return False
    raw = m.group(2)
    number = int(raw)
    if number > st.last + SKIP_MAX and m.group(1) is None:  # a ¶ written out: its 1 is no misread pilcrow
        number = undo_pilcrow(number, raw, st.last)
    para = _paragraph(line, number, raw, m.start(2), m.start(3), memo.placed(plan, line.start + m.start(4)))
    if number != int(raw):
        doc.repairs.append(Repair("pilcrow-as-1", para.number_token.span, f"{raw} read as {number}"))
    st.numbered.append(para)
    st.in_list = st.heading_para = st.prev_blank = False
    st.last = number
    return True


def _can_start(lines: list[Line], i: int, start_idx: int, ps: ParaStart, st: State) -> bool:
    """An unmarked number continues the sequence only where a paragraph can
    start: after a blank line or a finished sentence, with a space after the
    dot ("paragraph\\n5.The" is a wrapped reference, not paragraph 5)."""
    if st.prev_blank or i == start_idx:
        return True
    prev = lines[i - 1].text.strip() if i > 0 else ""
    text = lines[i].text
    gap = text[ps.end + 1:ps.end + 2] in (" ", "\t", "(") or st.tight  # "1.Key" / "2.The": the cable's own way
    return is_heading(prev) or (SENTENCE_END_RE.search(prev) is not None and not text[ps.after - 1:ps.after].isalpha()
                                and gap)


def _mistyped_repeat(lines: list[Line], i: int, start_idx: int, ps: ParaStart, number: int, st: State) -> bool:
    """The last paragraph's number written again, after a blank line, where the
    next numbered line goes on two past it (1, 1, 3): the drafter's slip for the
    number between, a paragraph the numbering rule reports as repeated, not an
    item inside the last paragraph (a nested list after it restarts at 1, 2).
    Or no numbered line follows: the cable's last paragraph (last_repeat.py)."""
    if not (number == st.last > 0 and st.prev_blank):
        return False
    after = next_number(lines, i)
    return after == number + 2 or after is None and last_repeat(lines, i, start_idx, ps.after, st)


def _late(lines: list[Line], i: int, start_idx: int, ps: ParaStart, st: State, number: int) -> bool:
    """An unmarked number the numbering skipped, coming later (1, 2, 3, 4, 6,
    then 5: an item moved after numbering) where a paragraph can start, after
    a blank line, with no numbered line since the last paragraph (a list
    inside it, 1, 2, 3, would fill a gap by chance)."""
    if not (st.prev_blank and st.numbered and number < st.last) or any(p.number == number for p in st.numbered):
        return False
    if number < min(p.number for p in st.numbered) or not _can_start(lines, i, start_idx, ps, st):
        return False
    since = st.numbered[-1].span.start
    j = i - 1
    while j > start_idx and lines[j].start > since:
        if para_start(lines[j].text) is not None:
            return False
        j -= 1
    return True


def _accepted(lines: list[Line], i: int, start_idx: int, ps: ParaStart, st: State, number: int,
              portion: Marking | None) -> bool:
    """Whether numbered line i starts paragraph `number` (its mark `portion`)."""
    if ps.paren:  # "5) (C)": a paragraph only where it continues the numbering, else a list item
        accept = portion is not None and number == st.last + 1 and not st.in_list
        st.in_list = not accept
        return accept
    accept = portion is not None or (_can_start(lines, i, start_idx, ps, st) and (
        number == st.last + 1 or (st.last < number <= st.last + SKIP_MAX and st.prev_blank)
        or _mistyped_repeat(lines, i, start_idx, ps, number, st)))
    st.in_list = st.in_list and not accept
    return accept


def numbered(doc: Document, lines: list[Line], i: int, start_idx: int, ps: ParaStart, st: State,
             vocab: Vocabulary) -> bool:
    """Read a numbered paragraph at line i when it is one; True if it was."""
    line = lines[i]
    portion, pm = para_mark(line, ps.after, vocab)
    # The ¶ written out: its leading 1 is the number's own, not a pilcrow the export misread.
    number = ps.number
    if number > st.last + SKIP_MAX and line.text.find("¶", 0, ps.start) < 0:  # undo_pilcrow's own first test
        number = undo_pilcrow(number, ps.raw, st.last)
    late = portion is None and _late(lines, i, start_idx, ps, st, number)
    if not (late or _accepted(lines, i, start_idx, ps, st, number, portion)):
        return False
    if portion is None and _wrapped_reference(lines, i, start_idx, ps, vocab, number == st.last + 1):
        at = line.start + ps.start
        doc.repairs.append(Repair("wrapped-reference", Span(at, at + len(ps.raw)),
                                  f"{ps.raw} read as the end of a reference the export wrapped, no paragraph"))
        return False
    if portion is None and vocab.note_re.match(line.text, ps.after):
        _notice(doc, line, number, ps, st)
        return True
    off, text = line.start, line.text
    if pm and portion is None and UNKNOWN_MARK_RE.fullmatch(pm["mark"].strip()) \
            and pm["mark"].strip() not in vocab.topic_labels:
        # An unknown mark is still the paragraph's mark (the rule flags it); a topic label ("(UN)") is none.
        portion = Marking(raw=pm["mark"].strip(), span=Span(off + pm.start("mark"), off + pm.end("mark")), form="portion")
    para = _paragraph(line, number, ps.raw, ps.start, ps.after, portion)
    if portion is None:
        para.portion = half_mark(text, ps.after, off, vocab)
    lead = LEAD_IN_RE.match(text, ps.after) if para.portion is None else None
    if lead:  # "¶1. Key Points: -- (SBU) ...": the marked bullet follows on the same line
        para.marked_items += 1
        para.lead_in = True
        para.text = lead["lead"].strip()
    st.heading_para = para.portion is None and not lead and is_heading(text[ps.after:].strip())
    if number != ps.number:
        doc.repairs.append(Repair("pilcrow-as-1", para.number_token.span, f"{ps.raw} read as {number}"))
    if ps.debris:
        doc.repairs.append(Repair("markdown-debris", para.number_token.span, f"paragraph {number}"))
    st.numbered.append(para)
    st.tight = st.tight or (number == 1 and text[ps.end:ps.end + 1] == "." and text[ps.end + 1:ps.end + 2].isalpha())
    st.last = max(st.last, number) if late else number  # the numbering goes on after a late one
    st.prev_blank = False
    return True


def _notice(doc: Document, line: Line, number: int, ps: ParaStart, st: State) -> None:
    """A post's closing notice the drafter numbered ("7. MINIMIZE CONSIDERED",
    markings.yaml `note_patterns`): the reader sees paragraph `number`, so the
    numbering counts it, but it is no portion of the cable (kind `notice`: the
    portion-mark targets leave it out)."""
    para = _paragraph(line, number, ps.raw, ps.start, ps.after, None)
    para.kind = "notice"
    doc.repairs.append(Repair("numbered-notice", para.number_token.span, f"paragraph {number} is a closing notice"))
    st.numbered.append(para)
    st.last = number
    st.prev_blank = st.heading_para = False


def _wrapped_reference(lines: list[Line], i: int, start_idx: int, ps: ParaStart, vocab: Vocabulary,
                       in_sequence: bool = False) -> bool:
    """A number at the start of line i that ends a reference the export wrapped:
    the last non-blank line before it ends in a word that takes a number
    (markings.yaml `reference_words`: "... in paragraph" / "5. The ...",
    "... on Jan" / "6. He said") and the next numbered line does not go on from
    it, or the number stands alone after "paragraph". Only a line of the body
    counts (a SUBJECT line may end in a month). A number that goes on from the
    last paragraph (`in_sequence`) with no numbered line after it is the
    cable's last paragraph ("... Environmental Concerns Section" / "3. In
    addition ..."): nothing after it says otherwise."""
    j = i - 1
    while j > start_idx and not lines[j].text.strip():
        j -= 1
    if j < start_idx:
        return False
    prev = lines[j].text.rstrip()
    words = prev.rsplit(None, 1)
    if words and words[-1].lower() in vocab.reference_words:
        after = next_number(lines, i)
        if after != ps.number + 1 and not (in_sequence and after is None):
            return True
    return not lines[i].text[ps.after:].strip() and _reference_end(vocab).search(prev) is not None


def _reference_end(vocab: Vocabulary) -> regex.Pattern:
    """A line that ends in a reference to a paragraph whose number the export
    wrapped: one of markings.yaml's `paragraph_words`, a dot allowed."""
    words = _alternation([w.lower() for w in vocab.line_words["paragraph_words"]]) or "(?!)"
    return rx(r"(?i)\b(?:" + words + r")\.?[ \t]*$")


# A year the export wrapped to a line's start and marked with a pilcrow ("... by" / "¶2016.  In the
# meantime"): four digits, where a paragraph number has at most three. The pattern opens on the
# pilcrow (a literal the engine scans for); the line start is checked after.
WRAPPED_YEAR_RE = rx(r"¶[ \t]*(?P<year>(?:1[89]|20)\d\d)\b")


def note_wrapped_years(doc: Document) -> None:
    """Record each such year in the body as read (`wrapped-year`): the line
    reads as text, no paragraph, and the note says why its pilcrow was passed over."""
    text, start = doc.text, doc.body_start or 0
    if text.find("¶", start) < 0:
        return
    for m in WRAPPED_YEAR_RE.finditer(text, start):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if text[line_start:m.start()].strip(" \t"):
            continue  # inside a line: a pilcrow before a year the drafter wrote
        doc.repairs.append(Repair("wrapped-year", Span(m.start("year"), m.end("year")),
                                  f"¶{m['year']} read as a year the export wrapped to the line's start, no paragraph"))
