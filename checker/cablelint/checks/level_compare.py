"""level_compare: a marking's level compared with another's, by the rank the
vocabulary gives each level (U < C < S < TS).

Typical use: no portion above the banner (`op: le`, `against: banner`).
`against_highest: true` compares with the highest level among the `against`
items (a banner above every portion is over-classified: `target: banner`,
`against: portions`); items of unknown level are left out of it.
Markings whose level the vocabulary does not know are left to vocabulary rules.

Fix function (`autofix: {function: raise_reference}`): the reference
marking's level word (and the bottom banner's, when the reference is the
banner and the bottom banner says the same) rewritten as the highest level
found above it, letter-spaced where it was (S E C R E T). Never safe: the
portion mark may be the wrong one; and not offered at all when the cable has
an ACP-127 transmission line (ZNY CCCCC), which is independent evidence of
the level it was sent at.
"""
from __future__ import annotations

import operator
from typing import Any, Iterable

from . import Context, Hit, level_of

KIND = "level_compare"
PARAMS = {"target": (str, True), "against": (str, False), "op": (str, False), "against_highest": (bool, False)}
OPS = {"le": operator.le, "lt": operator.lt, "ge": operator.ge, "gt": operator.gt, "eq": operator.eq}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    if p.get("op", "le") not in OPS:
        raise ValueError(f"`op` must be one of {', '.join(OPS)}")
    return p


def _reference(against: list, ctx: Context, highest: bool) -> tuple[Any, int | None]:
    """The level to compare with: the first item's, or the highest known one."""
    if not highest:
        lvl = level_of(against[0])
        return lvl, ctx.level_rank(lvl)
    ranked = [(r, level_of(it)) for it in against if (r := ctx.level_rank(level_of(it))) is not None]
    if not ranked:
        return None, None
    r, lvl = max(ranked, key=lambda x: x[0])
    return lvl, r


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    against = ctx.items(p.get("against", "banner"))
    if not against:
        return
    ref_level, ref = _reference(against, ctx, p.get("against_highest", False))
    if ref is None:
        return
    op, rank = OPS[p.get("op", "le")], ctx.vocab.rank  # (ctx.level_rank without its call)
    over = [(it, lvl) for it in ctx.items(p["target"])
            if (r := rank(lvl := level_of(it))) is not None and not op(r, ref)]
    if not over:
        return
    top = max((lvl for _, lvl in over), key=ctx.level_rank)
    raised = _raised(ctx, against[0].value, ref_level, top)
    for it, lvl in over:
        raw = getattr(it.value, "raw", lvl)
        yield Hit(it.span, {"level": lvl, "value": raw, "banner": ref_level, "where": it.label, "_raise": raised})


def _raised(ctx: Context, ref: Any, ref_level: str | None, top: str) -> list | None:
    """Edits writing `top` over the reference marking's level word (and the
    bottom banner's, when it repeats the banner's level)."""
    header = ctx.doc.header
    if header is not None and header.security is not None:
        return None
    marks = [ref] + ([ctx.doc.footer] if ref is ctx.doc.banner and ctx.doc.footer is not None
                     and ctx.doc.footer.level == ref_level else [])
    out = []
    for m in marks:
        tok = getattr(m, "level_token", None)
        if tok is None:
            return None
        out.append(((tok.span.start, tok.span.end), " ".join(top) if getattr(m, "spaced", False) else top))
    return out


FIXES = {"raise_reference": lambda hit, ctx: hit.values.get("_raise")}
