"""A parenthesised organisation code heading a topic ("3. (UN) Climate
Conference") is not an unknown portion mark (issue 9, fullaudit-c cause 3).
Short cables written for these tests."""
from __future__ import annotations

from cablelint import lint_text, make_engine
from cablelint.parse import parse
from cablelint.source import Source

ENGINE = make_engine(rules=["state"])
UNCLAS = ("UNCLAS BERLIN 001054\n\nE.O. 12958: N/A\nTAGS: OPRC KMDR GM\nSUBJECT: MEDIA REACTION\n\n"
          "1. Lead Stories Summary\n\nThe papers led with the elections.\n\n"
          "2. (Japan) Election Outcome\n\nThe papers wrote about Japan.\n\n"
          "3. (UN) Climate Conference\n\nThe papers wrote about the climate.\n")


def test_an_organisation_code_in_the_marks_place_is_a_topic_label() -> None:
    doc = parse(Source("x.txt", UNCLAS))
    assert [(p.number, p.portion) for p in doc.paragraphs] == [(1, None), (2, None), (3, None)]
    assert [f.rule for f in lint_text(UNCLAS, "x.txt", engine=ENGINE) if f.rule == "CL103"] == []


def test_a_typo_of_a_mark_is_still_read_as_an_unknown_mark() -> None:
    text = UNCLAS.replace("(UN)", "(SE)").replace("UNCLAS BERLIN", "S E C R E T BERLIN")
    doc = parse(Source("x.txt", text))
    assert doc.paragraphs[2].portion is not None and doc.paragraphs[2].portion.raw == "SE"
