"""More fields the inspect audits found misread, each on a short text written for the test:
a signature run on after the last paragraph's final sentence, REF items and wrapped reasons
that continue on the next line, and header labels damaged by one letter."""
from __future__ import annotations

import pytest

from cablelint.document import Document

from inspect_helpers import parse_text

HEAD = "C O N F I D E N T I A L OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"


def _doc(text: str) -> Document:
    return parse_text(text)


def _signature(body: str) -> str | None:
    doc = _doc(HEAD + "1. (C) Text.\n\n" + body)
    if doc.signature is None:
        return None
    assert doc.text[doc.signature.span.start:doc.signature.span.end] == doc.signature.value
    return doc.signature.value


@pytest.mark.parametrize("body, name", [
    ("2. (C) The talks went well.  End comment.  ROE\n", "ROE"),
    ("2. (C) The talks went well. Roe\n", "Roe"),
    ("2. (C) Talks with the \"Minister.\" THOMPSON-JONES  \n\n", "THOMPSON-JONES"),
    ("2. (C) The talks went well.\n\nROE\n", "ROE"),  # on its own line, as before
])
def test_a_signature_run_on_after_the_last_sentence_is_read(body: str, name: str) -> None:
    assert _signature(body) == name


@pytest.mark.parametrize("body", [
    "2. (C) The talks went well.\n",  # no signature
    "2. (C) The talks went well. SIPDIS\n",  # a trailer word, not a name
    "2. (C) The talks went well, said the Minister of Finance\n",  # no sentence ends before it
    "2. (C) The talks went well. End Comment\n",  # two words: not read as a run-on signature
    "2. (C) The talks went well.  The\n*********\n* Missing Section 002 *\n*********\n",  # a cut text
])
def test_no_run_on_signature_is_made_up(body: str) -> None:
    assert _signature(body) is None


def _refs(ref_lines: str) -> list[str]:
    doc = _doc(HEAD + ref_lines + "\n\n1. (C) Text.\n")
    for t in doc.refs:  # each value is read from the text it spans
        assert " ".join(doc.text[t.span.start:t.span.end].split()) == t.value
    return [t.value for t in doc.refs]


def test_a_ref_item_wrapped_onto_the_next_line_is_joined_and_the_items_after_it_go_on() -> None:
    assert _refs("REF: A) OSLO 182 -- REQUEST TO RENEW THE\nAGREEMENT\nB) OSLO 49 -- TALKS\nC) OSLO 7 -- VISIT") == [
        "A) OSLO 182 -- REQUEST TO RENEW THE AGREEMENT", "B) OSLO 49 -- TALKS", "C) OSLO 7 -- VISIT"]
    assert _refs("REF: A. OSLO 182 -- REQUEST TO RENEW\nTHE AGREEMENT\nB. OSLO 49") == [
        "A. OSLO 182 -- REQUEST TO RENEW THE AGREEMENT", "B. OSLO 49"]


def test_a_ref_item_written_without_a_blank_after_its_letter_is_an_item() -> None:
    assert _refs("REF: A. OSLO 298\nB. OSLO 237\nC.07 OSLO 1070 D. 07 OSLO 1045") == [
        "A. OSLO 298", "B. OSLO 237", "C.07 OSLO 1070", "D. 07 OSLO 1045"]


def test_a_ref_sentence_going_on_after_a_blank_line_is_joined() -> None:
    assert _refs("REF: A) Embassy Oslo emails to Washington with\n\nthe text of each interview 03/16/06") == [
        "A) Embassy Oslo emails to Washington with the text of each interview 03/16/06"]


@pytest.mark.parametrize("tail", [
    "REF: A) OSLO 182 -- TALKS\nDEPT FOR EUR/NB",  # a passing line
    "REF: A) OSLO 182 -- TALKS\nNOFORN",  # a caption
    "REF: A) OSLO 182 -- TALKS\n\nSUMMARY",  # a heading after a blank line
    "REF: A) OSLO 182 -- TALKS\n\nthe talks went well",  # lower case after an upper-case ref
    "REF: A) Oslo 182 on the talks.\n\nthe talks went well",  # the ref ends a sentence
    "REF: A) OSLO 182 -- TALKS\nSUMMARY AND COMMENT\n\nSome text follows here.",  # not followed by a field
    "REF: A) OSLO 182 -- TALKS\n------ SUMMARY ------",  # a framed heading
    "REF: A) OSLO 182 -- TALKS (U) THIS CABLE IS SENSITIVE BUT UNCLASSIFIED.",  # a lone paragraph run on
])
def test_other_lines_after_a_ref_are_not_joined(tail: str) -> None:
    assert _refs(tail)[0] == tail.split("\n")[0].removeprefix("REF: ").removesuffix(
        " (U) THIS CABLE IS SENSITIVE BUT UNCLASSIFIED.")


def _reasons(clby: str) -> list[str]:
    cb = _doc(HEAD + clby + "\n\n1. (C) Text.\n").classified_by
    return [r.value for r in cb.reasons]


@pytest.mark.parametrize("clby, letters", [
    ("Classified By: DCM JOHN DOE FOR REASONS 1.4 (B)\nAND (D)", ["b", "d"]),
    ("Classified By: DCM John Doe, reasons 1.4 (b)\nor (d).", ["b", "d"]),
    ("Classified By: DCM John Doe, reasons 1.4 (b)\nANDREW SMITH IS HERE", ["b"]),  # a word, no letter
])
def test_a_reason_list_going_on_with_and_on_the_next_line_is_read(clby: str, letters: list[str]) -> None:
    assert _reasons(clby) == letters


