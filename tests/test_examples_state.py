"""examples/state/: one clean and one faulty example cable per era of the
state rule set, each giving exactly what its `.expect` sidecar lists (the
same comparison as `cablelint test rules/`, which runs them through the rule
set's `example_files`).

File names say the year and the era, `1976-eo11652-clean.txt`; the cable's
own date-time group must put it in that era, so an example cannot drift.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from cablelint.checks import Context
from cablelint.engine import Engine
from cablelint.ruleset import load
from cablelint.ruletest import check_example_file, read_expectation
from cablelint.source import read

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "examples" / "state"
NAME_RE = re.compile(r"^(?P<year>\d{4})-(?P<era>eo\d{5}(?:-amended)?)-(?:[a-z]+-)?(?P<kind>clean|faulty)\.txt$")
STATE = load("state")
CABLES = sorted(FOLDER.glob("*.txt"))


def test_every_era_has_a_clean_and_a_faulty_example() -> None:
    have = Counter()
    for c in CABLES:
        m = NAME_RE.match(c.name)
        assert m, f"{c.name}: name it YEAR-ERA-[note-]clean|faulty.txt"
        have[(m["era"], m["kind"])] += 1
    for era in STATE.eras:
        for kind in ("clean", "faulty"):
            assert have[(era["name"], kind)] >= 1, f"no {kind} example for {era['name']}"


def test_state_rule_set_runs_these_examples() -> None:
    assert str(FOLDER.resolve()) in STATE.example_files


@pytest.mark.parametrize("cable", CABLES, ids=lambda p: p.name)
def test_example_gives_exactly_its_expected_findings(cable: Path) -> None:
    failures = check_example_file(cable, STATE)
    assert not failures, "\n".join(map(str, failures))


@pytest.mark.parametrize("cable", CABLES, ids=lambda p: p.name)
def test_example_date_is_in_its_era(cable: Path) -> None:
    m = NAME_RE.match(cable.name)
    assert m
    engine = Engine([STATE])
    doc = engine.parse(read(str(cable)))
    assert doc.date.source == "dtg", "an example gives its date in the routing header"
    assert doc.date.value.year == int(m["year"])
    era = Context(doc, engine.vocab, STATE.lists, STATE.eras, doc.date.value).era
    assert era is not None and era["name"] == m["era"]


@pytest.mark.parametrize("cable", [c for c in CABLES if "faulty" in c.name], ids=lambda p: p.name)
def test_faulty_examples_explain_every_finding(cable: Path) -> None:
    """Each expected finding has a comment, and names a rule of the set."""
    exp = read_expectation(cable)
    assert exp is not None and exp.sidecar is not None and exp.findings
    ids = {r.id for r in STATE.rules}
    assert set(r for _, r in exp.findings) <= ids
    lines = exp.sidecar.read_text(encoding="utf-8").splitlines()
    for (_, rule), n in exp.lines.items():
        assert lines[n - 2].startswith("#") or "#" in lines[n - 1], f"{exp.sidecar}:{n}: say why {rule} is expected"
