"""Stage 3 step `whole_copy`: where the file writes the cable out again, found once.

Many exports hold a first copy of the cable, damaged (cut at a fixed length with
"..." run into the last word, its header cut short), then the archive's metadata
(an `id:` block, a CSV row with the routing lines in one field) and the whole
cable written again. This step finds where that whole copy starts, once, and
records it as `Document.whole_copy`; what reads a field from the whole copy
uses the record, and each use is recorded as the repair `whole-copy`.

Six places each found the copy their own way before; how they differed, and
why the one definition below covers them:

- clby.whole_copy (Classified By) and refs.whole_refs (REF) took the first
  Classified By / REF line within 80 lines after the cut field, with no sign
  that the cable started again. In the corpus each such line follows the banner
  written again; in three cables only over a line break inside a CSV row's
  field (`","S E C R E T SECTION 01 OF 03 THE` / `HAGUE 000579`, invented), hence the
  wrap allowed below. They now look from the copy's start on (a Classified By
  line of an archive's metadata before it is no copy's).
- subject_copy._copy_start (SUBJECT) required the banner's line word for word
  at a line's start or at the start of a CSV field after `","` (a row whose
  routing lines run on in the same line), within 80 lines after the cut, the
  SUBJECT after it: this step's definition, with the wrap allowed.
- paragraph_copy._header_between (a cut paragraph left out) required an E.O. or
  SUBJECT line (or the E.O. order glued on a line) between the cut paragraph
  and its whole copy: the header written again, told by its fields. The copy's
  start between the two paragraphs says the same, and a quoted cable's
  SUBJECT line no longer stands for it.
- damage_loss._banner_again (CL911) required the banner's line word for word
  at a line's start (after blanks, quotes and commas: `","C O N F...`) within
  `banner_reach` lines after the cut, on the file's raw lines (the parser's
  lines differ only where a run-on header line was split, after the banner's
  words). It missed a copy opened inside a CSV row after its routing lines or
  wrapped there: 6 cables of the corpus change from CL909 (or nothing) to
  CL911, each read against the cable when this step came in. The
  reach stays the rule's parameter (damage_loss._copy_line). Its other test,
  `recopy` (the next line is a banner with the header fields glued on), is
  the rule's data, and damage_loss._written_again asks whether the copy holds
  the cut's words, not where it starts: both stay with the rule.
- banner.banner_again (header.py) lists a section banner met among the header
  fields (an export's run-on copy of the header) in doc.banners: it reads the
  banner's marking, whichever copy holds it; it finds no copy and keeps its
  job (in the corpus each line it lists is the whole copy's start).

The definition: the first place after the first copy's banner line that opens
with that line written again word for word, blanks and line breaks between
the words aside and in any case (a lower-cased first copy's banner), at a
line's start or a CSV field's. Only a banner line that names the cable (its
serial: a digit) counts: a bare "SECRET" recurs as a page mark. A banner
written again after a quote opener ("QUOTE:", "BEGIN TEXT") is the drafter's,
in a cable they quote: no copy. Each reader keeps its own reach (lines after
the cut) as a parameter. Whether the copy's text goes on from where a cut
stopped (its words, the last one a prefix, then more) is one test too,
`goes_on`, for the SUBJECT and paragraph readers (subject_copy._goes_on and
paragraph_copy's own comparison before). With these, no Classified By, REF,
SUBJECT or paragraph read changed on the corpus or the synthetic corpus.

Once the body is read, `settle_copy` makes the two copies one cable for
what is listed once per cable: the first copy's section banner that the copy
writes again (the same line, so the same section) is not counted twice, and
the repair `cut-copy` names the line where the first copy was cut short, and
whether the copy goes on past the cut's words ("written again whole"), so
`inspect` shows which text stands for the cable. A header written twice with
no cut (the repair `banner-again`) counts its section once too.
"""
from __future__ import annotations

import bisect

import regex

from ..document import Document, Repair, Span, WholeCopy
from ..rx import rx
from ..vocabulary import Vocabulary
from .labels import labels
from .lines import Line

# How far (lines) after a cut field its whole copy is looked for (Classified By, REF, SUBJECT).
WHOLE_COPY_REACH = 80
# A quoted cable's opener before its banner: the drafter's quote, no copy.
QUOTE_OPENER_RE = rx(r"(?i)(?:\bBEGIN\s+(?:TEXT|QUOTE)|\bQUOTE)\s*:?\s*$")
# How far back (characters) a quote opener is looked for.
QUOTE_REACH = 40
# What may stand between a line's start or a CSV field's `","` and the banner written again.
_OPENER_CHARS = frozenset(' \t",')
_DIGITS_RE = rx(r"\d+")
# How many of the cut line's last words the whole copy must write again (the cut one as a prefix) ...
CUT_WORDS = 3
# ... with at least this many letters after them: it goes on where the first copy stopped.
CUT_GOES_ON = 40


