"""A Classified By name the export broke mid-word at a line end ("Michae" /
"l Roe"): the name is read whole and the join recorded as a `wrapped-field`
repair; a whole word after the break ("for", "de") is not joined to the name."""
from __future__ import annotations

import pytest

from cablelint import make_engine
from cablelint.document import Document
from cablelint.source import Source

HEAD = "C O N F I D E N T I A L OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\n"


def _doc(statement: str) -> Document:
    return make_engine().parse(Source(path="t.txt", text=HEAD + "SUBJECT: TALKS\n\n" + statement + "\n\n1. (C) Text.\n"))


@pytest.mark.parametrize("statement, name", [
    ("Classified By: Political Counselor Michae\nl Roe for reasons 1.4 (b) and (d).", "Michael Roe"),
    ("Classified By: Acting Assistant Secretary for European Affairs Peter Y\nates, 1.4 (b/d).", "Peter Yates"),
])
def test_a_name_broken_mid_word_is_joined_and_the_repair_recorded(statement: str, name: str) -> None:
    doc = _doc(statement)
    cb = doc.classified_by
    assert cb.name is not None and cb.name.value == name
    got = [r for r in doc.repairs if r.name == "wrapped-field" and r.span == cb.name.span]
    assert len(got) == 1 and "\n" in doc.text[got[0].span.start:got[0].span.end]


@pytest.mark.parametrize("statement, name", [
    ("Classified By: Political Counselor Jane Roe\nfor reasons 1.4 (b) and (d).", "Jane Roe"),
    ("Classified By: Ambassador Jean\nde Roe, reasons 1.4 (b) and (d).", "Jean de Roe"),
    ("Classified By: Political Counselor Jane\nRoe, reasons 1.4 (b) and (d).", "Jane Roe"),
])
def test_a_whole_word_after_the_break_stands_alone(statement: str, name: str) -> None:
    doc = _doc(statement)
    assert doc.classified_by.name is not None and doc.classified_by.name.value == name
    assert not [r for r in doc.repairs if r.span == doc.classified_by.name.span]


def test_a_title_broken_mid_word_is_joined_and_the_repair_recorded() -> None:
    doc = _doc("Classified By: Jane Roe, Minister-Counselor for Economic Affa\nirs, for reasons 1.4 (b) and (d).")
    cb = doc.classified_by
    assert cb.name is not None and cb.name.value == "Jane Roe"
    assert cb.title is not None and cb.title.value == "Minister-Counselor for Economic Affairs"
    assert [r.name for r in doc.repairs if r.span == cb.title.span] == ["wrapped-field"]
