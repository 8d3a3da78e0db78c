"""date_window: a date must fall inside a window measured from the cable date
(or from the review date given with --as-of).

`min_days`: at least this many days after the reference date.
`max_years`: at most this many years after it (a number or `era:KEY`).
`unless_exemptions: true` skips a value that carries an exemption code
(X1-X8, 50X1-HUM...), which is how the orders allow a longer duration.
When only the year of the cable is known, a window is reported only if it is
broken for every day of that year: cablelint does not guess the date.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from . import CannotRun, Context, Hit

KIND = "date_window"
PARAMS = {
    "target": (str, True),
    "relative_to": (str, False),
    "min_days": (int, False),
    "max_years": ((int, str), False),
    "unless_exemptions": (bool, False),
}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    if p.get("relative_to", "cable_date") not in ("cable_date", "as_of"):
        raise ValueError("`relative_to` must be cable_date or as_of")
    if "min_days" not in p and "max_years" not in p:
        raise ValueError("a date_window rule needs `min_days` or `max_years`")
    return p


def add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


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
    ref = ctx.doc.date.value.isoformat() if ctx.doc.date.value and lo == hi else str(lo.year)
    for it in items:
        if p.get("unless_exemptions") and getattr(it.obj, "exemptions", None):
            continue
        v: dt.date = it.value
        if "min_days" in p and v < lo + dt.timedelta(days=p["min_days"]):
            yield Hit(it.span, {"value": v.isoformat(), "date": ref, "problem": "before",
                                "limit": p["min_days"]})
        elif max_years is not None and v > add_years(hi, max_years):
            years = round((v - lo).days / 365.25, 1)
            yield Hit(it.span, {"value": v.isoformat(), "date": ref, "problem": "after",
                                "limit": max_years, "years": years})
