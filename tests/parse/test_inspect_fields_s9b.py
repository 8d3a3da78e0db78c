"""Fields the s9b inspect audit found misread, each on a short text written for the test."""
from __future__ import annotations

import pytest

from inspect_helpers import ENGINE, parse_text
from cablelint.api import lint_text
from cablelint.parse.lines import classify

UNCLAS_TOP = "UNCLAS OSLO 000123\n\nSIPDIS\n\n"
UNCLAS_HEAD = UNCLAS_TOP + "E.O. 12958: N/A\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"


@pytest.mark.parametrize("label", ["E.0.", "E.0", "e.0.", "E. 0."])
def test_an_eo_label_with_a_zero_for_the_o_is_read_with_a_note(label: str) -> None:
    doc = parse_text(UNCLAS_TOP + f"{label} 12958: N/A\nTAGS: PREL NO\nSUBJECT: TALKS\n\n1. (U) Text.\n")
    assert doc.eo is not None and doc.eo.order.value == "12958" and doc.eo.decl.kind == "na"
    fixes = [r for r in doc.repairs if r.name == "damaged-label"]
    assert [r.detail for r in fixes] == [f"{label} read as E.O."]
    assert doc.text[fixes[0].span.start:fixes[0].span.end] == label


@pytest.mark.parametrize("text", ["E.0. 12958 was the order then", "E.06 MEETING: 12958 DELEGATES",
                                  "E.0. 1295: N/A", "E.0 FORM 12958 APPROVED"])
def test_a_line_opening_with_e_zero_without_an_order_and_its_colon_is_no_eo_line(text: str) -> None:
    assert classify(text, ENGINE.vocab).name != "eo"
    doc = parse_text(UNCLAS_TOP + text + "\nTAGS: PREL NO\nSUBJECT: TALKS\n\n1. (U) Text.\n")
    assert doc.eo is None and not [r for r in doc.repairs if r.name == "damaged-label"]


def test_a_whole_eo_label_gets_no_damaged_label_note() -> None:
    doc = parse_text(UNCLAS_HEAD + "1. (U) Text.\n")
    assert doc.eo.order.value == "12958" and doc.repairs == []


SECTION_HEAD = ("C O N F I D E N T I A L SECTION 01 OF 02 OSLO 000123\n\nE.O. 12958: DECL: 01/30/2019\n"
                "TAGS: PREL NO\nSUBJECT: TALKS\n\nClassified By: Consul Jane Roe for reasons 1.4 (b)\n\n")


@pytest.mark.parametrize("before", ["the fish ", "the fish XXXXXXXXXXXX", "the fish -- "])
def test_a_page_mark_run_into_a_body_line_is_read_with_a_note(before: str) -> None:
    text = SECTION_HEAD + f"1. (C) The talks turned to {before}OSLO 00000123  002 OF 002  quotas.\n\n2. (C) More.\n"
    doc = parse_text(text)
    assert [(s.number, s.total, s.kind) for s in doc.sections] == [(1, 2, "banner"), (2, 2, "page")]
    assert [(p.number, p.portion.raw) for p in doc.paragraphs] == [(1, "C"), (2, "C")]
    fixes = [r for r in doc.repairs if r.name == "glued-page-mark"]
    assert [r.detail for r in fixes] == ["page mark 2 OF 2 read from inside a line of the body"]
    assert text[fixes[0].span.start:fixes[0].span.end] == "OSLO 00000123  002 OF 002"


def test_a_page_mark_on_its_own_line_gets_no_glued_note() -> None:
    doc = parse_text(SECTION_HEAD + "1. (C) The talks turned to the fish\n\nOSLO 00000123  002 OF 002\n\nquotas.\n\n"
                     "2. (C) More.\n")
    assert [(s.number, s.kind) for s in doc.sections] == [(1, "banner"), (2, "page")]
    assert not [r for r in doc.repairs if r.name == "glued-page-mark"]


SECRET_HEAD = ("S E C R E T OSLO 000123\n\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\n"
               "SUBJECT: TALKS\n\nREFS:\n(A) 08 OSLO 101\n(B) 08 STATE 202\n")
CLBY_BODY = "\nClassified By: Consul Jane Roe for reasons 1.4 (b)\n\n1. (S) Text.\n\n2. (C) More.\n"


@pytest.mark.parametrize("item", ["(C) CIS DOC.", "(C) EMBASSY NOTE", "(C) CIS DOC. (S)"])
def test_a_ref_item_citing_no_number_that_continues_the_list_is_read(item: str) -> None:
    doc = parse_text(SECRET_HEAD + item + "\n" + CLBY_BODY)
    assert [r.value for r in doc.refs] == ["(A) 08 OSLO 101", "(B) 08 STATE 202", item]
    assert [(p.number, p.portion.raw) for p in doc.paragraphs] == [(1, "S"), (2, "C")]


