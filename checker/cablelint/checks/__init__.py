"""The closed set of generic check kinds that YAML rules configure.

Each kind is a small module with:

- ``KIND``: the name a rule gives as ``kind:``;
- ``PARAMS``: ``{param: (type or tuple of types, required)}``, validated by
  the rule-set loader so that a typo is an error with its file and line;
- ``prepare(params) -> object``: compile regexes once, when the rule set loads;
- ``check(rule, prepared, ctx) -> Iterable[Hit]``: inspect the parsed
  document through ``ctx`` and yield one Hit per violation.

Domain knowledge never lives here: vocabularies, eras, limits and messages
come from the rule set.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from typing import Any

import regex

from ..document import Document, Span
from ..prefilter import Prefiltered
from ..records import Record
from ..rx import user_pattern
from ..targets import LINE_TARGETS, Item, lines_holding, resolve
from ..vocabulary import Vocabulary


def compile_param(pattern: str, key: str, flags: int = 0) -> "regex.Pattern[str]":
    """A rule's regex parameter, compiled when the rule set loads (a shipped
    set's on first use: rx.user_pattern); a bad one is a ValueError the loader
    reports with the rule's file and line."""
    try:
        return user_pattern(pattern, flags)  # type: ignore[return-value]  # a Deferred stands in for it
    except regex.error as exc:
        raise ValueError(f"bad regex in `{key}`: {exc}") from None


class CannotRun(Exception):
    """A rule that needs something the document does not give (its date, its era)."""


class Hit(Record):
    """One place a kind flags. A plain value class, not a @dataclass
    (records.py says why)."""

    __slots__ = ("span", "values", "related")
    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's

    def __init__(self, span: Span, values: dict[str, Any] | None = None, related: list[Hit] | None = None) -> None:
        self.span = span
        self.values = {} if values is None else values
        self.related = [] if related is None else related  # the same cause at other places (group_hits)


GROUPS = ("line", "value", "document")


def grouping(params: dict[str, Any], ctx: "Context") -> str | None:
    """The rule's `group:` for this document: none when a target named in
    `group_if_absent` has items (the hits are then separate slips, not one
    cause: a cable with marked paragraphs and one unmarked among them)."""
    by = params.get("group")
    if by and any(ctx.items(t) for t in params.get("group_if_absent") or ()):
        return None
    return by


def group_hits(hits: list[Hit], by: str | None, src: Any) -> list[Hit]:
    """One cause, one finding: a rule's `group: line|value|document` keeps the
    first hit of each line, value or document and lists the others as its
    related locations, counted in the message's `{more}` (a lower-cased TAGS
    line is one finding, not one per TAG; a banner one level too low is one
    finding, not one per paragraph above it). Without `group`, hits are kept."""
    if not by:
        for h in hits:  # a rule whose grouping is off for this document (`group_if_absent`)
            h.values.setdefault("more", "")
        return hits
    groups: dict[Any, list[Hit]] = {}
    for h in hits:
        key = (src.line_col(h.span.start)[0] if by == "line" else
               norm(h.values.get("value", "")) if by == "value" else None)
        groups.setdefault(key, []).append(h)
    out = []
    for first, *rest in groups.values():
        first.related = rest
        for h in rest:
            h.values.setdefault("more", "")
        first.values["more"] = _more(rest, by, src)
        out.append(first)
    return out


def _more(rest: list[Hit], by: str, src: Any) -> str:
    if not rest:
        return ""
    n = len(rest)
    if by == "line":
        return f"; {n} more on this line"
    lines = sorted({src.line_col(h.span.start)[0] for h in rest})
    shown = ", ".join(map(str, lines[:8])) + (", ..." if len(lines) > 8 else "")
    return f"; {n} more like it (line{'s' if len(lines) > 1 else ''} {shown})"


