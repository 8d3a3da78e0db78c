"""Detectors of export damage: what a web export did to a cable's text
(a cut or lower-cased copy, lost sections, an archive notice instead of
text; another cable's text is `damage_foreign.py`'s, a repeated body
`damage_repeat.py`'s).

Each detector is a pure function of the Document and its settings (from the
rule's YAML parameters) and returns a `Damage` or None. The evidence is counts
and line numbers, never the cable's text: a damaged file is reported once, as
what it is, and the findings that only follow from it are folded into that
finding (`fold.py`) instead of being blamed on the drafter.
"""
from __future__ import annotations

from typing import Any, Callable

from .damage_repeat import repeated_body
from .damage_loss import (
    cut_recopied, dropped_chars, elision_recurs, section_line as _section_line, section_unread, spliced,
)
from .damage_withheld import withheld
from .damage_foreign import foreign_text, tasked_body
from .damage_garble import garbled, garbled_label
from .damage_index import Damage, RawLines, elision_end, index_of
from .damage_index import line_no as _line_no, line_span as _line_span, lines_text as _lines_text
from .document import Document, Span
from .vocabulary import Vocabulary
from .source import first_text
from .rx import rx


# -- the banner line lost --------------------------------------------------------

def banner_lost(doc: Document, p: dict[str, Any]) -> Damage | None:
    """A routing header whose security line (ZNY SSSSS) states the level, and
    no banner line anywhere: the communications system never sent a telegram
    without its classification line, so the export dropped it."""
    sec = doc.header.security if doc.header else None
    if sec is None or doc.banner is not None or doc.banners:
        return None
    at = _line_no(doc, sec.span.start)
    return Damage(_line_span(doc, at), f"the transmission line on line {at} gives the level, "
                  "and no banner line follows")


# -- archive notices ------------------------------------------------------------

def notice(doc: Document, p: dict[str, Any]) -> Damage | None:
    """A notice the archive put in place of text (a partial extract, a
    cancellation): reported at its first line, with how many there are."""
    pat = p["_pattern"]
    if not index_of(doc).may_hold(pat):  # nearly every cable: no regex scan
        return None
    hits = pat.starts(doc.text, index_of(doc).low)  # (literals found by `find`; a `(?m)^` pattern tried at line starts)
    if not hits:
        return None
    lines = sorted({_line_no(doc, at) for at in hits})
    return Damage(_line_span(doc, lines[0]), _lines_text(lines))


# -- sections lost ----------------------------------------------------------------

def missing_sections(doc: Document, p: dict[str, Any]) -> Damage | None:
    """Sections lost inside the file: a `SECTION nn OF mm` banner whose earlier
    sections never appear (02 OF 03 with no 01), or a "Missing Section" notice.
    Sections after the last one seen are not counted: exports routinely drop
    the later section banners while keeping the text; nor is a section whose
    banner line is in the file though not read as a banner."""
    marks = [s for s in doc.sections if getattr(s, "kind", "banner") == "banner" and 0 < s.number <= s.total]
    seen = {s.number for s in marks}
    total = max((s.total for s in marks), default=0)
    missing = [n for n in range(1, max(seen, default=0)) if n not in seen and _section_line(doc.text, n, total) == -1]
    note = p.get("_notice")
    notes = note.starts(doc.text, index_of(doc).low) if note and index_of(doc).may_hold(note) else []
    if not missing and not notes:
        return None
    parts = []
    if missing:
        first = next(s for s in marks if s.number > missing[0])
        parts.append(f"section {first.number:02d} of {first.total:02d} (line {_line_no(doc, first.span.start)}) "
                     f"follows no section {', '.join(f'{n:02d}' for n in missing)}")
        span = _line_span(doc, _line_no(doc, first.span.start))
    if notes:
        lines = sorted({_line_no(doc, at) for at in notes})
        parts.append(f"a missing-section notice on {_lines_text(lines)}")
        if not missing:
            span = _line_span(doc, lines[0])
    return Damage(span, "; ".join(parts))


# -- a cut text -------------------------------------------------------------------

