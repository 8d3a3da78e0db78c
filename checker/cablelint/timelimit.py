"""A wall-clock limit on one step (a rule on a file, a file's parse).

A user's regex can backtrack for hours (`(.*?,){20}X`), and no Python code
runs while it does. Both `regex` and `re` check for signals while they
match, so a SIGALRM whose handler raises TimeoutError stops them mid-match.
One interval timer for a block of steps (see `Alarm`), where `regex`'s own
`timeout=` on every call doubled the cost of the line-by-line rules.

The timer works in the main thread of a process on POSIX (the CLI, and
each --jobs worker). Elsewhere (a thread of a host application, Windows)
`limit` does nothing and the per-file budget is checked between rules only;
docs/robustness.md says so.
"""
from __future__ import annotations

import signal
import threading
import _signal  # the C functions: `signal.signal` wraps them in enum conversions costing ~15 us a document
import time
from contextlib import contextmanager
from typing import Any, Iterator


def available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


_ALRM = int(getattr(signal, "SIGALRM", 14))  # a plain int for `_signal` (no SIGALRM: `available()` is False)


class _Expired(TimeoutError):
    pass


class Alarm:
    """SIGALRM raising TimeoutError, installed for a block (`with Alarm():`)
    and armed step by step (`arm(seconds)` ... `disarm()`). The previous
    SIGALRM handler and timer are restored on the way out. Outside the main
    thread or without setitimer it does nothing.

    Arming is nearly free: the step's end is noted, and the interval timer is
    set only when it would fire after that end (the first step of a block, a
    step given less time than the one before). When the timer fires during a
    later step, the handler sets it again for what that step has left. So a
    document's 60-odd rules cost one system call, not two each, and every
    step still gets exactly its own limit."""

    def __init__(self) -> None:
        self.on = available()
        self.armed = False
        self._old: Any = None
        # Public so that a loop of steps can arm each with two stores instead of a call (engine.py):
        # `until = end; armed = True`, calling `arm_at` only when `fires` is None or after `end`.
        self.until = 0.0  # monotonic end of the armed step
        self.fires: float | None = None  # monotonic time the interval timer is set to fire, if set

    def _set(self, seconds: float) -> None:
        self.fires = time.monotonic() + seconds
        signal.setitimer(signal.ITIMER_REAL, seconds)

    def _expire(self, signum: int, frame: Any) -> None:
        self.fires = None
        if not self.armed:
            return  # the step it was set for has ended
        left = self.until - time.monotonic()
        if left > 0:  # set for an earlier step: this one has time left
            self._set(max(left, 1e-6))
            return
        self.armed = False
        raise _Expired("ran too long")

    def __enter__(self) -> "Alarm":
        if self.on:
            self._old = (_signal.signal(_ALRM, self._expire), signal.setitimer(signal.ITIMER_REAL, 0))
            self.fires = None
        return self

    def arm(self, seconds: float) -> None:
        if seconds <= 0:
            raise TimeoutError("no time left")
        if self.on:
            self.until = time.monotonic() + seconds
            self.armed = True
            if self.fires is None or self.fires > self.until:
                self._set(seconds)

    def arm_at(self, until: float) -> None:
        """`arm` to a monotonic end the caller has made sure is ahead (the
        engine, rule after rule: it has just read the clock)."""
        if self.on:
            self.until = until
            self.armed = True
            if self.fires is None or self.fires > until:
                self._set(max(until - time.monotonic(), 1e-6))

    def disarm(self) -> None:
        """End the step; the timer, if set, fires harmlessly or is reused by the next step."""
        self.armed = False

    def __exit__(self, *exc: Any) -> None:
        if self.on:
            self.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.fires = None
            handler, timer = self._old
            _signal.signal(_ALRM, handler)
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
