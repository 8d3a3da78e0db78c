"""The fix options of `cablelint check`: --fix, --unsafe-fixes, --diff,
--fix-only, --audit FILE (the CLI's one hook into fixes.py and audit.py).

    cablelint check --fix cables/                   # apply safe fixes, report what is left
    cablelint check --fix --unsafe-fixes cables/    # unsafe ones too (a person should look)
    cablelint check --diff cables/                  # print what --fix would change; write nothing
    cablelint check --fix-only --audit fixes.jsonl cables/   # apply, record each fix, report nothing
    cablelint check --fix - < cable.txt > fixed.txt # stdin: the fixed text on stdout, the report on stderr
    cablelint check --diff - < cable.txt            # stdin: the diff on stdout

Files are fixed in this process or in worker processes (--jobs, as for
linting), each with the engine of its nearest configuration, then the run lints them again
as usual, so the report shows what is left. Stdin ('-', given alone) is
fixed as ruff does: its text, fixed or not, goes to stdout encoded as it came
(so a pipe never loses it), and the report of what is left goes to stderr.
"""
from __future__ import annotations

import os
import sys

from .records import fields_eq, fields_repr

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:  # the CLI imports this module to build its parser: the rest loads when fixing
    import argparse

    from .fixes import FixResult
    from .session import Session


def add_arguments(c: argparse.ArgumentParser) -> None:
    c.add_argument("--fix", action="store_true", help="apply the safe fixes in place, then report what is left")
    c.add_argument("--unsafe-fixes", action="store_true",
                   help="with --fix/--diff/--fix-only: apply the unsafe fixes too (check them: a person should look)")
    c.add_argument("--diff", action="store_true",
                   help="print the fixes as a unified diff and write nothing (exit 1 when a file would change)")
    c.add_argument("--fix-only", action="store_true", help="apply the fixes and report nothing else")
    c.add_argument("--audit", metavar="FILE",
                   help="append one JSON line per applied fix to FILE (protected text only as salted hashes)")


def wanted(args: argparse.Namespace) -> bool:
    return bool(args.fix or args.diff or args.fix_only)


class FixOutcome:
    """The fixes of a run, and stdin's text as written to stdout (fixed, or as it came)."""

    def __init__(self) -> None:
        self.results: list[FixResult] = []
        self.stdin: bytes | None = None

    __eq__ = fields_eq
    __repr__ = fields_repr

    @property
    def fixed(self) -> int:
        return sum(len(r.applied) for r in self.results if r.changed)

    @property
    def changed(self) -> list[FixResult]:
        return [r for r in self.results if r.changed]


def check_usage(args: argparse.Namespace) -> str | None:
    """Why these options cannot be used together, or None."""
    if not wanted(args):
        return "--unsafe-fixes and --audit need --fix, --diff or --fix-only" if (
            args.unsafe_fixes or args.audit) else None
    if "-" in args.paths and len(args.paths) > 1:
        return "fixing stdin writes the fixed text to stdout: give '-' alone, or only file and folder paths"
    if args.diff and args.audit:
        return "--diff writes nothing, so there is nothing to --audit"
    if args.write_baseline:
        return "--write-baseline records findings; run it without the fix options"
    return None


def run(args: argparse.Namespace, session: Session, version: str = "",
        stdin: tuple[str, bytes] | None = None) -> FixOutcome:
    """Fix every input of the run, each with the engine and per-file-ignores
    of its nearest configuration (--diff: print instead of writing); the diff
    and the messages go through the run's mask, built over the texts before
    and after. `stdin` is (name, bytes) when the path is '-'."""
    from . import audit

    outcome = FixOutcome()
    if stdin is not None:
        _fix_stdin(args, session, stdin, outcome)
    else:
        _fix_files(args, session, outcome)
    mask = session.mask([r.source.text for r in outcome.results] + [r.text for r in outcome.changed])
    failed = _write(args, outcome, mask)
    if outcome.stdin is not None and not args.diff:
        _to_stdout(outcome.stdin)
    _say_refused(outcome, mask)
    if args.audit and not args.diff:
        audit.append(args.audit, [r for r in outcome.results if r.path not in failed], mask, version)
    return outcome


def _fix_files(args: argparse.Namespace, session: Session, outcome: FixOutcome) -> None:
    """Fix the run's files, each with its nearest configuration's engine and
    per-file-ignores (--jobs as for linting); results in discovery order."""
    from .fixes import fix_files

    files = session.discover([p for p in args.paths if p != "-"]).files
    groups: dict[int, tuple[Session, list[str]]] = {}
    for path in files:
        s = session.for_folder(os.path.dirname(path))
        groups.setdefault(id(s), (s, []))[1].append(path)
    results = []
    for s, group in groups.values():
        results += fix_files(s.engine, group, unsafe=args.unsafe_fixes, jobs=args.jobs,
                             keep=lambda f, s=s: not s.per_file_ignored(f))
    order = {p: i for i, p in enumerate(files)}
    outcome.results += sorted(results, key=lambda r: order[r.path])


def _fix_stdin(args: argparse.Namespace, session: Session, stdin: tuple[str, bytes], outcome: FixOutcome) -> None:
    """Fix stdin's text; what goes to stdout is the fixed text encoded as it
    came, or the bytes unchanged when they cannot be read as text (the lint
    run reports that, CL001)."""
    from .fixes import fix_source
    from .source import InputError, decode

    name, data = stdin
    try:
        src = decode(data, name, session.engine.options.get("encoding"))
    except InputError:
        outcome.stdin = data
        return
    result = fix_source(session.engine, src, unsafe=args.unsafe_fixes, keep=lambda f: not session.per_file_ignored(f))
    outcome.results.append(result)
    outcome.stdin = src.encode(result.text)


def _write(args: argparse.Namespace, outcome: FixOutcome, mask) -> set[str]:
    """Print the diffs (--diff) or rewrite the changed files; the paths that
    could not be written (named on stderr, never half-written)."""
    from . import fixes
    from .atomic import WriteError
    from .reporters import display_path, masked_lead, masked_path
    from .terminal import say, write

    failed: set[str] = set()
    for r in outcome.changed:
        if args.diff:
            write(fixes.diff(r, masked_path(r.path, display_path(r.path), mask), mask))
        elif outcome.stdin is None:
            try:
                fixes.write(r)
            except WriteError as e:  # changed during the run, a link, a read-only folder
                failed.add(r.path)
                say(f"cablelint: {masked_lead(str(e), r.path, mask)}")
    return failed


def _to_stdout(data: bytes) -> None:
    from .terminal import UsageError

    out = getattr(sys.stdout, "buffer", None)
    if out is None:
        raise UsageError("stdout is closed: nowhere to write the fixed text")
    out.write(data)
    out.flush()


def _say_refused(outcome: FixOutcome, mask) -> None:
    from .reporters import masked_path
    from .terminal import say

    for r in outcome.results:
        shown = masked_path(r.path, r.path, mask)
        for f, why in r.rejected:
            say(f"cablelint: {shown}:{f.line}:{f.column}: {f.rule} fix not applied: {why}; fix it by hand")
        if r.capped:
            say(f"cablelint: {shown}: fixes still pending after {r.passes} passes; stopped "
                "(run --fix again, and report the rules involved)")


def summary(outcome: FixOutcome, diff_only: bool) -> str:
    n, files = outcome.fixed, len(outcome.changed)
    verb = "would fix" if diff_only else "fixed"
    return f"cablelint: {verb} {n} finding{'s' * (n != 1)} in {files} file{'s' * (files != 1)}"
