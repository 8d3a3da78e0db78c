"""One memo of compiled patterns for the parser and the vocabulary.

`regex.match(pattern, text)` looks its pattern up in regex's own cache on
every call, which costs several microseconds; the parser makes ~150 such
calls per cable. `rx(pattern).match(text)` pays that once per pattern.
"""
from __future__ import annotations

import functools

import regex


@functools.lru_cache(maxsize=None)
def rx(pattern: str, flags: int = 0) -> "regex.Pattern[str]":
    return regex.compile(pattern, flags)


# Seconds one call of a user's regex (rule set parameters, protect-list
# `re:` patterns) may run: catastrophic backtracking becomes a TimeoutError
# (CL003 for the file, an error for redact) instead of a hang.
REGEX_TIMEOUT = 5.0
