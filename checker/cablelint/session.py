"""One run, set up in one place for every front end (`check`, `inspect`,
`redact`, `test`, the Python API): configuration -> rule sets -> protect
list -> engine -> file discovery -> findings -> mask -> report.

    cfg = config.resolve().with_overrides("--ignore", ignore=["CL503"])
    session = Session.build(cfg)
    run = session.lint(["cables/"])          # findings after per-file-ignores and baseline
    report = session.report(run)             # masked, --min-severity applied

A configuration found by walking up (not `--config`, not the API) is
`nested`: a linted file under a folder with its own configuration gets that
one, with the same command-line settings on top (ruff's model), so a
sub-project keeps its rules wherever cablelint is started.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, TextIO

from .config import Config, nearer, nearest, path_matches
from .engine import Engine, known_rules
from .files import Discovery, PathError, discover
from .findings import Finding, Severity
from .records import fields_eq, fields_repr
from .lintpool import UNMARKED, Crash, Summarize, fill_matched, lint_files, lint_summarized, protected_rule_ids
from .progress import Progress
from .rule import DEFAULT_RULESETS, Rule
from .runsetup import check_selectors, is_protect_list, regular_files, rulesets, startup_done
from .selection import Selection, matches, severity_map
from .source import InputError, Source, decode
from .sourcemap import SourceMap

if TYPE_CHECKING:  # loaded when a run uses them: the rule loader (and YAML) only on a cold engine cache
    from . import baseline as baseline_mod
    from . import protect as protect_mod
    from .reporters import Report


class CheckRun:
    """What a run found and read. A plain class, not a @dataclass (records.py
    says why), with the `==` and repr one gave (records.fields_eq, fields_repr)."""

    __eq__ = fields_eq
    __repr__ = fields_repr
    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's

    def __init__(self, findings: list[Finding], sources: SourceMap, linted: list[str], errors: list[PathError],
                 elapsed: float, engine: Engine, suppressed: int = 0, stale: list[baseline_mod.Entry] | None = None,
                 notes: list[str] | None = None, crashes: list[str] | None = None,
                 summaries: dict[str, Any] | None = None, stream: Iterator[Finding] | None = None) -> None:
        self.findings = findings
        self.sources = sources  # readable inputs, read again when an excerpt or the mask needs one
        self.linted = linted  # every input, readable or not
        self.errors = errors  # paths that could not be linted (each also a CL001 finding)
        self.elapsed, self.engine, self.suppressed = elapsed, engine, suppressed
        self.stale = [] if stale is None else stale
        self.notes = [] if notes is None else notes  # files skipped and why (--show-files)
        # (files of another extension, the extensions linted): what a walk passes unnoted
        self.quiet_skips: tuple[int, tuple[str, ...]] = (0, ())
        self.crashes = [] if crashes is None else crashes  # "path: error" of files a bug stopped (exit 3)
        # path -> summarize(engine, document) of each linted file, when lint() was
        # given `summarize` (the HTML report's per-cable year, post, level)
        self.summaries = {} if summaries is None else summaries
        # lint(stream=True): the findings, in sorted order, linted as this is
        # gone through (once); `findings` is then only the buffer of one file
        self.stream = stream
        # the sessions (configurations) that lint at least one input of the run
        # (runreport.release_unprotected: a configuration that lints nothing fails nothing)
        self.used: list[Session] = []


class Session:
    """The run's settings, rule sets, protect list and engine (for one
    configuration), plus the sessions of nearer configurations it met. A
    plain class, not a @dataclass (records.py says why)."""

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's

    def __init__(self, cfg: Config, engine: Engine, protect_list: "protect_mod.ProtectList | None",
                 cache_root: Path | None = None) -> None:
        self.cfg, self.engine = cfg, engine
        self.protect_list = protect_list  # None: no list given (protect.py is then never imported)
        self._near: dict[Path, Path | None] = {}
        self._children: dict[Path, Session] = {}
        self._rules: dict[str, Rule] | None = None  # the engine's, computed once
        self._by_folder: dict[str, Session] = {}  # for_folder's answers
        self.cache_root = cache_root  # the result and engine caches (cache.py), None: off

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return vars(self) == vars(other)

    def __repr__(self) -> str:
        return (f"Session(cfg={self.cfg!r}, engine={self.engine!r}, protect_list={self.protect_list!r}, "
                f"cache_root={self.cache_root!r})")

    @property
    def protect(self) -> protect_mod.ProtectList:
        """The run's protect list (empty when none was given)."""
        if self.protect_list is None:
            from . import protect as protect_mod

            self.protect_list = protect_mod.ProtectList()
        return self.protect_list

    @classmethod
    def build(cls, cfg: Config, *, cache_root: Path | None = None, **options: Any) -> "Session":
        """Load the rule sets and protect lists of `cfg` and build its engine.
        Selectors are checked against the loaded rules first (ConfigError).
        With `cache_root`, the engine built last time for the same settings
        and unchanged rule files is loaded instead (enginecache)."""
        # The run's one encoding of files that are not UTF-8: `--encoding` or the top
        # configuration's; a nearer configuration's session is given its parent's
        # (_nearest_session). Every reader passes it from the engine's options to
        # source.decode (no module state), and it is in the engine's and results' keys.
        options["encoding"] = options["encoding"] if "encoding" in options else cfg.encoding
        plist = None  # no list: the protect modules (~9 ms of a start) are not imported
        if is_protect_list(cfg.protect):
            plist = cfg.protect
        elif cfg.protect:
            from .protectfile import load as load_protect

            regular_files(cfg.protect, "protect list")
            plist = load_protect(cfg.protect)

        def build_engine() -> Engine:
            sets = rulesets(cfg.rules or DEFAULT_RULESETS)
            rules = known_rules(sets)
            check_selectors(cfg, rules)
            sel = Selection(select=list(cfg.select), ignore=list(cfg.ignore),
                            extend_select=list(cfg.extend_select), severity=severity_map(cfg.severity, rules))
            if plist:
                options["protect"] = plist
            if any(rs.name == "release" for rs in sets):
                options.setdefault("release", True)  # `when: {release: ...}`: this run is a release review
            return Engine(sets, sel, date=cfg.date, as_of=cfg.as_of, options=options)

        if cache_root is None:
            engine = build_engine()
        else:
            from .enginecache import cached_build  # issue 15 integration point: the engine cache

            engine = cached_build(cfg, dict(options), build_engine, cache_root, protect=plist)
        startup_done()
        return cls(cfg, engine, plist, cache_root=cache_root)

    # -- which configuration a file gets --------------------------------------

    def for_folder(self, folder: str) -> "Session":
        """The session of the configuration nearest to `folder` (this one unless
        the configuration is nested and a nearer file exists)."""
        if not self.cfg.nested:
            return self
        # a corpus folder asks once, not once per file (a resolve() each); relative to the cwd of the ask
        key = folder if os.path.isabs(folder) else os.path.join(os.getcwd(), folder)
        got = self._by_folder.get(key)
        if got is None:
            got = self._by_folder[key] = self._nearest_session(folder)
        return got

    def _nearest_session(self, folder: str) -> "Session":
        found = nearest(Path(folder or "."), self._near)
        if found is None or (self.cfg.path is not None and found.resolve() == self.cfg.path.resolve()):
            return self
        key = found.resolve()
        if key not in self._children:
            cfg = nearer(self.cfg, folder, self._near)
            assert cfg is not None
            _one_encoding(cfg, self.engine.options.get("encoding"))
            self._children[key] = Session.build(cfg, cache_root=self.cache_root,
                                                **{k: v for k, v in self.engine.options.items() if k != "protect"})
        return self._children[key]

    def sessions(self) -> list["Session"]:
        return [self, *self._children.values()]

    def never_lint(self) -> set[str]:
        """Real paths of the protect lists and configuration files in play."""
        out = set()
        for s in self.sessions():
            if s.cfg.path is not None:
                out.add(os.path.realpath(s.cfg.path))
            if not is_protect_list(s.cfg.protect):
                out.update(os.path.realpath(p) for p in s.cfg.protect or [])
        return out

    def discover(self, paths: list[str]) -> Discovery:
        """The files to lint (see files.discover), each configuration's exclude
        and extensions applied under its folder; the protect lists of a nearer
        configuration met on the way are never linted either."""
        return discover(self.cfg, paths, scope_for=lambda d: self.for_folder(d).cfg, never=_NeverLint(self))

    # -- linting --------------------------------------------------------------

    def per_file_ignored(self, f: Finding) -> bool:
        cfg = self.cfg
        if not cfg.per_file_ignores:
            return False
        if self._rules is None:
            self._rules = self.engine.rules
        rules = self._rules
        for glob, sels in cfg.per_file_ignores.items():
            if path_matches(f.path, glob, cfg.root) and any(_names(rules.get(f.rule), f.rule, s) for s in sels):
                return True
        return False

    def lint(self, paths: list[str], *, stdin: tuple[str, bytes] | None = None,
             baseline: str | Path | None = None, progress: TextIO | None = None, jobs: int | None = 1,
             need_matched: bool = True, summarize: Summarize | None = None, stream: bool = False) -> CheckRun:
        """Lint `paths` ('-' entries are ignored; pass stdin as (name, bytes)).
        `jobs` > 1 lints in that many worker processes, 0 one per core, None
        one per core for big runs (same results). Findings from the cache or
        from workers come without `matched`: `need_matched` re-reads it for
        the outputs that use it (baselines and their fingerprints,
        --show-matches); the protected rules' findings always get it back,
        the mask is built from them. `summarize(engine, document)`, a
        module-level function, fills `CheckRun.summaries` with a record per
        linted file. `stream`: when the run allows it (`can_stream`), lint
        nothing yet and give `CheckRun.stream`, which lints file by file as
        it is gone through; the run's lists and time are complete after."""
        start = time.perf_counter()
        found = self.discover(paths)
        sources = SourceMap(encoding=self.engine.options.get("encoding"))
        run = CheckRun([], sources, [], list(found.errors), 0.0, self.engine, notes=list(found.notes))
        run.quiet_skips = found.quiet_skips(self.cfg)
        for e in found.errors:
            self._unreadable(run, self, e.path, e.message)
        bar = Progress(len(found.files) + (stdin is not None), progress) if progress is not None else None
        if stream and self.can_stream(baseline, summarize):
            from .streamrun import streamed

            run.used = [self] if found.files or stdin is not None else []  # (streamed: no nearer configuration)
            run.stream = streamed(self, run, found.files, stdin, jobs, need_matched, bar, start)
            return run
        try:
            if stdin is not None:
                self._lint_stdin(run, *stdin, summarize=summarize)
                if bar:
                    bar.advance()
            groups: dict[int, tuple[Session, list[str]]] = {}
            for f in found.files:
                s = self.for_folder(os.path.dirname(f))
                groups.setdefault(id(s), (s, []))[1].append(f)
            run.used = [s for s, _ in groups.values()]
            if stdin is not None and id(self) not in groups:
                run.used.append(self)
            for s, files in groups.values():
                for f, got, exc, summary in lint_files(s.engine, files, jobs, s.cache_root,  # issue 15
                                                       summarize):
                    self._take(run, s, f, None, got, exc, summary)
                    if bar:
                        bar.advance()
        finally:
            if bar:
                bar.close()
        run.findings.sort(key=Finding.sort_key)
        if need_matched or baseline is not None:
            fill_matched(run.findings, run.sources)
        elif protecting := protected_rule_ids(self.rules()):
            fill_matched(run.findings, run.sources, only=protecting)  # a flagged name is masked in every output
        if baseline is not None:
            self._apply_baseline(run, baseline)
        run.elapsed = time.perf_counter() - start
        return run

    def can_stream(self, baseline: Any = None, summarize: Summarize | None = None) -> bool:
        """Whether findings can go out as files are linted (streamrun.can_stream)."""
        from .streamrun import can_stream

        return can_stream(self, baseline, summarize)

    def _lint_stdin(self, run: CheckRun, name: str, data: bytes, summarize: Summarize | None = None) -> None:
        try:
            src = decode(data, name, self.engine.options.get("encoding"))
        except InputError as exc:
            run.linted.append(name)
            self._unreadable(run, self, name, exc.reason, exc.line, exc.column)
            return
        try:
            (found, summary), crash = lint_summarized(self.engine, src, summarize), None
        except Exception as exc:  # noqa: BLE001 - reported as an internal error, exit 3
            found, summary, crash = None, None, Crash(f"{type(exc).__name__}: {exc}")
        self._take(run, self, name, src, found, crash, summary)

    def _take(self, run: CheckRun, s: "Session", path: str, src: Source | None, found: list[Finding] | None,
              exc: InputError | Crash | None, summary: Any = None) -> None:
        if isinstance(exc, Crash):
            run.linted.append(path)
            run.crashes.append(f"{path}: {exc}")
        elif exc is not None:
            run.linted.append(path)
            self._unreadable(run, s, path, exc.reason, exc.line, exc.column)
        elif found is None:
            run.notes.append(f"{path}: skipped ({UNMARKED})")
        else:
            run.linted.append(path)
            run.sources.add(path, src)  # stdin's text is held; a file is read again when needed
            run.findings.extend(f for f in found if not s.per_file_ignored(f))
            if summary is not None:
                run.summaries[path] = summary

    @staticmethod
    def _unreadable(run: CheckRun, s: "Session", path: str, message: str, line: int | None = 1,
                    column: int | None = 1) -> None:
        got = s.engine.input_error(path, message, line or 1, column or 1)
        if got is not None and not s.per_file_ignored(got):
            from .inputadvice import advice  # only a run with an unreadable input pays for it

            got.extra = {**got.extra, "fix": advice(path, message)}  # the cause's own fix (inputadvice.py)
            run.findings.append(got)

    def _apply_baseline(self, run: CheckRun, baseline: str | Path) -> None:
        from . import baseline as baseline_mod

        regular_files([baseline], "baseline")

        def relevant(path: str, rule_id: str) -> bool:
            s = self.for_folder(os.path.dirname(path))
            rule = s.engine.rules.get(rule_id)
            probe = Finding(path, rule_id, "", Severity.INFO, "", 1, 1, 1, 2)
            return rule is not None and s.engine.selection.active(rule) and not s.per_file_ignored(probe)

        rules = self.rules()
        applied = baseline_mod.apply(Path(baseline), run.findings, run.linted, relevant, rules=rules)
        run.findings, run.suppressed, run.stale = applied.findings, applied.suppressed, applied.stale

    # -- output ---------------------------------------------------------------

    def rules(self) -> dict[str, Rule]:
        out: dict[str, Rule] = {}
        for s in self.sessions():
            for k, v in s.engine.rules.items():
                out.setdefault(k, v)
        return out

    def mask(self, sources: Iterable[Any], flagged: Iterable[str] = ()) -> Callable[[Any], Any]:
        """The run's one output mask (runreport.mask)."""
        from .runreport import mask

        return mask(self, sources, flagged)


    def report(self, run: CheckRun, *, show_matches: bool = False, **view: Any) -> Report:
        """The Report of a run (runreport.report): masked unless show_matches,
        findings below min-severity hidden but counted."""
        from .runreport import report

        return report(self, run, show_matches=show_matches, **view)


