"""Pure aggregation of a run for the corpus report: counts by rule,
severity, year, era, post, level and rule family. No I/O, no HTML: the
page (page.py) draws what these return, and tests check them directly.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from ..findings import Finding, Severity
from ..rule import Rule
from .summary import DocSummary

UNKNOWN = "unknown"
# Tags (a rule's `tags:`) that put it in the integrity family: export damage
# to the document (OCR, HTML debris, lost lines) rather than a drafting error
# by the writer.
INTEGRITY_WORDS = frozenset({"integrity", "export-damage", "document-integrity", "damage"})


def family_of(rule: Rule | None) -> str:
    """'integrity' (the document was damaged on its way to us), 'engine'
    (cablelint's own diagnostics: unreadable input, rules that could not
    run) or 'drafting' (a marking error made by the writer). Read from what
    a Rule holds (rule.py): the `integrity` check kind (export-damage
    diagnoses), an integrity tag, the engine's own rule set."""
    if rule is None:
        return "drafting"
    if rule.kind == "integrity" or any(str(t).lower() in INTEGRITY_WORDS for t in rule.tags):
        return "integrity"
    if rule.ruleset == "engine":
        return "engine"
    return "drafting"


@dataclass
class Row:
    """One bar of a chart: a key, the cables in it, the findings in it."""

    key: str
    cables: int = 0
    findings: int = 0
    flagged: int = 0  # cables with at least one finding
    by_severity: dict[str, int] = field(default_factory=dict)


@dataclass
class RuleRow:
    rule: str
    name: str
    severity: str
    family: str
    findings: int
    cables: int


@dataclass
class Aggregates:
    cables: int
    flagged: int
    findings: int
    by_severity: dict[str, int]
    rules: list[RuleRow]
    years: list[Row]
    eras: list[Row]
    posts: list[Row]
    levels: list[Row]
    families: list[Row]


def _key(value: Any) -> str:
    return UNKNOWN if value is None or value == "" else str(value)


SEV_NAMES = {s: str(s) for s in Severity}  # str() of an enum costs a call per finding


def per_path_counts(findings: list[Finding]) -> dict[str, dict[str, int]]:
    """Findings per cable by severity name: one pass over the findings, so
    each grouping afterwards walks cables, not findings (1M findings)."""
    out: dict[str, dict[str, int]] = {}
    for f in findings:
        counts = out.get(f.path)
        if counts is None:
            counts = out[f.path] = {}
        sev = SEV_NAMES[f.severity]
        counts[sev] = counts.get(sev, 0) + 1
    return out


def group_rows(paths: Iterable[str], counts: dict[str, dict[str, int]], key_of: Callable[[str], Any]) -> dict[str, Row]:
    """Rows keyed by `key_of(path)` (a cable's year, post...): cables, flagged
    cables and findings by severity. `counts`: per_path_counts(findings);
    `paths` are every cable (a path with findings is one of them)."""
    rows: dict[str, Row] = {}
    for p in paths:
        k = _key(key_of(p))
        row = rows.get(k)
        if row is None:
            row = rows[k] = Row(k)
        row.cables += 1
        c = counts.get(p)
        if c:
            row.flagged += 1
            for sev, n in c.items():
                row.findings += n
                row.by_severity[sev] = row.by_severity.get(sev, 0) + n
    return rows


def family_rows(findings: list[Finding], rules: dict[str, Rule]) -> dict[str, Row]:
    """Findings by rule family (drafting, integrity, engine), with the cables
    each family flags; `cables` stays 0 (a family is not a set of cables)."""
    fam = {rid: family_of(r) for rid, r in rules.items()}
    rows: dict[str, Row] = {name: Row(name) for name in ("drafting", "integrity")}
    seen: set[tuple[str, str]] = set()
    for f in findings:
        k = fam.get(f.rule, "drafting")
        row = rows.get(k) or rows.setdefault(k, Row(k))
        row.findings += 1
        sev = SEV_NAMES[f.severity]
        row.by_severity[sev] = row.by_severity.get(sev, 0) + 1
        if (k, f.path) not in seen:
            seen.add((k, f.path))
            row.flagged += 1
    return rows


def sorted_rows(rows: dict[str, Row], by: str) -> list[Row]:
    """'key': chronological/alphabetical (unknown last); 'findings': most first."""
    if by == "key":
        return sorted(rows.values(), key=lambda r: (r.key == UNKNOWN, r.key))
    return sorted(rows.values(), key=lambda r: (-r.findings, -r.cables, r.key))


def chronological(rows: dict[str, Row], summaries: dict[str, DocSummary]) -> list[Row]:
    """Era rows in time order: by the earliest date of their cables (era
    labels do not sort by time: 'as amended' < 'as issued'); unknown last."""
    first: dict[str, str] = {}
    for d in summaries.values():
        if d.era is not None and d.date is not None:
            first[d.era] = min(first.get(d.era, d.date), d.date)
    return sorted(rows.values(), key=lambda r: (r.key not in first, first.get(r.key, ""), r.key))


def rule_rows(findings: list[Finding], rules: dict[str, Rule]) -> list[RuleRow]:
    """Findings and cables per rule, most frequent first (ties by id); a
    rule's severity is the one most of its findings carry (eras regrade)."""
    sev: dict[str, Counter[str]] = {}
    cables: dict[str, set[str]] = {}
    for f in findings:
        c = sev.get(f.rule)
        if c is None:
            c, cables[f.rule] = sev.setdefault(f.rule, Counter()), set()
        c[SEV_NAMES[f.severity]] += 1
        cables[f.rule].add(f.path)
    out = []
    for rid, c in sev.items():
        r = rules.get(rid)
        out.append(RuleRow(rid, r.name if r else rid, c.most_common(1)[0][0], family_of(r), sum(c.values()),
                           len(cables[rid])))
    return sorted(out, key=lambda r: (-r.findings, r.rule))


def aggregate(linted: list[str], findings: list[Finding], summaries: dict[str, DocSummary],
              rules: dict[str, Rule]) -> Aggregates:
    """Everything the report's overview shows, from one pass over the run.
    `linted`: every input (unreadable ones have no summary: their year,
    post... are unknown)."""
    def attr(name: str) -> Callable[[str], Any]:
        return lambda p: getattr(summaries.get(p), name, None)

    counts = per_path_counts(findings)
    paths = list(dict.fromkeys(list(linted) + list(counts)))
    sev = Counter()
    for c in counts.values():
        sev.update(c)
    return Aggregates(
        cables=len(paths), flagged=len(counts), findings=len(findings),
        by_severity={str(s): sev.get(str(s), 0) for s in sorted(Severity, reverse=True)},
        rules=rule_rows(findings, rules),
        years=sorted_rows(group_rows(paths, counts, attr("year")), "key"),
        eras=chronological(group_rows(paths, counts, attr("era")), summaries),
        posts=sorted_rows(group_rows(paths, counts, attr("post")), "findings"),
        levels=sorted_rows(group_rows(paths, counts, attr("level")), "findings"),
        families=sorted_rows(family_rows(findings, rules), "findings"),
    )
