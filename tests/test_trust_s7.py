"""Findings a reviewer can trust (issue 9, audits s7): each test on short text written here."""
from __future__ import annotations

from cablelint import lint_text

HEAD = ("UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL FR\nSUBJECT: MARKS\n\n")


def _rules(text: str) -> list[tuple[str, int, str]]:
    return [(f.rule, f.line, f.message) for f in lint_text(text, path="t.txt", date="2007-05-01")]


def test_a_letter_standing_for_the_opening_parenthesis_is_a_malformed_mark_not_an_unknown_one() -> None:
    got = _rules(HEAD + "1. (U) One.\n\n2.QU) Two.\n")
    assert [r for r in got if r[0] in ("CL103", "CL118")] == [
        ("CL118", 8, "the portion mark of paragraph 2 is written 'QU)' without its opening parenthesis")]


def test_an_unknown_mark_is_quoted_as_the_file_writes_it() -> None:
    got = [m for r, _, m in _rules(HEAD + "1. (U) One.\n\n2. XY) Two.\n\n3. (Q) Three.\n") if r == "CL103"]
    assert got == ["portion mark XY) of paragraph 2 is not a known marking",
                   "portion mark (Q) of paragraph 3 is not a known marking"]
