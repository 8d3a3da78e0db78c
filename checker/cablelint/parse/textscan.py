"""Scans of the whole body text that spare the body stage work per line: the
text lowered once (offsets kept), and where the words that make a line worth a
closer look stand. body.py reads a line's facts from these instead of asking
each line (issue 9: the parse stage in one pass over the text)."""
from __future__ import annotations

from ..source import Source

# What body.is_plain looks for inside every line (in the text as written, or lowered), found in one
# scan of the body ("section" is looked for only in the few lines that open with a banner's initial;
# " OF ", frequent in upper-case prose, only in the lines the first-letter gate would pass over:
# plain.of_matters).
HOT_WORDS = ((" of 0", False), ("lassified", True))  # "lassified" last (hot_offsets)


def lowered(text: str, ascii_words: bool) -> str:
    """`text` in lower case, as long as it (a character whose lower case is
    longer, such as U+0130, is kept as written). When every word looked for in
    it is ASCII (`ascii_words`), a Latin-1 text needs only its ASCII letters
    lowered (no other Latin-1 character lowers to an ASCII one; the Kelvin sign
    is not Latin-1): bytes.lower does that ~3x faster than str.lower."""
    if ascii_words:
        try:
            return text.encode("latin-1").lower().decode("latin-1")
        except UnicodeEncodeError:  # curly quotes and the like: lowered as usual
            pass
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# The one character outside ASCII whose lower case is an ASCII letter (U+212A KELVIN SIGN lowers to "k"):
# a text holding it is lowered as `lowered` does, character by character.
TO_ASCII_LOWER = "\u212a"


def lowered_source(source: Source, ascii_words: bool) -> str:
    """What the body stage needs of `lowered(source.text, ascii_words)`: the
    source's own lowered bytes decoded (Source.low, made once per document for
    the case-blind pre-checks: ASCII letters lowered, every other character as
    written, offsets kept), not a second lowering. When every word looked for is
    ASCII that finds each word where `lowered` does: another character lowered
    is no ASCII letter either (only TO_ASCII_LOWER would be) and keeps what
    quotes.py's patterns ask of it (a letter, a digit, a blank)."""
    text = source.text
    if text.isascii() or ascii_words and TO_ASCII_LOWER not in text:
        return source.low().decode("utf-8", "surrogatepass")
    return lowered(text, ascii_words)


def hot_offsets(text: str, low: str, at: int, clby: bool = True) -> list[int]:
    """Where the words that make a line worth a closer look (HOT_WORDS: a
    lower-cased page mark's " of 0", "classified") stand from `at`, ascending.
    Without `clby` (the document's Classified By is read already: is_plain then
    looks for it no more) "classified" is not looked for."""
    got = []
    for word, in_low in HOT_WORDS if clby else HOT_WORDS[:-1]:
        src = low if in_low else text
        i = src.find(word, at)
        while i >= 0:
            got.append(i)
            i = src.find(word, i + 1)
    got.sort()
    return got
