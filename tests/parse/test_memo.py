"""The parser's memo of portion marks and banner controls (parse.memo): a
mark parsed once must read exactly as a fresh parse at every offset."""
from __future__ import annotations

import regex

from cablelint import prefilter
from cablelint.document import Marking, Span
from cablelint.parse import memo
from cablelint.vocabulary import default_vocabulary


def test_a_memoised_portion_equals_a_fresh_parse_at_its_offset() -> None:
    v = default_vocabulary()
    for raw in ("C", "S//NF", "S/NF", "SBU", "TS//SI//REL TO USA, GBR", "//GBR S", "C - ENTIRE TEXT"):
        memo.portion(v, raw, 3)  # fill the memo at another offset first
        assert memo.portion(v, raw, 117) == v.parse_portion(raw, 117), raw


def test_copies_are_independent() -> None:
    v = default_vocabulary()
    a = memo.portion(v, "S//NF", 10)
    a.controls.clear()
    assert memo.portion(v, "S//NF", 10).controls


def test_not_a_mark_is_none() -> None:
    v = default_vocabulary()
    assert memo.portion(v, "see below", 0) is None
    assert not memo.is_portion(v, "see below") and memo.is_portion(v, "C")


def test_memoised_control_scan_adds_what_a_scan_adds() -> None:
    v = default_vocabulary()
    text = "NOFORN EXDIS NOFORN"
    fresh = Marking("SECRET", Span(0, 6), "SECRET")
    v.scan_controls(text, 40, fresh)
    for _ in range(2):
        got = Marking("SECRET", Span(0, 6), "SECRET")
        memo.scan_controls(v, text, 40, got)
        assert got.controls == fresh.controls and got.controls


def test_find_any_finds_what_the_joined_alternation_finds() -> None:
    v = default_vocabulary()
    text = "xx XXXXXX [REDACTED] (b)(6) XXXXX(b) (1)(A) [withheld x]xxxxxxx (b)(6)XXXXXXXXXX[REDACTED]"
    for pos in (0, 5, 30):
        want = [(m.start(), m.end()) for m in v.placeholder_re.finditer(text, pos)]
        got = [(m.start(), m.end()) for m in memo.find_any(v.placeholder_re, v.placeholder_patterns, text, pos)]
        assert got == want and want


def test_find_any_keeps_the_first_pattern_at_one_place_and_skips_overlaps() -> None:
    pats = ["ab+", "a", "b{2}"]
    joined = regex.compile("|".join(f"(?:{p})" for p in pats), regex.IGNORECASE)
    text = "abbb a bb ABB"
    assert [m.group(0) for m in memo.find_any(joined, pats, text, 0)] == [m.group(0) for m in joined.finditer(text)]


def test_find_any_falls_back_for_global_flags_and_empty_matches() -> None:
    for pats in (["(?s)a.b", "c"], ["x*", "c"]):
        joined = regex.compile("|".join(f"(?:{p})" for p in pats), regex.IGNORECASE)
        text = "a\nb c xx"
        assert [m.span() for m in memo.find_any(joined, pats, text, 0)] == [m.span() for m in joined.finditer(text)]


def test_find_any_skips_a_pattern_only_where_no_match_can_be() -> None:
    """A placeholder pattern's scan is skipped when the text lacks its needles;
    a letter that IGNORECASE reads as an ASCII one (İ, ı, ſ, the Kelvin sign) still finds it."""
    v = default_vocabulary()
    for text in ["no placeholder here", "x [REDACTED] (B)(6) xxxxx", "[W\u0130THHELD] a", "[WITHHELD]",
                 "(\u0299) \u017f xXxXx", "[withheld by \u212a]", "(b) ( 6 )"]:
        got = [m.span() for m in memo.find_any(v.placeholder_re, v.placeholder_patterns, text, 0)]
        assert got == [m.span() for m in v.placeholder_re.finditer(text)], text


def test_find_any_from_a_position_looks_for_needles_only_after_it() -> None:
    """From `pos` (the body's start) a needle before it (the header's "(b)") does not
    count, in ASCII and non-ASCII texts alike, and a match after it is still found."""
    v = default_vocabulary()
    for head in ("Reasons 1.4 (b) and (d)\n", "\u00b6 1.4 (b)\n", "\u017f (b)\n"):
        for body in ("1. (C) text (b)(6) here", "1. (C) nothing", "\u00b62. (b) ( 6 ) XXXXX", "(b)(6) first"):
            text = head + body
            low = prefilter.lowered(text)
            for pos in (len(head) - 3, len(head)):
                got = [m.span() for m in memo.find_any(v.placeholder_re, v.placeholder_patterns, text, pos, low)]
                assert got == [m.span() for m in v.placeholder_re.finditer(text, pos)], (text, pos)
