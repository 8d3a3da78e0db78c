"""Fields the s9c inspect audit found misread, each on a short text written for the test."""
from __future__ import annotations

import pytest

from inspect_helpers import ENGINE, parse_text
from cablelint.api import lint_text

SECRET_HEAD = ("S E C R E T OSLO 000123\n\nSIPDIS\n\nE.O. 12958: DECL: 01/30/2030\nTAGS: PREL NO\n"
               "SUBJECT: TALKS\n\n")


@pytest.mark.parametrize("statement, cut", [
    ("Classified By: Political Counselor Jane Roe. Reasons: 1.4 (b) an\nd (d).", "('an' / 'd')"),
    ("Classified By: Political Counselor Jane Roe. Reasons: 1.4 (b) a\nnd (d).", "('a' / 'nd')"),
])
def test_reasons_wrapped_inside_their_and_are_read_whole_with_a_note(statement: str, cut: str) -> None:
    doc = parse_text(SECRET_HEAD + statement + "\n\n1. (S) Text.\n")
    cb = doc.classified_by
    assert [r.value for r in cb.reasons] == ["b", "d"] and cb.name.value == "Jane Roe"
    notes = [r for r in doc.repairs if r.name == "wrapped-field" and "read over" not in r.detail]  # see s10
    assert len(notes) == 1 and cut in notes[0].detail and "line end" in notes[0].detail
    assert "\n" in doc.text[notes[0].span.start:notes[0].span.end]


def test_a_blank_split_and_on_one_line_keeps_its_own_note() -> None:
    doc = parse_text(SECRET_HEAD + "Classified By: Consul Jane Roe, reasons 1.4 (b) an d (d).\n\n1. (S) Text.\n")
    notes = [r.detail for r in doc.repairs if r.name == "wrapped-field"]
    assert [r.value for r in doc.classified_by.reasons] == ["b", "d"]
    assert notes == ["Classified By reasons: the word 'and' split by a blank ('an d') read as 'and'"]


@pytest.mark.parametrize("after", ["Andrew (D) came too.", "dinner (and more) followed.", "de Roe came too."])
def test_a_line_after_reasons_ending_in_a_word_is_not_joined(after: str) -> None:
    """"an" needs "d" and a reason letter on the next line; another word there stays out."""
    doc = parse_text(SECRET_HEAD + "Classified By: Consul Jane Roe, reasons 1.4 (b) an\n" + after +
                     "\n\n1. (S) Text.\n")
    assert [r.value for r in doc.classified_by.reasons] == ["b"]
    assert not [r for r in doc.repairs if r.name == "wrapped-field"]


UNCLAS_HEAD = "UNCLAS OSLO 000123\n\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"


@pytest.mark.parametrize("ref, second", [
    ("(A) 05/02/09 Roe-Doe e-mail and telcon(B) OSLO 0445", "(B) OSLO 0445"),
    ("(A) STATE 1234(B) 08 NEW DELHI 77", "(B) 08 NEW DELHI 77"),
])
def test_a_ref_item_label_glued_to_the_entry_before_is_split_with_a_note(ref: str, second: str) -> None:
    doc = parse_text(UNCLAS_HEAD + "REF: " + ref + "\n\n1. (U) Text.\n")
    assert [r.value for r in doc.refs] == [ref[:ref.index(second)], second]
    assert doc.text[doc.refs[1].span.start:doc.refs[1].span.end] == second
    notes = [r for r in doc.repairs if r.name == "glued-ref-item"]
    assert len(notes) == 1 and doc.text[notes[0].span.start:notes[0].span.end] == "(B)"


@pytest.mark.parametrize("ref", [
    "(A) Roe-Doe e-mail and telcon(C) OSLO 0445",   # not the next letter
    "(A) Roe-Doe e-mail and telcon(B) discussed",    # no reference after it
    "(A) Roe-Doe e-mail and telcon(B) PARA 4",       # a pointer into the entry, no post
])
def test_a_glued_label_that_does_not_go_on_with_the_list_stays_in_the_entry(ref: str) -> None:
    doc = parse_text(UNCLAS_HEAD + "REF: " + ref + "\n\n1. (U) Text.\n")
    assert [r.value for r in doc.refs] == [ref]
    assert not [r for r in doc.repairs if r.name == "glued-ref-item"]


