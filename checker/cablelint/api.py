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
severity, per_file_ignores, exclude, extensions, date, as_of, protect,
min_severity, fail_on, format), with
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

import datetime as dt
from pathlib import Path
from typing import Iterable

from .config import load_config
from .settings import SETTINGS, Config
from .engine import Engine
from .findings import Finding, Severity
from .marking_check import MarkingResult, lint_marking as _lint_marking
from .protect import ProtectList
from .protectfile import coerce
from .rule import DEFAULT_RULESETS, RuleSet
from .ruleset import load as _load
from .session import Session
from .source import from_text


def load_ruleset(spec: str) -> RuleSet:
    """A shipped rule set by name ("state") or a rule set file by path."""
    return _load(spec)


def make_engine(rules: Iterable[str | RuleSet] = DEFAULT_RULESETS, *, select: Iterable[str] | None = (),
                ignore: Iterable[str] | None = (), extend_select: Iterable[str] | None = (),
                severity: dict[str, str | Severity] | None = None, date: dt.date | str | None = None,
                as_of: dt.date | str | None = None, protect: Iterable[str | Path] | ProtectList = (),
                **options) -> Engine:
    """An engine for the given rule sets (names, files or loaded RuleSets).

    `select`/`ignore`/`extend_select` take rule ids, id prefixes (CL2) or
    names; `severity` re-grades rules ({"CL502": "error"}); `protect` is a
    list of protect-list files (or a loaded ProtectList). Other keywords are
    engine options. A selector that matches no rule raises ConfigError, as in
    the CLI: the engine is built by the CLI's own `Session.build`.
    """
    cfg = make_config(None, rules=list(rules), select=list(select or ()), ignore=list(ignore or ()),
                      extend_select=list(extend_select or ()), severity=dict(severity or {}), date=date,
                      as_of=as_of, protect=protect if isinstance(protect, ProtectList) else list(protect or ()))
    return Session.build(cfg, **options).engine


def lint_text(text: str, path: str = "<text>", *, engine: Engine | None = None, **kw) -> list[Finding]:
    """Lint one document given as text; `kw` are make_engine's when no engine is given."""
    eng = engine or make_engine(**kw)
    return eng.lint_source(from_text(path, text))  # lines ending in a lone CR read as lines, as from a file


def lint_marking(text: str, *, engine: Engine | None = None, **kw) -> MarkingResult:
    """Check one banner or portion mark ('SECRET//NF', '(S//NF)') without a document:
    `.kind`, `.banner` and `.portion` (canonical forms) and `.findings`."""
    return _lint_marking(text, engine or make_engine(**kw))


def make_config(config: str | Path | Config | None = None, **settings) -> Config:
    """The settings of a `cablelint check` run: a config file (or a Config),
    then keyword settings on top, merged as command-line options are
    (`Config.with_overrides`: rules, select, format... replace; ignore,
    extend_select, exclude, protect, severity, per_file_ignores add).
    Keywords use the config keys with underscores (per_file_ignores)."""
    cfg = load_config(Path(config)) if isinstance(config, (str, Path)) else (config or Config())
    for key in settings:
        if key not in SETTINGS:
            raise TypeError(f"unknown setting {key!r} (settings: {', '.join(SETTINGS)})")
    return cfg.with_overrides("lint_paths()", **settings)


def lint_paths(paths: Iterable[str | Path], *, engine: Engine | None = None,
               config: str | Path | Config | None = None, baseline: str | Path | None = None,
               **settings) -> list[Finding]:
    """Lint files and directories as `cablelint check` does (one Session):
    directories are walked for the configured extensions, .gitignore,
    `exclude` and `per_file_ignores` apply, a `baseline` file hides known
    findings, and unreadable or missing files become CL001 findings; text
    files that are no cable nor marked document are skipped. Findings come
    back sorted by path and line; `min_severity` hides those below it.

    `settings` are make_config's; an `engine` replaces the rule-related ones
    (rules, select, ignore, extend_select, severity, date, as_of, protect).
    """
    cfg = make_config(config, **settings)
    session = Session.build(cfg) if engine is None else \
        Session(cfg, engine, coerce(engine.options.get("protect")) or ProtectList())
    run = session.lint([str(p) for p in paths], baseline=baseline)
    return session.report(run, show_matches=True).findings
