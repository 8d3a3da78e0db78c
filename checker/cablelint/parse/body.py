"""Stage 4, the body: paragraphs, blocks, bullets, headings, repeated banners.

A telegram numbers its paragraphs (`1. (C) ...`); a numbered line is a new
paragraph only where one can start and when the number continues the
sequence, so the numbered items of a quoted document, outline or
questionnaire inside a paragraph stay inside it. An IC/CUI-marked document
(shape.is_marked) makes every paragraph and bullet a portion.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..document import Document, Marking, Paragraph, Repair, Span, Token
from ..vocabulary import Vocabulary, _alternation
from . import banner as bn, memo
from .glued import bare_glued, candidates, glued_paragraph, inside, next_number
from .layout import is_table_row, is_title, signature
from .header import add_field, read_clby
from .lines import (
    BULLET_MARK_RE, BULLET_RE, CLBY_RE, LEAD_IN_RE, PORTION_RE, Line, ParaStart, inline_page_marks,
    is_heading, is_signature, is_trailer, page_mark, para_start,
)
from .plain import DOT_PAREN, MAY_ACT, banner_pairs, is_plain, may_be_banner
from .marks import UNKNOWN_MARK_RE, after_mark, half_mark, heading_mark, para_mark, portion_start
from .quotes import ascii_words, is_salutation, regions
from .textscan import hot_offsets, lowered_source
from ..rx import rx

# A paragraph's first line kept for messages (never printed by default).
TEXT_KEPT = 80
# A number this far past the last paragraph's may still be the next one after a blank line (lost paragraphs).
SKIP_MAX = 3
SENTENCE_END_RE = rx(r"[.:;!?\"')\]]\s*$")


@dataclass(slots=True)
class _State:
    marked: bool
    last: int = 0
    numbered: list[Paragraph] = field(default_factory=list)
    blocks: list[Paragraph] = field(default_factory=list)
    prev_blank: bool = True
    after_field: bool = False
    prev_bullet: bool = False
    tight: bool = False  # paragraphs written "1.Text", no blank after the dot
    in_list: bool = False  # "1) (C) ..." items inside a paragraph (a questionnaire) until the next "N." paragraph
    heading_para: bool = False  # the last paragraph's number stands on a heading; its mark may open the next line
    low: str = ""  # the document's text in lower case, offsets kept (textscan.lowered)

    def has(self, word: str, line: Line) -> bool:
        """Whether the lower-cased `line` holds `word` (lower case): looked up in
        the text lowered once, not by lowering every line. A line's text is the
        document's text at its offset (repair.py keeps offsets exact)."""
        return self.low.find(word, line.start, line.start + len(line.text)) >= 0


def undo_pilcrow(num: int, raw: str, last: int) -> int:
    """Paragraph 1-9 written ¶1 and exported as 11-19: read it back as 1-9."""
    if len(raw) >= 2 and raw[0] == "1" and num > last + SKIP_MAX:
        alt = int(raw[1:])
        if last < alt <= last + SKIP_MAX:
            return alt
    return num


def _can_start(lines: list[Line], i: int, start_idx: int, ps: ParaStart, st: _State) -> bool:
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


def _mistyped_repeat(lines: list[Line], i: int, number: int, st: _State) -> bool:
    """The last paragraph's number written again, after a blank line, where the
    next numbered line goes on two past it (1, 1, 3): the drafter's slip for the
    number between, a paragraph the numbering rule reports as repeated, not an
    item inside the last paragraph (a nested list after it restarts at 1, 2)."""
    return number == st.last > 0 and st.prev_blank and next_number(lines, i) == number + 2


