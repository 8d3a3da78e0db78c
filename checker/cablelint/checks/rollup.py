"""rollup: what a portion carries, the banner must carry too.

`carry` maps a control found in any portion to the banner controls that
satisfy it (EXDIS is satisfied by EXDIS or by NODIS, which outranks it).
Banner controls include the caption lines under a cable banner.
"""
from __future__ import annotations

from typing import Any, Iterable

from . import Context, Hit, norm

KIND = "rollup"
PARAMS = {"target": (str, True), "against": (str, False), "carry": (dict, True)}


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    if not ctx.items("banner"):
        return
    have = {norm(it.value) for it in ctx.items(p.get("against", "banner.controls"))}
    carry = {norm(k): [norm(x) for x in (v if isinstance(v, list) else [v])] for k, v in p["carry"].items()}
    reported: set[str] = set()
    for it in ctx.items(p["target"]):
        controls = getattr(it.value, "controls", [])
        for c in controls:
            name = norm(c.value)
            if name in carry and name not in reported and not (have & set(carry[name])):
                reported.add(name)
                yield Hit(c.span, {"control": c.value, "where": it.label,
                                   "banner": " or ".join(carry[name])})
