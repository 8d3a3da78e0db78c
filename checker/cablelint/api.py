"""The Python API: lint text or paths from other tools and pipelines.

    from cablelint import lint_text, lint_paths, load_ruleset, make_engine

    findings = lint_text(text, path="05PARIS579.txt")            # state rules
    findings = lint_paths(["cables/"], rules=["state", "house.yaml"],
                          ignore=["CL503"], exclude=["archive/**"])  # like `cablelint check`
    findings = lint_paths(["cables/"], config=".cablelint.yaml") # a project's settings
    for f in findings:
        print(f.path, f.line, f.column, f.rule, f.severity, f.message)

`lint_paths` takes the settings of `cablelint check` and of the
configuration file as keywords (rules, select, ignore, extend_select,
severity, per_file_ignores, exclude, extensions, date, as_of, protect), with
`config=` to start from a config file; keywords override the file, as
command-line options do. It reads no config file unless given one.

Findings are plain values (`cablelint.Finding`); `matched` holds the flagged
text, which may be classified: print it only when you mean to.

Many documents: build one engine and reuse it (loading rule sets is the
slow part). An engine holds no per-document state and pickles, but the
cheapest pattern with multiprocessing is one engine per worker process:

    from multiprocessing import Pool
    from cablelint import lint_text, make_engine

    _engine = None

    def _init(rules):
        global _engine
        _engine = make_engine(rules)

    def _lint(item):
        path, text = item
        return lint_text(text, path, engine=_engine)

    if __name__ == "__main__":
        corpus = [("a.txt", "UNCLAS ..."), ("b.txt", "SECRET ...")]
        with Pool(initializer=_init, initargs=(["state"],)) as pool:
            for findings in pool.imap(_lint, corpus, chunksize=32):
                ...
"""
from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .dates import parse_date
from .engine import Engine
from .findings import Finding, Severity
from .marking_check import MarkingResult, lint_marking as _lint_marking
from .protect import ProtectList
from .rule import RuleSet
from .ruleset import DEFAULT_RULESETS
from .ruleset import load as _load
from .runner import build_engine, run_check
from .source import Source

if TYPE_CHECKING:
    from .config import Config

SETTINGS = ("rules", "select", "ignore", "extend_select", "severity", "per_file_ignores", "exclude",
            "extensions", "date", "as_of", "protect")


def load_ruleset(spec: str) -> RuleSet:
    """A shipped rule set by name ("state") or a rule set file by path."""
    return _load(spec)


def _day(value: dt.date | str | None) -> dt.date | None:
    return parse_date(value) if isinstance(value, str) else value


def make_engine(rules: Iterable[str | RuleSet] = DEFAULT_RULESETS, *, select: Iterable[str] | None = (),
                ignore: Iterable[str] | None = (), extend_select: Iterable[str] | None = (),
                severity: dict[str, str | Severity] | None = None, date: dt.date | str | None = None,
                as_of: dt.date | str | None = None, protect: Iterable[str | Path] | ProtectList = (),
                **options) -> Engine:
    """An engine for the given rule sets (names, files or loaded RuleSets).

    `select`/`ignore`/`extend_select` take rule ids, id prefixes (CL2) or
    names; `severity` re-grades rules ({"CL502": "error"}); `protect` is a
    list of protect-list files (or a loaded ProtectList). Other keywords are
    engine options (`release=True`). A selector that matches no rule raises
    ConfigError, as in the CLI: the engine is built by the CLI's own
    `runner.build_engine`.
    """
    cfg = make_config(None, rules=list(rules), select=list(select or ()), ignore=list(ignore or ()),
                      extend_select=list(extend_select or ()), severity=dict(severity or {}), date=date,
                      as_of=as_of, protect=protect if isinstance(protect, ProtectList) else list(protect or ()))
    return build_engine(cfg, **options)


def lint_text(text: str, path: str = "<text>", *, engine: Engine | None = None, **kw) -> list[Finding]:
    """Lint one document given as text; `kw` are make_engine's when no engine is given."""
    eng = engine or make_engine(**kw)
    return eng.lint_source(Source(path, text))


def lint_marking(text: str, *, engine: Engine | None = None, **kw) -> MarkingResult:
    """Check one banner or portion mark ('SECRET//NF', '(S//NF)') without a document:
    `.kind`, `.banner` and `.portion` (canonical forms) and `.findings`."""
    return _lint_marking(text, engine or make_engine(**kw))


def make_config(config: str | Path | Config | None = None, **settings) -> Config:
    """The settings of a `cablelint check` run: a config file (or a Config),
    then keyword settings on top, as command-line options go on top of the
    file. Keywords use the config keys with underscores (per_file_ignores)."""
    from .config import Config, load_config

    cfg = load_config(Path(config)) if isinstance(config, (str, Path)) else copy.deepcopy(config or Config())
    for key, value in settings.items():
        if key not in SETTINGS:
            raise TypeError(f"unknown setting {key!r} (settings: {', '.join(SETTINGS)})")
        if key == "severity":
            value = {k: v if isinstance(v, Severity) else Severity.parse(str(v)) for k, v in value.items()}
        elif key == "extensions":
            value = [e if e.startswith(".") else "." + e for e in value]
        elif key in ("date", "as_of"):
            value = _day(value)
        elif key == "per_file_ignores":
            value = {g: list(v) for g, v in value.items()}
        elif key != "protect" or not isinstance(value, ProtectList):
            value = [v if isinstance(v, RuleSet) else str(v)
                     for v in ([value] if isinstance(value, (str, Path, RuleSet)) else value)]
        setattr(cfg, key, value)
    return cfg


def lint_paths(paths: Iterable[str | Path], *, engine: Engine | None = None,
               config: str | Path | Config | None = None, baseline: str | Path | None = None,
               **settings) -> list[Finding]:
    """Lint files and directories as `cablelint check` does: directories are
    walked for the configured extensions, `exclude` and `per_file_ignores`
    apply, a `baseline` file hides known findings, and unreadable or missing
    files become CL001 findings. Findings come back sorted by path and line.

    `settings` are make_config's; an `engine` replaces the rule-related ones
    (rules, select, ignore, extend_select, severity, date, as_of, protect).
    """
    cfg = make_config(config, **settings)
    return run_check(cfg, [str(p) for p in paths], engine=engine, baseline=baseline).findings
