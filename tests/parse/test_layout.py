"""Headings and table rows of a document marked page by page are not
portions (issue 11); prose without a mark still is. Short texts written for
these tests."""
from __future__ import annotations

import pytest

from cablelint import lint_text
from cablelint.parse.layout import is_table_row, is_title

TOP = ("SECRET//NOFORN\n\nClassified By: Jane Q. Analyst, Director, Office of Harbor Studies\n"
       "Derived From: HSO Harbor Classification Guide, 2 January 2024\nDeclassify On: 20491231\n\n"
       "(S//NF) Harbor works remain behind schedule.\n\n")
BOTTOM = "\nSECRET//NOFORN\n"


def missing(middle: str) -> list[int]:
    return [f.line for f in lint_text(TOP + middle + BOTTOM, "x.txt") if f.rule == "CL704"]


@pytest.mark.parametrize("middle", [
    "Port Fees by Quarter and by Berth for the Harbor Office Review\n",
    "Quarter | Fee | Status\nQ1 2024 | 120 | Paid\n",
    "| Berth | Length |\n|-------|--------|\n",
    "Berth      Length (m)    Depth (m)\nNorth      320           14\n",
])
def test_a_heading_or_table_row_is_not_an_unmarked_portion(middle: str) -> None:
    assert missing(middle) == []


@pytest.mark.parametrize("middle", [
    "The cranes were delivered on time.\n",
    "Port fees are under review by the harbor office\n",
])
def test_unmarked_prose_is_still_an_unmarked_portion(middle: str) -> None:
    assert missing(middle) == [9]


def test_title_and_table_shapes() -> None:
    assert is_title("Harbor Works in the North") and not is_title("Harbor works in the north")
    assert not is_title("Harbor Works Remain Behind Schedule.")
    assert is_table_row("a | b") and is_table_row("North   320   14") and not is_table_row("Ends here.  Next one.")
