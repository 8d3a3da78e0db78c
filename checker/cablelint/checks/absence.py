"""absence: the target must not be there (Classified By on an unclassified cable).

`hints` (optional) is a list of `{match: REGEX, hint: TEXT}`: the first whose
regex matches a value gives the message's `{hint}`, with the match's groups
expanded (`\\1`), the likely meant form of a mark written oddly
("(S-NF)": a hyphen where '/' belongs); no match, no hint.
"""
from __future__ import annotations

from typing import Any, Iterable

from . import Context, Hit, compile_param

KIND = "absence"
PARAMS = {"target": (str, True), "hints": (list, False)}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    out = dict(p)
    hints = []
    for h in p.get("hints") or ():
        if not isinstance(h, dict) or set(h) != {"match", "hint"}:
            raise ValueError("each of `hints` is {match: REGEX, hint: TEXT}")
        hints.append((compile_param(h["match"], "hints"), str(h["hint"])))
    out["_hints"] = hints
    return out


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    hints = p.get("_hints") or ()
    for it in ctx.items(p["target"]):
        values = {"value": it.value, "where": it.label}
        if hints:
            values["hint"] = next((m.expand(h) for rx_, h in hints if (m := rx_.search(str(it.value)))), "")
        yield Hit(it.span, values)
