"""The registry of check kinds, keyed by the name rules use in `kind:`."""
from __future__ import annotations

from types import ModuleType
from typing import Any

from ..targets import resolve
from . import GROUPS

from . import (
    absence, agreement, cooccurrence, count, date_window, effective_date, level_compare, pattern,
    presence, rollup, sequence, vocabulary,
)

_MODULES: list[ModuleType] = [
    presence, absence, pattern, vocabulary, date_window, level_compare, sequence, rollup,
    agreement, cooccurrence, count, effective_date,
]
# Release review and redaction (rules/release.yaml).
from . import consistent, contains, exemption_codes, placeholder_length, protected_terms, release_portions  # noqa: E402

_MODULES += [protected_terms, release_portions, exemption_codes, consistent, placeholder_length, contains]
# IC (CAPCO) and CUI marking grammar and roll-up (rules/capco.yaml, rules/cui.yaml).
from . import carried_by_portions, list_order, subset, syntax  # noqa: E402

_MODULES += [syntax, list_order, subset, carried_by_portions]
# Export damage diagnosed once (rules/state.yaml CL9xx), its symptoms folded in (fold.py).
from . import integrity  # noqa: E402

_MODULES += [integrity]
KINDS: dict[str, ModuleType] = {m.KIND: m for m in _MODULES}


def needs_protect_list(rule: Any) -> bool:
    """Whether `rule` looks for the protect list's terms (its kind says so:
    protected_terms, placeholder_length in `mode: protected`), so that it
    cannot run without one (the release review's failure, the quick run's brief)."""
    return bool(getattr(KINDS.get(rule.kind), "needs_protect_list", lambda p: False)(rule.params))


# Parameters every kind takes: `group` (checks.group_hits), and `group_if_absent`,
# targets whose items make the hits separate causes again (checks.grouping).
COMMON_PARAMS = {"group": (str, False), "group_if_absent": (list, False)}


def _grouping(module: ModuleType) -> None:
    """Every kind takes `group` (checks.group_hits, applied by the engine to
    any rule's hits): added here once rather than in each kind's PARAMS."""
    module.PARAMS = {**module.PARAMS, **COMMON_PARAMS}
    inner = getattr(module, "prepare", None)

    def prepare(p: dict) -> object:
        if p.get("group", GROUPS[0]) not in GROUPS:
            raise ValueError(f"`group` is one of {', '.join(GROUPS)}")
        for t in p.get("group_if_absent") or ():
            if not isinstance(t, str) or resolve(t) is None:
                raise ValueError(f"`group_if_absent`: unknown target {t!r}")
        return inner(p) if inner else p

    module.prepare = prepare


for _m in _MODULES:
    _grouping(_m)
