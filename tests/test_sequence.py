"""Paragraph numbering (CL502, the `sequence` kind) reading the text between two
paragraphs: numbers glued into a line or written "2," (`glued`), a number that
ends a wrapped sentence (`reference_before`), withheld text behind a
placeholder (`withheld_gaps`); and a paragraph withheld whole is not an
unmarked portion (CL102). The cables are written for these tests."""
from __future__ import annotations

import pytest

from cablelint import lint_text, make_engine
from cablelint.checks import sequence
from cablelint.parse import parse
from cablelint.source import Source

ENGINE = make_engine(rules=["state"])
HEAD = "UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL FR\nSUBJECT: TALKS\n\n"


def numbering(body: str) -> list[str]:
    return [f.message for f in lint_text(HEAD + body, "<text>", engine=ENGINE) if f.rule == "CL502"]


def para(n: int, text: str = "The minister said the talks would go on.") -> str:
    return f"{n}. (U) {text}\n\n"


@pytest.mark.parametrize("glued", [
    "The talks ended late. 3. (U) The minister left.",       # after a sentence
    "The talks ended late.\n\n3, (U) The minister left.",    # comma for the period
    "The talks ended late.\n\nOUTCOME ----- 3 (U) He left.",  # after a heading, no period
    "The talks ended late. 3. The minister left.",            # unmarked, capitalised
])
def test_a_number_glued_into_the_text_fills_the_gap(glued: str) -> None:
    assert numbering(para(1) + para(2, glued) + para(4)) == []


def test_only_the_expected_number_in_order_fills_a_gap() -> None:
    # 3 and 4 are missing; a glued 3 explains one of them: the gap is reported at 4.
    assert numbering(para(1) + para(2, "It ended. 3. Then he left.") + para(5)) == [
        "paragraph 5 follows 3: number 4 is skipped"]
    # A glued number that is not the expected one explains nothing.
    assert numbering(para(1) + para(2, "It ended. 4. Then he left.") + para(5)) == [
        "paragraph 5 follows 2: numbers 3 and 4 are skipped"]


@pytest.mark.parametrize("figure", [
    "Growth was 2.3 percent.",                 # a decimal
    "They spent $3. Then they left.",          # money
    "The budget is 3,000 dollars.",            # thousands
    "See paragraph 3. The minister agreed.",   # a reference
    "They met on Jan 3. The minister agreed.",  # a date
])
def test_figures_and_references_do_not_fill_a_gap(figure: str) -> None:
    assert numbering(para(1) + para(2, figure) + para(4)) == ["paragraph 4 follows 2: number 3 is skipped"]


def test_a_wrapped_reference_at_a_line_start_is_not_a_paragraph() -> None:
    wrapped = para(2, "The points are in paragraph\n") + "5. The minister agreed to them.\n\n"
    assert numbering(para(1) + wrapped + para(3) + para(4)) == []
    # A number after a sentence end breaks the numbering as before (3 and 4 come after it: an order).
    ended = para(2, "The points are given below.\n") + "5. The minister agreed to them.\n\n"
    assert numbering(para(1) + ended + para(3) + para(4)) == [
        "paragraph 5 comes before 3 and 4 (line 13): the paragraphs are out of order"]
    # So does one after such a word when the numbering does not go on as expected.
    assert numbering(para(1) + wrapped + para(6)) == ["paragraph 5 follows 2: numbers 3 and 4 are skipped"]


@pytest.mark.parametrize("withheld", [
    para(1) + para(2) + "XXXXXXXXXXXX\n\n" + para(5),          # a placeholder line for 3 and 4
    para(1) + "2. XXXXXXXXXXXX\n\n" + para(9),                  # a paragraph that is only a placeholder
    "XXXXXXXXXXXX\n\nA HEADING\n\n" + para(4) + para(5),       # before the first paragraph
    para(1) + para(2) + "[REDACTED]\n\n" + para(6),             # another placeholder style
])
def test_a_placeholder_where_numbers_are_missing_explains_the_gap(withheld: str) -> None:
    assert numbering(withheld) == []


