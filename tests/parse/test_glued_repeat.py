"""A body run onto one line whose drafter repeated a number after a heading
(texts written here, not copied from a cable)."""
from __future__ import annotations

from cablelint.parse import parse
from cablelint.source import Source

TOP = ("C O N F I D E N T I A L OSLO 000123\n\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS\n"
       "Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)\n\n")


def _numbers(body: str) -> list[tuple[int | None, str | None]]:
    doc = parse(Source("x.txt", TOP + body + "\n"))
    return [(p.number, p.portion.raw if p.portion else None) for p in doc.paragraphs if p.kind == "numbered"]


def test_a_number_repeated_after_a_headings_rule_is_a_paragraph_of_its_own() -> None:
    body = ("1. (U) The talks opened. 2. (C) The minister spoke first. Next Steps ----------- "
            "2. (U) Both sides will meet again. 3. (C) The date is open.")
    assert _numbers(body) == [(1, "U"), (2, "C"), (2, "U"), (3, "C")]


def test_without_the_rule_a_repeated_number_stays_inside_the_paragraph() -> None:
    body = "1. (U) The talks opened. 2. (C) The minister spoke first. 2. (U) Both sides will meet again."
    assert _numbers(body) == [(1, "U"), (2, "C")]
    body = "1. (U) The talks opened. 2. (C) The minister spoke. Next Steps ----------- 1. (U) Both sides met."
    assert _numbers(body) == [(1, "U"), (2, "C")]
