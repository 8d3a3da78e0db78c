"""The compiled matcher of a protect list's terms: every term, in every
spelling the folded view (namefold.py) leaves to the regex, in one trie-shaped
regular expression over the view.

A term's key is its folded view with every separator run one space. In the
regex, between two parts any run of separators (or none: a dropped format
character may be all that separated them); between two letters of a word an
optional line break (the view folds a wrap, a hyphen at the wrap included, to
one), or one or two blanks where the term's word may be found split (a name
typed or exported with a blank inside a word: "Demir soy" for Demirsoy, review
s9-c S10): decided for each term on its own (review s10 M1), by the word
lists of rules/split_words.txt (`may_split`); `SURNAME, GIVEN` as a second
spelling of every term of two words or more.
"""
from __future__ import annotations

import functools
import re
from typing import Any, Callable, Iterable

from .namefold import fold
from .shipped import rules_dir

# In the folded view (namefold.py) ASCII separators are kept as written (one to
# one, cheap) and every other separator is a space: these classes accept any.
_SEPCH = r"\t\x0b\x0c\r \-_.*\\"
SEP = rf"[\n{_SEPCH}]*"  # optional: a format character may be all that separates two parts
WRAP = r"\r?\n?"  # a line wrap inside a word (the view folds any other wrap, hyphen included, to one \n)
COMMA = rf"[\n{_SEPCH}]*,[\n{_SEPCH}]*"  # SURNAME, GIVEN
SPLIT = r"[ \t]{0,2}\r?\n?"  # a wrap, or one or two blanks on the line, inside a word that may be split there
BLANKS = r"[ \t]{1,2}\r?\n?"  # the split alone: where only some terms below may be split (their own branch)
SPLIT_PART = 3  # letters of the word on each side, at least: "IS A" is never `Isa`
COMMON_PART = 4  # ... where a side is a common word: "GOOD WIN" is not `Goodwin`
WORDS_FILE = "split_words.txt"
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

    def emit(node: dict[str, Any], prev: str, word: str | None) -> str:
        """`word`: the letters of the key's current word so far (None: the
        word holds another character, and is never split)."""
        if NOT_AFTER in node:  # the rest of this key is what must not follow
            rest, child = "", node[NOT_AFTER]
            while _END not in child:
                ch, child = next(iter(child.items()))
                rest += ch
            return emit({k: v for k, v in node.items() if k != NOT_AFTER} | {_END: {}}, prev, word) + \
                f"(?!{SEP}{re.escape(rest)}(?![^\\W_]))"
        alts = [_step(prev, ch, child, word, emit) for ch, child in sorted(node.items()) if ch != _END]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if _END in node:  # a shorter term ends here: try the longer one first
            return f"(?:{body})?"
        return body

    return emit(trie, "", "")


def _step(prev: str, ch: str, child: dict[str, Any], word: str | None, emit: Callable[..., str]) -> str:
    """The regex of `ch` and all below it. Between two letters of a word: a
    wrap; and a split too for the keys below that may be split here
    (may_split, each key on its own: "Newmann" beside "Newman" must not let
    "NEW MAN" through, review s10 M1). Where only some may, the split has a
    branch of its own that holds only them."""
    after = _word_after(word, ch)
    if not (prev.isalnum() and ch.isalnum()):
        return _unit_re(ch) + emit(child, ch, after)
    if word is None or not ch.isalpha():
        return WRAP + re.escape(ch) + emit(child, ch, after)
    rests = _word_rests(child, ch)
    ok = {r for r in rests if may_split(word, r)}
    if not ok:
        return WRAP + re.escape(ch) + emit(child, ch, after)
    if ok == rests:
        return SPLIT + re.escape(ch) + emit(child, ch, after)
    return (f"(?:{BLANKS}{re.escape(ch)}{emit(_pruned(child, ch, ok), ch, after)}"
            f"|{WRAP}{re.escape(ch)}{emit(child, ch, after)})")


def _word_after(word: str | None, ch: str) -> str | None:
    if ch in " ,":
        return ""
    return word + ch if word is not None and ch.isalpha() else None


def _word_end(ch: str) -> bool:
    return ch in (_END, " ", ",", NOT_AFTER)


def _word_rests(node: dict[str, Any], start: str) -> set[str]:
    """The ends of the current word in every key below `node` ("soy" under
    "demir"), `start` the character that leads to `node`."""
    out: set[str] = set()
    stack = [(node, start)]
    while stack:
        n, rest = stack.pop()
        for ch, child in n.items():
            if _word_end(ch):
                out.add(rest)
            else:
                stack.append((child, rest + ch))
    return out


def _pruned(node: dict[str, Any], rest: str, keep: set[str]) -> dict[str, Any]:
    """`node` with only the keys whose current word ends in one of `keep`
    (`rest`: that end so far); what follows the word is kept whole."""
    out: dict[str, Any] = {}
    for ch, child in node.items():
        if _word_end(ch):
            if rest in keep:
                out[ch] = child
        elif sub := _pruned(child, rest + ch, keep):
            out[ch] = sub
    return out


def may_split(left: str, right: str) -> bool:
    """Whether a word of a key may be found written as `left` and `right`
    with a blank between (review s10 M2): SPLIT_PART letters or more on each
    side, letters only; neither side a function word or name particle ("the
    KLA" is not Thekla, "van der" not Vander); not both common words ("NEW
    MAN", "fair weather"), and COMMON_PART letters on each side where one is."""
    if len(left) < SPLIT_PART or len(right) < SPLIT_PART or not (left.isalpha() and right.isalpha()):
        return False
    function, common = split_words()
    if left in function or right in function:
        return False
    if left in common or right in common:
        return min(len(left), len(right)) >= COMMON_PART and not (left in common and right in common)
    return True


@functools.lru_cache(maxsize=1)
def split_words() -> tuple[frozenset[str], frozenset[str]]:
    """The function words and the common words of rules/split_words.txt (data, not code)."""
    lists: dict[str, set[str]] = {"function": set(), "common": set()}
    section = None
    for line in (rules_dir() / WORDS_FILE).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            section = lists[line[1:-1]]
        elif line and section is not None:
            section.update(w.lower() for w in line.split())
    return frozenset(lists["function"]), frozenset(lists["common"])
