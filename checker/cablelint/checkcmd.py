"""`cablelint check` (and `report`, its HTML page): the run through
`session.Session`, the report in its format, the summary on stderr and the
exit code; `--fix` through fixrun.py, baselines through baseline.py.

Start-up time matters (pre-commit lints one file per run): what a run uses
is imported inside the function that uses it, the pickled patterns are read
before the parser's modules load (after the result cache has failed to
answer the run whole: a run it answers needs no pattern), and no reporter loads until the run has
chosen its format (issue 15).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from . import __version__, fixrun
from .cliargs import REPORT_BUG, settings
from .terminal import UsageError, say, use_color, write

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    import argparse
    from typing import Any, Callable

    from .config import Config
    from .session import Session

STDERR = "<stderr>"  # the report's destination when stdout carries a fixed text (`--fix -`)


def print_notes(args: argparse.Namespace, notes: list[str], mask: Callable[[Any], Any]) -> None:
    """The skip notes (--show-files; a FIFO always), each path masked as the
    reports mask it (reporters.masked_path: tagged, so two are never one)."""
    from .reporters import masked_note

    show_all = getattr(args, "show_files", False)
    for n in notes:  # a FIFO or device is worth a word even unasked
        if show_all or "FIFO" in n:
            say(f"cablelint: {masked_note(n, mask)}")


def cmd_check(args: argparse.Namespace) -> int:
    from .cache import cache_root

    cache = None if args.no_cache else cache_root(args.cache_dir)
    cfg = settings(args)
    if args.show_config:
        return _show_config(args, cfg)
    fmt, reporter = _check_setup(args, cfg)
    # fold.py: show_symptoms reports folded symptoms too (given only when set: the cache key stays the API's)
    options = {"show_symptoms": True} if args.show_symptoms else {}
    view = {"color": use_color(args.color, sys.stdout) and not args.output, "statistics": args.statistics,
            "quiet": args.quiet, "show_source": args.show_source, "version": __version__}
    quick = None
    if cache is not None:
        from .quickcheck import cached_report

        quick = cached_report(args, cfg, fmt, cache, options, view)  # every file a cache hit: no engine
    if quick is not None:
        (run, report), output, session = quick, args.output, None
    else:
        if cache is not None:
            from .enginecache import load_patterns

            load_patterns(cache)  # before the parser's modules import: their rx() patterns come unpickled
        got = _full_run(args, cfg, fmt, cache, options, view)
        if isinstance(got, int):
            return got  # --diff / --fix-only: nothing more to report
        run, report, output, session = got
    print_notes(args, run.notes, report.mask)
    for e in run.errors:
        say(f"cablelint: error: {report.safe(str(e))}")
    if args.write_baseline is not None and session is not None:  # (never a quick run)
        return _write_baseline(args.write_baseline, run, session.rules(), report.mask)
    if report.streamed:
        _emit_chunks(output, reporter.chunks(report))
        if cache is not None:
            from .enginecache import save_patterns

            save_patterns(cache)  # after the stream: the files were linted while it was written
    else:
        _emit(output, _report_text(args, fmt, reporter, report))
    return _check_end(args, output, reporter, run, report)


def _full_run(args: argparse.Namespace, cfg: Config, fmt: str, cache: Path | None, options: dict[str, Any],
              view: dict[str, Any]) -> tuple[Any, Any, str | None, Session] | int:
    """The run through the session: fixes first (an exit code when they end
    the run), then the lint; (run, report, where the report goes, session)."""
    from .session import Session

    session = Session.build(cfg, cache_root=cache, **options)
    stdin = ((args.stdin_filename or "<stdin>", _read_stdin()) if "-" in args.paths else None)
    fixed = _fix(args, session, stdin)
    if isinstance(fixed, int):
        return fixed
    output = args.output
    if fixed is not None and fixed.stdin is not None:  # stdin's fixed text went to stdout: the report to stderr
        stdin, output = (stdin[0], fixed.stdin), output or STDERR
    # Flagged text is re-read from the files only for the outputs that use it.
    need_matched = bool(args.write_baseline is not None or args.show_matches) or fmt in ("sarif", "gitlab")
    # Findings are written as files are linted when the format can (reporters' `chunks`) and
    # nothing needs the whole run first (Session.can_stream): memory stays flat on a corpus.
    from .reporters import get as get_reporter

    stream = (hasattr(get_reporter(fmt), "chunks") and not args.statistics and args.write_baseline is None
              and not getattr(args, "show_files", False))
    run = session.lint(args.paths, stdin=stdin, baseline=args.baseline, progress=sys.stderr, jobs=args.jobs,
                       need_matched=need_matched, stream=stream)
    if cache is not None and run.stream is None:
        from .enginecache import save_patterns

        save_patterns(cache)  # the parser's patterns, compiled on first use, for the next start
    report = session.report(run, show_matches=args.show_matches, **{**view, "color": view["color"] and not output})
    report.fixed = fixed.fixed if fixed is not None else 0
    return run, report, output, session


def _show_config(args: argparse.Namespace, cfg: Config) -> int:
    """--show-config [PATH]: the settings in effect (for PATH: a nearer configuration wins)."""
    shown = cfg
    if args.paths:
        target = args.paths[0]
        from .config import nearer

        shown = nearer(cfg, target if os.path.isdir(target) else os.path.dirname(target), {}) or cfg
    write(shown.show())
    return 0


def _check_setup(args: argparse.Namespace, cfg: Config) -> tuple[str, Any]:
    """The usage checks of `check`, and its format and reporter module."""
    from .reporters import get as get_reporter, names as reporter_names

    if not args.paths:
        raise UsageError("no paths given (try: cablelint seeds/ examples/)")
    if args.baseline is not None and args.write_baseline is not None:
        raise UsageError("--baseline and --write-baseline cannot be used together")
    fmt = cfg.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "full")
    try:
        return fmt, get_reporter(fmt)
    except KeyError:
        raise UsageError(f"unknown format {fmt!r} (formats: {', '.join(reporter_names())})") from None


def _report_text(args: argparse.Namespace, fmt: str, reporter: Any, report: Any) -> str:
    """The report in its format, or the --statistics table."""
    if not args.statistics:
        return reporter.render(report)
    from .reporters.common import statistics_text

    as_json = fmt in ("json", "json-lines")
    text = statistics_text(report, as_json=as_json)
    text += "".join(f"error: {report.safe(e)}\n" for e in report.failures if not as_json)
    if not args.quiet and not as_json:
        text += report.summary_line() + "\n"
    return text


def _carries_failures(args: argparse.Namespace, reporter: Any) -> bool:
    """Whether the report printed on stdout says the run's failures in words
    (the text formats and the text --statistics table, after the findings);
    else `_check_end` says them on stderr. JUnit and SARIF also carry them
    in their own form (a failed testcase, an unsuccessful invocation)."""
    if args.statistics:
        return getattr(reporter, "NAME", "") not in ("json", "json-lines")
    return not getattr(reporter, "MACHINE", False)


def _check_end(args: argparse.Namespace, output: str | None, reporter: Any, run: Any, report: Any) -> int:
    """What `check` says on stderr after the report, and its exit code."""
    to_file = bool(output) and output is not STDERR
    machine = (to_file or getattr(reporter, "MACHINE", False)) and not args.statistics and output is not STDERR
    if not _carries_failures(args, reporter) or to_file:
        for e in report.failures:  # a failure of the run reaches the terminal and the CI log
            say(f"cablelint: error: {report.safe(e)}")
    if (not args.quiet and machine):
        # Machine formats keep stdout parseable: the summary goes to stderr.
        for s in report.stale:
            say(f"cablelint: stale baseline entry: {report.safe(s)}")
        for n in report.notices:
            say(f"cablelint: note: {report.safe(n)}")
        say(report.summary_line())
    for c in run.crashes:
        say(f"cablelint: internal error while linting {report.safe(c)} ({REPORT_BUG})")
    if not report.files and not run.errors and not args.quiet:
        say(nothing_found(run.notes, run.quiet_skips))
    if run.crashes:
        return 3
    if args.exit_zero:
        return 0
    return 1 if report.failed() else 0


def nothing_found(notes: list[str], quiet: tuple[int, tuple[str, ...]]) -> str:
    """The warning of a run that linted no file, as ruff's "No Python files
    found under the given path(s)": a mistyped or empty folder in CI would
    otherwise pass in silence. It says why, counted by cause (`notes`: the
    skip notes; `quiet`: the files of other extensions that a walk passes
    without a note, and the extensions it lints). The exit code
    stays 0 (ruff's too): nothing was found wrong, and a hook run on a commit
    without cables must pass."""
    from .files import why_none
    from .lintpool import UNMARKED

    return f"cablelint: warning: no cable found under the given path(s) ({why_none(notes, *quiet, UNMARKED)})"


def cmd_report(args: argparse.Namespace) -> int:
    """`report`: the run of `check`, written as one HTML page (htmlreport/)."""
    from .htmlreport import command as report_cmd

    cfg = settings(args)
    if args.show_config:
        write(cfg.show())
        return 0
    stdin = (args.stdin_filename or "<stdin>", _read_stdin()) if "-" in (args.paths or []) else None
    page, run, mask, failures = report_cmd.build(args, cfg, stdin)
    print_notes(args, run.notes, mask)  # --show-files: the files skipped and why, as check says them
    to_file = args.output not in (None, "-")
    _emit(args.output if to_file else None, page)
    if to_file and not args.quiet:
        say(f"cablelint: wrote {mask(args.output)}: {len(run.findings)} findings in {len(run.linted)} files "
            f"[{run.elapsed:.2f}s]")
    for e in failures:
        say(f"cablelint: error: {mask(e)}")
    for c in run.crashes:
        say(f"cablelint: internal error while linting {mask(c)} ({REPORT_BUG})")
    if not run.linted and not run.errors and not args.quiet:
        say(nothing_found(run.notes, run.quiet_skips))
    return report_cmd.exit_code(args, run, failures)


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise UsageError("'-' given but stdin is closed")
    try:
        return stream.read()
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read stdin: {exc}") from None


def _emit(output: str | None, text: str) -> None:
    if output is None or output is STDERR:
        write(text, sys.stderr if output is STDERR else None)
        return
    if not output:
        raise UsageError("--output: an empty path (an unset variable?)")
    try:
        Path(output).write_text(text.encode("utf-8", "surrogateescape").decode("utf-8", "replace"),
                                encoding="utf-8")
    except OSError as exc:  # a usage error (exit 2), not "findings" (exit 1)
        raise UsageError(f"cannot write the report to {output}: {exc.strerror or exc}") from None


def _emit_chunks(output: str | None, chunks: Any) -> None:
    """_emit for a streamed report: the pieces written about 64 KB at a time.
    A report file is written at the end, as _emit does (it may be one of the
    files being linted): the pieces wait in a temporary file, not in memory."""
    from .reporters.common import batched

    if output is None or output is STDERR:
        for piece in batched(chunks):
            write(piece, sys.stderr if output is STDERR else None)
        return
    if not output:
        raise UsageError("--output: an empty path (an unset variable?)")
    import shutil  # here: a report to stdout (a one-file run) needs neither (~4 ms with their imports)
    import tempfile

    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        for piece in batched(chunks):
            spool.write(piece.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
        spool.seek(0)
        try:
            with open(output, "w", encoding="utf-8") as fh:
                shutil.copyfileobj(spool, fh)
        except OSError as exc:  # a usage error (exit 2), not "findings" (exit 1)
            raise UsageError(f"cannot write the report to {output}: {exc.strerror or exc}") from None


def _write_baseline(path: str, run, rules, mask: Any) -> int:
    from . import baseline as baseline_mod
    from .reporters import masked_path

    if not path:
        raise UsageError("--write-baseline: an empty path (an unset variable?)")
    # A baseline is committed, and its entries name their files: a path that
    # holds a protected name (CL614) would sit there in clear (no path hash:
    # the baseline must stay readable and follow renames). Refused, as the
    # result cache refuses to store such a file.
    secret = baseline_mod.protected_rules(rules)
    named = sorted({f.path for f in run.findings if f.rule not in secret and mask(f.path) != f.path})
    if named:
        raise UsageError(f"--write-baseline: {len(named)} file{'s' * (len(named) != 1)} whose path holds a protected "
                         f"name (CL614) would be named in clear in the baseline ({', '.join(masked_path(p, p, mask) for p in named[:3])}"
                         f"{', ...' if len(named) > 3 else ''}): rename {'them' if len(named) > 1 else 'it'}, or "
                         "leave them out of the run, and write it again")
    try:
        n, kept = baseline_mod.write(Path(path), run.findings, run.linted, rules=rules)
    except OSError as exc:
        raise UsageError(f"cannot write the baseline to {path}: {exc.strerror or exc}") from None
    extra = f" (kept {kept} for files not linted in this run)" if kept else ""
    say(f"cablelint: wrote {n} baseline entr{'y' if n == 1 else 'ies'} for {len(run.linted)} "
         f"file{'s' * (len(run.linted) != 1)} to {path}{extra}")
    return 0


def _fix(args: argparse.Namespace, session: Session,
         stdin: tuple[str, bytes] | None) -> "fixrun.FixOutcome | int | None":
    """The fix options (fixrun.py): None without them; the exit code when the
    run ends with the fixes (--diff: 1 when a file would change; --fix-only:
    0); else the outcome, and the lint run reports what is left."""
    problem = fixrun.check_usage(args)
    if problem:
        raise UsageError(problem)
    if not fixrun.wanted(args):
        return None
    outcome = fixrun.run(args, session, version=__version__, stdin=stdin)
    if args.diff or args.fix_only:
        if not args.quiet:
            say(fixrun.summary(outcome, diff_only=args.diff))
        return 1 if args.diff and outcome.changed and not args.exit_zero else 0
    return outcome


