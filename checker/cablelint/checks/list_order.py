"""list_order: the entries of each list must come in a set order, once each.

The target's items are lists of Tokens (`rel_to`: the country codes of each
REL TO; `markings.tokens`: the entries of each marking; `markings.categories`:
the category markings of each CUI marking). Each rule makes one check:

- `sorted: true` - the entries must ascend; `classes` (regexes, in order) sort
  by class before the alphabet (trigraphs before tetragraphs, Specified
  categories before Basic ones), entries of no class last; a `first` value is
  left out (its place is the `first` check's business);
- `unique: true` - an entry written twice is reported at its repeat;
- otherwise `first: USA` - that value must come first; with
  `require_first: true` it must also be there at all.
"""
from __future__ import annotations

from typing import Any, Iterable

import regex

from . import Context, Hit, norm

KIND = "list_order"
PARAMS = {"target": (str, True), "first": (str, False), "require_first": (bool, False), "sorted": (bool, False),
          "classes": (list, False), "unique": (bool, False)}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    if not any(k in p for k in ("first", "sorted", "unique")):
        raise ValueError("a list_order rule needs `first`, `sorted` or `unique`")
    out = dict(p)
    try:
        out["_classes"] = [regex.compile(str(c)) for c in p.get("classes", [])]
    except regex.error as exc:
        raise ValueError(f"bad regex in `classes`: {exc}") from None
    return out


def _key(value: str, classes: list) -> tuple[int, str]:
    for i, rx in enumerate(classes):
        if rx.fullmatch(value):
            return i, value
    return len(classes), value


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    first = norm(p["first"]) if "first" in p else None
    for it in ctx.items(p["target"]):
        toks = [t for t in it.value if getattr(t, "value", None)]
        if not toks:
            continue
        vals = [norm(t.value) for t in toks]
        where = it.label
        if first is not None and not p.get("sorted") and not p.get("unique"):
            if first in vals and vals[0] != first:
                t = toks[vals.index(first)]
                yield Hit(t.span, {"value": t.value, "where": where, "expected": p["first"],
                                   "problem": f"{p['first']} is not first"})
            elif first not in vals and p.get("require_first"):
                yield Hit(toks[0].span, {"value": toks[0].value, "where": where, "expected": p["first"],
                                         "problem": f"{p['first']} is missing"})
        if p.get("sorted"):
            rest = [(t, v) for t, v in zip(toks, vals) if v != first]
            for (pt, pv), (t, v) in zip(rest, rest[1:]):
                if _key(v, p["_classes"]) < _key(pv, p["_classes"]):
                    yield Hit(t.span, {"value": t.value, "where": where, "expected": pt.value,
                                       "problem": f"{t.value} should come before {pt.value}"})
        if p.get("unique"):
            seen: set[str] = set()
            for t, v in zip(toks, vals):
                if v in seen:
                    yield Hit(t.span, {"value": t.value, "where": where, "expected": "",
                                       "problem": f"{t.value} is written twice"})
                seen.add(v)