def truncated(doc: Document, p: dict[str, Any]) -> Damage | None:
    """The text stops inside a sentence: the words after the last full stop of
    its last line run on for `min_words` or more and end in a lower-case word
    (a signature or a closing line ends a whole cable). A trailing elision
    mark (`cut_mark`, the archive's "...") is looked past: the archive adds
    one after complete cables too; so is a metadata `trailer` the archive ran
    onto the last line (`",10/5/2006,"TITLE...`)."""
    raw = index_of(doc).lines
    last, marks, mark_line = 0, 0, 0
    for n in range(_archive_block(raw, p) or len(raw), 0, -1):  # from the end: only the last lines matter
        text = raw[n - 1].strip()
        if not text:
            continue
        if not p["_cut_mark"].fullmatch(text):
            last = n
            break
        marks, mark_line = marks + 1, n
    if not last:
        return None
    if p.get("_recopy") is not None and p["_recopy"].search(raw[last - 1]):
        return _cut_before_stub(doc, raw, last, p)
    trailer = p.get("_trailer")
    if trailer is not None and ("," in text) and (cut := trailer.search(text)):
        text = text[:cut.start()]  # the archive's metadata run onto the last line: the text ends there
    tail = _SENTENCE_END.split(text + " ")[-1].strip()
    words = tail.split()
    if len(words) < p.get("min_words", 4) or not _LOWER_WORD.fullmatch(words[-1]):
        return None
    after = f", followed by an elision mark on line {mark_line}" if marks else ""
    return Damage(_line_span(doc, last), f"the last line of text ({last}) stops in mid-sentence{after}")


def _cut_before_stub(doc: Document, raw: RawLines, last: int, p: dict[str, Any]) -> Damage | None:
    """The file ends with the cable's header written again up to its first
    fields (`recopy`: the banner with E.O. and TAGS run on), after a body line
    that ends in a word run into an elision mark (`cut_line`: "1. (U) This is
    an..."): the export cut the text there, and the stub after it holds none
    of what was cut. A cut before the body, or in a header line the body
    seems to start with, is CL909's."""
    prev = next((m for m in range(last - 1, max(0, last - 4), -1) if raw[m - 1].strip()), 0)
    cut = p.get("_cut_line")
    if not prev or prev < index_of(doc).body_line or cut is None or not cut.rx.search(raw[prev - 1].rstrip()):
        return None
    lo, hi = doc.source.line_span(prev)
    if prev == index_of(doc).body_line and not any(lo <= q.span.start < hi and (q.number or q.portion)
                                                   for q in doc.paragraphs):
        return None  # a cut header line ("R...") read as the body's start: CL909's
    return Damage(_line_span(doc, prev), f"line {prev} ends in an elision mark, and only the header follows "
                  f"(line {last}, the cable started again up to its first fields)")


def _archive_block(raw: RawLines, p: dict[str, Any]) -> int:
    """The line before an archive's metadata row (`archive_row`: "0 05/15/2008
    3797 TAGS TITLE ...", on a line of its own) among the last `archive_reach`
    lines of text, 0 if none. The row and what follows it (a summary or an
    excerpt of a paragraph, cut at a fixed length) are the archive's, written
    after the cable: the cable's own text ends before the row."""
    row = p.get("_archive_row")
    if row is None:
        return 0
    seen = 0
    for n in range(len(raw), 0, -1):
        text = raw[n - 1].strip()
        if not text:
            continue
        if row.match(text):
            return n - 1
        seen += 1
        if seen >= p.get("archive_reach", 3):
            return 0
    return 0


def header_cut(doc: Document, p: dict[str, Any], vocab: Vocabulary | None = None) -> Damage | None:
    """The export cut a header field short: a line before the body (within
    the first `max_line` lines) that ends in a word run into an elision mark
    ("Classified By: Am...", "R..."). What followed the cut (the rest of the
    field, often the Classified By line) was lost, or comes only in a glued
    copy of the header further on. The body's first line counts too when the
    cable starts again right after it (`_header_read_as_body`). Dots that a
    later copy writes too after the same words are the drafter's
    (`elision_recurs`): no cut there."""
    src, idx = doc.source, index_of(doc)
    if not idx.may_hold(p["_cut_line"]):  # no elision mark in the file: nine cables in ten
        return None
    last = min((idx.body_line or src.line_count + 1) - 1, p.get("max_line", 60), src.line_count)
    last += last == idx.body_line - 1 and _header_read_as_body(doc, idx.body_line, p)
    if not p["_cut_line"].possible(idx.through(last)):  # nor in the header
        return None
    for n in range(1, last + 1):
        if p["_cut_line"].rx.search(src.line_text(n)) and not _resumed(src, n, p, vocab) \
                and not elision_recurs(doc, n, p, vocab):
            at = _resumes_at(src, n, p)
            # What the cut cost (`lost_note`, `resumed_note` with the line the header goes on at): the message's words.
            note = p.get("resumed_note", "").format(line=at) if at else p.get("lost_note", "")
            return Damage(_line_span(doc, n), f"line {n} ends in an elision mark" + (f"; {note}" if note else ""),
                          _cut_region(doc, n, p))
    return None


