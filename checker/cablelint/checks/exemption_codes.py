"""exemption_codes: FOIA exemption annotations on a released document must
be well formed (B1..B9 / (b)(1)..(b)(9), B7 with its subparagraph, B3 with
its statute, B1 with a classification category valid on the release date).

`code` is a regex (compiled MULTILINE) with the named groups `n` (the
exemption number) and optionally `sub` (the (A)-(F) subparagraph),
`section` and `letters` (the 1.4/1.5 category) and `statute`. What counts
as valid is rule data: `valid` numbers, `subparagraphs` ({7: [A..F]}),
`statute` (numbers that must cite one), `category` (numbers that need a
category), with `sections`/`letters` as literals or `era:KEY`, where the
era is that of the release date (--as-of; `ctx.value(.., at="as_of")`, grace
windows included), not the cable's: a withholding is justified under the
order in force at review.
`checks` chooses which problems this rule reports:
number, subparagraph, statute, category.
"""
from __future__ import annotations

from typing import Any, Iterable

import regex

from ..document import Span
from . import compile_param, Context, Hit
from ..rx import rx

KIND = "exemption_codes"
PARAMS = {
    "code": (str, True),
    "checks": (list, True),
    "valid": (list, False),
    "subparagraphs": (dict, False),
    "statute": (list, False),
    "category": (list, False),
    "sections": ((list, str), False),
    "letters": ((list, str), False),
}
CHECKS = ("number", "subparagraph", "statute", "category")
_LETTER = rx(r"(?<![A-Za-z])[A-Za-z](?![A-Za-z])")


def compile_code(p: dict[str, Any]) -> regex.Pattern:
    rx = compile_param(p["code"], "code", regex.MULTILINE)
    if "n" not in rx.groupindex:
        raise ValueError("`code` needs a named group `n` (the exemption number)")
    return rx


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    bad = [c for c in p["checks"] if c not in CHECKS]
    if bad or not p["checks"]:
        raise ValueError(f"`checks` lists some of: {', '.join(CHECKS)}")
    out = dict(p)
    out["_code"] = compile_code(p)
    out["_subs"] = {int(k): {str(x).upper() for x in v} for k, v in (p.get("subparagraphs") or {}).items()}
    return out


def codes(ctx: Context, rx: regex.Pattern) -> list[regex.Match]:
    """The exemption annotations of the document, found once per document
    (CL602, CL603 and CL604 give the same `code` and share the scan)."""
    return [m for m in ctx.matches(rx) if m.group("n")]


def group(m: regex.Match, name: str) -> str | None:
    return m.group(name) if name in m.re.groupindex else None


def _allowed(ctx: Context, spec: Any) -> list[str] | None:
    """`sections`/`letters` as lower-case strings, `era:KEY` taken from the
    era of the release date."""
    if spec is None:
        return None
    spec = ctx.value(spec, at="as_of")
    return [str(x).lower() for x in (spec if isinstance(spec, list) else [spec])]


def category_problem(m: regex.Match, ctx: Context, sections: Any, letters: Any) -> str | None:
    """Why the 1.4/1.5 category of a code is not valid on the release date
    (None when it is)."""
    sec, lets = group(m, "section"), group(m, "letters")
    if not sec or not lets:
        return "gives no classification category such as 1.4(d)"
    era = ctx.require_era(at="as_of")
    allowed_secs, allowed_lets = _allowed(ctx, sections), _allowed(ctx, letters)
    if allowed_secs is not None and sec not in allowed_secs:
        return f"cites section {sec}, which {era.get('label', era['name'])} does not use"
    found = [x.lower() for x in _LETTER.findall(lets)]
    if allowed_lets is not None:
        wrong = [x for x in found if x not in allowed_lets]
        if wrong:
            return f"cites category {sec}({wrong[0]}), which {era.get('label', era['name'])} does not have"
    return None


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    valid = {int(x) for x in p.get("valid", range(1, 10))}
    checks = set(p["checks"])
    for m in codes(ctx, p["_code"]):
        n = int(m.group("n"))
        span = Span(m.start(), m.end())
        code = f"B{n}"
        problem = None
        if "number" in checks and n not in valid:
            problem = f"{code} is not a FOIA exemption (B1-B9)"
        elif n in valid:
            sub = (group(m, "sub") or "").upper()
            if "subparagraph" in checks and n in p["_subs"] and sub not in p["_subs"][n]:
                problem = (f"{code} needs its subparagraph, one of ({')('.join(sorted(p['_subs'][n]))})"
                           if not sub else f"{code}({sub}) is not a subparagraph of {code}")
            elif "statute" in checks and n in p.get("statute", []) and not group(m, "statute"):
                problem = f"{code} should cite the statute that exempts the text"
            elif "category" in checks and n in p.get("category", []):
                why = category_problem(m, ctx, p.get("sections"), p.get("letters"))
                if why:
                    problem = f"{code} {why}"
        if problem:
            yield Hit(span, {"code": code, "problem": problem})
