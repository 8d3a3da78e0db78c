"""What the rules keep from one document for the next (issue 15, the rules
stage's speed): verdicts kept per pattern are the regex's own, document after
document, and a rule's params never carry a linted cable's text (they are
pickled into the engine cache with their rule set)."""
from __future__ import annotations

import datetime as dt
import pickle

from cablelint.engine import Engine, Selection
from cablelint.ruleset import load
from cablelint.source import Source

STATE = load("state")


def _cable(tags: str) -> str:
    return ("CONFIDENTIAL PARIS 000579\nE.O. 12958: DECL: 01/30/2014\n"
            f"TAGS: {tags}\nSUBJECT: (U) A TEST CABLE\nClassified By: DCM John Roe, reasons 1.4 (b) and (d)\n\n"
            "1. (C) Text.\n")


def _tag_findings(tags: str) -> list[tuple[str, str]]:
    eng = Engine([STATE], Selection(), date=dt.date(2004, 1, 30))
    return sorted((f.rule, f.matched) for f in eng.lint_source(Source("cable.txt", _cable(tags)))
                  if f.rule in ("CL403", "CL404"))


def test_kept_verdicts_are_the_patterns_own_cable_after_cable() -> None:
    for _ in range(3):  # the first cable asks the regex, the next ones the kept verdicts
        assert _tag_findings("PREL FR") == []
        assert ("CL403", "prel") in _tag_findings("prel FR")
        long = "P" + "R" * 40 + "EL"  # longer than what is kept: asked every time, the same answer
        assert not any(r == "CL403" for r, _ in _tag_findings(f"{long} FR"))
        assert ("CL403", long.lower()) in _tag_findings(f"{long.lower()} FR")


def test_rule_params_carry_no_text_of_a_linted_cable() -> None:
    _tag_findings("zqxjv PREL QZXWV FR")
    blob = pickle.dumps([r.params for r in STATE.rules], protocol=pickle.HIGHEST_PROTOCOL)
    assert b"zqxjv" not in blob and b"QZXWV" not in blob
