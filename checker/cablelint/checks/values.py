"""The values each check kind's hits carry: the placeholders a rule's
`message` may name ({value}, {where}...).

The loader refuses a message naming any other, with the rule's file and
line and the placeholders its kind offers, as it refuses a wrong `hints`
or `slip_hint` placeholder: otherwise a typo prints literally (`{nosuch}`)
in every finding. tests/test_ruleset_messages.py runs the shipped rules and
the example cables and checks that every hit's values are named here.
"""
from __future__ import annotations

import string
from typing import Any

from ..rx import rx

# Every rule's: the engine's (the cable's era, engine._rule_finding) and checks.group_hits' ({more}: the
# other places of a grouped cause, "" when there are none).
COMMON = frozenset({"era", "more"})

VALUES: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "absence": "value where",  # and `hint` with `hints`
    "agreement": "value other expected where",
    "carried_by_portions": "where control need",
    "consistent": "style first first_line where",
    "contains": "",
    "cooccurrence": "value where problem needs level allowed",
    "count": "count limit problem",
    "date_window": "value date problem limit over years least",
    "effective_date": "value effective date",
    "exemption_codes": "code problem",
    "integrity": "detail",
    "level_compare": "level value banner where",
    "list_order": "value where expected problem",
    "pattern": "value where",  # and the named groups of `forbid`
    "placeholder_length": "length origin reference",
    "presence": "target",
    "protected_terms": "origin entry",
    "release_portions": "where value why as_of",
    "rollup": "control where banner",
    "sequence": "found expected problem total missing",
    "subset": "value where other",
    "syntax": "value where problem",
    "vocabulary": "value suggestion where reason allowed",
}.items()}

_GROUP_NAME = rx(r"\(\?P?<([A-Za-z_]\w*)>")  # a named group, (?P<name>...) or (?<name>...), in a pattern's text


def offered(kind: str, params: dict[str, Any]) -> frozenset[str]:
    """The placeholders a rule of `kind` with these parameters may name."""
    extra: set[str] = set()
    if kind == "pattern" and isinstance(params.get("forbid"), str):
        extra.update(_GROUP_NAME.findall(params["forbid"]))
    if kind == "absence" and params.get("hints"):
        extra.add("hint")
    return VALUES.get(kind, frozenset()) | COMMON | extra


def named(message: str) -> list[str]:
    """The placeholders a message names, in order, each once ({value.x} and
    {value[0]} name `value`). Raises ValueError on a malformed one ("{", "}")."""
    out: list[str] = []
    for _, field, _, _ in string.Formatter().parse(message):
        if field is None:
            continue
        name = field.split(".", 1)[0].split("[", 1)[0]
        if not name or name.isdigit():
            raise ValueError(f"`{{{field}}}` is no placeholder name (write {{{{ and }}}} for a brace)")
        if name not in out:
            out.append(name)
    return out


def check_message(message: str, kind: str, params: dict[str, Any]) -> None:
    """Raise ValueError naming the first placeholder the kind does not offer."""
    try:
        names = named(message)
    except ValueError as exc:
        raise ValueError(f"`message`: {exc}") from None
    offers = offered(kind, params)
    for name in names:
        if name not in offers:
            listed = ", ".join(f"{{{n}}}" for n in sorted(offers))
            raise ValueError(f"`message` names {{{name}}}, which kind {kind} does not offer "
                             f"(it offers {listed})")
