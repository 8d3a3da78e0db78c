"""CL207 says how far past the limit a DECL date is, so a one-day slip does not read as '25.0 years, at most 25'."""
from __future__ import annotations

import datetime as dt

import pytest

from cablelint.api import lint_text
from cablelint.checks.date_window import _overshoot

CABLE = ("C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: {decl}\nTAGS: PREL FR\nSUBJECT: A TEST\n\n"
         "CLASSIFIED BY: POLOFF JANE ROE, REASONS 1.4 (B) AND (D)\n\n1. (C) Text.\n")


@pytest.mark.parametrize("days, text", [(1, "1 day"), (2, "2 days"), (61, "61 days"), (92, "3 months"),
                                        (800, "2.2 years")])
def test_overshoot_names_its_unit(days: int, text: str) -> None:
    assert _overshoot(days) == text


def test_cl207_message_says_one_day_past_the_limit() -> None:
    findings = lint_text(CABLE.format(decl="03/20/2034"), path="c.txt", date=dt.date(2009, 3, 19))
    (f,) = [f for f in findings if f.rule == "CL207"]
    assert "25.0 years after the cable date 2009-03-19, 1 day past the limit" in f.message
