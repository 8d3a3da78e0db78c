"""placeholder_length: a placeholder's length must not give away what it hides.

Only placeholders that fullmatch `match` (runs of X) carry a length.
`standard` lists the fixed lengths that never leak (12 for the WikiLeaks
XXXXXXXXXXXX); the protect list's own X placeholders count as standard too.

mode `vary`: runs of different lengths in one cable are reported, each run
whose length differs from the standard one used in the cable (or, when the
cable uses none, from its most common length).
mode `protected`: a run of non-standard length equal to the length of a
protected term (as written in the protect list) is reported; this mode needs a
protect list.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable


from . import compile_param, Context, Hit
from .protected_terms import protect_list

KIND = "placeholder_length"
PARAMS = {"target": (str, True), "match": (str, True), "standard": (list, False), "mode": (str, True)}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    if p["mode"] not in ("vary", "protected"):
        raise ValueError("`mode` must be vary or protected")
    if not all(isinstance(n, int) and n > 0 for n in p.get("standard", [])):
        raise ValueError("`standard` must list whole numbers")
    out = dict(p)
    out["_match"] = compile_param(p["match"], "match")
    return out


def needs_protect_list(p: dict[str, Any]) -> bool:
    """`mode: protected` measures against the protect list's terms (protected_terms.needs_protect_list)."""
    return p.get("mode") == "protected"


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    text = ctx.doc.text
    runs = [it for it in ctx.items(p["target"]) if p["_match"].fullmatch(text, it.span.start, it.span.end)]
    standard = set(p.get("standard", []))
    if p["mode"] == "protected":
        plist = protect_list(ctx)
        standard |= {len(ph) for ph in plist.placeholders if p["_match"].fullmatch(ph)}
        lengths: dict[int, str] = {}
        for e in plist.terms:
            lengths.setdefault(len(e.text), e.origin)
        for it in runs:
            n = it.span.end - it.span.start
            if n not in standard and n in lengths:
                yield Hit(it.span, {"length": n, "origin": lengths[n]})
        return
    if len(runs) < 2:
        return
    counts = Counter(it.span.end - it.span.start for it in runs)
    if len(counts) < 2:
        return
    used_standard = [n for n in counts if n in standard]
    ref = max(used_standard, key=lambda n: counts[n]) if used_standard else counts.most_common(1)[0][0]
    for it in runs:
        n = it.span.end - it.span.start
        if n != ref:
            yield Hit(it.span, {"length": n, "reference": ref})
