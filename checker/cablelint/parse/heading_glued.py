"""The repair `heading-glued-paragraph`: a paragraph run onto the line of the
heading over it, its number written without a dot ("Haiti ----- 4 (C) The
Ambassador briefed ...").

Some exports join a section heading, its rule of dashes and the paragraph
under it into one line. glued.py reads such a paragraph when its number keeps
its dot ("INVOLVEMENT ----- 3.(C/NF) ..."); without the dot nothing read it,
so the paragraph and its mark were lost and the numbering seemed to skip one.
A bare number followed by a mark is common in prose ("Table 4 (C) lists ...",
"reasons 1.4 (C)"), so each part of the shape must be there: at a line's
start a heading (a few words, `lines.is_heading`), a rule of at least three
dashes, the number, a portion mark right after it and text after that; the
number must be the one the body's numbering expects (one past the paragraph
before the line, 1 when none is before it) and the next numbered paragraph
must go on from it (or none follows before the signature, when one was
before it). Run after the body is read (body.segment): the paragraph joins
doc.paragraphs in its place, the heading doc.headings, and the repair names
the number's span.
"""
from __future__ import annotations

import regex

from ..document import Document, Marking, Paragraph, Repair, Span, Token
from ..rx import rx
from ..vocabulary import Vocabulary
from . import memo
from .bodystate import TEXT_KEPT
from .lines import is_heading

# The end of a rule of dashes, the paragraph's number (its dot, if kept), its mark and text: a literal-led
# scan; what stands before it on the line is checked by HEAD_RE.
GLUED_AFTER_RULE_RE = rx(r"---[ \t]+(?P<num>\d{1,3})(?P<dot>\.?)[ \t]{0,3}"
                         r"\((?P<mark>[A-Za-z][A-Za-z/ -]{0,14})\)[ \t]+\S")
# A whole line's head up to the rule's end: blanks, a heading of at most ten words (none a rule), the rule
# (one run of dashes or more, a blank between).
HEAD_RE = rx(r"[ \t]*(?P<head>[^\s-]\S*(?:[ \t]+[^\s-]\S*){0,9})[ \t]+-{3,}(?:[ \t]+-{3,})*")


def read_heading_glued(doc: Document, vocab: Vocabulary) -> None:
    """Each paragraph run onto its heading's line (the module's shape) read
    into doc.paragraphs with its mark, its heading into doc.headings, the
    repair `heading-glued-paragraph` recorded; nothing else changes."""
    text, start = doc.text, doc.body_start or 0
    if text.find("---", start) < 0:
        return
    for m in GLUED_AFTER_RULE_RE.finditer(text, start):
        line_start = text.rfind("\n", 0, m.start()) + 1
        head = HEAD_RE.fullmatch(text, line_start, m.start() + 3)  # the line up to the rule's last dashes
        if head is None or not is_heading(head["head"]) or line_start < start:
            continue
        number = int(m["num"])
        plan = memo.planned(vocab, m["mark"])
        if plan is None or not _fits(doc, line_start, m.start("num"), number):
            continue
        _add(doc, m, head, number, memo.placed(plan, m.start("mark")))


def _fits(doc: Document, line_start: int, at: int, number: int) -> bool:
    """Whether paragraph `number` at offset `at` fits the numbering exactly: no
    paragraph read on its line yet, one past the numbered paragraph before it
    (1 when none is), and the next numbered paragraph one past it, or none
    after it before the signature when one was before it."""
    line_end = doc.text.find("\n", at)
    line_end = len(doc.text) if line_end < 0 else line_end
    if any(line_start <= p.span.start < line_end for p in doc.paragraphs):
        return False
    numbered = [p for p in doc.paragraphs if p.number is not None and p.number_token is not None]
    before = [p for p in numbered if p.number_token.span.start < at]
    after = [p for p in numbered if p.number_token.span.start > at]
    if number != (before[-1].number + 1 if before else 1):
        return False
    if after:
        return after[0].number == number + 1
    return bool(before) and doc.signature is not None and at < doc.signature.span.start


def _add(doc: Document, m: regex.Match, head: regex.Match, number: int, portion: Marking) -> None:
    """Paragraph `number` (match `m`), its heading (match `head`) and the repair."""
    text = doc.text
    at, raw = m.start("num"), m["num"]
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    token = Token(str(number), Span(at, m.end("num")), raw)
    para = Paragraph(Span(at, at + len(text[at:line_end].rstrip())), number, token, portion,
                     text=text[m.start("mark") - 1:line_end].strip()[:TEXT_KEPT])
    doc.paragraphs = sorted([*doc.paragraphs, para], key=lambda p: p.span.start)
    h0, h1 = head.start("head"), head.end()
    doc.headings = sorted([*doc.headings, Token(text[h0:h1], Span(h0, h1))], key=lambda t: t.span.start)
    how = "" if m["dot"] else " (its number written without a dot)"
    doc.repairs.append(Repair("heading-glued-paragraph", para.number_token.span,
                              f"paragraph {number} and its mark read after the heading and rule of dashes run onto "
                              f"its line{how}"))
