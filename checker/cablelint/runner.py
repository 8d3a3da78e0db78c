"""One `check` run, reusable outside the CLI: settings -> engine -> files ->
findings (after per-file-ignores and the baseline).

    cfg = config.resolve()                  # or config.Config(select=["CL2"])
    run = run_check(cfg, ["cables/"])
    run.findings, run.suppressed, run.stale
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from . import baseline as baseline_mod
from . import protect as protect_mod
from .config import Config, ConfigError, path_matches
from .engine import Engine, Selection, known_rules
from .files import DEFAULT_EXTENSIONS, PathError, discover
from .findings import Finding, Severity
from .progress import Progress
from .rule import Rule, RuleSet
from .ruleset import DEFAULT_RULESETS, load
from .source import InputError, Source, decode, read


@dataclass
class CheckRun:
    findings: list[Finding]
    sources: dict[str, Source]  # readable inputs, for excerpts
    linted: list[str]  # every input, readable or not
    errors: list[PathError]  # missing paths (each also a CL001 finding when CL001 is selected)
    elapsed: float
    engine: Engine
    suppressed: int = 0
    stale: list[baseline_mod.Entry] = field(default_factory=list)


def _selected(rule: Rule | None, rule_id: str, sel: str) -> bool:
    if rule is None:
        return rule_id == sel or (sel.isalnum() and rule_id.startswith(sel)) or sel == "ALL"
    return Selection._matches(rule, sel)


def check_selectors(cfg: Config, rules: dict[str, Rule]) -> None:
    """A selector that matches no loaded rule is a typo or a missing rule set:
    fail loudly rather than silently select nothing."""
    groups = [("select", cfg.select), ("ignore", cfg.ignore), ("extend-select", cfg.extend_select)]
    groups += [(f"severity.{k}", [k]) for k in cfg.severity]
    groups += [(f"per-file-ignores.{g}", v) for g, v in cfg.per_file_ignores.items()]
    for key, sels in groups:
        for sel in sels:
            if not Selection.names_any(sel, rules.values()):
                raise ConfigError(f"{cfg.where(key)}: no rule matches {sel!r} in `{key.split('.')[0]}` "
                                  "(give a rule id, an id prefix such as CL2, or a rule name)")


def severity_map(overrides: dict[str, Severity], rules: dict[str, Rule]) -> dict[str, Severity]:
    """Expand overrides given by id, name, prefix or ALL to one entry per rule id;
    the most specific selector wins (id or name, then the longest prefix)."""
    out: dict[str, Severity] = {}
    for r in rules.values():
        best, rank = None, -1
        for sel, sev in overrides.items():
            if sel in (r.id, r.name):
                score = 10_000
            elif sel == "ALL":
                score = 0
            elif sel.isalnum() and r.id.startswith(sel):
                score = len(sel)
            else:
                continue
            if score > rank:
                best, rank = sev, score
        if best is not None:
            out[r.id] = best
    return out


def build_engine(cfg: Config, **options) -> Engine:
    """The one engine of a run, for these settings: `cablelint check`,
    `lint_paths` and `make_engine` all come here, so they cannot drift apart.
    Selectors (per-file-ignores too) are checked against the loaded rule sets
    before the engine is built; `cfg.protect` (files or a ProtectList) becomes
    the `protect` option, and a `release` rule set turns `release` on.
    `options` are further engine options."""
    sets = [s if isinstance(s, RuleSet) else load(s) for s in (cfg.rules or DEFAULT_RULESETS)]
    rules = known_rules(sets)
    check_selectors(cfg, rules)
    sel = Selection(select=list(cfg.select), ignore=list(cfg.ignore), extend_select=list(cfg.extend_select),
                    severity=severity_map(cfg.severity, rules))
    plist = cfg.protect if isinstance(cfg.protect, protect_mod.ProtectList) else protect_mod.load(cfg.protect or [])
    if plist:
        options["protect"] = plist
    if any(rs.name == "release" for rs in sets):
        options.setdefault("release", True)  # release rules judge a release
    return Engine(sets, sel, date=cfg.date, as_of=cfg.as_of, options=options)


def discover_inputs(cfg: Config, paths: list[str]) -> tuple[list[str], list[PathError]]:
    """Files to lint (excludes applied, relative to the config's directory too)."""
    exts = tuple(cfg.extensions or DEFAULT_EXTENSIONS)
    files, errors = discover([p for p in paths if p != "-"], exts, exclude=cfg.exclude)
    if cfg.exclude:
        files = [f for f in files if not any(path_matches(f, g, cfg.root) for g in cfg.exclude)]
    return files, errors


def per_file_ignored(f: Finding, cfg: Config, rules: dict[str, Rule]) -> bool:
    for glob, sels in cfg.per_file_ignores.items():
        if path_matches(f.path, glob, cfg.root) and any(_selected(rules.get(f.rule), f.rule, s) for s in sels):
            return True
    return False


_WORKER_ENGINE: Engine | None = None


def _worker_init(engine: Engine | None) -> None:
    global _WORKER_ENGINE
    if engine is not None:  # spawn: the engine comes pickled; fork: it is inherited
        _WORKER_ENGINE = engine


def _lint_one(path: str) -> tuple[str, Source | None, list[Finding], InputError | None]:
    """One file in a worker process: (path, source, findings, read error)."""
    assert _WORKER_ENGINE is not None
    try:
        src = read(path)
    except InputError as exc:
        return path, None, [], exc
    return path, src, _WORKER_ENGINE.lint_source(src), None


def _lint_files(engine: Engine, files: list[str], jobs: int):
    """(path, source, findings, error) per file, in the order of `files`:
    in this process, or spread over `jobs` worker processes for big runs."""
    global _WORKER_ENGINE
    if jobs <= 1 or len(files) < 64:
        for f in files:
            try:
                src = read(f)
            except InputError as exc:
                yield f, None, [], exc
            else:
                yield f, src, engine.lint_source(src), None
        return
    import multiprocessing as mp

    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else "spawn")
    _WORKER_ENGINE = engine
    try:
        with ctx.Pool(jobs, initializer=_worker_init,
                      initargs=(None if ctx.get_start_method() == "fork" else engine,)) as pool:
            yield from pool.imap(_lint_one, files, chunksize=max(1, min(64, len(files) // (jobs * 8))))
    finally:
        _WORKER_ENGINE = None


def run_check(cfg: Config, paths: list[str], *, engine: Engine | None = None,
              stdin: tuple[str, bytes] | None = None, baseline: str | Path | None = None,
              progress: TextIO | None = None, jobs: int = 1) -> CheckRun:
    """Lint `paths` ('-' entries are ignored; pass stdin as (name, bytes)).
    `jobs` > 1 lints big runs in that many worker processes (same results)."""
    engine = engine or build_engine(cfg)
    start = time.perf_counter()
    files, errors = discover_inputs(cfg, paths)
    findings: list[Finding] = []

    def unreadable(path: str, message: str, line: int | None = 1, column: int | None = 1) -> None:
        found = engine.input_error(path, message, line or 1, column or 1)
        if found is not None:
            findings.append(found)

    for e in errors:
        unreadable(e.path, e.message)
    sources: dict[str, Source] = {}
    linted: list[str] = []
    bar = Progress(len(files) + (stdin is not None), progress) if progress is not None else None
    if stdin is not None:
        name, data = stdin
        linted.append(name)
        try:
            src = decode(data, name)
            sources[name] = src
            findings.extend(engine.lint_source(src))
        except InputError as exc:
            unreadable(name, exc.reason, exc.line, exc.column)
        if bar:
            bar.advance()
    try:
        for f, src, found, exc in _lint_files(engine, files, jobs):
            linted.append(f)
            if exc is not None:
                unreadable(f, exc.reason, exc.line, exc.column)
            else:
                sources[f] = src
                findings.extend(found)
            if bar:
                bar.advance()
    finally:
        if bar:
            bar.close()
    rules = engine.rules
    kept = [f for f in findings if not per_file_ignored(f, cfg, rules)]
    kept.sort(key=Finding.sort_key)
    run = CheckRun(kept, sources, linted, errors, 0.0, engine)
    if baseline is not None:
        def relevant(path: str, rule_id: str) -> bool:
            rule = rules.get(rule_id)
            probe = Finding(path, rule_id, "", Severity.INFO, "", 1, 1, 1, 2)
            return rule is not None and engine.selection.active(rule) and not per_file_ignored(probe, cfg, rules)

        applied = baseline_mod.apply(Path(baseline), kept, linted, relevant, rules=rules)
        run.findings, run.suppressed, run.stale = applied.findings, applied.suppressed, applied.stale
    run.elapsed = time.perf_counter() - start
    return run
