"""Memoised vocabulary look-ups for the parser.

The same few portion marks ("(C)", "(SBU)", "(S/NF)") recur on every cable,
and parsing one is a dozen regex matches: each distinct mark text is parsed
once per vocabulary (at offset 0) and the result copied to where it stands
(Marking.shifted), so what a mark means cannot differ between occurrences.
A vocabulary that is extended rebuilds its tables, which empties its memo.
"""
from __future__ import annotations

import weakref

from ..document import Marking, Span, Token
from ..vocabulary import Vocabulary

# A bound on what one vocabulary remembers (a hostile file may hold many distinct marks).
MEMO_MAX = 4096
_MISSING = object()
# vocabulary -> (its portion table when memoised, mark text -> Marking at offset 0 or None)
_PORTIONS: weakref.WeakKeyDictionary[Vocabulary, tuple[dict, dict[str, Marking | None]]] = weakref.WeakKeyDictionary()
# vocabulary -> (its banner-control table, text -> [(name, start, end, raw)])
_CONTROLS: weakref.WeakKeyDictionary[Vocabulary, tuple[dict, dict[str, list[tuple[str, int, int, str]]]]] = \
    weakref.WeakKeyDictionary()


def _table(memos: weakref.WeakKeyDictionary, vocab: Vocabulary, stamp: dict) -> dict:
    got = memos.get(vocab)
    if got is None or got[0] is not stamp or len(got[1]) > MEMO_MAX:
        got = memos[vocab] = (stamp, {})
    return got[1]


def portion(vocab: Vocabulary, content: str, offset: int) -> Marking | None:
    """vocab.parse_portion(content, offset), each distinct `content` parsed once."""
    memo = _table(_PORTIONS, vocab, vocab.portion_level)
    mk = memo.get(content, _MISSING)
    if mk is _MISSING:
        mk = memo[content] = vocab.parse_portion(content, 0)
    return mk.shifted(offset) if mk is not None else None


def is_portion(vocab: Vocabulary, content: str) -> bool:
    """Whether `content` parses as a portion mark (no copy made)."""
    memo = _table(_PORTIONS, vocab, vocab.portion_level)
    mk = memo.get(content, _MISSING)
    if mk is _MISSING:
        mk = memo[content] = vocab.parse_portion(content, 0)
    return mk is not None


def scan_controls(vocab: Vocabulary, text: str, offset: int, mk: Marking) -> None:
    """vocab.scan_controls(text, offset, mk), the scan of each distinct `text` done once."""
    memo = _table(_CONTROLS, vocab, vocab.banner_control)
    found = memo.get(text)
    if found is None:
        probe = Marking(raw="", span=Span(0, 0))
        vocab.scan_controls(text, 0, probe)
        found = memo[text] = [(t.value, t.span.start, t.span.end, t.raw) for t in probe.controls]
    for name, start, end, raw in found:
        if all(c.value != name for c in mk.controls):
            mk.controls.append(Token(name, Span(offset + start, offset + end), raw))
