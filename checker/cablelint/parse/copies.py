"""Stage 3 step `whole_copy`: where the file writes the cable out again, found once.

Many exports hold a first copy of the cable, damaged (cut at a fixed length with
"..." run into the last word, its header cut short), then the archive's metadata
(an `id:` block, a CSV row with the routing lines in one field) and the whole
cable written again; some write the header twice before the first copy's text.
This step finds each place after the banner where its line is written again
(`Document.whole_copy`), and each reader of a field cut short (Classified By,
REF, SUBJECT, a paragraph) and CL911 takes the first one after its cut, within
its own reach: one definition instead of the five the readers had (`git log
-- parse/copies.py` tells how they differed). It is narrower than they were: the banner's line must be
written again word for word (any case, blanks and line breaks between words
aside), so a copy whose banner is written in another form (letter-spaced in one
copy only) is not found, and a Classified By or REF line of an archive's
metadata before the copy is not read. Whether a copy's text goes on from where
a cut stopped is cutwords.py's (`goes_on`, `written_again`).

Once the body is read, `settle_copy` makes the two copies one cable for
what is listed once per cable: the first copy's section banner that the copy
writes again (the same line, so the same section) is not counted twice, and
the repair `cut-copy` names the line where the first copy was cut short, and
whether the copy goes on past the cut's words ("written again whole"), so
`inspect` shows which text stands for the cable. The copy it settles is the
first place the banner's line is written again after a cut (the first place
at all when nothing is cut: a header written twice, the repair `banner-again`,
counts its section once too).
"""
from __future__ import annotations

import bisect

import regex

from ..document import Document, Repair, Span, WholeCopy
from ..rx import rx
from ..vocabulary import Vocabulary
from .copy_captions import captions_once
from .cutwords import words_before_cut, written_again
from .labels import labels
from .lines import CLBY_RE, EO_RE, LINE_START, PARA_RE, Line
from .repair import RUN_ON_MARK_RE

# How far (lines) after a cut field its whole copy is looked for (Classified By, REF, SUBJECT).
WHOLE_COPY_REACH = 80
# How far back (characters) a quote opener is looked for before the banner written again.
QUOTE_REACH = 40
# What may stand between a line's start or a CSV field's `","` and the banner written again.
_OPENER_CHARS = frozenset(' \t",')
_DIGITS_RE = rx(r"\d+")
# The banner's last word going on in the text (a word character on both sides of its end).
_GLUED_RE = rx(r"\w\w")
# How many of the cut line's last words the whole copy must write again (the cut one as a prefix) ...
# (the parser's own limits: a parse reads no rule's parameters; CL911 has its own, rules/state.yaml)
CUT_WORDS = 3
# ... with at least this many letters after them: it goes on where the first copy stopped.
CUT_GOES_ON = 40


def find_whole_copy(lines: list[Line], banner_idx: int | None, text: str, vocab: Vocabulary) -> WholeCopy | None:
    """Each place after the banner's line (line `banner_idx`) where that line
    is written again word for word (`_banner_at`), not after a quote's opener
    (a cable the drafter quotes: `vocab`'s quote_begin_words, repeat_openers)
    and with more than routing lines after it (`_says_more`); None when there
    is none. Only a banner line that names the cable (a word with a digit: its
    serial) counts: a bare "SECRET" recurs as a page mark. Each place where the
    serial's digits are written again is tried (a pattern of the cable's words,
    compiled for each cable, cost more than the parse's other steps)."""
    if banner_idx is None:
        return None
    line = lines[banner_idx]
    words = line.text.split()
    serial = max([w for w in words if not w.isalpha() and any(map(str.isdigit, w))], key=len, default="")
    if not serial:
        return None
    j = words.index(serial)
    digits = max(_DIGITS_RE.findall(words[j]), key=len)
    off, after = words[j].index(digits), line.start + len(line.text)
    words = [w.lower() for w in words]
    opener = labels(vocab).quote_opener
    found: list[Span] = []
    at = text.find(digits, after)
    while at >= 0:
        got = _banner_at(text, at - off, words, j) if at >= off else None
        if got is not None and not _quoted(opener, text, got[0]):
            found.append(Span(*got))
        at = text.find(digits, at + 1)
    if not found:
        return None
    ends = [s.start for s in found[1:]] + [len(text)]
    again = tuple(s for s, end in zip(found, ends) if _says_more(text, lines, s.end, end, vocab))
    return WholeCopy(Span(line.start, after), again) if again else None


def _banner_at(text: str, at: int, words: list[str], j: int) -> tuple[int, int] | None:
    """The span of `words` (in lower case) written again in any case with
    their word `j` at offset `at`, blanks between (one at least), opening a
    line or a CSV field and ending where a word does ("OSLO 0001234" is
    another cable than "OSLO 000123"); or None."""
    start, end = at, at + len(words[j])
    if text[start:end].lower() != words[j]:
        return None
    for w in reversed(words[:j]):
        k = start
        while k > 0 and text[k - 1].isspace():
            k -= 1
        if k == start or k < len(w) or text[k - len(w):k].lower() != w:
            return None
        start = k - len(w)
    for w in words[j + 1:]:
        k = end
        while k < len(text) and text[k].isspace():
            k += 1
        if k == end or text[k:k + len(w)].lower() != w:
            return None
        end = k + len(w)
    if _GLUED_RE.match(text, end - 1):
        return None
    q = start
    while q > 0 and text[q - 1] in _OPENER_CHARS:
        q -= 1
    return (start, end) if q == 0 or text[q - 1] == "\n" or '","' in text[q:start] else None


