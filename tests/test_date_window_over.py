"""CL207 says how far past the limit a DECL date is, so a one-day slip does not read as '25.0 years, at most 25'."""
from __future__ import annotations

import datetime as dt

import pytest

from cablelint.api import lint_text
from cablelint.checks.date_window import _overshoot, add_years

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


YEAR_ONLY = CABLE.replace("PARIS 000579", "MADRID 004887")


def test_cl207_year_only_measures_both_figures_from_the_last_day_of_the_year() -> None:
    """With no DTG only the year is known: '51.0 years after, 25.0 past a 25-year limit' did not add up."""
    findings = lint_text(YEAR_ONLY.format(decl="12/29/2054"), path="04MADRID4887.txt")
    (f,) = [f for f in findings if f.rule == "CL207"]
    assert "is at least 50.0 years after the cable date 2004, at least 25.0 years past the limit" in f.message


def test_cl207_year_only_small_overshoot_says_at_least() -> None:
    findings = lint_text(YEAR_ONLY.format(decl="01/02/2030"), path="04MADRID4887.txt")
    (f,) = [f for f in findings if f.rule == "CL207"]
    assert "is at least 25.0 years after the cable date 2004, at least 2 days past the limit" in f.message


def test_cl207_known_date_has_no_hedge() -> None:
    findings = lint_text(CABLE.format(decl="08/18/2039"), path="c.txt", date=dt.date(2009, 8, 22))
    (f,) = [f for f in findings if f.rule == "CL207"]
    assert "is 30.0 years after the cable date 2009-08-22, 5.0 years past the limit" in f.message
    assert "at least" not in f.message


@pytest.mark.parametrize("decl", ["01/10/2034", "12/31/2034", "07/04/2035", "02/28/2040", "03/01/2040",
                                  "12/31/2050", "06/30/2061"])
@pytest.mark.parametrize("date", [dt.date(2009, 1, 9), dt.date(2008, 2, 29), dt.date(2009, 12, 31), None])
def test_cl207_years_after_is_the_limit_plus_the_overshoot(decl: str, date: dt.date | None) -> None:
    """Whatever the dates, 'N years after ... M years past the limit' has N = 25 + M
    (None: only the year 2009 is known, from the cable's reference)."""
    text = YEAR_ONLY.replace("MADRID 004887", "MADRID 000001").format(decl=decl)
    findings = [f for f in lint_text(text, path="09MADRID1.txt", date=date) if f.rule == "CL207"]
    month, day, year = map(int, decl.split("/"))
    last = date or dt.date(2009, 12, 31)
    assert bool(findings) == (dt.date(year, month, day) > add_years(last, 25))
    for f in findings:
        assert ("at least" in f.message) == (date is None)
        years = float(f.message.split(" years after")[0].split()[-1])
        n, unit = f.message.split(", ")[1].split(" past the limit")[0].removeprefix("at least ").split()
        if unit == "years":
            assert years == round(25 + float(n), 1), f.message
        else:
            assert 25.0 <= years <= 27.0, f.message
