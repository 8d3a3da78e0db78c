"""Writing to the terminal so that writing itself cannot crash the run: a
file name that is not valid UTF-8 prints with U+FFFD, a closed or full
stdout ends the run quietly, and colour follows --color, NO_COLOR and
FORCE_COLOR."""
from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Any


class UsageError(Exception):
    """A usage or I/O problem the user can fix (exit 2)."""


def say(text: str) -> None:
    """A line on stderr that cannot itself fail (stderr closed, odd file names)."""
    try:
        print(text.encode("utf-8", "surrogateescape").decode("utf-8", "replace"), file=sys.stderr)
    except (OSError, ValueError, AttributeError):
        pass


def stdout_gone(code: int = 0) -> int:
    """stdout was closed (a pipe into `head`) or is full: point it at devnull so
    the interpreter's final flush cannot raise again, and end cleanly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return code


def write(text: str, stream: Any = None) -> None:
    """Write output text; file names that are not valid UTF-8 print as U+FFFD."""
    stream = stream or sys.stdout
    if stream is None:
        raise UsageError("stdout is closed")
    data = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    buf = getattr(stream, "buffer", None)
    if buf is not None:
        stream.flush()
        buf.write(data.encode("utf-8"))
        buf.flush()
    else:
        stream.write(data)
        stream.flush()


def use_color(choice: str | None, stream) -> bool:
    """Whether to color `stream`: --color always/never, else (auto, or None:
    not given) on a terminal unless NO_COLOR."""
    on = _color_wanted(choice, stream)
    if on and sys.platform == "win32":
        _windows_console()
    return on


def _color_wanted(choice: str | None, stream) -> bool:
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _windows_console() -> None:
    """The reporters write ANSI codes (reporters/ansi.py); an older Windows
    console shows them as text unless colorama turns its VT mode on. Loaded
    only there and only when colour is written (it costs ~5 ms elsewhere)."""
    try:
        import colorama

        colorama.just_fix_windows_console()
    except (ImportError, AttributeError, OSError):
        pass  # an old colorama or no console: colour codes may show as text, nothing fails
