"""The `cablelint` command: argument parsing and printing. Every command
sets up its run through `session.Session` (configuration, rule sets,
protect list, file discovery, engine, mask, report).

    cablelint [check] PATH...      lint cables (the default command)
    cablelint inspect PATH...      show the parsed document
    cablelint rules [--all]        list rule sets, or every rule
    cablelint rule ID              explain one rule
    cablelint test [PATH...]       run the examples kept with each rule
    cablelint redact PATH...       replace protected names with placeholders
    cablelint report PATH... -o F  one HTML page about the run (htmlreport/)

Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 a usage,
configuration, rule-set or input/output error stopped the run; 3 an
internal error (a bug: please report it).
"""
from __future__ import annotations

import argparse
import datetime as dt
import errno
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from . import __version__, fixrun
from .dates import parse_date
from .findings import Severity
from .terminal import UsageError, say, stdout_gone, use_color, write

if TYPE_CHECKING:
    from .config import Config

# Start-up time matters (pre-commit lints one file per run): each command
# imports what it uses inside its function, and no reporter loads until the
# run has chosen its format (issue 15).

COMMANDS = ("check", "inspect", "rules", "rule", "test", "redact", "marking", "report")
REPORT_BUG = "this is a bug in cablelint: please report it with the command you ran"
STDERR = "<stderr>"  # the report's destination when stdout carries a fixed text (`--fix -`)


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", "-r", action="append", metavar="NAME|FILE",
                   help="rule set to use (repeatable); default: state, capco and cui, "
                        "each for the documents of its shape")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                   help="cable date, when the cable does not give one")


