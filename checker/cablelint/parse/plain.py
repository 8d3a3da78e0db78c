"""Which body lines are plain prose (issue 15: the body stage's cost per line).

Most lines of a cable's body are running prose that no body recogniser can
take. body.py asks `is_plain` only of the lines its first-character gate
(`prose_by_lead`, which is_plain asks first too) cannot settle, and `_body_line` only of the
others: every test here is a cheap superset of what the recognisers need,
so no line they would take is passed over.
"""
from __future__ import annotations

from ..document import Document
from ..vocabulary import Vocabulary
from .bodystate import State
from .lines import Line

# A line's first character (after blanks) when is_plain may say no to a line without hot words,
# besides a digit and a banner's initial: a paragraph number's ¶ or [, a bullet, an opening
# parenthesis; or its second, a dot or parenthesis (a lettered item). Every other such line is plain.
MAY_ACT = frozenset("¶[-*\u2022(")
DOT_PAREN = (".", ")")
_PAIRS: dict[int, tuple[object, frozenset[str] | None]] = {}


def banner_pairs(vocab: Vocabulary) -> frozenset[str] | None:
    """The first two letters (upper case) of every banner level `vocab.banner_re`
    reads, or None when a level is shorter or does not start with two ASCII letters."""
    got = _PAIRS.get(id(vocab))
    if got is None or got[0] is not vocab.built:
        keys = list(vocab.banner_level)
        ok = all(len(k) >= 2 and k[:2].isascii() and k[:2].isalpha() for k in keys)
        got = _PAIRS[id(vocab)] = (vocab.built, frozenset(k[:2].upper() for k in keys) if ok else None)
    return got[1]


def may_be_banner(lead: str, pairs: frozenset[str] | None) -> bool:
    """Whether banner_re can match `lead` (a line less its leading blanks, that
    starts with a banner's initial): a level is written with at most one space
    between its letters, so its first two letters tell ("The", "said" cannot
    start one; "SE", "Co" can). A non-ASCII second letter may fold to an ASCII
    one when case is ignored: the pattern decides then."""
    if pairs is None:
        return True
    second = lead[1:2]
    if second == " ":
        second = lead[2:3]
    return not second.isascii() or (lead[:1] + second).upper() in pairs


def prose_by_lead(lead: str, st: State, initials: frozenset[str], pairs: frozenset[str] | None) -> bool:
    """Whether a line's first characters alone (`lead`: the line less its
    leading blanks, not empty) show it is prose, with no hot word in it:
    neither a digit nor a lettered item's dot or parenthesis, and a first
    character that starts nothing (MAY_ACT, a banner's `initials`) or a
    banner's initial whose first two letters start no level (`pairs`) while
    no heading's paragraph waits for its mark. body.py's gate and is_plain
    both ask it, so the gate can never pass over a line is_plain would keep."""
    c = lead[0]
    if lead[1:2] in DOT_PAREN or c.isdigit():
        return False
    if c in initials:
        return not st.heading_para and not may_be_banner(lead, pairs)
    return c not in MAY_ACT


def of_matters(text: str, st: State) -> bool:
    """Whether the " OF " in a line of prose (not after a blank line, opening
    with no digit, bullet or banner) can matter to `_body_line`: only a page
    mark ends the line with its page count (lines.PAGE_RE) or stands inside it
    (" OF 0"), a heading's paragraph waits for its mark, and a line indented
    with other blanks (U+2028) may hide a number or bullet (lines.para_start)."""
    if st.heading_para or " OF 0" in text or text.lstrip(" \t")[:1].isspace():
        return True
    tail = text.rstrip()
    if tail.endswith("\\"):
        tail = tail[:-1].rstrip()
    return tail[-1:].isdigit()


def is_plain(line: Line, doc: Document, st: State, vocab: Vocabulary, hot: bool = True) -> bool:
    """A line inside running prose that no body recogniser can take (a cheap
    test first, so that most lines meet no pattern): not after a blank line,
    no paragraph number, bullet mark, page or section mark, banner or
    Classified By. `_body_line` would do nothing with it. Without `hot`, the
    caller knows that the line holds none of textscan.HOT_WORDS (one scan of the body)."""
    text = line.text
    if st.prev_blank or st.marked:
        return False
    if hot and (" OF " in text or " of 0" in text or doc.classified_by is None and st.has("lassified", line)):
        return False
    lead = text.lstrip(" \t")
    if not lead:
        return False
    initials = vocab.banner_initials
    if prose_by_lead(lead, st, initials, banner_pairs(vocab)):
        return True
    c = lead[0]
    if c.isdigit() or c in "¶[" or st.numbered and (c in "-*\u2022(" or lead[1:2] in DOT_PAREN) and (
            "(" in text or st.heading_para):
        # A paragraph number, or a bullet that may carry its own mark (BULLET_MARK_RE: a "(" follows)
        # or stand under a heading's paragraph (heading_mark, or a line with letters ends its wait).
        return False
    if c == "(" and not st.numbered and st.blocks and st.blocks[-1].portion is not None:
        return False  # a marked block may open here (bodylines.run_on_block)
    if c in initials and (" " in lead[:4] or st.has("ection", line)):
        # A spaced or a section's banner: of such a line (no page mark, no number) `_body_line`
        # would only try banner_re, or end a heading's wait for its paragraph's mark.
        return not st.heading_para and (not may_be_banner(lead, banner_pairs(vocab))
                                         or vocab.banner_re.match(text) is None)
    return True

