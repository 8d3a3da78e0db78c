"""cablelint: lint diplomatic cables for classification-marking and redaction compliance.

The package imports nothing heavy: `cablelint --version` or a pre-commit run
on one file should not pay for the API, every reporter and the rule loader.
The API names load on first use (PEP 562 module `__getattr__`).
"""
from __future__ import annotations

__version__ = "0.1.0"

_LAZY = {"lint_marking": "api", "lint_paths": "api", "lint_text": "api", "load_ruleset": "api",
         "make_engine": "api", "Finding": "findings", "Severity": "findings"}

__all__ = ["Finding", "Severity", "lint_marking", "lint_paths", "lint_text", "load_ruleset", "make_engine",
           "__version__"]

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:  # for type checkers and IDEs; at run time __getattr__ imports on demand
    from typing import Any

    from .api import lint_marking, lint_paths, lint_text, load_ruleset, make_engine
    from .findings import Finding, Severity


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cablelint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
