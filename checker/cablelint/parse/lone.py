"""A lone unnumbered paragraph wrapped short under the header: where the body
starts when its first lines are short and hold no full stop (header._body_starts)."""
from __future__ import annotations

from ..rx import rx
from ..vocabulary import Vocabulary
from .labels import labels
from .lines import Line, classify, is_heading, wraps_on

_PROSE_WORDS_MIN = 4  # a line of a lone paragraph, not a caption, a passing line or a signature
_PROSE_RUN_MAX = 40  # lines of a lone paragraph read, up to a blank line, for one that ends a sentence
_WRAPPED_SENTENCE_END_RE = rx(r"[.!?][\"')\]]?$")


def prose_goes_on(lines: list[Line], i: int, vocab: Vocabulary) -> bool:
    """A short line with no full stop that opens a lone paragraph wrapped short
    ("Post presented the demarche (on the" / "matter of ..." ... "in March."):
    it has a few words, is no passing line, the next line has text with no blank
    line between, and the run of text lines reaches a sentence's end within a
    few lines. A header line stands alone (a blank line or a field after it)."""
    s = lines[i].text.strip()
    if len(s.split()) < _PROSE_WORDS_MIN or labels(vocab).passing.match(s) is not None \
            or is_heading(s) and not wraps_on(lines, i):  # a heading-like line ("A. STATE 12") over text
        return False
    for j in range(i + 1, min(i + 1 + _PROSE_RUN_MAX, len(lines))):
        t = lines[j].text.strip()
        if not t or classify(lines[j].text, vocab).name != "text":  # not memoised: body lines, each once
            return False
        if _WRAPPED_SENTENCE_END_RE.search(t):
            return True
    return False