def _paragraphs(body: str) -> list[tuple[int | None, str | None]]:
    doc = _doc("UNCLAS OSLO 000123\nSENSITIVE\nE.O. 12958: N/A\nTAGS: PREL NO\nSUBJECT: TALKS\n\n" + body)
    return [(p.number, p.portion.raw if p.portion else None) for p in doc.paragraphs]


def test_paragraphs_run_on_after_a_run_on_heading_are_read() -> None:
    body = ("1. (SBU) Summary: the talks went well.  End Summary.  TALKS AT LAST  2. (SBU)  On June 19 the "
            "two sides met.  3. (SBU) They agreed.  A GROWING ROLE  4. (SBU) Oslo gains.  STEVENS\n")
    assert _paragraphs(body) == [(1, "SBU"), (2, "SBU"), (3, "SBU"), (4, "SBU")]


@pytest.mark.parametrize("body", [
    "1. (SBU) The talks went well.  They cited PARA 2. (SBU) text.\n",  # no sentence end before the words
    "1. (SBU) The talks went well.  See also 2. (SBU) text.\n",  # lower-case words: prose, no heading
])
def test_a_number_after_prose_words_is_no_run_on_paragraph(body: str) -> None:
    assert _paragraphs(body) == [(1, "SBU")]


DAMAGED = ("C O N F I D E N T I A L ECTION 01 OF 02 OSLO 000123\n\nSIPDIS\n\nE.O. 1295: DECL: 07/24/2018\n"
           "TAGS: PREL NO\nSUBJECT: TALKS\n\nREF: A. OSLO 165 B. OSLO 320 Classiied By: CDA John Doe for "
           "reasons 1.4 (b)and (d)\n\n1.(C) Text.\n")


def test_a_damaged_header_is_read_and_each_repair_named() -> None:
    doc = _doc(DAMAGED)
    assert [(s.number, s.total) for s in doc.sections] == [(1, 2)]
    assert doc.eo is not None and doc.eo.order.value == "1295" and doc.eo.decl is not None  # the order as written
    assert [t.value for t in doc.refs] == ["A. OSLO 165", "B. OSLO 320"]
    cb = doc.classified_by
    assert (cb.name.value, cb.title.value, [r.value for r in cb.reasons]) == ("John Doe", "CDA", ["b", "d"])
    got = {(r.name, doc.text[r.span.start:r.span.end]) for r in doc.repairs}
    assert {("lost-first-letter", "ECTION"), ("damaged-label", "Classiied By")} <= got


@pytest.mark.parametrize("line", ["Clasified By: CDA John Doe, reasons 1.4 (b)", "Classifled by: CDA John Doe, 1.4 (b)"])
def test_a_classified_by_label_one_letter_off_at_a_line_start_is_read(line: str) -> None:
    doc = _doc(HEAD + line + "\n\n1. (C) Text.\n")
    assert doc.classified_by is not None and doc.classified_by.name.value == "John Doe"
    assert [r.name for r in doc.repairs] == ["spaced-banner", "damaged-label"]


@pytest.mark.parametrize("text", [
    HEAD + "1. (C) The text was Clasified By: no one.\n",  # body prose: never a label
    HEAD + "Declassified By: John Doe\n\n1. (C) Text.\n",  # another label, exact
    HEAD + "Classified: John Doe\n\n1. (C) Text.\n",  # a word lost, not a letter
    "UNCLAS OSLO 000123\nE.O. 1295 TEXT\nTAGS: PREL\nSUBJECT: X\n\n1. (U) Text.\n",  # 4 digits without DECL: no E.O. line
])
def test_no_damaged_label_is_made_up(text: str) -> None:
    doc = _doc(text)
    assert doc.classified_by is None and all(r.name != "damaged-label" for r in doc.repairs)
    assert doc.eo is None or doc.eo.order.value != "1295"


CUT_REFS = ("UNCLAS OSLO 000123\nE.O. 12958: N/A\nTAGS: PREL NO\nSUBJECT: TALKS\nREF: A. OSLO 1010\n"
            "     B. OSLO 437\n     C. OS...\nid: 123\nheader:\nUNCLAS OSLO 000123\nE.O. 12958: N/A\n"
            "TAGS: PREL NO\nSUBJECT: TALKS\nREF: A. OSLO 1010\n     B. OSLO 437\n     C. OSLO 308\n"
            "     D. OSLO 513\n\n1. (U) Text.\n")


def test_refs_cut_short_in_a_first_copy_are_read_from_the_whole_copy() -> None:
    doc = _doc(CUT_REFS)
    assert [t.value for t in doc.refs] == ["A. OSLO 1010", "B. OSLO 437", "C. OSLO 308", "D. OSLO 513"]
    assert [(r.name, r.detail) for r in doc.repairs] == [("whole-copy", "REF cut short on line 7: read from its whole copy"),
                                                         ("cut-copy", "the first copy is cut short here; the cable is "
                                                          "written again from line 10")]  # (too short to say "whole")


def test_refs_cut_short_with_no_whole_copy_stay_as_written() -> None:
    doc = _doc(CUT_REFS.split("id: 123")[0] + "\n1. (U) Text.\n")
    assert [t.value for t in doc.refs] == ["A. OSLO 1010", "B. OSLO 437", "C. OS..."] and not doc.repairs
