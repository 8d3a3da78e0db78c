"""The registry of check kinds, keyed by the name rules use in `kind:`."""
from __future__ import annotations

from types import ModuleType

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
from . import list_order, subset, syntax  # noqa: E402

_MODULES += [syntax, list_order, subset]
KINDS: dict[str, ModuleType] = {m.KIND: m for m in _MODULES}


def register(module: ModuleType) -> None:
    """Add a kind (used by the redaction kinds, which live in their own modules)."""
    KINDS[module.KIND] = module
