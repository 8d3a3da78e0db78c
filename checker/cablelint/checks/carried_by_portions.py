"""carried_by_portions: a banner control stands only when every portion that
counts carries one of the controls that support it.

`rollup` reads upward (what a portion carries, the banner must carry); this
kind reads downward, for the foreign disclosure and release (FD&R) markings of
CAPCO D.2 Table 3, where the banner's marking is what all the portions share:
a REL TO banner needs a REL TO on every classified portion (a classified
portion with no FD&R marking, or with RELIDO alone, makes the banner NOFORN:
rules 10, 12, 16), a DISPLAY ONLY banner needs DISPLAY ONLY or REL TO on each
(rules 18-20, 26), a RELIDO banner RELIDO on each portion with an FD&R marking
(rules 10, 18, 24).

`control`: the banner control the rule is about; `need`: the portion controls
that support it; `skip`: portions carrying one of these are left to another
rule (a NOFORN portion: the banner must be NOFORN, CL708); `counts`: an
unclassified portion counts only when it carries one of these (Table 3: an
unclassified portion with no FD&R marking is not used in the roll-up);
`classified_count: false` lets a classified portion count on the same terms
(RELIDO beside portions with no FD&R marking is left to the originator, rule 17).
"""
from __future__ import annotations

from typing import Any, Iterable

from . import Context, Hit, norm

KIND = "carried_by_portions"
PARAMS = {"target": (str, True), "control": (str, True), "need": (list, True), "skip": (list, False),
          "counts": (list, False), "classified_count": (bool, False)}


def _names(marking: Any) -> set[str]:
    return {norm(c.value) for c in getattr(marking, "controls", [])}


def counts(marking: Any, p: dict[str, Any], ctx: Context) -> bool:
    """Whether this portion takes part in the banner's FD&R roll-up."""
    have = _names(marking)
    if have & {norm(s) for s in p.get("skip", [])}:
        return False
    if p.get("classified_count", True) and ctx.vocab.is_classified(marking.level):
        return True
    return bool(have & {norm(c) for c in p.get("counts", [])})


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    want = norm(p["control"])
    if not any(norm(c.value) == want for c in ctx.items("banner.controls")):
        return
    need = {norm(n) for n in p["need"]}
    for it in ctx.items(p["target"]):
        mk = it.value
        if counts(mk, p, ctx) and not (_names(mk) & need):
            yield Hit(it.span, {"where": it.label, "control": p["control"], "need": " or ".join(p["need"])})
