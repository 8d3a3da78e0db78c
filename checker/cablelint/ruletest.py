"""`cablelint test`: run the examples kept with each rule set.

A rule set is tested two ways, and every miss is reported as `file:line:`
so a rule author can go straight to it.

1. Rule examples, the `examples:` list under each rule: every `bad` example
   must make its rule fire (at `line`, when given) and every `good` example
   must not. Misses point at the example in the YAML file.

2. Example cables, whole documents kept beside the rule set:

   - by convention, the folder `tests/<rule set name>/` next to the YAML file
     (e.g. `rules/tests/state/` for `rules/state.yaml`);
   - any folders or files listed under the rule set's top-level
     `example_files:` key, relative to the YAML file
     (`rules/state.yaml` lists `../examples/state`).

   Each cable (`.txt`, `.cable`, `.tel`) is linted with the rule set under
   test and must give exactly the findings listed in its sidecar
   `NAME.EXT.expect` (so `1976-eo11652-faulty.txt.expect`):

       # Faults typical of 1976 (a comment: any line starting with #)
       # date: 1976-03-01       the cable date, when the cable gives none
       # as-of: 2024-01-01      review date, for release rules
       # rules: state release   rule sets (names, or .yaml paths relative to
       #                        the cable) instead of the one under test
       12 CL208                 one finding of CL208 on line 12
       14 CL102  # why          a trailing comment explains the finding
       14 CL102                 repeat a line for two findings there

   A cable without a sidecar must have `clean` in its name and give no
   finding at all. Expected findings that do not appear are reported at the
   sidecar line; findings nobody expected at the cable line; a sidecar
   without its cable, or a cable with neither sidecar nor `clean`, at the
   file itself. The comparison is exact (rule and line, with multiplicity),
   so an example also proves that nothing else fires.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .dates import parse_date
from .rule import Example, Rule, RuleSet, RuleSetError
from .session import Session, rulesets
from .source import InputError, Source, read
from .yamlio import load_yaml

CABLE_EXTS = (".txt", ".cable", ".tel")
EXPECT_LINE = re.compile(r"^(?P<line>\d+)\s+(?P<rule>[A-Z]{1,6}\d{2,4})\s*(?:#.*)?$")
DIRECTIVE = re.compile(r"^#\s*(?P<key>rules|date|as-of)\s*:\s*(?P<value>.+?)\s*$")


@dataclass
class Failure:
    where: str  # file:line of the example (or of the sidecar line)
    rule: str
    problem: str
    of_example: bool = field(default=False, compare=False)  # a miss of one example (Outcome.add), not a problem of the set

    def __str__(self) -> str:
        return f"{self.where}: {self.rule}: {self.problem}"


@dataclass
class Expectation:
    """What one example cable must give, read from its `.expect` sidecar."""

    findings: Counter = field(default_factory=Counter)  # (line, rule) -> count
    lines: dict[tuple[int, str], int] = field(default_factory=dict)  # (line, rule) -> sidecar line
    rules: list[str] = field(default_factory=list)  # empty: the rule set under test
    date: dt.date | None = None
    as_of: dt.date | None = None
    sidecar: Path | None = None


class ExpectError(ValueError):
    """A malformed sidecar; str() is `file:line: what is wrong`."""


def _date(v: object) -> dt.date | None:
    return None if v is None else parse_date(v)


def rule_set_files(paths: list[str]) -> list[str]:
    """The rule sets under `paths`: files as given, folders searched with their
    subfolders (hidden ones skipped) for YAML that is a rule set, so a
    configuration, a protect list or the marking vocabulary is never taken
    for one."""
    out: list[str] = []
    for p in paths:
        pp = Path(p)
        if not pp.is_dir():
            out.append(p)
            continue
        for f in sorted(pp.rglob("*")):
            rel = f.relative_to(pp).parts
            if f.suffix in (".yaml", ".yml") and f.is_file() and not any(x.startswith(".") for x in rel):
                if _is_rule_set(f):
                    out.append(str(f))
    return out


def _is_rule_set(path: Path) -> bool:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"), path, RuleSetError)
    except (OSError, UnicodeDecodeError, RuleSetError):
        return True  # let the loader report it at file:line
    if not isinstance(data, dict):
        return False
    kind = data.get("kind")
    return kind == "ruleset" or (kind is None and "name" in data and ("rules" in data or "extends" in data))


def _session(sets: list[RuleSet], rules: list[str] | None = None, date: object = None, as_of: object = None,
             **options: object) -> Session:
    cfg = Config().with_overrides("cablelint test", rules=sets, select=rules, date=_date(date),
                                  as_of=_date(as_of))
    return Session.build(cfg, **options)


def _selected(rule: Rule) -> list[str]:
    """The rules an example runs: the rule, and for a diagnosis of export damage
    the rules whose findings it explains (`symptoms`): one that stands only
    with a symptom to explain (Damage.needs_symptom) is judged as a run sees it."""
    return [rule.id, *(rule.params.get("symptoms") or ())] if rule.kind == "integrity" else [rule.id]


def run_example(rs: RuleSet, rule: Rule, ex: Example) -> list[int]:
    """Lines at which `rule` fires on the example text."""
    opts = ex.options
    options: dict[str, object] = {"protect": list(opts["protect"])} if opts.get("protect") else {}
    if opts.get("as_of"):
        options["release"] = True  # an example with a review date is a release review
    session = _session([rs], _selected(rule), opts.get("date"), opts.get("as_of"), **options)
    path = str(opts.get("path") or f"example-{rule.id}-{ex.kind}.txt")  # `path:` names the file (CL614)
    findings = session.engine.lint_source(Source(path, ex.text))
    return [f.line for f in findings if f.rule == rule.id]


def read_expectation(cable: Path) -> Expectation | None:
    """The sidecar's expectation; a `clean` cable without one expects no finding.

    None when the cable has neither. Raises ExpectError on a malformed line.
    """
    sidecar = cable.with_name(cable.name + ".expect")
    if not sidecar.is_file():
        return Expectation() if "clean" in cable.name.lower() else None
    exp = Expectation(sidecar=sidecar)
    for n, raw in enumerate(sidecar.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        d = DIRECTIVE.match(line)
        if d:
            if d["key"] == "rules":
                exp.rules = [str(cable.parent / v) if v.endswith((".yaml", ".yml")) else v
                             for v in re.split(r"[,\s]+", d["value"]) if v]
            else:
                try:
                    setattr(exp, d["key"].replace("-", "_"), parse_date(d["value"]))
                except ValueError:
                    raise ExpectError(f"{sidecar}:{n}: `# {d['key']}:` needs a date YYYY-MM-DD, "
                                      f"not {d['value']!r}") from None
            continue
        if line.startswith("#"):
            continue
        m = EXPECT_LINE.match(line)
        if not m:
            raise ExpectError(f"{sidecar}:{n}: expected `LINE RULEID` (e.g. `12 CL207`), got {raw.strip()!r}")
        key = (int(m["line"]), m["rule"])
        exp.findings[key] += 1
        exp.lines.setdefault(key, n)
    return exp


def example_files(rs: RuleSet) -> tuple[list[Path], list[Path], list[Failure]]:
    """(cables, orphan sidecars, problems) kept beside the rule set."""
    roots: list[Path] = []
    conv = Path(rs.path).parent / "tests" / rs.name
    if conv.is_dir():
        roots.append(conv)
    problems: list[Failure] = []
    for p in rs.example_files:
        pp = Path(p)
        if not pp.exists():
            problems.append(Failure(f"{rs.path}:1", "example_files", f"{p} does not exist"))
        elif pp not in roots:
            roots.append(pp)
    cables: list[Path] = []
    orphans: list[Path] = []
    for root in roots:
        files = [root] if root.is_file() else sorted(x for x in root.rglob("*") if x.is_file())
        for f in files:
            if f.suffix.lower() in CABLE_EXTS:
                cables.append(f)
            elif f.name.endswith(".expect") and not f.with_name(f.name[:-len(".expect")]).is_file():
                orphans.append(f)
    return cables, orphans, problems


def check_example_file(cable: Path, rs: RuleSet) -> list[Failure]:
    """Lint one example cable and compare with its sidecar, exactly."""
    try:
        exp = read_expectation(cable)
    except ExpectError as exc:
        return [Failure(str(exc).split(": ", 1)[0], "expect", str(exc).split(": ", 1)[1])]
    if exp is None:
        return [Failure(f"{cable}:1", "expect", f"no sidecar {cable.name}.expect, and `clean` is not in the "
                                                "name (a clean example must give no finding)")]
    sets = rulesets(exp.rules) if exp.rules else [rs]
    engine = _session(sets, None, exp.date, exp.as_of, **({"release": True} if exp.as_of else {})).engine
    try:
        findings = engine.lint_source(read(str(cable), engine.options.get("encoding")))
    except InputError as exc:
        return [Failure(f"{cable}:1", "CL001", str(exc))]
    got = Counter((f.line, f.rule) for f in findings)
    out: list[Failure] = []
    where_exp = exp.sidecar or cable
    for (line, rule), n in sorted((exp.findings - got).items()):
        at = f"{where_exp}:{exp.lines.get((line, rule), 1)}"
        out.append(Failure(at, rule, f"expected {'%d findings' % n if n > 1 else 'a finding'} at "
                                     f"{cable.name}:{line}, not found"))
    for (line, rule), n in sorted((got - exp.findings).items()):
        msgs = [f.message for f in findings if (f.line, f.rule) == (line, rule)]
        hint = f"add `{line} {rule}` to {cable.name}.expect" if exp.sidecar else "a clean example gives no finding"
        out.append(Failure(f"{cable}:{line}", rule, f"found but not expected{' (x%d)' % n if n > 1 else ''}: "
                                                     f"{msgs[0]} ({hint})"))
    return out


@dataclass
class Outcome:
    """A rule set's test: `run` examples (rule examples and example cables),
    `failed` of them failing; `failures` every miss, those of the examples
    and the problems of no one example (a rule without both a bad and a good
    example, a sidecar without its cable, a missing `example_files` entry).
    An example cable can fail several ways, each a line of `failures`: the
    counts are of examples and problems, so `passed` is never below 0."""

    run: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return self.run - self.failed

    @property
    def problems(self) -> int:
        """The checks that failed: the failing examples and every other problem."""
        return self.failed + sum(1 for f in self.failures if not f.of_example)

    def add(self, misses: list[Failure]) -> None:
        """One example run, with its misses (none: it passed)."""
        self.run += 1
        self.failed += bool(misses)
        for m in misses:
            m.of_example = True
        self.failures += misses


def _rule_example(rs: RuleSet, rule: Rule, ex: Example) -> list[Failure]:
    """The misses of one rule example (none: it passed)."""
    where = f"{rs.path}:{ex.source_line}"
    lines = run_example(rs, rule, ex)
    if ex.kind == "bad":
        if not lines:
            return [Failure(where, rule.id, "bad example: the rule did not fire")]
        if ex.line is not None and ex.line not in lines:
            return [Failure(where, rule.id, f"bad example: expected at line {ex.line}, "
                                            f"fired at line {', '.join(map(str, lines))}")]
    elif lines:
        return [Failure(where, rule.id, f"good example: the rule fired at line {', '.join(map(str, lines))}")]
    return []


def run_ruleset(rs: RuleSet) -> Outcome:
    """Rule examples, then example cables, with their counts."""
    out = Outcome()
    for rule in rs.rules:
        if rule.ruleset != rs.name:
            continue  # inherited rules are tested with their own set
        if not any(e.kind == "bad" for e in rule.examples) or not any(e.kind == "good" for e in rule.examples):
            out.failures.append(Failure(rule.origin, rule.id, "needs at least one bad and one good example"))
        for ex in rule.examples:
            out.add(_rule_example(rs, rule, ex))
    cables, orphans, problems = example_files(rs)
    out.failures += problems
    for o in orphans:
        out.failures.append(Failure(f"{o}:1", "expect", "sidecar without its cable"))
    for cable in cables:
        out.add(check_example_file(cable, rs))
    return out
