"""The cheap tests the header stages run before their regexes never turn a line away
that the regex would take (the gates must be supersets of what they guard)."""
from __future__ import annotations

from cablelint.parse.header import DTG_RE, ROUTING_RE, SECURITY_RE, _may_route
from cablelint.parse.labels import labels
from cablelint.parse.lines import classify, may_open_field
from cablelint.parse.repair import RUN_ON_MARK_RE, may_hold_mark
from cablelint.vocabulary import default_vocabulary

LINES = [
    "", "   ", "E.O. 12958: DECL: 01/01/2019", "EO 12958 DECL: X1", "e.o. 12356: oadr", "[E.O. 13526: N/A",
    "TAGS: PREL PGOV", "AGS: PREL", "Tags: ECON", "[TAGS](#): PREL", "SUBJECT: A VISIT", "Subj: x", "UBJECT: X",
    "REF: STATE 1234", "REFS: A", "Classified By: Jane Doe for reasons 1.4 (b)", "CLASSIFIED BY AMB X",
    "CAIROClassified By: X", "SECRET STATE 123 1. (C) text", "1 . (U) text", "P 110117Z OCT 01", "RR RUEHC",
    "O 261454Z MAY 09", "ZNY CCCCC ZZH", "VZCZCXRO1234", "DE RUEHC #1234 2841234", "NNNN", "BT", "#1234",
    "FM SECSTATE WASHDC", "TO AMEMBASSY PARIS PRIORITY", "INFO USMISSION USNATO", "RUEHC/SECSTATE WASHDC",
    "AMEMBASSY ROME PRIORITY", "261454Z MAY 09", " \tP 110117Z OCT 01", "\u00a0TAGS: PREL", "\u017fUBJECT: x",
    "MO. 12958: DECL", "DEPT FOR NEA/MAG", "NOFORN SIPDIS", "C O N F I D E N T I A L STATE 1", "R(EF: x",
]


def test_may_hold_mark_lets_every_run_on_mark_through():
    for text in LINES + [f"NOFORN SIPDIS {x}" for x in LINES]:
        if RUN_ON_MARK_RE.search(text):
            assert may_hold_mark(text), text
    assert not may_hold_mark("AMEMBASSY ROME PRIORITY")


def test_may_open_field_lets_every_eo_tags_subject_line_through():
    v = default_vocabulary()
    for text in LINES:
        if classify(text, v).name in ("eo", "tags", "subject"):
            assert may_open_field(text, v), text
    assert not may_open_field("DEPT FOR NEA/MAG", v)


def test_may_route_lets_every_routing_line_through():
    v = default_vocabulary()
    for text in LINES:
        s = text.strip()
        if DTG_RE.match(text) or SECURITY_RE.match(text) or ROUTING_RE.match(s) or labels(v).routing.match(s):
            assert _may_route(s, v), text
    assert not _may_route("RUEHC/SECSTATE WASHDC", v)
