"""Which of a rule's message values quote the cable's own words, and how they print.

No format prints the cable's text unless asked (`--show-matches`, README).
The shipped rules quote marking tokens only (a TAG, a portion mark, an
exemption code). A value that comes from a target of the cable's own words
(prose, names, offices: any target not declared a marking target in
targets.py, and any field not marked `marking: true` in the vocabulary, a
field a rule set adds included) prints as QUOTED_TEXT in the message, in
CI logs too. The decision is per value, by where the value comes from: the
kinds' `{value}`, an autofix's `{matched}` and a pattern's named groups come
from `target`, and a kind names its others in `QUOTES` (agreement's
`{other}` and `{expected}` from `against`, absence's `{hint}` from `target`).
The flagged text itself is still there for `--show-matches`, and an
`autofix` template still gets the real values.
"""
from __future__ import annotations

from typing import Any

import regex

from .rule import Rule
from .targets import marking_target
from .vocabulary import Vocabulary

QUOTED_TEXT = "[cable text]"
# The values that are the target item's text: the kinds' `{value}`, an autofix's
# `{matched}` (a pattern rule's named groups are added per rule).
_TEXT_VALUES = frozenset({"value", "matched"})


def free_text(target: str | None, vocab: Vocabulary) -> bool:
    """Whether `target`'s items are the cable's own words: every target but
    the marking ones (None, a kind with no target, quotes none)."""
    return target is not None and not marking_target(target, vocab.marking_fields)


# quoted_keys' answers by rule: (the rule, the vocabulary, the keys); the objects kept and compared,
# so an id reused after one is freed never answers for another. Bounded as the engines in a process are.
_KEYS: dict[int, tuple[Rule, Vocabulary, frozenset[str]]] = {}
_KEYS_MAX = 4096


def quoted_keys(rule: Rule, vocab: Vocabulary) -> frozenset[str]:
    """The message values of `rule` that would quote the cable's words: worked
    out once per rule and vocabulary (every finding asks)."""
    got = _KEYS.get(id(rule))
    if got is not None and got[0] is rule and got[1] is vocab:
        return got[2]
    if len(_KEYS) >= _KEYS_MAX:
        _KEYS.clear()
    keys = _quoted_keys(rule, vocab)
    _KEYS[id(rule)] = (rule, vocab, keys)
    return keys


def _quoted_keys(rule: Rule, vocab: Vocabulary) -> frozenset[str]:
    from .checks.kinds import KINDS

    p = rule.params
    keys: set[str] = set()
    if free_text(p.get("target"), vocab):
        keys |= _TEXT_VALUES | {name for v in p.values() if isinstance(v, regex.Pattern) for name in v.groupindex}
    for key, source in getattr(KINDS.get(rule.kind), "QUOTES", {}).items():
        if free_text(p.get(source), vocab):
            keys.add(key)
    return frozenset(keys)


def masked(values: dict[str, Any], keys: frozenset[str]) -> dict[str, Any]:
    """`values` with those of `keys` printed as QUOTED_TEXT."""
    if not keys:
        return values
    return {k: (QUOTED_TEXT if k in keys and v not in (None, "") else v) for k, v in values.items()}