class Context:
    """What a kind may look at for one document under one rule set; every
    derived value (targets, regex scans, eras) is computed once per document
    and shared by the rules that ask for it. A plain class, not a @dataclass
    (records.py says why)."""

    def __init__(self, doc: Document, vocab: Vocabulary, lists: dict[str, Any], eras: list[dict[str, Any]],
                 as_of: dt.date, options: dict[str, Any] | None = None, _items: dict[str, list[Item]] | None = None,
                 _era: Any = None, _scans: dict[tuple[str, int, bool], Any] | None = None,
                 _eras_on: dict[dt.date, Any] | None = None) -> None:
        self.doc, self.vocab, self.lists, self.eras, self.as_of = doc, vocab, lists, eras, as_of
        self.options = {} if options is None else options
        self._items = {} if _items is None else _items
        self._era = _era
        self._scans = {} if _scans is None else _scans
        self._eras_on = {} if _eras_on is None else _eras_on
        # verdicts of `when:` conditions (conditions.holds_plan); not copied by
        # `replace`, so a context under another era judges afresh
        self.held: dict[Any, Any] = {}

    def replace(self, **changes: Any) -> Context:
        """A copy with `changes` (as dataclasses.replace made it: the caches
        shared, `held` new)."""
        given = {"doc": self.doc, "vocab": self.vocab, "lists": self.lists, "eras": self.eras, "as_of": self.as_of,
                 "options": self.options, "_items": self._items, "_era": self._era, "_scans": self._scans,
                 "_eras_on": self._eras_on}
        return Context(**{**given, **changes})

    def items(self, target: str) -> list[Item]:
        got = self._items.get(target)
        if got is None:
            fn = resolve(target)
            if fn is None:
                raise ValueError(f"unknown target {target!r}")
            got = self._items[target] = fn(self.doc)
        return got

    def items_holding(self, target: str, starts: list[int]) -> list[Item]:
        """The target's items (in text order) in whose span one of `starts`
        (where matches start, in text order) is. A line target not built yet is not
        built whole: only the lines holding a match are (targets.lines_holding)."""
        if target in LINE_TARGETS and target not in self._items:
            return lines_holding(self.doc, starts, LINE_TARGETS[target])
        out = []
        for it in self.items(target):
            k = bisect_left(starts, it.span.start)
            if k < len(starts) and starts[k] < max(it.span.end, it.span.start + 1):
                out.append(it)
        return out

    def matches(self, rx: regex.Pattern) -> list[regex.Match]:
        """Every match of `rx` in the whole text, scanned once per document:
        rules configured with the same regex (the release set's exemption code
        in CL602-CL604) share one scan instead of each re-reading the text."""
        key = (rx.pattern, rx.flags, True)
        got = self._scans.get(key)
        if got is None:
            got = self._scans[key] = list(rx.finditer(self.doc.text))
        return got

    def match_starts(self, pre: Prefiltered) -> list[int]:
        """Where the matches of `pre` (a prefilter.Prefiltered) start in the
        whole text, found once per document: a text without its literals is
        not scanned, and a plain string is found with `find` (`pre.starts`)."""
        key = (pre.rx.pattern, pre.folded, "starts")  # (the pattern kind's one flag is IGNORECASE: `folded`)
        got = self._scans.get(key)
        if got is None:
            src = self.doc.source
            got = self._scans[key] = pre.starts(src.text, src.low()) if pre.possible(src.text, src.low()) else []
        return got

    def search(self, rx: regex.Pattern) -> regex.Match | None:
        """The first match of `rx` in the whole text, also scanned once per
        document (the declassification stamp of CL602 and CL609)."""
        every = self._scans.get((rx.pattern, rx.flags, True))
        if every is not None:
            return every[0] if every else None
        key = (rx.pattern, rx.flags, False)
        if key not in self._scans:
            self._scans[key] = rx.search(self.doc.text)
        return self._scans[key]

    @property
    def date_range(self) -> tuple[dt.date, dt.date] | None:
        """The cable date as a range: a day, or a whole year when only the year is known."""
        d = self.doc.date
        if d.value is None:
            return None
        if d.source == "filename-year":
            return dt.date(d.value.year, 1, 1), dt.date(d.value.year, 12, 31)
        return d.value, d.value

    def require_date(self) -> tuple[dt.date, dt.date]:
        r = self.date_range
        if r is None:
            raise CannotRun("the cable date is unknown")
        return r

    @property
    def era(self) -> dict[str, Any] | None:
        if self._era is None:
            self._era = self._find_era() or {}
        return self._era or None

    def _find_era(self) -> dict[str, Any] | None:
        r = self.date_range
        return _era_in(self.eras, *r) if r is not None else None

    def era_on(self, day: dt.date) -> dict[str, Any] | None:
        """The era in force on `day`, grace windows applied (None: no era
        covers it). The cable's own era is `era`; this is for other dates."""
        if day not in self._eras_on:
            self._eras_on[day] = _era_in(self.eras, day, day)
        return self._eras_on[day]

    def require_era(self, at: str = "date") -> dict[str, Any]:
        """The era of the cable's date (`at="date"`) or of the release date
        (`at="as_of"`: a withholding is judged by the order in force at
        review), or CannotRun saying why there is none."""
        if at == "as_of":
            era = self.era_on(self.as_of)
            if era is None:
                raise CannotRun(f"the release date {self.as_of.isoformat()} falls in no era of the rule set")
            return era
        if at != "date":
            raise ValueError(f"era at {at!r}: use 'date' or 'as_of'")
        if self.date_range is None:
            raise CannotRun("the cable date is unknown")
        era = self.era
        if era is None:
            raise CannotRun("the cable date does not fall in one era (only its year is known)")
        return era

    def value(self, spec: Any, at: str = "date") -> Any:
        """Resolve a parameter: `era:KEY` (of the era `at` the cable's date or
        the release date, see require_era), `list:NAME`, or a literal."""
        if isinstance(spec, str):
            if spec.startswith("era:"):
                key = spec[4:]
                era = self.require_era(at)
                if key not in era:
                    raise CannotRun(f"era {era.get('name')} defines no {key!r}")
                return era[key]
            if spec.startswith("list:"):
                return self.lists[spec[5:]]
        return spec

    def candidate_eras(self) -> list[dict[str, Any]]:
        """When only the year is known and it spans eras (or grace windows):
        every era the cable may fall in, each as it applies on some day of
        the year. The engine runs a rule under each and keeps the verdict only
        when they all agree."""
        r = self.date_range
        if r is None or r[0] == r[1]:
            return []
        lo, hi = r
        days = {lo, hi}
        for era in self.eras:
            for d in [era["_from"], era["_to"]] + [g[k] for g in era.get("_grace") or () for k in ("_from", "_until")]:
                if lo < d <= hi:
                    days |= {d, d - dt.timedelta(days=1)}
        out: list[dict[str, Any]] = []
        for d in sorted(days):
            e = _era_in(self.eras, d, d)
            if e is not None and all(e.get("_key", e["name"]) != o.get("_key", o["name"]) for o in out):
                out.append(e)
        return out

    def level_rank(self, level: str | None) -> int | None:
        return self.vocab.rank(level)


