"""`when:` conditions (and a rule set's `applies:`): one registry used by the
loader, which checks each condition's type, and by the engine, which
evaluates it. A new condition is one entry here.

    CONDITIONS[key] = (YAML type, predicate(want, ctx) -> bool)

A predicate may raise CannotRun (the date or era is unknown); the engine
reports that as CL000, never silently.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Hashable

from .checks import CannotRun, Context, norm
from .prefilter import Anywhere

Predicate = Callable[[Any, Context], bool]


def _classified(want: bool, ctx: Context) -> bool:
    # No banner: the level is unknown, neither classified nor unclassified.
    level = ctx.doc.level
    return level is not None and ctx.vocab.is_classified(level) == want


def _era_in(want: list, ctx: Context) -> bool:
    return ctx.require_era()["name"] in want


def _date_from(want: dt.date, ctx: Context) -> bool:
    lo, hi = ctx.require_date()
    if hi < want:
        return False
    if lo < want <= hi:
        raise CannotRun("only the year of the cable is known and a date limit falls inside it")
    return True


def _date_before(want: dt.date, ctx: Context) -> bool:
    lo, hi = ctx.require_date()
    if lo >= want:
        return False
    if lo < want <= hi:
        raise CannotRun("only the year of the cable is known and a date limit falls inside it")
    return True


def _any_of(have: set[str], want: frozenset[str]) -> bool:
    return not have.isdisjoint(want)


CONDITIONS: dict[str, tuple[Any, Predicate]] = {
    "classified": (bool, _classified),
    "levels": (list, lambda want, ctx: norm(ctx.doc.level or "") in want),
    "shape": (list, lambda want, ctx: ctx.doc.shape in want),
    "eras": (list, _era_in),
    "not_eras": (list, lambda want, ctx: not _era_in(want, ctx)),
    "date_from": ((str, dt.date), _date_from),
    "date_before": ((str, dt.date), _date_before),
    "present": (list, lambda want, ctx: all(ctx.items(t) for t in want)),
    "absent": (list, lambda want, ctx: not any(ctx.items(t) for t in want)),
    "controls_any": (list, lambda want, ctx: _any_of({norm(i.value) for i in ctx.items("banner.controls")}, want)),
    "portion_controls_any": (list, lambda want, ctx: _any_of(
        {norm(c.value) for i in ctx.items("portions") for c in i.value.controls}, want)),
    "portion_controls_none": (list, lambda want, ctx: not _any_of(
        {norm(c.value) for i in ctx.items("portions") for c in i.value.controls}, want)),
    "era_flag": (str, lambda want, ctx: bool(ctx.require_era().get(want))),
    "partial": (bool, lambda want, ctx: ctx.doc.partial == want),
    # The run is a release review (the `release` rule set is in use): the
    # default run's release warnings stay silent where the release set errs.
    "release": (bool, lambda want, ctx: bool(ctx.options.get("release")) == want),
    # A notice or stamp anywhere in the text ("Classified by compilation",
    # "THIS DOCUMENT CONTAINS GBR INFORMATION"): one shared scan per document.
    "text_has": (str, lambda want, ctx: want.found_in(ctx.doc.text, ctx.doc.source.low)),
    "text_lacks": (str, lambda want, ctx: not want.found_in(ctx.doc.text, ctx.doc.source.low)),
}
WHEN_KEYS: dict[str, Any] = {k: typ for k, (typ, _) in CONDITIONS.items()}

# The YAML value as a predicate takes it, made once per rule rather than on
# every document: word lists normalised into sets, regexes compiled.
_PREPARE: dict[str, Callable[[Any], Any]] = {
    "levels": lambda want: frozenset(norm(x) for x in want),
    "controls_any": lambda want: frozenset(norm(x) for x in want),
    "portion_controls_any": lambda want: frozenset(norm(x) for x in want),
    "text_has": Anywhere,  # compiled when a document first reaches the condition, alternative by alternative
    "text_lacks": Anywhere,
}

# A compiled `when:` mapping: (key, prepared value, cache key) per condition, in order.
Plan = tuple[tuple[str, Any, Hashable], ...]


def compile_when(when: dict[str, Any] | None) -> Plan:
    """A `when:` (or `applies:`) mapping made ready to evaluate: values
    prepared once, and a cache key per condition so that rules sharing a
    condition (a dozen say `classified: true`) evaluate it once per document."""
    out = []
    for key, want in (when or {}).items():
        frozen = tuple(want) if isinstance(want, list) else want
        out.append((key, _PREPARE.get(key, _same)(want), (key, frozen)))
    return tuple(out)


def _same(want: Any) -> Any:
    return want


# Conditions judged by the document's shape, level and `partial` flag and the
# run's options alone, never raising CannotRun: the engine judges them once
# per kind of document (`narrow`), not once per rule and document.
STATIC = frozenset({"classified", "levels", "shape", "partial", "release"})
# Conditions judged by the cable's era alone: static too among documents of one known era
# (`narrow(..., era_known=True)`); with the era unknown they raise CannotRun, so they stay.
ERA_STATIC = frozenset({"eras", "not_eras", "era_flag"})


def narrow(plan: Plan, ctx: Context, era_known: bool = False) -> Plan | None:
    """The plan for documents like ctx's (same shape, level, `partial`, and
    era when `era_known`): None when a static condition is false before any
    other could raise CannotRun (the rule cannot fire), else the plan without
    its true static conditions, so that holds_plan gives the same verdict or
    CannotRun."""
    rest = []
    for key, want, ck in plan:
        if key in STATIC or (era_known and key in ERA_STATIC):
            if CONDITIONS[key][1](want, ctx):
                continue
            if not rest:
                return None
        rest.append((key, want, ck))
    return tuple(rest)


def holds_plan(plan: Plan, ctx: Context) -> bool:
    """Every condition of a compiled `when:` holds; each condition's verdict
    (or the CannotRun it raised) is kept in `ctx.held` for the other rules.
    Conditions are evaluated in order and the first false one stops, as
    `holds` does, so the same CannotRun is raised in the same cases."""
    held = ctx.held
    for key, want, ck in plan:
        got = held.get(ck)
        if got is None:
            try:
                got = bool(CONDITIONS[key][1](want, ctx))
            except CannotRun as exc:
                got = exc
            held[ck] = got
        if got is False:
            return False
        if got is not True:
            raise CannotRun(*got.args)
    return True


def holds(when: dict[str, Any], ctx: Context) -> bool:
    """Every condition of a `when:` (or `applies:`) mapping holds for this document."""
    return holds_plan(compile_when(when), ctx)
