"""The body's lines other than numbered paragraphs (body.py decides which
line goes where): an IC/CUI document's field and bullet lines, a repeated
banner or page mark, a block after a blank line, a marked bullet inside a
paragraph, a paragraph number the export glued to the previous line, and a
line of quoted material.
"""
from __future__ import annotations

from ..document import Document, Paragraph, Repair, Span, Token
from ..vocabulary import Vocabulary
from . import banner as bn, memo
from .bodystate import SENTENCE_END_RE, TEXT_KEPT, State
from .glued import bare_glued, glued_paragraph
from .header import add_field, read_clby
from .layout import is_table_row, is_title
from .lines import (
    BULLET_RE, CLBY_RE, PORTION_RE, Line, inline_page_marks, is_heading, is_signature, is_trailer, page_mark,
    para_start, wraps_on,
)
from .marks import block_mark, para_mark, portion_start
from .numbered import undo_pilcrow
from .plain import banner_pairs, may_be_banner
from .quotes import is_salutation


def marked_line(doc: Document, lines: list[Line], i: int, st: State, vocab: Vocabulary) -> bool:
    """IC/CUI documents: authority-block and designation-indicator lines (and
    their wrapped values) and banner lines are not portions; every bullet is
    one, blank line before it or not. True when the line was consumed."""
    line = lines[i]
    fm = vocab.field_re.match(line.text) if ":" in line.text else None
    if fm is not None:
        if vocab.field_name(fm["key"]) == "Classified By":
            if doc.classified_by is None:
                cm = CLBY_RE.search(line.text)
                if cm:
                    read_clby(doc, lines, i, cm, vocab)
        else:
            add_field(doc, fm, line.start, vocab)
        st.after_field = st.prev_blank = True
        return True
    bm = BULLET_RE.match(line.text)
    if bm and not bm["dash"] and not (st.prev_blank or st.prev_bullet):
        bm = None
    st.prev_bullet = bool(bm)
    if st.after_field and not bm and not portion_start(line.text, line.start, vocab):
        return True
    st.after_field = False
    s = line.text.strip()
    got = vocab.parse_banner(line.text, line.start) if vocab.banner_re.match(line.text) else None
    if got and not got[1].strip() and (got[0].form == "capco" or s.isupper()):
        st.prev_blank = True
        return True
    if bm:
        pm = PORTION_RE.match(line.text, bm.end())
        portion = memo.portion(vocab, pm["mark"], line.start + pm.start("mark")) if pm else None
        st.blocks.append(Paragraph(Span(line.start, line.start + len(line.text.rstrip())), None, None, portion,
                                   s[:TEXT_KEPT], "bullet"))
        st.prev_blank = False
        return True
    return False


def _repeated_banner(doc: Document, line: Line, vocab: Vocabulary) -> bool:
    """A section's banner or a continuation page's mark in the body."""
    got = bn.section_banner(line, vocab)
    if got:
        doc.banners.append(got[0])
        if got[1]:
            doc.sections.append(got[1])
        return True
    pg = page_mark(line)
    if pg:
        doc.sections.append(pg)
        return True
    return False


def block(doc: Document, lines: list[Line], i: int, st: State, vocab: Vocabulary) -> bool:
    """Line i, after a blank one: a marked or plain block, a heading, or a trailer.
    True for a letter's salutation ("Dear Madam Secretary,"): no portion, and
    the line after it opens a block (a letter-form cable's first paragraph)."""
    line = lines[i]
    s = line.text.strip()
    if is_salutation(s, vocab):
        return True
    pmk = block_mark(lines, i, vocab)
    if pmk is not None:
        st.blocks.append(Paragraph(Span(line.start, line.start + len(line.text.rstrip())), None, None, pmk,
                                   s[:TEXT_KEPT], "block"))
    elif is_trailer(s, vocab) or is_signature(s) or vocab.note_re.match(s) or _header_item(doc, line):
        pass
    elif (is_heading(s) or st.marked and is_title(s)) and not (_first_item(doc, st) and wraps_on(lines, i)):
        at = line.start + line.text.index(s[0])
        doc.headings.append(Token(s, Span(at, line.start + len(line.text.rstrip()))))
    elif st.marked and is_table_row(s):
        pass  # a table's cells are not a portion of a page-marked document (issue 11)
    else:
        st.blocks.append(Paragraph(Span(line.start, line.start + len(line.text.rstrip())), None, None, None,
                                   s[:TEXT_KEPT], "block"))
    return False


def _first_item(doc: Document, st: State) -> bool:
    """Nothing of the body read yet: a line cut mid-sentence there opens a lone
    paragraph wrapped short (header._prose_goes_on), not a heading."""
    return not (st.numbered or st.blocks or doc.headings)


def _header_item(doc: Document, line: Line) -> bool:
    """Whether the line holds only REF items the header read ("¶C. USNATO
    276...": cut by the export, its "..." ending it like a sentence, the body
    seems to start there), or opens the SUBJECT the header read (a later whole
    copy of a cut header, subject_copy.py): a header field, not an unmarked
    paragraph. A line that goes on after its items ("C. STATE 4 (SBU) Post
    has ...") is the body's."""
    lo, hi = line.start, line.start + len(line.text.rstrip())
    if doc.subject is not None and lo <= doc.subject.span.start < hi:
        return True
    return any(lo <= t.span.start < hi and t.span.end >= hi for t in doc.refs)


