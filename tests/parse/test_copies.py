"""The parse step `whole_copy` (parse/copies.py): where the file writes the cable
out again after a damaged first copy, found once and read by the field readers
and CL911. Short texts written for these tests."""
from __future__ import annotations

import json

from cablelint.damage import DETECTORS
from cablelint.inspect_view import inspect_text
from cablelint.parse.copies import copy_lines, find_whole_copy
from cablelint.parse.cutwords import goes_on
from cablelint.parse.repair import virtual_lines
from cablelint.source import Source
from cablelint.vocabulary import Vocabulary, default_vocabulary_data

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
    """The first line where the banner's line is written again (None: nowhere)."""
    doc = parse_text(text)
    return _line(text, doc.whole_copy.again[0].start) if doc.whole_copy else None


def test_a_cut_first_copy_then_the_whole_copy() -> None:
    text = CUT + META + WHOLE
    doc = parse_text(text)
    assert _line(text, doc.whole_copy.banner.start) == 1 and _copy_line(text) == 14
    assert [(s.end - s.start) for s in doc.whole_copy.again] == [len(BANNER)]
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

def test_the_banner_s_line_must_end_where_a_word_does() -> None:
    # another cable whose serial starts with this one's digits: no copy of this one
    assert _copy_line(CUT + WHOLE.replace("OSLO 000123", "OSLO 0001234", 1)) is None
    state = "SECRET STATE 12345\n\n" + FIELDS + "1. (S) Text.\n\n"
    assert _copy_line(state + "SECRET STATE 123456\n\n" + FIELDS + "1. (S) Other.\n") is None
    assert _copy_line(state + "SECRET STATE 12345\n\n" + FIELDS + "1. (S) Text.\n") == 9
    # a blank, a line's end, a CSV field's quote or a field glued on ends it
    assert _copy_line(CUT + WHOLE.replace("OSLO 000123", 'OSLO 000123",', 1)) == 10


def test_the_words_before_the_serial_must_be_the_banner_s_too() -> None:
    # another post's cable with the same number
    assert _copy_line(CUT + META + WHOLE.replace("OSLO", "BERGEN", 1)) is None
    assert _copy_line(CUT + META + WHOLE.replace("OSLO", "ROME", 1)) is None  # (a word as long as the banner's)
    assert _copy_line(CUT + META + WHOLE.replace("C O N F I D E N T I A L", "S E C R E T", 1)) is None
    # a line that opens with the serial
    assert _copy_line(CUT + META + "000123\n\n" + FIELDS + "1. (C) The minister said it.\n") is None
    assert _copy_line(CUT + META + "OSLO 000123\n\n" + FIELDS + "1. (C) The minister said it.\n") is None


def test_a_line_break_may_fall_after_the_serial_too() -> None:
    banner = "SECRET STATE 012345 NOFORN"
    first = banner + "\n\n" + FIELDS + "Classified By: POL JOHN DOE, REASONS 1.4 (B,...\n\n"
    row = '12345,1/30/2009 10:00,09STATE12345,"Secretary of State",\nSECRET,,"VZCZCXYZ0001","'
    whole = banner.replace(" NOFORN", "\nNOFORN") + "\n\n" + FIELDS + "Classified By: POL JOHN DOE, REASONS 1.4 (B,D)\n"
    assert _copy_line(first + row + whole) == 10


def test_a_banner_the_drafter_writes_again_in_a_quoted_cable_is_no_copy() -> None:
    body = "1. (C) Following is the text of our earlier message.\n\n"
    for opener in ("QUOTE:", "BEGIN TEXT:", "Begin quote", "QTE", "BEGIN TEXT OF REFTEL:", "IS BEING REPEATED. QUOTE"):
        text = WHOLE + "\n" + body + opener + "\n\n" + WHOLE + "\nEND QUOTE.\n"
        doc = parse_text(text)
        assert doc.whole_copy is None, opener
        assert not [r for r in doc.repairs if r.name == "whole-copy"]


def test_a_quote_s_end_before_the_banner_written_again_opens_nothing() -> None:
    quoted = "1. (C) Following is the text. QUOTE: The talks went well."
    for closer in ("END QUOTE", "END QUOTE.", "END OF QUOTE", "UNQUOTE", "UNQTE"):
        text = CUT + quoted.replace("QUOTE:", "QTE" if "QTE" in closer else "QUOTE:") + " " + closer + "\n" + WHOLE
        assert _copy_line(text) == 11, closer
        assert [r.value for r in parse_text(text).classified_by.reasons] == ["b", "d"], closer


def test_the_quote_openers_are_the_vocabulary_s() -> None:
    v = Vocabulary(default_vocabulary_data())
    # bare QUOTE opens a repeated cable but no quotation in a paragraph (quotes.py reads quote_begin_words)
    assert v.line_words["repeat_openers"] == ["QUOTE", "QTE"] and "QUOTE" not in v.line_words["quote_begin_words"]
    text = CUT + "1. (C) Our earlier message FOLLOWS:\n\n" + WHOLE
    assert _copy_line(text) == 12
    v.extend({"repeat_openers": ["FOLLOWS"]})
    lines = virtual_lines(Source("t.txt", text), [])
    assert find_whole_copy(lines, 0, text, ENGINE.vocab) is not None
    assert find_whole_copy(lines, 0, text, v) is None