def _numbered(doc: Document, lines: list[Line], i: int, start_idx: int, ps: ParaStart, st: _State,
              vocab: Vocabulary) -> bool:
    """Read a numbered paragraph at line i when it is one; True if it was."""
    line = lines[i]
    portion, pm = para_mark(line, ps.after, vocab)
    # The ¶ written out: its leading 1 is the number's own, not a pilcrow the export misread.
    number = ps.number
    if number > st.last + SKIP_MAX and line.text.find("¶", 0, ps.start) < 0:  # undo_pilcrow's own first test
        number = undo_pilcrow(number, ps.raw, st.last)
    if ps.paren:  # "5) (C)": a paragraph only where it continues the numbering, else a list item
        accept = portion is not None and number == st.last + 1 and not st.in_list
        st.in_list = not accept
    else:
        accept = portion is not None or (_can_start(lines, i, start_idx, ps, st) and (
            number == st.last + 1 or (st.last < number <= st.last + SKIP_MAX and st.prev_blank)
            or _mistyped_repeat(lines, i, number, st)))
        st.in_list = st.in_list and not accept
    if not accept or portion is None and (_wrapped_reference(lines, i, start_idx, ps, vocab)
                                          or vocab.note_re.match(line.text, ps.after)):
        return False
    off, text = line.start, line.text
    if pm and portion is None and UNKNOWN_MARK_RE.fullmatch(pm["mark"].strip()) \
            and pm["mark"].strip() not in vocab.topic_labels:
        # An unknown mark is still the paragraph's mark (the rule flags it); a topic label ("(UN)") is none.
        portion = Marking(raw=pm["mark"].strip(), span=Span(off + pm.start("mark"), off + pm.end("mark")), form="portion")
    para = Paragraph(Span(off, off + len(text.rstrip())), number,
                     Token(str(number), Span(off + ps.start, off + ps.end), ps.raw), portion,
                     text=text[ps.after:].strip()[:TEXT_KEPT])
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
    st.last = number
    st.prev_blank = False
    return True


def _marked_line(doc: Document, lines: list[Line], i: int, st: _State, vocab: Vocabulary) -> bool:
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


def _block(doc: Document, line: Line, st: _State, vocab: Vocabulary) -> bool:
    """A line after a blank one: a marked or plain block, a heading, or a trailer.
    True for a letter's salutation ("Dear Madam Secretary,"): no portion, and
    the line after it opens a block (a letter-form cable's first paragraph)."""
    s = line.text.strip()
    if is_salutation(s, vocab):
        return True
    pmk = portion_start(line.text, line.start, vocab)
    if pmk is not None:
        st.blocks.append(Paragraph(Span(line.start, line.start + len(line.text.rstrip())), None, None, pmk,
                                   s[:TEXT_KEPT], "block"))
    elif is_trailer(s, vocab) or is_signature(s) or vocab.note_re.match(s) or _ref_item(doc, line):
        pass
    elif is_heading(s) or st.marked and is_title(s):
        at = line.start + line.text.index(s[0])
        doc.headings.append(Token(s, Span(at, line.start + len(line.text.rstrip()))))
    elif st.marked and is_table_row(s):
        pass  # a table's cells are not a portion of a page-marked document (issue 11)
    else:
        st.blocks.append(Paragraph(Span(line.start, line.start + len(line.text.rstrip())), None, None, None,
                                   s[:TEXT_KEPT], "block"))
    return False


def _ref_item(doc: Document, line: Line) -> bool:
    """Whether the line holds only REF items the header read ("¶C. USNATO
    276...": cut by the export, its "..." ending it like a sentence, the body
    seems to start there): a REF entry, not an unmarked paragraph. A line that
    goes on after its items ("C. STATE 4 (SBU) Post has ...") is the body's."""
    lo, hi = line.start, line.start + len(line.text.rstrip())
    return any(lo <= t.span.start < hi and t.span.end >= hi for t in doc.refs)


def _page_break(doc: Document, lines: list[Line], i: int, start_idx: int, st: _State, vocab: Vocabulary) -> bool:
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
        doc.sections.extend(inline_page_marks(line))
    return False


