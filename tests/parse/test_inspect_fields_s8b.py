"""Fields the s8b inspect audit found misread, each on a short text written for the test."""
from __future__ import annotations

import pytest

from cablelint import lint_text
from inspect_helpers import parse_text

HEAD = ("C O N F I D E N T I A L OSLO 000123\n\nSIPDIS\n\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\n"
        "SUBJECT: TALKS\n\nClassified By: Jane Roe, Consul, reason 1.4 (b)\n\n")


@pytest.mark.parametrize("notice", ["3.MINIMIZE CONSIDERED. Visit Oslo's Classified Website: http://example",
                                    "3. Visit Embassy Oslo's classified website: www.example",
                                    "\u00b63.  Minimize considered. ROE"])
def test_a_numbered_closing_notice_is_a_numbered_notice_paragraph(notice: str) -> None:
    doc = parse_text(HEAD + "1. (C) The talks went well.\n\n2. (C) More talks follow.\n\n" + notice + "\n")
    assert [(p.number, p.kind) for p in doc.paragraphs] == [(1, "numbered"), (2, "numbered"), (3, "notice")]
    assert doc.paragraphs[2].portion is None
    assert [r.detail for r in doc.repairs if r.name == "numbered-notice"] == ["paragraph 3 is a closing notice"]
    assert doc.to_dict()["paragraphs"][2]["kind"] == "notice"


def test_a_numbered_notice_is_not_an_unmarked_portion() -> None:
    text = HEAD + "1. (C) The talks went well.\n\n2. (C) More talks follow.\n\n3.MINIMIZE CONSIDERED.\n"
    unmarked = HEAD + "1. (C) The talks went well.\n\n2. (C) More talks follow.\n\n3. The talks end.\n"
    assert "CL102" in {f.rule for f in lint_text(unmarked)}  # the test can fail: an unmarked paragraph 3 is flagged
    assert "CL102" not in {f.rule for f in lint_text(text)}


def test_a_notice_inside_a_paragraph_leaves_the_paragraph_a_portion() -> None:
    doc = parse_text(HEAD + "1. (C) The talks went well. MINIMIZE CONSIDERED.\n")
    assert [(p.number, p.kind, p.portion.raw) for p in doc.paragraphs] == [(1, "numbered", "C")]


LONE_HEAD = "UNCLAS OSLO 000123\n\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: PREL NO\nSUBJECT: NORWAY: DEMARCHE DELIVERED\n\nREF: STATE 4567\n\n"


@pytest.mark.parametrize("first", ["Poloff delivered the points (on the vote in", "On May 2 we delivered the points"])
def test_a_lone_paragraph_wrapped_short_starts_at_its_first_line(first: str) -> None:
    body = (first + "\nthe council) to the Foreign Ministry's desk officer for the\n"
            "United Nations on May 2.  She said Norway would vote\nwith us.\nROE\n")
    doc = parse_text(LONE_HEAD + body)
    assert [(p.number, doc.source.line_col(p.span.start)[0]) for p in doc.paragraphs] == [(None, 11)]
    assert not doc.headings


@pytest.mark.parametrize("head_line", ["State for eur/nb and io; nsc for jane roe", "Is the talk still on in Oslo? A review"])
def test_a_short_line_alone_after_the_subject_stays_header(head_line: str) -> None:
    """A passing line or a stray subtitle, a blank line after it, then the E.O. or Classified By."""
    text = ("TAGS: PREL NO\nSUBJECT: TALKS\n\n" + head_line + "\n\nE.O. 12958: DECL: 01/30/2019\n"
            "Classified By: Jane Roe, Consul, reason 1.4 (b)\n\n1. (C) The talks went well.\n")
    doc = parse_text("C O N F I D E N T I A L OSLO 000123\n\n" + text)
    assert doc.eo is not None and doc.classified_by is not None
    assert [p.number for p in doc.paragraphs] == [1]


def test_a_ref_list_going_on_under_the_ref_line_is_no_paragraph() -> None:
    text = LONE_HEAD.replace("REF: STATE 4567\n", "REF: A. STATE 4567\n     B. OSLO 88\n     C....\n")
    doc = parse_text(text + "\n1. Text of the cable.\n")
    assert [p.number for p in doc.paragraphs] == [1]
    assert not doc.headings


DOUBLED = ("C O N F I D E N T I A L OSLO 000123 \n \nSIPDIS \n \nE.O. 12958: DECL: 01/30/2019 \n\n"
           "TAGS: PREL NO\n\nSUBJECT: NORWAY DELAYS THE FISH BILL \n\nUNTIL AFTER THE VOTE \n\n \n\n")


def test_a_subject_going_on_after_blank_lines_of_a_doubled_export_is_read_whole() -> None:
    doc = parse_text(DOUBLED + "REF: OSLO 1685 \n\nClassified By: Jane Roe, Consul, reason 1.4 (b)\n\n1. (C) Text.\n")
    assert doc.subject.value == "NORWAY DELAYS THE FISH BILL UNTIL AFTER THE VOTE"
    assert [r.value for r in doc.refs] == ["OSLO 1685"]
    assert [(r.name, r.detail) for r in doc.repairs if r.name == "subject-after-blank"] == [
        ("subject-after-blank", "SUBJECT read on after a blank line")]


