"""Where a damaged export's banner, run into other text, starts in a line.

Three forms count (vocab_patterns): after `CLASSIFICATION:`, letter-spaced
anywhere, or plain after a tab, quote or comma with a post and serial number
after it. They were one regex whose leftmost match was the banner; searched
along a 20 MB line of capitals it took ~30 s (each character tried every
branch, and the post's greedy run backtracked quadratically). Each form is
now found on its own and the leftmost level wins, the earlier form on a tie,
which is the answer the one regex gave.
"""
from __future__ import annotations

import regex

from ..vocabulary import Vocabulary

# A letter-spaced level starts at most this many characters before its needle
# (`S E C R E T`: the `C R` at offset 4; `SE C R E T` or `E C R E T`: fewer).
_SPACED_LEAD = 4


def find(text: str, vocab: Vocabulary) -> regex.Match[str] | None:
    """The leftmost fallback banner in `text` (its `level` group), or None."""
    best: regex.Match[str] | None = None
    for m in (vocab.banner_labelled_re.search(text), _spaced(text, vocab), vocab.banner_run_in_re.search(text)):
        if m is not None and (best is None or m.start("level") < best.start("level")):
            best = m
    return best


def _spaced(text: str, vocab: Vocabulary) -> regex.Match[str] | None:
    """The leftmost letter-spaced level: looked for only from the places just
    before a needle, each place once and in order (so the first found is the
    leftmost). One `match` tries five places (`banner_spaced_re`'s lead)."""
    tried = -1  # the last place tried
    for needle in vocab.banner_spaced_needle_re.finditer(text, overlapped=True):
        at = max(needle.start() - _SPACED_LEAD, tried + 1)
        if at < needle.start():
            m = vocab.banner_spaced_re.match(text, at)
            if m is not None:
                return m
            tried = at + _SPACED_LEAD
    return None
