"""absence: the target must not be there (Classified By on an unclassified cable)."""
from __future__ import annotations

from typing import Any, Iterable

from . import Context, Hit

KIND = "absence"
PARAMS = {"target": (str, True)}


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    for it in ctx.items(p["target"]):
        yield Hit(it.span, {"value": it.value, "where": it.label})
