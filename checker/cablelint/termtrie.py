"""The compiled matcher of a protect list's terms: every term, in every
spelling the folded view (namefold.py) leaves to the regex, in one trie-shaped
regular expression over the view.

A term's key is its folded view with every separator run one space. In the
regex, between two parts any run of separators (or none: a dropped format
character may be all that separated them); between two letters of a word an
optional line break (the view folds a wrap, a hyphen at the wrap included, to
one), or a blank where the word is long enough to be split (SPLIT);
`SURNAME, GIVEN` as a second spelling of every term of two words or more.
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
# A blank typed or exported inside a word of a name ("Demir soy" for Demirsoy,
# review s9-c S10): one or two blanks on the line (a wrap with blanks around it
# is folded to one line break, WRAP's), allowed between two letters of a word
# with SPLIT_PART letters or more of it on each side, so "IS A" is never `Isa`,
# "ON A" never `Ona`, and a short name never matches two short words; and not
# where both sides are COMMON_WORDS: "WHITE HOUSE" is not `Whitehouse`, "NEW
# MAN" not `Newman`. A word with an apostrophe or a digit in it (`O'Brien`, an
# identifier) is never split.
SPLIT = r"[ \t]{0,2}\r?\n?"
SPLIT_PART = 3
# Common English words, chiefly those that make up compound surnames (Newman,
# Whitehouse, Goodwin, Fairbanks...) and the frequent words of cables.
COMMON_WORDS = frozenset("""
    the and for are but not you all any can had her was one our out has his how its may now see two who did get
    let put say she too use with that this have from they will would there their what about which when make like
    time just know take into year your some could them than then look only come over also after work first even
    want these give most said each other were been more such here must made part under upon while where well
    new man men woman women white house houses black good win wins free bow long field fields wood woods land
    lands hill hills stone stones water fair bank banks north south east west way ways hart church bridge brook
    ford ham son sons ton town street gate gates king kings lord lake moor far side hall wall worth mill mills
    green brown gold golden silver rose young strong little small big great grand old last bell cross coal fish
    hunt hunter wright baker cook park post day days night rain snow ring bolt head heart foot hand arm back dale
    vale burn sea ship sun moon star fire home main end own off top pan tan van car bar war per ten set met net
    yet led red bed bid lay bay pay say key boy art act age ago ask bad box buy cut die dog eat eye few fly fun
    god gun hot ice job law leg lie lot low oil pop run sad sit sky tax tea tie tip try won yes air force port
    army navy court state states united nation nations office general public policy party people country border
    line lines power money trade gas press news open close case cases point points plan plans plant place
    bill bills wild ward hard light short wise mark marks lock locks brew wells shore shaw stock stead
    """.split())
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
        """`word`: the letters of the current word so far (None: it holds a
        character other than a letter, and is never split)."""
        if NOT_AFTER in node:  # the rest of this key is what must not follow
            rest, child = "", node[NOT_AFTER]
            while _END not in child:
                ch, child = next(iter(child.items()))
                rest += ch
            return emit({k: v for k, v in node.items() if k != NOT_AFTER} | {_END: {}}, prev, word) + \
                f"(?!{SEP}{re.escape(rest)}(?![^\\W_]))"
        alts = [_inside(prev, ch, child, word) + _unit_re(ch) + emit(child, ch, _word_after(word, ch))
                for ch, child in sorted(node.items()) if ch != _END]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if _END in node:  # a shorter term ends here: try the longer one first
            return f"(?:{body})?"
        return body

    return emit(trie, "", "")


def _word_after(word: str | None, ch: str) -> str | None:
    if ch in " ,":
        return ""
    return word + ch if word is not None and ch.isalpha() else None


def _inside(prev: str, ch: str, child: dict[str, Any], word: str | None) -> str:
    """What may stand between two characters of a word: a line wrap, or a
    split (SPLIT) where the word is long enough on both sides."""
    if not (prev.isalnum() and ch.isalnum()):
        return ""
    if word is None or len(word) < SPLIT_PART or not ch.isalpha():
        return WRAP
    rests = _word_rests(child, ch)
    if (rests and min(map(len, rests)) >= SPLIT_PART and all(r.isalpha() for r in rests)
            and not (word in COMMON_WORDS and all(r in COMMON_WORDS for r in rests))):
        return SPLIT
    return WRAP


def _word_rests(node: dict[str, Any], start: str) -> set[str]:
    """The ends of the current word in every key below `node` ("soy" under
    "demir"), `start` the character that leads to `node`; an end holding
    another character than a letter is kept as it is, so the caller sees it."""
    out: set[str] = set()
    stack = [(node, start)]
    while stack:
        n, rest = stack.pop()
        for ch, child in n.items():
            if ch in (_END, " ", ",", NOT_AFTER):
                out.add(rest)
            else:
                stack.append((child, rest + ch))
    return out
