"""Reporters: turn a Report (findings plus what is needed to explain them)
into text. Each format is a module with `NAME` and `render(report) -> str`;
a format that can write findings as they come also has `chunks(report)`,
the same text in pieces that each end at a line or record boundary (a
corpus run streams the report instead of holding it).

Every reporter gets its text through `Report.safe()`, the one place where a
protect list masks terms, so no format can print a protected name; file
paths go through `Report.path()`, which masks them the same way.
"""
from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

from ..findings import Finding, Severity
from ..records import fields_eq, fields_repr

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:  # a run the result cache answers loads neither the rule model nor the source reader
    from typing import Callable, Iterable, Iterator

    from ..rule import Rule
    from ..source import Source


def _identity(text: str) -> str:
    return text


def masked_path(path: str, shown: str, mask: Callable[[str], str]) -> str:
    """`shown`, how `path` is displayed, through `mask`; when the mask hid a
    name in it, tagged with a keyed hash of the path (protect.distinct_path),
    so two files whose names mask alike are still two in the output."""
    masked = mask(shown)
    if masked == shown:
        return masked
    from ..protect import distinct_path  # a protect list is in play: protect is loaded already
    return distinct_path(path, masked)


def masked_lead(text: str, path: str, mask: Callable[[str], str]) -> str:
    """A message that opens with `path` (`path: why`, as a WriteError says
    it): the path through masked_path, the rest through `mask`, so two files
    whose names mask alike are told apart here too. A message that does not
    open with `path` is masked whole."""
    if not path or not text.startswith(path):
        return mask(text)
    return masked_path(path, path, mask) + mask(text[len(path):])


SKIP_NOTE = ": skipped ("  # how every skip note (files.py, session.py) follows the path it names


def masked_note(note: str, mask: Callable[[str], str]) -> str:
    """A skip note (`path: skipped (why)`, --show-files) with its path
    through masked_path. The why is a fixed phrase, so the last SKIP_NOTE
    is where the path ends even if the path holds those words."""
    path, sep, why = note.rpartition(SKIP_NOTE)
    return masked_lead(note, path, mask) if sep else mask(note)


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


class Tally:
    """Findings reported as they are linted (one pass, file by file), counted
    on the way for the summary and the exit code, so a corpus run keeps
    counters instead of every finding. `on_end` runs when the last one has
    gone by (the run's file count and time are known then)."""

    def __init__(self, source: Iterable[Finding], low: Severity, on_end: Callable[[], None] | None = None) -> None:
        self._source, self.low, self._on_end = source, low, on_end
        self.counts = {s: 0 for s in Severity}
        self.hidden = self.safe = self.unsafe = 0

    def __iter__(self) -> Iterator[Finding]:
        counts, low = self.counts, self.low
        for f in self._source:
            counts[f.severity] += 1
            if f.severity < low:
                self.hidden += 1
                continue
            if f.fix is not None:
                if f.fix.safe:
                    self.safe += 1
                else:
                    self.unsafe += 1
            yield f
        if self._on_end is not None:
            self._on_end()