def _body_line(doc: Document, lines: list[Line], i: int, start_idx: int, st: _State, vocab: Vocabulary) -> None:
    line = lines[i]
    if st.marked and _marked_line(doc, lines, i, st, vocab):
        return
    text = line.text
    # _page_break needs " OF" (a section or page mark), " of 0" or a banner's initial.
    if (" OF" in text or " of 0" in text or text.lstrip(" \t")[:1] in vocab.banner_initials) \
            and _page_break(doc, lines, i, start_idx, st, vocab):
        return
    ps = para_start(text)
    if doc.classified_by is None and st.has("lassified", line):
        # 1990s cables often number it: "1. CLASSIFIED BY POLCOUNS ..., REASON: 1.5(B)(D)."
        if CLBY_RE.match(line.text.strip()) or (ps and CLBY_RE.match(line.text, after_mark(line.text, ps.after))):
            read_clby(doc, lines, i, CLBY_RE.search(line.text), vocab)
    if ps is not None and _numbered(doc, lines, i, start_idx, ps, st, vocab):
        return
    if st.numbered and "(" in line.text and BULLET_MARK_RE.match(line.text):
        _marked_bullet(lines, i, st.numbered[-1])
    elif st.heading_para and heading_mark(line, st.numbered[-1], vocab):
        st.heading_para = st.prev_blank = False
        return
    st.heading_para = st.heading_para and not any(map(str.isalpha, line.text))  # a rule under the heading
    st.prev_blank = st.prev_blank and _block(doc, line, st, vocab)


def _wrapped_reference(lines: list[Line], i: int, start_idx: int, ps: ParaStart, vocab: Vocabulary) -> bool:
    """A number at the start of line i that ends a reference the export wrapped:
    the last non-blank line before it ends in a word that takes a number
    (markings.yaml `reference_words`: "... in paragraph" / "5. The ...",
    "... on Jan" / "6. He said") and the next numbered line does not go on from
    it, or the number stands alone after "paragraph". Only a line of the body
    counts (a SUBJECT line may end in a month)."""
    j = i - 1
    while j > start_idx and not lines[j].text.strip():
        j -= 1
    if j < start_idx:
        return False
    prev = lines[j].text.rstrip()
    words = prev.rsplit(None, 1)
    if words and words[-1].lower() in vocab.reference_words and next_number(lines, i) != ps.number + 1:
        return True
    return not lines[i].text[ps.after:].strip() and _reference_end(vocab).search(prev) is not None


def _reference_end(vocab: Vocabulary) -> regex.Pattern:
    """A line that ends in a reference to a paragraph whose number the export
    wrapped: one of markings.yaml's `paragraph_words`, a dot allowed."""
    words = _alternation([w.lower() for w in vocab.line_words["paragraph_words"]]) or "(?!)"
    return rx(r"(?i)\b(?:" + words + r")\.?[ \t]*$")


def _marked_bullet(lines: list[Line], i: int, para: Paragraph) -> None:
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


def _split_glued(doc: Document, lines: list[Line], i: int, st: _State, vocab: Vocabulary) -> bool:
    """The repair `glued-paragraph`: line i becomes two lines at a glued paragraph number."""
    line = lines[i]
    ps = para_start(line.text)
    own = undo_pilcrow(ps.number, ps.raw, st.last) if ps is not None else None
    # After the line's own number: the expected one, or any when it opens the numbering (a copy from paragraph 3 on).
    expected = own + 1 if own is not None and (own == st.last + 1 or not st.numbered) else st.last + 1
    cut = glued_paragraph(line, expected, vocab)
    detail = f"paragraph {expected} read from inside line"
    if cut is None and not any(p.portion for p in st.numbered) and (ps is None or not para_mark(line, ps.after, vocab)[0]):
        cut = bare_glued(lines, i, expected)  # an unmarked cable: the numbering vouches for it
        detail += f" (no portion mark; the next paragraph is {expected + 1})"
    if cut is None or not line.text[:cut].strip():
        return False
    lines[i:i + 1] = [Line(line.text[:cut], line.start), Line(line.text[cut:], line.start + cut)]
    num = line.text[cut:cut + 3].partition(".")[0]  # the number read (after a heading's rule, maybe not `expected`)
    doc.repairs.append(Repair("glued-paragraph", Span(line.start + cut, line.start + cut + len(num)),
                              detail.replace(str(expected), num, 1)))
    return True


def _quoted_line(doc: Document, lines: list[Line], i: int, start_idx: int, st: _State, vocab: Vocabulary) -> None:
    """A line of quoted material (quotes.py) inside a paragraph: its numbered
    paragraphs are the quoted document's, so only page breaks are read."""
    if not _page_break(doc, lines, i, start_idx, st, vocab):
        st.prev_blank = False


