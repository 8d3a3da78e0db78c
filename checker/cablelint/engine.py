"""The engine: parse each document once, run every active rule on it, and
turn hits into Findings with exact line/column spans.

Text -> Document (parser) -> Findings (this module) -> report (reporters).
"""
from __future__ import annotations

import datetime as dt
import time
from typing import Any, Callable, Iterable

from .autofix import edit_for
from .checks import CannotRun, Context, Hit, group_hits, grouping
from .checks.kinds import KINDS
from .conditions import Plan, compile_when, holds_plan, narrow
from .dates import resolve as resolve_date
from .periods import period_dates
from .document import Document, Span
from .findings import Finding, Severity
from .fold import fold
from .marking_check import lint_marking_lines, marking_lines
from .source import first_text
from .parse import parse
from .rule import Rule, RuleSet
from .selection import Selection
from .source import Source
from . import quoting, timelimit
from .vocabulary import Vocabulary, default_vocabulary_data

# Built-in diagnostics of the engine itself (not marking rules).
COULD_NOT_RUN = Rule(
    id="CL000", name="rule-could-not-run", severity=Severity.INFO, kind="engine",
    message="{count} rule(s) could not run: {reason} ({rules}){hint}",
    summary="Some rules could not run on this document",
    why="A rule that needs what the run lacks is reported, not skipped in silence. Date-dependent rules "
        "(eras, DECL windows) need the cable date, which cablelint does not guess: it reads the date-time "
        "group, a dateline, --date, or the year in a cable id file name. A release review needs a protect list.",
    fix="Give what the message names: the date with --date YYYY-MM-DD (or name the file after its cable id, "
        "05PARIS579.txt), a protect list with --protect FILE; or leave the rules out with --ignore.",
    ruleset="engine",
)
INPUT_ERROR = Rule(
    id="CL001", name="unreadable-input", severity=Severity.ERROR, kind="engine",
    message="{message}",
    summary="The file could not be read as a cable",
    why="A binary, mis-encoded or unreadable file cannot be checked; it is reported rather than skipped.",
    fix="Each finding gives the fix for its cause: check a missing path, give read permission, re-encode a "
        "file that is not UTF-8, leave out a binary file (or exclude it from the paths given to cablelint).",
    ruleset="engine",
)
NO_RULE_SET = Rule(
    id="CL002", name="no-rule-set-applies", severity=Severity.WARNING, kind="engine",
    message="no rule set checked this document: {reason}",
    summary="The document matches none of the rule sets in use",
    why="Each rule set checks one shape of document (cables, CAPCO-marked or CUI documents). A file "
        "that none of them checks would otherwise pass in silence, and a file with no marking at all "
        "is itself a finding when every document should be marked.",
    fix="Mark the document (a banner such as SECRET//NOFORN or CUI, portion marks), choose the rule set "
        "written for it with --rules, or leave the file out of the paths given to cablelint.",
    ruleset="engine",
)
DID_NOT_FINISH = Rule(
    id="CL003", name="rule-did-not-finish", severity=Severity.ERROR, kind="engine",
    message="{count} rule(s) did not finish on this file: {reason} ({rules})",
    summary="A rule ran out of time on this file and was stopped",
    why="A regular expression in a rule set or a protect list can take exponential time on some "
        "text, and a hostile file can make any rule slow. Each rule has a time limit on each file "
        "(10 s) and each file a budget (60 s plus 30 s per MB), so one file cannot hang an unattended run; the rules "
        "that were stopped are named, never skipped in silence.",
    fix="Rewrite the named rule's regular expression without nested or ambiguous repetition "
        "(e.g. `[^,]*,` instead of `.*?,`), or look at the file: it may not be a cable.",
    ruleset="engine",
)
ENGINE_RULES = {r.id: r for r in (COULD_NOT_RUN, INPUT_ERROR, NO_RULE_SET, DID_NOT_FINISH)}
TIME_BUDGET = 60.0  # seconds per file (parse and rules); rules not run in it are reported by CL003
TIME_PER_MB = 30.0  # more seconds per MB of text: a 10 MB cable is slow, not hostile


