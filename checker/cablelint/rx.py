r"""One memo of compiled patterns for the parser, the vocabulary and the rule sets.

`regex.match(pattern, text)` looks its pattern up in regex's own cache on
every call, which costs several microseconds; the parser makes ~100-150 such
calls per cable. `rx(pattern).match(text)` pays that once per pattern.

Compiling is the biggest part of a one-file run's start-up (~0.3-1 ms a
pattern with `regex`), so nothing is compiled before it is used:
- `rx()` hands out a `Deferred`, compiled the first time it is used (a run
  uses about two thirds of the parser's patterns); after that its methods
  are its own attributes, so a call costs what it costs on the pattern;
- the patterns of the shipped rule files (rules/*.yaml, markings.yaml) are
  compiled on first use too (`user_pattern` inside `shipped()`): a cable never
  runs the CAPCO/CUI shapes' rules, the release set's, nor most `when:`-gated
  ones. tests/test_rx.py compiles every one of them; a user's own rule set
  is compiled when it loads, so a bad regex names its file and line;
- the engine cache stores the compiled patterns (`known()`) and gives them to
  the next process (`preload`, from `enginecache.load_patterns`): unpickling
  one costs ~15 us against ~300 us to compile it.

Which engine, where (issue 12: a runaway match must be stoppable):
- every pattern a user can write (rule-set parameters, `when:` regexes,
  `vocabulary:` blocks, markings.yaml, protect lists) is a `regex` pattern:
  `timelimit.py` stops a rule or a file with SIGALRM, and `regex` checks for
  signals mid-match, where the stdlib `re` runs a match to its end however
  long it takes. `user_pattern`, `check_pattern` and everything compiled
  from vocabulary words (vocab_patterns.py) therefore use `regex`.
- the parser's own patterns (`rx()`) use `regex` too, a measured choice
  (issue 15, 2000 synthetic cables): `re` fails a `.match` on a short line
  in ~145 ns against ~505 ns, but (1) of the ~104 match/fullmatch calls per
  cable, only 8% are on patterns `re` reads exactly as `regex` does: 59% use
  `\s` or `\d` (re's `\s` also takes U+001C-U+001F; regex's `\d` knows 110
  digits of newer Unicode), 12% `\w`/`\b` (17,608 code points differ), 21%
  IGNORECASE (İ and ı fold differently); routing even every pattern `re`
  compiles to it made the parse stage only ~5-8% faster (1.19-1.23 -> 1.10-1.18
  ms a cable, loaded machine), an exact routing would gain ~3%; (2) a
  compiled `re` pattern cannot be pickled (it pickles as its source), so a
  warm one-file run would compile the ~80 patterns `re` accepts (10.6 ms)
  where it now unpickles them (1.1 ms), against the 80 ms target; (3)
  `re.search` of a pattern starting `\b(?:A|B)` over 2 KB was 17x slower
  than `regex` (no literal prefilter), so whole-text scans must stay `regex`
  anyway; (4) parse patterns run under the file's time budget, which only
  `regex` can enforce mid-match.
"""
from __future__ import annotations

import contextlib
import functools
import pickle
from typing import Any, Iterator

import regex

# Patterns compiled by an earlier process, each still pickled: unpickling one
# costs ~15 us (regex rebuilds it from its compiled code), so only those this
# run asks for are (a run the result cache answers asks for few or none).
_PRELOADED: dict[tuple[str, int], bytes] = {}
_COMPILED: dict[tuple[str, int], "regex.Pattern[str]"] = {}
_FROM_BLOB: set[tuple[str, int]] = set()  # the keys of _COMPILED that came from their preloaded blob


@functools.lru_cache(maxsize=None)
def rx(pattern: str, flags: int = 0) -> "Deferred":
    """The pattern, compiled with `regex` the first time it is used (a module's
    patterns cost nothing at import: a run uses about two thirds of them)."""
    return Deferred(pattern, int(flags))


def compile_now(pattern: str, flags: int = 0) -> "regex.Pattern[str]":
    """The compiled pattern from the memo: unpickled from an earlier process's
    blob when there is one, else compiled (a bad one raises `regex.error`)."""
    key = (pattern, int(flags))
    got = _COMPILED.get(key)
    if got is not None:
        return got
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


# -- patterns from the rule files: compiled when loaded, or on first use ---------

_DEFER = [False]  # inside `shipped()`: the file being loaded is one cablelint ships


@contextlib.contextmanager
def shipped(is_shipped: bool = True) -> Iterator[None]:
    """While loading a file cablelint ships (`is_shipped`), `user_pattern`
    defers compiling and `check_pattern` trusts the pattern (the test suite
    compiles every one); nested loads (a user's set extending `state`) each
    say their own."""
    outer, _DEFER[0] = _DEFER[0], is_shipped
    try:
        yield
    finally:
        _DEFER[0] = outer


def deferring() -> bool:
    """Whether the file being loaded is shipped (its patterns compile on first use)."""
    return _DEFER[0]


def check_pattern(pattern: str, flags: int = 0) -> None:
    """Raise `regex.error` when `pattern` does not compile, unless it comes
    from a shipped file (see `shipped`); the compiled pattern is kept in the memo."""
    if not _DEFER[0]:
        compile_now(pattern, flags)


def user_pattern(pattern: str, flags: int = 0) -> "regex.Pattern[str] | Deferred":
    """A regex a rule file gives (always `regex`: a rule's match must stop
    when timelimit's alarm rings): compiled now, so that a bad one raises
    `regex.error` for the loader to name its file and line, or, for a
    shipped file, a `Deferred` compiled on first use."""
    return Deferred(pattern, int(flags)) if _DEFER[0] else compile_now(pattern, flags)


# The attributes of a compiled pattern a Deferred copies into itself once compiled,
# so that `d.match(...)` then costs what `pattern.match(...)` does (an instance dict hit).
_METHODS = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split", "splititer",
            "flags", "groups", "groupindex", "scanner")


class Deferred:
    """A `regex` pattern compiled (through the memo, `compile_now`, so the engine
    cache's pattern file serves later processes) the first time anything but
    its `pattern` and `given_flags` is asked for; then its methods are its own
    attributes, so `d.match(...)` costs what `pattern.match(...)` does.
    Pickles as its source plus, once compiled, the compiled pattern."""

    def __init__(self, pattern: str, flags: int = 0, compiled: "regex.Pattern[str] | None" = None) -> None:
        self.pattern = pattern
        self.given_flags = flags  # what the caller asked for (prefilter reads it without compiling)
        if compiled is not None:
            self._adopt(compiled)

    def _adopt(self, got: "regex.Pattern[str]") -> "regex.Pattern[str]":
        d = self.__dict__
        d["compiled"] = got
        for name in _METHODS:
            d[name] = getattr(got, name)
        return got

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("pattern", "given_flags", "compiled"):
            raise AttributeError(name)  # unpickling, copying: nothing set yet
        return getattr(self._adopt(compile_now(self.pattern, self.given_flags)), name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Deferred, (self.pattern, self.given_flags, self.__dict__.get("compiled")))

    def __repr__(self) -> str:
        return f"Deferred({self.pattern!r}, {self.given_flags})"


# Seconds one call of a user's regex (rule set parameters, protect-list
# `re:` patterns) may run: catastrophic backtracking becomes a TimeoutError
# (CL003 for the file, an error for redact) instead of a hang.
REGEX_TIMEOUT = 5.0
