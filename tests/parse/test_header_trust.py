"""Header readers on short texts written here: the TAGS reader stops at an address line the
export ran into the TAGS line (`run-on-addressee`); a letter-spaced level spells no control."""
from __future__ import annotations

from cablelint.parse import parse
from cablelint.source import Source
from cablelint.vocabulary import default_vocabulary

V = default_vocabulary()


def _cable(tags_line: str) -> str:
    return ("UNCLAS ROME 000123\n\nSIPDIS\n\nE.O. 12958: N/A\n" + tags_line + "\n"
            "SUBJECT: A VISIT TO THE PORT\n\n1. (U) The visit went well.\n")


def test_address_line_run_into_tags_is_not_read_as_tags():
    text = _cable("TAGS: PREL IT DEPT FOR EUR WE EUR PGI")
    doc = parse(Source(path="t.txt", text=text), V)
    assert [t.value for t in doc.tags] == ["PREL", "IT"]
    assert doc.tags_line.value == "PREL IT"
    rep = [r for r in doc.repairs if r.name == "run-on-addressee"]
    assert len(rep) == 1
    assert text[rep[0].span.start:rep[0].span.end] == "DEPT FOR EUR WE EUR PGI"


def test_tags_without_an_addressee_are_read_whole():
    doc = parse(Source(path="t.txt", text=_cable("TAGS: PREL PGOV ECON IT")), V)
    assert [t.value for t in doc.tags] == ["PREL", "PGOV", "ECON", "IT"]
    assert not [r for r in doc.repairs if r.name == "run-on-addressee"]


def test_addressee_alone_on_the_tags_line_is_left_to_the_tag_rules():
    # Nothing before it: no TAG list to end, so nothing is repaired.
    doc = parse(Source(path="t.txt", text=_cable("TAGS: DEPT FOR EUR")), V)
    assert not [r for r in doc.repairs if r.name == "run-on-addressee"]


def test_letter_spaced_level_spells_no_control():
    # "S S I" inside a letter-spaced UNCLASSIFIED is not the SSI control.
    doc = parse(Source(path="t.txt", text="U N C L A S S I F I E D ROME 000123\n\nTAGS: PREL\n\n1. (U) Text.\n"), V)
    assert doc.banner.level == "UNCLASSIFIED"
    assert [c.value for c in doc.banner.controls] == []


def test_multi_word_level_still_adds_its_control():
    doc = parse(Source(path="t.txt", text="UNCLAS E F T O ROME 000123\n\nTAGS: PREL\n\n1. (U) Text.\n"), V)
    assert "EFTO" in [c.value for c in doc.banner.controls]
