"""Which body lines are plain prose (issue 15: the body stage's cost per line).

Most lines of a cable's body are running prose that no body recogniser can
take. body.py asks `is_plain` only of the lines its first-character gate
(`MAY_ACT`, `may_be_banner`) cannot settle, and `_body_line` only of the
others: every test here is a cheap superset of what the recognisers need,
so no line they would take is passed over.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import islice
from typing import Iterable

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
    c = lead[:1]
    if c.isdigit() or c in "¶[" or st.numbered and (c in "-*\u2022(" or lead[1:2] in DOT_PAREN):
        return False  # a paragraph number, or a bullet that may carry its own mark (BULLET_MARK_RE)
    if c in vocab.banner_initials and (" " in lead[:4] or st.has("ection", line)):
        # A spaced or a section's banner: of such a line (no page mark, no number) `_body_line`
        # would only try banner_re, or end a heading's wait for its paragraph's mark.
        return not st.heading_para and (not may_be_banner(lead, banner_pairs(vocab))
                                         or vocab.banner_re.match(text) is None)
    return True


_STARTS_RE: dict[int, tuple[object, re.Pattern]] = {}


def _starts_re(vocab: Vocabulary) -> re.Pattern:
    """The physical lines whose first two letters (after blanks) pass the gate
    of `_prose_body`: blank lines, lines that open with anything but an ASCII
    letter, lettered items ("a." "b)"), and lines that may open a banner (an
    initial and a second letter of `banner_pairs`, or any initial when the
    vocabulary's levels are too short to tell)."""
    got = _STARTS_RE.get(id(vocab))
    if got is None or got[0] is not vocab.built:
        pairs = banner_pairs(vocab)
        initials = "".join(sorted(c for c in vocab.banner_initials if c.isascii() and c.isalpha()))
        if pairs is None:
            banner = f"[{re.escape(initials)}]" if initials else "(?!)"
        else:
            # may_be_banner: the second letter after at most one blank; a non-ASCII one may fold to a pair's
            banner = "|".join(f"[{p[0]}{p[0].lower()}] ?(?:[{p[1]}{p[1].lower()}]|[^\\x00-\\x7f])" for p in sorted(pairs)) \
                or "(?!)"
        # From the line break before the line: a scan for a literal skips ahead at C speed (`^` tries every place).
        pattern = rf"\n[ \t]*(?:(?=\n)|\Z|[^A-Za-z\n]|[A-Za-z][.)]|{banner})"
        got = _STARTS_RE[id(vocab)] = (vocab.built, re.compile(pattern))
    return got[1]


def lines_to_read(doc: Document, lines: list[Line], start_idx: int, at: int, offsets: Iterable[int],
                  vocab: Vocabulary) -> set[int] | None:
    """The starts of the body's lines that `_prose_body` must read even after a
    line of prose (one scan of the body, not a gate per line): a superset of
    the lines its first-letter gate does not pass over, and the lines holding
    one of `offsets` (hot words, glued numbers). None when the body's lines are
    not its physical lines (a repair split or dropped one): each is read then."""
    phys = doc.source.line_starts
    j = bisect_left(phys, at)
    if phys[j:] != [ln.start for ln in islice(lines, start_idx, None)]:
        return None
    text = doc.text
    got = {m.start() + 1 for m in _starts_re(vocab).finditer(text, at - 1 if at else 0)}
    got.add(at)
    for off in offsets:
        got.add(text.rfind("\n", 0, off) + 1)
    return got