class _NeverLint:
    """`path in never`: the protect lists and configuration files of every
    session met so far (nearer configurations join during discovery)."""

    def __init__(self, session: Session) -> None:
        self.session, self.seen, self.paths = session, -1, set()

    def __contains__(self, path: object) -> bool:
        if len(self.session._children) != self.seen:
            self.seen, self.paths = len(self.session._children), self.session.never_lint()
        return path in self.paths


def _names(rule: Rule | None, rule_id: str, sel: str) -> bool:
    if rule is None:
        return rule_id == sel or (sel.isalnum() and rule_id.startswith(sel)) or sel == "ALL"
    return matches(rule, sel)


def _one_encoding(cfg: Config, run_encoding: str | None) -> None:
    """A nearer configuration's `encoding:` is ignored, with a warning: the
    encoding is one setting for the run (what a file is read as must not
    depend on which other paths share its run, nor the cached result)."""
    if cfg.encoding is not None and cfg.encoding != run_encoding:
        import sys

        print(f"cablelint: warning: {cfg.path}: `encoding: {cfg.encoding}` ignored: the encoding is one "
              f"setting for the whole run (`--encoding` or the top configuration's `encoding:`), "
              f"here {run_encoding or 'none (files not UTF-8 are refused, CL001)'}", file=sys.stderr)
