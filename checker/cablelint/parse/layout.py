"""Lines of a page's layout that are not prose (issue 11): in a document
marked page by page (IC/CAPCO or CUI), a heading or a table row stands
between portions but is not one, so it needs no portion mark of its own.

A heading here is a title-case line (every word of four letters or more
capitalised) without a sentence's end; lines.is_heading already takes the
short and the upper-case ones. A table row has column separators: a `|`
between cells, or two or more runs of three blanks or a tab between words.
"""
from __future__ import annotations

from ..rx import rx

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
