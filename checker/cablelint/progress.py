"""A progress line on stderr for long runs.

Shown only when more than THRESHOLD files are linted and stderr is a
terminal: short runs finish before it helps, and a progress line in a CI log
or a redirected stream is noise.
"""
from __future__ import annotations

import sys
import time
from typing import Callable, TextIO

THRESHOLD = 300
WIDTH = 24


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, threshold: int = THRESHOLD,
                 interval: float = 0.1, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = total > threshold and bool(isatty and isatty())
        self.done = 0
        self.clock = clock
        self.start = clock()
        self.interval = interval
        self._last = float("-inf")
        self._width = 0

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = self.clock()
        if now - self._last >= self.interval or self.done >= self.total:
            self._last = now
            self._draw(now)

    def line(self, now: float) -> str:
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        filled = WIDTH * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (WIDTH - filled)
        return (f"[{bar}] {self.done}/{self.total} files  {rate:,.0f} files/s  "
                f"{_clock(left)} left")

    def _draw(self, now: float) -> None:
        text = self.line(now)
        pad = " " * max(self._width - len(text), 0)
        self._width = len(text)
        self.stream.write("\r" + text + pad)
        self.stream.flush()

    def close(self) -> None:
        """Erase the line, so the report starts on a clean terminal line."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