@pytest.mark.parametrize("tail", [
    "The vote is due soon. XXXXXXXXXXXX",                                   # after the last sentence
    "The vote is due soon. ------------- XXXXXXXXXXXX",                     # a heading's opening rule
    "The vote is due soon.\" ------ THE VOTE ------ XXXXXXXXXXXX",          # a whole heading, a quote
    "The vote is due soon. ------------- XXXXXXXXXXXX  ",                   # trailing blanks
])
def test_a_placeholder_that_ends_the_paragraph_before_a_gap_explains_it(tail: str) -> None:
    # A re-flowed copy joins a paragraph onto one line; the placeholder that
    # took the next heading and paragraph stands at that line's end.
    assert numbering(para(1) + para(2, tail) + para(4)) == []


@pytest.mark.parametrize("tail", [
    "We met XXXXXXXXXXXX",                     # a withheld name ends the sentence, no full stop
    "We met XXXXXXXXXXXX.",                    # the same with its full stop
    "The vote is due soon. XXXXXXXXXXXX said so.",  # a withheld name opens the last sentence
    "Our contact (XXXXXXXXXXXX)",              # in brackets
    "The vote is due soon. XXXXXXXXXXXX.",     # a full stop after it: a sentence of its own
])
def test_a_placeholder_inside_the_last_sentence_explains_no_gap(tail: str) -> None:
    assert numbering(para(1) + para(2, tail) + para(4)) == ["paragraph 4 follows 2: number 3 is skipped"]


def test_a_placeholder_inside_a_sentence_explains_no_gap() -> None:
    body = para(1) + para(2, "He met XXXXXXXXXXXX on Monday.") + para(4)
    assert numbering(body) == ["paragraph 4 follows 2: number 3 is skipped"]
    # Nor does a placeholder explain a repeat.
    assert numbering(para(1) + para(2) + "XXXXXXXXXXXX\n\n" + para(2)) == [
        "paragraph 2 has the same number as the one before it: 3 was expected"]


def test_the_parameters_are_checked_when_the_rule_set_loads() -> None:
    with pytest.raises(ValueError, match="group named n"):
        sequence.prepare({"target": "paragraphs.numbered", "glued": r"\d+\."})
    with pytest.raises(ValueError, match="plain numbering"):
        sequence.prepare({"target": "sections", "totals": True, "withheld_gaps": True})
    with pytest.raises(ValueError, match="bad regex"):
        sequence.prepare({"target": "paragraphs.numbered", "reference_before": "(para"})


CLASSIFIED = ("C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\n"
              "SUBJECT: TALKS\nClassified By: Poloff Jane Doe, reasons 1.4 (b) and (d)\n\n")


def unmarked(body: str) -> list[int]:
    found = lint_text(CLASSIFIED + body, "<text>", engine=ENGINE, date="2004-01-30")
    return [f.line for f in found if f.rule == "CL102"]


@pytest.mark.parametrize("withheld", ["XXXXXXXXXXXX", "XXXXXXXXXXXX.", "[REDACTED]", "(b)(1)",
                                      "XXXXXXXXXXXX\nXXXXXXXXXXXX"])
def test_a_paragraph_withheld_whole_is_not_an_unmarked_portion(withheld: str) -> None:
    body = "1. (C) One.\n\n2. " + withheld + "\n\n3. (C) Three.\n"
    assert unmarked(body) == []


def test_a_paragraph_with_words_beside_its_placeholder_is_still_unmarked() -> None:
    assert unmarked("1. (C) One.\n\n2. We met XXXXXXXXXXXX today.\n\n3. (C) Three.\n") == [9]
    # The placeholder on its first line, the text wrapped onto the next: a portion.
    assert unmarked("1. (C) One.\n\n2. XXXXXXXXXXXX\nsaid the talks would go on.\n\n3. (C) Three.\n") == [9]


def plain(n: int, text: str = "The minister said the talks would go on.", mark: str = "¶") -> str:
    return f"{mark}{n}. {text}\n\n"


def findings_502(body: str) -> list[tuple[int, str]]:
    return [(f.line, f.message) for f in lint_text(HEAD + body, "<text>", engine=ENGINE) if f.rule == "CL502"]


