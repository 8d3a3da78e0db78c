"""A lone paragraph's mark that the export ran onto the end of the REF line,
its text on the lines below (repair `mark-after-ref`), read as that text's,
with the same guards as a mark after the Classified By line's reasons (written
here, not copied from a cable)."""
from __future__ import annotations

import pytest

from inspect_helpers import parse_text

HEAD = "UNCLAS OSLO 000123\n\nSENSITIVE\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: PREL NO\n"


def _read(ref_line: str, after: str):
    doc = parse_text(HEAD + ref_line + "\n\n" + after)
    marks = [(p.number, p.portion.raw if p.portion else None) for p in doc.paragraphs]
    return [r.value for r in doc.refs], marks, [r.name for r in doc.repairs]


@pytest.mark.parametrize("ref_line,mark", [
    ("SUBJECT: BUDGET TALKS REF: STATE 4321 (SBU)", "SBU"),  # SUBJECT and REF run on, the mark after them
    ("SUBJECT: BUDGET TALKS REF: STATE 4321 (U) ", "U"),  # a blank after the mark
    ("SUBJECT: BUDGET TALKS\n\nREF: OSLO 77 (SBU)", "SBU"),  # the REF on its own line
])
def test_the_mark_ending_the_ref_line_is_the_lone_paragraphs(ref_line: str, mark: str) -> None:
    refs, marks, repairs = _read(ref_line, " The minister said the budget talks went well.\nRoe\n")
    assert refs == [ref_line.split("REF: ")[1].split(" (")[0]]
    assert marks == [(None, mark)] and "mark-after-ref" in repairs


@pytest.mark.parametrize("after,marks", [
    ("(U) The minister said the talks went well.\n", [(None, "U")]),  # the text has its own mark
    ("1. (U) The minister spoke.\n\n2. (U) He will travel.\n", [(1, "U"), (2, "U")]),  # numbered
])
def test_no_mark_is_taken_when_the_text_after_needs_none(after: str, marks: list) -> None:
    _, got, repairs = _read("SUBJECT: BUDGET TALKS REF: STATE 4321 (SBU)", after)
    assert got == marks and "mark-after-ref" not in repairs


def test_a_lettered_list_keeps_its_letters() -> None:
    """'(C)' ending a line of a list lettered in parentheses is its next item's
    letter, and an item going on under the line is no paragraph's text."""
    refs, _, repairs = _read("SUBJECT: TALKS\n\nREF: (A) OSLO 71 (B) OSLO 65 (C)\n     OSLO 114", "1. (U) Text.\n")
    assert "mark-after-ref" not in repairs
    _, _, repairs = _read("SUBJECT: TALKS\n\nREF: A. OSLO 71 (U)\nB. OSLO 65", "1. (U) Text.\n")
    assert "mark-after-ref" not in repairs