class Report:
    """A run's findings plus what the formats need to explain them. `findings`
    is a list, or a Tally when streamed (iterated once, counted on the way);
    `sources` path -> text, for excerpts; `mask` masks protected terms;
    `quiet`: findings only, no summary line; `suppressed`: hidden by a
    baseline, `stale` its entries that no longer match; `show_source`: `full`
    prints the flagged line (cable text) under each finding; `fail_on`: a file
    fails (junit) with a finding at or above it; `hidden`: below
    min_severity, counted, not shown; `notices`: printed before the summary
    (a rule switched off...); `failures`: what fails the whole run as an error
    finding would (a release review that could not look for protected names),
    printed as errors even with --quiet; `skipped`: files and folders discovery or
    linting left out (--show-files lists them); `fixed`: edits applied by
    --fix in this run (fixes.py). (A plain class, not a dataclass: see
    records.py.)"""

    def __init__(self, findings: list[Finding] | Tally, rules: dict[str, Rule], files: int = 0,
                 elapsed: float = 0.0, sources: dict[str, Source] | None = None,
                 mask: Callable[[str], str] = _identity, color: bool = False, show_matches: bool = False,
                 statistics: bool = False, quiet: bool = False, suppressed: int = 0, stale: list[str] | None = None,
                 version: str = "", show_source: bool = False, fail_on: Severity = Severity.ERROR,
                 hidden: list[Finding] | None = None, min_severity: Severity = Severity.INFO,
                 notices: list[str] | None = None, skipped: int = 0, fixed: int = 0,
                 failures: list[str] | None = None) -> None:
        self.findings, self.rules, self.files, self.elapsed = findings, rules, files, elapsed
        self.sources = {} if sources is None else sources
        self.mask, self.color, self.show_matches, self.statistics = mask, color, show_matches, statistics
        self.quiet, self.suppressed = quiet, suppressed
        self.stale = [] if stale is None else stale
        self.version, self.show_source, self.fail_on = version, show_source, fail_on
        self.hidden = [] if hidden is None else hidden
        self.min_severity = min_severity
        self.notices = [] if notices is None else notices
        self.failures = [] if failures is None else failures
        self.skipped, self.fixed = skipped, fixed
        self._last_path: tuple = (None, "")  # path(): the last path asked and its answer

    __eq__ = fields_eq  # by the fields above, the cache _last_path aside
    __repr__ = fields_repr

    def safe(self, text: str) -> str:
        return self.mask(text)

    def path(self, path: str, relative: bool = False) -> str:
        """A file path as printed: masked like any text, since a file name can
        hold a protected name (leak/rosenblatt-contact.txt). `relative`: the
        cwd-relative posix form CI systems want (display_path). A name that is
        not valid UTF-8 (kept by Python as lone surrogates) is shown with U+FFFD,
        so no format fails to encode it. Masked, it carries a tag of the whole
        path (protect.distinct_path): two names that mask alike stay two files."""
        key = (path, relative, self.mask)
        if self._last_path[0] != key:  # findings come file by file: one path asked many times in a row
            shown = display_path(path) if relative else path
            shown = shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            self._last_path = (key, masked_path(path, shown, self.safe))
        return self._last_path[1]

    @staticmethod
    def fix_mark(f: Finding) -> str:
        """What text formats append to a finding that has a fix: ` [*]` (safe,
        applied by --fix) or ` [*unsafe]` (needs --unsafe-fixes too)."""
        if f.fix is None:
            return ""
        return " [*]" if f.fix.safe else " [*unsafe]"

    @property
    def streamed(self) -> bool:
        return isinstance(self.findings, Tally)

    def fixable(self) -> tuple[int, int]:
        """(safe, unsafe): how many findings --fix, and --unsafe-fixes besides, would fix."""
        if isinstance(self.findings, Tally):
            return self.findings.safe, self.findings.unsafe
        safe = sum(1 for f in self.findings if f.fix is not None and f.fix.safe)
        return safe, sum(1 for f in self.findings if f.fix is not None) - safe

    def counts(self) -> dict[Severity, int]:
        """Findings per severity, those hidden by min_severity included."""
        if isinstance(self.findings, Tally):
            return dict(self.findings.counts)
        out = {s: 0 for s in Severity}
        for f in self.findings + self.hidden:
            out[f.severity] += 1
        return out

    def hidden_count(self) -> int:
        return self.findings.hidden if isinstance(self.findings, Tally) else len(self.hidden)

    def failed(self) -> bool:
        """A finding shown at or above fail_on, or a failure of the run (the exit code's 1)."""
        if self.failures:
            return True
        if isinstance(self.findings, Tally):
            return any(n for s, n in self.findings.counts.items() if s >= self.fail_on and s >= self.findings.low)
        return any(f.severity >= self.fail_on for f in self.findings)

    def summary_line(self) -> str:
        c = self.counts()
        n = sum(c.values())
        parts = [f"{c[Severity.ERROR]} error{'s' * (c[Severity.ERROR] != 1)}",
                 f"{c[Severity.WARNING]} warning{'s' * (c[Severity.WARNING] != 1)}",
                 f"{c[Severity.INFO]} info"]
        text = (f"{n} finding{'s' * (n != 1)} ({', '.join(parts)}) in {self.files} "
                f"file{'s' * (self.files != 1)}")
        if self.hidden_count():
            text += f"; {self.hidden_count()} below {self.min_severity} not shown"
        if self.skipped:
            text += f"; {self.skipped} skipped (--show-files says why)"
        if self.suppressed:
            text += f"; {self.suppressed} baselined"
        if self.stale:
            text += f"; {len(self.stale)} stale baseline entr{'ies' if len(self.stale) != 1 else 'y'}"
        text += f" [{self.elapsed:.2f}s]"
        return text + (f"; {self.fix_line()}" if self.fix_line() else "")

    def fix_line(self) -> str:
        """What was fixed and what could be (ruff's `[*] n fixable`), the end
        of the summary line; "" when there is neither."""
        safe, unsafe = self.fixable()
        parts = [f"fixed {self.fixed}"] if self.fixed else []
        if safe:
            parts.append(f"[*] {safe} fixable with --fix")
        if unsafe:
            parts.append(f"[*unsafe] {unsafe} more with --fix --unsafe-fixes")
        return "; ".join(parts)


# The shipped formats by name, so that `--help` and config validation can list
# them without importing every reporter (junit pulls in xml.etree, sarif
# urllib): a format's module loads when it is used. A new format adds a line
# here (tests/test_reporters.py checks that every module is listed).
FORMATS = {"concise": "concise", "full": "full", "github": "github", "gitlab": "gitlab", "grouped": "grouped",
           "json": "json_format", "json-lines": "json_lines", "junit": "junit", "sarif": "sarif"}
_REGISTRY: dict[str, ModuleType] = {}


def register(module: ModuleType) -> None:
    _REGISTRY[module.NAME] = module


def names() -> list[str]:
    return sorted(set(FORMATS) | set(_REGISTRY))


def get(name: str) -> ModuleType:
    if name not in _REGISTRY and name in FORMATS:
        import importlib

        register(importlib.import_module(f"{__name__}.{FORMATS[name]}"))
    if name not in _REGISTRY:
        raise KeyError(name)
    return _REGISTRY[name]
