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

Fix function (`autofix: {function: reorder}`): the list rewritten in the
required order, each entry moved into an existing slot so the separators
and spacing stay as written.
"""
from __future__ import annotations

from typing import Any, Iterable

from . import Context, Hit, compile_param, norm

KIND = "list_order"
QUOTES = {"expected": "target"}  # another token of the target (quoting.py)
PARAMS = {"target": (str, True), "first": (str, False), "require_first": (bool, False), "sorted": (bool, False),
          "classes": (list, False), "unique": (bool, False)}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    if not any(k in p for k in ("first", "sorted", "unique")):
        raise ValueError("a list_order rule needs `first`, `sorted` or `unique`")
    out = dict(p)
    out["_classes"] = [compile_param(str(c), "classes") for c in p.get("classes", [])]
    return out


def _key(value: str, classes: list) -> tuple[int, str]:
    for i, rx in enumerate(classes):
        if rx.fullmatch(value):
            return i, value
    return len(classes), value


def reordered(toks: list, vals: list[str], first: str | None, p: dict[str, Any], text: str):
    """((start, end), text) of the list in the required order: `first` first,
    then (with `sorted`) the rest by class and alphabet, else as written."""
    order = sorted(range(len(toks)), key=lambda i: (vals[i] != first, _key(vals[i], p["_classes"])
                                                      if p.get("sorted") else i))
    lo, hi = toks[0].span.start, toks[-1].span.end
    out, pos = [], lo
    for slot, i in zip(toks, order):
        out += [text[pos:slot.span.start], text[toks[i].span.start:toks[i].span.end]]
        pos = slot.span.end
    return (lo, hi), "".join(out)


def _reorder(hit: Hit, ctx: Context):
    got = hit.values.get("_reordered")
    return [got] if got else None


FIXES = {"reorder": _reorder}


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    first = norm(p["first"]) if "first" in p else None
    for it in ctx.items(p["target"]):
        toks = [t for t in it.value if getattr(t, "value", None)]
        if not toks:
            continue
        vals = [norm(t.value) for t in toks]
        for hit in _hits(toks, vals, first, it.label, p):
            if hit.values.pop("_order", False):  # the list in order is this hit's fix
                hit.values["_reordered"] = reordered(toks, vals, first, p, ctx.doc.text)
            yield hit


def _hits(toks: list, vals: list[str], first: str | None, where: str, p: dict[str, Any]) -> Iterable[Hit]:
    if first is not None and not p.get("sorted") and not p.get("unique"):
        if first in vals and vals[0] != first:
            t = toks[vals.index(first)]
            yield Hit(t.span, {"value": t.value, "where": where, "expected": p["first"],
                               "problem": f"{p['first']} is not first", "_order": True})
        elif first not in vals and p.get("require_first"):
            yield Hit(toks[0].span, {"value": toks[0].value, "where": where, "expected": p["first"],
                                     "problem": f"{p['first']} is missing"})
    if p.get("sorted"):
        rest = [(t, v) for t, v in zip(toks, vals) if v != first]
        for (pt, pv), (t, v) in zip(rest, rest[1:]):
            if _key(v, p["_classes"]) < _key(pv, p["_classes"]):
                yield Hit(t.span, {"value": t.value, "where": where, "expected": pt.value,
                                   "problem": f"{t.value} should come before {pt.value}", "_order": True})
    if p.get("unique"):
        seen: set[str] = set()
        for t, v in zip(toks, vals):
            if v in seen:
                yield Hit(t.span, {"value": t.value, "where": where, "expected": "",
                                   "problem": f"{t.value} is written twice"})
            seen.add(v)
