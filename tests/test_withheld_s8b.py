"""Audit s8b A notes, fixed: a derivative cable names its classifier whether
or not it writes the "Classified By" label (CL303); a whole-text notice that
every other paragraph's mark makes redundant is info (CL120), not a warning
(CL111); CL934 does not say who joined the TAGS line. The cables are written
for these tests."""
from __future__ import annotations

import datetime as dt

from cablelint import lint_text, make_engine

ENGINE = make_engine(rules=["state"])


def cable(banner: str, middle: str, body: str = "1. (C) The talks go on.\n") -> str:
    return f"{banner} PARIS 000579\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL FR\nSUBJECT: TALKS\n{middle}\n{body}"


def found(text: str, date: dt.date) -> list[tuple[str, str, int]]:
    got = lint_text(text, "<text>", engine=make_engine(rules=["state"], date=date))
    return [(f.rule, f.severity.name.lower(), f.line) for f in got]


C = "C O N F I D E N T I A L"
D2009 = dt.date(2009, 1, 30)


def test_a_derivative_cable_names_its_classifier_with_or_without_the_label() -> None:
    labelled = found(cable(C, "Classified By: Derived from DSCG 05-1, b and d\n"), D2009)
    bare = found(cable(C, "DERIVED FROM: DSCG 05-1 B, D\n"), D2009)
    assert ("CL303", "warning", 5) in labelled and ("CL303", "warning", 5) in bare
    # Neither is a missing Classified By line, nor a missing reason: a derivative carries none.
    assert not {r for r, _, _ in labelled + bare} & {"CL301", "CL302"}
    # The classifier named beside the source: nothing to report.
    named = found(cable(C, "Classified By: Poloff Jane Doe; Derived from DSCG 05-1, b and d\n"), D2009)
    assert "CL303" not in {r for r, _, _ in named}


def test_no_classifier_is_asked_for_before_october_1995() -> None:
    text = cable(C, "DERIVED FROM: A GUIDE\n").replace("E.O. 12958: DECL: 01/30/2019", "E.O. 12356: DECL: OADR")
    assert "CL303" not in {r for r, _, _ in found(text, dt.date(1990, 1, 30))}
    assert "CL303" in {r for r, _, _ in found(text.replace("12356", "12958"), dt.date(1996, 1, 30))}


def test_the_rule_cites_the_derivative_requirement_not_only_the_original_one() -> None:
    rule = ENGINE.rules["CL303"] if isinstance(ENGINE.rules, dict) else next(r for r in ENGINE.rules if r.id == "CL303")
    assert "5 FAH-1 H-240" in rule.reference and "2.1(b)(1)" in rule.reference
    assert "June 2010" in rule.why or "2010" in rule.why


S = "S E C R E T"
CLBY = "Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)\n"


def test_a_redundant_whole_text_notice_is_info() -> None:
    marked = "1. Secret - Entire Text.\n\n2. (S) The talks go on.\n\n3. (U) The press was told.\n"
    assert [(r, s) for r, s, _ in found(cable(S, CLBY, marked), D2009) if r in ("CL111", "CL120")] == \
        [("CL120", "info")]
    # A notice that stands for paragraphs carrying no mark stays a warning.
    unmarked = "1. Secret - Entire Text.\n\n2. The talks go on.\n\n3. (U) The press was told.\n"
    assert [(r, s) for r, s, _ in found(cable(S, CLBY, unmarked), D2009) if r in ("CL111", "CL120")] == \
        [("CL111", "warning")]
    # Before October 1995 neither: the notice was the practice.
    old = cable(S, "", marked).replace("E.O. 12958: DECL: 01/30/2019", "E.O. 12356: DECL: OADR")
    assert not {r for r, _, _ in found(old, dt.date(1988, 1, 30))} & {"CL111", "CL120"}


def test_the_joined_tags_message_does_not_say_who_joined_them() -> None:
    text = "UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL DEPT FOR EUR WE PREL\nSUBJECT: TALKS\n\n1. (U) Text.\n"
    (msg,) = [f.message for f in lint_text(text, "<text>", engine=ENGINE) if f.rule == "CL934"]
    assert msg.startswith("this copy's TAGS line has other text joined into it:") and "export" not in msg
