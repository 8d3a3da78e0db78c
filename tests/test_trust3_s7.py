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
