"""cooccurrence: controls that must not stand together, that need another,
or that are only allowed with some levels, within one marking.

Each marking the target gives is judged on its own: `portions` or
`markings` mark by mark; `banner.with_captions` the banner together with
its caption lines.
`exclusive: [[NODIS, EXDIS]]`, `requires: {EXDIS: [NOFORN]}`,
`levels: {FOUO: [UNCLASSIFIED], ORCON: [CONFIDENTIAL, SECRET, TOP SECRET]}`.
"""
from __future__ import annotations

from typing import Any, Iterable

from . import Context, Hit, norm

KIND = "cooccurrence"
PARAMS = {"target": (str, True), "exclusive": (list, False), "requires": (dict, False), "levels": (dict, False)}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    if not any(k in p for k in ("exclusive", "requires", "levels")):
        raise ValueError("a cooccurrence rule needs `exclusive`, `requires` or `levels`")
    return p


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    for it in ctx.items(p["target"]):
        mk = it.value
        names = {norm(c.value): c for c in getattr(mk, "controls", [])}
        level = getattr(mk, "level", None)
        for group in p.get("exclusive", []):
            present = [names[norm(g)] for g in group if norm(g) in names]
            if len(present) > 1:
                yield Hit(present[-1].span, {"value": " and ".join(c.value for c in present), "where": it.label,
                                             "problem": "together"})
        for ctl, needs in (p.get("requires") or {}).items():
            needs = needs if isinstance(needs, list) else [needs]
            if norm(ctl) in names and not any(norm(n) in names for n in needs):
                yield Hit(names[norm(ctl)].span, {"value": ctl, "needs": " or ".join(needs), "where": it.label,
                                                   "problem": "requires"})
        for ctl, lvls in (p.get("levels") or {}).items():
            if norm(ctl) in names and level and norm(level) not in {norm(x) for x in lvls}:
                yield Hit(names[norm(ctl)].span, {"value": ctl, "level": level, "allowed": ", ".join(lvls),
                                                   "where": it.label, "problem": "level"})