def test_a_field_is_read_again_only_from_the_copy_within_its_reach() -> None:
    text = CUT + META + WHOLE
    src = Source("t.txt", text)
    lines = virtual_lines(src, [])
    copy = find_whole_copy(lines, 0, text, ENGINE.vocab)
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
    assert d["whole_copy"] == {"lines": [14], "banner_line": 1}
    assert "  whole copy:     the banner's line 1 written again on line(s) 14" in inspect_text(
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


# The header written twice before the first copy's cut: the banner's line is written again there and again
# in the whole copy; each reader takes the first place after its cut.
DOUBLED_HEAD = BANNER + "\nE.O. 12958: DECL: 01/30/2019\n\n" + BANNER + "\n\n" + FIELDS


def _cl911(text: str) -> str | None:
    rule = next(r for r in ENGINE.rulesets[0].rules if r.id == "CL911")
    got = DETECTORS[rule.params["damage"]](parse_text(text), rule.params)
    return got.detail if got is not None else None


def test_a_header_written_twice_before_the_cut_does_not_hide_the_whole_copy() -> None:
    text = DOUBLED_HEAD + "Classified By: POL JOHN DOE, REAS...\n\n\n" + META + WHOLE
    doc = parse_text(text)
    assert [_line(text, s.start) for s in doc.whole_copy.again] == [4, 17]
    assert [r.value for r in doc.classified_by.reasons] == ["b", "d"]
    assert [r.detail for r in doc.repairs if r.name == "whole-copy"] == [
        "Classified By cut short on line 10: read from its whole copy"]
    assert _cl911(text) == "line 10 ends in an elision mark and line 17 starts the cable again"
    # settle_copy names the cut and the copy after it, not the header written twice
    assert [(r.detail, _line(text, r.span.start)) for r in doc.repairs if r.name in ("cut-copy", "banner-again")] == [
        ("the first copy is cut short here; the cable is written again whole from line 17", 10)]


def test_a_cut_paragraph_after_a_header_written_twice_is_left_out_for_its_whole_copy() -> None:
    text = DOUBLED_HEAD + "1. (C) The minister sa...\n\n" + META + WHOLE
    doc = parse_text(text)
    assert [(p.number, _line(text, p.span.start)) for p in doc.paragraphs] == [(1, 24), (2, 26)]
    # its whole text right after it, with no copy in between: one paragraph repeated (CL906), both kept
    again = DOUBLED_HEAD + "1. (C) The minister sa...\n\n1. (C) The minister said the talks went well.\n"
    assert [p.number for p in parse_text(again).paragraphs] == [1, 1]


def test_cl911_takes_no_copy_at_or_before_the_cut() -> None:
    # the header written twice, then the cut, and no whole copy after it: the cut is CL909's
    text = DOUBLED_HEAD + "Classified By: POL JOHN DOE, REAS...\n\n" + "".join(
        f"{k}. (C) The minister said the talks went well on point {k} of the agenda.\n\n" for k in (1, 2, 3))
    assert parse_text(text).whole_copy is not None and _cl911(text) is None


def test_a_field_is_read_from_the_first_copy_after_its_cut() -> None:
    text = DOUBLED_HEAD + "Classified By: POL JOHN DOE, REASONS 1.4 (B,...\n\n\n" + META + WHOLE
    lines = virtual_lines(Source("t.txt", text), [])
    copy = find_whole_copy(lines, 0, text, ENGINE.vocab)
    cut_end = text.index("(B,...") + 6
    assert _line(text, copy.after(cut_end).start) == 17 and copy.after(0) == copy.again[0]
    assert _line(text, lines[copy_lines(copy, lines, cut_end)[0]].start) == 17
    assert copy.after(len(text)) is None


def test_a_trailing_stub_of_routing_lines_is_no_copy() -> None:
    stub = BANNER + "\nO 301200Z JAN 09\nFM AMEMBASSY OSLO\nTO RUEHC/SECSTATE WASHDC PRIORITY 1234\n"
    assert _copy_line(WHOLE + "\n" + stub) is None
    # a header field after it, or run on after the banner's line, is the cable going on
    assert _copy_line(WHOLE + "\n" + stub + "E.O. 12958: DECL: 01/30/2019\n") == 13
    assert _copy_line(WHOLE + "\n" + BANNER + " SIPDIS E.O. 12958: DECL: 01/30/2019 TAGS: PREL NO\n") == 13


def test_goes_on_wants_the_cut_words_then_more() -> None:
    assert goes_on("The minister sa", "the Minister  said the talks went well.")
    assert goes_on("¶1. (C) The minister sa", "1. (C) The minister said")
    assert not goes_on("The minister sa", "The minister sa")  # says nothing more
    assert not goes_on("The minister sa", "The mayor said")
    assert not goes_on("", "The minister said")


def test_a_copy_whose_banner_is_written_in_another_form_is_not_found() -> None:
    # narrower than the readers' own searches were: the banner's line word for word, so a cut paragraph of a
    # first copy whose banner is plain, before a letter-spaced whole copy, stays listed (CL906 reads it)
    first = "CONFIDENTIAL OSLO 000123\n\n" + FIELDS + "1. (C) The minister sa...\n\n"
    doc = parse_text(first + META + WHOLE)
    assert doc.whole_copy is None and [p.number for p in doc.paragraphs] == [1, 1, 2]
