"""The CUI rule set (rules/cui.yaml) and the parsing of CUI documents.

- (the examples in examples/cui: tests/test_examples.py, with the cui set
  alone and with the default sets, and that they fire every CUI rule)
- the banner grammar CUI//CATEGORIES//CONTROLS is parsed into categories,
  dissemination controls and unknown words by position;
- legacy markings are findings only after the transition date, and an
  agency can move that date in its own rule set.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from cablelint import lint_text
from cablelint.parse import parse
from cablelint.source import Source, read

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "cui"

LEGACY = """\
UNCLASSIFIED//FOUO

Date: {date}

Controlled By: Department of State
POC: Jane Q. Analyst, harbor-studies@example.gov

Staff lists for the harbor office.

UNCLASSIFIED//FOUO
"""


def test_banner_parts_by_position() -> None:
    text = "CUI//SP-CTI/PRVCY//NOFORN/FEDCON\n"
    b = parse(Source("c.txt", text)).banner
    assert b.level == "CONTROLLED UNCLASSIFIED INFORMATION"
    assert [t.value for t in b.categories] == ["SP-CTI", "PRVCY"]
    assert [c.value for c in b.controls] == ["NOFORN", "FEDCON"]
    assert [text[t.span.start:t.span.end] for t in b.categories] == ["SP-CTI", "PRVCY"]
    # After the dissemination controls an unknown word is not a category.
    late = parse(Source("c.txt", "CUI//SP-CTI//NOFORNN\n")).banner
    assert [t.value for t in late.categories] == ["SP-CTI"] and [t.raw for t in late.unknown] == ["NOFORNN"]
    # With no category, controls follow the control marking directly (Handbook p. 12).
    direct = parse(Source("c.txt", "CONTROLLED//FED ONLY\n")).banner
    assert direct.categories == [] and [c.value for c in direct.controls] == ["FED ONLY"]


def test_designation_indicator_fields() -> None:
    doc = parse(read(str(EXAMPLES / "cui_memo_clean.txt")))
    assert doc.fields["Controlled By"].value == "Department of State"
    assert [t.value for k, t in doc.field_list if k == "Controlled By"] == [
        "Department of State", "Bureau of Harbor Affairs, Office of Port Security"]
    assert doc.fields["CUI Category"].value == "Controlled Technical Information"
    assert doc.fields["Limited Dissemination Control"].value == "NOFORN"
    # "Dissemination:" is the same line under its short name.
    alt = parse(Source("d.txt", "CUI//NOFORN\n\nControlled By: Department of State\nDissemination: NOFORN\n"))
    assert alt.fields["Limited Dissemination Control"].value == "NOFORN"


@pytest.mark.parametrize("date,fires", [("3 March 2014", False), ("14 November 2016", True), ("2021-10-04", True)])
def test_legacy_markings_depend_on_the_transition_date(date: str, fires: bool) -> None:
    got = [f for f in lint_text(LEGACY.format(date=date), path="l.txt", select=["CL817"])]
    assert bool(got) is fires
    if fires:
        assert [(f.line, f.matched) for f in got] == [(1, "FOUO"), (10, "FOUO")]


def test_an_undated_document_says_the_legacy_rule_could_not_run() -> None:
    text = LEGACY.replace("Date: {date}\n", "")
    got = lint_text(text, path="l.txt", select=["CL817", "CL000"])
    assert [f.rule for f in got] == ["CL000"] and "CL817" in got[0].message


def test_an_agency_can_move_the_transition_date(tmp_path: Path) -> None:
    agency = tmp_path / "agency.yaml"
    agency.write_text(
        "name: agency\nextends: cui\neras:\n"
        "  - {name: before-cui, from: 1900-01-01, to: 2022-01-01}\n"
        "  - {name: cui, from: 2022-01-01, to: 2100-01-01}\n", encoding="utf-8")
    text = LEGACY.format(date="4 October 2021")
    assert [f.rule for f in lint_text(text, path="l.txt", rules=["cui"], select=["CL817"])] == ["CL817", "CL817"]
    assert lint_text(text, path="l.txt", rules=[str(agency)], select=["CL817"]) == []
