"""The `cablelint` command's entry point: it picks the subcommand, runs it
and turns what stops a run into an exit code (`run`, the program: `main`
with a faster start and end). The flags' meaning is in cliargs.py (with a
common `check` line read without argparse), the argparse parser in
cliparser.py, `check` and `report` in checkcmd.py, the other subcommands in
commands.py; every command sets up its run through
`session.Session` (configuration, rule sets, protect list, file discovery,
engine, mask, report).

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

import errno
import os
import sys

from .cliargs import COMMANDS, REPORT_BUG, quick_parse
from .terminal import UsageError, say, stdout_gone

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    import argparse
    from typing import Callable, Sequence

__all__ = ["COMMANDS", "build_parser", "main", "run"]


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


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argparse parser (cliparser.build_parser): of `command` only, or of
    every command. Imported here when asked: a `check` line quick_parse reads
    never loads argparse."""
    from .cliparser import build_parser as build

    return build(command)


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    if not args_in or (args_in[0] not in COMMANDS and args_in[0] not in ("-h", "--help", "--version")):
        args_in = ["check"] + args_in
    args = quick_parse(args_in)  # a common `check` command line, read without argparse (~4 ms)
    if args is None:
        parser = build_parser(args_in[0] if args_in[0] in COMMANDS else None)
        try:
            args = parser.parse_args(args_in)
        except SystemExit as exc:
            return 0 if exc.code == 0 else 2
    if "" in (getattr(args, "paths", None) or []):
        say("cablelint: error: an empty path was given (an unset variable?); it does not mean the current folder")
        return 2
    command = _command(args.command)
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


def run() -> None:
    """The `cablelint` program (console script and `python -m cablelint`):
    `main()` with the start-up's garbage collection paused, then the exit.
    Start-up makes ~20k objects (modules, the engine, its rules) that live
    until the end: the collector's passes over them find nothing (~4 ms of a
    one-file run); `resume_gc` turns it on again (frozen past them) when
    files are linted. A process that is done skips the interpreter's
    teardown, which frees every object one by one (~13 ms): its streams
    flushed and `atexit` run first, as a normal exit does (issue 15)."""
    import gc

    if gc.isenabled():
        gc.disable()
        _GC_PAUSED[0] = True
    code = main()
    end(code)


_GC_PAUSED = [False]  # run() turned the collector off for the start-up


def resume_gc() -> None:
    """The collector on again after run()'s start-up (linting makes garbage,
    some of it cyclic), what start-up made frozen out of its later passes;
    nothing when run() did not pause it (the API, tests)."""
    if _GC_PAUSED[0]:
        import gc

        _GC_PAUSED[0] = False
        gc.freeze()
        gc.enable()


# Loaded, these modules may have left workers or threads that a normal exit
# waits for: the process then ends the usual way (a big run, where ~13 ms is nothing).
_WAITED_FOR = ("threading", "multiprocessing", "concurrent.futures")


def end(code: int) -> None:
    """Exit with `code`, without the interpreter's teardown when nothing needs
    it: `atexit` handlers run and stdout and stderr are flushed, in the order
    a normal exit takes (a thread or worker that may be alive, an odd code, a
    flush that fails: the normal exit, which reports it as it always has)."""
    import atexit

    if not isinstance(code, int) or not 0 <= code <= 255 or _still_running():
        sys.exit(code)
    atexit._run_exitfuncs()  # (they run once: the call clears them)
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except BaseException:  # noqa: BLE001 - see above
        sys.exit(code)
    os._exit(code)


def _still_running() -> bool:
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return True
    return any(name in sys.modules for name in _WAITED_FOR[1:])


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    """The function that runs subcommand `name` (its module loads now)."""
    if name in ("check", "report"):
        from . import checkcmd

        return checkcmd.cmd_check if name == "check" else checkcmd.cmd_report
    from . import commands

    resume_gc()  # the other commands build no Session, which would turn it on
    return getattr(commands, f"cmd_{name}")
