"""The Python API: lint text or paths from other tools and pipelines.

    from cablelint import lint_text, lint_paths, load_ruleset
    findings = lint_text(text, path="05PARIS579.txt")

Each call builds nothing it does not need; for many documents, make one
Engine (`make_engine`) and call `engine.lint_source` per document, or pass an
engine to `lint_paths`. Engines hold no per-document state, so one engine can
be used from one process at a time; with multiprocessing make one per worker.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable

from .engine import INPUT_ERROR, Engine, Selection
from .findings import Finding
from .rule import RuleSet
from .ruleset import load as _load
from .source import InputError, Source, decode, read

DEFAULT_RULESETS = ("state",)


def load_ruleset(spec: str) -> RuleSet:
    """A shipped rule set by name ("state") or a rule set file by path."""
    return _load(spec)


def make_engine(rulesets: Iterable[str | RuleSet] = DEFAULT_RULESETS, *, select: list[str] | None = None,
                ignore: list[str] | None = None, date: dt.date | None = None,
                as_of: dt.date | None = None, **options) -> Engine:
    sets = [r if isinstance(r, RuleSet) else load_ruleset(r) for r in rulesets]
    return Engine(sets, Selection(select=select or [], ignore=ignore or []), date=date, as_of=as_of,
                  options=options)


def lint_text(text: str, path: str = "<text>", *, engine: Engine | None = None, **kw) -> list[Finding]:
    """Lint one document given as text."""
    eng = engine or make_engine(**kw)
    return eng.lint_source(Source(path, text))


def lint_bytes(data: bytes, path: str, engine: Engine) -> list[Finding]:
    """Lint raw bytes; undecodable input becomes a CL001 finding, not an exception."""
    try:
        src = decode(data, path)
    except InputError as exc:
        return [input_error_finding(path, str(exc))]
    return engine.lint_source(src)


def input_error_finding(path: str, message: str) -> Finding:
    """A CL001 finding from an InputError text `path[:line[:col]]: what is wrong`."""
    line, col, text = 1, 1, message
    if message.startswith(path + ":"):
        rest = message[len(path) + 1:]
        nums = []
        while True:
            head, sep, tail = rest.partition(":")
            if sep and head.isdigit() and len(nums) < 2:
                nums.append(int(head))
                rest = tail
            else:
                break
        text = rest.strip()
        if nums:
            line = nums[0]
        if len(nums) > 1:
            col = nums[1]
    return Finding(path=path, rule=INPUT_ERROR.id, name=INPUT_ERROR.name, severity=INPUT_ERROR.severity,
                   message=text, line=line, column=col, end_line=line, end_column=col + 1)


def lint_paths(paths: Iterable[str | Path], *, engine: Engine | None = None, **kw) -> list[Finding]:
    """Lint files (directories are walked); unreadable files become CL001 findings."""
    from .files import discover

    eng = engine or make_engine(**kw)
    files, errors = discover([str(p) for p in paths])
    out: list[Finding] = [input_error_finding(e.split(":")[0], e) for e in errors]
    for f in files:
        try:
            out.extend(eng.lint_source(read(f)))
        except InputError as exc:
            out.append(input_error_finding(f, str(exc)))
    return out
