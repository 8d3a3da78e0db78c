"""A cut's diagnosis (CL911, CL909) folds only the findings on text the cut
removed or spoiled: a finding that judges its own line's text (`stand_intact`),
on a line before the cut that the whole copy writes again word for word, is the
drafter's and stands at its line. Texts written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest
import regex

from cablelint import lint_text, make_engine
from cablelint.damage_loss import _written_after, intact_before
from cablelint.document import Span
from cablelint.findings import Finding, Severity
from cablelint.fold import fold, in_region
from cablelint.source import Source

ENGINE = make_engine(rules=["state"], date=dt.date(2010, 1, 28))
BANNER = "C O N F I D E N T I A L PARIS 000579\n"
HEAD = "E.O. 12958: DECL: 01/28/2020\nTAGS: PREL FR\nSUBJECT: (U) TALKS\n"
DERIVED = "DERIVED FROM: GUIDE 12 A\n"  # names a source, nobody who classified: CL303
BODY = ("1. (C) Summary. The minister said that the talks on the budget would resume next week in the capital.\n\n"
        "2. (C) The minister said that point number two would be settled next week.\n\n")
CUT = BANNER + HEAD + "\n" + DERIVED + "\n1. (C) Summary. ...\n"  # line 8 cut; line 6 before it, a blank between
WHOLE = BANNER.strip() + " E.O. 12958: DECL: 01/28/2020 TAGS: PREL FR\nSUBJECT: (U) TALKS\n\n" + DERIVED + "\n" + BODY


def found(text: str) -> list[tuple[str, int, list[tuple[str, int]]]]:
    return [(f.rule, f.line, [(r.rule, r.line) for r in f.related])
            for f in lint_text(text, "10PARIS579.txt", engine=ENGINE)]


def test_a_drafters_finding_before_the_cut_repeated_in_the_whole_copy_stands() -> None:
    assert found(CUT + WHOLE) == [("CL303", 6, []), ("CL911", 8, [])]


def test_a_finding_on_the_cut_line_is_still_folded() -> None:
    cut = BANNER + HEAD + "\nDERIVED FROM: GUI...\n"
    got = found(cut + WHOLE)
    assert ("CL911", 6, [("CL303", 6), ("CL909", 6)]) in got and "CL303" not in [r for r, _, _ in got]


def test_a_field_that_may_run_on_into_the_cut_or_is_not_written_again_is_still_folded() -> None:
    # No blank line between the field and the cut line: the field may go on into it.
    assert found(CUT.replace(DERIVED + "\n", DERIVED) + WHOLE) == [("CL911", 7, [("CL303", 6)])]
    # The whole copy writes the field otherwise (more after it): not the same text again.
    assert found(CUT + WHOLE.replace(DERIVED, "DERIVED FROM: GUIDE 12 A, B\n")) == [("CL911", 8, [("CL303", 6)])]


def test_intact_before_needs_a_blank_line_and_the_words_again_after_the_cut() -> None:
    text = "ALPHA BETA\n\nGAMMA\nDELTA...\nALPHA  BETA\nGAMMA\n"
    doc = ENGINE.parse(Source("<t>", text))
    cut = Span(text.index("DELTA"), text.index("DELTA") + 8)
    # GAMMA runs on into the cut (no blank between): not intact; ALPHA BETA is (other spacing is the same words).
    assert intact_before(doc, cut) == ((0, 10),)
    assert intact_before(doc, Span(text.index("GAMMA"), text.index("GAMMA") + 5)) == ((0, 10),)
    assert intact_before(ENGINE.parse(Source("<t>", "ALPHA BETA\n\nDELTA...\nALPHA BETAS\n")), Span(12, 20)) == ()


def test_fold_leaves_a_standing_rule_on_its_lines_only() -> None:
    def at(rule: str, start: int, **kw) -> Finding:
        return Finding("f", rule, "n", Severity.parse("warning"), "m", 1, 1, 1, 2, start, start + 1, **kw)
    cause = at("CL911", 80, folds=frozenset({in_region("CL303"), in_region("CL301")}), region=(0, 200),
               extra={"stands": (frozenset({"CL303"}), ((10, 30),))})
    kept, cut, absent = at("CL303", 12), at("CL303", 80), at("CL301", 12)
    assert fold([cause, kept, cut, absent]) == [cause, kept]
    assert cause.related == [cut, absent]


@pytest.mark.parametrize("rest, words, again", [
    ("\nDERIVED FROM: GUIDE 12 A\n", ["DERIVED", "FROM:", "GUIDE", "12", "A"], True),
    ("\nDERIVED  FROM:\tGUIDE 12 A\n", ["DERIVED", "FROM:", "GUIDE", "12", "A"], True),
    ("\nDERIVED FROM: GUIDE 12 AB\n", ["DERIVED", "FROM:", "GUIDE", "12", "A"], False),  # not whole
    ("\nXDERIVED FROM: GUIDE 12 A\n", ["DERIVED", "FROM:", "GUIDE", "12", "A"], False),
    ("\nGUIDE 12 A DERIVED FROM:\n", ["DERIVED", "FROM:", "GUIDE", "12", "A"], False),  # not in order
    ("\nDERIVED\x1cFROM: GUIDE 12 A\n", ["DERIVED", "FROM:", "GUIDE", "12", "A"], False),  # \x1c: no regex blank
    ("\nDERIVED FROM: GUIDE 12 A\x1c\n", ["DERIVED", "FROM:", "GUIDE", "12", "A"], False),
])
def test_written_again_by_words_agrees_with_the_pattern(rest: str, words: list[str], again: bool) -> None:
    """The word comparison (no pattern compiled per line) says what the
    pattern `(?<!\\S)w1\\s+w2...(?!\\S)` says, also where str.split and the
    regex disagree on a blank (the pattern is used there)."""
    text = "HEAD LINE" + rest
    pattern = regex.compile(r"(?<!\S)" + r"\s+".join(map(regex.escape, words)) + r"(?!\S)")
    assert (pattern.search(text, 9) is not None) is again
    assert _written_after(text, 9)(words) is again
