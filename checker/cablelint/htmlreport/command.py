"""The `report` subcommand's parser and run: the `check` options (rule
sets, config, protect lists, baseline, --jobs, --show-source...) run
through the same Session, made into one HTML page. cli.cmd_report reads
the arguments and writes the page (this module never imports cli)."""
from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from .. import __version__
from ..config import Config
from ..findings import Severity
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


def build(args: argparse.Namespace, cfg: Config, stdin: tuple[str, bytes] | None) -> tuple[str, CheckRun, Any]:
    """(page, run, mask) for these arguments. Protected terms are masked
    whatever --show-matches says: the page may travel."""
    if not args.paths:
        raise UsageError("no paths given (try: cablelint report cables/ -o report.html)")
    if args.write_baseline is not None:
        raise UsageError("report does not write baselines: use `cablelint check --write-baseline`")
    session = Session.build(cfg)
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    run = session.lint(args.paths, stdin=stdin, baseline=args.baseline, progress=sys.stderr, jobs=jobs,
                       summarize=summarize)
    mask = session.mask(run.sources.values())
    page = render_report(run, mask=mask, show_source=args.show_source, display=display_path,
                         version=__version__, rules=session.rules())
    return page, run, mask


def exit_code(args: argparse.Namespace, run: CheckRun) -> int:
    """0 once the page is written (a report, not a gate), unless --fail-on
    is given: then like `check`; 3 when a bug stopped a file."""
    if run.crashes:
        return 3
    if args.exit_zero or args.fail_on is None:
        return 0
    return 1 if any(f.severity >= Severity.parse(args.fail_on) for f in run.findings) else 0
