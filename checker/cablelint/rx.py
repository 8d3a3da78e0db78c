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
import pickle

import regex

# Patterns compiled by an earlier process, each still pickled: unpickling one
# costs ~15 us (regex rebuilds it from its compiled code), so only those this
# run asks for are (a run the result cache answers asks for few or none).
_PRELOADED: dict[tuple[str, int], bytes] = {}
_COMPILED: dict[tuple[str, int], "regex.Pattern[str]"] = {}
_FROM_BLOB: set[tuple[str, int]] = set()  # the keys of _COMPILED that came from their preloaded blob


@functools.lru_cache(maxsize=None)
def rx(pattern: str, flags: int = 0) -> "regex.Pattern[str]":
    key = (pattern, int(flags))
    got = _unpickled(key)
    if got is None:
        got = regex.compile(pattern, flags)
    else:
        _FROM_BLOB.add(key)
    _COMPILED[key] = got
    return got


def _unpickled(key: tuple[str, int]) -> "regex.Pattern[str] | None":
    """The preloaded pattern for `key`; None when there is none or its blob is
    damaged or foreign (the caller compiles)."""
    blob = _PRELOADED.get(key)
    if blob is None:
        return None
    try:
        got = pickle.loads(blob)
    except Exception:  # noqa: BLE001 - a torn or foreign cache file: compile as usual
        return None
    return got if isinstance(got, regex.Pattern) and got.pattern == key[0] else None


def preload(patterns: dict[tuple[str, int], bytes]) -> None:
    """Patterns pickled by an earlier process (`known()`), unpickled on first use."""
    _PRELOADED.update(patterns)


def compiled() -> dict[tuple[str, int], bytes]:
    """Every pattern rx() has handed out in this process, pickled."""
    return {k: _PRELOADED[k] if k in _FROM_BLOB else pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL)
            for k, p in _COMPILED.items()}


def known() -> dict[tuple[str, int], bytes]:
    """The preloaded patterns and those compiled in this process, pickled."""
    return {**_PRELOADED, **compiled()}


def any_new() -> bool:
    """Whether this process compiled a pattern no earlier process gave it."""
    return not _FROM_BLOB >= _COMPILED.keys()


# Seconds one call of a user's regex (rule set parameters, protect-list
# `re:` patterns) may run: catastrophic backtracking becomes a TimeoutError
# (CL003 for the file, an error for redact) instead of a hang.
REGEX_TIMEOUT = 5.0
