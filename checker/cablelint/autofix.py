"""Fixes as data: what a rule's `autofix:` block says, and the one edit it
makes for one finding.

A rule declares its fix in YAML, next to its message:

    autofix: {replace: "{suggestion}", safe: false}        # a template over the finding's span
    autofix: {function: sorted_list, safe: true}           # a fix function of the rule's check kind
    autofix: {replace: "{text}", safe: true, require: {text: '[A-Z]{2,6}'}}

A template is filled with the values the check kind gave the finding (the
same ones its message uses) plus `{matched}` (the text under the span);
`{name|upper}`, `|lower`, `|strip`, `|nospace`, `|first` (the first word:
"RS" of "RS (Russia)") and `|pad2` (a number to two digits) transform a value (chained: `{mark|nospace|upper}`);
`|year4` reads the cable's date (DOC_FILTERS): a two-digit year made four
digits, only where the cable's own date makes the century certain. `require` maps a value
to a regex it must match in full, or the finding gets no fix (CL720 suggests
"REL TO USA, [LIST]" for REL: a hint for a person, not a replacement).
A function is looked up in the kind module's `FIXES` mapping and returns the
edits (a list of ((start, end), text)) or None; it is for fixes a template
cannot say (a list reordered in place, paragraphs renumbered).

`safe: true` means the fixed text is certain and the meaning unchanged
(applied by `--fix`); an unsafe fix needs a person's eye (`--unsafe-fixes`).
"""
from __future__ import annotations

from typing import Any, Callable

import regex

from .findings import Edit, Fix, edit_where  # noqa: F401 - the values a fix makes (re-exported: autofix.Fix)
from .records import FrozenRecord, set_field
from .rx import rx, user_pattern

FIX_KEYS = {"replace", "function", "safe", "require"}
_FIELD = rx(r"\{(\w+)((?:\|\w+)*)\}")
FILTERS: dict[str, Callable[[str], str]] = {"upper": str.upper, "lower": str.lower, "strip": str.strip,
                                           "nospace": lambda s: "".join(s.split()),
                                           "first": lambda s: (s.split() or [""])[0], "pad2": lambda s: s.zfill(2)}
# How far after the cable's year a two-digit DECL year may be read: a DECL
# date lies after the cable's date, 10 or 25 years out by the orders, 50 with a
# 25X code (E.O. 13526 sec. 1.5, 3.3). The window is under 100 years wide, so
# a year read in it has one century only.
YEAR4_SPAN = 50


def _year4(text: str, ctx: Any) -> str | None:
    """A two-digit year as four digits, or None when the century is not
    certain: the cable's date is unknown, or the year the parser reads
    (dating.two_digit_year) does not fall between the cable's year and
    YEAR4_SPAN years after it (a DECL date before the cable: a person looks).
    Writing the parser's own reading keeps the meaning cablelint checked."""
    if len(text) == 4 and text.isdigit():
        return text
    rng = ctx.date_range if len(text) == 2 and text.isdigit() else None
    if rng is None:
        return None
    from .parse.dating import two_digit_year  # here: findings (with their fixes) unpickle without the parser

    year = two_digit_year(int(text))
    return str(year) if rng[0].year <= year <= rng[1].year + YEAR4_SPAN else None


# Filters that need the document (the cable's date): (text, ctx) -> text, or None for no certain fix.
DOC_FILTERS: dict[str, Callable[[str, Any], str | None]] = {"year4": _year4}


class FixSpec(FrozenRecord):
    """A rule's declared fix: exactly one of `replace` (template) or `function`.
    A plain frozen value, not a @dataclass (records.py says why)."""

    __slots__ = ("safe", "replace", "function", "require")

    def __init__(self, safe: bool, replace: str | None = None, function: str | None = None,
                 require: tuple[tuple[str, Any], ...] = ()) -> None:  # require: (value name, compiled regex)
        set_field(self, "safe", safe)
        set_field(self, "replace", replace)
        set_field(self, "function", function)
        set_field(self, "require", require)

    def describe(self) -> str:
        """One line for `cablelint rule ID` and the catalogue."""
        how = f"replace the span with `{self.replace}`" if self.replace is not None else \
            f"fix function `{self.function}` of the check kind"
        cond = "".join(f"; only when {{{k}}} matches `{rx.pattern}`" for k, rx in self.require)
        return f"{'safe' if self.safe else 'unsafe (--unsafe-fixes)'}: {how}{cond}"


