"""The repair `stray-subject-line` (texts written here, not copied from a cable)."""
from __future__ import annotations

import pytest

from cablelint.parse import parse
from cablelint.source import Source

TOP = "C O N F I D E N T I A L OSLO 000123\n\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\n"
REST = "\nClassified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)\n\n1. (C) The minister spoke.\n"


def _subject(subject_lines: str):
    doc = parse(Source("x.txt", TOP + "SUBJECT: " + subject_lines + REST))
    return doc.subject.value, [r for r in doc.repairs if r.name == "stray-subject-line"]


@pytest.mark.parametrize("stray", ["Where do the talks go from here? A look back", "Summary", "Monday, 4 May 2009, 10:15"])
def test_a_line_in_small_letters_after_an_upper_case_wrapped_subject_is_cut(stray: str) -> None:
    value, repairs = _subject(f"NORWAY WEIGHS A NEW ROLE IN THE\nFISHERIES TALKS\n{stray}\n")
    assert value == "NORWAY WEIGHS A NEW ROLE IN THE FISHERIES TALKS"
    assert len(repairs) == 1


@pytest.mark.parametrize("lines,value", [
    ("NORWAY WEIGHS A NEW ROLE IN THE\nFISHERIES TALKS\n", "NORWAY WEIGHS A NEW ROLE IN THE FISHERIES TALKS"),
    ("Norway weighs a new role in the\nfisheries talks\n", "Norway weighs a new role in the fisheries talks"),
    ("NORWAY WEIGHS A NEW ROLE IN THE\nFISHERIES TALKS (the Barents Sea)\n",
     "NORWAY WEIGHS A NEW ROLE IN THE FISHERIES TALKS (the Barents Sea)"),
])
def test_a_subject_in_one_case_or_mostly_upper_case_stays_whole(lines: str, value: str) -> None:
    got, repairs = _subject(lines)
    assert got == value and not repairs


@pytest.mark.parametrize("lines,value", [
    ("(U)\nNorway: Storm Damage at the Old Air Station\n", "(U) Norway: Storm Damage at the Old Air Station"),
    ("(C) NATO/RUSSIA:\nAllies Discuss the Barents Exercise\n", "(C) NATO/RUSSIA: Allies Discuss the Barents Exercise"),
    ("NORWAY: MINISTER MEETS FISHERIES COMMISSIONER HANSEN,\nDiscusses Quotas\n",
     "NORWAY: MINISTER MEETS FISHERIES COMMISSIONER HANSEN, Discusses Quotas"),
    ("SCENESETTER FOR THE VISIT OF CODEL DOE TO\nOslo, Bergen and Tromso\n",
     "SCENESETTER FOR THE VISIT OF CODEL DOE TO Oslo, Bergen and Tromso"),
])
def test_a_mixed_case_subject_whose_first_line_is_no_whole_subject_stays_whole(lines: str, value: str) -> None:
    """The upper-case part is a mark alone, or ends on ':', ',' or a joining
    word: the drafter went on in mixed case, and nothing is cut."""
    got, repairs = _subject(lines)
    assert got == value and not repairs


def test_a_whole_copys_subject_loses_its_stray_line_too() -> None:
    """Review s7 S2: a first copy cut at "FISH...", then the whole copy whose
    SUBJECT wraps and is followed by a line in small letters: the cable's
    SUBJECT is the whole copy's, cut as the first copy's would be."""
    cut = TOP + "SUBJECT: NORWAY WEIGHS A NEW ROLE IN THE FISH...\n\n\n"
    whole = TOP + "SUBJECT: NORWAY WEIGHS A NEW ROLE IN THE\nFISHERIES TALKS\nWhere do the talks go from here? A look back\n"
    doc = parse(Source("x.txt", cut + whole + REST))
    assert doc.subject.value == "NORWAY WEIGHS A NEW ROLE IN THE FISHERIES TALKS"
    assert doc.text[doc.subject.span.start:doc.subject.span.end].endswith("FISHERIES TALKS")
    assert [r.name for r in doc.repairs if r.name in ("whole-copy", "stray-subject-line")] == ["whole-copy",
                                                                                             "stray-subject-line"]
