"""One memo of compiled patterns for the parser and the vocabulary.

`regex.match(pattern, text)` looks its pattern up in regex's own cache on
every call, which costs several microseconds; the parser makes ~150 such
calls per cable. `rx(pattern).match(text)` pays that once per pattern.

Compiling is itself the biggest part of a one-file run's start-up (~0.3-1 ms
a pattern), so the engine cache stores the patterns compiled here
(`known()`) and gives them back to the next process (`preload`, from
`enginecache.load_patterns`, which the CLI calls before the modules that
call rx() at import time are loaded).
"""
from __future__ import annotations

import functools

import regex

_PRELOADED: dict[tuple[str, int], "regex.Pattern[str]"] = {}
_COMPILED: dict[tuple[str, int], "regex.Pattern[str]"] = {}


@functools.lru_cache(maxsize=None)
def rx(pattern: str, flags: int = 0) -> "regex.Pattern[str]":
    key = (pattern, int(flags))
    got = _PRELOADED.get(key)
    if got is None:
        got = regex.compile(pattern, flags)
    _COMPILED[key] = got
    return got


def preload(patterns: dict[tuple[str, int], "regex.Pattern[str]"]) -> None:
    """Patterns compiled by an earlier process (unpickled: no compile cost)."""
    _PRELOADED.update(patterns)


def compiled() -> dict[tuple[str, int], "regex.Pattern[str]"]:
    """Every pattern rx() has handed out in this process."""
    return dict(_COMPILED)


def known() -> dict[tuple[str, int], "regex.Pattern[str]"]:
    """The preloaded patterns and those compiled in this process."""
    return {**_PRELOADED, **_COMPILED}


def any_new() -> bool:
    """Whether this process compiled a pattern no earlier process gave it."""
    return not _PRELOADED.keys() >= _COMPILED.keys()


# Seconds one call of a user's regex (rule set parameters, protect-list
# `re:` patterns) may run: catastrophic backtracking becomes a TimeoutError
# (CL003 for the file, an error for redact) instead of a hang.
REGEX_TIMEOUT = 5.0
