"""Audit s9 A #19 and review s9-a M2: in a release that withholds text in
many places (CL912's `heavy_release`), a gap in numbering that rises at every
step, with no placeholder at it, is named as likely withheld text with the
count as evidence, and the skipped number (CL502) is folded into it; the
finding stands only where CL502 reports the gap (Damage.needs_symptom).
Orders, repeats, keyed numbering, a later section, a lightly redacted release
and a partial extract keep what they had. The cables are written for these tests."""
from __future__ import annotations

import datetime as dt

from cablelint import lint_text, make_engine

DATE = dt.date(2009, 1, 30)
ENGINE = make_engine(rules=["state"], date=DATE)
HEAD = ("C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL FR\n"
        "SUBJECT: (U) TALKS\nClassified By: Poloff Jane Doe for reasons 1.4 (b) and (d)\n\n")
X = "XXXXXXXXXXXX"
HEAVY = 30  # rules/state.yaml CL912 heavy_release


def found(text: str, engine=ENGINE) -> list[tuple[str, int, str]]:
    return [(f.rule, f.line, f.message) for f in lint_text(text, "<text>", engine=engine)]


def body(names: int, numbers: tuple[int, ...], head: str = HEAD) -> str:
    """Paragraph 1 holding `names` placeholders inside its sentence, then the numbered paragraphs."""
    first = "1. (C) " + " and ".join([X] * names or ["The minister"]) + " met on Monday.\n"
    return head + first + "".join(f"\n{n}. (C) The talks went on.\n" for n in numbers)


def rules_of(got: list[tuple[str, int, str]]) -> list[str]:
    return [r for r, _, _ in got]


def test_a_gap_in_a_heavily_withheld_release_is_the_release_s() -> None:
    got = found(body(HEAVY, (2, 4)))
    assert "CL502" not in rules_of(got)
    (msg,) = [m for r, line, m in got if r == "CL912" and line == 11]
    assert "paragraph 3 is missing" in msg and f"withholds text in {HEAVY} places" in msg
    assert "most likely withheld" in msg and "folded in: CL502" in msg


def test_two_missing_paragraphs_are_named_as_a_range() -> None:
    (msg,) = [m for r, _, m in found(body(HEAVY + 2, (2, 5))) if r == "CL912"]
    assert "paragraphs 3-4 are missing" in msg


def test_every_gap_is_named_when_there_are_two() -> None:
    got = found(body(HEAVY, (2, 4, 5, 7)))
    assert "CL502" not in rules_of(got)
    (msg,) = [m for r, _, m in got if r == "CL912"]
    assert "paragraph 3 and paragraph 6 are missing" in msg and "lines 11, 15" in msg


def test_a_lightly_withheld_release_keeps_the_skipped_number() -> None:
    got = found(body(HEAVY - 1, (2, 4)))
    assert "CL912" not in rules_of(got)
    assert ("CL502", 11) in [(r, line) for r, line, _ in got]


def test_paragraphs_out_of_order_are_an_order_not_a_withholding() -> None:
    got = found(body(HEAVY, (2, 3, 5, 4, 6)))
    assert "CL912" not in rules_of(got)
    assert any(r == "CL502" and "out of order" in m for r, _, m in got)


def test_a_repeated_number_is_not_a_withheld_paragraph() -> None:
    got = found(body(HEAVY, (2, 2)))
    assert "CL912" not in rules_of(got)
    assert "CL502" in rules_of(got)


def test_numbering_from_a_later_number_is_not_paragraphs_withheld() -> None:
    # answers keyed to another cable's paragraphs, or a file holding a later section only
    keyed = HEAD + " and ".join([X] * HEAVY) + " met.\n" + "".join(f"\n{n}. (C) The talks went on.\n" for n in (25, 26))
    section = body(HEAVY, (), head=HEAD.replace("000579\n", "000579\nSECTION 02 OF 03\n")).replace("1. (C)", "8. (C)")
    for text in (keyed, section + "\n9. (C) The talks end.\n"):
        assert "CL912" not in rules_of(found(text))


def test_no_finding_explains_a_gap_the_numbering_rule_does_not_see() -> None:
    # with CL502 switched off there is no skipped number to explain
    engine = make_engine(rules=["state"], date=DATE, ignore=["CL502"])
    assert "CL912" not in rules_of(found(body(HEAVY, (2, 4)), engine))


def test_a_partial_extract_leaves_its_gap_to_its_notice() -> None:
    note = "This record is a partial extract of the original cable. The full text of the original cable is not available.\n"
    assert "CL912" not in rules_of(found(note + body(HEAVY, (2, 4))))


def test_the_likely_reading_needs_cl502_selected_the_placeholder_does_not() -> None:
    """Review s9-b S2, as documented in CL912's `why` and docs/rule-authoring.md:
    the heavy-release gap stands only with CL502's finding to explain, so a run
    that leaves CL502 out reports none; a placeholder's gap is reported whatever
    the selection."""
    heavy = body(HEAVY, (2, 4))
    only = make_engine(rules=["state"], date=DATE, select=["CL912"])
    assert found(heavy, only) == []
    assert found(heavy, make_engine(rules=["state"], date=DATE, ignore=["CL502"])) == []
    both = make_engine(rules=["state"], date=DATE, select=["CL502", "CL912"])
    assert rules_of(found(heavy, both)) == ["CL912"]
    placeholder = HEAD + "1. (C) The minister met on Monday.\n\n" + X + "\n\n4. (C) The talks went on.\n"
    got = found(placeholder, only)
    assert rules_of(got) == ["CL912"] and got == [g for g in found(placeholder) if g[0] == "CL912"]
