"""Fields the s10 inspect audit found misread (its items B, C, D), each on a
short text written for the test, and the real cables it named (read from
../shared, skipped without it)."""
from __future__ import annotations

from pathlib import Path

import pytest

from cablelint.source import read

from inspect_helpers import ENGINE, parse_text

BANNER = "S E C R E T OSLO 000123"
CAPTIONS = "\nSIPDIS\n\nNOFORN\nSIPDIS\n\n"
FIELDS = "E.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS ON THE BUDGET\n\n"
CLBY = "Classified By: Ambassador John Doe, reasons 1.4 (b,d)\n"
BODY = ("1. (C) Summary.  The minister said the talks on the budget went well and that the cabinet\n"
        "would meet again next week to settle the last open points.\n\n"
        "2. (S) He will travel to the capital next week to present the plan.\n")
# A CSV row of the archive before the copy: routing lines in one field, its classification field.
ROW = ('\n\n"\n4711,1/30/2009 16:17,09OSLO123,"Embassy\nOslo",SECRET//NOFORN,,"VZCZCXYZ0000\nOO RUEHWEB\n'
       'DE RUEHNY #0123/01 0301617\nZNY SSSSS ZZH\nO 301617Z JAN 09\nFM AMEMBASSY OSLO\n'
       'TO RUEHC/SECSTATE WASHDC IMMEDIATE 9745\n","')
CUT = BANNER + "\n" + CAPTIONS + FIELDS + "Classified By: Am..."
COPY = BANNER + "\n" + CAPTIONS.replace("\n\n", "\n") + FIELDS + CLBY + BODY


def _line(text: str, off: int) -> int:
    return text.count("\n", 0, off) + 1


def _captions(text: str) -> list[tuple[str, int]]:
    return [(c.value, _line(text, c.span.start)) for c in parse_text(text).captions]


# B. A whole copy's caption lines counted once (07THEHAGUE1295: SIPDIS NOFORN SIPDIS twice).

def test_the_whole_copy_s_captions_are_counted_once_with_a_note() -> None:
    text = CUT + ROW + COPY
    doc = parse_text(text)
    assert [c.value for c in doc.captions] == ["SIPDIS", "NOFORN", "SIPDIS"]
    assert [_line(text, c.span.start) for c in doc.captions] == [3, 5, 6]  # the first copy's, their spans kept
    note = [r.detail for r in doc.repairs if r.name == "cut-copy"]
    assert len(note) == 1 and "captions SIPDIS NOFORN SIPDIS on lines 25-27 (the copy's) counted once" in note[0]
    assert doc.to_dict()["classification"]["caveats"] == ["SIPDIS", "NOFORN", "SIPDIS"]


def test_the_archive_s_classification_field_between_cut_and_copy_is_no_caption() -> None:
    """A metadata block of lines (04THEHAGUE1919's shape): `SECRET//NOFORN` on a line of its own."""
    meta = "\n\n\n19303\n\n2009-01-30\n\n09OSLO123\n\nEmbassy Oslo\n\nSECRET//NOFORN\n\n"
    text = CUT + meta + COPY
    doc = parse_text(text)
    assert [c.value for c in doc.captions] == ["SIPDIS", "NOFORN", "SIPDIS"]
    assert all(_line(text, c.span.start) < 12 for c in doc.captions)
    note = next(r.detail for r in doc.repairs if r.name == "cut-copy")
    assert "NOFORN on line 23 (the archive's metadata) read as no caption" in note


def test_a_first_copy_cut_inside_its_captions_keeps_the_copy_s_rest() -> None:
    cut = BANNER + "\n\nSIPDIS\n\nNOF..."
    text = cut + ROW + COPY
    assert [v for v, _ in _captions(text)] == ["SIPDIS", "NOFORN", "SIPDIS"]
    assert _captions(text)[0][1] == 3  # the first copy's SIPDIS; NOFORN, SIPDIS from the copy


def test_a_copy_whose_captions_differ_is_left_as_read() -> None:
    """Which copy is right is not known: both lists stay (as before)."""
    text = CUT + ROW + COPY.replace("NOFORN\nSIPDIS\n", "NOFORN\nREL TO NATO\n", 1)
    values = [v for v, _ in _captions(text)]
    assert values[:3] == ["SIPDIS", "NOFORN", "SIPDIS"] and len(values) > 3


def test_a_header_written_twice_counts_its_captions_once() -> None:
    """No cut (09ISLAMABAD3037's shape): the banner line and captions written
    again before the text; the repair banner-again says so."""
    head = "S E C R E T SECTION 01 OF 02 OSLO 000123\nNOFORN\nSIPDIS\n" + FIELDS
    text = head + head + CLBY + "\n" + BODY
    doc = parse_text(text)
    assert [c.value for c in doc.captions] == ["NOFORN", "SIPDIS"]
    note = [r.detail for r in doc.repairs if r.name == "banner-again"]
    assert len(note) == 1 and "captions NOFORN SIPDIS on lines 9-10 (the copy's) counted once" in note[0]


def test_a_cable_written_once_keeps_captions_written_twice() -> None:
    text = COPY
    assert [v for v, _ in _captions(text)] == ["SIPDIS", "NOFORN", "SIPDIS"]
    assert not [r for r in parse_text(text).repairs if r.name in ("cut-copy", "banner-again")]


def _real(corpus_dir: Path, name: str):
    return ENGINE.parse(read(str(corpus_dir / f"{name}.txt")))


@pytest.mark.parametrize("name, caveats", [
    ("07THEHAGUE1295", ["SIPDIS", "NOFORN", "SIPDIS"]),   # l.22/24/25; the copy l.60-62
    ("09LIMA1675", ["SBU", "SIPDIS", "NOFORN"]),          # l.18-20 (the copy's were never read)
    ("04THEHAGUE1919", ["SIPDIS", "NOFORN"]),             # l.4/6; the archive's CONFIDENTIAL//NOFORN l.28
    ("09ISLAMABAD3037", ["NOFORN", "SIPDIS"]),            # header written twice, l.24-25 and l.32-33
])
def test_real_cables_written_twice_list_one_copy_s_caveats(corpus_dir: Path, name: str,
                                                           caveats: list[str]) -> None:
    assert _real(corpus_dir, name).to_dict()["classification"]["caveats"] == caveats
