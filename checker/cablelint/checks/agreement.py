"""agreement: two parts of the document must agree through a table, e.g. the
transmission line `ZNY CCCCC` goes with a CONFIDENTIAL banner.

`map` maps a target value to the values of `against` it allows; a target
value missing from the map is not judged. Without `map` the two must be
written the same (white space aside): a bottom banner repeats the top one.
"""
from __future__ import annotations

from typing import Any, Iterable

from . import Context, Hit, level_of, norm

KIND = "agreement"
PARAMS = {"target": (str, True), "against": (str, True), "map": (dict, False)}
# Message values taken from a parameter's items (quoting.py masks them when
# that target is the cable's own words): `other` is against's text.
QUOTES = {"other": "against", "expected": "against"}


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    against = ctx.items(p["against"])
    if not against:
        return
    if "map" not in p:
        text = ctx.doc.text
        want = " ".join(text[against[0].span.start:against[0].span.end].split())
        for it in ctx.items(p["target"]):
            got = " ".join(text[it.span.start:it.span.end].split())
            if got != want:
                yield Hit(it.span, {"value": got, "other": want, "expected": want, "where": it.label})
        return
    other = level_of(against[0]) or str(against[0].value)
    table = {norm(k): {norm(x) for x in (v if isinstance(v, list) else [v])} for k, v in p["map"].items()}
    for it in ctx.items(p["target"]):
        allowed = table.get(norm(it.value))
        if allowed is not None and norm(other) not in allowed:
            yield Hit(it.span, {"value": it.value, "other": other,
                                "expected": " or ".join(sorted(allowed))})
