"""pattern: the target's text must match `match`, and must not contain `forbid`.

Both regexes run on the exact text under the target's span, so a `forbid`
hit is reported at the offending characters.
"""
from __future__ import annotations

from typing import Any, Iterable

import regex

from ..document import Span
from . import compile_param, Context, Hit

KIND = "pattern"
PARAMS = {"target": (str, True), "match": (str, False), "forbid": (str, False), "ignore_case": (bool, False),
          # the flagged text is a name to protect (CL608): masked in every output,
          # never hashed nor baselined (baseline.protected_rules)
          "protected": (bool, False)}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    if "match" not in p and "forbid" not in p:
        raise ValueError("a pattern rule needs `match` or `forbid`")
    flags = regex.IGNORECASE if p.get("ignore_case") else 0
    out = dict(p)
    for key in ("match", "forbid"):
        if key in p:
            out["_" + key] = compile_param(p[key], key, flags)
    return out


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    text = ctx.doc.text
    for it in ctx.items(p["target"]):
        raw = text[it.span.start:it.span.end]
        if "_match" in p and not p["_match"].search(raw):
            yield Hit(it.span, {"value": raw.strip(), "where": it.label})
        if "_forbid" in p:
            for m in p["_forbid"].finditer(raw):
                if m.end() > m.start():
                    yield Hit(Span(it.span.start + m.start(), it.span.start + m.end()),
                              {"value": m.group(0), "where": it.label})