def find_whole_copy(lines: list[Line], banner_idx: int | None, text: str) -> WholeCopy | None:
    """The first place after the banner's line (line `banner_idx`) that opens
    with that line written again word for word, blanks and line breaks aside:
    at a line's start (after blanks, quotes, commas) or at a CSV field's after
    `","`, and not after a quote opener. None when there is none. Each place
    where the digits of the line's longest word holding one (its serial) are
    written again is tried (a pattern of the cable's words, compiled for each
    cable, cost 1.2 ms in 4 cables of 10, more than the parse's other steps)."""
    if banner_idx is None:
        return None
    line = lines[banner_idx]
    words = line.text.split()
    serial = max((w for w in words if any(c.isdigit() for c in w)), key=len, default="")
    if not serial:
        return None
    j = words.index(serial)
    digits = max(_DIGITS_RE.findall(words[j]), key=len)
    off, after = words[j].index(digits), line.start + len(line.text)
    words = [w.lower() for w in words]
    at = text.find(digits, after)
    while at >= 0:
        got = _written_again(text, at - off, words, j) if at >= off else None
        if got is not None and QUOTE_OPENER_RE.search(text, max(0, got[0] - QUOTE_REACH), got[0]) is None:
            return WholeCopy(Span(line.start, after), Span(*got))
        at = text.find(digits, at + 1)
    return None


def _written_again(text: str, at: int, words: list[str], j: int) -> tuple[int, int] | None:
    """The span of `words` (in lower case) written again in any case with
    their word `j` at offset `at`, blanks between (one at least), opening a
    line or a CSV field; or None."""
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
    q = start
    while q > 0 and text[q - 1] in _OPENER_CHARS:
        q -= 1
    return (start, end) if q == 0 or text[q - 1] == "\n" or '","' in text[q:start] else None


def copy_lines(copy: WholeCopy | None, lines: list[Line], cut_end: int, reach: int = WHOLE_COPY_REACH) -> range:
    """The indexes of `lines` where a field cut short at offset `cut_end` is
    read again: from the whole copy's first line to `reach` lines after the
    cut field's; empty when no copy starts after the cut within that reach."""
    if copy is None:
        return range(0)
    starts = [ln.start for ln in lines]
    lo = bisect.bisect_left(starts, cut_end)
    at = bisect.bisect_right(starts, copy.again.start) - 1
    return range(at, min(len(lines), lo + reach)) if at >= lo else range(0)


def goes_on(stem: str, whole: str) -> bool:
    """Whether `whole` starts with the words of `stem` (what a cut copy held
    before its elision mark, the last word a prefix: the cut may fall inside a
    word) and says more, pilcrows, blanks and case aside: the whole copy's
    text of what was cut."""
    a, b = (" ".join(t.replace("¶", " ").split()).upper() for t in (stem, whole))
    return bool(a) and b.startswith(a) and len(b) > len(a)


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
    src = doc.source
    again_line = src.line_col(copy.again.start)[0]
    twice = [s for s in doc.sections if s.kind == "banner" and copy.banner.start <= s.span.start < copy.banner.end]
    twice = [s for s in twice if any(t.kind == "banner" and (t.number, t.total) == (s.number, s.total)
                                     and copy.again.start <= t.span.start < copy.again.end for t in doc.sections)]
    if twice:
        doc.sections = [s for s in doc.sections if s not in twice]
    once = "".join(f"; section {s.number} of {s.total} counted once (its banner on line "
                   f"{src.line_col(s.span.start)[0]} written again)" for s in twice)
    elision = labels(vocab).elision_end
    cut = _cut_line(doc.text, copy, elision)
    if cut is not None:
        whole = " whole" if _goes_on_after(doc.text, cut, copy.again.start, elision) else ""
        doc.repairs.append(Repair("cut-copy", cut, f"the first copy is cut short here; the cable is written "
                                  f"again{whole} from line {again_line}{once}"))
    elif twice:
        doc.repairs.append(Repair("banner-again", copy.again, f"the cable is written again from line {again_line}{once}"))


def _cut_line(text: str, copy: WholeCopy, elision: regex.Pattern) -> Span | None:
    """The span of the last line between the first copy's banner line and the
    whole copy's start that ends in an elision mark (`elision`); None when there is none."""
    end = text.rfind("\n", copy.banner.end, copy.again.start)
    while end > copy.banner.end:
        start = text.rfind("\n", copy.banner.end, end) + 1
        line = text[start:end].rstrip("\r")
        if line.strip() and elision.search(line):
            return Span(start, start + len(line.rstrip()))
        end = start - 1
    return None


def _goes_on_after(text: str, cut: Span, at: int, elision: regex.Pattern) -> bool:
    """Whether the text from offset `at` on writes the last words of the cut
    line `cut` again (the cut word as a prefix, blanks, case and pilcrows
    aside) and goes on past them (CUT_GOES_ON letters): the copy holds what
    the cut took."""
    lo = cut.start  # a line of dots alone: the words of the line before it with any
    words = elision.sub("", text[lo:cut.end]).replace("¶", " ").split()
    while not words and lo > 0:
        lo = text.rfind("\n", 0, lo - 1) + 1
        words = text[lo:cut.start].replace("¶", " ").split()
    words = words[-CUT_WORDS:]
    if not words:
        return False
    # the words are the cable's: compiled here (regex's own cache), not kept in the rx() memo
    said = regex.compile(r"(?<!\w)" + r"\s+".join("¶?" + regex.escape(w) for w in words), regex.IGNORECASE)
    m = said.search(text, at)
    return m is not None and len("".join(text[m.end():m.end() + 4 * CUT_GOES_ON].split())) >= CUT_GOES_ON
