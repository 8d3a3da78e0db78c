"""subset: every value of the target must also be found in the `against` items.

`mode: any` (default): in at least one of them, so with no `against` item at
all every value is reported (a portion's Specified CUI category missing from
the banner). `mode: all`: in each of them, so with no `against` item nothing
is (a country of the banner's REL TO that is not in every REL TO portion).
An `against` item's value may be one value or a list. `pattern` limits the
check to target values that match it (`SP-.*`). `expand` maps a value to
the values it stands for (REL TO USA, FVEY stands for AUS, CAN, GBR, NZL:
CAPCO Table 3 rule 23 allows the expansion in a REL TO roll-up), on both sides.
"""
from __future__ import annotations

from typing import Any, Iterable

from . import Context, Hit, compile_param, norm

KIND = "subset"
PARAMS = {"target": (str, True), "against": (str, True), "mode": (str, False), "pattern": (str, False),
          "expand": (dict, False)}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    if p.get("mode", "any") not in ("any", "all"):
        raise ValueError("`mode` must be any or all")
    out = dict(p)
    out["_pattern"] = compile_param(p["pattern"], "pattern") if "pattern" in p else None
    return out


def _members(value: Any, expand: dict[str, set[str]]) -> set[str]:
    vals = value if isinstance(value, (list, tuple, set)) else [value]
    got = {norm(getattr(v, "value", v)) for v in vals}
    return got.union(*(expand.get(v, set()) for v in got))


def _within(v: str, members: set[str], expand: dict[str, set[str]]) -> bool:
    """`v` is among the members, or stands for values that all are."""
    return v in members or (v in expand and expand[v] <= members)


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    items = ctx.items(p["target"])
    if not items:
        return
    expand = {norm(k): {norm(x) for x in v} for k, v in (p.get("expand") or {}).items()}
    groups = [(a, _members(a.value, expand)) for a in ctx.items(p["against"])]
    every = p.get("mode", "any") == "all"
    for it in items:
        v = norm(it.value)
        if p["_pattern"] is not None and not p["_pattern"].fullmatch(v):
            continue
        if every:
            lacking = next((a for a, m in groups if not _within(v, m, expand)), None)
            if lacking is not None:
                yield Hit(it.span, {"value": it.value, "where": it.label, "other": lacking.label})
        elif not any(_within(v, m, expand) for _, m in groups):
            yield Hit(it.span, {"value": it.value, "where": it.label,
                                "other": groups[0][0].label if groups else p["against"]})
