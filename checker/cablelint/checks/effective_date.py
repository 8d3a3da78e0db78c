"""effective_date: a value that names something with a start date (an
executive order) must not appear on a document dated before that start.

`table` maps each value to the date it took effect.
"""
from __future__ import annotations

from typing import Any, Iterable

from ..dates import parse_date
from . import Context, Hit, norm

KIND = "effective_date"
PARAMS = {"target": (str, True), "table": (dict, True)}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    out = dict(p)
    table = {}
    for k, v in p["table"].items():
        try:
            table[norm(k)] = parse_date(v)
        except ValueError:
            raise ValueError(f"table value for {k!r} is not a date (YYYY-MM-DD)") from None
    out["_table"] = table
    return out


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    items = ctx.items(p["target"])
    if not items:
        return
    lo, hi = ctx.require_date()
    for it in items:
        start = p["_table"].get(norm(it.value))
        if start and hi < start:
            yield Hit(it.span, {"value": it.value, "effective": start.isoformat(),
                                "date": lo.isoformat() if lo == hi else str(lo.year)})
