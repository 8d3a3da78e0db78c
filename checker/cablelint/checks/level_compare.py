"""level_compare: a marking's level compared with another's, by the rank the
vocabulary gives each level (U < C < S < TS).

Typical use: no portion above the banner (`op: le`, `against: banner`).
`against_highest: true` compares with the highest level among the `against`
items (a banner above every portion is over-classified: `target: banner`,
`against: portions`); items of unknown level are left out of it.
Markings whose level the vocabulary does not know are left to vocabulary rules.
"""
from __future__ import annotations

import operator
from typing import Any, Iterable

from . import Context, Hit, level_of

KIND = "level_compare"
PARAMS = {"target": (str, True), "against": (str, False), "op": (str, False), "against_highest": (bool, False)}
OPS = {"le": operator.le, "lt": operator.lt, "ge": operator.ge, "gt": operator.gt, "eq": operator.eq}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    if p.get("op", "le") not in OPS:
        raise ValueError(f"`op` must be one of {', '.join(OPS)}")
    return p


def _reference(against: list, ctx: Context, highest: bool) -> tuple[Any, int | None]:
    """The level to compare with: the first item's, or the highest known one."""
    if not highest:
        lvl = level_of(against[0])
        return lvl, ctx.level_rank(lvl)
    ranked = [(r, level_of(it)) for it in against if (r := ctx.level_rank(level_of(it))) is not None]
    if not ranked:
        return None, None
    r, lvl = max(ranked, key=lambda x: x[0])
    return lvl, r


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    against = ctx.items(p.get("against", "banner"))
    if not against:
        return
    ref_level, ref = _reference(against, ctx, p.get("against_highest", False))
    if ref is None:
        return
    op = OPS[p.get("op", "le")]
    for it in ctx.items(p["target"]):
        lvl = level_of(it)
        r = ctx.level_rank(lvl)
        if r is None or op(r, ref):
            continue
        raw = getattr(it.value, "raw", lvl)
        yield Hit(it.span, {"level": lvl, "value": raw, "banner": ref_level, "where": it.label})
