"""A cut first copy and the whole copy after it, read as one cable: CL911 for a
cut after a comma, hyphen or sentence end (", ...", "JTF-...", "Summary. ..."), a notice folded
into it, a paragraph stub left out, a section banner counted once, REF items
cut to their letter read from the copy, the `cut-copy` note; and reasons
wrapped inside their parenthesis. Short texts written for these tests."""
from __future__ import annotations

from cablelint import lint_text
from cablelint.damage import DETECTORS

from inspect_helpers import ENGINE, parse_text

BANNER = "C O N F I D E N T I A L SECTION 01 OF 02 OSLO 000123"
FIELDS = "E.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS ON THE BUDGET\n\n"
REFS = "REF: A. STATE 1234\n     B. OSLO 99\n     C. OSLO 88\n\n"
CLBY = "Classified By: POL JOHN DOE, REASONS 1.4 (B,D)\n\n"
BODY = ("1. (C) Summary.  The minister said the talks on the budget went well and that the cabinet\n"
        "would meet again next week to settle the last open points.\n\n"
        "2. (C) He will travel to the capital next week to present the plan.\n")
WHOLE = BANNER + "\n\n" + FIELDS + REFS + CLBY + BODY
META = "\n\nid: 12345\ndate: 1/30/2009\nrefid: 09OSLO123\nclassification: CONFIDENTIAL\n\n"


def _line(text: str, off: int) -> int:
    return text.count("\n", 0, off) + 1


def _cl911(text: str):
    rule = next(r for r in ENGINE.rulesets[0].rules if r.id == "CL911")
    return DETECTORS[rule.params["damage"]](parse_text(text), rule.params)


def _notes(text: str, name: str) -> list[str]:
    return [f"{_line(text, r.span.start)}: {r.detail}" for r in parse_text(text).repairs if r.name == name]


def test_a_cut_after_a_comma_and_a_blank_is_cl911_s_when_the_whole_copy_follows() -> None:
    cut = BANNER + "\n\n" + FIELDS + REFS + "Classified By: POL JOHN DOE, ..."
    got = _cl911(cut + META + WHOLE)
    assert got is not None and "line 11 ends in an elision mark and line 18 starts" in got.detail
    assert _cl911(cut + "\n") is None  # no copy: CL909's
    # after a hyphen (a passing line, a heading's underline cut short)
    passing = BANNER + "\n\nSIPDIS\n\nOSD FOR POLICY\nCENTCOM FOR CG JTF-..."
    got = _cl911(passing + META + BANNER + "\n\nSIPDIS\n\nOSD FOR POLICY\nCENTCOM FOR CG JTF-82, POLAD\n\n" + FIELDS
                 + REFS + CLBY + BODY)
    assert got is not None and "line 6 ends in an elision mark and line 13 starts" in got.detail


def test_a_paragraph_stub_cut_after_its_sentence_is_left_out_for_the_whole_copy_s() -> None:
    cut = BANNER + "\n\n" + FIELDS + REFS + CLBY + "1. (C) Summary. ..."
    text = cut + META + WHOLE
    doc = parse_text(text)
    assert [(p.number, _line(text, p.span.start)) for p in doc.paragraphs] == [(1, 32), (2, 35)]
    assert _notes(text, "whole-copy") == ["13: paragraph 1 cut short in a first copy: its whole copy on line 32 "
                                          "read, this one left out"]
    got = _cl911(text)
    assert got is not None and "line 13 ends in an elision mark and line 20 starts" in got.detail
    # no whole copy between: the dots may be the drafter's, both paragraphs stay
    assert len(parse_text(cut + "\n\n" + BODY).paragraphs) == 3
    # the copy writes the dots too: the drafter's, not a cut
    dots = WHOLE.replace("Summary.  The", "Summary. ... The")
    assert len(parse_text(cut + META + dots).paragraphs) == 3
    assert _cl911(cut + META + dots) is None


