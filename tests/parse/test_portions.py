"""Portions as real cables lay them out (issue 9, the trust audit): lead-ins
whose bullets carry the marks, a paragraph number on a heading with the mark
on the next line, a label before the mark, a signature with a lower-case
particle, a page break in mid-sentence; paragraph numbers and reasons as
exports leave them. Short texts written for these tests."""
from __future__ import annotations

import pytest

from cablelint import lint_text, make_engine
from cablelint.parse import parse
from cablelint.source import Source

BANNER = "C O N F I D E N T I A L PARIS 000579\n\n"
HEAD = BANNER + "E.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\nSUBJECT: (U) TALKS\n" \
       "Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)\n\n"
ENGINE = make_engine(rules=["state"])


def unmarked(body: str) -> list[int]:
    """Lines of the portion-mark-missing findings of HEAD + body."""
    return [f.line for f in lint_text(HEAD + body, "x.txt", engine=ENGINE) if f.rule == "CL102"]


@pytest.mark.parametrize("body", [
    "1. (C) Text.\n\n2. KEY POINTS\n\n-- (C) One point.\n-- (U) Another.\n",
    "1. KEY POINTS -- (C) One point on the same line.\n\n2. (C) Text.\n",
    "1. (C) Text.\n\n2. Conclusions we have drawn from the meetings summarized above and from many others "
    "like them are the following:\n-- (C) One.\n-- (C) Two.\n",
    "1. (C) Text.\n\n2. Key points for your meetings may include the\nfollowing:\n\n-- (C) One.\n",
])
def test_a_lead_in_whose_bullets_carry_the_marks_is_not_an_unmarked_portion(body: str) -> None:
    assert unmarked(body) == []


def test_a_paragraph_with_text_of_its_own_before_marked_bullets_still_needs_a_mark() -> None:
    body = "1. (C) Text.\n\n2. The minister said many things. He went on at length\nabout them.\n-- (C) One.\n"
    assert unmarked(body) == [10]


def test_a_number_on_a_heading_takes_the_mark_that_opens_the_next_line() -> None:
    doc = parse(Source("x.txt", HEAD + "1. (C) Text.\n\n2. Afghanistan\n-------------\n(C) The talks.\n"))
    assert [(p.number, p.portion and p.portion.level) for p in doc.paragraphs] == [(1, "CONFIDENTIAL"), (2, "CONFIDENTIAL")]
    assert unmarked("1. (C) Text.\n\n2. Afghanistan\n-------------\nThe talks, unmarked.\n") == [10]


def test_a_label_before_the_mark() -> None:
    doc = parse(Source("x.txt", HEAD + "1. Summary:  (C) The talks.\n\n2. (C) Text.\n"))
    assert doc.paragraphs[0].portion.level == "CONFIDENTIAL"


@pytest.mark.parametrize("name", ["van Voorst", "de la Pena", "CARTER"])
def test_a_signature_is_not_a_portion(name: str) -> None:
    text = BANNER + "E.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\nSUBJECT: (U) TALKS\n\n(C) A block.\n\n" + name + "\n"
    doc = parse(Source("x.txt", text))
    assert [p.text for p in doc.paragraphs] == ["(C) A block."] and doc.signature.value == name


def test_a_page_break_in_mid_sentence_continues_the_portion() -> None:
    text = BANNER + "TAGS: PREL FR\nSUBJECT: (U) TALKS\n\n(C) The support for the\nPARIS 00000579 002 OF 002\n" \
                    "mission grew.\n\n(C) Next.\n"
    assert len(parse(Source("x.txt", text)).paragraphs) == 2
    after_sentence = text.replace("for the\nPARIS", "for the end.\nPARIS")
    assert len(parse(Source("x.txt", after_sentence)).paragraphs) == 3


@pytest.mark.parametrize("caption", ["SECRET NOFORN", "SECRET//NOFORN"])
def test_a_caption_line_that_repeats_the_level(caption: str) -> None:
    text = "S E C R E T SECTION 01 OF 02 PARIS 000579\n\nSIPDIS\n\n" + caption + "\n\nE.O. 12958: DECL: 01/30/2014\n" \
           "TAGS: PREL FR\nSUBJECT: (U) TALKS\n\n1. (S/NF) Text.\n"
    assert [c.value for c in parse(Source("x.txt", text)).captions] == ["SIPDIS", "NOFORN"]


def test_a_caption_line_after_the_subject() -> None:
    text = "S E C R E T PARIS 000579\n\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\nSUBJECT: (U) TALKS\n\nNOFORN\n\n" \
           "1. (S/NF) Text.\n"
    assert [c.value for c in parse(Source("x.txt", text)).captions] == ["NOFORN"]
    assert "NOFORN" not in [c.value for c in parse(Source("x.txt", text.replace("NOFORN\n\n", ""))).captions]


def numbers(body: str) -> list[int]:
    return [p.number for p in parse(Source("x.txt", HEAD + body)).paragraphs]


def test_a_paragraph_indented_with_line_separators() -> None:
    assert numbers("1. (C) Text.\n\n\u2028\u2028 2. (C) More.\n\n3. (C) End.\n") == [1, 2, 3]


