"""Fields the s9 inspect audits (s9c, s9e, s9f) left misread, each on a short text written for the
test, and each checked once on the real cable the audit named (skipped without ../shared)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from inspect_helpers import ENGINE, name_title_office, parse_text
from cablelint.api import lint_text
from cablelint.document_dict import document_dict
from cablelint.inspect_view import inspect_text
from cablelint.source import Source, read

HEAD = "C O N F I D E N T I A L OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"


def _clby(statement: str) -> tuple[str | None, str | None, str | None]:
    return name_title_office(HEAD, statement)


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


UNCLAS = "UNCLAS OSLO 000123\n\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: PREL NO\nSUBJECT: REPLY TO THE QUESTIONNAIRE\n\n"


def _reply(*paras: str) -> str:
    return UNCLAS + "".join(p + "\n\n" for p in paras)


def test_a_range_numbered_paragraph_is_one_paragraph_with_its_mark() -> None:
    doc = parse_text(_reply("1. (U) One.", "2. (U) Two.", "3-5. (U) Not applicable.", "6. (U) Six."))
    got = [(p.number, p.number_last, p.portion.raw if p.portion else None) for p in doc.paragraphs]
    assert got == [(1, None, "U"), (2, None, "U"), (3, 5, "U"), (6, None, "U")]
    third = doc.paragraphs[2].number_token
    assert doc.text[third.span.start:third.span.end] == "3-5" and third.value == third.raw == "3-5"
    assert "3-5(U)@" in inspect_text(document_dict(doc))


def _numbering(text: str) -> list[str]:
    return [f.message for f in lint_text(text, "t.txt", engine=ENGINE) if f.rule in ("CL502", "CL922")]


def test_the_numbering_goes_on_after_a_range_s_last_number() -> None:
    assert _numbering(_reply("1. (U) One.", "2. (U) Two.", "3-5. (U) Not applicable.", "6. (U) Six.")) == []
    gap = _numbering(_reply("1. (U) One.", "2-4. (U) Not applicable.", "5. (U) Five.", "7. (U) Seven."))
    assert gap == ["paragraph 7 follows 5: number 6 is skipped"]


@pytest.mark.parametrize("line", [
    "7-9. (U) Not applicable.",      # does not go on from paragraph 2
    "3-5. Not applicable.",          # no portion mark
    "3-40. (U) Not applicable.",     # more questions than one answer takes
    "3-2. (U) Not applicable.",      # no range
])
def test_a_range_outside_the_numbering_is_no_paragraph(line: str) -> None:
    doc = parse_text(_reply("1. (U) One.", "2. (U) Two.", line))
    assert [p.number for p in doc.paragraphs] == [1, 2]


def test_real_range_numbered_reply(corpus_dir: Path) -> None:
    """10CAIRO209 answers questions 4-14, 4-12, 4-7 and 4-5 at once under each heading."""
    paras = ENGINE.parse(read(corpus_dir / "10CAIRO209.txt")).paragraphs
    ranges = [(p.number, p.number_last, p.portion.raw) for p in paras if p.number_last is not None]
    assert ranges == [(4, 14, "U")] * 2 + [(4, 12, "U")] * 3 + [(4, 7, "U"), (4, 5, "U")]


CONF = "C O N F I D E N T I A L OSLO 000123\n\nSIPDIS\n\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"


@pytest.mark.parametrize("line, reasons", [
    ("Derived from: DSCG 05-1, B,D", ["b", "d"]),
    ("DERIVED FROM: DSCG 05-1 B, D", ["b", "d"]),
    ("Derived From: OSLO SCG 2-01, (b) and (d).", ["b", "d"]),
    ("Derived From: DSCG 05-1, 1.4 (b), (d)", ["b", "d"]),
    ("Derived From: DSCG 05-1", []),
    ("Derived From: Multiple Sources", []),
    ("Derived From: State SCG Part A", []),       # one letter after a blank: the source's own
    ("Derived From: CIA SCG, Section A", []),     # a word before the letter
])
def test_reasons_on_a_derived_from_line(line: str, reasons: list[str]) -> None:
    doc = parse_text(CONF + line + "\n\n1. (C) Text.\n")
    assert doc.classified_by is None and doc.fields["Derived From"].value == line.split(": ", 1)[1]
    assert [r.value for r in doc.derived_reasons] == reasons
    assert all(doc.text[r.span.start:r.span.end].lower() == r.value for r in doc.derived_reasons)


def test_inspect_shows_the_derived_from_line_and_its_reasons() -> None:
    d = document_dict(parse_text(CONF + "Derived from: DSCG 05-1, B,D\n\n1. (C) Text.\n"))
    assert d["derived_from"] == {"source": "DSCG 05-1, B,D", "reasons": ["b", "d"], "line": 9}
    assert "  Derived From:   'DSCG 05-1, B,D' reasons b,d (line 9)" in inspect_text(d)


def test_real_derived_from_glued_to_the_subject(corpus_dir: Path) -> None:
    """10TRIPOLI62 l.28: `SUBJECT: ... MORE FANFARE THAN Derived from: DSCG 05-1, B,D`."""
    doc = ENGINE.parse(read(corpus_dir / "10TRIPOLI62.txt"))
    assert [r.value for r in doc.derived_reasons] == ["b", "d"]


PARTIAL = ("C O N F I D E N T I A L OSLO 000123\n\nE.O. 12958: DECL: 03/10/2015\nTAGS: PREL NO\nSUBJECT: (C) TALKS\n\n"
           "{row}\n\nClassified By: Ambassador Jane Roe, reasons 1.4 (b)\n\n1. (C) Text.\n")


def _dated(row: str, name: str = "05OSLO123.txt") -> tuple[object, list[str]]:
    doc = ENGINE.parse(Source(path=name, text=PARTIAL.format(row=row)))
    first = doc.date_evidence[0].value if doc.date_evidence else None
    return first, [r.detail for r in doc.repairs if r.name == "archive-date"]


@pytest.mark.parametrize("row", [
    "C..3/10/2005 16:26 C O N F I D E N T I A L OSLO 000123",   # run into a header copy
    "12055,3/10/2005 16:26,05OSLO123,\"Embassy Oslo\",CONFIDENTIAL",  # the CSV row naming this cable
    "id: 16485\ndate: 3/10/2005 16:26\nrefid: 05OSLO123",
])
def test_the_archive_s_date_dates_a_cable_that_gives_none_with_a_note(row: str) -> None:
    value, notes = _dated(row)
    assert value == dt.date(2005, 3, 10)
    assert notes == ["date 2005-03-10 read from the archive's row (its date and time): the text gives no date of its own"]


@pytest.mark.parametrize("row, name", [
    ("id: 16485\ndate: 3/10/2005 16:26\nrefid: 05OSLO99", "05OSLO123.txt"),  # another cable's row
    ("C..3/10/2004 16:26 C O N F I D E N T I A L", "05OSLO123.txt"),          # not the cable id's year
    ("C..3/10/2005 16:26 C O N F I D E N T I A L", "cable.txt"),              # no cable id to check it by
])
def test_an_archive_date_that_may_be_another_cable_s_is_not_taken(row: str, name: str) -> None:
    value, notes = _dated(row, name)
    assert value in (dt.date(2005, 1, 1), None) and notes == []


def test_a_dtg_wins_over_the_archive_s_date() -> None:
    text = "R 121200Z MAR 05\n" + PARTIAL.format(row="C..3/10/2005 16:26")
    doc = ENGINE.parse(Source(path="05OSLO123.txt", text=text))
    assert doc.date_evidence[0].value == dt.date(2005, 3, 12) and not [r for r in doc.repairs if r.name == "archive-date"]


def test_real_archive_date_in_a_run_on_header(corpus_dir: Path) -> None:
    """05PRAGUE356 l.13: `C..3/10/2005 16:26 C O N F I D E N T I A L PRAGUE 000356 ...` (DECL 03/10/2015)."""
    doc = ENGINE.parse(read(corpus_dir / "05PRAGUE356.txt"))
    assert doc.date_evidence[0].value == dt.date(2005, 3, 10) and doc.date_evidence[0].source == "metadata"


SUBJECT_HEAD = ("S E C R E T SECTION 01 OF 02 OSLO 000123\n\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\n"
                "SUBJECT: SCENESETTER FOR THE SECRETARY'S VISIT TO OSLO\n\n"
                "Classified By: Ambassador Jane Roe, reasons 1.4 (b)\n\n")


def _glued_subject_notes(body: str) -> list[str]:
    doc = parse_text(SUBJECT_HEAD + body)
    return [doc.text[r.span.start:r.span.end] for r in doc.repairs if r.name == "glued-subject"]


@pytest.mark.parametrize("body, glued", [
    # run onto a paragraph cut short, its blanks partly lost
    ("1. (C) The talks went on and although more contrib SUBJECT: SCENESETTER FOR THE SECRETARY'S VISITTO OSLO\n"
     "\n2. (C) More.\n", "SUBJECT: SCENESETTER FOR THE SECRETARY'S VISITTO OSLO"),
    # after a glued page mark, cut mid-word, the paragraph going on after it
    ("1. (C) We encourage all OSLO 00000123 002 OF 002 SUBJECT: SCENESETTER FOR THE SECRETARY'S VIS states to act.\n"
     "\n2. (C) More.\n", "SUBJECT: SCENESETTER FOR THE SECRETARY'S VIS"),
    # the vocabulary's other SUBJECT labels (subject_labels: SUBJ) and the capitalised form
    ("1. (C) The talks went on and more contrib SUBJ: SCENESETTER FOR THE SECRETARY'S VISIT TO OSLO\n",
     "SUBJ: SCENESETTER FOR THE SECRETARY'S VISIT TO OSLO"),
    ("1. (C) The talks went on and more contrib Subject: Scenesetter for the Secretary's visit\n",
     "Subject: Scenesetter for the Secretary's visit"),
])
def test_the_subject_repeated_inside_a_line_of_the_body_is_noted(body: str, glued: str) -> None:
    assert _glued_subject_notes(body) == [glued]


@pytest.mark.parametrize("body", [
    "1. (C) The cable with SUBJECT: SCENESETTER FOR A VISIT TO BERGEN was another.\n",  # another subject
    "1. (C) We met.\n\nSUBJECT: SCENESETTER FOR THE SECRETARY'S VISIT TO OSLO\n",       # a line of its own
    "1. (C) Text.\n\nTAGS: PREL SUBJECT: SCENESETTER FOR THE SECRETARY'S VISIT TO OSLO\n",  # a header run on
    "1. (C) On this subject: SCENESETTER FOR THE SECRETARY'S VISIT TO OSLO\n",  # in small letters: a word of the text
])
def test_other_subject_labels_in_the_body_are_not_noted(body: str) -> None:
    assert _glued_subject_notes(body) == []


def test_real_subject_repeat_glued_into_a_paragraph(corpus_dir: Path) -> None:
    """09BRUSSELS1580 l.28: `... further increases in military contrib SUBJECT: SCENESETTER FOR ...`."""
    doc = ENGINE.parse(read(corpus_dir / "09BRUSSELS1580.txt"))
    notes = [r for r in doc.repairs if r.name == "glued-subject"]
    assert len(notes) == 1 and doc.source.line_col(notes[0].span.start)[0] == 28


def _clby_notes(statement: str) -> list[str]:
    doc = parse_text(HEAD + statement + "\n\n1. (C) Text.\n")
    return [r.detail for r in doc.repairs if r.name == "wrapped-field" and r.detail.startswith("Classified By")]


@pytest.mark.parametrize("statement, lines", [
    ("Classified By: Ambassador Jane Roe for reasons\n1.4 (b) and (d).", 2),    # the reasons on the next line
    ("Classified By: Ambassador Jane Roe for reasons 1.4 (b)\nand (d).", 2),    # the list goes on there
    ("CLASSIFIED BY: Jane Roe, Ambassador; REASON: 1.4(A), (B),\n(D)", 2),
])
def test_every_statement_read_with_its_reasons_over_lines_is_noted(statement: str, lines: int) -> None:
    assert _clby_notes(statement) == [f"Classified By read over {lines} lines"]


def test_a_statement_on_one_line_has_no_wrapped_note() -> None:
    assert _clby_notes("Classified By: Ambassador Jane Roe for reasons 1.4 (b) and (d).") == []


def test_the_csv_backslash_lines_after_a_statement_are_not_read_into_it() -> None:
    """A CSV export ends every line with a backslash: a line holding only one is blank."""
    doc = parse_text(HEAD + "Classified By: Ambassador Jane Roe. \\\nReasons: 1.4 (b) and (d) \\\n \\\n------- \\\n"
                     "Summary \\\n \\\n1. (C) Text.\n")
    cb = doc.classified_by
    assert doc.text[cb.span.start:cb.span.end].endswith("(d) \\") and [r.value for r in cb.reasons] == ["b", "d"]
    assert [r.detail for r in doc.repairs if r.name == "wrapped-field"] == ["Classified By read over 2 lines"]


def test_real_statement_over_two_lines_among_csv_debris(corpus_dir: Path) -> None:
    """07BOGOTA4029 l.58-59 (`... John S. Creamer. \\` / `Reasons: 1.4 (b) and (d) \\`), then ` \\` lines."""
    doc = ENGINE.parse(read(corpus_dir / "07BOGOTA4029.txt"))
    notes = [r.detail for r in doc.repairs if r.name == "wrapped-field" and "Classified By" in r.detail]
    assert notes == ["Classified By read over 2 lines"]
    assert doc.source.line_col(doc.classified_by.span.end)[0] == 59