def test_a_spaced_label_gets_no_glued_note() -> None:
    doc = parse_text(UNCLAS_HEAD + "REF: (A) STATE 1234 (B) OSLO 55\n\n1. (U) Text.\n")
    assert [r.value for r in doc.refs] == ["(A) STATE 1234", "(B) OSLO 55"]
    assert not [r for r in doc.repairs if r.name == "glued-ref-item"]


ROUTED_TOP = ("R 011415Z NOV 07\nFM AMEMBASSY OSLO\nTO RUEHC/SECSTATE WASHDC 7365\n"
              "INFO RUEHZZ/NORDIC COUNCIL COLLECTIVE\nRUCPDOC/USDOC WASHDC ROUTINE\n")
ROUTED_HEAD = ROUTED_TOP + "UNCLAS OSLO 000123\n\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: ECON NO\n"


@pytest.mark.parametrize("again", [
    "UNCLAS OSLO 000123 SIPDIS SENSITIVE STATE FOR EUR/NB E.O. 12958: N/A TAGS: ECON NO",
    "C O N F I D E N T I A L OSLO 000123",
    "UNCLAS SECTION 01 OF 02 OSLO 000123",
])
def test_a_subject_stops_at_a_line_opening_with_a_banner(again: str) -> None:
    doc = parse_text(ROUTED_HEAD + "SUBJECT: NORWAY: FISH TALKS\n" + again + "\n\n1. (U) Text.\n")
    assert doc.subject.value == "NORWAY: FISH TALKS"


def test_the_header_written_again_run_on_under_the_subject_is_header_not_body() -> None:
    """The subject stops before the copy, and the body still starts at paragraph 1 (the copy's fields are the
    header's: CL910 reads the run-together line)."""
    copy = ("UNCLAS OSLO 000123 SIPDIS SENSITIVE SIPDIS STATE FOR EUR/NB, EEB STATE PASS TO USTR FOR JANE ROE "
            "USDOC 4520/ITA/MAC/ONE FOR JOHN DOE E.O. 12958: N/A TAGS: ECON NO")
    text = ROUTED_HEAD + "SUBJECT: NORWAY: FISH TALKS\n" + copy + "\n\n1. (U) Text.\n"
    doc = parse_text(text)
    assert doc.source.line_col(doc.body_start)[0] == text.count("\n", 0, text.index("1. (U)")) + 1
    found = [f for f in lint_text(text, "t.txt", engine=ENGINE) if f.rule in ("CL910", "CL933")]
    assert found and found[0].line == text.count("\n", 0, text.index(copy)) + 1


@pytest.mark.parametrize("wrap", ["SECRET TALKS ON QUOTAS", "UNCLASSIFIED REPORT 2009 ON QUOTAS"])
def test_a_subject_wrapped_onto_a_line_opening_with_a_level_word_goes_on(wrap: str) -> None:
    doc = parse_text(ROUTED_HEAD + "SUBJECT: NORWAY: THE\n" + wrap + "\n\n1. (U) Text.\n")
    assert doc.subject.value == "NORWAY: THE " + wrap


def test_routing_address_lines_run_into_the_subject_are_noted() -> None:
    doc = parse_text(ROUTED_HEAD + "SUBJECT: NORWAY: NORDIC COUNCIL COLLECTIVERUCPDOC/USDOC WASHDC ROUTINE\n\n"
                     "1. (U) Text.\n")
    assert doc.subject.value == "NORWAY: NORDIC COUNCIL COLLECTIVERUCPDOC/USDOC WASHDC ROUTINE"
    notes = [r for r in doc.repairs if r.name == "routing-in-subject"]
    assert [r.detail for r in notes] == ["SUBJECT holds routing header text: line 5 ('RUCPDOC/USDOC WASHDC ROUTINE') "
                                         "after words line 4 ends with ('NORDIC COUNCIL COLLECTIVE'); read as written"]
    assert doc.text[notes[0].span.start:notes[0].span.end] == "NORDIC COUNCIL COLLECTIVERUCPDOC/USDOC WASHDC ROUTINE"


def test_a_subject_naming_an_office_is_no_routing_text() -> None:
    doc = parse_text(ROUTED_HEAD + "SUBJECT: NORWAY: USDOC WASHDC VISIT\n\n1. (U) Text.\n")
    assert not [r for r in doc.repairs if r.name == "routing-in-subject"]


