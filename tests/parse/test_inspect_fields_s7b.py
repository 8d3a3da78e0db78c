"""Fields the s7b inspect audit found misread, each on a short text written for the test."""
from __future__ import annotations

import pytest

from inspect_helpers import parse_text

HEAD = "C O N F I D E N T I A L OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"


@pytest.mark.parametrize("statement", [
    "Classified By: Consul Jane Roe for Reasons 1.4 (B) and (\nD)",
    "Classified By: CONSUL JANE ROE. FOR REASONS 1.5(B) AND (\nd).",
])
def test_reasons_wrapped_inside_a_parenthesis_are_joined_and_the_repair_recorded(statement: str) -> None:
    doc = parse_text(HEAD + statement + "\n\n1. (C) Text.\n")
    assert [r.value for r in doc.classified_by.reasons] == ["b", "d"]
    # the statement's own note (every wrapped statement has one, test_inspect_fields_s10.py), then the detail
    wraps = [r for r in doc.repairs if r.name == "wrapped-field"]
    assert [w.detail for w in wraps[:1]] == ["Classified By read over 2 lines"]
    assert len(wraps) == 2 and "parenthesis" in wraps[1].detail
    assert doc.text[wraps[1].span.start:wraps[1].span.end] == statement


def test_a_list_ended_on_its_line_records_no_wrap() -> None:
    doc = parse_text(HEAD + "Classified By: Consul Jane Roe for Reasons 1.4 (B) and (D)\n\n1. (C) Text.\n")
    assert [r.value for r in doc.classified_by.reasons] == ["b", "d"]
    assert not [r for r in doc.repairs if r.name == "wrapped-field"]


@pytest.mark.parametrize("tail, subject", [
    # the last word after a blank line, the REF and Classified By run on after it on one line
    ("\nTALKS REF: STATE 001234 CLASSIFIED BY: Jane Roe, Consul; REASON: 1.4(B)\n",
     "PLANS FOR THE SUMMIT TALKS"),
    # as before: the last words on a line of their own, a blank line, then the REF
    ("\nTALKS\n\nREF: STATE 001234\n\nClassified By: Jane Roe, Consul, reason 1.4 (b)\n",
     "PLANS FOR THE SUMMIT TALKS"),
])
def test_a_subject_s_last_words_after_a_blank_line_are_read(tail: str, subject: str) -> None:
    head = "C O N F I D E N T I A L OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\n"
    doc = parse_text(head + "SUBJECT: PLANS FOR THE SUMMIT \n" + tail + "\n1. (C) Text.\n")
    assert doc.subject.value == subject
    assert [r.value for r in doc.refs] == ["STATE 001234"]


def test_a_run_on_line_after_a_subject_s_blank_line_is_not_taken_when_it_is_text() -> None:
    head = "C O N F I D E N T I A L OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\n"
    doc = parse_text(head + "SUBJECT: PLANS FOR THE SUMMIT\n\n1. (C) TALKS REF: STATE 001234 went well.\n")
    assert doc.subject.value == "PLANS FOR THE SUMMIT"


def test_a_repeated_copy_run_onto_one_line_lists_all_its_paragraphs() -> None:
    body = ("1. (U) The ministers flew to the coast in new cars last year.\n\n"
            "2. (U) The president said \u201cthe cars will be sold.\u201d\n\n"
            "3. (U) A study found the cars cost too much.\n\n"
            "4. (U) Comment: the public is angry. End Comment.\n\n"
            "1. (U) The ministers flew to the coast in new cars last year. 2. (U) The president said "
            "\u201cthe cars will be sold.\u201d 3. (U) A study found the cars cost too much.\n")
    doc = parse_text(HEAD + body)
    assert [(p.number, p.portion.raw if p.portion else None) for p in doc.paragraphs] == [
        (1, "U"), (2, "U"), (3, "U"), (4, "U"), (1, "U"), (2, "U"), (3, "U")]
    assert [r.detail for r in doc.repairs if r.name == "glued-paragraph"] == [
        "paragraph 2 read from inside line", "paragraph 3 read from inside line"]


def _doubled_from(text: str, k: int) -> str:
    """`text` with every line break from line k + 1 on written twice."""
    lines = text.split("\n")
    return "".join(ln + "\n" for ln in lines[:k]) + "\n\n".join(lines[k:])


BODY = ("UNCLAS OSLO 000123\nE.O. 12958: N/A\nTAGS: PREL NO\nSUBJECT: TALKS ON FISH\n\n"
        + "\n".join(f"1. (U) The talks went on here, this is line {k} of it." if k == 0 else
                    f"The talks went on here, this is line {k} of it." for k in range(30)) + "\n")


