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


def test_a_cut_ref_item_is_a_ref_entry_not_the_bodys_first_paragraph():
    # "¶C. ROME 33..." ends like a sentence, but it is the REF list's item (cut by the export).
    text = ("C O N F I D E N T I A L PARIS 000579\n\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\nSUBJECT: TALKS\n\n"
            "REF: A. PARIS 11\n     ¶B. PARIS 12\n     ¶C. ROME 33...\n\n")
    doc = parse(Source(path="t.txt", text=text), V)
    assert [t.value for t in doc.refs][-1].startswith("C. ROME 33") and doc.paragraphs == []
    # A marked paragraph after the list still starts the body.
    doc = parse(Source(path="t.txt", text=text + "1. (C) Text.\n"), V)
    assert [(p.number, p.portion.level) for p in doc.paragraphs] == [(1, "CONFIDENTIAL")]
