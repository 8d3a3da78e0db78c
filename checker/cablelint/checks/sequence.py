"""sequence: numbering that must run 1, 2, 3... without gaps or repeats.

By default each item is a number (or has a `number`, as paragraphs do).
With `totals: true` each item is an `n OF m` mark (`SECTION nn OF mm` banners
and `nnn OF mmm` page lines): every number within its total, one total for
the whole document, and the marks of kind `banner` in order without gaps
(page lines repeat on every page); `require_all: true` instead reports the
numbers up to the total that never appear.

Plain numbering re-synchronises after a break (see `_breaks`), so one cause
is one finding; `group: document` keeps only the first break and lists the
later ones as its related locations.
"""
from __future__ import annotations

from typing import Any, Iterable

from . import Context, Hit

KIND = "sequence"
PARAMS = {"target": (str, True), "start": (int, False), "totals": (bool, False), "require_all": (bool, False)}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    if p.get("require_all") and not p.get("totals"):
        raise ValueError("`require_all` needs `totals: true` (it compares the numbers with their total)")
    if p.get("totals") and "start" in p:
        raise ValueError("`start` is for plain numbering; `n OF m` marks start at 1")
    return p


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    items = ctx.items(p["target"])
    if p.get("totals"):
        items = [it for it in items if getattr(it.value, "total", None) is not None]
        yield from (_missing_sections(items) if p.get("require_all") else _sections(items))
        return
    yield from _breaks(items, p.get("start", 1))


def _breaks(items: list, start: int) -> Iterable[Hit]:
    """One Hit per break in the numbering, re-synchronised after each: the
    numbers go on from the one found (a gap is reported once, not at every
    later number), and a run that restarts (a nested list, a repeated copy)
    ends silently when the numbering it interrupted resumes."""
    expected, outer = start, None
    seen: set[int] = set()
    for it in items:
        num = getattr(it.value, "number", it.value)
        if num is None:
            continue
        span = it.value.number_token.span if getattr(it.value, "number_token", None) else it.span
        if num in (expected, outer):
            outer = outer if num == expected else None  # a nested run goes on, or the outer numbering resumes
            expected = num + 1
            seen.add(num)
            continue
        problem = "repeated" if num in seen else ("skipped" if num > expected else "out of order")
        yield Hit(span, {"found": num, "expected": expected, "problem": problem})
        if num < expected and outer is None:
            outer = expected  # the interrupted numbering, should it resume
        seen.add(num)
        expected = num + 1


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
        if getattr(s, "kind", "banner") == "banner":
            if s.number != last_banner + 1 and s.number != last_banner:
                yield Hit(it.span, {**v, "problem": f"section {s.number} follows section {last_banner}"})
            last_banner = max(last_banner, s.number)