def _resumes_at(src: Any, n: int, p: dict[str, Any]) -> int | None:
    """The next line of text after line `n` when it opens a header field whole
    (`resumes`: "REF: A. ROME 0472..." then "Classified By: ..."), else None:
    the header goes on there, and only what stood between was lost."""
    resumes = p.get("_resumes")
    nxt = next((m for m in range(n + 1, src.line_count + 1) if src.line_text(m).strip()), None)
    if resumes is None or nxt is None or resumes.match(src.line_text(nxt).lstrip()) is None:
        return None
    return nxt


def _cut_region(doc: Document, n: int, p: dict[str, Any]) -> Span | None:
    """What the cut on line `n` can have taken: the file up to the next line of
    text when that line opens a header field whole (`resumes`: "REF: A. ROME
    0472..." then "Classified By: ..."), so that field's own findings (a
    Classified By that gives no reason) stay the drafter's; else the file
    through the line of the first numbered paragraph after the cut (a copy
    that starts again at paragraph 3: the paragraphs before went with the
    cut), or the whole file when none follows."""
    src = doc.source
    nxt = _resumes_at(src, n, p)
    if nxt is not None:
        return Span(0, src.line_span(nxt)[0])
    cut = src.line_span(n)[1]
    first = next((q.span.start for q in doc.paragraphs if q.number is not None and q.span.start > cut), None)
    return None if first is None else Span(0, src.line_span(_line_no(doc, first))[1])


def _header_read_as_body(doc: Document, n: int, p: dict[str, Any]) -> bool:
    """Line `n`, where the body seems to start, opens no paragraph with a
    number or a portion mark, and the next line of text starts the cable
    again (`recopy`: the banner with header fields run on): a header line
    the cut left ("R...", a REF item "C. USNATO 276..."), read as the body's
    start (with a whole copy after it, CL911 folds this finding)."""
    recopy, src = p.get("_recopy"), doc.source
    if recopy is None or n > src.line_count:
        return False
    nxt = next((m for m in range(n + 1, min(src.line_count, n + 3) + 1) if src.line_text(m).strip()), None)
    if nxt is None or not recopy.search(src.line_text(nxt)):
        return False
    lo, hi = src.line_span(n)
    return not any(lo <= q.span.start < hi and (q.number is not None or q.portion is not None) for q in doc.paragraphs)


def _resumed(src: Any, n: int, p: dict[str, Any], vocab: Vocabulary | None) -> bool:
    """Line `n` is an elision mark alone and the next line of text opens a
    header field (`resumes`: REF, Classified By...): the header goes on whole
    after the mark, so nothing after it was cut. A mark run into a word
    ("Classified By: Am...") cut that field, whatever follows."""
    return bool(elision_end(vocab).match(src.line_text(n).strip())) and _resumes_at(src, n, p) is not None


def header_glued(doc: Document, p: dict[str, Any]) -> Damage | None:
    """The export ran the header's lines together: a line before the body
    (within `max_line` lines) holds two different field labels (`pattern`,
    one match per label: E.O., TAGS, SUBJECT...; a `label` group, if any, is
    the label), or the banner line goes on
    into a field, or a field starts after another header line's text
    (`run_on`: "SIPDIS ... E.O. 12958: DECL: ..."). Each field of a telegram header has its own line, so the
    fields this export lost (most often SUBJECT) are not the drafter's."""
    src, idx = doc.source, index_of(doc)
    mid = bool(doc.body_start) and src.line_col(doc.body_start)[1] > 1  # the body starts inside a run-together line
    block = idx.through(min((idx.body_line or src.line_count + 1) - (not mid), p.get("max_line", 60), src.line_count))
    found: dict[int, list[Any]] = {}  # one pass over the header block; no match spans two lines
    for m in p["_pattern"].rx.finditer(block):
        found.setdefault(idx.line_of(m.start()), []).append(m)
    run_on = {idx.line_of(m.start()) for m in p["_run_on"].rx.finditer(block)} if "_run_on" in p else set()
    banner_lines = {_line_no(doc, b.span.start) for b in doc.banners} if found else set()
    named = "label" in p["_pattern"].rx.groupindex  # the label looked behind: the match is its colon
    same = p.get("_same_field") or {}
    labels = {n: {_label_key((m.group("label") if named else None) or m.group(0), same) for m in ms}
              for n, ms in found.items() if len(ms) > 1 or n in banner_lines}  # one label alone: not glued
    glued = sorted(run_on | {n for n, got in labels.items() if len(got) + (n in banner_lines) >= 2})
    if not glued:
        return None
    detail = f"{_lines_text(glued)} hold{'s' if len(glued) == 1 else ''} more than one header field"
    cut = _subject_cut_at(doc, glued, p.get("_dangling") or frozenset())
    if cut:
        detail += f"; the SUBJECT on line {cut} breaks off on a word that cannot end it, the next field right after"
    return Damage(_line_span(doc, glued[0]), detail)


