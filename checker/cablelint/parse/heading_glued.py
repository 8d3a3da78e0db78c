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

import re

from ..document import Document, Marking, Paragraph, Repair, Span, Token
from ..vocabulary import Vocabulary
from . import memo
from .bodystate import TEXT_KEPT
from .lines import is_heading

# The end of a rule of dashes, the paragraph's number (its dot, if kept), its mark and text; what stands
# before it on the line is checked by `_heading`. The standard library's engine: its classes are ASCII
# here, so it reads the pattern as `regex` would, and it matches faster (glued.py's _GLUED_DOT_SCAN).
GLUED_AFTER_RULE_RE = re.compile(r"---[ \t]+(?P<num>[0-9]{1,3})(?P<dot>\.?)[ \t]{0,3}"
                                 r"\((?P<mark>[A-Za-z][A-Za-z/ -]{0,14})\)[ \t]+\S")
# At most this many words make the heading before the rule.
HEAD_WORDS_MAX = 10


def read_heading_glued(doc: Document, vocab: Vocabulary) -> None:
    """Each paragraph run onto its heading's line (the module's shape) read
    into doc.paragraphs with its mark, its heading into doc.headings, the
    repair `heading-glued-paragraph` recorded; nothing else changes."""
    text, start = doc.text, doc.body_start or 0
    for lo, hi in _gaps(doc, start):
        for m in _after_rules(text, lo, hi):
            line_start = doc.source.line_bounds(m.start())[0]
            head = _heading(text, line_start, m.start() + 3)  # the line up to the rule's last dashes
            if head is None or not is_heading(text[head.start:head.end]) or line_start < start:
                continue
            number = int(m["num"])
            plan = memo.planned(vocab, m["mark"])
            if plan is not None and _fits(doc, line_start, m.start("num"), number):
                _add(doc, m, head, number, memo.placed(plan, m.start("mark")))


def _gaps(doc: Document, start: int) -> list[tuple[int, int]]:
    """The stretches of text (offsets) where a paragraph may be missing that
    `_fits` would take: before paragraph 2 when it is the first one read (from
    `start`, the body's), between two that skip one number, after the last to
    the signature. Only these are searched (a search of the whole body cost
    as much as the rest of this module's work many times over)."""
    paras = [p for p in doc.paragraphs if p.number is not None and p.number_token is not None]
    if not paras:
        return []
    got = [(start, paras[0].span.start)] if paras[0].number == 2 else []
    got += [(a.span.start, b.span.start) for a, b in zip(paras, paras[1:]) if b.number == a.number + 2]
    if doc.signature is not None and doc.signature.span.start > paras[-1].span.start:
        got.append((paras[-1].span.start, doc.signature.span.start))
    return got


def _after_rules(text: str, lo: int, hi: int) -> list[re.Match]:
    """GLUED_AFTER_RULE_RE's matches between offsets `lo` and `hi`, one tried
    at the end of each run of dashes a blank follows."""
    got = []
    k = text.find("---", lo, hi)
    while k >= 0:
        e = k + 3
        while e < hi and text[e] == "-":
            e += 1
        if e < hi and text[e] in " \t":
            m = GLUED_AFTER_RULE_RE.match(text, e - 3, hi)
            if m is not None:
                got.append(m)
        k = text.find("---", e, hi)
    return got


def _heading(text: str, start: int, end: int) -> Span | None:
    """The heading's words in text[start:end], a line up to the end of its rule
    of dashes: blanks, one to HEAD_WORDS_MAX words (none opening with a dash),
    then the rule, one run of three dashes or more or several with blanks
    between; None when the line is not so made. (Plain string tests: a
    pattern compiled on first use cost more than the few lines it reads.)"""
    words = _words(text, start, end)
    n = len(words)
    while n and _is_rule(text[words[n - 1][0]:words[n - 1][1]]):
        n -= 1
    head = words[:n]
    if not 0 < n < len(words) or n > HEAD_WORDS_MAX or any(text[a] == "-" or not text[a:b].isprintable()
                                                           for a, b in head):
        return None
    return Span(head[0][0], head[-1][1])


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where the words of text[start:end] (runs of other characters than blanks and tabs) start and end."""
    words, k = [], start
    while k < end:
        if text[k] in " \t":
            k += 1
            continue
        j = k
        while j < end and text[j] not in " \t":
            j += 1
        words.append((k, j))
        k = j
    return words


def _is_rule(word: str) -> bool:
    """A run of three dashes or more."""
    return len(word) >= 3 and word.count("-") == len(word)


def _fits(doc: Document, line_start: int, at: int, number: int) -> bool:
    """Whether paragraph `number` at offset `at` fits the numbering exactly: no
    paragraph read on its line yet, one past the numbered paragraph before it
    (1 when none is), and the next numbered paragraph one past it, or none
    after it before the signature when one was before it."""
    line_end = doc.source.line_bounds(at)[1]
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


def _add(doc: Document, m: re.Match, head: Span, number: int, portion: Marking) -> None:
    """Paragraph `number` (match `m`), its heading (match `head`) and the repair."""
    text = doc.text
    at, raw = m.start("num"), m["num"]
    line_end = doc.source.line_bounds(at)[1]
    token = Token(str(number), Span(at, m.end("num")), raw)
    para = Paragraph(Span(at, at + len(text[at:line_end].rstrip())), number, token, portion,
                     text=text[m.start("mark") - 1:line_end].strip()[:TEXT_KEPT])
    doc.paragraphs = sorted([*doc.paragraphs, para], key=lambda p: p.span.start)
    h0, h1 = head.start, m.start() + 3  # the heading with its rule, as a heading on its own line is read
    doc.headings = sorted([*doc.headings, Token(text[h0:h1], Span(h0, h1))], key=lambda t: t.span.start)
    how = "" if m["dot"] else " (its number written without a dot)"
    doc.repairs.append(Repair("heading-glued-paragraph", para.number_token.span,
                              f"paragraph {number} and its mark read after the heading and rule of dashes run onto "
                              f"its line{how}"))
