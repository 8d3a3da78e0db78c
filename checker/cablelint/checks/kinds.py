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
KINDS: dict[str, ModuleType] = {m.KIND: m for m in _MODULES}


def register(module: ModuleType) -> None:
    """Add a kind (used by the redaction kinds, which live in their own modules)."""
    KINDS[module.KIND] = module
