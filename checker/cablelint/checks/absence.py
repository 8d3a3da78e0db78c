"""absence: the target must not be there (Classified By on an unclassified cable).

`hints` (optional) is a list of `{match: REGEX, hint: TEXT}`: the first whose
regex matches a value gives the message's `{hint}`, with the match's groups
expanded (`\\1`), the likely meant form of a mark written oddly
("(S-NF)": a hyphen where '/' belongs); no match, no hint.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from . import Context, Hit, compile_param
from ..rx import deferring

KIND = "absence"
PARAMS = {"target": (str, True), "hints": (list, False)}
QUOTES = {"hint": "target"}  # a hint expands the value's own groups (quoting.py)


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    out = dict(p)
    hints = []
    for h in p.get("hints") or ():
        if not isinstance(h, dict) or set(h) != {"match", "hint"}:
            raise ValueError("each of `hints` is {match: REGEX, hint: TEXT}")
        rx_ = compile_param(h["match"], "hints")
        if not deferring():  # a shipped set's regexes compile on first use; the suite checks its hints
            check_hint(rx_, str(h["hint"]))
        hints.append((rx_, str(h["hint"])))
    out["_hints"] = hints
    return out


def check_hint(rx_: Any, hint: str) -> None:
    """Raise ValueError when `hint` names a group `rx_` lacks (`\\3`, `\\g<x>`) or
    holds a bad escape: at load, with the rule's file and line, not as an
    IndexError in every later run. `re` checks a template eagerly (`regex`
    only when it expands one), so the template is expanded on a match of an
    `re` pattern with the same groups, each empty."""
    names = {i: n for n, i in rx_.groupindex.items()}
    same = "".join(f"(?P<{names[i]}>)" if i in names else "()" for i in range(1, rx_.groups + 1))
    try:
        re.compile(same).fullmatch("").expand(hint)  # type: ignore[union-attr]
    except (re.error, IndexError) as exc:
        raise ValueError(f"`hints`: the hint '{hint}' does not fit its `match` '{rx_.pattern}' ({exc})") from None


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    hints = p.get("_hints") or ()
    for it in ctx.items(p["target"]):
        values = {"value": it.value, "where": it.label}
        if hints:
            values["hint"] = next((m.expand(h) for rx_, h in hints if (m := rx_.search(str(it.value)))), "")
        yield Hit(it.span, values)
