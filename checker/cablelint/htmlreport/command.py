"""The `report` subcommand's parser and run: the `check` options (rule
sets, config, protect lists, baseline, --jobs, --show-source...) run
through the same Session, made into one HTML page. cli.cmd_report reads
the arguments and writes the page (this module never imports cli)."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from .. import __version__
from ..config import Config
from ..findings import Severity, split_by_severity
from ..reporters import display_path
from ..session import CheckRun, Session
from ..terminal import UsageError
from . import render_report, summarize


def add_parser(sub, check: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """`cablelint report`: inherits every option of `check` (its parser is
    the parent), so the two cannot drift apart. The parent's actions are
    shared, never redefined here (argparse's conflict resolution would edit
    them in `check` too)."""
    return sub.add_parser("report", parents=[check], add_help=False,
                          help="write an HTML report of a run (charts, findings table, cable views)",
                          description="Lint like `check` and write one self-contained HTML page: totals, "
                                      "charts by rule, year, era, post and level, a findings table, cable "
                                      "views (with --show-source: the cables' text, masked; it may be "
                                      "classified).")


def build(args: argparse.Namespace, cfg: Config, stdin: tuple[str, bytes] | None
          ) -> tuple[str, CheckRun, Any, list[str]]:
    """(page, run, mask, the run's failures) for these arguments. Protected
    terms are masked whatever --show-matches says: the page may travel."""
    from ..runreport import run_failures

    if not args.paths:
        raise UsageError("no paths given (try: cablelint report cables/ -o report.html)")
    if args.write_baseline is not None:
        raise UsageError("report does not write baselines: use `cablelint check --write-baseline`")
    refuse_unused(args)
    session = Session.build(cfg)
    jobs = args.jobs  # None: every core for big runs, 0: every core, N: N workers (lintpool.resolve_jobs)
    run = session.lint(args.paths, stdin=stdin, baseline=args.baseline, progress=sys.stderr, jobs=jobs,
                       summarize=summarize)
    run.findings = split_by_severity(run.findings, cfg.min_severity)[0]  # the page shows what check would
    mask = session.mask(run.sources.values())
    failures = run_failures(session, run)
    page = render_report(run, mask=mask, show_source=args.show_source, display=display_path,
                         version=__version__, rules=session.rules(), failures=failures)
    return page, run, mask, failures


# `check` options that `report` takes (its parser is check's) but has no use for: refused, not ignored
UNUSED = (("format", "--format", "report writes one HTML page; for another format use `cablelint check --format`"),
          ("fix", "--fix", "report changes no file; fix with `cablelint check --fix`, then write the report"),
          ("fix_only", "--fix-only", "report changes no file; fix with `cablelint check --fix-only`"),
          ("diff", "--diff", "report shows no diff; use `cablelint check --diff`"),
          ("unsafe_fixes", "--unsafe-fixes", "report changes no file; use `cablelint check --fix --unsafe-fixes`"),
          ("audit", "--audit", "report changes no file, so it has no edit to log; use `cablelint check --fix --audit`"),
          ("statistics", "--statistics", "the page counts findings per rule itself; for the table use "
                                         "`cablelint check --statistics`"),
          ("color", "--color", "it colors terminal output, and the page is HTML, colored by its own stylesheet"))


def refuse_unused(args: argparse.Namespace) -> None:
    """A usage error for a `check` option given to `report` that it would
    ignore in silence, and for a page about to be poured onto a terminal."""
    for dest, flag, why in UNUSED:
        if getattr(args, dest, None) not in (None, False):
            raise UsageError(f"report does not take {flag}: {why}")
    if args.output is None and sys.stdout.isatty():
        raise UsageError("report writes an HTML page: give -o FILE (stdout is a terminal; `-o -` writes the "
                         "page there all the same)")


def exit_code(args: argparse.Namespace, run: CheckRun, failures: list[str] | None = None) -> int:
    """0 once the page is written (a report, not a gate), unless --fail-on
    is given: then like `check`; 1 when the run itself failed (a release
    review without a protect list: the page's findings are not the review's);
    3 when a bug stopped a file."""
    if run.crashes:
        return 3
    if args.exit_zero:
        return 0
    if failures:
        return 1
    if args.fail_on is None:
        return 0
    return 1 if any(f.severity >= Severity.parse(args.fail_on) for f in run.findings) else 0