def test_a_number_repeated_after_a_heading_is_the_paragraph_it_stands_for() -> None:
    # 1, 1, 3: the second paragraph was numbered 1 again; 3 is right. The
    # repeat is the one break, at its own line, and 3 is not "skipped".
    body = ("------- SUMMARY -------\n\n" + plain(1) + "------- THE STORY -------\n\n"
            + plain(1, "On Monday the bank was accused.") + plain(3) + plain(4))
    assert findings_502(body) == [(12, "paragraph 1 has the same number as the one before it: 2 was expected")]


def test_a_restarted_list_after_a_heading_is_not_read_as_paragraphs() -> None:
    # A nested list 1, 2, 3 after paragraph 1: the next number after the repeat
    # is not two on, so the 1 is an item, not a paragraph; paragraph 2 follows.
    body = (plain(1, "The options are these.") + "OPTIONS\n\n" + "1. Wait.\n\n2. Act.\n\n3. Leave.\n\n"
            + plain(2) + plain(3))
    assert findings_502(body) == []


def test_a_mistyped_repeat_is_one_break_not_two() -> None:
    # 1, 2, 2, 4 (a marked cable): the second 2 stands for 3; 4 goes on from it.
    assert numbering(para(1) + para(2) + para(2, "Another point.") + para(4) + para(5)) == [
        "paragraph 2 has the same number as the one before it: 3 was expected"]


def test_numbering_per_part_is_not_one_sequence() -> None:
    # A form answered part by part, each part numbered from 1 (a tasker's
    # questionnaire): numbering that goes back more than max_restarts times.
    parts = "".join(f"PART {k}\n\n" + para(1) + para(2) for k in range(1, 5))
    assert numbering(parts) == []
    # Going back once or twice is still reported (a slip, a pasted paragraph). (Part B's text is its own:
    # paragraphs 1-2 written again word for word are an export's repeat, read once: parse/paragraph_repeat.py.)
    assert numbering(para(1) + para(2) + "PART B\n\n" + para(1, "Part B opens here.") + para(2, "Part B ends.")) == [
        "paragraph 1 is used again after 2: 3 was expected"]
    # Numbers repeated again and again go forward: no restart, still reported.
    repeats = "".join(para(n, f"Point {i}.") for i, n in enumerate((1, 2, 2, 3, 3, 4, 4, 5)))
    assert numbering(repeats) != []


def test_numbering_keyed_to_another_documents_paragraphs_is_not_checked() -> None:
    # Answers numbered after the tasker's paragraphs (25, 26, then 29): no
    # drafter starts at 25 by a slip; a start close to 1 is still reported.
    assert numbering(para(25) + para(26) + para(29)) == []
    assert numbering(para(3) + para(4)) == ["paragraph 3 comes first: numbers 1 and 2 are skipped"]


def test_keyed_answers_are_not_checked_for_gaps_from_their_first_number() -> None:
    # review s7 item 8: answers keyed to a tasker's paragraphs skip those that
    # ask nothing (25-30, then 33 under a new heading: a real cable's shape);
    # checking from the first number would report the tasker's numbering as
    # the drafter's gap. So a keyed 6, 7, 9 is not reported either: the two
    # cannot be told apart. Keyed means a first number more than 4 past 1.
    keyed = "".join(para(n) for n in range(25, 31)) + "CHILD SOLDIERS\n\n" + para(33)
    assert numbering(keyed) == []
    assert numbering(para(6) + para(7) + para(9) + para(10)) == []
    # Not keyed (5 is 4 past 1): every gap is checked, the 6 -> 8 one too.
    assert numbering(para(5) + para(6) + para(8)) == [
        "paragraph 5 comes first: numbers 1 to 4 are skipped; 1 more like it (line 10)"]


# -- numbers out of order (audit s8c-a n=25): a gap whose number comes later is no loss ---------------


def test_two_paragraphs_swapped_are_one_out_of_order_finding() -> None:
    # 1, 2, 3, 4, 6, 5, 7: 5 is there, after 6. One finding, at 6, naming where 5 stands;
    # the 5 and the 7 after it are not reported again.
    body = "".join(para(n, f"Point {n}.") for n in (1, 2, 3, 4, 6, 5, 7))
    assert findings_502(body) == [(14, "paragraph 6 comes before 5 (line 16): the paragraphs are out of order")]


