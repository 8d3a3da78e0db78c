"""Stage 4, the body: paragraphs, blocks, bullets, headings, repeated banners.

A telegram numbers its paragraphs (`1. (C) ...`, numbered.py); blocks after
blank lines, bullets, page breaks and quoted material are read by
bodylines.py. An IC/CUI-marked document (shape.is_marked) makes every
paragraph and bullet a portion. This module walks the lines and sends each
to its reader: a line inside running prose changes nothing (plain.py) and is
passed over after a few string tests.
"""
from __future__ import annotations

from ..document import Document
from ..vocabulary import Vocabulary
from .bodylines import block, marked_bullet, marked_line, page_break, quoted_line, run_on_block, split_glued
from .bodystate import State
from .glued import candidates, inside
from .header import read_clby
from .layout import signature
from .lines import BULLET_MARK_RE, CLBY_RE, Line, para_start
from .marks import after_mark, heading_mark
from .numbered import numbered, undo_pilcrow, well_formed
from .plain import banner_pairs, is_plain, of_matters, prose_by_lead
from .quotes import ascii_words, regions
from .ranges import range_numbered
from .textscan import hot_offsets, lowered_source

__all__ = ["segment", "undo_pilcrow"]


def _body_line(doc: Document, lines: list[Line], i: int, start_idx: int, st: State, vocab: Vocabulary) -> None:
    """Read line i (not a blank one, nor one inside running prose) by the first reader that takes it."""
    line = lines[i]
    if st.marked:
        if marked_line(doc, lines, i, st, vocab):
            return
    elif (line.text[:1].isdigit() or line.text[:1] == "¶") and (well_formed(doc, line, st, vocab)
                                                                 or range_numbered(doc, line, st, vocab)):
        return
    text = line.text
    # page_break needs " OF" (a section or page mark), " of 0" or a banner's initial.
    if (" OF" in text or " of 0" in text or text.lstrip(" \t")[:1] in vocab.banner_initials) \
            and page_break(doc, lines, i, start_idx, st, vocab):
        return
    ps = para_start(text)
    if doc.classified_by is None and st.has("lassified", line):
        # 1990s cables often number it: "1. CLASSIFIED BY POLCOUNS ..., REASON: 1.5(B)(D)."
        if CLBY_RE.match(line.text.strip()) or (ps and CLBY_RE.match(line.text, after_mark(line.text, ps.after))):
            read_clby(doc, lines, i, CLBY_RE.search(line.text), vocab)
    if ps is not None and numbered(doc, lines, i, start_idx, ps, st, vocab):
        return
    if st.numbered and "(" in line.text and BULLET_MARK_RE.match(line.text):
        marked_bullet(lines, i, st.numbered[-1])
    elif st.heading_para and heading_mark(line, st.numbered[-1], vocab):
        st.heading_para = st.prev_blank = False
        return
    st.heading_para = st.heading_para and not any(map(str.isalpha, line.text))  # a rule under the heading
    if not (st.prev_blank or st.marked) and i > start_idx and run_on_block(lines, i, st, vocab):
        return
    st.prev_blank = st.prev_blank and block(doc, lines, i, st, vocab)


def _marked_body(doc: Document, lines: list[Line], start_idx: int, st: State, vocab: Vocabulary) -> None:
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


def _scans(doc: Document, lines: list[Line], start_idx: int, st: State, vocab: Vocabulary) -> tuple:
    """What `_prose_body` learns from scans of the whole body, not line by line:
    where a paragraph number and mark stand inside a line (glued.py; bare glued
    numbers only in an unclassified cable: a classified one marks its
    paragraphs), the quotations, and the hot words (a Classified By, once
    read, stays read)."""
    at = lines[start_idx].start if start_idx < len(lines) else len(doc.text)
    cands = candidates(doc.text, at, bare=not vocab.is_classified(doc.level))
    quotes = regions(st.low, at, vocab)
    hot = hot_offsets(doc.text, st.low, at, doc.classified_by is None)
    return cands, quotes, hot


def _prose_body(doc: Document, lines: list[Line], start_idx: int, st: State, vocab: Vocabulary) -> None:
    """A cable's body: blank lines, the lines after them and lines that may
    start something reach `_body_line`; a line inside running prose changes
    nothing (is_plain), and most are told by their first characters alone."""
    cands, quotes, hot = _scans(doc, lines, start_idx, st, vocab)
    n_text = len(doc.text)
    q = k = h = 0  # quotes[q]: the first quotation not ended before the line; cands[k], hot[h]: not before it
    nxt = cands[0] if cands else n_text
    nhot = hot[0] if hot else n_text
    glued = -1
    initials = vocab.banner_initials
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
                quoted_line(doc, lines, i, start_idx, st, vocab)
                continue
        if nxt < end:
            while nxt < start:
                k += 1
                nxt = cands[k] if k < len(cands) else n_text
            if inside(cands, k, line) and split_glued(doc, lines, i, st, vocab):
                glued = i + 1
        if i == glued:
            st.prev_blank = True  # the glued paragraph starts as if after a blank line
        while nhot < start:
            h += 1
            nhot = hot[h] if h < len(hot) else n_text
        if not st.prev_blank:
            hot_line = nhot < end or " OF " in text and of_matters(text, st)
            # no hot word, the line was not split: its first characters may tell prose (the lead is not
            # empty: the line is not blank)
            if not hot_line and i != glued - 1 and prose_by_lead(text.lstrip(" \t"), st, initials, pairs):
                continue  # a line of prose: is_plain would say so
            if is_plain(lines[i], doc, st, vocab, hot_line):
                continue
        _body_line(doc, lines, i, start_idx, st, vocab)


def segment(doc: Document, lines: list[Line], start_idx: int, marked: bool, vocab: Vocabulary) -> None:
    """The body from line `start_idx`: doc.paragraphs, headings, sections, signature."""
    st = State(marked, low=lowered_source(doc.source, ascii_words(vocab)))
    lines = lines[:]  # glued paragraphs may split a line
    (_marked_body if marked else _prose_body)(doc, lines, start_idx, st, vocab)
    if marked:
        # Every paragraph and bullet of an IC/CUI document is a portion.
        doc.paragraphs = sorted(st.numbered + st.blocks, key=lambda p: p.span.start)
    else:
        # A marked block between numbered paragraphs is part of the previous one.
        doc.paragraphs = st.numbered or st.blocks
    doc.signature = signature(lines, start_idx, vocab)
