"""Reporters: turn a Report (findings plus what is needed to explain them)
into text. Each format is a module with `NAME` and `render(report) -> str`.

Every reporter gets its text through `Report.safe()`, the one place where a
protect list masks terms, so no format can print a protected name; file
paths go through `Report.path()`, which masks them the same way.
"""
from __future__ import annotations

import importlib
import os
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Callable

from ..findings import Finding, Severity
from ..rule import Rule
from ..source import Source


def _identity(text: str) -> str:
    return text


def display_path(path: str) -> str:
    """A path relative to the current directory (posix), as CI systems want
    it; paths outside it stay absolute, and stdin names stay as given."""
    if path.startswith("<"):
        return path
    try:
        rel = os.path.relpath(os.path.abspath(path))
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()
    return Path(rel if not rel.startswith("..") else os.path.abspath(path)).as_posix()


@dataclass
class Report:
    findings: list[Finding]
    rules: dict[str, Rule]
    files: int = 0
    elapsed: float = 0.0
    sources: dict[str, Source] = field(default_factory=dict)  # path -> text, for excerpts
    mask: Callable[[str], str] = _identity  # masks protected terms
    color: bool = False
    show_matches: bool = False
    statistics: bool = False
    quiet: bool = False  # findings only: no summary line
    suppressed: int = 0  # hidden by a baseline
    stale: list[str] = field(default_factory=list)  # baseline entries that no longer match
    version: str = ""
    show_source: bool = False  # `full`: print the flagged line (cable text) under each finding
    fail_on: Severity = Severity.ERROR  # a file fails (junit) with a finding at or above this
    hidden: list[Finding] = field(default_factory=list)  # below min_severity: counted, not shown
    min_severity: Severity = Severity.INFO
    notices: list[str] = field(default_factory=list)  # printed before the summary (a rule switched off...)
    skipped: int = 0  # files and folders discovery or linting left out (--show-files lists them)

    def safe(self, text: str) -> str:
        return self.mask(text)

    def path(self, path: str, relative: bool = False) -> str:
        """A file path as printed: masked like any text, since a file name can
        hold a protected name (leak/rosenblatt-contact.txt). `relative`: the
        cwd-relative posix form CI systems want (display_path). A name that is
        not valid UTF-8 (kept by Python as lone surrogates) is shown with U+FFFD,
        so no format fails to encode it."""
        shown = display_path(path) if relative else path
        return self.safe(shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))

    def counts(self) -> dict[Severity, int]:
        """Findings per severity, those hidden by min_severity included."""
        out = {s: 0 for s in Severity}
        for f in self.findings + self.hidden:
            out[f.severity] += 1
        return out

    def summary_line(self) -> str:
        c = self.counts()
        n = len(self.findings) + len(self.hidden)
        parts = [f"{c[Severity.ERROR]} error{'s' * (c[Severity.ERROR] != 1)}",
                 f"{c[Severity.WARNING]} warning{'s' * (c[Severity.WARNING] != 1)}",
                 f"{c[Severity.INFO]} info"]
        text = (f"{n} finding{'s' * (n != 1)} ({', '.join(parts)}) in {self.files} "
                f"file{'s' * (self.files != 1)}")
        if self.hidden:
            text += f"; {len(self.hidden)} below {self.min_severity} not shown"
        if self.skipped:
            text += f"; {self.skipped} skipped (--show-files says why)"
        if self.suppressed:
            text += f"; {self.suppressed} baselined"
        if self.stale:
            text += f"; {len(self.stale)} stale baseline entr{'ies' if len(self.stale) != 1 else 'y'}"
        return text + f" [{self.elapsed:.2f}s]"


_REGISTRY: dict[str, ModuleType] = {}


def register(module: ModuleType) -> None:
    _REGISTRY[module.NAME] = module


def names() -> list[str]:
    _load()
    return sorted(_REGISTRY)


def get(name: str) -> ModuleType:
    _load()
    if name not in _REGISTRY:
        raise KeyError(name)
    return _REGISTRY[name]


def _load() -> None:
    if _REGISTRY:
        return
    # Every module of this package with NAME and render() is a format; they
    # are found, not listed, so a new format is one new file (and the package
    # never imports its formats by name: they import Report from here).
    for info in pkgutil.iter_modules(__path__):
        mod = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(mod, "NAME") and hasattr(mod, "render"):
            register(mod)
