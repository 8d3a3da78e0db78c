"""count: how many times the target may occur (`min`, `max`)."""
from __future__ import annotations

from typing import Any, Iterable

from .presence import anchor_span
from . import Context, Hit

KIND = "count"
PARAMS = {"target": (str, True), "min": (int, False), "max": (int, False), "anchor": (str, False)}


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    items = ctx.items(p["target"])
    n = len(items)
    if "max" in p and n > p["max"]:
        yield Hit(items[p["max"]].span, {"count": n, "limit": p["max"], "problem": "too many"})
    if "min" in p and n < p["min"]:
        yield Hit(items[0].span if items else anchor_span(ctx, p.get("anchor")),
                  {"count": n, "limit": p["min"], "problem": "too few"})
