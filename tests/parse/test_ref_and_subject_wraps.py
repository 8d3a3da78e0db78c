"""REF and SUBJECT wraps: the lettered items on the lines after `REF: A. ...` are references too
(the inspect audit found `B. ...` and the web page's `¶B. ...` dropped)."""
from __future__ import annotations

from cablelint import make_engine
from cablelint.source import Source

HEAD = "C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\nSUBJECT: TALKS\n"


def _refs(text: str) -> list[str]:
    return [t.value for t in make_engine().parse(Source(path="t.txt", text=text)).refs]


def test_lettered_items_after_the_ref_line_are_read() -> None:
    text = HEAD + "REF: A. STATE 99217\n     \u00b6B. BRUSSELS 1439\nC. PARIS 12\n(C) Summary: not a ref.\n"
    assert _refs(text) == ["A. STATE 99217", "B. BRUSSELS 1439", "C. PARIS 12"]


def test_the_items_stop_at_the_first_line_that_is_not_one() -> None:
    text = HEAD + "REF: A. STATE 99217\nB. BRUSSELS 1439\n\nC. is after a blank line\n\n1. (C) Text.\n"
    assert _refs(text) == ["A. STATE 99217", "B. BRUSSELS 1439"]
    assert _refs(HEAD + "REF: STATE 99217\n1. (C) Text.\n") == ["STATE 99217"]


def test_a_wrapped_subject_loses_the_web_pages_pilcrow_before_a_number() -> None:
    text = ("UNCLAS STATE 010122\nE.O. 12958: N/A\nTAGS: MARR BF\n"
            "SUBJECT: EXERCISE FROM MARCH 4, 2009, THROUGH MARCH 18,\n\u00b62009.\n\n1. (U) Text.\n")
    doc = make_engine().parse(Source(path="t.txt", text=text))
    assert doc.subject.value == "EXERCISE FROM MARCH 4, 2009, THROUGH MARCH 18, 2009."


def test_a_reftel_label_is_a_ref_label() -> None:
    """`Reftel:` (a reference telegram) introduces the REF as `REF:` does (markings.yaml ref_labels; inspect audit s7c)."""
    assert _refs(HEAD + "Reftel: 07 STATE 77742\n\n1. (C) Text.\n") == ["07 STATE 77742"]
    assert _refs(HEAD + "REFTELS: A. STATE 7\nB. PARIS 12\n\n1. (C) Text.\n") == ["A. STATE 7", "B. PARIS 12"]


def test_a_list_that_goes_on_in_lower_case_is_read_whole() -> None:
    """`REF: A. ...` then `b. ...`, `c. ...` (an export lower-casing the later items; inspect audit s7c)."""
    text = HEAD + "REF: A. SANAA 1995\nb. SANAA 2079\nc. SANAA 1669\n\n1. (C) Text.\n"
    assert _refs(text) == ["A. SANAA 1995", "b. SANAA 2079", "c. SANAA 1669"]
    # only the next letter goes on: a lower-case item out of order is not one
    assert _refs(HEAD + "REF: A. SANAA 1995\nd. SANAA 2079\n\n1. (C) Text.\n") == ["A. SANAA 1995"]


def test_a_lower_case_next_item_after_a_mixed_case_one_is_its_own() -> None:
    """Not glued onto the item before as its wrapped words (review late s7 S1)."""
    assert _refs(HEAD + "REF: A. Embassy email of May\nb. State 7\n\n1. (C) Text.\n") == [
        "A. Embassy email of May", "b. State 7"]
