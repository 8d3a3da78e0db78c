"""The portion marks of the body: where a paragraph's mark stands and how it
is read (right after the number, after a short label, a long REL TO list, the
whole-text mark of older cables, the mark opening a heading's first line).
body.py decides where paragraphs are; this module reads their marks."""
from __future__ import annotations

import regex

from ..document import Marking, Paragraph, Span, Token
from ..vocabulary import Vocabulary, lookup_key
from . import memo
from .lines import PORTION_RE, PORTION_START_RE, Line
from ..rx import rx

UNKNOWN_MARK_RE = rx(r"[A-Z]{1,3}(?:[/ -][A-Z ]+)?")
MALFORMED_MARK_RE = rx(r"\s*(?P<m>[A-Z]{1,3}(?:/[A-Z]{1,3})?)\)")
# A paragraph's own mark right after its number may be longer than one inside text (PORTION_RE).
LONG_MARK_MAX = 160
LONG_MARK_RE = rx(r"\(\s*(?P<mark>(?://)?[A-Za-z][^()\n]{59,%d}?)\s*\)" % (LONG_MARK_MAX - 1))
# A short label before the mark: "1. Summary: (C) ...", "2. Comment: (S) ...", "1. Summary.  (S/NF) ..."
# (one word before a period: "Mr. (C)" has too few letters).
LABEL_RE = rx(r"[ \t]*[A-Z](?:[A-Za-z]{2,15}(?: [A-Za-z]{2,15}){0,2}:|[A-Za-z]{3,15}\.)[ \t]*(?=\()")


_MARK = PORTION_RE.groupindex["mark"]


def paren_lost(key: str, vocab: Vocabulary) -> bool:
    """Whether a mark written without "(" still shows a known level or control:
    `C)`, `SBU)`, or a letter standing where the "(" was before a known level,
    `QU)` (a copy that wrote every character it could not render as Q; the
    level is still plain to a reader, so the mark is malformed, not unknown)."""
    if key in vocab.portion_level or key in vocab.portion_control:
        return True
    return len(key) > 1 and key[1:] in vocab.portion_level and key not in vocab.topic_labels


# A mark written bare after a short lead-in, ending the paragraph's first line:
# "2. BEGIN TEXT S//REL FRANCE:" (a level, `//` and a control, then the colon that ends
# the line: a prose line wrapped right after a mark, "2. WE SHARED THE S//NF", has none).
BARE_MARK_RE = rx(r"[ \t]*(?:[A-Z][A-Za-z-]{1,15}[ \t]+){1,3}?(?P<m>[A-Z]{1,2}//[A-Z][A-Z ,/-]{0,40}?)[ \t]*:[ \t]*$")


def bare_mark(text: str, after: int, off: int, vocab: Vocabulary) -> Marking | None:
    """A paragraph's mark written without parentheses after one to three words,
    `2. BEGIN TEXT S//REL FRANCE:`: the drafter marked the portion, in the
    wrong form (domain DOS-09: malformed). Form "bare", kept unparsed as a
    "paren-lost" mark is; only a known level with known controls counts."""
    m = BARE_MARK_RE.match(text, after)
    if m is None:
        return None
    mk = vocab.parse_portion(m["m"], 0)
    if mk is None or not mk.level or mk.unknown or lookup_key(m["m"].split("/")[0]) not in vocab.portion_level:
        return None
    return Marking(raw=m["m"], span=Span(off + m.start("m"), off + m.end("m")), form="bare")


def half_mark(text: str, after: int, off: int, vocab: Vocabulary) -> Marking | None:
    """A malformed mark right after a paragraph's number, `1. C)`, kept unparsed:
    form "paren-lost" when a known level or control lost its "(" (C), SBU), QU)),
    "malformed" otherwise (XY)); or one written bare after a short lead-in (bare_mark)."""
    bad = MALFORMED_MARK_RE.match(text, after)
    if bad is None:
        return bare_mark(text, after, off, vocab) if "//" in text else None
    lost = paren_lost(lookup_key(bad["m"]), vocab)
    return Marking(raw=bad["m"] + ")", span=Span(off + bad.start("m"), off + bad.end()),
                   form="paren-lost" if lost else "malformed")

def entire_text_mark(em: regex.Match, off: int) -> Marking:
    """`1. SECRET - ENTIRE TEXT.`: the whole-text mark of 1970s-80s
    cables, written without parentheses; it is paragraph 1's mark."""
    level = em["level"].upper()  # "1.Secret - Entire Text." too
    lt = Token(level, Span(off + em.start("level"), off + em.end("level")), em["level"])
    return Marking(raw=em["mark"], span=Span(off + em.start("mark"), off + em.end("mark")), level=level,
                   level_token=lt, controls=[Token("ENTIRE TEXT", Span(off + em.start("ctl"), off + em.end("ctl")),
                                                   em["ctl"])], form="portion")