@pytest.mark.parametrize("cite", ["OSLO 12512", "STATE 4567", "OSLO 04 877"])
def test_a_citation_glued_to_the_classified_by_is_the_ref(cite: str) -> None:
    text = DOUBLED.replace(" \n\n \n\n", " \n \n") + cite + " Classified By: Jane Roe, Consul, reason 1.4 (b)\n\n1. (C) Text.\n"
    doc = parse_text(text)
    assert doc.subject.value == "NORWAY DELAYS THE FISH BILL UNTIL AFTER THE VOTE"
    assert [r.value for r in doc.refs] == [cite]
    assert doc.classified_by.name.value == "Jane Roe"
    assert [r.detail for r in doc.repairs if r.name == "unlabelled-ref"] == ["a citation where the REF stands, its label lost"]


@pytest.mark.parametrize("line", ["BERGEN 12512 Classified By:", "OSLO TALKS Classified By:", "OSLO 12512\nClassified By:"])
def test_other_lines_before_the_classified_by_are_no_ref(line: str) -> None:
    """Another post's name, no serial number, or a line of its own: not read as a REF."""
    text = "C O N F I D E N T I A L OSLO 000123\n\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"
    doc = parse_text(text + line + " Jane Roe, Consul, reason 1.4 (b)\n\n1. (C) Text.\n")
    assert doc.refs == []


UNCLAS_HEAD = "UNCLAS SECTION 01 OF 02 OSLO 000123\n\nSENSITIVE\nSIPDIS\n\n"


def test_an_eo_label_with_a_colon_before_the_order_is_read_with_a_note() -> None:
    doc = parse_text(UNCLAS_HEAD + "E.O.: 12958: N/A\nTAGS: ECON NO\n\nSUBJECT: TALKS\n\n1. (SBU) Text.\n")
    assert doc.eo.order.value == "12958" and doc.eo.decl.kind == "na"
    assert [r.detail for r in doc.repairs if r.name == "label-colon"] == ["E.O.: read as E.O."]


@pytest.mark.parametrize("label", ["Ref(s):", "Refs:", "Ref:"])
def test_a_title_case_ref_run_on_in_the_subject_line_is_split_out(label: str) -> None:
    line = (f"SUBJECT: NORWAY TALKS ON FISH {label} A) 08 OSLO 138; B) 08 OSLO 0044 and previous "
            "Sensitive But Unclassified - Please handle accordingly. Approved by the Ambassador.\n")
    doc = parse_text(UNCLAS_HEAD + "E.O. 12958: N/A\nTAGS: ECON NO\n\n" + line + "\n1. (SBU) Text.\n")
    assert doc.subject.value == "NORWAY TALKS ON FISH"
    assert [r.value for r in doc.refs] == ["A) 08 OSLO 138", "B) 08 OSLO 0044 and previous"]
    assert [r.detail for r in doc.repairs if r.name == "run-on-header"] == ["REF read from the SUBJECT line"]


def test_a_title_case_ref_word_without_a_colon_stays_in_the_subject() -> None:
    doc = parse_text(UNCLAS_HEAD + "E.O. 12958: N/A\nTAGS: ECON NO\n\nSUBJECT: Norway Ref Talks Go On\n\n1. (SBU) Text.\n")
    assert doc.subject.value == "Norway Ref Talks Go On" and doc.refs == []


@pytest.mark.parametrize("hole", ["XXXXXXXXXXXX", "[REDACTED]"])
def test_a_marked_paragraph_glued_after_a_placeholder_is_split(hole: str) -> None:
    body = (f"1. (C) The talks went well.\n\n2. (C) Oslo put money into {hole} 3. (S) The second reason is "
            "the fish.\n\n4. (C) More talks follow.\n")
    doc = parse_text(HEAD + body)
    assert [(p.number, p.portion.raw) for p in doc.paragraphs] == [(1, "C"), (2, "C"), (3, "S"), (4, "C")]
    assert [r.detail for r in doc.repairs if r.name == "glued-paragraph"] == ["paragraph 3 read from inside line"]


def test_a_number_after_a_placeholder_that_is_not_the_next_paragraph_is_not_split() -> None:
    body = "1. (C) The talks went well.\n\n2. (C) Oslo put money into XXXXXXXXXXXX 7. (S) Text.\n\n3. (C) More.\n"
    assert [p.number for p in parse_text(HEAD + body).paragraphs] == [1, 2, 3]


def test_tags_wrapped_onto_the_next_line_get_a_wrapped_field_note() -> None:
    text = HEAD.replace("TAGS: PREL NO\n", "TAGS: PREL PGOV ECON ETRD\nNO, SW\n") + "1. (C) Text.\n"
    doc = parse_text(text)
    assert [t.value for t in doc.tags] == ["PREL", "PGOV", "ECON", "ETRD", "NO", "SW"]
    assert [r.detail for r in doc.repairs if r.name == "wrapped-field"] == ["TAGS read over 2 lines"]


def test_a_number_ending_a_wrapped_reference_gets_a_note() -> None:
    body = "1. (C) The talks went well, as said in paragraph\n\n4. The rest is in the annex.\n\n2. (C) More.\n"
    doc = parse_text(HEAD + body)
    assert [p.number for p in doc.paragraphs] == [1, 2]
    assert [r.name for r in doc.repairs if r.name == "wrapped-reference"] == ["wrapped-reference"]


def test_the_last_paragraph_after_a_line_ending_in_a_reference_word_is_kept() -> None:
    body = ("1. (C) The talks went well.\n\n2. (C) Those who attend:\n- Jane Roe, head of the Fish\nSection\n\n"
            "3. In addition, John Doe will attend.\n")
    doc = parse_text(HEAD + body)
    assert [p.number for p in doc.paragraphs] == [1, 2, 3]
    assert not [r for r in doc.repairs if r.name == "wrapped-reference"]
