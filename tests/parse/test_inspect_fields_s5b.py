"""Fields the third inspect audit found misread, each on a short text written for the test:
a Classified By title that names an office and ends in its symbol in parentheses, a typo for
"for" before the reasons, a lower-case `Ref: a.` list whose items sit apart, and a page marker
run on at the end of a REF line."""
from __future__ import annotations

import pytest


from inspect_helpers import name_and_title, parse_text

HEAD = "C O N F I D E N T I A L OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\n"


def _clby(line: str) -> tuple[str | None, str | None]:
    return name_and_title(HEAD, line)


@pytest.mark.parametrize("line, name, title", [
    ("CLASSIFIED BY ACTING U/S FOR PUBLIC DIPLOMACY AND PUBLIC AFFAIRS (R) JOHN Q. ROE, REASONS, 1.4 (B) AND (D).",
     "JOHN Q. ROE", "ACTING U/S FOR PUBLIC DIPLOMACY AND PUBLIC AFFAIRS (R)"),
    ("Classified By: Assistant Secretary for Oceans and International Environmental Affairs (OES) Jane Roe, "
     "reasons 1.4 (b)", "Jane Roe", "Assistant Secretary for Oceans and International Environmental Affairs (OES)"),
    ("CLASSIFIED BY ACTING U/S FOR ARMS CONTROL AND NONPROLIFERATION (T) JOHN Q. ROE, REASONS, 1.4 (B) AND (D).",
     "JOHN Q. ROE", "ACTING U/S FOR ARMS CONTROL AND NONPROLIFERATION (T)"),
    ("Classified By: CDA John Doe nor reasons 1.4 (b) and (d).", "John Doe", "CDA"),
    ("Classified By: Ambassador Jane Roe fro reasons 1.4 (b)", "Jane Roe", "Ambassador"),
])
def test_the_name_is_told_from_a_long_title_and_a_typo(line: str, name: str, title: str) -> None:
    assert _clby(line) == (name, title)


@pytest.mark.parametrize("line, name, title", [
    ("Classified By: Ambassador John Nor, reasons 1.4 (b)", "John Nor", "Ambassador"),  # a name, not a typo
    ("Classified By: DCM John (Jack) Doe, reasons 1.4 (b)", "John (Jack) Doe", "DCM"),  # a nickname, not a symbol
])
def test_a_name_that_looks_like_the_new_cases_is_kept(line: str, name: str, title: str) -> None:
    assert _clby(line) == (name, title)


def _refs(ref_lines: str) -> list[str]:
    doc = parse_text(HEAD + "SUBJECT: TALKS\n\n" + ref_lines + "\n\nClassified By: DCM John Doe, reasons 1.4 (b)\n\n1. (C) Text.\n")
    for t in doc.refs:  # each value is read from the text it spans
        assert " ".join(doc.text[t.span.start:t.span.end].split()) == t.value
    return [t.value for t in doc.refs]


@pytest.mark.parametrize("ref_lines, refs", [
    ("Ref: a. Oslo 131\n\n¶B. Bergen 17", ["a. Oslo 131", "B. Bergen 17"]),
    ("Ref: a. Oslo 131\nb. Oslo 140\nc. Bergen 17", ["a. Oslo 131", "b. Oslo 140", "c. Bergen 17"]),
    ("Refs: A) Oslo 12; B) Oslo 19", ["A) Oslo 12", "B) Oslo 19"]),
    ("Ref: State 129764", ["State 129764"]),
])
def test_a_lower_cased_exports_ref_list_is_read(ref_lines: str, refs: list[str]) -> None:
    assert _refs(ref_lines) == refs


def test_a_second_copy_of_the_ref_line_is_not_read_again() -> None:
    assert _refs("REF: 07 OSLO 798\n\nTags: prel, no\nSubject: talks\n\nRef: 07 oslo 798") == ["07 OSLO 798"]


@pytest.mark.parametrize("ref_lines", [
    "Ref to the talks was made.",  # title case without a colon: a word of the text
    "Reference: none",
])
def test_text_starting_with_ref_is_no_ref(ref_lines: str) -> None:
    assert _refs(ref_lines) == []


def _pages(text: str) -> list[tuple[int, int, int]]:
    doc = parse_text(text)
    return [(s.number, s.total, doc.text.count("\n", 0, s.span.start) + 1) for s in doc.sections]


def test_a_page_marker_run_on_after_a_ref_line_is_a_page() -> None:
    text = ("C O N F I D E N T I A L SECTION 01 OF 02 OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\n"
            "SUBJECT: TALKS\n\nREF: A. OSLO 12\nB. OSLO 19 OSLO 00000123 001.2 OF 002\n\n"
            "Classified By: DCM John Doe, reasons 1.4 (b)\n\n1. (C) Text.\n")
    doc = parse_text(text)
    assert [t.value for t in doc.refs] == ["A. OSLO 12", "B. OSLO 19"]
    assert _pages(text) == [(1, 2, 1), (1, 2, 7)]


def test_a_page_marker_after_a_ref_run_into_the_subject_is_a_page() -> None:
    text = ("C O N F I D E N T I A L SECTION 01 OF 02 OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\n"
            "SUBJECT: TALKS REF: A) OSLO 12; B) OSLO 19 OSLO 00000123 001.2 OF 002\n\n1. (C) Text.\n")
    doc = parse_text(text)
    assert [t.value for t in doc.refs] == ["A) OSLO 12", "B) OSLO 19"]
    assert _pages(text) == [(1, 2, 1), (1, 2, 4)]


@pytest.mark.parametrize("tail, name", [
    ("2. (C) Text.\n\nROE\n\nNnnn\n\n\nEnd Cable Text\n", "ROE"),  # a lower-cased export's trailers
    ("2. (C) Text.\n\nROE\nNNNN\nEND CABLE TEXT\n", "ROE"),
])
def test_an_exports_end_cable_text_trailer_is_no_signature(tail: str, name: str) -> None:
    doc = parse_text(HEAD + "SUBJECT: TALKS\n\n1. (C) Text.\n\n" + tail)
    assert doc.signature is not None and doc.signature.value == name