def _marked_body(doc: Document, lines: list[Line], start_idx: int, st: _State, vocab: Vocabulary) -> None:
    """An IC/CUI document's body: every line with text goes to `_body_line`
    (its bullets and blocks are portions; no quotation or glued number is read)."""
    i = start_idx - 1
    while i + 1 < len(lines):
        i += 1
        text = lines[i].text
        if not text or text.isspace():
            st.prev_blank = True
            st.after_field = False
            continue
        _body_line(doc, lines, i, start_idx, st, vocab)


def _prose_body(doc: Document, lines: list[Line], start_idx: int, st: _State, vocab: Vocabulary) -> None:
    """A cable's body: blank lines, the lines after them and lines that may
    start something reach `_body_line`; a line inside running prose changes
    nothing (is_plain), and most are told by their first characters alone."""
    at = lines[start_idx].start if start_idx < len(lines) else len(doc.text)
    # Where a paragraph number and mark stand inside a line: one scan of the body, not one per line.
    # Bare glued numbers (glued.py) only in an unclassified cable: a classified one marks its paragraphs.
    cands = candidates(doc.text, at, bare=not vocab.is_classified(doc.level))
    quotes = regions(st.low, at, vocab)
    hot = hot_offsets(doc.text, st.low, at, doc.classified_by is None)  # once read, Classified By stays read
    n_text = len(doc.text)
    q = k = h = 0  # quotes[q]: the first quotation not ended before the line; cands[k], hot[h]: not before it
    nxt = cands[0] if cands else n_text
    nhot = hot[0] if hot else n_text
    glued = -1
    initials = vocab.banner_initials
    may_act = MAY_ACT | initials
    pairs = banner_pairs(vocab)
    i = start_idx - 1
    while i + 1 < len(lines):
        i += 1
        line = lines[i]
        text = line.text
        if not text or text.isspace():
            st.prev_blank = True
            st.after_field = False
            continue
        start = line.start
        end = start + len(text)
        if quotes and st.numbered:
            while q < len(quotes) and quotes[q][1] <= start:
                q += 1
            if q < len(quotes) and quotes[q][0] <= start:
                _quoted_line(doc, lines, i, start_idx, st, vocab)
                continue
        if nxt < end:
            while nxt < start:
                k += 1
                nxt = cands[k] if k < len(cands) else n_text
            if inside(cands, k, line) and _split_glued(doc, lines, i, st, vocab):
                glued = i + 1
        if i == glued:
            st.prev_blank = True  # the glued paragraph starts as if after a blank line
        while nhot < start:
            h += 1
            nhot = hot[h] if h < len(hot) else n_text
        if not st.prev_blank:
            if nhot >= end and i != glued - 1:  # no hot word, the line was not split: plain.py's gates
                lead = text.lstrip(" \t")  # not empty: the line is not blank
                c = lead[0]
                if lead[1:2] not in DOT_PAREN and not c.isdigit() and (c not in may_act or (
                        c in initials and not st.heading_para and not may_be_banner(lead, pairs))):
                    continue  # a line of prose: is_plain would say so
            if is_plain(lines[i], doc, st, vocab, nhot < end):
                continue
        _body_line(doc, lines, i, start_idx, st, vocab)


def segment(doc: Document, lines: list[Line], start_idx: int, marked: bool, vocab: Vocabulary) -> None:
    """The body from line `start_idx`: doc.paragraphs, headings, sections, signature."""
    st = _State(marked, low=lowered_source(doc.source, ascii_words(vocab)))
    lines = lines[:]  # glued paragraphs may split a line
    (_marked_body if marked else _prose_body)(doc, lines, start_idx, st, vocab)
    if marked:
        # Every paragraph and bullet of an IC/CUI document is a portion.
        doc.paragraphs = sorted(st.numbered + st.blocks, key=lambda p: p.span.start)
    else:
        # A marked block between numbered paragraphs is part of the previous one.
        doc.paragraphs = st.numbered or st.blocks
    doc.signature = signature(lines, start_idx, vocab)
