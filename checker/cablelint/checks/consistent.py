"""consistent: every item of the target must be of the same style.

`classes` maps a style name to a regex; an item's style is the first class
that matches at the item's position (lookbehinds see the text before it,
so an exemption code written right after a placeholder can be left out of
a class). Items of no class are ignored. Each item whose style differs from
the first item's is reported.
"""
from __future__ import annotations

from typing import Any, Iterable

import regex

from ..rx import user_pattern
from . import Context, Hit

KIND = "consistent"
PARAMS = {"target": (str, True), "classes": (dict, True)}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    out = dict(p)
    if len(p["classes"]) < 2:
        raise ValueError("`classes` needs at least two styles")
    compiled = []
    for name, rx in p["classes"].items():
        try:
            compiled.append((str(name), user_pattern(str(rx))))
        except regex.error as exc:
            raise ValueError(f"bad regex for class {name!r}: {exc}") from None
    out["_classes"] = compiled
    return out


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    text = ctx.doc.text
    first: tuple[str, int] | None = None
    for it in ctx.items(p["target"]):
        style = next((name for name, rx in p["_classes"]
                      if rx.fullmatch(text, it.span.start, it.span.end)), None)
        if style is None:
            continue
        if first is None:
            first = (style, ctx.doc.source.line_col(it.span.start)[0])
        elif style != first[0]:
            yield Hit(it.span, {"style": style, "first": first[0], "first_line": first[1], "where": it.label})
