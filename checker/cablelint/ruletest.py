"""`cablelint test`: run the examples kept with each rule.

Every `bad` example must make its rule fire (at `line`, when given); every
`good` example must not make it fire. Each miss is reported as the YAML
file and line of the example, so a rule author can go straight to it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .engine import Engine, Selection
from .rule import Example, Rule, RuleSet
from .source import Source


@dataclass
class Failure:
    where: str  # file:line of the example
    rule: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.rule}: {self.problem}"


def _date(v: object) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v  # type: ignore[return-value]
    return dt.date.fromisoformat(str(v))


def run_example(rs: RuleSet, rule: Rule, ex: Example) -> list[int]:
    """Lines at which `rule` fires on the example text."""
    opts = ex.options
    options = {}
    if opts.get("protect"):
        options["protect"] = list(opts["protect"])
    if opts.get("as_of"):
        options["release"] = True
    eng = Engine([rs], Selection(select=[rule.id]), date=_date(opts.get("date")),
                 as_of=_date(opts.get("as_of")), options=options)
    path = f"example-{rule.id}-{ex.kind}.txt"
    findings = eng.lint_source(Source(path, ex.text))
    return [f.line for f in findings if f.rule == rule.id]


def test_ruleset(rs: RuleSet) -> tuple[int, list[Failure]]:
    """(number of examples run, failures)."""
    failures: list[Failure] = []
    count = 0
    origin_file = rs.path
    for rule in rs.rules:
        if rule.ruleset != rs.name:
            continue  # inherited rules are tested with their own set
        if not any(e.kind == "bad" for e in rule.examples) or not any(e.kind == "good" for e in rule.examples):
            failures.append(Failure(rule.origin, rule.id, "needs at least one bad and one good example"))
        for ex in rule.examples:
            count += 1
            where = f"{origin_file}:{ex.source_line}"
            lines = run_example(rs, rule, ex)
            if ex.kind == "bad":
                if not lines:
                    failures.append(Failure(where, rule.id, "bad example: the rule did not fire"))
                elif ex.line is not None and ex.line not in lines:
                    failures.append(Failure(where, rule.id, f"bad example: expected at line {ex.line}, "
                                                            f"fired at line {', '.join(map(str, lines))}"))
            elif lines:
                failures.append(Failure(where, rule.id, f"good example: the rule fired at line "
                                                        f"{', '.join(map(str, lines))}"))
    return count, failures