_NON_WORD = rx(r"\W")
_WORDS = rx(r"[A-Za-z']+")


def _label_key(label: str, same: dict[str, str]) -> str:
    """A field label as compared: its first four letters, upper case, one key
    for labels of one field (`same_field`)."""
    key = _NON_WORD.sub("", label).upper()[:4]
    return same.get(key, key)


def same_field_keys(groups: list[Any]) -> dict[str, str]:
    """`same_field`: lists of labels that name one field between them (the
    Classified By line naming its Derived From source: one authority block,
    CFR-08), as a map from each label's key to its group's first."""
    if not all(isinstance(g, list) and len(g) >= 2 for g in groups):
        raise ValueError("`same_field` is a list of label lists, each of two or more labels")
    keys = [[_label_key(str(label), {}) for label in g] for g in groups]
    return {k: g[0] for g in keys for k in g}


def _subject_cut_at(doc: Document, glued: list[int], dangling: frozenset[str]) -> int | None:
    """The line where the SUBJECT, on one of the `glued` lines, ends on a word
    that cannot end a title (`dangling`: THAN, THE, OF...) with another
    field after it on that line: where the export ran the lines together it
    lost the SUBJECT's last words too. None when the SUBJECT ends whole."""
    sub = doc.subject
    if sub is None or not dangling:
        return None
    n = _line_no(doc, sub.span.end)
    if n not in glued or not doc.text[sub.span.end:_line_span(doc, n).end].strip():
        return None
    words = _WORDS.findall(sub.value)
    return n if words and words[-1].upper() in dangling else None


# -- a lower-cased copy -----------------------------------------------------------

def lower_case(doc: Document, p: dict[str, Any]) -> Damage | None:
    """The whole text is lower case, where a cable's banner, E.O. line and
    TAGS are upper case: at most `max_upper` of its letters are capitals."""
    limit = p.get("max_upper", 0.02) * len(doc.text)
    utf8 = index_of(doc).utf8  # no other character's UTF-8 holds an A-Z byte
    head = utf8[:int(limit) * 8]  # the header's capitals alone are enough in most cables: a fifth of the text read
    if len(head) - len(head.translate(None, _ASCII_UPPER)) > limit:
        return None
    if len(utf8) - len(utf8.translate(None, _ASCII_UPPER)) > limit:  # a lower bound, in C: most other cables
        return None
    upper = len(_UPPER.findall(doc.text))
    if upper > limit:  # most cables: no need to count the letters
        return None
    letters = len(_LETTER.findall(doc.text))
    if letters < p.get("min_letters", 200) or upper / letters > p.get("max_upper", 0.02):
        return None
    return Damage(_line_span(doc, _first_line(doc)), f"{upper} of {letters} letters are capitals")


_UPPER = rx(r"\p{Lu}")
_LOWER_WORD = rx(r"[a-z]+,?")
_SENTENCE_END = rx(r"[.!?:;\"')\]]\s")
_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_LETTER = rx(r"\p{L}")


def _first_line(doc: Document) -> int:
    at = first_text(doc.source)
    return doc.source.line_col(at[0])[0] if at else 1


DETECTORS: dict[str, Callable[..., Damage | None]] = {
    "foreign_text": foreign_text,
    "banner_lost": banner_lost,
    "notice": notice,
    "missing_sections": missing_sections,
    "truncated": truncated,
    "header_cut": header_cut,
    "header_glued": header_glued,
    "lower_case": lower_case,
    "repeated_body": repeated_body,
    "cut_recopied": cut_recopied,
    "withheld": withheld,
    "dropped_chars": dropped_chars,
    "section_unread": section_unread,
    "spliced": spliced,
    "tasked_body": tasked_body,
    "garbled": garbled,
    "garbled_label": garbled_label,
}
