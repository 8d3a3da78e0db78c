"""Findings a reviewer can trust (issue 9, s7b audit notes): each test on short text written here."""
from __future__ import annotations

from cablelint import lint_text

BODY = "E.O. 12958: N/A\nTAGS: PREL FR\nSUBJECT: MARKS\n\n1. (SBU) One.\n\n2. (SBU) Two.\n"


def _rules(text: str, rule: str) -> list[int]:
    return [f.line for f in lint_text(text, path="t.txt", date="2009-05-01") if f.rule == rule]


def test_an_efto_caption_carries_sbu_portions_as_sensitive_does() -> None:
    """DOS-19 asks for a caption that tells the cable is not ordinary unclassified
    traffic; EFTO (encrypted for transmission only, 5 FAH-2 H-222) is one, and
    the archive files every EFTO cable with (SBU) portions as
    UNCLASSIFIED//FOR OFFICIAL USE ONLY, as it does SENSITIVE ones. Spaced or not."""
    assert _rules("UNCLAS E F T O PARIS 000579\n" + BODY, "CL113") == []
    assert _rules("UNCLAS EFTO PARIS 000579\n" + BODY, "CL113") == []
    assert _rules("UNCLAS SENSITIVE PARIS 000579\n" + BODY, "CL113") == []
    assert _rules("UNCLAS PARIS 000579\n" + BODY, "CL113") == [6]  # once, at the first (SBU) portion


CONF = "C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\nSUBJECT: TALKS\n"


def _cl909(text: str) -> list[tuple[int, str]]:
    return [(f.line, f.message) for f in lint_text(text, path="t.txt", date="2004-01-30") if f.rule == "CL909"]


def test_a_cut_header_says_where_the_header_goes_on_whole() -> None:
    got = _cl909(CONF + "REF: A. PARIS 12...\n\nClassified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)\n\n"
                 "1. (C) The talks went on.\n")
    assert got == [(5, "the export cut the header short: line 5 ends in an elision mark; what the cut took is lost, "
                       "but the header goes on whole from line 7")]


def test_a_cut_that_nothing_whole_follows_says_the_fields_cannot_be_judged() -> None:
    got = _cl909(CONF + "Classified By: Ambassador J...\n")
    assert got == [(5, "the export cut the header short: line 5 ends in an elision mark; "
                       "the fields after it cannot be judged (1 finding that follows from it folded in: CL302)")]


def _cl404(tags: str) -> list[str]:
    text = f"UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: {tags}\nSUBJECT: TAGS\n\n1. (U) Text.\n"
    return [f.message for f in lint_text(text, path="t.txt", date="2009-05-01")
            if f.rule == "CL404"]


def test_a_one_letter_slip_from_one_tag_suggests_it() -> None:
    assert _cl404("PREL WTRQ FR") == ["TAG WTRQ is not a known subject, program, country or organization TAG"
                                      " (did you mean WTRO?)"]
    assert _cl404("PREL GTIP FR")[0].endswith("(did you mean KTIP?)")


def test_a_slip_near_two_tags_or_a_known_name_suggests_nothing() -> None:
    assert _cl404("PREL EINN FR")[0].endswith("organization TAG")  # EINV and EINT
    assert _cl404("PREL DTRA FR")[0].endswith("organization TAG")  # the agency, not OTRA


def test_ge_names_both_countries_it_may_mean() -> None:
    assert _cl404("PREL GE RS")[0].endswith("(did you mean GM (Germany) or GG (Georgia)?)")
