"""The normalised view of a text in which protected terms are matched.

A name must be found however it is spelled: `Rosenblatt`, `ROSEN-\\nBLATT`,
`Ro\\u200bsenblatt`, `Rósenblatt`, `Rоsenblatt` (Cyrillic o), `Ｒｏｓｅｎｂｌａｔｔ`,
`Rosenblatt&shy;`, `josiah_rosenblatt@...`, `R O S E N B L A T T`. Rather
than teach one regex every spelling, the text is folded once into a *view*
and the protect list's terms, folded the same way, are matched in it; each
view character knows the span of the original characters it came from, so a
match maps back to the exact original span (what `redact` replaces).

The fold, character by character:
- Unicode compatibility decomposition (NFKD: fullwidth, mathematical and
  ligature forms become plain letters), combining marks dropped (accents
  fold both ways: the list's `José` matches `JOSE` and `Jose` matches `JOSÉ`),
  case folded (`ß` -> `ss`), and a small table of look-alikes (Cyrillic and
  Greek letters that look Latin, `ø`, `ł`, `đ`, dotless i...) mapped to Latin;
- format characters (Unicode category Cf: zero-width space/joiner/non-joiner,
  word joiner, BOM, soft hyphen, bidirectional controls) dropped;
- HTML entities (`&nbsp;`, `&shy;`, `&#8203;`, `&#x200B;`...) and the URL
  escapes `%20 %2D %2E %5F %27` decoded first;
- separators between name parts (any space, tab, CR, hyphen or dash,
  underscore, dot, `*`, backslash) are kept as written in ASCII text and
  become a space elsewhere (the matcher accepts any run of them); a line
  wrap with its company (CR, trailing blanks, a backslash or a hyphen at the
  wrap, blank lines, indentation) becomes one line break, so a term can
  allow a wrap inside a word (`\n?`) but not a space;
- apostrophe variants become `'`;
- a letter-spaced run (`R O S E N B L A T T`, three or more single letters
  one space apart) loses its single spaces; wider gaps stay word breaks.

ASCII text outside those spots maps one to one (`str.lower`), so the fold is
linear and cheap; only the special spots cost Python work.
"""
from __future__ import annotations

import html.entities
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache


