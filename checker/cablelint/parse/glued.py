"""The repair `glued-paragraph`: a paragraph number the export glued to the
end of the previous line ("... said so. 4. (C) The minister ...").

A number with a portion mark after it is vouched for by the mark. A bare
number ("... in paragraph 5. 2. Summary: ...", an unmarked cable) is vouched
for by the numbering alone: it must be the number expected next, and the next
numbered line must carry the number after it, so that without the repair that
paragraph would read as skipping one.
"""
from __future__ import annotations

import re
from itertools import islice

from ..vocabulary import Vocabulary
from . import memo
from .lines import Line, para_start
from ..rx import rx

# A paragraph number with its mark inside a line; glued_paragraph checks what stands before it.
GLUED_RE = rx(r"(?<!\d)(?P<num>\d{1,3})\.[ \t]{0,3}\((?P<mark>[A-Za-z][A-Za-z/ -]{0,14})\)")
# A bare number inside a line: after a sentence's end and a blank or few, before a capitalised word.
BARE_GLUED_RE = rx(r"(?<=[.!?\"')\]][ \t]{1,4})(?P<num>\d{1,3})\.[ \t]{1,3}(?=[A-Z][a-z])")
# The same two, found by their dot: a scan of the body for a literal runs ~2-3x faster than one
# that tries a digit at every character (`candidates` counts the digits back to the number's start).
GLUED_DOT_RE = rx(r"\.[ \t]{0,3}\([A-Za-z][A-Za-z/ -]{0,14}\)")
# The same scan with the standard library's engine: its classes are ASCII only, so both engines
# match alike, and `re` scans a text for this literal-led pattern ~40% faster than `regex`.
_GLUED_DOT_SCAN = re.compile(GLUED_DOT_RE.pattern)
BARE_GLUED_DOT_RE = rx(r"(?<=[.!?\"')\]][ \t]{1,4}\d{1,3})\.[ \t]{1,3}(?=[A-Z][a-z])")
# What ends the text before a glued paragraph: a sentence, a quotation (typographic quotes too), a rule of dashes.
GLUED_AFTER = frozenset("-.!?\"')]\u201d\u2019")
GLUED_GAP_MAX = 4
# The end of a sentence before a glued number that skips one: its stop, maybe closed by a quote or bracket.
SKIP_SENTENCE_END_RE = rx(r"[.!?][\"')\]]?$")
# Or a heading run on after a sentence ("End Summary.  DONE DEAL - AT LAST  2. (SBU) ..."):
# a few upper-case words after the sentence's end, right before the number.
RUN_ON_HEADING_RE = rx(r"(?<=[.!?\"')\]][ \t]{1,4})[A-Z][A-Z0-9 ,'&/-]{2,60}$")
RUN_ON_HEADING_REACH = 70  # the heading, the blanks and the sentence's last character
# How many lines on the next numbered line is looked for (it confirms a bare glued number).
CONFIRM_REACH = 60


def _number_starts(text: str, at: int, dots: list[int]) -> list[int]:
    """Where the numbers of 1-3 digits (not a longer run) that end at `dots` start,
    from `at` on: GLUED_RE's `(?<!\\d)\\d{1,3}` in front of its dot."""
    got = []
    for d in dots:
        k = 0
        while k < 4 and d > k and text[d - k - 1].isdecimal():  # regex's \d is a decimal digit
            k += 1
        if 0 < k < 4 and d - k >= at:
            got.append(d - k)
    return got


def candidates(text: str, at: int, bare: bool) -> list[int]:
    """Offsets, ascending, where a glued number may stand in the body from `at`
    (where GLUED_RE and, with `bare`, BARE_GLUED_RE match, after a blank: see
    `inside`): one scan of the text instead of one per line, each from the
    number's dot. A paragraph's own number at a line's start is none."""
    got = _number_starts(text, at, [m.start() for m in _GLUED_DOT_SCAN.finditer(text, at)])
    if bare:
        more = [m.start() for m in BARE_GLUED_DOT_RE.finditer(text, at)]
        if more:  # the lookbehind vouches for 1-3 digits after a blank
            got = sorted(set(got).union(_number_starts(text, at, more)))
    return [c for c in got if c and text[c - 1] in " \t"]


def inside(cands: list[int], k0: int, line: Line) -> bool:
    """Whether a candidate (`cands` from index `k0` on: none before the line)
    stands inside the line where a glued number could: after some text and a
    blank. The line's own number ("  1. (C)", "¶1. (C)") never is one."""
    text, start = line.text, line.start
    lead = len(text) - len(text.lstrip())
    for c in islice(cands, k0, None):
        k = c - start
        if k >= len(text):
            return False
        if k > lead and text[k - 1] in " \t":
            return True
    return False


