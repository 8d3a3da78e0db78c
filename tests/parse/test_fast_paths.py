"""The parse stage's fast paths (issue 9: parse speed) answer as the slower
tests they stand for, on texts written for these tests, damaged forms too."""
from __future__ import annotations

import regex

from cablelint.parse import memo
from cablelint.rx import rx
from cablelint.vocabulary import default_vocabulary

HEADS = [
    "", "no notice here\n", "THIS IS A PARTIAL EXTRACT OF A CABLE\n", "Partial\nExtract", "partial  extract",
    "¶ curly \u2019 Partial Extract \u00e9t\u00e9", "the full text of the original cable is not available.",
    "FULL TEXT OF THE ORIGINAL CABLE IS NOT AVAILABLE\r\n", "\u0130 partial extract \u212a",
    "full text of the original cable i\u017f not available", "PART\u0130AL EXTRACT", "a\r\nb partial-extract", "xxxxx (b)(1) [REDACTED]",
]


def test_search_head_agrees_with_the_pattern() -> None:
    v = default_vocabulary()
    plain = rx(r"BEGIN TEXT|END QUOTE")  # case counts: needles looked for as written
    for pattern in (v.partial_notice_re, v.placeholder_re, plain, rx(r"(?i)\(b\)\s*\(\d\)")):
        for text in HEADS + [h.upper() for h in HEADS] + ["x BEGIN TEXT y", "begin text"]:
            for end in range(0, len(text) + 1):
                want = pattern.search(text, 0, end) is not None
                assert memo.search_head(pattern, text, end) is want, (pattern.pattern, text, end)


def test_search_head_without_needles_asks_the_pattern() -> None:
    anything = regex.compile(r"\w+")
    assert memo.search_head(anything, "abc", 3) and not memo.search_head(anything, "...", 3)