def _add_discovery(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options that choose the configuration and the files, shared by
    check, inspect and redact so that they lint and rewrite the same files."""
    p.add_argument("--config", metavar="FILE", help="use this config file (.cablelint.yaml or pyproject.toml) "
                   "for every file (default: the nearest one to each file)")
    p.add_argument("--isolated", action="store_true", help="ignore all config files")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="skip files matching GLOB (adds to the config's exclude)")
    p.add_argument("--extensions", default=None,
                   help="file endings to take from folders, case ignored (default .txt,.cable,.tel)")
    p.add_argument("--show-files", action="store_true",
                   help="say on stderr which files were skipped and why (.gitignore, exclude, not a cable...)")
    return p


def _check_parser(sub: Any) -> argparse.ArgumentParser:
    """The `check` command's options (`report` takes every one of them)."""
    from .reporters import names as reporter_names

    c = sub.add_parser("check", help="lint cables (the default command)")
    c.add_argument("paths", nargs="*", metavar="PATH", help="files or directories ('-' for stdin)")
    _add_common(c)
    c.add_argument("--format", "-f", default=None, help="output format: " + ", ".join(reporter_names()) +
                   " (default full; github when GITHUB_ACTIONS=true)")
    c.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    c.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="review/release date (default today)")
    c.add_argument("--select", action="append", default=[], metavar="RULE",
                   help="only these rules (id, prefix such as CL2, or name; repeatable or comma list)")
    c.add_argument("--ignore", action="append", default=[], metavar="RULE", help="skip these rules")
    c.add_argument("--extend-select", action="append", default=[], metavar="RULE",
                   help="add rules to the selection")
    c.add_argument("--severity-override", action="append", default=[], metavar="RULE=SEVERITY",
                   help="re-grade a rule, e.g. CL201=warning (repeatable)")
    c.add_argument("--fail-on", choices=["error", "warning", "info"], default=None,
                   help="lowest severity that makes the exit code 1 (default error)")
    c.add_argument("--min-severity", choices=["error", "warning", "info"], default=None,
                   help="hide findings below this severity (the summary still counts them)")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    c.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="lint and fix in N worker processes (0: one per CPU; default: one per CPU for runs of "
                        "200 files or more; 1: no workers); results are the same")
    c.add_argument("--no-cache", action="store_true",
                   help="neither read nor write the cache (findings per file, the loaded rule sets)")
    c.add_argument("--cache-dir", metavar="DIR",
                   help="where the cache lives (default .cablelint_cache in the current directory, "
                        "or $CABLELINT_CACHE_DIR)")
    c.add_argument("--show-config", action="store_true",
                   help="print the settings in effect and the file they came from, then exit")
    c.add_argument("--statistics", action="store_true", help="print the number of findings per rule")
    c.add_argument("--baseline", metavar="FILE", help="hide findings recorded in this baseline file")
    c.add_argument("--write-baseline", metavar="FILE",
                   help="record the current findings in FILE (then exit 0); nothing else writes it")
    c.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    c.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")
    c.add_argument("--show-source", action="store_true",
                   help="full format: print each flagged line of the cable (may be classified; protected "
                        "names stay masked) - for your own terminal, not for CI logs")
    c.add_argument("--show-matches", action="store_true",
                   help="print each finding's flagged text (full, json, json-lines; may be classified); "
                        "this also turns off protect-list masking for the whole output (--show-source lines, "
                        "messages, file names); fixes' --diff and --audit stay masked")
    c.add_argument("--protect", action="append", default=[], metavar="FILE",
                   help="protect list: names that must never appear unredacted, nor in any output "
                        "(repeatable; adds to the config's `protect`)")
    _add_discovery(c)
    c.add_argument("--show-symptoms", action="store_true",
                   help="also report one by one the findings folded into a diagnosis of export damage (CL9xx)")
    c.add_argument("--stdin-filename", metavar="NAME", help="name for '-' input in the report")
    fixrun.add_arguments(c)
    return c


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line; given the `command` being run, only its subparser is
    built (each costs gettext look-ups and imports at start-up), else all of them."""
    ap = argparse.ArgumentParser(prog="cablelint", description="Lint diplomatic cables for "
                                 "classification-marking and redaction compliance.")
    ap.add_argument("--version", action="version", version=f"cablelint {__version__}")
    sub = ap.add_subparsers(dest="command")

    if command in (None, "check", "report"):  # `report` takes every `check` option
        c = _check_parser(sub)

    if command in (None, "inspect"):
        i = sub.add_parser("inspect", help="show the parsed document")
        i.add_argument("paths", nargs="+", metavar="PATH")
        _add_common(i)
        i.add_argument("--format", "-f", choices=["text", "json"], default="text")
        i.add_argument("--protect", action="append", default=[], metavar="FILE",
                       help="mask the names of these protect lists in the output (adds to the config's)")
        _add_discovery(i)

    if command in (None, "rules"):
        r = sub.add_parser("rules", help="list rule sets, or every rule with --all")
        r.add_argument("--all", action="store_true", help="list every rule of the chosen rule sets")
        r.add_argument("--rules", "-r", action="append", metavar="NAME|FILE")
        r.add_argument("--format", "-f", choices=["text", "json", "md"], default="text")

    if command in (None, "rule"):
        d = sub.add_parser("rule", help="explain a rule")
        d.add_argument("ids", nargs="+", metavar="ID")
        d.add_argument("--rules", "-r", action="append", metavar="NAME|FILE")
        d.add_argument("--format", "-f", choices=["text", "json", "md"], default="text")

    if command in (None, "test"):
        t = sub.add_parser("test", help="run the examples kept with each rule")
        t.add_argument("paths", nargs="*", metavar="PATH",
                       help="rule set files or folders, searched with their subfolders (default: the shipped sets)")
    if command in (None, "redact"):
        from .redact import add_parser as add_redact_parser

        _add_discovery(add_redact_parser(sub))
    if command in (None, "marking"):
        from . import marking_check

        marking_check.add_parser(sub)
    if command in (None, "report"):
        from .htmlreport import command as report_cmd

        report_cmd.add_parser(sub, c)  # `report` takes every `check` option
    return ap


# The errors that stop a run with exit 2, by module: a module that was never
# imported cannot have raised its error, so only loaded ones are looked up.
_STOP_ERRORS = (("ruleset", "RuleSetError"), ("settings", "ConfigError"), ("baseline", "BaselineError"),
                ("protect", "ProtectError"), ("redact", "RedactError"))


def _stop_errors() -> tuple[type[BaseException], ...]:
    found: list[type[BaseException]] = [UsageError]
    for module, name in _STOP_ERRORS:
        mod = sys.modules.get(f"{__package__}.{module}")
        if mod is not None:
            found.append(getattr(mod, name))
    return tuple(found)


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    if not args_in or (args_in[0] not in COMMANDS and args_in[0] not in ("-h", "--help", "--version")):
        args_in = ["check"] + args_in
    parser = build_parser(args_in[0] if args_in[0] in COMMANDS else None)
    try:
        args = parser.parse_args(args_in)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    if "" in (getattr(args, "paths", None) or []):
        say("cablelint: error: an empty path was given (an unset variable?); it does not mean the current folder")
        return 2
    command = {"check": cmd_check, "inspect": cmd_inspect, "rules": cmd_rules, "rule": cmd_rule,
               "test": cmd_test, "redact": cmd_redact, "marking": cmd_marking,
               "report": cmd_report}[args.command]
    try:
        return command(args)
    except _stop_errors() as exc:
        say(f"cablelint: error: {exc}")
        return 2
    except BrokenPipeError:
        return stdout_gone()
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EBADF):
            say(f"cablelint: error: cannot write the output: {exc.strerror}")
            return stdout_gone(2)
        say(f"cablelint: error: {exc.filename or ''}: {exc.strerror or exc}")
        return 2
    except KeyboardInterrupt:
        say("cablelint: interrupted")
        return 130
    except Exception as exc:  # noqa: BLE001 - no traceback ever reaches a user
        if os.environ.get("CABLELINT_DEBUG"):
            raise
        say(f"cablelint: internal error: {type(exc).__name__}: {exc} ({REPORT_BUG}; "
             "CABLELINT_DEBUG=1 shows the traceback)")
        return 3


def _severity_overrides(items: list[str]) -> dict[str, Severity]:
    out: dict[str, Severity] = {}
    for item in items:
        sel, eq, sev = item.partition("=")
        if not eq or not sel.strip():
            raise UsageError(f"--severity-override {item!r}: use RULE=SEVERITY, e.g. CL201=warning")
        try:
            out[sel.strip()] = Severity.parse(sev)
        except ValueError as exc:
            raise UsageError(f"--severity-override {item!r}: {exc}") from None
    return out


# (argparse attribute, setting, flag): flags that choose replace, flags that add extend (Config.with_overrides)
FLAGS = (("rules", "rules", "--rules"), ("select", "select", "--select"), ("ignore", "ignore", "--ignore"),
         ("extend_select", "extend_select", "--extend-select"), ("exclude", "exclude", "--exclude"),
         ("extensions", "extensions", "--extensions"), ("fail_on", "fail_on", "--fail-on"),
         ("min_severity", "min_severity", "--min-severity"), ("format", "format", "--format"),
         ("date", "date", "--date"), ("as_of", "as_of", "--as-of"), ("protect", "protect", "--protect"))


def settings(args: argparse.Namespace) -> Config:
    """The configuration file's settings with this command's flags on top."""
    from .config import resolve as resolve_config

    cfg = resolve_config(getattr(args, "config", None), getattr(args, "isolated", False))
    for attr, key, flag in FLAGS:
        value = getattr(args, attr, None)
        if value not in (None, []) and not (key == "format" and args.command != "check"):
            cfg = cfg.with_overrides(flag, **{key: value})
    overrides = getattr(args, "severity_override", None)
    if overrides:
        cfg = cfg.with_overrides("--severity-override", severity=_severity_overrides(overrides))
    return cfg


def _notes(args: argparse.Namespace, notes: list[str], mask: Callable[[Any], Any]) -> None:
    if getattr(args, "show_files", False):
        for n in notes:
            say(f"cablelint: {mask(n)}")
    else:
        for n in notes:  # a FIFO or device is worth a word even unasked
            if "FIFO" in n:
                say(f"cablelint: {mask(n)}")


def cmd_check(args: argparse.Namespace) -> int:
    from .cache import cache_root

    cache = None if args.no_cache else cache_root(args.cache_dir)
    if cache is not None:
        from .enginecache import load_patterns

        load_patterns(cache)  # before the parser's modules import: their rx() patterns come unpickled
    cfg = settings(args)
    if args.show_config:
        return _show_config(args, cfg)
    fmt, reporter = _check_setup(args, cfg)
    from .session import Session

    # fold.py: show_symptoms reports folded symptoms too (given only when set: the cache key stays the API's)
    session = Session.build(cfg, cache_root=cache, **({"show_symptoms": True} if args.show_symptoms else {}))
    stdin = ((args.stdin_filename or "<stdin>", _read_stdin()) if "-" in args.paths else None)
    fixed = _fix(args, session, stdin)
    if isinstance(fixed, int):
        return fixed  # --diff / --fix-only: nothing more to report
    output = args.output
    if fixed is not None and fixed.stdin is not None:  # stdin's fixed text went to stdout: the report to stderr
        stdin, output = (stdin[0], fixed.stdin), output or STDERR
    # Flagged text is re-read from the files only for the outputs that use it.
    need_matched = bool(args.write_baseline is not None or args.show_matches) or fmt in ("sarif", "gitlab")
    run = session.lint(args.paths, stdin=stdin, baseline=args.baseline, progress=sys.stderr, jobs=args.jobs,
                       need_matched=need_matched)
    if cache is not None:
        from .enginecache import save_patterns

        save_patterns(cache)  # the parser's patterns, compiled on first use, for the next start
    report = session.report(run, show_matches=args.show_matches, color=use_color(args.color, sys.stdout)
                            and not output, statistics=args.statistics, quiet=args.quiet,
                            show_source=args.show_source, version=__version__)
    report.fixed = fixed.fixed if fixed is not None else 0
    _notes(args, run.notes, report.mask)
    for e in run.errors:
        say(f"cablelint: error: {report.safe(str(e))}")
    if args.write_baseline is not None:
        return _write_baseline(args.write_baseline, run, session.rules())
    _emit(output, _report_text(args, fmt, reporter, report))
    return _check_end(args, output, reporter, run, report)


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
    if not args.quiet and not as_json:
        text += report.summary_line() + "\n"
    return text


def _check_end(args: argparse.Namespace, output: str | None, reporter: Any, run: Any, report: Any) -> int:
    """What `check` says on stderr after the report, and its exit code."""
    if (not args.quiet and (output or getattr(reporter, "MACHINE", False)) and not args.statistics
            and output is not STDERR):
        # Machine formats keep stdout parseable: the summary goes to stderr.
        for s in report.stale:
            say(f"cablelint: stale baseline entry: {report.safe(s)}")
        for n in report.notices:
            say(f"cablelint: note: {report.safe(n)}")
        say(report.summary_line())
    for c in run.crashes:
        say(f"cablelint: internal error while linting {report.safe(c)} ({REPORT_BUG})")
    if run.crashes:
        return 3
    if args.exit_zero:
        return 0
    return 1 if any(f.severity >= report.fail_on for f in report.findings) else 0


def cmd_report(args: argparse.Namespace) -> int:
    """`report`: the run of `check`, written as one HTML page (htmlreport/)."""
    from .htmlreport import command as report_cmd

    cfg = settings(args)
    if args.show_config:
        write(cfg.show())
        return 0
    stdin = (args.stdin_filename or "<stdin>", _read_stdin()) if "-" in (args.paths or []) else None
    page, run, mask = report_cmd.build(args, cfg, stdin)
    to_file = args.output not in (None, "-")
    _emit(args.output if to_file else None, page)
    if to_file and not args.quiet:
        say(f"cablelint: wrote {mask(args.output)}: {len(run.findings)} findings in {len(run.linted)} files "
            f"[{run.elapsed:.2f}s]")
    for c in run.crashes:
        say(f"cablelint: internal error while linting {mask(c)} ({REPORT_BUG})")
    return report_cmd.exit_code(args, run)


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


def _write_baseline(path: str, run, rules) -> int:
    from . import baseline as baseline_mod

    if not path:
        raise UsageError("--write-baseline: an empty path (an unset variable?)")
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


def cmd_redact(args: argparse.Namespace) -> int:
    from .redact import run as run_redact
    from .session import Session

    session = Session.build(settings(args))
    if not session.protect:
        raise UsageError("redact needs a protect list: --protect FILE (or `protect:` in the config)")
    found = session.discover(args.paths)  # meets the nearer configurations (and their protect lists)
    every = session.protect
    for s in session.sessions()[1:]:
        every = every.merged(s.protect)
    _notes(args, found.notes, every.mask)
    return run_redact(args, every, found, plist_for=lambda f: session.for_folder(os.path.dirname(f)).protect)


def cmd_marking(args: argparse.Namespace) -> int:
    from . import marking_check
    from .session import Session

    return marking_check.run(args, Session.build(settings(args)).engine)


def cmd_inspect(args: argparse.Namespace) -> int:
    import json

    from .inspect_view import inspect_text
    from .session import Session
    from .source import InputError, read

    session = Session.build(settings(args))
    found = session.discover(args.paths)
    mask0 = session.mask([])
    _notes(args, found.notes, mask0)
    status = 0
    for e in found.errors:
        say(f"cablelint: error: {mask0(str(e))}")
        status = 2
    docs, texts = [], []
    for f in found.files:
        try:
            doc = session.for_folder(os.path.dirname(f)).engine.parse(read(f))
        except InputError as exc:
            say(f"cablelint: error: {mask0(str(exc))}")
            status = 2
            continue
        docs.append(doc.to_dict())
        texts.append(doc.text)
    mask = session.mask(texts)  # inspect prints names (Classified By, signature): mask them, wrapped parts too
    if args.format == "json":  # mask values before dumping: JSON escapes a wrapped name's line break
        write(json.dumps(mask(docs), indent=2, ensure_ascii=False) + "\n")
    else:
        write("".join(mask(inspect_text(d)) + "\n" for d in docs))
    return status


def _all_rules(specs: list[str] | None):
    from .engine import known_rules
    from .ruleset import load, shipped
    from .session import rulesets

    sets = rulesets(specs) if specs else [load(n) for n in shipped()]
    return sets, known_rules(sets)


def cmd_rules(args: argparse.Namespace) -> int:
    import json

    from .catalogue import catalogue_markdown

    sets, rules = _all_rules(args.rules)
    if not args.all:
        if args.format == "json":
            write(json.dumps([{"name": s.name, "description": s.description, "rules": len(s.rules),
                                "path": s.path} for s in sets], indent=2) + "\n")
        else:
            write("".join(f"{s.name:<12} {len(s.rules):>3} rules  {s.description}\n" for s in sets))
        return 0
    docs = [r.doc() for r in sorted(rules.values(), key=lambda r: r.id)]
    if args.format == "json":
        write(json.dumps(docs, indent=2, ensure_ascii=False) + "\n")
    elif args.format == "md":
        write(catalogue_markdown(sets))  # docs/rules.md
    else:
        write("".join(f"{d['id']}  {d['severity']:<7} {d['name']:<36} {d['summary']}\n" for d in docs))
    return 0


def cmd_rule(args: argparse.Namespace) -> int:
    import json

    from .ruledoc import rule_markdown, rule_text

    _, rules = _all_rules(args.rules)
    by_name = {r.name: r for r in rules.values()}
    out = []
    status = 0
    for rid in args.ids:
        r = rules.get(rid) or by_name.get(rid)
        if r is None:
            say(f"cablelint: error: no rule {rid!r} (see `cablelint rules --all`)")
            status = 2
            continue
        out.append(r)
    if args.format == "json":
        write(json.dumps([r.doc() for r in out], indent=2, ensure_ascii=False) + "\n")
    elif args.format == "md":
        write("\n".join(line for r in sorted(out, key=lambda r: r.id) for line in rule_markdown(r, "##")) + "\n")
    else:
        write("".join(rule_text(r) for r in out))
    return status


def cmd_test(args: argparse.Namespace) -> int:
    from .ruleset import load, shipped
    from .ruletest import rule_set_files, test_ruleset

    specs = rule_set_files(args.paths) if args.paths else [str(p) for p in shipped().values()]
    if not specs:
        raise UsageError(f"no rule sets found in {', '.join(args.paths)} (nothing to test)")
    total = 0
    failures = []
    for spec in specs:
        n, fails = test_ruleset(load(spec))
        total += n
        failures += fails
    write("".join(f"{f}\n" for f in failures) + f"{total - len(failures)} passed, {len(failures)} failed\n")
    if total == 0:
        say("cablelint: error: the rule sets hold no examples to test")
        return 1
    return 1 if failures else 0