SEPARATORS = " \t\r\v\f-_.*\\"
APOSTROPHES = "'`\u2018\u2019\u02bc\u02bb\u2032\u00b4"
LINE_BREAKS = "\n\x1c\x1d\x1e\x85\u2028\u2029"
# Look-alike letters (after case folding) and Latin letters NFKD does not decompose.
CONFUSABLES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "һ": "h", "ӏ": "l", "ь": "b",
    # Greek (upper-case look-alikes: cables are mostly upper case)
    "α": "a", "β": "b", "ε": "e", "ζ": "z", "η": "h", "ι": "i", "κ": "k", "μ": "m", "ν": "n",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "y", "χ": "x", "ϲ": "c",
    # Latin letters without a decomposition
    "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i", "ħ": "h", "ŧ": "t", "æ": "ae", "œ": "oe",
    "þ": "th", "ŋ": "n",
}
_TABLE = {ord(c): " " for c in SEPARATORS}
_TABLE.update({ord(c): "'" for c in APOSTROPHES})
_TABLE.update({ord(c): "\n" for c in LINE_BREAKS})
_TABLE.update({ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
_URL_ESCAPES = {"20": " ", "2d": "-", "2e": ".", "5f": "_", "27": "'"}

# The spots that do not fold one to one, each found by a scan that starts on
# a literal or a narrow class (stdlib `re`), so folding plain ASCII is cheap.
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_ENTITY = re.compile(r"&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_URL = re.compile(r"%(?:20|2[dDeE7]|5[fF])")
# A letter-spaced run stands apart: only blanks, punctuation or the text's
# ends border it. Anything else beside it (a letter or digit of any script, a
# combining accent, an invisible character) makes its first or last letter
# part of a word: `ORLO\u200bV X X` and `A A D\u0301MITRI` are not runs.
_BORDER = r"\s.,;:!?\"'()\[\]{}<>/\\|*_\-"
_WORDLIKE = r"^%s" % _BORDER  # a class of everything that is not a border
_LS_HINT = re.compile(r" [A-Za-z] [A-Za-z](?![%s])" % _WORDLIKE)
_LS_RUN = re.compile(r"(?<![%s])[A-Za-z](?: [A-Za-z]){2,}(?![%s])" % (_WORDLIKE, _WORDLIKE))
# A line wrap with its company (CR, trailing blanks or backslash, a hyphen at
# the wrap, blank lines, indentation) becomes one line break in the view.
_WRAP = re.compile(r"\n[\s\-\\]*")  # found from the line break (a literal: fast), walked back
_WRAP_BEFORE = frozenset("\t\x0b\x0c\r -\\")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_WORD_CHAR = re.compile(r"[%s]" % _WORDLIKE)


def _letter_spaced(text: str) -> list[tuple[int, int]]:
    """Spans of letter-spaced runs (three or more single letters one space
    apart), found from a cheap literal hint and walked back to their start."""
    out: list[tuple[int, int]] = []
    end = -1
    for m in _LS_HINT.finditer(text):
        if m.start() < end:
            continue
        k = m.start() - 1
        while k >= 2 and text[k - 1] == " " and text[k - 2] in _LETTERS and (k < 3 or not _WORD_CHAR.match(text, k - 3)):
            k -= 2
        r = (_LS_RUN.match(text, k) if k >= 0 else None) or _LS_RUN.match(text, m.start() + 1)
        if r is not None:
            out.append(r.span())
            end = r.end()
    return out


def _wraps(text: str) -> list[tuple[int, int, str]]:
    """Line wraps between two letters or digits that are more than a bare
    line break (or CR LF, which the matcher takes as it is), one spot each:
    only there can a wrap split a word, and elsewhere the matcher's
    separator class takes any run."""
    out: list[tuple[int, int, str]] = []
    n = len(text)
    for m in _WRAP.finditer(text):
        a, b = m.span()
        while a > 0 and text[a - 1] in _WRAP_BEFORE:
            a -= 1
        if b - a > 2 - (text[a] != "\r") and a > 0 and b < n and text[a - 1].isalnum() and text[b].isalnum():
            out.append((a, b, "wrap"))
    return out


def _spots(text: str) -> list[tuple[int, int, str]]:
    """(start, end, what) of every spot, in text order, none overlapping."""
    found = [(*m.span(), "chars") for m in _NON_ASCII.finditer(text)] if not text.isascii() else []
    if "&" in text:
        found += [(*m.span(), "code") for m in _ENTITY.finditer(text)]
    if "%" in text:
        found += [(*m.span(), "code") for m in _URL.finditer(text)]
    found += [(a, b, "spaced") for a, b in _letter_spaced(text)]
    found += _wraps(text)
    found.sort()
    out: list[tuple[int, int, str]] = []
    for spot in found:
        if not out or spot[0] >= out[-1][1]:
            out.append(spot)
    return out


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """The view of one character (may be empty or several characters)."""
    if ch in _TABLE_CHARS:
        return ch.translate(_TABLE)
    if ch.isspace():
        return "\n" if ch in LINE_BREAKS else " "
    if unicodedata.category(ch) == "Cf":
        return ""
    out = []
    for c in unicodedata.normalize("NFKD", ch):
        if unicodedata.category(c).startswith("M"):
            continue
        for d in c.casefold():
            d = CONFUSABLES.get(d, d)
            out.append(d.translate(_TABLE) if d in _TABLE_CHARS or d.isascii() else _dash_or(d))
    return "".join(out)


_TABLE_CHARS = frozenset(chr(k) for k in _TABLE)


def _dash_or(c: str) -> str:
    """Dashes and minus signs of every script separate name parts like '-'."""
    return " " if unicodedata.category(c) == "Pd" or c == "\u2212" else c


def _decode(spot: str) -> str:
    """The characters an entity or URL escape stands for (unknown: as written)."""
    if spot[0] == "%":
        return _URL_ESCAPES[spot[1:].lower()]
    if spot[1] == "#":
        try:
            n = int(spot[3:-1], 16) if spot[2] in "xX" else int(spot[2:-1])
            return chr(n) if 0 < n < 0x110000 and not 0xD800 <= n < 0xE000 else spot
        except ValueError:
            return spot
    return html.entities.html5.get(spot[1:], spot)


@dataclass(slots=True)
class View:
    """Folded text plus the map back: segment k covers view[vstart[k]:vstart[k+1]]
    and came from original[ostart[k]:oend[k]]. With step[k] = 1 a view
    character maps to one original character (plain ASCII, accented letters),
    with 2 to every other one (a letter-spaced run), with 0 to the segment's
    whole original span (an entity, a ligature, a wrap)."""

    text: str
    vstart: list[int]
    ostart: list[int]
    oend: list[int]
    step: list[int]

    def span(self, a: int, b: int) -> tuple[int, int]:
        """The original span of view[a:b] (b > a)."""
        return self._pos(a)[0], self._pos(b - 1)[1]

    def _pos(self, i: int) -> tuple[int, int]:
        k = bisect_right(self.vstart, i) - 1
        if self.step[k]:
            o = self.ostart[k] + (i - self.vstart[k]) * self.step[k]
            return o, o + 1
        return self.ostart[k], self.oend[k]


@lru_cache(maxsize=4)
def view(text: str) -> View:
    """Fold `text` (see the module docstring). Cached: a run folds the same
    text for the rule, the output mask and redact."""
    parts: list[str] = []
    v = View("", [], [], [], [])
    vpos = pos = 0

    def add(folded: str, a: int, b: int, step: int) -> None:
        nonlocal vpos
        v.vstart.append(vpos)
        v.ostart.append(a)
        v.oend.append(b)
        v.step.append(step)
        parts.append(folded)
        vpos += len(folded)

    for a, b, what in _spots(text):
        if a > pos:
            add(text[pos:a].lower(), pos, a, 1)
        if what == "chars":
            folded = [fold_char(c) for c in text[a:b]]
            if all(len(f) == 1 for f in folded):  # accented or look-alike letters: one to one
                add("".join(folded), a, b, 1)
            else:
                for i, f in enumerate(folded):
                    add(f, a + i, a + i + 1, 0)
        elif what == "wrap":
            add("\n", a, b, 0)
        elif what == "code":
            add("".join(fold_char(c) for c in _decode(text[a:b])), a, b, 0)
        else:  # letter-spaced: the letters one to one, the single spaces between them dropped
            add(text[a:b:2].lower(), a, b, 2)
        pos = b
    if pos < len(text) or not v.vstart:
        add(text[pos:].lower(), pos, len(text), 1)
    v.text = "".join(parts)
    return v


def fold(text: str) -> str:
    """The view's text alone (how a protect-list term is keyed)."""
    return view(text).text
