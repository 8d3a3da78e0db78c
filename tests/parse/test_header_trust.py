"""Header readers on short texts written here: a letter-spaced level spells no control."""
from __future__ import annotations

from cablelint.parse import parse
from cablelint.source import Source
from cablelint.vocabulary import default_vocabulary

V = default_vocabulary()


def test_letter_spaced_level_spells_no_control():
    # "S S I" inside a letter-spaced UNCLASSIFIED is not the SSI control.
    doc = parse(Source(path="t.txt", text="U N C L A S S I F I E D ROME 000123\n\nTAGS: PREL\n\n1. (U) Text.\n"), V)
    assert doc.banner.level == "UNCLASSIFIED"
    assert [c.value for c in doc.banner.controls] == []


def test_multi_word_level_still_adds_its_control():
    doc = parse(Source(path="t.txt", text="UNCLAS E F T O ROME 000123\n\nTAGS: PREL\n\n1. (U) Text.\n"), V)
    assert "EFTO" in [c.value for c in doc.banner.controls]
