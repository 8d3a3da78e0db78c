"""Quoted material inside a paragraph (issue 9 item 5): the numbered
paragraphs of a letter or text a cable quotes are the quoted document's, not
the cable's own portions or paragraph numbering.

A quotation opens with "BEGIN TEXT" / "BEGIN QUOTE" on the line that
introduces it and closes at "END TEXT" / "END QUOTE"; a letter opens with its
salutation ("Dear Ms. Doe,") and closes at its complimentary close ("Yours
sincerely,") or an END TEXT. Only a quotation that is closed counts (a BEGIN
TEXT never closed ends where the next one begins); body.py takes it as quoted
only inside a paragraph of the cable (one is open).

The words are found with str.find in the lower-cased text and each place
checked with an anchored pattern: a regex scan of the whole text for them,
ignoring case, cost more than the rest of the body's reading.
"""
from __future__ import annotations

import regex

# Each pattern is matched (lower case) where its first word stands: (kind, word, pattern, at a line's start only).
EVENTS = (
    ("text", "begin", regex.compile(r"begin\s+(?:text|quote)\b"), False),
    ("letter", "dear", regex.compile(r"dear\s+[a-z][^\n]{0,60}[,:][ \t]*\r?$", regex.M), True),
    ("end", "end", regex.compile(r"end\s+(?:of\s+)?(?:text|quote)\b"), False),
    ("close", "yours", regex.compile(r"yours\s+(?:sincerely|faithfully|truly)[ \t]*[,.]?[ \t]*\r?$", regex.M), True),
    ("close", "very", regex.compile(r"very\s+truly(?:\s+yours)?[ \t]*[,.]?[ \t]*\r?$", regex.M), True),
    ("close", "sincerely", regex.compile(r"sincerely(?:\s+yours)?[ \t]*[,.]?[ \t]*\r?$", regex.M), True),
    ("close", "respectfully", regex.compile(r"respectfully(?:\s+yours)?[ \t]*[,.]?[ \t]*\r?$", regex.M), True),
)
OPENERS = ("text", "letter")


def _events(low: str, at: int, kinds: tuple[str, ...]) -> list[tuple[int, str, int]]:
    """(start, kind, end) of the words of `kinds` from `at`, each at a word's start."""
    out = []
    for kind, word, pattern, line_start in EVENTS:
        if kind not in kinds:
            continue
        i = low.find(word, at)
        while i >= 0:
            m = None
            if i == 0 or not (low[i - 1].isalnum() or low[i - 1] == "_"):
                m = pattern.match(low, i)
            if m and (not line_start or not low[low.rfind("\n", 0, i) + 1:i].strip(" \t")):
                out.append((i, kind, m.end()))
            i = low.find(word, i + 1)
    return sorted(out)


def regions(low: str, at: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the closed quotations from `at` in the text
    lowered (`low`, as long as the text): a line that starts in [start, end)
    is quoted. A quotation opened by BEGIN TEXT starts on the line after (the
    line that introduces it is the cable's); it ends where its closing words stand."""
    opens = _events(low, at, OPENERS)
    if not opens:
        return []
    out: list[tuple[int, int]] = []
    opened: int | None = None
    kind = ""
    for start, k, end in sorted(opens + _events(low, opens[0][0], ("end", "close"))):
        if k == "text":  # opens a quotation (and drops one open before it: never closed)
            nl = low.find("\n", end)
            opened, kind = (len(low) if nl < 0 else nl + 1), k
        elif opened is None:
            if k == "letter":
                opened, kind = start, k
        elif k == "end" or (k == "close" and kind == "letter"):
            if start > opened:
                out.append((opened, start))
            opened = None
    return out