def para_mark(line: Line, after: int, vocab: Vocabulary) -> tuple[Marking | None, regex.Match | None]:
    """The mark right after a paragraph's number (at `after`), and its match."""
    pm = PORTION_RE.match(line.text, after)
    if pm is not None:  # the common "1. (C) ...": the mark's group by number (by name regex takes ~0.4 us)
        return memo.portion(vocab, pm.group(_MARK), line.start + pm.start(_MARK)), pm
    if (long := LONG_MARK_RE.match(line.text, after)):
        # A paragraph's own mark with a long list ("(S/REL FRANCE, BRITAIN, ..., AND QATAR)"): its place
        # vouches for it; the vocabulary rules judge the list.
        got = vocab.parse_portion(long["mark"], line.start + long.start("mark"), longest=LONG_MARK_MAX)
        if got is not None:
            return got, long
    if lab := LABEL_RE.match(line.text, after):
        pm = PORTION_RE.match(line.text, lab.end())
    portion = memo.portion(vocab, pm.group(_MARK), line.start + pm.start(_MARK)) if pm else None
    if pm is None and (em := vocab.entire_text_re.match(line.text, after)):
        portion = entire_text_mark(em, line.start)
    return portion, pm


# A mark that ends a subject: "SUBJECT: TALKS ON TRADE (C)", set apart by a space
# (a plural "REQUIREMENT(S)", "TDY(S)" or a reference "1.4(C)", "ARTICLE 5(C)" is no mark).
END_MARK_RE = rx(r"(?<!\S)\(\s*([A-Za-z][^()\n]{0,30}?)\s*\)$")


def end_mark(text: str, end: int, vocab: Vocabulary) -> Marking | None:
    """The subject's mark written at its end (`end`: where `text`, its last line's
    end, stands in the document), a habit of some drafters (domain DOS-12 asks
    for a subject mark; where it stands does not make it none). Only a mark
    with a known level and no unknown token counts: "(ICSC)", "(Iceland)" are words."""
    body = text.rstrip()
    m = END_MARK_RE.search(body)
    if m is None:
        return None
    mk = vocab.parse_portion(m.group(1), end - len(body) + m.start(1))
    return mk if mk is not None and mk.level and not mk.unknown else None


def portion_start(text: str, off: int, vocab: Vocabulary) -> Marking | None:
    """lines.portion_start with the mark memoised (body lines meet it thousands of times)."""
    if "(" not in text[:12]:
        return None
    m = PORTION_START_RE.match(text)
    return memo.portion(vocab, m.group(1), off + m.start(1)) if m else None


# A lettered list's item label: "(a)", "(B)".
ITEM_RE = rx(r"[ \t]*\(([A-Za-z])\)")
# How many lines above a list item its previous item may open (blank lines and the item's wrapped text).
ITEM_LOOKBACK = 8


def next_item(lines: list[Line], i: int) -> bool:
    """Whether line i opens the next item of a lettered list ("(c)" after an item
    "(b)", "(s)" after "(r)"): the item's letter is no portion mark, even where
    it spells one (CONFIDENTIAL, SECRET, UNCLASSIFIED). The item before is
    the nearest line above that opens with a parenthesis, over blank lines and
    that item's wrapped text."""
    m = ITEM_RE.match(lines[i].text)
    if m is None:
        return False
    for j in range(i - 1, max(i - 1 - ITEM_LOOKBACK, -1), -1):
        if lines[j].text.lstrip(" \t")[:1] == "(":
            b = ITEM_RE.match(lines[j].text)
            return b is not None and ord(b[1]) + 1 == ord(m[1])
    return False


def block_mark(lines: list[Line], i: int, vocab: Vocabulary) -> Marking | None:
    """The mark that opens a block on line i (portion_start), unless the line is
    a lettered list's next item: an unclassified letter's "(a) ... (b) ... (c) ..."
    holds no CONFIDENTIAL portion."""
    line = lines[i]
    pmk = portion_start(line.text, line.start, vocab)
    return None if pmk is None or next_item(lines, i) else pmk


def heading_mark(line: Line, para: Paragraph, vocab: Vocabulary) -> bool:
    """`¶2. Afghanistan`, a rule of dashes, then `(C) The SYG ...`: the number
    heads the paragraph, and the mark opens its first line of text. True when
    the line carried that mark (it is then the paragraph's)."""
    mark = portion_start(line.text, line.start, vocab)
    if mark is None:
        return False
    para.portion = mark
    return True


def after_mark(text: str, at: int) -> int:
    """Past a portion mark at `at` ("1. (U) Classified By: ..."): where the text goes on."""
    pm = PORTION_RE.match(text, at)
    if pm is None:
        return at
    rest = text[pm.end():]
    return pm.end() + len(rest) - len(rest.lstrip())
