"""contains: the document text must contain a match of `match` somewhere
(a declassification stamp, a release line); otherwise one hit at `anchor`.

The regex runs over the whole text (MULTILINE: `^` and `$` match at line
breaks), so it can span wrapped lines (write `\\s+` between words).
"""
from __future__ import annotations

from typing import Any, Iterable

import regex

from . import Context, Hit
from .presence import anchor_span

KIND = "contains"
PARAMS = {"match": (str, True), "ignore_case": (bool, False), "anchor": (str, False)}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    out = dict(p)
    try:
        flags = regex.MULTILINE | (regex.IGNORECASE if p.get("ignore_case") else 0)
        out["_match"] = regex.compile(p["match"], flags)
    except regex.error as exc:
        raise ValueError(f"bad regex in `match`: {exc}") from None
    return out


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    if ctx.search(p["_match"]):  # shared with other rules of the set that search the same regex
        return
    yield Hit(anchor_span(ctx, p.get("anchor")), {})
