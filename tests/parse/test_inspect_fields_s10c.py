"""Fields the s10b inspect audit found misread, each on a short text written
for the test, and the real cables it named (read from ../shared, skipped
without it)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cablelint.parse.decl import parse_decl
from cablelint.source import Source, read

from inspect_helpers import ENGINE, parse_text


def _line(text: str, off: int) -> int:
    return text.count("\n", 0, off) + 1


def _sections(text: str) -> list[tuple[int, int, int]]:
    doc = parse_text(text)
    return [(s.number, s.total, _line(text, s.span.start)) for s in doc.sections]


# 1. A page head above a routing header that opens with its precedence and DTG (no VZCZC, no DE line).

ROUTING = ("O 101200Z MAR 09\nFM SECSTATE WASHDC\nTO ALL DIPLOMATIC AND CONSULAR POSTS COLLECTIVE IMMEDIATE\n"
           "RUEHOS/AMEMBASSY OSLO IMMEDIATE 1234\n")
OWN_BANNER = "UNCLAS SECTION 01 OF 02 STATE 004711\n\nSENSITIVE\n\n"
FIELDS = "E.O. 12958: N/A\nTAGS: PREL NO\nSUBJECT: TALKS ON THE BUDGET\n\n"
BODY = ("1. (SBU) The minister said the talks on the budget went well.\n\n"
        "STATE 00004711  002 OF 002\n\n2. (U) He will travel next week.\n")
PAGE_HEAD = "UNCLASSIFIED   STATE   00004711\n"


def test_a_page_head_above_a_dtg_routing_header_is_no_banner() -> None:
    text = PAGE_HEAD + ROUTING + OWN_BANNER + FIELDS + BODY
    doc = parse_text(text)
    assert _line(text, doc.banner.span.start) == 6
    assert _sections(text) == [(1, 2, 6), (2, 2, 16)]
    assert any(r.name == "banner-after-preamble" and "line 1" in r.detail for r in doc.repairs)


def test_a_banner_before_a_dtg_line_without_precedence_is_kept() -> None:
    """A bare date-time group opens no routing header: the banner on line 1 stays."""
    text = OWN_BANNER.replace("\n\nSENSITIVE\n\n", "\n") + "101200Z MAR 09 the talks began.\n" + FIELDS + BODY
    doc = parse_text(text)
    assert _line(text, doc.banner.span.start) == 1
    assert _sections(text)[0] == (1, 2, 1)


def test_the_page_head_stays_the_banner_when_no_banner_follows_the_routing_header() -> None:
    text = PAGE_HEAD + ROUTING + FIELDS + BODY.replace("STATE 00004711  002 OF 002\n\n", "")
    doc = parse_text(text)
    assert doc.banner is not None and _line(text, doc.banner.span.start) == 1


def _real(corpus_dir: Path, name: str):
    return ENGINE.parse(read(str(corpus_dir / f"{name}.txt")))


def test_real_09state100153_reads_the_banner_s_section_mark(corpus_dir: Path) -> None:
    path = corpus_dir / "09STATE100153.txt"
    text = path.read_text(encoding="utf-8", errors="replace")
    doc = _real(corpus_dir, "09STATE100153")
    assert [(s.number, s.total, _line(doc.text, s.span.start)) for s in doc.sections][:2] == [(1, 2, 6), (2, 2, 103)]
    assert text.splitlines()[5].startswith("UNCLAS SECTION 01 OF 02")


@pytest.mark.parametrize("name, line", [("90CAPETOWN97", 21), ("07TRIPOLI641", 9), ("09ULAANBAATAR234", 31)])
def test_real_preamble_banners_above_a_dtg_routing_header_are_passed(corpus_dir: Path, name: str,
                                                                      line: int) -> None:
    doc = _real(corpus_dir, name)
    assert _line(doc.text, doc.banner.span.start) == line


# 3. A title's last word garbled in transmission before the name (09KABUL3161 l.26 "Deputy CooQnator Hoyt Y ee").

CLBY_HEAD = "C O N F I D E N T I A L OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\n"


def _clby(statement: str):
    text = CLBY_HEAD + "SUBJECT: TALKS\n\n" + statement + "\n\n1. (C) Text.\n"
    doc = parse_text(text)
    cb = doc.classified_by
    return (cb.name.value if cb.name else None, cb.title.value if cb.title else None,
            [r.name for r in doc.repairs if r.name == "garbled-title-word"])


def test_a_garbled_title_word_before_the_name_is_the_title_s_with_a_note() -> None:
    got = _clby("Classified By: Political Affairs Deputy CooQnator Jane A. Roe for reasons 1.4 (b) and (d)")
    assert got == ("Jane A. Roe", "Political Affairs Deputy Coordinator", ["garbled-title-word"])


def test_a_garbled_title_word_in_capitals_keeps_its_case() -> None:
    got = _clby("Classified By: POLITICAL COUNSELOR DEPUTY COOQNATOR JANE A. ROE, REASONS 1.4 (B) AND (D)")
    assert got[2] == []  # a Q between capitals is no garble the pattern can tell from a name: left as read


@pytest.mark.parametrize("statement, name", [
    # a garbled name word fits no title word: it stays the name's
    ("Classified By: Ambassador MaQtin Lee Roe for reasons 1.4 (b) and (d)", "MaQtin Lee Roe"),
    # a capital inside a name is no garble
    ("Classified By: Deputy Coordinator MacArthur Lee Roe for reasons 1.4 (b) and (d)", "MacArthur Lee Roe"),
    # the rest of the name would be one word: left as read
    ("Classified By: Political Affairs Deputy CooQnator Roe for reasons 1.4 (b) and (d)", "CooQnator Roe"),
])
def test_no_garbled_title_word_is_read_where_the_criterion_fails(statement: str, name: str) -> None:
    got = _clby(statement)
    assert got[0] == name and got[2] == []


def test_real_09kabul3161_reads_the_garbled_coordinator_as_the_title_s(corpus_dir: Path) -> None:
    doc = _real(corpus_dir, "09KABUL3161")
    cb = doc.classified_by
    assert (cb.name.value, cb.title.value) == ("Hoyt Yee", "Interagency Provincial Affairs Deputy Coordinator")
    notes = [r.name for r in doc.repairs if r.span.start >= cb.span.start and r.span.end <= cb.span.end]
    assert "garbled-title-word" in notes and "split-name" in notes


# 2. A DECL period ("DECL: TWENTY YEARS", 09QUITO176 l.27): its years read, its date counted by the engine.

@pytest.mark.parametrize("value, kind, years", [
    ("DECL: TWENTY YEARS", "period", 20),
    ("DECL: TEN YEARS.", "period", 10),
    ("DECL: 25 YEARS", "period", 25),
    ("DECL: TWENTY-FIVE YEARS", "period", 25),
    ("decl: ten years", "period", 10),
    ("DECL: TEN YEARS AFTER KOREAN UNIFICATION", "event", None),
    ("DECL: MANY YEARS", "event", None),
    ("DECL: 0 YEARS", "event", None),
])
def test_a_decl_period_is_read_with_its_years_and_no_date(value: str, kind: str, years: int | None) -> None:
    dv = parse_decl(value, 0)
    assert (dv.kind, dv.years, dv.date) == (kind, years, None)  # the parser counts no date


PERIOD_CABLE = ("C O N F I D E N T I A L OSLO 000123\nE.O. 12958: DECL: TWENTY YEARS\nTAGS: PREL NO\n"
                "SUBJECT: TALKS\n\nClassified By: Ambassador John Roe, reasons 1.4 (b) and (d)\n\n1. (C) Text.\n")


def test_the_engine_counts_a_period_from_the_cable_s_date() -> None:
    text = "P 291200Z FEB 08\nFM AMEMBASSY OSLO\nTO SECSTATE WASHDC 1234\n" + PERIOD_CABLE
    dv = parse_text(text).eo.decl
    assert (dv.kind, dv.years, dv.date) == ("period", 20, dt.date(2028, 2, 29))
    dv = parse_text(text.replace("291200Z FEB 08", "291200Z FEB 04").replace("TWENTY", "FIVE")).eo.decl
    assert dv.date == dt.date(2009, 2, 28)  # no 29 February in 2009


def test_a_period_gets_no_date_when_only_the_year_of_the_cable_is_known() -> None:
    doc = ENGINE.parse(Source(path="08OSLO123.txt", text=PERIOD_CABLE))
    assert doc.date.source == "filename-year" and doc.eo.decl.date is None


def test_real_09quito176_reads_twenty_years_from_the_cable_date(corpus_dir: Path) -> None:
    dv = _real(corpus_dir, "09QUITO176").eo.decl
    assert (dv.kind, dv.years, dv.date) == ("period", 20, dt.date(2029, 3, 10))
