"""The argparse parser of every subcommand (only the one being run is built:
each costs gettext look-ups and imports at start-up). A `check` command line
that cliargs.quick_parse reads (the pre-commit hook's) never loads this
module nor argparse; tests/test_cliargs.py holds the two to the same reading."""
from __future__ import annotations

import argparse
import os
import sys

from . import __version__, fixrun
from .cliargs import CHOICES, COMMANDS

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    import datetime as dt
    from typing import Any


class Formatter(argparse.HelpFormatter):
    """argparse's help formatter, the terminal's width asked of `os` as
    `shutil.get_terminal_size` asks it: argparse makes a formatter for every
    `add_argument` (to check its metavar), and the default one imports shutil
    (with zlib, bz2 and lzma: ~3 ms of every run) to learn the width."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None, **more: object) -> None:
        # **more: what later Pythons add to HelpFormatter (3.14's `color`) passes through.
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width,
                         **more)  # type: ignore[arg-type]


def _columns() -> int:
    """The width shutil.get_terminal_size() would give: $COLUMNS, else the
    terminal's, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


def _date(text: str) -> dt.date:
    from .dates import parse_date  # here: a run from the result cache never loads the document model

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
    p.add_argument("--encoding", default=None, metavar="CODEC",
                   help="read a file that is not UTF-8 in this encoding (cp1252, latin-1); written back in it")
    return p


def _check_parser(sub: Any) -> argparse.ArgumentParser:
    """The `check` command's options (`report` takes every one of them)."""
    from .reporters import names as reporter_names

    c = sub.add_parser("check", help="lint cables (the default command)", formatter_class=Formatter)
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
    c.add_argument("--fail-on", choices=CHOICES["fail_on"], default=None,
                   help="lowest severity that makes the exit code 1 (default error)")
    c.add_argument("--min-severity", choices=CHOICES["min_severity"], default=None,
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
    c.add_argument("--color", choices=CHOICES["color"], default=None,
                   help="color the terminal output: auto (the default: on a terminal, unless NO_COLOR), always, never")
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
    ap = argparse.ArgumentParser(prog="cablelint", formatter_class=Formatter, description="Lint diplomatic "
                                 "cables for classification-marking and redaction compliance.")
    ap.add_argument("--version", action="version", version=f"cablelint {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")  # all, when one is built

    if command in (None, "check", "report"):  # `report` takes every `check` option
        c = _check_parser(sub)

    if command in (None, "inspect"):
        i = sub.add_parser("inspect", formatter_class=Formatter, help="show the parsed document")
        i.add_argument("paths", nargs="+", metavar="PATH")
        _add_common(i)
        i.add_argument("--format", "-f", choices=["text", "json"], default="text")
        i.add_argument("--protect", action="append", default=[], metavar="FILE",
                       help="mask the names of these protect lists in the output (adds to the config's)")
        _add_discovery(i)

    if command in (None, "rules"):
        r = sub.add_parser("rules", formatter_class=Formatter, help="list rule sets, or every rule with --all")
        r.add_argument("--all", action="store_true", help="list every rule of the chosen rule sets")
        r.add_argument("--rules", "-r", action="append", metavar="NAME|FILE")
        r.add_argument("--format", "-f", choices=["text", "json", "md"], default="text")

    if command in (None, "rule"):
        d = sub.add_parser("rule", formatter_class=Formatter, help="explain a rule")
        d.add_argument("ids", nargs="+", metavar="ID")
        d.add_argument("--rules", "-r", action="append", metavar="NAME|FILE")
        d.add_argument("--format", "-f", choices=["text", "json", "md"], default="text")

    if command in (None, "test"):
        t = sub.add_parser("test", formatter_class=Formatter, help="run the examples kept with each rule")
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
