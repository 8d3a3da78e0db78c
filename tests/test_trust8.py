"""Findings a reviewer can trust (s8 audits): each test on short text written here."""
from __future__ import annotations

from cablelint import lint_text

SECRET = ("S E C R E T PARIS 000579\nNOFORN\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL FR\nSUBJECT: (U) TALKS\n"
          "Classified By: Poloff Jane Doe, reasons 1.4 (b) and (d)\n\n")


def _found(text: str, rule: str, date: str = "2009-05-01") -> list[tuple[int, str, str]]:
    return [(f.line, str(f.severity), f.message) for f in lint_text(text, path="t.txt", date=date) if f.rule == rule]


def test_a_cable_with_no_paragraph_marked_is_one_cl102_listing_the_others() -> None:
    """One omission (the cable was not portion-marked) is one finding, not one per paragraph."""
    text = SECRET + "1. First.\n\n2. Second.\n\n3. Third.\n"
    got = _found(text, "CL102")
    assert got == [(8, "error", "paragraph 1 of a classified cable has no portion mark such as (U), (C) or (S)"
                                "; 2 more like it (lines 10, 12)")]
    f = next(f for f in lint_text(text, path="t.txt", date="2009-05-01") if f.rule == "CL102")
    assert [r.line for r in f.related] == [10, 12]  # related locations (JSON, SARIF)


def test_unmarked_paragraphs_among_marked_ones_are_separate_slips() -> None:
    text = SECRET + "1. (S/NF) First.\n\n2. Second.\n\n3. (S/NF) Third.\n\n4. Fourth.\n"
    got = _found(text, "CL102")
    assert [(line, msg.endswith("(S)")) for line, _, msg in got] == [(10, True), (14, True)]


def test_marked_bullets_count_as_marks_for_the_grouping() -> None:
    text = SECRET + "1. Points:\n\n-- (S/NF) a bullet.\n\n2. Second.\n\n3. Third.\n"
    assert [line for line, _, _ in _found(text, "CL102")] == [12, 14]
