"""Quoted material inside a paragraph (issue 9 item 5): the numbered
paragraphs of a letter or text a cable quotes are the quoted document's, not
the cable's own portions or paragraph numbering.

A quotation opens with "BEGIN TEXT" / "BEGIN QUOTE" on the line that
introduces it and closes at "END TEXT" / "END QUOTE"; a letter opens with its
salutation ("Dear Ms. Doe,") and closes at its complimentary close ("Yours
sincerely,") or an END TEXT. Only a quotation that is closed counts (a BEGIN
TEXT never closed ends where the next one begins); body.py takes it as quoted
only inside a paragraph of the cable (one is open).

The words are markings.yaml's `quote_begin_words`, `quote_end_words`,
`salutation_words` and `closing_words`. They are found with str.find in the
lower-cased text and each place checked with an anchored pattern: a regex
scan of the whole text for them, ignoring case, cost more than the rest of
the body's reading.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import regex

from ..rx import rx
from ..vocabulary import Vocabulary

OPENERS = ("text", "letter")
# What follows each kind's words, and whether they stand at a line's start: a salutation
# ("Dear Ms. Doe,") and a close ("Yours sincerely,") are lines of their own.
_TAILS = {
    "text": (r"\b", False),
    "end": (r"\b", False),
    "letter": (r"\s+[a-z][^\n]{0,60}[,:][ \t]*\r?$", True),
    "close": (r"[ \t]*[,.]?[ \t]*\r?$", True),
}
_KEYS = {"text": "quote_begin_words", "end": "quote_end_words", "letter": "salutation_words",
         "close": "closing_words"}
Event = tuple[str, str, regex.Pattern, bool]  # (kind, first word, pattern, at a line's start only)


@lru_cache(maxsize=16)
def _compile(words: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[Event, ...]:
    """The events of (kind, phrases): one pattern per kind and first word, the
    longer phrases first ("very truly yours" before "very truly")."""
    out = []
    for kind, phrases in words:
        tail, line_start = _TAILS[kind]
        by_first: dict[str, list[str]] = {}
        for p in phrases:
            ws = p.lower().split()
            by_first.setdefault(ws[0], []).append(r"\s+".join(map(regex.escape, ws)))
        for first, alts in by_first.items():
            alts.sort(key=len, reverse=True)
            out.append((kind, first, rx(f"(?:{'|'.join(alts)}){tail}", regex.M), line_start))
    return tuple(out)


class _Tables(NamedTuple):
    stamp: dict  # the vocabulary's portion_level when built: a new dict each time the vocabulary is (re)built
    events: tuple[Event, ...]
    firsts: tuple[str, ...]  # the salutations' first words
    salutations: tuple[regex.Pattern, ...]
    ascii: bool  # every word is ASCII
    head: int  # the longest salutation's first word: how much of a line's start is lowered to test it


_BY_VOCAB: dict[int, _Tables] = {}


def _tables(vocab: Vocabulary) -> _Tables:
    """`vocab`'s events and salutation tables, looked up by identity: building
    the key of `_compile` (every word list as a tuple) on each body line cost
    more than the salutation test itself."""
    got = _BY_VOCAB.get(id(vocab))
    if got is None or got.stamp is not vocab.portion_level:
        words = tuple((kind, tuple(vocab.line_words[key])) for kind, key in _KEYS.items())
        evs = _compile(words)
        letters = [(word, pattern) for kind, word, pattern, _ in evs if kind == "letter"]
        got = _BY_VOCAB[id(vocab)] = _Tables(vocab.portion_level, evs, tuple(w for w, _ in letters),
                                             tuple(p for _, p in letters),
                                             all(w.isascii() for _, ws in words for w in ws),
                                             max((len(w) for w, _ in letters), default=0))
    return got


def events(vocab: Vocabulary) -> tuple[Event, ...]:
    """The quotation events of `vocab`'s words (compiled once per word lists)."""
    return _tables(vocab).events


def ascii_words(vocab: Vocabulary) -> bool:
    """Whether every word `regions` looks for is ASCII (then only the text's ASCII letters need lowering)."""
    return _tables(vocab).ascii


def is_salutation(text: str, vocab: Vocabulary) -> bool:
    """Whether the line `text` is a letter's salutation ("Dear Madam Secretary,").
    Each pattern starts with its first word, so a line that starts with none is none."""
    t = _tables(vocab)
    s = text.strip()
    head = s[:t.head] if t.ascii else s  # ASCII words: the line's start will do
    if not head.lower().startswith(t.firsts):
        return False
    low = s.lower()
    return any(pattern.match(low) for pattern in t.salutations)


def _events(low: str, at: int, kinds: tuple[str, ...], evs: tuple[Event, ...]) -> list[tuple[int, str, int]]:
    """(start, kind, end) of the words of `kinds` from `at`, each at a word's start."""
    out = []
    for kind, word, pattern, line_start in evs:
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


def regions(low: str, at: int, vocab: Vocabulary) -> list[tuple[int, int]]:
    """(start, end) offsets of the closed quotations from `at` in the text
    lowered (`low`, as long as the text): a line that starts in [start, end)
    is quoted. A quotation opened by BEGIN TEXT starts on the line after (the
    line that introduces it is the cable's); it ends where its closing words stand."""
    evs = events(vocab)
    opens = _events(low, at, OPENERS, evs)
    if not opens:
        return []
    out: list[tuple[int, int]] = []
    opened: int | None = None
    kind = ""
    for start, k, end in sorted(opens + _events(low, opens[0][0], ("end", "close"), evs)):
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
