"""The values each check kind's hits carry: the placeholders a rule's
`message` may name ({value}, {where}...).

The loader refuses a message naming any other, with the rule's file and
line and the placeholders its kind offers, as it refuses a wrong `hints`
or `slip_hint` placeholder: otherwise a typo prints literally (`{nosuch}`)
in every finding. tests/test_ruleset_messages.py runs the shipped rules and
the example cables and checks that every hit's values are named here, and that
every value named here is carried by some hit (none listed in vain).
"""
from __future__ import annotations

import string
from typing import Any, Iterable


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

def offered(kind: str, params: dict[str, Any], asked: Iterable[str] = ()) -> frozenset[str]:
    """The placeholders a rule of `kind` with these (prepared) parameters may
    name. A `pattern` rule's `forbid` offers its named groups, read from the
    compiled pattern's `groupindex` (exact, where a scan of its text could
    misread an escaped parenthesis or a character class), and only when a
    name in `asked` needs them: a shipped set's regexes compile on first use."""
    extra: set[str] = set()
    if kind == "absence" and params.get("hints"):
        extra.add("hint")
    base = VALUES.get(kind, frozenset()) | COMMON | extra
    forbid = params.get("_forbid")
    if kind == "pattern" and forbid is not None and any(n not in base for n in asked):
        extra.update(forbid.groupindex)
    return base | extra


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
    offers = offered(kind, params, names)
    for name in names:
        if name not in offers:
            listed = ", ".join(f"{{{n}}}" for n in sorted(offered(kind, params, ["?"])))
            raise ValueError(f"`message` names {{{name}}}, which kind {kind} does not offer "
                             f"(it offers {listed})")
