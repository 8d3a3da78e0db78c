"""pattern: the target's text must match `match`, and must not contain `forbid`.

Both regexes run on the exact text under the target's span, so a `forbid`
hit is reported at the offending characters; the named groups of a `forbid`
match are the hit's values too (for the message and an `autofix` template).

`requires` (with `forbid` only) is a cheap regex that every `forbid` hit's
item must also contain: it is scanned once over the whole text (shared by
the rules that give the same one), and `forbid` runs only on the items it
found. It is how an expensive line pattern (a name before "(protect)", a
number after "passport") costs a literal search on the other lines; the
rule set's examples and tests/test_release.py check that it hides nothing.
"""
from __future__ import annotations

from typing import Any, Iterable

import regex

from ..document import Span
from . import compile_param, Context, Hit

KIND = "pattern"
PARAMS = {"target": (str, True), "match": (str, False), "forbid": (str, False), "ignore_case": (bool, False),
          "requires": (str, False),
          # the flagged text is a name to protect (CL608): masked in every output,
          # never hashed nor baselined (baseline.protected_rules)
          "protected": (bool, False)}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    if "match" not in p and "forbid" not in p:
        raise ValueError("a pattern rule needs `match` or `forbid`")
    if "requires" in p and "match" in p:
        raise ValueError("`requires` narrows `forbid` only: with `match`, an item without it would pass unseen")
    flags = regex.IGNORECASE if p.get("ignore_case") else 0
    out = dict(p)
    for key in ("match", "forbid", "requires"):
        if key in p:
            out["_" + key] = compile_param(p[key], key, flags)
    return out


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    text = ctx.doc.text
    if "_requires" in p:
        found = ctx.matches(p["_requires"])
        items = ctx.items_holding(p["target"], found) if found else []
    else:
        items = ctx.items(p["target"])
    for it in items:
        raw = text[it.span.start:it.span.end]
        if "_match" in p and not p["_match"].search(raw):
            yield Hit(it.span, {"value": raw.strip(), "where": it.label})
        if "_forbid" in p:
            for m in p["_forbid"].finditer(raw):
                if m.end() > m.start():
                    groups = {k: v for k, v in m.groupdict().items() if v is not None}
                    yield Hit(Span(it.span.start + m.start(), it.span.start + m.end()),
                              {**groups, "value": m.group(0), "where": it.label})
