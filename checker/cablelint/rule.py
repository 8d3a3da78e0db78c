"""Rule and RuleSet values, as loaded from YAML (see cablelint.ruleset)."""
from __future__ import annotations

from typing import Any

from .findings import Severity
from .records import Record


# The rule sets used when none is chosen: each checks only the documents of its
# `applies: {shape: ...}` (cables, CAPCO-marked, CUI), so together they pick the
# rule set by the shape of the document.
DEFAULT_RULESETS = ("state", "capco", "cui")


class RuleSetError(Exception):
    """A rule set that cannot be used; str() is `file:line: what is wrong`."""


class Example(Record):
    """One of a rule's examples. A plain value class, not a @dataclass
    (records.py says why)."""

    __slots__ = ("kind", "text", "line", "source_line", "options")
    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's

    def __init__(self, kind: str, text: str, line: int | None = None, source_line: int = 0,
                 options: dict[str, Any] | None = None) -> None:
        self.kind = kind  # 'bad' or 'good'
        self.text = text
        self.line = line  # line in the example that the rule must flag (bad)
        self.source_line = source_line  # where the example sits in the YAML file
        self.options = {} if options is None else options  # date, as_of, protect, path for the run


class Rule(Record):
    """One configured check: what it is (metadata) and how it checks (kind + params).
    A plain value class, not a @dataclass (records.py says why)."""

    __slots__ = ("id", "name", "severity", "kind", "message", "params", "when", "summary", "why", "fix",
                 "reference", "examples", "tags", "ruleset", "origin", "supersedes", "autofix")
    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's

    def __init__(self, id: str, name: str, severity: Severity, kind: str, message: str,  # noqa: A002
                 params: dict[str, Any] | None = None, when: dict[str, Any] | None = None, summary: str = "",
                 why: str = "", fix: str = "", reference: str = "", examples: list[Example] | None = None,
                 tags: list[str] | None = None, ruleset: str = "", origin: str = "",
                 supersedes: list[str] | None = None, autofix: Any = None) -> None:
        self.id, self.name, self.severity, self.kind, self.message = id, name, severity, kind, message
        self.params = {} if params is None else params
        self.when = {} if when is None else when
        self.summary, self.why, self.fix, self.reference = summary, why, fix, reference
        self.examples = [] if examples is None else examples
        self.tags = [] if tags is None else tags
        self.ruleset = ruleset
        self.origin = origin  # file:line where the rule is defined
        # Rules whose findings this one replaces on the same span (CL203 "order
        # not yet signed" says more than CL202 "order not in force").
        self.supersedes = [] if supersedes is None else supersedes
        self.autofix = autofix  # autofix.FixSpec: the fix the rule declares in `autofix:` (None: no automatic fix)

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


class RuleSet(Record):
    """A rule set as loaded. A plain value class, not a @dataclass (records.py says why)."""

    __slots__ = ("name", "description", "version", "path", "rules", "applies", "eras", "vocabulary", "lists",
                 "extends", "example_files", "lineage")
    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's

    def __init__(self, name: str, description: str, version: str, path: str, rules: list[Rule] | None = None,
                 applies: dict[str, Any] | None = None, eras: list[dict[str, Any]] | None = None,
                 vocabulary: dict[str, Any] | None = None, lists: dict[str, Any] | None = None,
                 extends: list[str] | None = None, example_files: list[str] | None = None,
                 lineage: list[str] | None = None) -> None:
        self.name, self.description, self.version, self.path = name, description, version, path
        self.rules = [] if rules is None else rules
        self.applies = {} if applies is None else applies
        self.eras = [] if eras is None else eras
        self.vocabulary = {} if vocabulary is None else vocabulary
        self.lists = {} if lists is None else lists  # named value lists (TAGS...)
        self.extends = [] if extends is None else extends
        # cables + .expect sidecars (cablelint test)
        self.example_files = [] if example_files is None else example_files
        # Resolved paths of this set's file and of every set it extends, nearest
        # first: a set listed beside one of its ancestors runs once (session.rulesets).
        self.lineage = [] if lineage is None else lineage
