"""A lone paragraph's mark that the export ran onto the end of the Classified
By line (repair `mark-after-reasons`), after "and": told from a reason letter
by its case and style (written here, not copied from a cable)."""
from __future__ import annotations

import pytest

from cablelint.parse import parse
from cablelint.source import Source

HEAD = ("C O N F I D E N T I A L LISBON 000321\n\nE.O. 12958: DECL: 05/25/2016\nTAGS: PREL PO\n"
        "SUBJECT: A SHORT NOTE\n\nREF: STATE 1234 Classified By: Consul Mary Roe, reasons {reasons}\n\n"
        "The ministry called to say the request had been passed on to the court.\n")


def _read(reasons: str):
    doc = parse(Source("x.txt", HEAD.format(reasons=reasons)))
    marks = [p.portion.level if p.portion else None for p in doc.paragraphs]
    return [r.value for r in doc.classified_by.reasons], marks, [r.name for r in doc.repairs]


def test_an_upper_case_mark_after_bare_lower_case_letters_and_and_is_the_paragraphs() -> None:
    reasons, marks, repairs = _read("1.5 b and (C)")
    assert reasons == ["b"] and marks == ["CONFIDENTIAL"] and "mark-after-reasons" in repairs
    reasons, marks, _ = _read("1.4 b, d and (S)")
    assert reasons == ["b", "d"] and marks == ["SECRET"]


@pytest.mark.parametrize("written,letters", [
    ("1.4 (b) and (C)", ["b", "c"]),  # the same style: the list's last letter, in upper case
    ("1.4 B AND (C)", ["b", "c"]),  # all upper case: no change of case
    ("1.4 b and (c)", ["b", "c"]),  # all lower case
    ("1.4 B and (C)", ["b", "c"]),
])
def test_a_letter_of_the_same_case_or_style_stays_a_reason(written: str, letters: list[str]) -> None:
    reasons, _, repairs = _read(written)
    assert reasons == letters and "mark-after-reasons" not in repairs


@pytest.mark.parametrize("reasons", ["1.5 b and (C)", "1.4 (b) and (d) (C)"])
@pytest.mark.parametrize("after,levels", [
    ("(S) The ministry called about the request.\n", ["SECRET"]),  # the paragraph carries its own mark
    ("1. (C) The ministry called.\n\n2. (C) The court will rule.\n", ["CONFIDENTIAL", "CONFIDENTIAL"]),  # numbered
])
def test_no_mark_is_taken_when_the_text_after_needs_none(reasons: str, after: str, levels: list[str]) -> None:
    """The "(C)" is the list's last letter when what follows is numbered or
    opens with its own mark: no lone unmarked paragraph needs it."""
    text = HEAD.format(reasons=reasons).rsplit("\n\n", 1)[0] + "\n\n" + after
    doc = parse(Source("x.txt", text))
    assert [r.value for r in doc.classified_by.reasons][-1] == "c"
    assert [p.portion.level if p.portion else None for p in doc.paragraphs] == levels
    assert "mark-after-reasons" not in [r.name for r in doc.repairs]


@pytest.mark.parametrize("written,letters,level", [
    ("1.4 (b) and (S)", ["b"], "SECRET"),  # no reason letter is S or U: a mark, whatever the style
    ("1.4 B AND (U)", ["b"], "UNCLASSIFIED"),
])
def test_an_s_or_u_after_and_is_a_mark_in_any_style(written: str, letters: list[str], level: str) -> None:
    reasons, marks, repairs = _read(written)
    assert reasons == letters and marks == [level] and "mark-after-reasons" in repairs
