"""The repair `split-name`: a Classified By name's word split by a blank
inside one line (texts written here, not copied from a cable)."""
from __future__ import annotations

import pytest

from cablelint.parse import parse
from cablelint.source import Source

TOP = "C O N F I D E N T I A L OSLO 000123\n\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS\n"


def _name(authority: str):
    doc = parse(Source("x.txt", TOP + f"REF: STATE 12 Classified By: {authority} for reasons 1.4 (b) and (d).\n\n"
                       "1. (C) The minister spoke.\n"))
    return doc.classified_by.name.value, [r for r in doc.repairs if r.name == "split-name"]


@pytest.mark.parametrize("written,name", [
    ("Political Counselor Ma rtin B. Roe", "Martin B. Roe"),
    ("Ambassador Hal Y ates", "Hal Yates"),
])
def test_a_piece_of_small_letters_after_a_capitalised_word_is_joined(written: str, name: str) -> None:
    got, repairs = _name(written)
    assert got == name and len(repairs) == 1


@pytest.mark.parametrize("written,name", [
    ("Ambassador Anna van Dyke", "Anna van Dyke"),  # a particle of the name
    ("Ambassador Sidi ould Taya", "Sidi ould Taya"),
    ("Political Counselor Martin Roe fo", "Martin Roe fo"),  # the start of "for", cut: no piece of the name
    ("Political Counselor Martin Roe", "Martin Roe"),
])
def test_real_two_word_names_and_stray_words_stay_apart(written: str, name: str) -> None:
    got, repairs = _name(written)
    assert got == name and not repairs


@pytest.mark.parametrize("written,name", [
    ("PolCouns Amir ul Haq", "Amir ul Haq"),  # a particle after a word of four letters
    ("PolCouns Omar ud Din", "Omar ud Din"),
    ("Ambassador Martin Roe jr", "Martin Roe jr"),
])
def test_a_particle_after_a_whole_word_stays_apart(written: str, name: str) -> None:
    got, repairs = _name(written)
    assert got == name and not repairs


@pytest.mark.parametrize("trailing", ["acting DCM", "with", "due to", "citing", "pursuant to", "according to"])
def test_a_small_word_after_the_surname_is_not_glued_to_it(trailing: str) -> None:
    """Words after a name ("Roe acting DCM", "Roe with") are no piece of a
    split word: the surname is longer than a split word's head."""
    got, repairs = _name(f"Ambassador Martin Roe {trailing}")
    assert got.startswith("Martin Roe") and not repairs