def _era_in(eras: list[dict[str, Any]], lo: dt.date, hi: dt.date) -> dict[str, Any] | None:
    """The era holding the whole range [lo, hi], with its grace windows applied."""
    for era in eras:
        if era["_from"] <= lo and hi < era["_to"]:
            return with_grace(era, lo, hi)
    return None


def with_grace(era: dict[str, Any], lo: dt.date, hi: dt.date) -> dict[str, Any] | None:
    """The era as it applies to a cable dated [lo, hi].

    An era's `grace` windows are transition periods (old forms still accepted,
    a lagging drafter graded more gently): inside one, its keys replace the
    era's (`severity` maps are merged). A date range that only partly overlaps
    a window is ambiguous, so the era is unknown rather than guessed.
    """
    active = []
    for i, g in enumerate(era.get("_grace") or ()):
        if g["_from"] <= lo and hi < g["_until"]:
            active.append(i)
        elif g["_from"] <= hi and lo < g["_until"]:
            return None
    if not active:
        return era
    merged = dict(era)
    for i in active:
        for k, v in era["_grace"][i].items():
            if k.startswith("_") or k in ("from", "until", "note"):
                continue
            merged[k] = {**merged.get(k, {}), **v} if k == "severity" else v
    merged["_key"] = f"{era['name']}+grace{'.'.join(map(str, active))}"
    return merged


def level_of(item: Item) -> str | None:
    v = item.value
    return getattr(v, "level", v if isinstance(v, str) else None)


def norm(text: Any) -> str:
    """Upper case, blanks collapsed: how values are compared. A document asks
    for the same few strings over and over (each TAG by several rules, each
    control by every condition), so strings are kept once normalised."""
    if type(text) is str:
        got = _NORMS.get(text)
        if got is None:
            if len(_NORMS) >= _NORMS_KEPT:
                _NORMS.clear()
            got = _NORMS[text] = " ".join(text.upper().split())
        return got
    return " ".join(str(text).upper().split())


_NORMS: dict[str, str] = {}
_NORMS_KEPT = 50_000  # TAGS, controls, levels: a corpus has a few thousand distinct ones