def parse_spec(raw: Any, kind: Any, fail: Callable[[str], Exception]) -> FixSpec:
    """Validate a rule's `autofix:` mapping (the loader's one hook). `kind` is
    the rule's check-kind module (its `FIXES` name the fix functions);
    `fail(message)` builds the loader's file:line error."""
    if not isinstance(raw, dict):
        raise fail("`autofix` must be a mapping: {replace: TEMPLATE, safe: BOOL} or {function: NAME, safe: BOOL}")
    unknown = sorted(set(raw) - FIX_KEYS)
    if unknown:
        raise fail(f"`autofix`: unknown key `{unknown[0]}` (allowed: {', '.join(sorted(FIX_KEYS))})")
    if not isinstance(raw.get("safe"), bool):
        raise fail("`autofix` needs `safe: true` or `safe: false` (is the fixed text certain?)")
    if ("replace" in raw) == ("function" in raw):
        raise fail("`autofix` takes exactly one of `replace` (a template) or `function` (a fix of the kind)")
    if "replace" in raw:
        if not isinstance(raw["replace"], str):
            raise fail("`autofix.replace` must be text (a template such as \"{suggestion}\")")
        bad = [f for _, fs in _FIELD.findall(raw["replace"]) for f in fs.split("|")[1:]
               if f not in FILTERS and f not in DOC_FILTERS]
        if bad:
            names = ", ".join(sorted([*FILTERS, *DOC_FILTERS]))
            raise fail(f"`autofix.replace`: unknown filter `{bad[0]}` (filters: {names})")
    fixes = getattr(kind, "FIXES", {})
    if "function" in raw and raw["function"] not in fixes:
        names = ", ".join(sorted(fixes)) or "none"
        raise fail(f"`autofix.function`: kind {kind.KIND} has no fix {raw['function']!r} (it has: {names})")
    return FixSpec(safe=raw["safe"], replace=raw.get("replace"), function=raw.get("function"),
                   require=_require(raw.get("require") or {}, fail))


def _require(raw: Any, fail: Callable[[str], Exception]) -> tuple[tuple[str, Any], ...]:
    if not isinstance(raw, dict):
        raise fail("`autofix.require` maps a value name to a regex it must match")
    out = []
    for k, pat in raw.items():
        try:
            out.append((str(k), user_pattern(str(pat))))
        except regex.error as exc:
            raise fail(f"`autofix.require.{k}`: bad regex: {exc}") from None
    return tuple(out)


def render(template: str, values: dict[str, Any], ctx: Any = None) -> str | None:
    """The template filled in; None when it names a value the finding lacks,
    or a document filter finds no certain value (a fix is never a guess)."""
    missing = False

    def one(m: regex.Match) -> str:
        nonlocal missing
        text = values.get(m[1])
        for name in m[2].split("|")[1:]:
            if text is None:
                break
            text = FILTERS[name](str(text)) if name in FILTERS else DOC_FILTERS[name](str(text), ctx)
        if text is None:
            missing = True
            return ""
        return str(text)

    out = _FIELD.sub(one, template)
    return None if missing else out


def edit_for(spec: FixSpec, kind: Any, hit: Any, ctx: Any) -> Fix | None:
    """The fix of one hit of a rule, or None when this hit has no certain fix
    (a required value does not match, a value is missing, the fix would
    change nothing)."""
    span = hit.span
    values = {**hit.values, "matched": ctx.doc.text[span.start:span.end]}
    for key, rx in spec.require:
        if key not in values or not rx.fullmatch(str(values[key])):
            return None
    if spec.function is not None:
        made = kind.FIXES[spec.function](hit, ctx)
        if not made:
            return None
    else:
        text = render(spec.replace or "", values, ctx)
        if text is None:
            return None
        made = [((span.start, span.end), text)]
    text = ctx.doc.text
    edits = tuple(sorted((Edit(s, e, t) for (s, e), t in made if text[s:e] != t), key=lambda e: (e.start, e.end)))
    if any(b.start < a.end for a, b in zip(edits, edits[1:])):
        return None  # edits of one fix that overlap: a bug in the fix, never applied
    return Fix(edits, spec.safe) if edits else None