def test_a_paragraph_number_wrapped_from_a_reference_is_no_paragraph() -> None:
    assert numbers("1. (U) This is an action request. Please see paragraph\n\n3.\n2. (S) Text.\n\n3. (S) Ask.\n") == [1, 2, 3]
    assert numbers("1. (U) This is an action request.\n\n2.\n(S) Text.\n") == [1, 2]


def test_a_stray_mark_at_the_end_of_the_classified_by_line() -> None:
    head = HEAD.replace("(b) and (d)\n", "(b) and (d) 1. (C)\n")
    assert [p.number for p in parse(Source("x.txt", head + "1. (C) Text.\n\n2. (C) More.\n")).paragraphs] == [1, 2]
    assert [p.number for p in parse(Source("x.txt", head + "Text.\n\n2. (C) More.\n")).paragraphs] == [1, 2]


def test_a_glued_number_at_a_line_end_needs_a_heading_rule_before_it() -> None:
    assert numbers("1. (C) Text.\n\nA heading - - - - - 2. (C)\n\nThe text.\n\n3. (C) End.\n") == [1, 2, 3]


def test_a_pilcrow_written_out_keeps_its_number() -> None:
    body = "¶1. (C) Text.\n\n¶2. (C) Text.\n\n¶3. (C) Text.\n\n¶15. (C) Text.\n"
    assert numbers(body) == [1, 2, 3, 15]
    assert numbers(body.replace("¶", "")) == [1, 2, 3, 5]  # a lost pilcrow read as 1: undone


def test_reason_section_with_its_dot_lost() -> None:
    doc = parse(Source("x.txt", HEAD.replace("reasons 1.4 (b) and (d)", "reasons 14 (b) and (d)") + "1. (C) Text.\n"))
    assert doc.classified_by.section.value == "1.4" and [r.value for r in doc.classified_by.reasons] == ["b", "d"]
    doc = parse(Source("x.txt", HEAD.replace("reasons 1.4 (b) and (d)", "reasons for 14 years") + "1. (C) Text.\n"))
    assert doc.classified_by.section is None


@pytest.mark.parametrize("note", ["7. MINIMIZE CONSIDERED. Visit London's Classified Website: XXXXXXXXXXXX",
                                  "***** ***** Visit Embassy Paris' Classified Website: XXXXXXXXXXXX *****"])
def test_a_posts_closing_notice_is_no_portion(note: str) -> None:
    assert unmarked("5. (C) Text.\n\n6. (C) More.\n\n" + note + "\n") == []
    assert unmarked("5. (C) Text.\n\n6. (C) More.\n\n7. A last word, unmarked.\n") == [12]


def test_a_control_glued_to_the_banner_serial_is_a_named_repair() -> None:
    text = "ID:1 Cable dated:2010-02-04T10:15:00C O N F I D E N T I A L PARIS 000579NOFORNSIPDISPLEASE PASS\n\n" \
           "E.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\nSUBJECT: (U) TALKS\n\n1. (C/NF) Text.\n"
    doc = parse(Source("x.txt", text))
    assert [c.value for c in doc.banner.controls] == ["NOFORN"]
    assert [(r.name, text[r.span.start:r.span.end]) for r in doc.repairs if r.name == "control-glued-to-serial"] == [
        ("control-glued-to-serial", "NOFORN")]
    plain = parse(Source("x.txt", text.replace("000579NOFORNSIPDISPLEASE", "000579 PLEASE")))
    assert plain.banner.controls == []


def test_a_whole_text_mark_in_mixed_case() -> None:
    doc = parse(Source("x.txt", HEAD + "1.Secret - Entire Text.\n\n2.(S) Text.\n"))
    mark = doc.paragraphs[0].portion
    assert mark.level == "SECRET" and [c.value for c in mark.controls] == ["ENTIRE TEXT"]


def test_a_tags_label_that_lost_its_first_letter_after_a_run_on_eo_line() -> None:
    text = BANNER + "E.O. 12958: N/A AGS: PREL, OVIP, AR\nSUBJECT: (U) TALKS\n\n1. (C) Text.\n"
    doc = parse(Source("x.txt", text))
    assert [t.value for t in doc.tags] == ["PREL", "OVIP", "AR"]
    assert parse(Source("x.txt", text.replace(" AGS:", " BAGS:"))).tags == []


def test_a_known_level_without_its_opening_parenthesis_is_paren_lost_and_an_unknown_one_malformed():
    """A letter standing where the "(" was (`QU)`) still shows the level: paren-lost;
    `XY)` shows none, nor does a topic label that lost its "(" (`AU)`)."""
    from cablelint.parse import parse
    from cablelint.source import Source
    from cablelint.vocabulary import default_vocabulary

    text = ("C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\nSUBJECT: MARKS\n\n"
            "1. C) One.\n\n2. SBU) Two.\n\n3. QU) Three.\n\n4. XY) Four.\n\n5. AU) Five.\n")
    doc = parse(Source(path="t.txt", text=text), default_vocabulary())
    got = [(p.number, p.portion.raw, p.portion.form) for p in doc.paragraphs]
    assert got == [(1, "C)", "paren-lost"), (2, "SBU)", "paren-lost"), (3, "QU)", "paren-lost"),
                   (4, "XY)", "malformed"), (5, "AU)", "malformed")]
    first = doc.paragraphs[0].portion.span
    assert text[first.start:first.end] == "C)"