def _quoted(opener: regex.Pattern, text: str, at: int) -> bool:
    """Whether a quote's opener (not a closer: "END QUOTE") ends just before offset `at`."""
    m = opener.search(text, max(0, at - QUOTE_REACH), at)
    return m is not None and m["end"] is None


def _says_more(text: str, lines: list[Line], lo: int, hi: int, vocab: Vocabulary) -> bool:
    """Whether a header field runs on after offset `lo` on its line
    (RUN_ON_MARK_RE), or a line starting between `lo` and `hi` is a header
    field (E.O., TAGS, SUBJECT, REF, Classified By) or a numbered paragraph:
    the cable goes on after its banner's line written again, where a trailing
    stub of routing lines stops."""
    eol = text.find("\n", lo)
    if RUN_ON_MARK_RE.search(text, lo, eol if eol >= 0 else len(text)):
        return True
    lab = labels(vocab)
    for i in range(bisect.bisect_left(lines, lo, key=LINE_START), bisect.bisect_left(lines, hi, key=LINE_START)):
        t = lines[i].text
        if (EO_RE.match(t) or PARA_RE.match(t) or CLBY_RE.match(t.lstrip()) or lab.tags.match(t)
                or lab.subject.match(t) or lab.ref.match(t)):
            return True
    return False


def copy_lines(copy: WholeCopy | None, lines: list[Line], cut_end: int, reach: int = WHOLE_COPY_REACH) -> range:
    """The indexes of `lines` where a field cut short at offset `cut_end` is
    read again: from the line of the first place after the cut where the
    banner's line is written again to `reach` lines after the cut field's;
    empty when there is none within that reach (one before the cut, a header
    written twice, is no copy of what the cut took)."""
    again = copy.after(cut_end) if copy is not None else None
    if again is None:
        return range(0)
    lo = bisect.bisect_left(lines, cut_end, key=LINE_START)
    at = bisect.bisect_right(lines, again.start, key=LINE_START) - 1
    return range(at, min(len(lines), lo + reach)) if at >= lo else range(0)


def settle_copy(doc: Document, vocab: Vocabulary) -> None:
    """Once the body is read: a section banner of the first copy that the whole
    copy writes again (the same line, so the same section) counts once, the
    copy's (as its fields and paragraphs are the cable's); and the repair
    `cut-copy` names the line where the first copy was cut short (the last
    line before the copy that ends in an elision mark), so a reviewer sees
    which text stands for the cable. `vocab`: its elision marks."""
    copy = doc.whole_copy
    if copy is None:
        return
    src, text = doc.source, doc.text
    elision = labels(vocab).elision_end
    cut, again = first_cut(copy, text, vocab)
    again_line = src.line_col(again.start)[0]
    twice = [s for s in doc.sections if s.kind == "banner" and copy.banner.start <= s.span.start < copy.banner.end]
    twice = [s for s in twice if any(t.kind == "banner" and (t.number, t.total) == (s.number, s.total)
                                     and again.start <= t.span.start < again.end for t in doc.sections)]
    if twice:
        doc.sections = [s for s in doc.sections if s not in twice]
    once = "".join(f"; section {s.number} of {s.total} counted once (its banner on line "
                   f"{src.line_col(s.span.start)[0]} written again)" for s in twice)
    once += captions_once(doc, cut, again)
    if cut is not None:
        whole = " whole" if _goes_on_after(text, cut, again.start, elision) else ""
        doc.repairs.append(Repair("cut-copy", cut, f"the first copy is cut short here; the cable is written "
                                  f"again{whole} from line {again_line}{once}"))
    elif once:
        doc.repairs.append(Repair("banner-again", again, f"the cable is written again from line {again_line}{once}"))


def first_cut(copy: WholeCopy, text: str, vocab: Vocabulary) -> tuple[Span | None, Span]:
    """The line where the first copy was cut short (None when none is) and the
    copy it settles: the first place the banner's line is written again after
    a cut line, else the first place (`vocab`: its elision marks)."""
    elision = labels(vocab).elision_end
    return next(((c, a) for a in copy.again if (c := _cut_line(text, copy.banner.end, a.start, elision))),
                (None, copy.again[0]))


def _cut_line(text: str, lo: int, hi: int, elision: regex.Pattern) -> Span | None:
    """The span of the last line between offsets `lo` (the first copy's banner
    line's end) and `hi` (a place its line is written again) that ends in an
    elision mark (`elision`); None when there is none."""
    end = text.rfind("\n", lo, hi)
    while end > lo:
        start = text.rfind("\n", lo, end) + 1
        line = text[start:end].rstrip("\r")
        if line.strip() and elision.search(line):
            return Span(start, start + len(line.rstrip()))
        end = start - 1
    return None


def _goes_on_after(text: str, cut: Span, at: int, elision: regex.Pattern) -> bool:
    """Whether the text from offset `at` on writes the last words of the cut
    line `cut` again (CUT_WORDS of them, from the line before when it holds
    dots alone) and goes on past them (CUT_GOES_ON letters): the copy holds
    what the cut took (cutwords.py)."""
    return written_again(text, words_before_cut(text, cut.end, elision, 1, CUT_WORDS), at, CUT_GOES_ON)
