"""Rule and RuleSet values, as loaded from YAML (see cablelint.ruleset)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .findings import Severity, _Record


# The rule sets used when none is chosen: each checks only the documents of its
# `applies: {shape: ...}` (cables, CAPCO-marked, CUI), so together they pick the
# rule set by the shape of the document.
DEFAULT_RULESETS = ("state", "capco", "cui")


class RuleSetError(Exception):
    """A rule set that cannot be used; str() is `file:line: what is wrong`."""


class Example(_Record):
    """One of a rule's examples. A plain value class, not a @dataclass
    (findings._Record says why)."""

    __slots__ = ("kind", "text", "line", "source_line", "options")
    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's

    def __init__(self, kind: str, text: str, line: int | None = None, source_line: int = 0,
                 options: dict[str, Any] | None = None) -> None:
        self.kind = kind  # 'bad' or 'good'
        self.text = text
        self.line = line  # line in the example that the rule must flag (bad)
        self.source_line = source_line  # where the example sits in the YAML file
        self.options = {} if options is None else options  # date, as_of, protect for the run


@dataclass(slots=True)
class Rule:
    """One configured check: what it is (metadata) and how it checks (kind + params)."""

    id: str
    name: str
    severity: Severity
    kind: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    when: dict[str, Any] = field(default_factory=dict)
    summary: str = ""
    why: str = ""
    fix: str = ""
    reference: str = ""
    examples: list[Example] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    ruleset: str = ""
    origin: str = ""  # file:line where the rule is defined
    # Rules whose findings this one replaces on the same span (CL203 "order
    # not yet signed" says more than CL202 "order not in force").
    supersedes: list[str] = field(default_factory=list)
    autofix: Any = None  # autofix.FixSpec: the fix the rule declares in `autofix:` (None: no automatic fix)

    @property
    def short_description(self) -> str:
        return self.summary or self.message.split("{")[0].strip() or self.name

    def doc(self) -> dict[str, Any]:
        """Everything a user or a reporter needs to explain the rule."""
        return {
            "id": self.id,
            "name": self.name,
            "severity": str(self.severity),
            "ruleset": self.ruleset,
            "kind": self.kind,
            "summary": self.short_description,
            "message": self.message,
            "why": self.why,
            "fix": self.fix,
            "autofix": self.autofix.describe() if self.autofix is not None else "",
            "reference": self.reference,
            "examples": [{"kind": e.kind, "text": e.text} for e in self.examples],
        }


@dataclass(slots=True)
class RuleSet:
    name: str
    description: str
    version: str
    path: str
    rules: list[Rule] = field(default_factory=list)
    applies: dict[str, Any] = field(default_factory=dict)
    eras: list[dict[str, Any]] = field(default_factory=list)
    vocabulary: dict[str, Any] = field(default_factory=dict)
    lists: dict[str, Any] = field(default_factory=dict)  # named value lists (TAGS...)
    extends: list[str] = field(default_factory=list)
    example_files: list[str] = field(default_factory=list)  # cables + .expect sidecars (cablelint test)
    # Resolved paths of this set's file and of every set it extends, nearest
    # first: a set listed beside one of its ancestors runs once (session.rulesets).
    lineage: list[str] = field(default_factory=list)
