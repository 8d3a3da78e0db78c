"""The rule catalogue (docs/rules.md), generated from the rule sets so the
documentation cannot drift from the rules:

    cablelint rules --all --format md > docs/rules.md

The output depends only on the YAML (no dates, no paths), so a test can
regenerate it and compare.
"""
from __future__ import annotations

from typing import Iterable

from .engine import ENGINE_RULES
from .rule import Rule, RuleSet
from .ruledoc import anchor, cell as _cell, rule_markdown

GENERATED_BY = "cablelint rules --all --format md > docs/rules.md"


def catalogue_markdown(sets: Iterable[RuleSet]) -> str:
    """Every rule of the given rule sets, each under the set that defines it."""
    sets = list(sets)
    by_id: dict[str, Rule] = {}
    for rs in sets:
        for r in rs.rules:
            by_id.setdefault(r.id, r)
    own: dict[str, list[Rule]] = {rs.name: [] for rs in sets}
    for r in by_id.values():
        own.setdefault(r.ruleset, []).append(r)
    engine = sorted(ENGINE_RULES.values(), key=lambda r: r.id)
    out = ["# Rule catalogue", "",
           f"Generated from the rule sets by `{GENERATED_BY}`; do not edit by hand",
           "(`tests/test_docs.py` fails when this file is stale). `cablelint rule ID` prints one rule;",
           "[rule-authoring.md](rule-authoring.md) explains how rules are written.", "",
           "## Rule sets", "", "| rule set | rules | extends | description |", "|---|---|---|---|"]
    for rs in sets:
        ext = ", ".join(f"`{e}`" for e in rs.extends) or "—"
        out.append(f"| `{rs.name}` | {len(rs.rules)} | {ext} | {_cell(rs.description)} |")
    out += ["", "## Index", "", "| id | name | severity | rule set | what it checks |", "|---|---|---|---|---|"]
    for r in engine + sorted(by_id.values(), key=lambda r: r.id):
        out.append(f"| [{r.id}](#{anchor(r)}) | {r.name} | {r.severity} | {r.ruleset} | "
                   f"{_cell(r.short_description)} |")
    out += ["", "## engine: built-in diagnostics", "",
            "Reported by the engine itself, whatever the rule set.", ""]
    for r in engine:
        out += rule_markdown(r)
    for rs in sets:
        rules = sorted(own.get(rs.name, []), key=lambda r: r.id)
        if not rules:
            continue
        out += [f"## {rs.name}: {_cell(rs.description)}", ""]
        for r in rules:
            out += rule_markdown(r)
    return "\n".join(out).rstrip("\n") + "\n"
