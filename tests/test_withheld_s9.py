"""Audit s9 A #19, fixed: in a release that withholds text in many places
(CL912's `heavy_release`), a paragraph-numbering gap with no placeholder at
it is named as withheld text with the count as evidence, and the skipped
number (CL502) is folded into it. A lightly redacted release, a repeated
number and a partial extract keep what they had. The cables are written for
these tests."""
from __future__ import annotations

import datetime as dt

from cablelint import lint_text, make_engine

ENGINE = make_engine(rules=["state"], date=dt.date(2009, 1, 30))
HEAD = ("C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL FR\n"
        "SUBJECT: (U) TALKS\nClassified By: Poloff Jane Doe for reasons 1.4 (b) and (d)\n\n")
X = "XXXXXXXXXXXX"


def found(text: str) -> list[tuple[str, int, str]]:
    return [(f.rule, f.line, f.message) for f in lint_text(text, "<text>", engine=ENGINE)]


def body(names: int, numbers: tuple[int, ...]) -> str:
    """Numbered paragraphs, the first holding `names` placeholders inside its sentence."""
    first = "1. (C) " + " and ".join([X] * names or ["The minister"]) + " met on Monday.\n"
    return HEAD + first + "".join(f"\n{n}. (C) The talks went on.\n" for n in numbers)


def test_a_gap_in_a_heavily_withheld_release_is_the_release_s() -> None:
    got = found(body(10, (2, 4)))
    rules = [r for r, _, _ in got]
    assert "CL502" not in rules
    (msg,) = [m for r, line, m in got if r == "CL912" and line == 11]
    assert "paragraph 3 is missing" in msg and "withholds text in 10 places" in msg
    assert "folded in: CL502" in msg


def test_two_missing_paragraphs_are_named_as_a_range() -> None:
    (msg,) = [m for r, _, m in found(body(12, (2, 5))) if r == "CL912"]
    assert "paragraphs 3-4 are missing" in msg


def test_a_lightly_withheld_release_keeps_the_skipped_number() -> None:
    got = found(body(9, (2, 4)))
    assert "CL912" not in [r for r, _, _ in got]
    assert ("CL502", 11) in [(r, line) for r, line, _ in got]


def test_a_repeated_number_is_not_a_withheld_paragraph() -> None:
    got = found(body(12, (2, 2)))
    assert "CL912" not in [r for r, _, _ in got]
    assert "CL502" in [r for r, _, _ in got]


def test_a_partial_extract_leaves_its_gap_to_its_notice() -> None:
    note = "This record is a partial extract of the original cable. The full text of the original cable is not available.\n"
    assert "CL912" not in [r for r, _, _ in found(note + body(12, (2, 4)))]