def test_an_uncited_item_after_the_list_goes_on_to_the_next_item() -> None:
    doc = parse_text(SECRET_HEAD + "(C) CIS DOC.\n(D) 08 OSLO 404\n" + CLBY_BODY)
    assert [r.value for r in doc.refs] == ["(A) 08 OSLO 101", "(B) 08 STATE 202", "(C) CIS DOC.", "(D) 08 OSLO 404"]


@pytest.mark.parametrize("line", [
    "\n(C) CIS DOC.",                    # after a blank line: no continuation line of the block
    "(S) CIS DOC.",                      # not the next letter: a portion mark
    "(D) CIS DOC.",                      # a letter skipped
    "   (C) CIS DOC.",                   # not as the item lines above it (indented)
    "(C) The minister said that the talks would resume in May.",  # a sentence, no document's name
    "(C) Talks resume\nin Oslo next week, the minister said.",     # text goes on under it: a paragraph
])
def test_a_mark_that_does_not_continue_the_list_as_an_item_line_stays_a_mark(line: str) -> None:
    doc = parse_text(SECRET_HEAD + line + "\n" + CLBY_BODY)
    assert [r.value for r in doc.refs] == ["(A) 08 OSLO 101", "(B) 08 STATE 202"]


CONF_HEAD = ("C O N F I D E N T I A L OSLO 000123\n\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"
             "Classified By: Consul Jane Roe for reasons 1.4 (b)\n\n")
PARAS = {n: f"{n}. (C) Paragraph {n} of the cable says what the minister told us about fish." for n in range(1, 7)}


def _body(numbers: list[int], garble: dict[int, str] | None = None) -> str:
    return "".join((garble or {}).get(k, PARAS[n]) + "\n\n" for k, n in enumerate(numbers))


def test_a_run_of_paragraphs_written_again_is_read_once_and_still_reported() -> None:
    # 1-4, then 2-4 again (the second 2 with a letter garbled by the export), then 5-6.
    text = CONF_HEAD + _body([1, 2, 3, 4, 2, 3, 4, 5, 6], {4: PARAS[2].replace("minister", "minisQer")})
    doc = parse_text(text)
    assert [(p.number, p.portion.raw) for p in doc.paragraphs] == [(n, "C") for n in range(1, 7)]
    assert [p.number for p in doc.repeated] == [2, 3, 4]
    assert [r.detail for r in doc.repairs if r.name == "repeated-paragraphs"] == [
        "paragraphs 2-4 on lines 17-21 repeat those on lines 11-15: read once"]
    found = {f.rule: f for f in lint_text(text, "t.txt", engine=ENGINE)}
    assert found["CL906"].line == 17 and "CL502" not in found  # the repeat reported; the numbering read once is right


@pytest.mark.parametrize("numbers,garble", [
    ([1, 2, 3, 1, 4], None),                                            # one paragraph again: a form's stock answer
    ([1, 2, 3, 2, 3, 4], {3: PARAS[2].replace("says what", "told how")}),  # the "copy" is other text
    ([1, 2, 3, 4, 5, 6], None),                                         # numbering that never goes back
    ([1, 2, 1, 2, 1, 2, 1, 2], None),                                   # a form's parts, each numbered from 1
])
def test_paragraphs_that_are_no_repeated_run_are_all_kept(numbers: list[int], garble: dict[int, str] | None) -> None:
    doc = parse_text(CONF_HEAD + _body(numbers, garble))
    assert [p.number for p in doc.paragraphs] == numbers
    assert doc.repeated == [] and not [r for r in doc.repairs if r.name == "repeated-paragraphs"]


def test_paragraphs_that_differ_in_a_number_are_two_not_a_repeat() -> None:
    body = "".join(f"{n}. (U) The minister said that the item numbered {k} in the list would wait.\n\n"
                   for k, n in enumerate([1, 2, 3, 2, 3, 4]))
    doc = parse_text(UNCLAS_HEAD + body)
    assert [p.number for p in doc.paragraphs] == [1, 2, 3, 2, 3, 4] and doc.repeated == []


def test_a_repeated_run_of_paragraphs_wrapped_on_short_lines_is_read_once() -> None:
    def para(n: int) -> str:  # a first line of fewer than 40 letters: the opening is read over the wrap
        return f"{n}. (C) The minister of fish said\nthat quota {n} would go to Bergen and\nthe rest to Oslo.\n\n"
    doc = parse_text(CONF_HEAD + "".join(para(n) for n in (1, 2, 3, 1, 2, 3)))
    assert [p.number for p in doc.paragraphs] == [1, 2, 3] and [p.number for p in doc.repeated] == [1, 2, 3]
