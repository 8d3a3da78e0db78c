"""date_window: a date must fall inside a window measured from the cable date
(or from the review date given with --as-of).

`min_days`: at least this many days after the reference date.
`max_years`: at most this many years after it (a number or `era:KEY`).
`unless_exemptions: true` skips a value that carries an exemption code
(X1-X8, 50X1-HUM...), which is how the orders allow a longer duration.
`exemption_years` (a mapping or `era:KEY`) is the finer form: the limit for
a value carrying those codes (`{RDS2: 30, X1: null}`; null = no limit); codes
not in the mapping keep `max_years` (E.O. 12065's GDS date is still 6 years).
When only the year of the cable is known, a window is reported only if it is
broken for every day of that year: cablelint does not guess the date.

A `max_years` hit gives `{years}` (after the reference date) and `{over}`
(past the limit), both measured from the same day, the last of the year when
only the year is known (the figures true for every day of it), so `{years}`
is always the limit plus `{over}`; `{least}` is then "at least " (else empty).
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from ..dates import add_years
from . import CannotRun, Context, Hit

KIND = "date_window"
PARAMS = {
    "target": (str, True),
    "relative_to": (str, False),
    "min_days": (int, False),
    "max_years": ((int, str), False),
    "unless_exemptions": (bool, False),
    "exemption_years": ((dict, str), False),
}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    if p.get("relative_to", "cable_date") not in ("cable_date", "as_of"):
        raise ValueError("`relative_to` must be cable_date or as_of")
    if "min_days" not in p and "max_years" not in p:
        raise ValueError("a date_window rule needs `min_days` or `max_years`")
    return p


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    items = [it for it in ctx.items(p["target"]) if isinstance(it.value, dt.date)]
    if not items:
        return
    if p.get("relative_to", "cable_date") == "as_of":
        lo = hi = ctx.as_of
    else:
        lo, hi = ctx.require_date()
    max_years = p.get("max_years")
    if max_years is not None:
        max_years = ctx.value(max_years)
        if max_years is not None and not isinstance(max_years, int):
            raise CannotRun(f"max_years is not a number ({max_years!r})")
    ref = lo.isoformat() if lo == hi else str(lo.year)  # the date compared, not always the cable's
    by_code = _exemption_years(p, ctx)
    for it in items:
        codes = [t.value for t in getattr(it.obj, "exemptions", None) or []]
        if p.get("unless_exemptions") and codes:
            continue
        limit = max_years
        mapped = [by_code[c.upper()] for c in codes if c.upper() in by_code]
        if mapped:
            limit = None if any(m is None for m in mapped) else max(mapped)
        v: dt.date = it.value
        if "min_days" in p and v < lo + dt.timedelta(days=p["min_days"]):
            yield Hit(it.span, {"value": v.isoformat(), "date": ref, "problem": "before",
                                "limit": p["min_days"]})
        elif limit is not None and v > add_years(hi, limit):
            over = (v - add_years(hi, limit)).days
            extra = f" with {', '.join(codes)}" if mapped else ""
            yield Hit(it.span, {"value": v.isoformat(), "date": ref, "problem": "after",
                                "limit": f"{limit} years{extra}", "over": _overshoot(over),
                                "years": round(limit + round(over / 365.25, 1), 1),
                                "least": "" if lo == hi else "at least "})


def _overshoot(days: int) -> str:
    """How far past the limit, in the unit a reader weighs it by: '25.0 years' alone hides a one-day slip."""
    if days < 62:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 730:
        return f"{round(days / 30.44)} months"
    return f"{round(days / 365.25, 1)} years"


def _exemption_years(p: dict[str, Any], ctx: Context) -> dict[str, int | None]:
    spec = p.get("exemption_years")
    if spec is None:
        return {}
    table = ctx.value(spec)
    if not isinstance(table, dict):
        raise CannotRun(f"exemption_years is not a mapping ({table!r})")
    out: dict[str, int | None] = {}
    for k, v in table.items():
        if v is not None and (not isinstance(v, int) or isinstance(v, bool)):
            raise CannotRun(f"exemption_years: {k} must map to a number of years or null, not {v!r}")
        out[str(k).upper()] = v
    return out