def glued_paragraph(line: Line, expected: int, vocab: Vocabulary) -> int | None:
    """Where the next paragraph ("... said so. 4. (C) The minister...") starts
    inside a line whose line break the export lost: after a sentence's end or a
    heading run on after one, the number must be the one expected, the mark a
    portion mark, and text must follow it unless a heading's rule of dashes
    stands before it. When the line holds no such number, one skipped number
    (`skipped_one`). None when there is none."""
    text = line.text
    for m in GLUED_RE.finditer(text, 1):
        before = text[:m.start()]
        gap = len(before) - len(before.rstrip(" \t"))
        tail = before.rstrip(" \t")[-RUN_ON_HEADING_REACH:]  # a long line's head is not searched again
        ends = (tail[-1:] in GLUED_AFTER or RUN_ON_HEADING_RE.search(tail) is not None or _ends_in_placeholder(tail, vocab)
                or _due_after_words(int(m["num"]), expected, text, m.end()))
        if (0 < gap <= GLUED_GAP_MAX and ends and (int(m["num"]) == expected or _first_after_rule(before, expected, int(m["num"])))
                # at a line's end only after a rule of dashes (a heading); "REASON: 1.4(D) 1. (C)" is a mark, no paragraph
                and (text[m.end():].strip() or before.rstrip(" \t")[-1:] == "-")
                and memo.is_portion(vocab, m["mark"])):
            return m.start("num")
    return skipped_one(text, expected, vocab)


# Text after the mark of a number glued after a word: a blank or few, then a capitalised word.
_TEXT_AFTER_MARK_RE = rx(r"[ \t]{1,4}[A-Z]")


def _due_after_words(num: int, expected: int, text: str, end: int) -> bool:
    """Whether a marked number glued after a word, not a sentence's end ("...
    Finished, but Dangerous  5. (C) Beginning", "... for the job 7. (C)  As"),
    opens a paragraph: only the number due next (not the first: nothing vouches
    for the numbering yet), its mark a portion mark (checked by the caller),
    text opening with a capital after it."""
    return num == expected >= 2 and _TEXT_AFTER_MARK_RE.match(text, end) is not None


def _ends_in_placeholder(tail: str, vocab: Vocabulary) -> bool:
    """Whether the text before a marked number ends in a redaction placeholder
    (markings.yaml `placeholder_patterns`: "... investment in XXXXXXXXXXXX 6. (S)"):
    the withheld words took the sentence's end with them."""
    return any(m.end() == len(tail) for m in vocab.placeholder_re.finditer(tail))


def skipped_one(text: str, expected: int, vocab: Vocabulary) -> int | None:
    """Where paragraph expected + 1 starts inside the line, in the strongest
    form only: a sentence's end, a blank or few, the number, its dot, at most
    one blank and a portion mark, then text. A body run onto one line that
    skips a number (1, 2, 4, ...) would otherwise hide every later paragraph
    (the search for the one expected never succeeds); one skip is the most
    trusted, and none before the numbering starts (nothing vouches for it).
    A marked number `expected` earlier in the line (after a heading too long
    to vouch for it) is the one read: the number after it vouches for it."""
    if expected < 2:
        return None
    loose = None
    for m in GLUED_RE.finditer(text, 1):
        num = int(m["num"])
        if num == expected and loose is None and text[m.start() - 1] in " \t" and text[m.end():].strip() \
                and memo.is_portion(vocab, m["mark"]):
            loose = m.start("num")
        if num != expected + 1 or text[m.end("num") + 1:m.start("mark") - 1] not in ("", " "):
            continue
        before = text[:m.start()].rstrip(" \t")
        if (0 < m.start() - len(before) <= GLUED_GAP_MAX and SKIP_SENTENCE_END_RE.search(before[-3:]) is not None
                and text[m.end():].strip() and memo.is_portion(vocab, m["mark"])):
            return m.start("num") if loose is None else loose
    return None


def _first_after_rule(before: str, expected: int, num: int) -> bool:
    """Whether a marked number after a heading's rule of dashes ("INVOLVEMENT
    ----- 3.(C/NF) ...") may open the body's numbering whatever its number: a
    copy that starts at a later paragraph (an export cut the first ones) still
    starts one there, and its number is checked as written. Or repeat the last
    number (the drafter numbered on from before the heading again): a paragraph
    of its own, whose number the numbering rule judges."""
    return (expected == 1 or num == expected - 1) and before.rstrip(" \t").endswith("-----")


def bare_glued(lines: list[Line], i: int, expected: int) -> int | None:
    """Where a bare paragraph number `expected` starts inside line i, when the
    next numbered line (within CONFIRM_REACH lines) is paragraph expected + 1."""
    text = lines[i].text
    for m in BARE_GLUED_RE.finditer(text, 1):
        if int(m["num"]) == expected and text[:m.start()].strip():
            return m.start() if next_number(lines, i) == expected + 1 else None
    return None


def next_number(lines: list[Line], i: int) -> int | None:
    """The number of the next numbered line after line i (within CONFIRM_REACH lines)."""
    for line in islice(lines, i + 1, i + 1 + CONFIRM_REACH):
        ps = para_start(line.text)
        if ps is not None:
            return ps.number
    return None