def test_doubled_line_breaks_that_start_in_the_body_are_spanned_from_there() -> None:
    doc = parse_text(_doubled_from(BODY, 6))
    rep = [r for r in doc.repairs if r.name == "doubled-line-breaks"]
    assert len(rep) == 1
    assert doc.source.line_col(rep[0].span.start)[0] == 7 and rep[0].span.end == len(doc.text)
    assert rep[0].detail == "from line 7 on, line breaks written twice: read as one"
    assert doc.subject.value == "TALKS ON FISH" and len(doc.paragraphs) == 1


def test_a_copy_doubled_throughout_says_every_line_break() -> None:
    doc = parse_text(_doubled_from(BODY, 0))
    rep = [r for r in doc.repairs if r.name == "doubled-line-breaks"]
    assert [r.detail for r in rep] == ["every line break written twice: read as one"]
    assert rep[0].span.start == 0


def test_an_empty_subject_takes_its_words_after_a_blank_line_only_with_a_field_run_on_after_them() -> None:
    head = "C O N F I D E N T I A L OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\n"
    run_on = parse_text(head + "SUBJECT:\n\nSUMMIT PLANS AGREED REF: STATE 001234 "
                        "Classified By: Jane Roe, Consul, reasons 1.4 (b)\n\n1. (C) Text.\n")
    assert run_on.subject.value == "SUMMIT PLANS AGREED" and [r.value for r in run_on.refs] == ["STATE 001234"]
    apart = parse_text(head + "SUBJECT:\n\nSUMMIT PLANS AGREED\n\nREF: STATE 001234\n\n1. (C) Text.\n")
    assert apart.subject.value == ""


CUT_COPY = ("C O N F I D E N T I A L OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"
            "{first}\n\nid: 12345\ndate: 2009-01-30\n\n"
            "C O N F I D E N T I A L OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"
            "1. (C) The minister said the talks went well.\n\n2. (C) He will travel next week.\n")


@pytest.mark.parametrize("first", ["1. (C)  The minister sa...", "1.  (C..."])
def test_a_cut_first_copy_s_paragraph_is_left_out_for_its_whole_copy(first: str) -> None:
    doc = parse_text(CUT_COPY.format(first=first))
    lines = [doc.source.line_col(p.span.start)[0] for p in doc.paragraphs]
    assert [p.number for p in doc.paragraphs] == [1, 2] and lines == [16, 18]
    rep = [r for r in doc.repairs if r.name == "whole-copy"]
    assert [doc.source.line_col(r.span.start)[0] for r in rep] == [6]
    assert rep[0].detail == "paragraph 1 cut short in a first copy: its whole copy on line 16 read, this one left out"


@pytest.mark.parametrize("first", [
    "1. (C) Summary. ...",  # dots after a sentence: maybe the drafter's, kept
    "1. (C) The president sa...",  # cut, but the later paragraph 1 does not go on from it
])
def test_a_paragraph_without_its_whole_copy_is_kept(first: str) -> None:
    doc = parse_text(CUT_COPY.format(first=first))
    assert [p.number for p in doc.paragraphs] == [1, 1, 2]
    assert not [r for r in doc.repairs if r.name == "whole-copy"]


def test_a_cut_paragraph_followed_by_its_whole_text_without_a_header_again_is_kept() -> None:
    # one paragraph repeated (CL906 reads it from the listed paragraphs), not a whole second copy of the cable
    text = ("UNCLAS OSLO 000123\nE.O. 12958: N/A\nTAGS: PREL NO\nSUBJECT: TALKS\n\n1. (U) The minister sa...\n\n"
            "1. (U) The minister said the talks went well.\n\n2. (U) He will travel next week.\n")
    assert [p.number for p in parse_text(text).paragraphs] == [1, 1, 2]


def test_a_whole_copy_whose_header_is_glued_on_the_banner_s_line_counts() -> None:
    text = ("C O N F I D E N T I A L OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"
            "1.  (C...\nC O N F I D E N T I A L OSLO 000123 SIPDIS E.O. 12958: DECL: 01/30/2019 TAGS: PREL NO\n"
            "1. (C) The minister said the talks went well.\n2. (C) He will travel next week.\n")
    doc = parse_text(text)
    assert [(p.number, doc.source.line_col(p.span.start)[0]) for p in doc.paragraphs] == [(1, 8), (2, 9)]
