"""subset: every value of the target must also be found in the `against` items.

`mode: any` (default): in at least one of them, so with no `against` item at
all every value is reported (a portion's Specified CUI category missing from
the banner). `mode: all`: in each of them, so with no `against` item nothing
is (a country of the banner's REL TO that is not in every REL TO portion).
An `against` item's value may be one value or a list. `pattern` limits the
check to target values that match it (`SP-.*`).
"""
from __future__ import annotations

from typing import Any, Iterable

import regex

from . import Context, Hit, norm

KIND = "subset"
PARAMS = {"target": (str, True), "against": (str, True), "mode": (str, False), "pattern": (str, False)}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    if p.get("mode", "any") not in ("any", "all"):
        raise ValueError("`mode` must be any or all")
    out = dict(p)
    try:
        out["_pattern"] = regex.compile(p["pattern"]) if "pattern" in p else None
    except regex.error as exc:
        raise ValueError(f"bad regex in `pattern`: {exc}") from None
    return out


def _members(value: Any) -> set[str]:
    vals = value if isinstance(value, (list, tuple, set)) else [value]
    return {norm(getattr(v, "value", v)) for v in vals}


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    items = ctx.items(p["target"])
    if not items:
        return
    groups = [(a, _members(a.value)) for a in ctx.items(p["against"])]
    every = p.get("mode", "any") == "all"
    for it in items:
        v = norm(it.value)
        if p["_pattern"] is not None and not p["_pattern"].fullmatch(v):
            continue
        if every:
            lacking = next((a for a, m in groups if v not in m), None)
            if lacking is not None:
                yield Hit(it.span, {"value": it.value, "where": it.label, "other": lacking.label})
        elif not any(v in m for _, m in groups):
            yield Hit(it.span, {"value": it.value, "where": it.label,
                                "other": groups[0][0].label if groups else p["against"]})
