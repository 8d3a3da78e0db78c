"""Fields the s10b inspect audit found misread, each on a short text written
for the test, and the real cables it named (read from ../shared, skipped
without it)."""
from __future__ import annotations

from pathlib import Path

import pytest

from cablelint.source import read

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
