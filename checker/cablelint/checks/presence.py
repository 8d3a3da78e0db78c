"""presence: the target must be there (a banner, an E.O. line, TAGS...)."""
from __future__ import annotations

from typing import Any, Iterable

from ..document import Span
from . import Context, Hit

KIND = "presence"
PARAMS = {"target": (str, True), "anchor": (str, False)}


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    if ctx.items(p["target"]):
        return
    yield Hit(anchor_span(ctx, p.get("anchor")), {"target": p["target"]})


def anchor_span(ctx: Context, anchor: str | None) -> Span:
    """Where to report something missing: the anchor element, else line 1."""
    for name in ([anchor] if anchor else []) + ["banner"]:
        items = ctx.items(name)
        if items:
            return items[0].span
    src = ctx.doc.source
    for line in range(1, src.line_count + 1):
        text = src.line_text(line)
        if text.strip():
            s, e = src.line_span(line)
            lead = len(text) - len(text.lstrip())
            return Span(s + lead, e)
    return Span(0, 0)