def run_on_block(lines: list[Line], i: int, st: State, vocab: Vocabulary) -> bool:
    """A marked block that opens on the line after a sentence's end, with no
    blank line between ("... my impressions." then "(C) First and foremost"):
    a body of unnumbered paragraphs, each opening with its mark (a letter-form
    cable whose blank lines the export lost), once the block before it was
    marked too. True when line i opened a block."""
    if st.numbered or not st.blocks or st.blocks[-1].portion is None or not SENTENCE_END_RE.search(lines[i - 1].text):
        return False
    pmk = block_mark(lines, i, vocab)
    if pmk is None:
        return False
    line = lines[i]
    s = line.text.strip()
    st.blocks.append(Paragraph(Span(line.start, line.start + len(line.text.rstrip())), None, None, pmk,
                               s[:TEXT_KEPT], "block"))
    return True


def page_break(doc: Document, lines: list[Line], i: int, start_idx: int, st: State, vocab: Vocabulary) -> bool:
    """A section's banner or a page mark on line i (True: the line is no more),
    and page marks run into its text."""
    line = lines[i]
    text = line.text
    # Without " OF " only a banner can break the page: banner_re is what section_banner tries first.
    if (" OF " in text or " of 0" in text or vocab.may_start_banner(text)
            and may_be_banner(text.lstrip(" \t"), banner_pairs(vocab)) and vocab.banner_re.match(text)) \
            and _repeated_banner(doc, line, vocab):
        # A page break in mid-sentence: the text after it goes on the same paragraph.
        prev = lines[i - 1].text if i > start_idx else ""
        st.prev_blank = st.prev_blank or not prev.strip() or SENTENCE_END_RE.search(prev) is not None
        return True
    if " OF 0" in text:
        for mark, whole in inline_page_marks(line, doc.post):
            doc.sections.append(mark)
            doc.repairs.append(Repair("glued-page-mark", whole,
                                      f"page mark {mark.number} OF {mark.total} read from inside a line of the body"))
    return False


def marked_bullet(lines: list[Line], i: int, para: Paragraph) -> None:
    """A bullet with its own mark inside `para` ("¶1. Key Points:" then "-- (S/NF) ...").
    The paragraph is only a lead-in to its bullets when, at its first marked bullet,
    the text before the bullet ends with a colon or is a heading ("KEY POINTS")."""
    if para.marked_items == 0:
        j = i - 1
        while j > 0 and not lines[j].text.strip():
            j -= 1
        prev = lines[j].text.strip()
        first = lines[j].start == para.span.start
        para.lead_in = prev.endswith(":") or para.text.endswith(":") or (first and is_heading(para.text))
    para.marked_items += 1


def split_glued(doc: Document, lines: list[Line], i: int, st: State, vocab: Vocabulary) -> bool:
    """The repair `glued-paragraph`: line i becomes two lines at a glued paragraph number."""
    line = lines[i]
    ps = para_start(line.text)
    own = undo_pilcrow(ps.number, ps.raw, st.last) if ps is not None else None
    def marked() -> bool:  # the line's own number carries a portion mark (read only where it decides)
        return ps is not None and para_mark(line, ps.after, vocab)[0] is not None

    # After the line's own number: the expected one, or any when it opens the numbering (a copy from paragraph 3 on),
    # or a marked one that skips one (a marked number is a paragraph; glued.skipped_one may have cut it out),
    # or one that goes back (an export's repeated copy, "1. (U) ... 2. (U) ..." run onto one line: read like the first).
    expected = own + 1 if own is not None and (own == st.last + 1 or not st.numbered or own <= st.last
                                               or own == st.last + 2 and marked()) else st.last + 1
    cut = glued_paragraph(line, expected, vocab)
    detail = f"paragraph {expected} read from inside line"
    if cut is None and not any(p.portion for p in st.numbered) and not marked():
        cut = bare_glued(lines, i, expected)  # an unmarked cable: the numbering vouches for it
        detail += f" (no portion mark; the next paragraph is {expected + 1})"
    if cut is None or not line.text[:cut].strip():
        return False
    lines[i:i + 1] = [Line(line.text[:cut], line.start), Line(line.text[cut:], line.start + cut)]
    num = line.text[cut:cut + 3].partition(".")[0]  # the number read (after a heading's rule or one skipped, maybe not `expected`)
    # The paragraph the glued one follows: the line's own when marked (a marked number is always read
    # as a paragraph, whatever its number), else the last one read.
    before = own if own is not None and marked() else st.last
    if expected > 1 and int(num) == expected + 1 == before + 2:  # glued.skipped_one: say which number the text lacks
        detail += f" (one past the {expected} expected)"
    doc.repairs.append(Repair("glued-paragraph", Span(line.start + cut, line.start + cut + len(num)),
                              detail.replace(str(expected), num, 1)))
    return True


def quoted_line(doc: Document, lines: list[Line], i: int, start_idx: int, st: State, vocab: Vocabulary) -> None:
    """A line of quoted material (quotes.py) inside a paragraph: its numbered
    paragraphs are the quoted document's, so only page breaks are read."""
    if not page_break(doc, lines, i, start_idx, st, vocab):
        st.prev_blank = False
