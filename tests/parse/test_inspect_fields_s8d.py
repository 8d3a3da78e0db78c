"""Fields the s8d inspect audit found misread, each on a short text written for the test."""
from __future__ import annotations

import pytest

from inspect_helpers import parse_text

HEAD = ("C O N F I D E N T I A L OSLO 000123\n\nSIPDIS\n\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\n"
        "SUBJECT: TALKS\n\n")


@pytest.mark.parametrize("reasons", ["1.4 (b) an d (d).", "1.4 B AN D D", "1.4 (b) a nd (d)", "1.4 b A ND d"])
def test_an_and_split_by_a_blank_joins_the_reason_letters(reasons: str) -> None:
    doc = parse_text(HEAD + f"Classified By: Consul Jane Roe for reasons {reasons}\n\n1. (C) Text.\n")
    cb = doc.classified_by
    assert [r.value for r in cb.reasons] == ["b", "d"]
    assert cb.name.value == "Jane Roe"
    notes = [r.detail for r in doc.repairs if "split by a blank" in r.detail]
    assert len(notes) == 1 and "'and'" in notes[0]


def test_a_whole_and_between_reason_letters_is_no_repair() -> None:
    doc = parse_text(HEAD + "Classified By: Consul Jane Roe for reasons 1.4 (b) and (d)\n\n1. (C) Text.\n")
    assert [r.value for r in doc.classified_by.reasons] == ["b", "d"]
    assert not [r for r in doc.repairs if "split by a blank" in r.detail]


def test_an_article_after_the_reasons_is_no_split_and() -> None:
    doc = parse_text(HEAD + "Classified By: Consul Jane Roe for reasons 1.4 (b) an dd\n\n1. (C) Text.\n")
    assert [r.value for r in doc.classified_by.reasons] == ["b"]
    assert not [r for r in doc.repairs if "split by a blank" in r.detail]


@pytest.mark.parametrize("statement,name,title", [
    ("Classified By: XXXXXXXXXX a.i.; reason 1.4 (d)", "XXXXXXXXXX", "a.i"),
    ("Classified By: XXXXXXXXX Acting DCM, reasons 1.4 (b)", "XXXXXXXXX", "Acting DCM"),
    ("Classified By: XXXXXXXXXX, Charge d'Affaires a.i., reasons 1.4 (b)", "XXXXXXXXXX", "Charge d'Affaires a.i"),
    ("Classified By: XXXXXXXXXX Oslo, reason 1.4 (d)", "XXXXXXXXXX Oslo", None),
    ("Classified By: XXXXXXXXXX, reason 1.4 (d)", "XXXXXXXXXX", None),
])
def test_title_words_after_a_masked_name_are_the_title(statement: str, name: str, title: str | None) -> None:
    cb = parse_text(HEAD + statement + "\n\n1. (C) Text.\n").classified_by
    assert (cb.name.value if cb.name else None, cb.title.value if cb.title else None) == (name, title)


BODY_HEAD = HEAD + "Classified By: Consul Jane Roe for reasons 1.4 (b)\n\n"


@pytest.mark.parametrize("glued", ["The Talks Went Well  3. (C) Then the minister left.",
                                   "the minister said so 3. (C)  Then he left.",
                                   "WHAT NEXT 3. (SBU) Then he left."])
def test_a_marked_number_due_next_glued_after_a_word_opens_a_paragraph(glued: str) -> None:
    doc = parse_text(BODY_HEAD + "1. (C) Text one.\n\n2. (C) Text two, and " + glued + "\n\n4. (C) Text four.\n")
    assert [p.number for p in doc.paragraphs] == [1, 2, 3, 4]
    assert any(r.name == "glued-paragraph" and "paragraph 3" in r.detail for r in doc.repairs)


@pytest.mark.parametrize("glued", ["as in section 5. (C) Then he left.",      # not the number due
                                   "as in the paper 3. (X) Then he left.",     # no portion mark
                                   "as in the paper 3. (C) then he left.",     # no capital after it
                                   "as in the paper 3. (C)"])                  # nothing after it
def test_other_numbers_glued_after_a_word_open_no_paragraph(glued: str) -> None:
    doc = parse_text(BODY_HEAD + "1. (C) Text one.\n\n2. (C) Text two, " + glued + "\n")
    assert [p.number for p in doc.paragraphs] == [1, 2]


def test_a_first_number_glued_after_a_word_is_not_vouched_for() -> None:
    from cablelint.parse.glued import _due_after_words
    text = "the talks 1. (C) Text one."
    assert not _due_after_words(1, 1, text, text.index(")") + 1)
    assert _due_after_words(2, 2, text.replace("1.", "2."), text.index(")") + 1)
