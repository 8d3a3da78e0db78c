"""vocabulary: each value must come from an allowed list (TAGS, reason letters,
E.O. numbers for the era...), and must not be a forbidden one.

`allowed` is a list whose entries are literals, `list:NAME` (a named list of
the rule set) or `era:KEY` (a list of the cable's era). `forbidden` maps a
value to the suggestion shown in the message (RU -> RS).

`free_text_from: N` is for fields that mix codes with free words (the TAGS
line of some exports carries subject terms: "ISRAELI PALESTINIAN AFFAIRS"):
an unknown value of N or more letters is taken as free text and left alone,
unless it is allowed values run together (ECONEFIN = ECON + EFIN, IZPREL =
IZ + PREL: at least one part of 4+ letters, at most one of 2), which is
reported with `{suggestion}` naming the parts, or one letter away from an
allowed value (EAGRS for EAGR), reported as a likely typo. With
`free_phrase_at_end: true` the unknown values that end the field are one free
phrase when a free word is among them ("TIP IN TURKEY", "GOI EXTERNAL").
`suggest` (a map, or `list:NAME` of one) gives the likely meant value of an
unknown one (SYR -> "SY (Syria)"), shown as `{suggestion}`. With `slip_from: N`
an unknown value of N or more characters still without a suggestion that is one
slip off exactly one allowed value (WTRQ for WTRO) gets that
value as the suggestion: a slip of the key, named only when unambiguous;
`slip_except` (a list, or `list:NAME`) names the values that are no slip
(an agency's acronym one letter off a TAG: DTRA, not OTRA). A slip is one
character typed wrong (a letter for a letter, a digit for a digit) or one
character typed in the wrong place (12598 or 19528 for 12958). `slip_to`
(a list, or `list:NAME`) measures slips against other values than the
allowed ones (every classification order, not only the era's), a value
that is one of them being no slip; `slip_hint` words the suggestion, with
`{meant}` for the value meant (default " (did you mean {meant}?)"). With
`slip_to`, `listed_hint` words the suggestion of an unknown value that is one
of `slip_to` (an order of another era) and `stray_hint` that of one neither in
it nor a slip off it (E.O. 19523: no classification order at all), so the
message need not call every unknown value by one name.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable


from . import compile_param, Context, Hit, norm

KIND = "vocabulary"
PARAMS = {
    "target": (str, True),
    "allowed": ((list, str), False),
    "allowed_pattern": (str, False),
    "forbidden": ((dict, list, str), False),
    "free_text_from": (int, False),
    "free_phrase_at_end": (bool, False),
    "suggest": ((dict, str), False),
    "slip_from": (int, False),
    "slip_except": ((list, str), False),
    "slip_to": ((list, str), False),
    "slip_hint": (str, False),
    "listed_hint": (str, False),
    "stray_hint": (str, False),
}


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # what a one-letter slip may put in a TAG's place
_DIGITS = "0123456789"  # ... and in a number's (an E.O. number)
MAX_COMPOUND = 64  # longer tokens are never run-together codes (eight TAGS of eight letters)


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    out = dict(p)
    # the values `_per_era` builds that read the cable's era (`era:KEY`): kept per era
    out["_by_era"] = frozenset(k for k in ("allowed", "forbidden", "slip_to", "slip_except") if _uses_era(p.get(k)))
    if "allowed" not in p and "forbidden" not in p:
        raise ValueError("a vocabulary rule needs `allowed` or `forbidden`")
    if "allowed_pattern" in p:
        out["_pattern"] = compile_param(p["allowed_pattern"], "allowed_pattern")
    f = p.get("forbidden") or {}
    if not isinstance(f, str):
        out["_forbidden"] = _forbidden_map(f)
    if "slip_hint" in p:  # a wrong placeholder fails here, with the rule's file and line, not in every run
        try:
            p["slip_hint"].format(meant="X")
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(f"`slip_hint` '{p['slip_hint']}' may name only {{meant}} ({type(exc).__name__}: {exc})") from None
    return out


def _forbidden_map(f: Any) -> dict[str, Any]:
    return {norm(k): v for k, v in f.items()} if isinstance(f, dict) else {norm(k): None for k in f}


def allowed_set(p: dict[str, Any], ctx: Context) -> set[str] | None:
    """The allowed values, built once per era (lists and literals never change)."""
    spec = p.get("allowed")
    if spec is None:
        return None
    return _per_era(p, "allowed", spec, ctx, lambda: _build_allowed(spec if isinstance(spec, list) else [spec], ctx))


def _per_era(p: dict[str, Any], name: str, spec: Any, ctx: Context, build: Callable[[], Any]) -> Any:
    """`build()`, a value made from the rule's `spec` (literals, `list:NAME`,
    `era:KEY`), kept in the rule's params per era and rule-set lists: a
    document asks again for what the last one built (CL405 normalises some
    250 ISO codes, CL404 its look-alike TAGS)."""
    era = ctx.require_era() if name in p["_by_era"] else None
    key = (name, era.get("_key", era["name"]) if era else "", id(ctx.lists))  # _key: the era with its grace windows
    cache = p.setdefault("_allowed_cache", {})
    got = cache.get(key)
    if got is None:
        got = cache[key] = build()
    return got


def _uses_era(spec: Any) -> bool:
    return any(isinstance(s, str) and s.startswith("era:") for s in (spec if isinstance(spec, list) else [spec]))


def _build_allowed(specs: list[Any], ctx: Context) -> set[str]:
    out: set[str] = set()
    for s in specs:
        val = ctx.value(s)
        if isinstance(val, (list, tuple, set)):
            out |= {norm(v) for v in val}
        elif isinstance(val, dict):
            out |= {norm(v) for v in val}
        else:
            out.add(norm(val))
    return out


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    items = ctx.items(p["target"])
    if not items:
        return
    allowed = allowed_set(p, ctx)
    forbidden = p.get("_forbidden")
    if forbidden is None:
        spec = p["forbidden"]
        forbidden = _per_era(p, "forbidden", spec, ctx, lambda: _forbidden_map(ctx.value(spec)))
    values = [norm(it.value) for it in items]
    verdicts = [_verdict(v, it, p, allowed, forbidden) for v, it in zip(values, items)]
    suggest = ctx.value(p["suggest"]) if "suggest" in p else None
    slips = "slip_from" in p and allowed
    if slips:  # (made before the look below: a `list:` or `era:` that fails, fails for every document)
        to = _per_era(p, "slip_to", p["slip_to"], ctx, lambda: {norm(v) for v in ctx.value(p["slip_to"])}) \
            if "slip_to" in p else allowed
        spec = p.get("slip_except") or []
        known = _per_era(p, "slip_except", spec, ctx, lambda: {norm(v) for v in ctx.value(spec)})
    if all(kind == "ok" or kind == "free" for kind, _ in verdicts):
        return  # nearly every field: the steps below change only unknown values
    if p.get("free_phrase_at_end"):
        verdicts = _trailing_phrase_free(values, verdicts)
    if suggest is not None:  # after the phrase: a word of the subject phrase (ARE, CAN) is not a code
        verdicts = _suggested(values, verdicts, suggest)
    if slips:
        verdicts = _slips(values, verdicts, to, p["slip_from"], known | (to - allowed),
                          p.get("slip_hint", SLIP_HINT))
        verdicts = _placed(values, verdicts, to, p)
    shown = None
    for it, (kind, suggestion) in zip(items, verdicts):
        if kind == "forbidden":
            yield Hit(it.span, {"value": it.value, "suggestion": suggestion, "where": it.label,
                                "reason": "forbidden"})
        elif kind == "unknown":
            if shown is None:  # (sorted once a document, not once per unknown value)
                shown = ", ".join(sorted(allowed or ())[:12])
            yield Hit(it.span, {"value": it.value, "suggestion": suggestion, "where": it.label,
                                "reason": "unknown", "allowed": shown})


def _verdict(v: str, it: Any, p: dict[str, Any], allowed: set[str] | None,
             forbidden: dict[str, Any]) -> tuple[str, str]:
    """ok | forbidden | free (a free word, not a code) | unknown, with the suggestion."""
    if v in forbidden:
        return "forbidden", forbidden[v] or ""
    pat = p.get("_pattern")
    if allowed is None or v in allowed or (pat and pat.fullmatch(str(it.value))):
        return "ok", ""
    if not (p.get("free_text_from") and len(v) >= p["free_text_from"]):
        return "unknown", ""
    if len(v) > MAX_COMPOUND:
        return "free", ""  # a free word (the near-miss search below is quadratic in its length)
    parts = split_compound(v, allowed)
    if parts:
        return "unknown", f" (run together: {' '.join(parts)})"
    near = next((v[:i] + v[i + 1:] for i in range(len(v)) if v[:i] + v[i + 1:] in allowed), None)
    if near:
        return "unknown", f" (one letter too many for {near}?)"
    return "free", ""


def _suggested(values: list[str], verdicts: list[tuple[str, str]], suggest: dict) -> list[tuple[str, str]]:
    """An unknown value with no hint yet that the `suggest` map knows is a code
    written in another scheme: the value meant. A free word (of a trailing
    subject phrase, or a long one) stays free: ARE in "TALKS ARE STALLED" is English."""
    if not any(kind == "unknown" and not hint for kind, hint in verdicts):
        return verdicts  # nearly every cable: the map is not normalised at all
    meant = {norm(k): v for k, v in suggest.items()}
    return [(kind, f" (did you mean {meant[v]}?)") if kind == "unknown" and not hint and v in meant
            else (kind, hint) for v, (kind, hint) in zip(values, verdicts)]


SLIP_HINT = " (did you mean {meant}?)"


def _slips(values: list[str], verdicts: list[tuple[str, str]], allowed: set[str],
           least: int, known: set[str], hint_form: str = SLIP_HINT) -> list[tuple[str, str]]:
    """An unknown value of `least` characters or more, with no suggestion yet,
    one slip off exactly one allowed value (WTRQ for WTRO, GTIP for KTIP, 12598
    for 12958): that value, as "did you mean" (EINN, off EINV and EINT, gets none). Two or more such values say
    nothing (a short code has many neighbours), so the suggestion is never a guess
    between them; nor does a value `known` to be no slip (an agency's acronym)."""
    def slip(v: str) -> str:
        near = {w for w in _one_slip(v) if w != v and w in allowed}
        return hint_form.format(meant=near.pop()) if len(near) == 1 else ""
    return [("unknown", slip(v)) if kind == "unknown" and not hint and len(v) >= least
            and (v.isalpha() or v.isdigit()) and v not in known else (kind, hint)
            for v, (kind, hint) in zip(values, verdicts)]


def _placed(values: list[str], verdicts: list[tuple[str, str]], to: set[str],
            p: dict[str, Any]) -> list[tuple[str, str]]:
    """An unknown value with no suggestion yet: `listed_hint` if it is one of
    `slip_to` (a real order, of another era), else `stray_hint` (no order of
    the kind at all). Without these params nothing changes."""
    listed, stray = p.get("listed_hint", ""), p.get("stray_hint", "")
    if not (listed or stray):
        return verdicts
    return [(kind, (listed if v in to else stray)) if kind == "unknown" and not hint else (kind, hint)
            for v, (kind, hint) in zip(values, verdicts)]


def _one_slip(v: str) -> Iterable[str]:
    """Every value one slip from `v`: a character typed wrong (a letter for a
    letter, a digit for a digit) or one typed in the wrong place."""
    chars = _DIGITS if v.isdigit() else _LETTERS
    for i in range(len(v)):
        yield from (v[:i] + c + v[i + 1:] for c in chars)
        rest = v[:i] + v[i + 1:]
        yield from (rest[:j] + v[i] + rest[j:] for j in range(len(v)) if j != i)


def _trailing_phrase_free(values: list[str], verdicts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The words that end the field, when a free word is among them, are one
    free phrase ("... KJUS TIP IN TURKEY", "GOI EXTERNAL"): its short unknown
    words are not codes either. The phrase runs back from its last free word
    over unknown values and two-letter codes that are also words (IN, TO); a
    longer code, a run-together or a near-miss code ends it."""
    def in_phrase(k: int) -> bool:
        kind, suggestion = verdicts[k]
        return (kind in ("unknown", "free") and not suggestion) or (kind == "ok" and len(values[k]) <= 2)
    i = len(verdicts)
    while i and in_phrase(i - 1):
        i -= 1
    tail = range(i, len(verdicts))
    if not any(verdicts[k][0] == "free" for k in tail):
        return verdicts
    return verdicts[:i] + [("free", "") if verdicts[k][0] == "unknown" else verdicts[k] for k in tail]


def split_compound(value: str, allowed: set[str]) -> list[str] | None:
    """`value` as allowed values written together, or None: at least one part
    of four letters or more, at most one two-letter part (so an English word
    is not read as a string of country codes)."""
    failed: set[tuple[int, int, bool]] = set()  # (where, twos, long_seen) known not to split: linear

    def go(at: int, twos: int, long_seen: bool) -> list[str] | None:
        if at == len(value):
            return [] if long_seen else None
        if (at, twos, long_seen) in failed:
            return None
        for n in range(min(len(value) - at, 8), 1, -1):
            head = value[at:at + n]
            if head in allowed and (n != 2 or twos == 0) and n != 3:
                tail = go(at + n, twos + (n == 2), long_seen or n >= 4)
                if tail is not None:
                    return [head] + tail
        failed.add((at, twos, long_seen))
        return None
    return go(0, 0, False)
