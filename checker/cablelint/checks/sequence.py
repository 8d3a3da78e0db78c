"""sequence: numbering that must run 1, 2, 3... without gaps or repeats.

On `paragraphs.numbered` it checks paragraph numbers; on `sections` it checks
`SECTION nn OF mm` banners and `nnn OF mmm` page lines: every number within
its total, one total for the whole cable, banners in order without gaps.
"""
from __future__ import annotations

from typing import Any, Iterable

from . import Context, Hit

KIND = "sequence"
PARAMS = {"target": (str, True), "start": (int, False), "require_all": (bool, False)}


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    items = ctx.items(p["target"])
    if p["target"] == "sections":
        yield from (_missing_sections(items) if p.get("require_all") else _sections(items))
        return
    expected = p.get("start", 1)
    seen: set[int] = set()
    for it in items:
        num = getattr(it.value, "number", it.value)
        if num is None:
            continue
        span = it.value.number_token.span if getattr(it.value, "number_token", None) else it.span
        if num in seen:
            yield Hit(span, {"found": num, "expected": expected, "problem": "repeated"})
        elif num != expected:
            yield Hit(span, {"found": num, "expected": expected,
                             "problem": "skipped" if num > expected else "out of order"})
        seen.add(num)
        expected = max(expected, num + 1)


def _missing_sections(items: list) -> Iterable[Hit]:
    """`require_all`: every section up to the declared total appears (banner or page mark)."""
    if not items:
        return
    total = max(it.value.total for it in items)
    seen = {it.value.number for it in items}
    missing = [n for n in range(1, total + 1) if n not in seen]
    if missing and all(n <= total for n in seen):
        yield Hit(items[0].span, {"total": total, "found": len(seen),
                                  "missing": ", ".join(f"{n:02d}" for n in missing)})


def _sections(items: list) -> Iterable[Hit]:
    totals: dict[int, int] = {}
    for it in items:
        s = it.value
        totals[s.total] = totals.get(s.total, 0) + 1
    main_total = max(totals, key=lambda t: (totals[t], t)) if totals else None
    last_banner = 0
    for it in items:
        s = it.value
        v = {"found": s.number, "total": s.total, "expected": last_banner + 1}
        if s.number < 1 or s.total < 1 or s.number > s.total:
            yield Hit(it.span, {**v, "problem": f"section {s.number} of {s.total} is out of range"})
            continue
        if s.total != main_total:
            yield Hit(it.span, {**v, "problem": f"total {s.total} disagrees with {main_total} elsewhere"})
            continue
        if s.kind == "banner":
            if s.number != last_banner + 1 and s.number != last_banner:
                yield Hit(it.span, {**v, "problem": f"section {s.number} follows section {last_banner}"})
            last_banner = max(last_banner, s.number)
