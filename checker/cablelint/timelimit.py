"""A wall-clock limit on one step (a rule on a file, a file's parse).

A user's regex can backtrack for hours (`(.*?,){20}X`), and no Python code
runs while it does. Both `regex` and `re` check for signals while they
match, so a SIGALRM whose handler raises TimeoutError stops them mid-match.
One interval timer per step costs a system call, where `regex`'s own
`timeout=` on every call doubled the cost of the line-by-line rules.

The timer works in the main thread of a process on POSIX (the CLI, and
each --jobs worker). Elsewhere (a thread of a host application, Windows)
`limit` does nothing and the per-file budget is checked between rules only;
docs/robustness.md says so.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Any, Iterator


def available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class _Expired(TimeoutError):
    pass


class Alarm:
    """SIGALRM raising TimeoutError, installed for a block (`with Alarm():`)
    and armed step by step (`arm(seconds)` ... `disarm()`: one system call
    each, cheap enough for every rule on every file). The previous SIGALRM
    handler and timer are restored on the way out. Outside the main thread
    or without setitimer it does nothing."""

    def __init__(self) -> None:
        self.on = available()
        self.armed = False
        self._old: Any = None

    def _expire(self, signum: int, frame: Any) -> None:
        if self.armed:
            self.armed = False
            raise _Expired("ran too long")

    def __enter__(self) -> "Alarm":
        if self.on:
            self._old = (signal.signal(signal.SIGALRM, self._expire), signal.setitimer(signal.ITIMER_REAL, 0))
        return self

    def arm(self, seconds: float) -> None:
        if seconds <= 0:
            raise TimeoutError("no time left")
        if self.on:
            self.armed = True
            signal.setitimer(signal.ITIMER_REAL, seconds)

    def disarm(self) -> None:
        if self.on and self.armed:
            self.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)

    def __exit__(self, *exc: Any) -> None:
        if self.on:
            self.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            handler, timer = self._old
            signal.signal(signal.SIGALRM, handler)
            if timer[0] > 0:  # someone else's timer was running: give it back
                signal.setitimer(signal.ITIMER_REAL, *timer)


@contextmanager
def limit(seconds: float) -> Iterator[None]:
    """Raise TimeoutError inside the block once `seconds` have passed."""
    with Alarm() as alarm:
        alarm.arm(seconds)
        try:
            yield
        finally:
            alarm.disarm()
