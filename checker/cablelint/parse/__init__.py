"""The cable parser as a pipeline: raw text in, a Document with exact spans out.

The stages, in order (each a module of small functions with its own tests):

1. repair.virtual_lines   text -> virtual lines; repairs that split lines (run-on header; clby_runon:
                          a paragraph run on after the Classified By's reasons split off at its mark)
2. lines.classify         one ordered table of recognisers (lines.RECOGNISERS), words from the vocabulary
3. header.read_top        routing header, banner (repairs: spaced, lost first letter, after a preamble)
   copies.find_whole_copy where the file writes the cable out again (doc.whole_copy): the banner's line, each place
   banner.footer          the bottom banner (before the fields: it tells an IC-style document)
   header.read_fields     captions, E.O./DECL, TAGS, SUBJECT, REF, Classified By, fields -> where the body starts
   _read_whole_copy       a Classified By, REF or SUBJECT cut short read again from the whole copy (a REF
                          the first copy lost to a cut in its header, read from the copy)
4. body.segment           paragraphs, blocks, bullets, headings, repeated banners, signature (to the
                          archive's metadata row after the cable, csv_debris.archive_row, when there is one)
   numbered.note_wrapped_years  a year wrapped to a line's start behind a pilcrow (¶2016.) noted as text
   heading_glued          a paragraph run onto its heading's line, its number without a dot (Haiti ----- 4 (C))
   wrapped_numbers        any other number wrapped mid-sentence behind a pilcrow (Tier / ¶3.) noted as text
   paragraph_copy         a cut-short first copy's paragraph left out for its whole copy
   copies.settle_copy     a section banner the whole copy writes again counted once; the cut noted (cut-copy)
   paragraph_repeat       a run of paragraphs the export wrote twice read once (doc.repeated keeps the copy)
   clby_runon.settle_split whether the text split off after the Classified By was read as a paragraph (its note)
5. finish                 placeholders, marking separators, shape (shape.py), date evidence (dating.py)

Every repair of damaged text is recorded in `Document.repairs` with its span
(names in repair_names.REPAIRS). The date is not resolved here: the parser records
the evidence and the engine resolves it with --date (cablelint.dates.resolve).
"""
from __future__ import annotations

from ..document import CableDate, Document, Span, Token
from ..source import Source
from ..vocabulary import Vocabulary, default_vocabulary, marking_separators
from . import banner as bn, memo
from .body import segment
from .numbered import note_wrapped_years
from .heading_glued import read_heading_glued
from .wrapped_numbers import note_wrapped_numbers
from .paragraph_copy import drop_cut_paragraphs
from .paragraph_repeat import drop_repeated_paragraphs
from .csv_debris import archive_row, drop_csv_debris
from .archive_date import archive_date_note
from .ref_split import split_refs
from .clby import find_reasons, join_pieces
from .clby_copy import whole_clby
from .clby_runon import settle_split
from .copies import find_whole_copy, settle_copy
from .dating import evidence, memo_date
from .decl import parse_decl
from .refs import copy_refs, whole_refs
from .subject_copy import whole_subject
from .subject_glued import note_glued_subjects
from .header import read_fields, read_top
from .lines import Line
from .repair import virtual_lines
from .repair_names import REPAIRS
from .shape import is_marked, shape_of

__all__ = ["REPAIRS", "find_reasons", "join_pieces", "memo_date", "parse", "parse_decl"]

# How far past the body's start the partial-extract note is looked for (characters).
PARTIAL_NOTE_REACH = 400


def parse(source: Source, vocab: Vocabulary | None = None) -> Document:
    """Parse one cable; the stages run in the order the module docstring gives."""
    v = vocab or default_vocabulary()
    doc = Document(source=source)
    lines = virtual_lines(source, doc.repairs, v)
    banner_idx, header_end = read_top(doc, lines, v)
    doc.whole_copy = find_whole_copy(lines, banner_idx, source.text, v)
    footer = bn.footer(lines, v)
    if footer is not None and (doc.banner is None or footer.span != doc.banner.span):
        doc.footer = footer
    first = banner_idx + 1 if banner_idx is not None else header_end
    body_idx = read_fields(doc, lines, first, banner_idx, v)
    text = source.text
    doc.body_start = lines[body_idx].start if body_idx < len(lines) else len(text)
    doc.partial = memo.search_head(v.partial_notice_re, text, min(len(text), doc.body_start + PARTIAL_NOTE_REACH),
                                   source.low())
    _read_whole_copy(doc, lines, v)
    drop_csv_debris(doc, v)
    doc.refs = split_refs(doc.refs, doc.text, v, doc.repairs)
    segment(doc, lines[:archive_row(doc, lines, body_idx, v)], body_idx, is_marked(doc, v), v)
    note_wrapped_years(doc)
    read_heading_glued(doc, v)
    note_wrapped_numbers(doc)
    note_glued_subjects(doc, v)
    drop_cut_paragraphs(doc, v)
    settle_copy(doc, v)
    drop_repeated_paragraphs(doc)
    settle_split(doc)
    _finish(doc, v)
    return doc


def _read_whole_copy(doc: Document, lines: list[Line], v: Vocabulary) -> None:
    """Classified By, REF and SUBJECT cut short in a first copy, read again from
    the file's whole copy (doc.whole_copy) with the repairs that say so."""
    text, copy = doc.text, doc.whole_copy
    again = whole_clby(doc.classified_by, lines, v, text, copy) if doc.classified_by else None
    if again:
        doc.classified_by = again.value
        doc.repairs.extend(again.repairs)
    refs = (whole_refs(doc.refs, lines, v, text, copy, doc.post) if doc.refs
            else copy_refs(lines, v, text, copy, doc.body_start or 0, doc.post))
    if refs:
        doc.refs, note = refs
        doc.repairs.append(note)
    sub = whole_subject(doc.subject, lines, v, text, copy)
    if sub:
        doc.subject, notes = sub
        doc.repairs.extend(notes)


def _finish(doc: Document, v: Vocabulary) -> None:
    """What needs the whole document read: placeholders, separators (spans are
    final now: a banner's span grows to the end of its line), shape, dates."""
    for m in memo.find_any(v.placeholder_re, v.placeholder_patterns, doc.text, doc.body_start or 0,
                             doc.source.low()):
        doc.placeholders.append(Token(m.group(0), Span(m.start(), m.end())))
    text = doc.text
    marks = doc.banners + [doc.footer, doc.subject_portion] + [p.portion for p in doc.paragraphs]
    for mk in marks:
        if mk is not None:
            raw = text[mk.span.start:mk.span.end]
            mk.separators = marking_separators(raw, mk.span.start) if "/" in raw else []
    doc.shape = shape_of(doc, v)
    h = doc.header
    dtg = CableDate(h.dtg_date, "dtg", h.dtg.span) if h and h.dtg and h.dtg_date else None
    doc.date_evidence = evidence(doc.text, doc.path, dtg, doc.body_start, doc.shape in ("capco", "cui"),
                                 doc.source.low())
    note = archive_date_note(doc.text, doc.date_evidence[0]) if doc.date_evidence else None
    if note is not None:
        doc.repairs.append(note)
