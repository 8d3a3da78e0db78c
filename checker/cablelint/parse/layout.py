"""Lines of a page's layout that are not prose (issue 11): in a document
marked page by page (IC/CAPCO or CUI), a heading or a table row stands
between portions but is not one, so it needs no portion mark of its own.

A heading here is a title-case line (every word of four letters or more
capitalised) without a sentence's end; lines.is_heading already takes the
short and the upper-case ones. A table row has column separators: a `|`
between cells, or two or more runs of three blanks or a tab between words.
The signature at a body's end (the last short all-letters line) is read here too.
"""
from __future__ import annotations

from ..document import Span, Token
from ..rx import rx
from ..vocabulary import Vocabulary
from .lines import Line, glued_signature, is_signature, is_trailer

# Longer than this a line is prose, whatever its case.
TITLE_MAX = 90
TITLE_WORDS_MAX = 14
# Words shorter than this may stay lower case in a title ("of", "and", "for", "the").
TITLE_SMALL = 4
COLUMN_GAP_RE = rx(r"\S(?: {3,}|\t+)(?=\S)")
COLUMN_GAPS_MIN = 2


def is_title(s: str) -> bool:
    """`Port Fees by Quarter and by Berth for the Harbor Office Review`."""
    if len(s) > TITLE_MAX or s.endswith((".", ",", ";", ":", "?", "!")):
        return False
    words = s.split()
    if not words or len(words) > TITLE_WORDS_MAX or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or not w[:1].isalpha() or len(w) < TITLE_SMALL for w in words)


def is_table_row(s: str) -> bool:
    """`North | 320 | 14`, `|-----|-----|`, or `North     320     14` (columns laid out with blanks)."""
    if s.count("|") >= 2 or (s.count("|") == 1 and not s.startswith("|") and not s.endswith("|")):
        return True
    return len(COLUMN_GAP_RE.findall(s)) >= COLUMN_GAPS_MIN


# Export lines after the signature ("====CABLE ENDS====", a TSV's closing quote): at most this many.
SIGNATURE_TAIL_LINES = 3


def signature(lines: list[Line], start_idx: int, vocab: Vocabulary) -> Token | None:
    """The signature: the last short all-letters line (before at most
    SIGNATURE_TAIL_LINES lines of punctuation or framed by it, an export's end),
    or one word run on after that line's last sentence (an export that lost the
    break; not before a framed notice, "* Missing Section 002 *": that text is cut)."""
    tail = 0
    framed = False
    for line in reversed(lines[start_idx:]):
        s = line.text.strip()
        if not s:
            continue
        if tail < SIGNATURE_TAIL_LINES and (is_trailer(s, vocab) or s[:1] == s[-1:] and not s[:1].isalnum()):
            tail += 1
            framed = framed or not is_trailer(s, vocab) and any(c.isalnum() for c in s)
            continue
        if is_signature(s):
            at = line.start + line.text.index(s)
            return Token(s, Span(at, at + len(s)))
        return None if framed else glued_signature(line, vocab)
    return None
