"""Which of a rule's message values quote the cable's own words, and how they print.

No format prints the cable's text unless asked (`--show-matches`, README).
The shipped rules quote marking tokens only (a TAG, a portion mark, an
exemption code); a custom rule whose message says `{value}` on a target of
prose or names (`lines`, `body.lines`, `subject`, a POC field) would print
the words themselves, in CI logs too. Those values print as QUOTED_TEXT in
the message; the flagged text itself is still there for `--show-matches`,
and an `autofix` template still gets the real values.
"""
from __future__ import annotations

from typing import Any

import regex

from .rule import Rule
from .vocabulary import Vocabulary

QUOTED_TEXT = "[cable text]"
# Targets whose items are the cable's own words (prose, names, addresses), not
# marking tokens; `fields.<Name>` and `fieldlines.<Name>` when the vocabulary
# marks the field `free_text` (markings.yaml: Derived From, POC, Classified By).
FREE_TEXT_TARGETS = frozenset({
    "lines", "body.lines", "paragraphs", "paragraphs.unmarked", "paragraphs.marked", "paragraphs.numbered",
    "subject", "headings", "signature", "refs", "header", "classified_by", "classified_by.authority",
    "classified_by.name", "classified_by.title", "classified_by.derived", "classified_by.or_derived"})
# The values that are the item's text: the kinds' `{value}`, an autofix's `{matched}`
# (a pattern rule's named groups are added per rule).
_TEXT_VALUES = frozenset({"value", "matched"})


def free_text(target: str | None, vocab: Vocabulary) -> bool:
    """Whether `target`'s items are the cable's own words."""
    if target is None:
        return False
    if target in FREE_TEXT_TARGETS:
        return True
    for prefix in ("fields.", "fieldlines."):
        if target.startswith(prefix):
            return target[len(prefix):].lower() in vocab.free_text_fields
    return False


def quoted_keys(rule: Rule, vocab: Vocabulary) -> frozenset[str]:
    """The message values of `rule` that would quote the cable's words (none
    for a rule on marking tokens): `{value}`, `{matched}` and the named groups
    of its own regexes."""
    if not free_text(rule.params.get("target"), vocab):
        return frozenset()
    groups = {name for v in rule.params.values() if isinstance(v, regex.Pattern) for name in v.groupindex}
    return _TEXT_VALUES | groups


def masked(values: dict[str, Any], keys: frozenset[str]) -> dict[str, Any]:
    """`values` with those of `keys` printed as QUOTED_TEXT."""
    if not keys:
        return values
    return {k: (QUOTED_TEXT if k in keys and v not in (None, "") else v) for k, v in values.items()}
