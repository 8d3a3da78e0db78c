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
