"""The compiled matcher of a protect list's terms: every term, in every
spelling the folded view (namefold.py) leaves to the regex, in one trie-shaped
regular expression over the view.

A term's key is its folded view with every separator run one space. In the
regex, between two parts any run of separators (or none: a dropped format
character may be all that separated them); between two letters of a word an
optional line break (the view folds a wrap, a hyphen at the wrap included, to
one); `SURNAME, GIVEN` as a second spelling of every term of two words or more.
"""
from __future__ import annotations

import functools
import re
from typing import Any, Iterable

from .namefold import fold

# In the folded view (namefold.py) ASCII separators are kept as written (one to
# one, cheap) and every other separator is a space: these classes accept any.
_SEPCH = r"\t\x0b\x0c\r \-_.*\\"
SEP = rf"[\n{_SEPCH}]*"  # optional: a format character may be all that separates two parts
WRAP = r"\r?\n?"  # a line wrap inside a word (the view folds any other wrap, hyphen included, to one \n)
COMMA = rf"[\n{_SEPCH}]*,[\n{_SEPCH}]*"  # SURNAME, GIVEN
_SEPS = re.compile(r"[\s\-_.*\\]+")
_COMPACT = re.compile(r"[\s\-_.*\\,]+")
_END = ""  # trie end marker


def compile_trie(keys: list[str]) -> re.Pattern | None:
    return _compiled_trie(tuple(sorted(keys)))


@functools.lru_cache(maxsize=16)
def _compiled_trie(keys: tuple[str, ...]) -> re.Pattern | None:
    """One trie-shaped regex (stdlib `re`: several times faster than `regex`
    here) matching any of `keys` whole-word in the folded view."""
    return re.compile(r"(?<![^\W_])(?:" + _trie_regex(keys) + r")(?![^\W_])") if keys else None


def term_key(text: str) -> str:
    """The canonical form of a term: its folded view (namefold.py) with every
    separator run one space. What the matcher treats as equal has one key."""
    return _SEPS.sub(" ", fold(text)).replace("`", "'").strip()


def compact(key: str) -> str:
    """A key or a matched view text without separators: identifies the entry."""
    return _COMPACT.sub("", key).replace("`", "'")


def spellings(key: str) -> list[str]:
    """The keys a term is matched under: as written, and `SURNAME, GIVEN`
    unless the surname follows again ("Raul Castro, Fidel Castro" is two
    names, not "Castro, Fidel"): after NOT_AFTER comes what must not follow."""
    words = key.split(" ")
    if len(words) < 2:
        return [key]
    return [key, words[-1] + "," + " ".join(words[:-1]) + NOT_AFTER + words[-1]]


NOT_AFTER = "\x01"


def _unit_re(ch: str) -> str:
    if ch == " ":
        return SEP
    if ch == ",":
        return COMMA
    if ch == "'":
        return "['`]"
    return re.escape(ch)


def _trie_regex(keys: Iterable[str]) -> str:
    trie: dict[str, Any] = {}
    for k in keys:
        node = trie
        for ch in k:
            node = node.setdefault(ch, {})
        node[_END] = {}

    def emit(node: dict[str, Any], prev: str) -> str:
        if NOT_AFTER in node:  # the rest of this key is what must not follow
            rest, child = "", node[NOT_AFTER]
            while _END not in child:
                ch, child = next(iter(child.items()))
                rest += ch
            return emit({k: v for k, v in node.items() if k != NOT_AFTER} | {_END: {}}, prev) + \
                f"(?!{SEP}{re.escape(rest)}(?![^\\W_]))"
        alts = [(WRAP if prev.isalnum() and ch.isalnum() else "") + _unit_re(ch) + emit(child, ch)
                for ch, child in sorted(node.items()) if ch != _END]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if _END in node:  # a shorter term ends here: try the longer one first
            return f"(?:{body})?"
        return body

    return emit(trie, "")
