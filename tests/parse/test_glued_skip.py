"""A glued paragraph number that skips one (issue 9; inspect audit s6 items 2-3): a body run onto
one line with a number missing (1, 2, 4, ...) must not hide every later paragraph. Short cables
written for these tests."""
from __future__ import annotations

from cablelint import lint_text, make_engine
from cablelint.parse import parse
from cablelint.source import Source

ENGINE = make_engine()
HEAD = ("C O N F I D E N T I A L LIMA 000123\n\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL PE\nSUBJECT: (U) A PORT\n"
        "Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)\n\n")


def paras(body: str) -> list[tuple[int | None, str | None]]:
    doc = parse(Source("x.txt", HEAD + body))
    return [(p.number, p.portion.raw if p.portion else None) for p in doc.paragraphs]


def glued_details(body: str) -> list[str]:
    return [r.detail for r in parse(Source("x.txt", HEAD + body)).repairs if r.name == "glued-paragraph"]


def findings(body: str) -> list[tuple[str, str]]:
    return [(f.rule, f.message) for f in lint_text(HEAD + body, "x.txt", engine=ENGINE, date="2009-06-01")
            if f.rule in ("CL104", "CL502")]


def test_a_one_line_body_that_skips_a_number_reads_every_paragraph_after_the_gap() -> None:
    body = "1. (U) The port grew. 2. (C) Officials met us. 4. (C) The ships came in. 5.(S) The minister said so.\n"
    assert paras(body) == [(1, "U"), (2, "C"), (4, "C"), (5, "S")]
    assert glued_details(body) == ["paragraph 2 read from inside line",
                                   "paragraph 4 read from inside line (one past the 3 expected)",
                                   "paragraph 5 read from inside line"]
    # The gap is reported once, and the (S) paragraph after it is seen above the banner.
    assert findings(body) == [("CL502", "paragraph 4 follows 2: number 3 is skipped"),
                              ("CL104", "paragraph 5 is marked (S), above the cable's banner CONFIDENTIAL")]


def test_a_number_that_skips_two_stays_text() -> None:
    body = "1. (U) The port grew. 2. (C) Officials met us. 5. (S) The ships came in.\n"
    assert paras(body) == [(1, "U"), (2, "C")]


def test_only_the_strongest_form_may_skip_a_number() -> None:
    line = "1. (U) The port grew. 2. (C) Officials met us{} 4.{}({}) The ships came in.\n"
    assert paras(line.format(".", " ", "C"))[-1] == (4, "C")
    assert paras(line.format(",", " ", "C"))[-1] == (2, "C")  # no sentence's end before it
    assert paras(line.format(" -----", " ", "C"))[-1] == (2, "C")  # a rule of dashes vouches only for the one expected
    assert paras(line.format(".", "  ", "C"))[-1] == (2, "C")  # two blanks before the mark
    assert paras(line.format(".", " ", "b"))[-1] == (2, "C")  # "(b)": no portion mark
    assert paras("1. (U) The port grew. 2. (C) Officials met us. 4. (C)\n")[-1] == (2, "C")  # nothing after it


def test_the_number_expected_anywhere_in_the_line_comes_before_a_skip() -> None:
    body = "1. (U) The port grew. 2. (C) See below. 4. (C) A note. 3. (C) The ships came in.\n"
    assert paras(body) == [(1, "U"), (2, "C"), (3, "C")]


def test_no_number_is_skipped_before_the_numbering_starts() -> None:
    assert paras("The talks began. 2. (C) The ships came in.\n") == [(None, None)]


def test_a_marked_number_the_skip_vouches_for_is_read_before_it() -> None:
    # "3. (C)" after a long heading is not read on its own; the "4. (C)" after it vouches for it.
    body = ("1. (U) The port grew. 2. (C) Officials met us. A VERY LONG HEADING WITHOUT A STOP BEFORE IT ANYWHERE "
            "IN SIGHT OF THE NUMBER  3. (C) The cargo grew. 4. (C) The ships came in.\n")
    assert paras(body) == [(1, "U"), (2, "C"), (3, "C"), (4, "C")]
    assert glued_details(body)[1:] == ["paragraph 3 read from inside line", "paragraph 4 read from inside line"]


def test_the_skip_note_names_the_number_after_the_paragraph_the_glued_one_follows() -> None:
    # review s7 item 7: the line's own marked number (5, out of sequence) is read as a paragraph
    # before the glued 3: "one past the 2 expected" would name a gap after paragraph 1 that is not
    # where the glued paragraph stands. The note says only what was read.
    body = "1. (U) The port grew.\n\n5. (C) Officials met us.   3. (C) The ships came in.\n"
    assert paras(body) == [(1, "U"), (5, "C"), (3, "C")]
    assert glued_details(body) == ["paragraph 3 read from inside line"]
    # A continuation line after paragraph 2 (no number of its own): the skip is named.
    body = "1. (U) The port grew.\n\n2. (C) Officials met us\nat noon.  4. (C) The ships came in.\n"
    assert glued_details(body) == ["paragraph 4 read from inside line (one past the 3 expected)"]
