"""Fields the s5c inspect audit found misread, each on a short text written for the test:
a SMART-form Classified By with the title also written before the name, and a mail export's
preamble whose metadata banner comes before the cable's own banner."""
from __future__ import annotations

import pytest

from inspect_helpers import name_and_title, parse_text

HEAD = "C O N F I D E N T I A L OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\n"


@pytest.mark.parametrize("line, name, title", [
    # The SMART statement (name, title, agency, office) after a leading title: the name is the name's words
    # (the title is the position alone: agency and office are ClassifiedBy.office, test_clby_office.py).
    ("CLASSIFIED BY: Ambassador Jane Q. Roe, Ambassador, State, Front Office; REASON: 1.4(B), (D)",
     "Jane Q. Roe", "Ambassador"),
    ("CLASSIFIED BY: Ambassador Roe, Ambassador, State, EXEC; REASON: 1.4(B)", "Roe", "Ambassador"),
    # The SMART form without a leading title, and a title then a name then an office.
    ("CLASSIFIED BY: Jane Roe, Deputy Political Counselor, State, POL; REASON: 1.4(B)",
     "Jane Roe", "Deputy Political Counselor"),
    ("CLASSIFIED BY: Jane Roe, Ambassador, reasons 1.4 (b)", "Jane Roe", "Ambassador"),
])
def test_a_smart_statement_after_a_leading_title(line: str, name: str, title: str) -> None:
    assert name_and_title(HEAD, line) == (name, title)


ROUTING = ("VZCZCXYZ0001\nRR RUEHWEB\nDE RUEHOS #0123/01 0301200\nZNY CCCCC ZZH\nR 301200Z JAN 09\n"
           "FM AMEMBASSY OSLO\nTO RUEHC/SECSTATE WASHDC 0001\n")
CABLE = ("C O N F I D E N T I A L SECTION 01 OF 02 OSLO 000123\n\nSIPDIS\n\nE.O. 12958: DECL: 01/30/2019\n"
         "TAGS: PREL NO\nSUBJECT: TALKS\n\nClassified By: Ambassador Jane Roe, reasons 1.4 (b)\n\n1. (C) Text.\n")


@pytest.mark.parametrize("preamble", [
    # A mail client's copy: its own banner line, routing slip, then the cable with its routing header.
    "Jane Roe 01/30/2009 From DB/Inbox\n\nC O N F I D E N T I A L        OSLO 00123\nACTION: POL\n\n",
    # The archive's metadata block (date, id, post, classification) between two routing headers.
    ROUTING + "1/30/2009 12:00\n09OSLO123\nEmbassy Oslo\nCONFIDENTIAL//NOFORN\n09OSLO99\n",
])
def test_a_banner_in_an_export_preamble_is_passed_over_for_the_cables_own(preamble: str) -> None:
    doc = parse_text(preamble + ROUTING + CABLE)
    first = next(n for n, s in enumerate(preamble.splitlines(), 1) if s.startswith("C"))
    assert doc.banner.raw.startswith("C O N F I D E N T I A L")
    assert doc.banner.span.start == len(preamble + ROUTING)
    assert [(s.number, s.total) for s in doc.sections] == [(1, 2)]
    assert doc.header.dtg is not None and doc.header.security.value == "ZNY CCCCC"
    notes = [r.detail for r in doc.repairs if r.name == "banner-after-preamble"]
    assert notes == [f"the banner on line {first} is the export preamble's"]
    # Without a routing header after it, the first banner is the cable's.
    doc = parse_text(CABLE)
    assert doc.banner.span.start == 0 and not [r for r in doc.repairs if r.name == "banner-after-preamble"]


@pytest.mark.parametrize("lost_banner_body", [
    # The cable's own banner lost: its E.O. line ends the search; a section banner further on is not the cable's.
    "E.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS\n\n1. (C) Text.\n\n"
    "CONFIDENTIAL SECTION 02 OF 02 OSLO 000123\n\n2. (C) More text.\n",
    # No fields either: the first paragraph ends it.
    "1. (C) Text.\n\nCONFIDENTIAL SECTION 02 OF 02 OSLO 000123\n\n2. (C) More text.\n",
])
def test_a_preamble_banner_is_kept_when_the_cables_own_is_lost(lost_banner_body: str) -> None:
    preamble = "Jane Roe 01/30/2009 From DB/Inbox\n\nC O N F I D E N T I A L        OSLO 00123\nACTION: POL\n\n"
    doc = parse_text(preamble + ROUTING + "\n" + lost_banner_body)
    assert doc.banner.span.start == preamble.index("C O N")
    assert [p.number for p in doc.paragraphs] == [1, 2]
    assert not [r for r in doc.repairs if r.name == "banner-after-preamble"]