def test_an_unmarked_paragraph_that_comes_late_is_read_as_a_paragraph() -> None:
    # Unmarked ¶ paragraphs, each under a heading, the last one moved up: the late
    # 5 starts a paragraph (it was read as a line inside paragraph 6, and 5 said skipped).
    body = "".join(f"HEADING {n}\n -------- \n\n" + plain(n, f"Point {n} ended.") for n in (1, 2, 3, 4, 6, 5))
    doc_numbers = [p.number for p in parse(Source("t.txt", HEAD + body)).paragraphs if p.number is not None]
    assert doc_numbers == [1, 2, 3, 4, 6, 5]
    assert findings_502(body) == [(29, "paragraph 6 comes before 5 (line 34): the paragraphs are out of order")]


def test_a_paragraph_moved_further_down_is_one_finding_where_the_order_breaks() -> None:
    # 1, 3, 4, 2, 5: 2 was moved below 4. The finding is at 3, where the numbering
    # first goes wrong, and says where 2 stands; 4, 2 and 5 are not reported.
    body = "".join(plain(n, f"Point {n}.") for n in (1, 3, 4, 2, 5))
    assert findings_502(body) == [(8, "paragraph 3 comes before 2 (line 12): the paragraphs are out of order")]
    # Moved up instead (1, 2, 5, 3, 4, 6): the numbers it came before, and where the first stands.
    body = "".join(plain(n, f"Point {n}.") for n in (1, 2, 5, 4, 3, 6))
    assert findings_502(body) == [(10, "paragraph 5 comes before 3 and 4 (line 14): the paragraphs are out of order")]


def test_two_numbers_late_in_turn_are_both_orders() -> None:
    # 1, 3, 5, 2, 4: 2 comes after 3, and 4 after 5; the late 2 is no restart, so 4 is
    # not said skipped either: two out-of-order breaks, one finding with a related location.
    body = "".join(plain(n, f"Point {n}.") for n in (1, 3, 5, 2, 4))
    assert findings_502(body) == [(8, "paragraph 3 comes before 2 (line 12): the paragraphs are out of order; "
                                      "1 more like it (line 10)")]


def test_a_real_skip_is_still_said_skipped() -> None:
    assert findings_502("".join(plain(n) for n in (1, 2, 4, 5))) == [(10, "paragraph 4 follows 2: number 3 is skipped")]
    # Out of order, then a real skip: two causes, the skip a related location.
    body = "".join(plain(n, f"Point {n}.") for n in (1, 2, 4, 3, 5, 7))
    assert findings_502(body) == [(10, "paragraph 4 comes before 3 (line 12): the paragraphs are out of order; "
                                       "1 more like it (line 16)")]


def test_a_skip_followed_by_a_repeat_or_a_restart_is_still_a_skip() -> None:
    # 1, 2, 4, 5, 5, 6: 3 never comes; the repeat is a second break.
    body = "".join(para(n, f"Point {i}.") for i, n in enumerate((1, 2, 4, 5, 5, 6)))
    assert numbering(body) == ["paragraph 4 follows 2: number 3 is skipped; 1 more like it (line 14)"]
    # 1, 2, 4, 5, then the body again from 1: its 3 is the copy's, not the missing paragraph.
    body = "".join(para(n, f"Point {i}.") for i, n in enumerate((1, 2, 4, 5, 1, 2, 3)))
    assert numbering(body)[0].startswith("paragraph 4 follows 2: number 3 is skipped")
    # A list 1, 2, 3 inside unmarked paragraph 4: its 3 starts no paragraph, fills no gap.
    body = (plain(1) + plain(2) + plain(4, "The options are these.") + "1. Wait.\n\n2. Act.\n\n3. Leave.\n\n"
            + plain(5))
    assert findings_502(body) == [(10, "paragraph 4 follows 2: number 3 is skipped")]


def test_out_of_order_words_are_checked_when_the_rule_set_loads() -> None:
    with pytest.raises(ValueError, match="may name only"):
        sequence.prepare({"target": "paragraphs.numbered", "out_of_order": "comes before {number}"})
    with pytest.raises(ValueError, match="plain numbering"):
        sequence.prepare({"target": "sections", "totals": True, "out_of_order": "comes before {before}"})
