"""A `check` run that the result cache answers whole, without the engine.

A pre-commit hook or an editor re-runs cablelint on files that have not
changed since the last run. The result cache holds their findings under the
engine's run key, and that key is computable without building or even
unpickling the engine (enginecache.read_brief: the settings plus the rule
files' hashes), so such a run need not import the engine, the check kinds
or the rule loader (ruff answers a warm re-run the same way).

It is taken only where its report is certainly the full run's: named regular
files and folders (no stdin), each file hitting the cache with findings, no
nearer configuration for a named file or any folder walked (files.discover
then finds exactly the full run's files: one configuration's excludes and
extensions everywhere), no unreadable path, and none of what needs more than the cached findings
(protect lists, flagged text: --show-matches, SARIF/GitLab fingerprints,
baselines, fixes, per-file-ignores, a release rule switched off or looking
for protected names, a finding
of a rule whose flagged text is masked). Anything else returns None and the
full run (session.Session) does the work; tests/test_startup.py compares the
two outputs.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from types import SimpleNamespace

from . import cache, fixrun

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    import argparse
    from typing import Any

    from .config import Config
    from .reporters import Report

# More files than this go through the streamed full run: this path holds every finding
# for one sorted report (a warm 20k run peaked at 91 MB here against 41 MB streamed),
# and what it saves, the engine's start-up, is a small part of a large run.
QUICK_MAX_FILES = 5000
# Formats whose output uses the flagged text or the rules' full records.
_FULL_RUN_FORMATS = ("sarif", "gitlab")


def eligible(args: argparse.Namespace, cfg: Config, fmt: str) -> bool:
    """Whether the settings allow a report from cached findings alone."""
    if args.show_matches or args.write_baseline is not None or args.baseline is not None:
        return False
    if fmt in _FULL_RUN_FORMATS or fixrun.wanted(args) or fixrun.check_usage(args):
        return False
    if cfg.protect or cfg.per_file_ignores or not args.paths:
        return False
    return all(p != "-" and (os.path.isfile(p) or os.path.isdir(p)) for p in args.paths)


def cached_report(args: argparse.Namespace, cfg: Config, fmt: str, root: Path, options: dict[str, Any],
                  view: dict[str, Any]) -> tuple[SimpleNamespace, Report] | None:
    """(the run's notes, errors and crashes; its Report) when every named file
    hits the result cache, else None (nothing printed, nothing changed)."""
    start = time.perf_counter()
    if not eligible(args, cfg, fmt):
        return None
    from .enginecache import read_brief

    got = read_brief(cfg, options, root)
    if got is None or got[1].get("release_off") or got[1].get("release_names", True):
        return None
    run_key, brief = got
    found = _discover(cfg, args.paths)
    if found is None:
        return None
    results = cache.ResultCache(root, run_key)
    findings = []
    protected = set(brief.get("protected", ()))
    for path in found.files:
        hit = results.get(path)
        if hit is cache.MISS or hit is None or any(f.rule in protected for f in hit):
            return None  # to lint, skipped as no cable (the full run words the note), or to mask
        findings.extend(hit)
    results.save()
    from .findings import Finding

    findings.sort(key=Finding.sort_key)
    report = _report(cfg, brief, findings, found, time.perf_counter() - start, view)
    return SimpleNamespace(notes=list(found.notes), errors=[], crashes=[], quiet_skips=found.quiet_skips(cfg)), report


class BriefRule:
    """A rule as the engine's brief holds it: what the formats this path
    serves read of a `rule.Rule` (its id, name, severity, kind, message and
    fix text), without loading the rule model."""

    __slots__ = ("id", "name", "severity", "kind", "message", "fix")

    def __init__(self, id: str, name: str, severity: Any, kind: str, message: str, fix: str) -> None:
        self.id, self.name, self.severity, self.kind, self.message, self.fix = id, name, severity, kind, message, fix


class _Nearer(Exception):
    """A folder met in the walk has a nearer configuration: the full run's."""


def _discover(cfg: Config, paths: list[str]) -> Any:
    """The files as Session.discover finds them, or None when a named file or
    a walked folder has a nearer configuration than `cfg` (its own session,
    its own excludes and protect list), a path is an error, or there are more
    than QUICK_MAX_FILES files. Without a
    nearer one, Session.discover's scope is `cfg` for every folder and its
    never-lint set `cfg`'s own file (no protect list: eligible), as here."""
    from .config import nearer
    from .files import TooMany, discover

    never = {os.path.realpath(cfg.path)} if cfg.path is not None else set()
    near: dict[Path, Path | None] = {}
    asked: set[str] = set()

    def scope_for(folder: str) -> Config:
        if cfg.nested and folder not in asked:
            if nearer(cfg, folder, near) is not None:
                raise _Nearer(folder)
            asked.add(folder)
        return cfg

    try:
        for p in paths:
            if os.path.isfile(p):
                scope_for(os.path.dirname(p))
        found = discover(cfg, paths, scope_for=scope_for, never=never, limit=QUICK_MAX_FILES)
    except (_Nearer, TooMany):  # a corpus stops the walk at once: the full run walks it (once)
        return None
    return None if found.errors else found


def _report(cfg: Config, brief: dict[str, Any], findings: list, found: Any, elapsed: float,
            view: dict[str, Any]) -> Report:
    """The Report Session.report makes of the same findings (no mask: no
    protect list, no masked rule's finding; no baseline)."""
    from .findings import Severity, split_by_severity
    from .reporters import Report
    from .sourcemap import SourceMap

    rules = {rid: BriefRule(rid, name, Severity(sev), kind, message, fix)
             for rid, (name, sev, kind, message, fix) in brief["rules"].items()}
    sources = SourceMap(encoding=cfg.encoding)
    for path in found.files:
        sources.add(path)  # read again only when an excerpt needs it (--show-source)
    shown, hidden = split_by_severity(findings, cfg.min_severity)
    return Report(findings=shown, rules=rules, files=len(found.files), elapsed=elapsed, sources=sources,
                  fail_on=Severity.parse(cfg.fail_on), hidden=hidden, min_severity=Severity.parse(cfg.min_severity),
                  skipped=len(found.notes), **view)
