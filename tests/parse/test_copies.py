"""The parse step `whole_copy` (parse/copies.py): where the file writes the cable
out again after a damaged first copy, found once and read by the field readers
and CL911. Short texts written for these tests."""
from __future__ import annotations

import json

from cablelint.damage import DETECTORS
from cablelint.inspect_view import inspect_text
from cablelint.parse.copies import copy_lines, find_whole_copy
from cablelint.parse.repair import virtual_lines
from cablelint.source import Source

from inspect_helpers import ENGINE, parse_text

BANNER = "C O N F I D E N T I A L OSLO 000123"
FIELDS = "E.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS ON THE BUDGET\n\n"
WHOLE = (BANNER + "\n\n" + FIELDS + "Classified By: POL JOHN DOE, REASONS 1.4 (B,D)\n\n"
         "1. (C) The minister said the talks went well.\n\n2. (C) He will travel next week.\n")
CUT = BANNER + "\n\n" + FIELDS + "Classified By: POL JOHN DOE, REASONS 1.4 (B,...\n\n\n"
META = "id: 12345\ndate: 1/30/2009\nrefid: 09OSLO123\n\n"


def _line(text: str, off: int) -> int:
    return text.count("\n", 0, off) + 1


def _copy_line(text: str) -> int | None:
    doc = parse_text(text)
    return _line(text, doc.whole_copy.again.start) if doc.whole_copy else None


def test_a_cut_first_copy_then_the_whole_copy() -> None:
    text = CUT + META + WHOLE
    doc = parse_text(text)
    assert _line(text, doc.whole_copy.banner.start) == 1 and _copy_line(text) == 14
    assert doc.whole_copy.again.end - doc.whole_copy.again.start == len(BANNER)
    # the cut statement is read again from the copy, and the repair says so
    assert [r.value for r in doc.classified_by.reasons] == ["b", "d"]
    assert [r.detail for r in doc.repairs if r.name == "whole-copy"] == [
        "Classified By cut short on line 7: read from its whole copy"]


def test_a_lower_cased_copy_then_the_whole_one() -> None:
    low = (BANNER.lower() + "\n\n" + FIELDS.lower() + "1. (c) the minister said the talks went well.\n\n")
    assert _copy_line(low + META + WHOLE) == 13
    assert _copy_line(low) is None


def test_no_copy() -> None:
    assert parse_text(WHOLE).whole_copy is None
    # the serial written again elsewhere (a page mark) is no copy
    assert _copy_line(WHOLE + "\nOSLO 000123 002 OF 002\n\n3. (C) More.\n") is None
    # a banner line that does not name the cable recurs as a page mark
    assert _copy_line("SECRET\n\n" + FIELDS + "1. (S) Text.\n\nSECRET\n\n2. (S) More.\n") is None


def test_the_copy_may_open_a_csv_row_s_field_even_after_its_routing_lines_or_wrapped() -> None:
    row = '12345,1/30/2009 10:00,09OSLO123,"Embassy Oslo",\nCONFIDENTIAL,,"VZCZCXYZ0001\n'
    assert _copy_line(CUT + row + '","' + WHOLE) == 12
    assert _copy_line(CUT + row + 'RUEHC/SECSTATE WASHDC PRIORITY","' + WHOLE) == 12
    wrapped = WHOLE.replace("OSLO 000123", "OSLO\n000123", 1)
    assert _copy_line(CUT + row + 'RUEHC/SECSTATE WASHDC PRIORITY","' + wrapped) == 12
    # the serial inside another word, or the banner inside a line of text: no copy
    assert _copy_line(CUT + "A NOTE ON " + WHOLE) is None
    assert _copy_line(CUT + WHOLE.replace("OSLO 000123", "OSLO 0001234", 1)) == 10  # (a prefix, as before)


def test_a_banner_the_drafter_writes_again_in_a_quoted_cable_is_no_copy() -> None:
    body = "1. (C) Following is the text of our earlier message.\n\n"
    for opener in ("QUOTE:", "BEGIN TEXT:", "Begin quote"):
        text = WHOLE + "\n" + body + opener + "\n\n" + WHOLE + "\nEND QUOTE.\n"
        doc = parse_text(text)
        assert doc.whole_copy is None, opener
        assert not [r for r in doc.repairs if r.name == "whole-copy"]


def test_a_field_is_read_again_only_from_the_copy_within_its_reach() -> None:
    text = CUT + META + WHOLE
    src = Source("t.txt", text)
    lines = virtual_lines(src, [])
    copy = find_whole_copy(lines, 0, text)
    cut_end = text.index("(B,...") + 6
    got = copy_lines(copy, lines, cut_end)
    assert _line(text, lines[got[0]].start) == 14  # from the copy's first line on
    assert copy_lines(copy, lines, cut_end, reach=5) == range(0)  # the copy too far after the cut
    assert copy_lines(copy, lines, len(text)) == range(0)  # the copy before the cut
    assert copy_lines(None, lines, cut_end) == range(0)


def test_a_statement_in_the_archive_s_metadata_before_the_copy_is_not_read() -> None:
    meta = META + "Classified By: ARCHIVE CLERK, REASONS 1.4 (A)\n\n"
    doc = parse_text(CUT + meta + WHOLE)
    assert [r.value for r in doc.classified_by.reasons] == ["b", "d"]


def test_inspect_shows_where_the_whole_copy_starts() -> None:
    d = parse_text(CUT + META + WHOLE).to_dict()
    assert d["whole_copy"] == {"line": 14, "banner_line": 1}
    assert "  whole copy:     from line 14 (the banner's line 1 written again)" in inspect_text(
        json.loads(json.dumps(d | {"date": None})))
    assert parse_text(WHOLE).to_dict()["whole_copy"] is None


def test_cl911_reads_the_record_a_copy_opened_inside_a_csv_row_is_the_cable_again() -> None:
    rule = next(r for r in ENGINE.rulesets[0].rules if r.id == "CL911")
    row = ('12345,1/30/2009 10:00,09OSLO123,"Embassy Oslo",\nCONFIDENTIAL,,"VZCZCXYZ0001\n'
           'RUEHC/SECSTATE WASHDC PRIORITY","')
    cut = CUT.replace("REASONS 1.4 (B,...", "REAS...")  # (CL911's cut is one run into a word)
    for whole in (WHOLE, WHOLE.replace("OSLO 000123", "OSLO\n000123", 1)):
        got = DETECTORS[rule.params["damage"]](parse_text(cut + row + whole), rule.params)
        assert got is not None and "line 7 ends in an elision mark and line 12 starts the cable again" in got.detail
        # the banner's line written again far after the cut: no copy of it for CL911
        far = cut + "".join(f"note {k}\n" for k in range(45)) + row + whole
        assert DETECTORS[rule.params["damage"]](parse_text(far), rule.params) is None
