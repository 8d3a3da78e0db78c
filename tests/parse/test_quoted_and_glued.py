"""Quoted material and bare glued paragraph numbers (issue 9 items 2 and 5):
short cables written for these tests."""
from __future__ import annotations

from cablelint import lint_text, make_engine
from cablelint.parse import parse
from cablelint.parse.quotes import regions
from cablelint.source import Source
from cablelint.vocabulary import default_vocabulary

ENGINE = make_engine(rules=["state"])
SECRET = ("S E C R E T PARIS 000579\n\nE.O. 12958: DECL: 01/30/2018\nTAGS: PREL FR\nSUBJECT: (U) A LETTER\n"
          "Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)\n\n")
LETTER = ("1. (S) Summary. The ministry sent the letter in para 2.\n\n"
          "2. (S) Begin Text of Letter:\n\nDear Ms. Roe,\n\n1. I am grateful for your help.\n\n"
          "2. We have a good working relationship.\n\n3. We will continue to liaise.\nYours sincerely,\nJ Smith\n"
          "End Text.\n\n3. (S) Comment. We welcome the procedures.\n")


def rules_of(text: str) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in lint_text(text, "x.txt", engine=ENGINE) if f.rule in ("CL102", "CL502")]


def test_numbered_paragraphs_of_a_quoted_letter_are_not_the_cables() -> None:
    doc = parse(Source("x.txt", SECRET + LETTER))
    assert [(p.number, p.portion.raw if p.portion else None) for p in doc.paragraphs] == [(1, "S"), (2, "S"), (3, "S")]
    assert rules_of(SECRET + LETTER) == []


def test_a_letter_opened_and_closed_without_begin_text_is_quoted_inside_a_paragraph() -> None:
    body = LETTER.replace("2. (S) Begin Text of Letter:", "2. (S) The letter reads:").replace("End Text.\n", "")
    doc = parse(Source("x.txt", SECRET + body))
    assert [p.number for p in doc.paragraphs] == [1, 2, 3]


def test_an_unclosed_quotation_quotes_nothing() -> None:
    body = "1. (S) Begin text of the note below.\n\n2. Text.\n\n3. (S) More.\n"
    assert regions((SECRET + body).lower(), 0, default_vocabulary()) == []
    assert [p.number for p in parse(Source("x.txt", SECRET + body)).paragraphs] == [1, 2, 3]


def test_a_begin_text_never_closed_ends_where_the_next_begins() -> None:
    text = "a\nBegin text of note:\nx\n4. b\nfollows: Begin text:\ny\nEnd text.\n"
    (start, end), = regions(text.lower(), 0, default_vocabulary())
    assert text[start:end] == "y\n"


UNCLAS = "UNCLAS JAKARTA 000186\n\nE.O. 12958: N/A\nTAGS: PGOV ID\nSUBJECT: A REQUEST\n\n"


def test_a_bare_paragraph_number_glued_to_the_line_before_is_read_when_the_next_confirms_it() -> None:
    body = ("1. Action request in paragraph 5. 2. Summary: The mission requests funds for outreach.\n\n"
            "3. The mission is active.\n\n4. More.\n\n5. The request.\n")
    doc = parse(Source("x.txt", UNCLAS + body))
    assert [p.number for p in doc.paragraphs] == [1, 2, 3, 4, 5]
    assert [r.name for r in doc.repairs] == ["glued-paragraph"] and "next paragraph is 3" in doc.repairs[0].detail
    assert rules_of(UNCLAS + body) == []


def test_a_bare_number_the_next_paragraph_does_not_confirm_stays_text() -> None:
    body = "1. We met on Nov. 5. 2. Officials attended the meeting.\n\n2. The talks.\n\n3. More.\n"
    doc = parse(Source("x.txt", UNCLAS + body))
    assert [p.number for p in doc.paragraphs] == [1, 2, 3] and doc.repairs == []


def test_a_bare_glued_number_in_a_cable_that_marks_its_paragraphs_is_not_read() -> None:
    body = "1. (S) Text in paragraph 5. 2. Summary: more text here.\n\n3. (S) Next.\n"
    doc = parse(Source("x.txt", SECRET + body))
    assert [p.number for p in doc.paragraphs] == [1, 3]
    assert "glued-paragraph" not in [r.name for r in doc.repairs]


def test_a_copy_run_onto_one_line_from_a_heading_before_paragraph_3_is_read_as_its_paragraphs() -> None:
    # The export ran a copy of the body onto one line and it starts at paragraph 3: the heading's
    # rule of dashes vouches for "3.(S)" opening the numbering, and 4 and 5 follow in the same line.
    body = ("TALKS GO ON ----------------- 3.(S) The minister called. He said so. "
            "MORE TALKS ----------------- - 4. (U) The talks resumed. 5.(S) He left.\n")
    doc = parse(Source("x.txt", SECRET + body))
    assert [(p.number, p.portion.raw if p.portion else None) for p in doc.paragraphs] == [(3, "S"), (4, "U"), (5, "S")]
    assert [r.detail for r in doc.repairs if r.name == "glued-paragraph"][0] == "paragraph 3 read from inside line"
    # Without the rule of dashes, a number inside a line that is not the one expected stays prose.
    doc = parse(Source("x.txt", SECRET + "TALKS GO ON. 3.(S) The minister called.\n"))
    assert [p.number for p in doc.paragraphs] == [None]


def test_a_header_cut_folds_the_numbering_of_a_copy_that_starts_at_paragraph_3() -> None:
    # The header is cut ("A/DCM ..."), the cable starts again, its body from paragraph 3:
    # paragraphs 1-2 went with the cut, so the numbering is the cut's, not the drafter's.
    head = ("S E C R E T PARIS 000579\n\nE.O. 12958: DECL: 01/30/2018\nTAGS: PREL FR\nSUBJECT: (U) TALKS\n\n"
            "Classified By: A/DCM ...\n\n")
    again = "S E C R E T PARIS 000579 E.O. 12958: DECL: 01/30/2018 TAGS: PREL FR\n"
    found = lint_text(head + again + "TALKS GO ON ----------------- 3.(S) The minister called.\n", "x.txt",
                      engine=ENGINE)
    got = {f.rule: f for f in found}
    assert "CL502" not in got and "CL102" not in got and "CL502" in [r.rule for r in got["CL909"].related]
    # A gap later in a body whose paragraph 1 follows the cut is the drafter's.
    found = lint_text(head + again + "1. (S) One.\n\n2. (S) Two.\n\n4. (S) Four.\n", "x.txt", engine=ENGINE)
    assert ("CL502", 14) in [(f.rule, f.line) for f in found]
