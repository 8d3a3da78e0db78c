"""Rule selectors (`select`, `ignore`, `extend-select`, `severity`,
`per-file-ignores`): a rule id (CL201), a rule name (banner-missing), an id
prefix (CL2) or ALL. One matching function, so every setting that takes
selectors agrees on what a selector names and which one is most specific.
"""
from __future__ import annotations

from typing import Iterable

from .findings import Severity
from .records import Record
from .rule import Rule

EXACT = 10_000  # an id or a name beats any prefix


def match_score(rule_id: str, rule_name: str, sel: str) -> int | None:
    """How specifically `sel` names the rule: EXACT for its id or name, the
    prefix length for an id prefix, 0 for ALL; None when it does not name it."""
    if sel in (rule_id, rule_name):
        return EXACT
    if sel == "ALL":
        return 0
    if sel.isalnum() and rule_id.startswith(sel):
        return len(sel)
    return None


def matches(rule: Rule, sel: str) -> bool:
    return match_score(rule.id, rule.name, sel) is not None


def names_any(sel: str, rules: Iterable[Rule]) -> bool:
    """Whether a selector names at least one of `rules`: one that names none
    is a typo or a missing rule set, checked before any engine is built."""
    return any(matches(r, sel) for r in rules)


def most_specific(rule: Rule, choices: dict[str, Severity]) -> Severity | None:
    """The value of the most specific selector naming `rule` (id or name, then
    the longest prefix, then ALL), or None."""
    best, rank = None, -1
    for sel, value in choices.items():
        score = match_score(rule.id, rule.name, sel)
        if score is not None and score > rank:
            best, rank = value, score
    return best


def severity_map(overrides: dict[str, Severity], rules: dict[str, Rule]) -> dict[str, Severity]:
    """Overrides given by id, name, prefix or ALL, expanded to one entry per rule id."""
    out: dict[str, Severity] = {}
    for r in rules.values():
        sev = most_specific(r, overrides)
        if sev is not None:
            out[r.id] = sev
    return out


class Selection(Record):
    """Which rules run, at which severity (from the CLI and configuration).
    A plain value class, not a @dataclass (records.py says why)."""

    __slots__ = ("select", "ignore", "extend_select", "severity")
    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's

    def __init__(self, select: list[str] | None = None, ignore: list[str] | None = None,
                 extend_select: list[str] | None = None, severity: dict[str, Severity] | None = None) -> None:
        self.select = [] if select is None else select
        self.ignore = [] if ignore is None else ignore
        self.extend_select = [] if extend_select is None else extend_select
        self.severity = {} if severity is None else severity

    def active(self, rule: Rule) -> bool:
        chosen = not self.select or any(matches(rule, s) for s in self.select)
        chosen = chosen or any(matches(rule, s) for s in self.extend_select)
        return chosen and not any(matches(rule, s) for s in self.ignore)

    def severity_of(self, rule: Rule) -> Severity:
        for key in (rule.id, rule.name):
            if key in self.severity:
                return self.severity[key]
        return rule.severity
