"""The header stages' memos answer as the function they stand for: a line
read twice (at other offsets, in other cables) gives the same reading there."""
from __future__ import annotations

from cablelint.document import Document
from cablelint.parse import anywhere, banner as bn, decl, header as hd, routing as rt
from cablelint.parse.decl import parse_decl
from cablelint.parse.lines import Line, classify
from cablelint.source import Source
from cablelint.vocabulary import default_vocabulary

V = default_vocabulary()


def test_parse_decl_memo_places_the_value_where_it_stands():
    first = parse_decl("DECL: 06/23/2019 1.6 X5", 10, V)
    again = parse_decl("DECL: 06/23/2019 1.6 X5", 110, V)
    fresh = decl._parse_decl("DECL: 06/23/2019 1.6 X5", 110, V)
    assert again == fresh and first.span.start + 100 == again.span.start
    assert [t.span.start for t in again.exemptions] == [t.span.start + 100 for t in first.exemptions]
    again.exemptions.clear()  # a caller's change to its copy does not reach the memo
    assert parse_decl("DECL: 06/23/2019 1.6 X5", 10, V) == first


def test_kind_memo_gives_what_classify_gives():
    for text in ("E.O. 12958: DECL: 06/23/2019", "TAGS: PREL PGOV", "SIPDIS", "1. (C) Text.", "REF: STATE 1"):
        want = classify(text, V)
        for _ in range(2):
            got = hd._kind(text, V)
            assert (got.name, got.lost_first) == (want.name, want.lost_first)
            assert (got.match and got.match.groupdict()) == (want.match and want.match.groupdict())
        skip = frozenset({"eo", "tags"})
        assert hd._kind(text, V, skip).name == classify(text, V, skip).name
        for _ in range(2):  # the memo of the fields-read-once skip (its own table, keyed by the text alone)
            once, fresh = hd._kind(text, V, hd._FIELDS_ONCE), classify(text, V, hd._FIELDS_ONCE)
            assert (once.name, once.lost_first) == (fresh.name, fresh.lost_first)
        assert hd._kind(text, V, hd._FIELDS_ONCE).name != "eo"  # not the answer of the memo without a skip


def test_routing_lines_read_alike_wherever_they_stand():
    text = "P 231607Z JUN 09\nFM AMEMBASSY PARIS\nRUEHC/SECSTATE WASHDC\n"
    for shift in ("", "VZCZCXRO7020\n"):
        doc = Document(source=Source("t.txt", shift + text))
        start = len(shift)
        lines = [Line(t, start + k) for t, k in (("P 231607Z JUN 09", 0), ("FM AMEMBASSY PARIS", 17))]
        assert all(rt.routing_line(doc, ln, V) for ln in lines)
        h = doc.header
        assert (h.dtg.value, h.dtg.span.start, h.precedence.value) == ("231607Z JUN 09", start + 2, "P")
        assert (h.from_.value, h.from_.span.start) == ("AMEMBASSY PARIS", start + 20)
        assert rt.routing_line(doc, Line("RUEHC/SECSTATE WASHDC", start + 36), V)  # an address, after a header
    assert not rt.routing_line(Document(source=Source("t.txt", "RUEHC/SECSTATE WASHDC")), Line("RUEHC/SECSTATE WASHDC", 0), V)


def test_banner_controls_do_not_depend_on_the_serial():
    for serial in ("000579", "001234"):
        got = bn.banner_at_start(Line(f"SECRET NOFORN PARIS {serial}", 5), V)
        banner = got[0]
        assert [(c.value, c.span.start) for c in banner.marking.controls] == [("NOFORN", 12)]
        assert banner.serial.value == serial


def test_banner_anywhere_needles_let_every_damaged_banner_through():
    lines = ["Cable dated:2009-01-01C O N F I D E N T I A L CAIRO 008938", "\tSECRET PARIS 000123", "SS E C R E T",
             "O N F I D E N T I A L", "CLASSIFICATION: SECRET", "TOP S E C R E T STATE 001", "SE C R E T",
             "x U N C L A S S I F I E D", '"UNCLAS SECTION 01 OF 02 ROME 000456', "NCLASSIFIED", "N A T O S E C R E T"]
    found = 0
    for text in lines:
        if anywhere.find(text, V):
            found += 1
            assert any(n in text for n in V.banner_anywhere_needles), text
    assert found >= 8
    assert not any(n in "AMEMBASSY ROME PRIORITY" for n in V.banner_anywhere_needles)
    doc = bn.banner_anywhere([Line("RUEHC/SECSTATE WASHDC", 0), Line("Cable dated: x C O N F I D E N T I A L CAIRO 008938", 22)], V)
    assert doc is not None and doc[0] == 1 and doc[1].marking.level == "CONFIDENTIAL"


def test_run_on_cuts_after_a_field_at_the_line_start():
    from cablelint.parse.repair import _run_on_cuts
    assert _run_on_cuts("TAGS: PREL PGOV") == []
    assert _run_on_cuts("EO 12958 DECL: 03/20/2019 TAG PTER") == [26]  # its DECL lies inside the first field
    assert _run_on_cuts("E.O. 12958: DECL: 12/21/2019 TAGS: PREL SUBJECT: X") == [29, 40]
    assert _run_on_cuts("Classified By: X, E.O. 12958, reasons 1.4 (b)") == []


def test_may_be_captions_lets_every_line_of_captions_through():
    lines = ["NOFORN", "SIPDIS", "NOFORN SIPDIS", "SENSITIVE BUT UNCLASSIFIED", "SECRET//NOFORN", "SECRET NOFORN",
             "  noforn", "NOFORN/SIPDIS", "TAGS: PREL", "E.O. 12958: N/A", "SUBJECT: X", "DEPT FOR NEA/MAG", "", "12 34"]
    for text in lines:
        if bn.caption_controls(text, 0, V)[1]:
            assert bn.may_be_captions(text, V), text
    assert not bn.may_be_captions("TAGS: PREL", V) and bn.may_be_captions("NOFORN", V)


def test_routing_lines_that_differ_in_their_digits_read_their_own():
    for dtg, prec in (("271420Z FEB 06", "O"), ("011530Z MAR 07", "O"), ("311530Z DEC 99", "P")):
        doc = Document(source=Source("t.txt", f"{prec} {dtg}\n"))
        assert rt.routing_line(doc, Line(f"{prec} {dtg}", 0), V)
        assert (doc.header.dtg.value, doc.header.precedence.value) == (dtg, prec)
        assert doc.header.dtg_date is not None and doc.header.dtg_date.day == int(dtg[:2])
    for k in (1, 2):  # the DE line: only a kind, whatever its numbers
        assert rt._route_kind(f"DE RUEHMO #{k}334/01 05{k}1420", V) == ("routing", None)
