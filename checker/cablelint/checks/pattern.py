"""pattern: the target's text must match `match`, and must not contain `forbid`.

Both regexes run on the exact text under the target's span, so a `forbid`
hit is reported at the offending characters; the named groups of a `forbid`
match are the hit's values too (for the message and an `autofix` template).

`requires` (with `forbid` only) is a cheap regex that every `forbid` hit's
item must also contain: it is scanned once over the whole text (shared by
the rules that give the same one), and `forbid` runs only on the items it
found. It is how an expensive line pattern (a name before "(protect)", a
number after "passport") costs a literal search on the other lines; the
rule set's examples and tests/test_release.py check that it hides nothing.
"""
from __future__ import annotations

from typing import Any, Iterable

import regex

from ..document import Span
from ..prefilter import prefiltered
from . import compile_param, Context, Hit

KIND = "pattern"
PARAMS = {"target": (str, True), "match": (str, False), "forbid": (str, False), "ignore_case": (bool, False),
          "requires": (str, False),
          # the flagged text is a name to protect (CL608): masked in every output,
          # never hashed nor baselined (baseline.protected_rules)
          "protected": (bool, False)}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    if "match" not in p and "forbid" not in p:
        raise ValueError("a pattern rule needs `match` or `forbid`")
    if "requires" in p and "match" in p:
        raise ValueError("`requires` narrows `forbid` only: with `match`, an item without it would pass unseen")
    flags = regex.IGNORECASE if p.get("ignore_case") else 0
    out = dict(p)
    for key in ("match", "forbid", "requires"):
        if key in p:
            out["_" + key] = compile_param(p[key], key, flags)
    if "requires" in p:  # its literal pre-check and, for a plain string (`\](#\)`), `find` (Prefiltered.starts)
        out["_requires"] = prefiltered(out["_requires"])
    if "forbid" in p and at_start_only(p["forbid"], out["_forbid"]):
        out["_forbid_at_start"] = True
    return out


def at_start_only(pattern: str, rx: "regex.Pattern[str]") -> bool:
    """Every match of `rx` starts at the text's start (`^` first, outside any
    alternation, without multi-line mode): `match` finds what `finditer` does
    without trying every other position of the item (CL924, one line each)."""
    if not pattern.startswith("^") or rx.flags & (regex.MULTILINE | regex.VERBOSE) \
            or "\\Q" in pattern or "(?#" in pattern:  # quoted or commented text: not read here
        return False
    depth, i, in_class = 0, 1, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1 if pattern[i + 1:i + 2] != "]" else 2  # a `]` first in a class is a literal
            continue
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            return False
        i += 1
    return True


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    text = ctx.doc.text
    if "_requires" in p:
        found = ctx.match_starts(p["_requires"])
        items = ctx.items_holding(p["target"], found) if found else []
    else:
        items = ctx.items(p["target"])
    match, forbid = p.get("_match"), p.get("_forbid")  # read once, not per item (a dozen paragraphs a cable)
    at_start = "_forbid_at_start" in p
    seen = _verdicts(match) if match is not None else None
    for it in items:
        raw = text[it.span.start:it.span.end]
        if match is not None and not _matches(match, raw, seen):
            yield Hit(it.span, {"value": raw.strip(), "where": it.label})
        if forbid is None:
            continue
        if at_start and forbid.match(raw) is None:
            continue  # nearly every item: no call to _forbidden (matched again there when it does match)
        for m in _forbidden(p, raw):
            if m.end() > m.start():
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                yield Hit(Span(it.span.start + m.start(), it.span.start + m.end()),
                          {**groups, "value": m.group(0), "where": it.label})


def _verdicts(match: "regex.Pattern[str]") -> dict[str, bool]:
    got = _MATCHED.get(match)
    if got is None:
        if len(_MATCHED) >= KEPT_PATTERNS:  # rule sets loaded again and again in one process (tests, an API host)
            _MATCHED.clear()
        got = _MATCHED[match] = {}
    return got


def _matches(match: "regex.Pattern[str]", raw: str, seen: dict[str, bool]) -> bool:
    """`match` finds something in `raw`; the verdicts on short items are kept
    (a TAG such as PREL or PGOV comes back cable after cable: CL403 asked the
    regex ~6 times a cable, each call ~0.7 us)."""
    if len(raw) > SHORT:
        return match.search(raw) is not None
    got = seen.get(raw)
    if got is None:
        if len(seen) >= KEPT:
            seen.clear()
        got = seen[raw] = match.search(raw) is not None
    return got


SHORT, KEPT, KEPT_PATTERNS = 32, 20_000, 256  # items a pattern keeps (TAGS, codes: a few thousand in a corpus)
# The verdicts by pattern, in this module and not in the rule's params: they hold the cables' text,
# which the params, pickled into the engine cache with their rule set, must never carry.
_MATCHED: dict[Any, dict[str, bool]] = {}


def _forbidden(p: dict[str, Any], raw: str) -> Iterable["regex.Match[str]"]:
    if "_forbid_at_start" in p:
        m = p["_forbid"].match(raw)
        return (m,) if m else ()
    return p["_forbid"].finditer(raw)
