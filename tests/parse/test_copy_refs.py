"""A REF that only the file's whole copy holds (refs.copy_refs): the first copy
was cut short in its header, before where its REF stands, and the whole copy
is read for it with the repair `whole-copy`. Short texts written for these tests."""
from __future__ import annotations

from inspect_helpers import parse_text

BANNER = "UNCLAS LIMA 000456"
FIELDS = "E.O. 12958: N/A\nTAGS: PGOV PE\nSUBJECT: A WORKSHOP ON COURTS\nAND TREATIES\n\n"
BODY = "1. (U) The court asked for help.\n\n2. (SBU) The minister agreed.\n"
# An archive's metadata block with the routing header (invented values): the header reader stops in it.
META = ("\nid: 4321\ndate: 11/2/2006 21:17\nrefid: 06LIMA456\norigin: Embassy Lima\nheader:\nVZCZCXYZ0001\n"
        "PP RUEHWEB\n\nDE RUEHPE #0456 3062117\nZNR UUUUU ZZH\nP 022117Z NOV 06\nFM AMEMBASSY LIMA\n"
        "TO RUEHC/SECSTATE WASHDC PRIORITY 0001\n\n----- header ends -----\n\n")


def _whole(ref: str = "REF: LIMA 3333\n\n") -> str:
    return BANNER + "\n\n" + FIELDS + ref + BODY


def _notes(doc) -> list[str]:
    return [r.detail for r in doc.repairs if r.name == "whole-copy"]


def test_a_subject_cut_short_before_the_ref() -> None:
    cut = BANNER + "\n\nE.O. 12958: N/A\nTAGS: PGOV PE\nSUBJECT: A WORKSHOP ON COURTS\nAND TREA...\n"
    doc = parse_text(cut + META + _whole())
    assert [t.value for t in doc.refs] == ["LIMA 3333"]
    assert "REF not in the first copy, cut short on line 6: read from its whole copy" in _notes(doc)
    assert doc.subject.value == "A WORKSHOP ON COURTS AND TREATIES"


def test_the_ref_label_itself_cut_short() -> None:
    cut = BANNER + "\n\n" + FIELDS + "RE...\n"
    doc = parse_text(cut + META + _whole("REF: A. STATE 1717\n\n     B. LIMA 2626\n\n"))
    assert [t.value for t in doc.refs] == ["A. STATE 1717", "B. LIMA 2626"]


def test_no_ref_is_taken_when_the_cut_falls_in_the_body() -> None:
    """The first copy's header is whole and has no REF: the cable has none
    (a REF line in the copy's body, quoted, is not the header's)."""
    cut = BANNER + "\n\n" + FIELDS + "1. (U) The court as...\n"
    doc = parse_text(cut + META + _whole("") + "\nREF: LIMA 3333\n")
    assert doc.refs == [] and not any(n.startswith("REF") for n in _notes(doc))


def test_no_ref_after_the_copys_first_paragraph() -> None:
    cut = BANNER + "\n\n" + FIELDS + "RE...\n"
    doc = parse_text(cut + META + BANNER + "\n\n" + FIELDS + BODY + "\nREF: LIMA 3333\n")
    assert doc.refs == []


def test_a_ref_cut_in_the_copy_too_is_not_taken() -> None:
    cut = BANNER + "\n\n" + FIELDS + "RE...\n"
    doc = parse_text(cut + META + _whole("REF: LIMA 33...\n\n"))
    assert not any(n.startswith("REF not") for n in _notes(doc))