def budget(chars: int) -> float:
    """A file's time budget: TIME_BUDGET plus TIME_PER_MB per MB of text."""
    return TIME_BUDGET + TIME_PER_MB * chars / 1_000_000
RULE_TIME_LIMIT = 10.0  # seconds one rule may take on one file (a backtracking regex)
# One rule of a narrowed plan: its position in the rule set's active rules, the
# rule, what is left of its `when:` (conditions.narrow) and its kind's check.
Step = tuple[int, Rule, Plan, Callable[..., Iterable[Hit]]]
SHAPE_NAMES = {"cable": "a State cable", "capco": "a CAPCO-marked document", "cui": "a CUI document"}


class _Fill(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render_message(template: str, values: dict[str, Any]) -> str:
    vals = _Fill({k: ("" if v is None else v) for k, v in values.items()})
    try:
        return template.format_map(vals)
    except (ValueError, IndexError):
        return template


def known_rules(rulesets: Iterable[RuleSet]) -> dict[str, Rule]:
    """Every rule an engine over these rule sets can report, the engine's own
    (CL000-CL003) included; selectors are checked against these."""
    out = dict(ENGINE_RULES)
    for rs in rulesets:
        for r in rs.rules:
            out.setdefault(r.id, r)
    return out


class Engine:
    def __init__(self, rulesets: list[RuleSet], selection: Selection | None = None,
                 date: dt.date | None = None, as_of: dt.date | None = None,
                 options: dict[str, Any] | None = None) -> None:
        self.rulesets = rulesets
        self.selection = selection or Selection()
        self.date = date
        self.as_of = as_of or dt.date.today()
        self.options = options or {}
        vocab = Vocabulary(default_vocabulary_data())
        for rs in rulesets:
            if rs.vocabulary:
                vocab.extend(rs.vocabulary)
        for rs in rulesets:  # after every set's `tag_lists`
            vocab.learn_tags(rs.lists)
        self.vocab = vocab
        # the compiled rule plan: per rule set, its `applies:` and each active rule with its `when:`
        self._plans = [(compile_when(rs.applies), [(r, compile_when(r.when)) for r in rs.rules
                                                   if self.selection.active(r)]) for rs in rulesets]
        self._narrowed: dict[tuple[Any, ...], list[Step]] = {}

    @property
    def rules(self) -> dict[str, Rule]:
        return known_rules(self.rulesets)

    def input_error(self, path: str, message: str, line: int = 1, column: int = 1) -> Finding | None:
        """CL001 for an input that could not be read (missing, binary, mis-encoded):
        made here so severity overrides apply to it as to every rule. `--select`
        never hides it (an unreadable file would pass unnoticed); only ignoring
        CL001 by id or name does. None then."""
        if any(sel in (INPUT_ERROR.id, INPUT_ERROR.name) for sel in self.selection.ignore):
            return None
        return Finding(path=path, rule=INPUT_ERROR.id, name=INPUT_ERROR.name,
                       severity=self._severity(INPUT_ERROR, None), message=message, line=line, column=column,
                       end_line=line, end_column=column + 1)

    def parse(self, source: Source) -> Document:
        """Parse, then resolve the cable's date from the text's evidence and --date."""
        doc = parse(source, self.vocab)
        doc.date = resolve_date(doc.date_evidence, self.date)
        period_dates(doc)  # a DECL period counts from that date
        return doc

    def lint_source(self, source: Source, skip: Callable[[Document], bool] | None = None,
                    seen: Callable[[Document], None] | None = None) -> list[Finding] | None:
        """The findings of one input; None when `skip(document)` says it is not
        one to lint (the session skips text files that are no cable). Reading it
        has the file's time budget: a hostile file must not hang an unattended run.
        `seen(document)` is given the parsed document of one that is linted (the
        HTML report's summary, from this one parse; a list of markings has none)."""
        with timelimit.Alarm() as alarm:  # one timer for the parse and every rule (timelimit.Alarm)
            try:
                alarm.arm(budget(len(source.text)))
                marks = marking_lines(source, self.vocab)
                doc = self.parse(source) if marks is None else None
                alarm.disarm()
            except TimeoutError:
                return [self._unread(source.path, budget(len(source.text)))]
            if marks is not None:  # a list of markings, not a document: only marking-level rules
                return lint_marking_lines(self, source, marks)
            if skip is not None and skip(doc):
                return None
            if seen is not None:
                seen(doc)
            if doc.shape in ("capco", "cui"):  # (pages.py: imported only for these shapes, not for a cable)
                from .pages import lint_paged, pages_of

                pages = pages_of(doc, self.vocab)
                if pages:  # marked page by page: page rules per page, the rest on the whole
                    return lint_paged(self, doc, pages)
            return self.lint_document(doc, alarm=alarm)

    def _unread(self, path: str, seconds: float) -> Finding:
        """CL003 for a file whose reading ran past its budget: no rule ran on it."""
        return Finding(path=path, rule=DID_NOT_FINISH.id, name=DID_NOT_FINISH.name,
                       severity=self._severity(DID_NOT_FINISH, None), line=1, column=1, end_line=1, end_column=2,
                       message=render_message(DID_NOT_FINISH.message, {
                           "count": "all", "reason": f"reading it took longer than {seconds:.3g} s",
                           "rules": "no rule ran"}))

    def lint_document(self, doc: Document, deadline: float | None = None,
                      alarm: timelimit.Alarm | None = None) -> list[Finding]:
        """`alarm`: the caller's, already installed (lint_source); else one for this document."""
        deadline = deadline or time.monotonic() + budget(len(doc.text))
        if alarm is not None:
            return self._lint_document(doc, deadline, alarm)
        with timelimit.Alarm() as own:
            return self._lint_document(doc, deadline, own)

    def _lint_document(self, doc: Document, deadline: float, alarm: timelimit.Alarm) -> list[Finding]:
        findings: list[Finding] = []
        skipped: dict[str, list[str]] = {}
        stopped: dict[str, list[str]] = {}
        applied = False
        items: dict[str, Any] = {}  # targets and scans depend on the document only: shared by the rule sets
        scans: dict[Any, Any] = {}
        for i, (rs, (applies, active)) in enumerate(zip(self.rulesets, self._plans)):
            ctx = Context(doc, self.vocab, rs.lists, rs.eras, self.as_of, self.options, items, _scans=scans)
            try:
                if applies and not holds_plan(applies, ctx):
                    continue
            except CannotRun as exc:
                skipped.setdefault(str(exc), []).append(f"rule set {rs.name}")
                continue
            applied = True
            findings += self._ruleset_findings(doc, ctx, active, self._narrow(i, active, ctx), deadline,
                                               alarm, skipped, stopped)
        findings += self._engine_findings(doc, applied, skipped, stopped)
        findings = fold(findings, show=bool(self.options.get("show_symptoms")))
        findings.sort(key=Finding.sort_key)
        return findings

    def _narrow(self, i: int, active: list[tuple[Rule, Plan]], ctx: Context) -> list[Step]:
        """Rule set `i`'s rules for documents of this shape, level, `partial`
        flag and era, judged once per such kind of document (conditions.narrow):
        the rules that can fire (not switched off by the era), each with its
        position in `active`, what is left of its `when:` and its kind's check."""
        doc, era = ctx.doc, ctx.era
        key = (i, doc.shape, doc.level, doc.partial, era.get("_key", era["name"]) if era else None)
        got = self._narrowed.get(key)
        if got is None:
            if len(self._narrowed) > 256:  # levels come from the vocabulary; a bound all the same
                self._narrowed.clear()
            off = set(era.get("disable") or ()) if era else set()  # the era's switched-off rules: left out
            got = self._narrowed[key] = [
                (pos, rule, rest, KINDS[rule.kind].check) for pos, (rule, when) in enumerate(active)
                if rule.id not in off and (rest := narrow(when, ctx, era is not None)) is not None]
        return got

    def _ruleset_findings(self, doc: Document, ctx: Context, active: list[tuple[Rule, Plan]],
                          plan: list[Step], deadline: float, alarm: timelimit.Alarm,
                          skipped: dict[str, list[str]], stopped: dict[str, list[str]]) -> list[Finding]:
        """One rule set's findings on a document, under the era's switches and
        severities; a rule out of time is named in `stopped`, one that cannot
        run in `skipped`."""
        era_now = ctx.era  # None when the date (or the era) is unknown: rules keep their defaults
        era_off = set(era_now.get("disable") or ()) if era_now else set()
        era_sev = (era_now.get("severity") or {}) if era_now else {}
        superseded: dict[str, list[Span]] = {}
        findings: list[Finding] = []
        monotonic, limit, arm_at = time.monotonic, RULE_TIME_LIMIT, alarm.arm_at
        last = deadline - limit  # before it a rule gets its whole limit: no min() per rule
        for pos, rule, when, check in plan:  # (the era's switched-off rules are not in it: `_narrow`)
            now = monotonic()
            if now >= deadline:
                ids = [r.id for r, _ in active[pos:] if r.id not in era_off]  # `narrow`'s left-outs too
                stopped.setdefault(f"the file's time budget of {budget(len(doc.text)):.3g} s was spent",
                                   []).extend(ids)
                break
            until = now + limit if now < last else deadline
            try:
                alarm.until, alarm.armed = until, True  # `arm_at(until)` in two stores (timelimit.Alarm)
                if alarm.fires is None or alarm.fires > until:
                    arm_at(until)  # the first rule, or one given less time: the timer is set
                try:
                    hits = list(check(rule, rule.params, ctx)) if not when or holds_plan(when, ctx) else None
                    rule_sev = era_sev.get(rule.id) if hits else None
                except CannotRun as exc:
                    hits, rule_sev = self._cannot_run(rule, when, ctx, era_sev.get(rule.id), skipped, exc)
                alarm.armed = False  # alarm.disarm(), without the call
            except TimeoutError:  # a backtracking regex, or a slow rule on a hostile file
                stopped.setdefault("it ran too long", []).append(rule.id)
                continue
            if not hits:
                continue
            for hit in group_hits(hits, grouping(rule.params, ctx), doc.source):
                findings.append(self._rule_finding(doc, ctx, rule, hit, rule_sev))
                for sid in rule.supersedes:
                    superseded.setdefault(sid, []).append(hit.span)
        if superseded:
            findings = [f for f in findings if not any(
                sp.start < max(f.end, f.start + 1) and f.start < max(sp.end, sp.start + 1)
                for sp in superseded.get(f.rule, ()))]
        return findings

    def _rule_finding(self, doc: Document, ctx: Context, rule: Rule, hit: Hit, rule_sev: str | None) -> Finding:
        if "{era" in rule.message and "era" not in hit.values:
            era = ctx.era
            hit.values["era"] = era.get("label", era["name"]) if era else "the cable's era"
        finding = self._finding(doc, rule, hit, rule_sev)
        if rule.autofix is not None:  # the rule's declared fix for this hit
            finding.fix = edit_for(rule.autofix, KINDS[rule.kind], hit, ctx)
        return finding

    def _engine_findings(self, doc: Document, applied: bool, skipped: dict[str, list[str]],
                         stopped: dict[str, list[str]]) -> list[Finding]:
        """The engine's own findings on a document: no rule set applied (CL002),
        rules stopped (CL003), rules that could not run (CL000)."""
        out: list[Finding] = []
        span = doc.banner.span if doc.banner else Span(0, 0)
        if not applied and not skipped and self.rulesets and self.selection.active(NO_RULE_SET):
            out.append(self._finding(doc, NO_RULE_SET, Hit(_first_text(doc), {"reason": self._unchecked(doc)})))
        for reason, ids in stopped.items():
            out.append(self._finding(doc, DID_NOT_FINISH, Hit(span, {
                "count": len(ids), "reason": reason, "rules": ", ".join(ids)})))
        if not self.selection.active(COULD_NOT_RUN):
            return out
        for reason, ids in skipped.items():
            hint = "; give --date YYYY-MM-DD" if "date" in reason else ""
            shown = ", ".join(ids[:8]) + (", ..." if len(ids) > 8 else "")
            out.append(self._finding(doc, COULD_NOT_RUN, Hit(span, {
                "count": len(ids), "reason": reason, "rules": shown, "hint": hint})))
        return out

    def _cannot_run(self, rule: Rule, when: Plan, ctx: Context, rule_sev: str | None,
                    skipped: dict[str, list[str]], exc: CannotRun) -> tuple[list[Hit] | None, str | None]:
        """A rule that raised CannotRun (its `when` or its check needs the date
        or era): the verdict every candidate era agrees on, else None and the
        rule recorded in `skipped`."""
        agreed = self._agree_across_eras(rule, when, ctx)
        if agreed is None:
            skipped.setdefault(str(exc), []).append(rule.id)
            return None, rule_sev
        return agreed

    def _agree_across_eras(self, rule: Rule, when: Plan, ctx: Context) -> tuple[list[Hit], str | None] | None:
        """Only the year is known and it spans eras: run the rule under each era
        the cable may fall in; keep the verdict when every era gives the same
        one (same spans, values and grade), else None (the rule could not run)."""
        eras = ctx.candidate_eras()
        if len(eras) < 2:
            return None
        verdicts = []
        for era in eras:
            c = ctx.replace(_era=era)
            if rule.id in (era.get("disable") or ()):
                verdicts.append(("off",))
                continue
            try:
                if when and not holds_plan(when, c):
                    verdicts.append(((), None))
                    continue
                hits = list(KINDS[rule.kind].check(rule, rule.params, c))
            except CannotRun:
                return None
            verdicts.append((tuple((h.span, tuple(sorted((k, str(v)) for k, v in h.values.items() if k != "era")))
                                   for h in hits), (era.get("severity") or {}).get(rule.id), hits))
        if any(v[:2] != verdicts[0][:2] for v in verdicts):
            return None
        if verdicts[0] == ("off",):
            return [], None
        hits = list(verdicts[0][2]) if len(verdicts[0]) > 2 else []
        if "{era" in rule.message:
            label = " or ".join(e.get("label", e["name"]) for e in eras)
            for h in hits:
                h.values["era"] = label
        return hits, verdicts[0][1]

    def _finding(self, doc: Document, rule: Rule, hit: Hit, era_severity: str | None = None) -> Finding:
        """`era_severity`: the cable era's grade for this rule (a lagging drafter
        graded by era); a severity set by the user's selection still wins."""
        src = doc.source
        region = hit.values.pop("_region", None)  # a diagnosis: its damaged part and the rules it folds (fold.py)
        folds = hit.values.pop("_folds", frozenset())
        stands = hit.values.pop("_stands", None)  # lines where some symptoms stand (fold.py)
        needs = hit.values.pop("_needs_symptom", False)  # reported only with a symptom to explain (fold.py)
        start, end = hit.span.start, max(hit.span.end, hit.span.start)
        line, col = src.line_col(start)
        if end > start:
            eline, ecol = src.line_col(end - 1)
            ecol += 1
        else:
            eline, ecol = line, col + 1
        return Finding(
            path=doc.path, rule=rule.id, name=rule.name, severity=self._severity(rule, era_severity),
            message=render_message(rule.message, quoting.masked(hit.values, quoting.quoted_keys(rule, self.vocab))),
            line=line, column=col, end_line=eline,
            end_column=ecol, start=start, end=end, matched=doc.text[start:end],
            region=(region.start, region.end) if region else None, folds=folds,
            extra={**({"stands": stands} if stands else {}), **({"needs_symptom": True} if needs else {})},
            related=[self._finding(doc, rule, h, era_severity) for h in hit.related],
        )

    def _severity(self, rule: Rule, era_severity: str | None) -> Severity:
        chosen = self.selection.severity_of(rule)
        user_set = rule.id in self.selection.severity or rule.name in self.selection.severity
        if era_severity is None or user_set:
            return chosen
        return Severity.parse(str(era_severity))

    def _unchecked(self, doc: Document) -> str:
        """Why no rule set took the document, for CL002."""
        if doc.shape not in SHAPE_NAMES:
            return ("it carries no classification marking (no banner, portion mark, E.O. line, authority "
                    "block or CUI designation indicator), so it is not recognisably a cable, a CAPCO-marked "
                    "or a CUI document")
        names = ", ".join(rs.name for rs in self.rulesets)
        return f"it is {SHAPE_NAMES[doc.shape]} and the rule sets in use ({names}) are for other documents"


def _first_text(doc: Document) -> Span:
    """The first non-blank line, where a whole-document finding is reported."""
    return Span(*(first_text(doc.source) or (0, 0)))
