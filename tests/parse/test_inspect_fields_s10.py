"""Fields the s9 inspect audits (s9c, s9e, s9f) left misread, each on a short text written for the
test, and each checked once on the real cable the audit named (skipped without ../shared)."""
from __future__ import annotations

from pathlib import Path

import pytest

from inspect_helpers import ENGINE, parse_text
from cablelint.document_dict import document_dict
from cablelint.inspect_view import inspect_text
from cablelint.source import read

HEAD = "C O N F I D E N T I A L OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"


def _clby(statement: str) -> tuple[str | None, str | None, str | None]:
    cb = parse_text(HEAD + statement + "\n\n1. (C) Text.\n").classified_by
    return tuple(t.value if t else None for t in (cb.name, cb.title, cb.office))  # type: ignore[return-value]


@pytest.mark.parametrize("statement, name, title, office", [
    ("CLASSIFIED BY: Jane Roe, CDA, U.S. Embassy - Oslo, Dept of State. REASON: 1.4 (b), (d)",
     "Jane Roe", "CDA", "U.S. Embassy - Oslo, Dept of State"),
    ("Classified By: Jane Q. Roe, Ambassador, DOS, EXEC; REASON: 1.4(B), (D)", "Jane Q. Roe", "Ambassador", "DOS, EXEC"),
    # "ad interim" after a comma is the position's, not the office's
    ("CLASSIFIED BY: Jane Roe, Charge d'Affaires, a.i., Embassy Oslo, State; REASON: 1.4(B)",
     "Jane Roe", "Charge d'Affaires, a.i.", "Embassy Oslo, State"),
    # wrapped: the office read over the line break, the export's backslash dropped
    ("CLASSIFIED BY: Jane Roe, Ambassador, Embassy Oslo, \\\nDepartment of State; REASON: 1.4(B)",
     "Jane Roe", "Ambassador", "Embassy Oslo, Department of State"),
])
def test_the_smart_layout_gives_the_position_as_title_and_the_rest_as_office(
        statement: str, name: str, title: str, office: str) -> None:
    assert _clby(statement) == (name, title, office)


@pytest.mark.parametrize("statement, title", [
    ("CLASSIFIED BY: Jane Roe, Charge d'Affaires, a.i.; REASON: 1.4(B)", "Charge d'Affaires, a.i"),
    ("Classified By: Jane Roe, Acting DCM, reasons 1.4 (b)", "Acting DCM"),
    ("Classified By: Political Counselor Jane Roe, Embassy Oslo, reasons 1.4 (b)", "Political Counselor"),
    # no title word anywhere: a surname-first name read wrongly ("Roe,Jane") is not made a position
    ("Classified By: Roe,Jane, PolEcon-Chief, reasons 1.4 (b)", "Jane, PolEcon-Chief"),
])
def test_a_title_outside_the_smart_layout_keeps_no_office(statement: str, title: str) -> None:
    assert _clby(statement)[1:] == (title, None)


def test_inspect_shows_the_office_as_its_own_field() -> None:
    doc = parse_text(HEAD + "CLASSIFIED BY: Jane Roe, CDA, Embassy Oslo, State; REASON: 1.4(B)\n\n1. (C) Text.\n")
    d = document_dict(doc)
    assert (d["classified_by"]["title"], d["classified_by"]["office"]) == ("CDA", "Embassy Oslo, State")
    text = inspect_text(d)
    assert "(CDA)" in text and "  office:         Embassy Oslo, State" in text


def test_no_office_line_without_an_office() -> None:
    d = document_dict(parse_text(HEAD + "Classified By: Jane Roe, CDA, reasons 1.4 (b)\n\n1. (C) Text.\n"))
    assert d["classified_by"]["office"] is None and "office:" not in inspect_text(d)


@pytest.mark.parametrize("cable, title, office", [
    ("08TRIPOLI515", "CDA", "U.S. Embassy - Tripoli, Dept of State"),
    ("09SAOPAULO663", "Consul General", "State Department, Consul General"),
    ("10NAIROBI59", "Ambassador", "DOS, EXEC"),
])
def test_real_smart_statements(corpus_dir: Path, cable: str, title: str, office: str) -> None:
    cb = ENGINE.parse(read(corpus_dir / f"{cable}.txt")).classified_by
    assert (cb.title.value, cb.office.value) == (title, office)
