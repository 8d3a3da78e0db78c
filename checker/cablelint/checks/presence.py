"""presence: the target must be there (a banner, an E.O. line, TAGS...)."""
from __future__ import annotations

from typing import Any, Iterable

from ..document import Span
from ..source import first_text
from . import Context, Hit

KIND = "presence"
PARAMS = {"target": (str, True), "anchor": (str, False)}


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    if ctx.items(p["target"]):
        return
    yield Hit(anchor_span(ctx, p.get("anchor")), {"target": p["target"]})


def anchor_span(ctx: Context, anchor: str | None) -> Span:
    """Where to report something missing: the anchor element, else the first line of text."""
    for name in ([anchor] if anchor else []) + ["banner"]:
        items = ctx.items(name)
        if items:
            return items[0].span
    found = first_text(ctx.doc.source)
    return Span(*found) if found else Span(0, 0)
