"""The SUBJECT read again from the file's later whole copy of the header.

Some exports hold a first copy of the cable cut at a fixed length, the cut
marked with "..." run into the last word (`... AND SEES BRAZILIAN ...`), then
the whole cable. The parser reads the first header it meets; where that copy's
SUBJECT was cut, the whole copy's is the cable's, as for Classified By
(clby.whole_copy) and REF (refs.whole_refs). A named repair records the reading.
"""
from __future__ import annotations

import bisect

import regex

from ..document import Repair, Token
from ..vocabulary import Vocabulary
from .fields import read_subject
from .labels import labels
from .lines import Line
from .subject_stray import stray_cut

# How far (lines) after the cut SUBJECT its whole copy is looked for.
WHOLE_SUBJECT_REACH = 80


def whole_subject(sub: Token | None, lines: list[Line], banner_idx: int | None, vocab: Vocabulary,
                  text: str) -> tuple[Token, list[Repair]] | None:
    """The SUBJECT of the first later line that opens one in the whole copy (after
    the banner's line written again, `_copy_start`), when `sub` was cut short
    and that copy goes on where the cut one stopped (its words, the cut word as
    a prefix, then more) and is not cut itself, with the repairs that say so
    (a stray line in small letters is cut as from the first copy's,
    subject_stray.py); None otherwise. Dots a later copy writes too are the
    drafter's, and `sub` stands. A SUBJECT line with no copy of the banner
    before it is another message's, quoted in the body."""
    cut = labels(vocab).elision_end  # the vocabulary's elision marks
    if sub is None or cut.search(sub.raw) is None:
        return None
    start = bisect.bisect_left([ln.start for ln in lines], sub.span.end)
    copy = _copy_start(lines, banner_idx, start, min(len(lines), start + WHOLE_SUBJECT_REACH))
    if copy is None:
        return None
    for i in range(copy + 1, min(len(lines), start + WHOLE_SUBJECT_REACH)):
        m = labels(vocab).subject.match(lines[i].text) if "SUBJ" in lines[i].text[:12].upper() else None
        if m is None:
            continue
        read, stray = stray_cut(lines, i, read_subject(lines, i, m, vocab), vocab)
        got = read.subject
        if got is None or cut.search(got.raw) or not _goes_on(sub.value, got.value, cut):
            return None
        line = text.count("\n", 0, sub.span.start) + 1
        note = Repair("whole-copy", got.span, f"SUBJECT cut short on line {line}: read from its whole copy")
        return got, [note] + ([stray] if stray else [])
    return None


def _goes_on(cut: str, whole: str, mark: regex.Pattern[str]) -> bool:
    """Whether `whole` starts with the words of `cut` before its elision mark
    (the last one a prefix: the cut may fall inside a word) and says more."""
    stem = " ".join(mark.sub("", cut).split())
    whole = " ".join(whole.split())
    return bool(stem) and whole.upper().startswith(stem.upper()) and len(whole) > len(stem)


def _copy_start(lines: list[Line], banner_idx: int | None, lo: int, hi: int) -> int | None:
    """The index (in lo..hi) of the first line that opens with the banner's line
    word for word (alone, with the header run on, or in a CSV row's field after
    `","`, the routing lines before it): the cable written out again. Only a
    banner line that names the cable (its serial: a digit) counts; a bare
    "SECRET" recurs as a page mark."""
    if banner_idx is None:
        return None
    banner = lines[banner_idx].text.strip()
    if not any(c.isdigit() for c in banner):
        return None
    return next((k for k in range(lo, hi)
                 if any(f.lstrip(' \t"').startswith(banner) for f in lines[k].text.split('","'))), None)