CONF_HEAD = ("CONFIDENTIAL SECTION 01 OF 02 OSLO 000123\n\nSIPDIS\n\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\n"
             "SUBJECT: TALKS\n\n")


@pytest.mark.parametrize("ref, entries", [
    ("REF: STATE 119783   OSLO 00000123  001.2 OF 002   ", ["STATE 119783"]),
    ("REF: A) OSLO 258; B) OSLO 485 OSLO 00000123 001.2 OF 002", ["A) OSLO 258", "B) OSLO 485"]),
])
def test_a_page_mark_run_into_the_ref_line_is_noted_and_kept_out_of_the_entry(ref: str, entries: list[str]) -> None:
    doc = parse_text(CONF_HEAD + ref + "\n\nClassified By: Consul Jane Roe, reasons 1.4 (b)\n\n1. (C) Text.\n")
    assert [r.value for r in doc.refs] == entries
    assert [(s.number, s.total, s.kind) for s in doc.sections if s.kind == "page"] == [(1, 2, "page")]
    notes = [r for r in doc.repairs if r.name == "glued-page-mark"]
    assert [r.detail for r in notes] == ["page mark 1 OF 2 read from inside the REF line, kept out of its entry"]
    assert " ".join(doc.text[notes[0].span.start:notes[0].span.end].split()) == "OSLO 00000123 001.2 OF 002"


def test_a_page_mark_on_its_own_line_after_the_ref_gets_no_glued_note() -> None:
    doc = parse_text(CONF_HEAD + "REF: STATE 119783\n\nOSLO 00000123  001.2 OF 002\n\n"
                     "Classified By: Consul Jane Roe, reasons 1.4 (b)\n\n1. (C) Text.\n")
    assert [r.value for r in doc.refs] == ["STATE 119783"]
    assert not [r for r in doc.repairs if r.name == "glued-page-mark"]


UNCLAS_COPY = ("UNCLAS OSLO 000123\n\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: PREL NO\nSUBJECT: FISH TALKS\n\n"
               "REF: STATE 1234\n\n")
WHOLE_TEXT = ("Embassy officers delivered reftel points to Mr. Jan Roe of the\nministry, who said Norway "
              "will abstain in the vote on the\nfisheries resolution next week.\nSMITH\n")


def test_an_unnumbered_paragraph_of_a_cut_first_copy_is_left_out_for_its_whole_copy() -> None:
    cut = "Embassy officers delivered reftel points to Mr. Jan...\n\n\n2010-02-25\n\n"
    text = UNCLAS_COPY + cut + UNCLAS_COPY + WHOLE_TEXT
    doc = parse_text(text)
    assert [(p.number, text.count("\n", 0, p.span.start) + 1) for p in doc.paragraphs] == [(None, 26)]
    assert [r.detail for r in doc.repairs if r.name == "whole-copy"] == [
        "unnumbered paragraph cut short in a first copy: its whole copy on line 26 read, this one left out"]


@pytest.mark.parametrize("cut", ["Embassy officers...", "Embassy officers met the mayor..."])
def test_an_unnumbered_cut_paragraph_too_short_or_not_written_again_stays(cut: str) -> None:
    """Two words are too few to pair blocks without a number; other words are another text."""
    text = UNCLAS_COPY + cut + "\n\n\n2010-02-25\n\n" + UNCLAS_COPY + WHOLE_TEXT
    doc = parse_text(text)
    assert len(doc.paragraphs) == 2
    assert not [r for r in doc.repairs if r.name == "whole-copy" and "paragraph" in r.detail]


def test_a_year_wrapped_behind_a_pilcrow_is_noted_as_text() -> None:
    """Audit s9e: "... by" / "¶2016.  In the meantime" is no paragraph 2016; the
    note says why the pilcrow was passed over. A paragraph number keeps its pilcrow."""
    text = ("UNCLAS OSLO 000123\n\nE.O. 12958: N/A\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"
            "¶1. (U) The port would convert to a cruise operation by\n¶2016.  In the meantime it grows.\n\n"
            "¶2. (U) The embassy will report.\n")
    doc = parse_text(text)
    assert [p.number for p in doc.paragraphs] == [1, 2]
    (note,) = [r for r in doc.repairs if r.name == "wrapped-year"]
    assert doc.text[note.span.start:note.span.end] == "2016"
    assert not [r for r in parse_text(text.replace("¶2016", "2016")).repairs if r.name == "wrapped-year"]
