"""cablelint: lint diplomatic cables for classification-marking and redaction compliance."""
from __future__ import annotations

__version__ = "0.1.0"

from .api import lint_marking, lint_paths, lint_text, load_ruleset, make_engine  # noqa: E402
from .findings import Finding, Severity  # noqa: E402

__all__ = ["Finding", "Severity", "lint_marking", "lint_paths", "lint_text", "load_ruleset", "make_engine", "__version__"]
