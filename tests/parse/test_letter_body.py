"""A letter-form cable (issue 9: s7b audits, a letter whose marked paragraphs
are not numbered and not parted by blank lines): short cables written for
these tests."""
from __future__ import annotations

from cablelint import lint_text, make_engine
from cablelint.parse import parse
from cablelint.source import Source

ENGINE = make_engine(rules=["state"])
HEAD = ("C O N F I D E N T I A L ROME 000123\n\nSIPDIS\n\nE.O. 12958: DECL: 01/30/2020\nTAGS: PREL IT\n"
        "SUBJECT: A LETTER TO THE SECRETARY\n")
CLBY = "Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)\n"
LETTER = ("Dear Madam Secretary,\n(SBU) I write after a short trip to the north.\n"
          "(C) First, the soldiers I met are keen. They said\n(C) marks are hard to read.\n"
          "(C) Second, the budget is tight.\nDOE\n")


def marks(text: str) -> list[tuple[int, str | None]]:
    doc = parse(Source("x.txt", text))
    return [(doc.text.count("\n", 0, p.span.start) + 1, p.portion.raw if p.portion else None)
            for p in doc.paragraphs]


def test_each_marked_paragraph_of_a_letter_is_its_own_portion() -> None:
    # Line 13 opens "(C)" after "They said", no sentence's end: it stays in paragraph 12.
    assert marks(HEAD + CLBY + "\n" + LETTER) == [(11, "SBU"), (12, "C"), (14, "C")]
    assert [f.rule for f in lint_text(HEAD + CLBY + "\n" + LETTER, "x.txt", engine=ENGINE) if f.rule == "CL102"] == []


def test_an_unmarked_paragraph_does_not_make_the_next_marked_line_a_portion() -> None:
    body = "Dear Madam Secretary,\nI write after a short trip.\n(C) First, the soldiers are keen.\n"
    assert marks(HEAD + CLBY + "\n" + body) == [(11, None)]


def test_the_whole_copys_subject_line_is_no_paragraph() -> None:
    cut = HEAD.replace("TO THE SECRETARY", "TO THE ...") + "\n\n"
    whole = HEAD + CLBY + "\n" + LETTER
    doc = parse(Source("x.txt", cut + whole))
    assert doc.subject is not None and doc.subject.value.endswith("TO THE SECRETARY")
    assert all(p.portion is not None for p in doc.paragraphs) and len(doc.paragraphs) == 3


UNCLAS = HEAD.replace("C O N F I D E N T I A L", "U N C L A S S I F I E D").replace("DECL: 01/30/2020", "N/A")
ITEMS = ["(U) I write about three points:", "(a) the budget is tight.", "(b) the staff is small and\ngetting smaller.",
         "(c) the building is old."]


def test_a_lettered_lists_c_is_no_confidential_portion() -> None:
    # Review s7 S1: "(c)" right after the item "(b)" (over its wrapped line) is the list's third item,
    # both when the items run on and when blank lines part them: no portion (c), no CL104.
    for sep, read in (("\n", [(10, "U")]), ("\n\n", [(10, "U"), (12, None), (14, None), (17, None)])):
        text = UNCLAS + "\nDear Madam Secretary,\n" + sep.join(ITEMS) + "\nDOE\n"
        assert marks(text) == read, sep
        assert [f.rule for f in lint_text(text, "x.txt", engine=ENGINE) if f.rule == "CL104"] == [], sep


def test_a_mark_that_follows_no_earlier_letter_still_opens_a_portion() -> None:
    # "(C)" after the item "(a)" is no next item: the letter's next marked paragraph.
    body = "Dear Madam Secretary,\n(C) Two points:\n(a) the budget is tight.\n(C) Second, the staff is small.\nDOE\n"
    assert marks(HEAD + CLBY + "\n" + body) == [(11, "C"), (13, "C")]
    lower = body.replace("(C) Second", "(s) Second")  # and a lower-case mark stays one (CL104 below a CONFIDENTIAL banner)
    assert marks(HEAD + CLBY + "\n" + lower) == [(11, "C"), (13, "s")]