def test_a_partial_extract_notice_before_a_cut_copy_and_the_whole_text_is_folded_into_cl911() -> None:
    note = "This record is a partial extract of the original cable. The full text is not available.\n"
    text = note + BANNER + "\n\n" + FIELDS + REFS + CLBY + "1. (C) Summary.  The minister sa..." + META + WHOLE
    found = lint_text(text, "09OSLO123.txt", engine=ENGINE)
    assert "CL902" not in [f.rule for f in found]
    (cut,) = [f for f in found if f.rule == "CL911"]
    assert "CL902" in {r.rule for r in cut.related}
    # with no whole copy the notice stands
    assert "CL902" in [f.rule for f in lint_text(note + WHOLE, "09OSLO123.txt", engine=ENGINE)]


def test_the_section_banner_the_whole_copy_writes_again_counts_once_and_the_cut_is_noted() -> None:
    cut = BANNER + "\n\n" + FIELDS + REFS + "Classified By: POL JOHN DOE, REAS..."
    text = cut + META + WHOLE
    doc = parse_text(text)
    assert [(s.number, s.total, _line(text, s.span.start)) for s in doc.sections if s.kind == "banner"] == [(1, 2, 18)]
    assert _notes(text, "cut-copy") == ["11: the first copy is cut short here; the cable is written again whole "
                                        "from line 18; section 1 of 2 counted once (its banner on line 1 written again)"]
    assert _notes(WHOLE, "cut-copy") == [] and len(parse_text(WHOLE).sections) == 1


def test_a_copy_that_stops_before_what_the_cut_took_is_not_called_whole() -> None:
    cut = BANNER + "\n\n" + FIELDS + "Classified By: POL JOHN DOE, REAS..."
    text = cut + META + BANNER + "\n\n" + FIELDS
    assert _notes(text, "cut-copy") == ["7: the first copy is cut short here; the cable is written again from "
                                        "line 14; section 1 of 2 counted once (its banner on line 1 written again)"]


def test_a_header_written_twice_uncut_counts_its_section_once() -> None:
    text = BANNER + "\n" + FIELDS + WHOLE
    doc = parse_text(text)
    assert [(s.number, _line(text, s.span.start)) for s in doc.sections if s.kind == "banner"] == [(1, 6)]
    assert _notes(text, "banner-again") == ["6: the cable is written again from line 6; section 1 of 2 counted "
                                            "once (its banner on line 1 written again)"]


def test_ref_items_cut_to_their_letter_or_to_the_dots_are_read_from_the_whole_copy() -> None:
    for stub in ("     C....", "     ¶C...", "   ..."):
        head = REFS.replace("     C. OSLO 88\n", "") if stub.strip() != "..." else "REF: A. STATE 1234\n"
        cut = BANNER + "\n\n" + FIELDS + head.rstrip("\n") + "\n" + stub
        text = cut + META + WHOLE
        doc = parse_text(text)
        assert [t.value for t in doc.refs] == ["A. STATE 1234", "B. OSLO 99", "C. OSLO 88"], stub
        cut_line = _line(text, text.index(stub))
        copy_ref = _line(text, text.index("REF:", len(cut)))
        assert _notes(text, "whole-copy") == [f"{copy_ref}: REF cut short on line {cut_line}: read from its whole copy"], stub
        if stub.strip() == "...":  # no whole copy: the list as written, the dots no entry
            assert [t.value for t in parse_text(cut + "\n\n" + BODY).refs] == ["A. STATE 1234"]
    # a whole item on the next line is no cut stub
    assert [t.value for t in parse_text(BANNER + "\n\n" + FIELDS + REFS + META + WHOLE).refs][-1] == "C. OSLO 88"


def test_reasons_wrapped_inside_their_parenthesis_after_a_comma_are_read_whole() -> None:
    text = (BANNER + "\n\n" + FIELDS + "Classified By: POL JOHN DOE for reasons 1.4(b\n,d)\n\n" + BODY)
    cb = parse_text(text).classified_by
    assert (cb.section.value, [r.value for r in cb.reasons]) == ("1.4", ["b", "d"])
    text = BANNER + "\n\n" + FIELDS + "Classified By: POL JOHN DOE for reasons 1.4(b)\n/ d\n\n" + BODY
    assert [r.value for r in parse_text(text).classified_by.reasons] == ["b", "d"]
