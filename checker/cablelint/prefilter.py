"""Literal pre-checks for whole-text regexes: the strings one of which every
match must contain, read from the pattern itself.

Scanning a 10 KB cable with the `regex` module costs 0.1-0.2 ms per pattern
(no literal prefix to jump to, IGNORECASE or not), while `in` on a string is
a memchr-speed C loop. A detector that asks `Prefiltered.possible(text)` first
skips the scan on the healthy cables, which are nearly all. The needles come
from the pattern's parse tree (the stdlib parser reads the syntax the rules
use), so no rule carries a hand-written hint that could drift from its
pattern; a pattern the stdlib cannot parse simply has no pre-check.
"""
from __future__ import annotations

from typing import Any

import re
import re._parser as _sre  # type: ignore[import-not-found]  # Python 3.11+: the parser of the `re` module

import regex

from .records import FrozenRecord, set_field

# The characters that IGNORECASE lets stand for an ASCII letter (İ ı ſ and the Kelvin sign): in a
# text holding one, a case-blind pattern's needles (looked for in the ASCII-lowered text) may miss a match.
FOLD_BLIND = ("\u0130", "\u0131", "\u017f", "\u212a")


def fold_blind(text: str) -> bool:
    """Whether `text` holds a FOLD_BLIND letter (an ASCII text never does).
    The last text asked about is remembered: a document's rules ask about its
    whole text a dozen times, and most real cables are not ASCII (a curly
    quote), so each ask would read the text four times."""
    if text.isascii():
        return False
    last = _LAST_BLIND[0]  # (one read of one tuple: a text and its own verdict, whatever another thread does)
    if last[0] is not text:
        last = _LAST_BLIND[0] = (text, any(c in text for c in FOLD_BLIND))
    return last[1]


_LAST_BLIND: list[tuple[str | None, bool]] = [(None, False)]  # the last text asked about (by identity), its verdict


def lowered(text: str) -> bytes:
    """The text as UTF-8 with its ASCII letters lower-cased: where the
    needles of a case-blind pattern are looked for (12 us for 8 KB, where
    `str.casefold` takes 58 us on text with any non-ASCII character)."""
    return text.encode("utf-8", "surrogatepass").lower()


class Prefiltered(FrozenRecord):
    """A compiled pattern with its needles: a match is possible only where
    one of them occurs. A case-blind pattern's needles are ASCII and looked
    for in `lowered(text)` (a pattern whose needles are not ASCII has no
    pre-check; the Kelvin sign and the long s, which IGNORECASE lets stand
    for k and s, are the one blind spot). A plain frozen value, not a
    @dataclass (records.py says why)."""

    __slots__ = ("rx", "needles", "folded", "head", "encoded", "literals", "firsts")

    def __init__(self, rx: "regex.Pattern[str]", needles: tuple[str, ...] | None, folded: bool = False,
                 head: str | None = None, encoded: tuple[bytes, ...] = (), literals: tuple[str, ...] | None = None,
                 firsts: str | None = None) -> None:
        set_field(self, "rx", rx)
        set_field(self, "needles", needles)  # None: no pre-check, always scan
        set_field(self, "folded", folded)
        set_field(self, "literals", literals)  # the pattern is these strings as alternatives (`starts`), lowered if folded
        set_field(self, "firsts", firsts)  # every match starts with one of these characters (`scan`)
        set_field(self, "head", head)  # every match starts a line with this (a `(?m)^LITERAL...` pattern): see `scan`
        set_field(self, "encoded", encoded)  # a case-blind pattern's needles as UTF-8, looked for in `lowered(text)`

    def __getattr__(self, name: str) -> Any:
        """The pattern's own methods (`search`, `finditer`...): a detector that
        does not pre-check uses a Prefiltered like the compiled pattern."""
        if name.startswith("__") or name in self.__slots__:  # unpickling: slots not set yet
            raise AttributeError(name)
        return getattr(self.rx, name)

    def possible(self, text: str, low: bytes | None = None) -> bool:
        """False only when no match can exist; `low` is `lowered(text)` when the caller has it."""
        if not self.needles:
            return True
        if self.folded:
            if fold_blind(text):
                return True  # IGNORECASE lets one of these stand for an ASCII letter the needles lack
            hay = low if low is not None else lowered(text)
            for b in self.encoded:  # a loop, not any(generator): a dozen calls a cable
                if b in hay:
                    return True
            return False
        for n in self.needles:
            if n in text:
                return True
        return False

    def starts(self, text: str, low: bytes | None = None) -> list[int]:
        """Where each match of `scan` starts. A pattern that is only literal
        alternatives (CL902's archive notice) is looked for with `str.find`,
        case-blind in the text with its ASCII letters lowered (`low`, decoded:
        offsets kept): the `regex` module tries each alternative at every
        position, ~200 us on an 8 KB cable holding the notice."""
        lits = self.literals
        if lits is None or (self.folded and fold_blind(text)):
            return [m.start() for m in self.scan(text)]
        hay = (low if low is not None else lowered(text)).decode("utf-8", "surrogatepass") if self.folded else text
        out: list[int] = []
        nxt, at = [hay.find(s) for s in lits], 0
        while True:  # leftmost first; where several start, the first written wins, as in an alternation
            best, k = -1, -1
            for i, s in enumerate(lits):
                if 0 <= nxt[i] < at:  # overlapped by the last match: the next one after it
                    nxt[i] = hay.find(s, at)
                if nxt[i] >= 0 and (best < 0 or nxt[i] < best):
                    best, k = nxt[i], i
            if best < 0:
                return out
            out.append(best)
            at = best + len(lits[k])

    def scan(self, text: str, most: int | None = None) -> list["regex.Match[str]"]:
        """Every match in `text` (the first `most`), as `rx.finditer` gives
        them. A pattern whose matches all start a line with `head` is tried
        only at the lines that start so, one whose matches start with one of
        a few characters (`firsts`: CL917's garble, a Q or a symbol) only
        where they stand, not at every position of the text."""
        places = self._places(text)
        out: list[regex.Match[str]] = []
        if places is None:
            for m in self.rx.finditer(text):
                out.append(m)
                if len(out) == most:
                    break
            return out
        end = 0  # matches do not overlap: a place inside the last match is passed over
        for at in places:
            if at >= end and (m := self.rx.match(text, at)):
                out.append(m)
                end = m.end()
                if len(out) == most:
                    break
        return out

    def _places(self, text: str) -> list[int] | None:
        """Where a match may start, in order (`scan`); None: anywhere, or at so
        many places that the regex's own scan costs less."""
        head = self.head
        if head is not None:
            at = 0 if text.startswith(head) else text.find("\n" + head) + 1
            if at == 0 and not text.startswith(head):
                return []
            out = []
            while True:
                out.append(at)
                at = text.find("\n" + head, at) + 1
                if at == 0:
                    return out
        firsts = self.firsts
        if firsts is None or sum(text.count(c) for c in firsts) > max(16, len(text) >> 6):
            return None  # (a match tried costs what the regex's scan of ~64 characters does)
        found = []
        for c in firsts:
            at = text.find(c)
            while at >= 0:
                found.append(at)
                at = text.find(c, at + 1)
        return sorted(found)


def prefiltered(rx: "regex.Pattern[str]") -> Prefiltered:
    """`rx` with the literal strings its matches need (none when unknown)."""
    if "[:" in rx.pattern:  # a POSIX class to `regex`, a literal `]` to the stdlib parser
        return Prefiltered(rx, None)
    try:
        tree = _sre.parse(rx.pattern)
    except Exception:  # regex-only syntax: no pre-check
        return Prefiltered(rx, None)
    given = getattr(rx, "given_flags", None)  # a Deferred (rx.py): its flags as asked, not compiled for this
    flags = rx.flags if given is None else given
    folded = bool(tree.state.flags & re.IGNORECASE) or bool(flags & regex.IGNORECASE)
    need = required(list(tree))
    if not need or any(len(n) < 2 and n.isascii() for n in need) or (folded and not all(map(str.isascii, need))):
        firsts = None if folded or flags & regex.VERBOSE else first_chars(list(tree))
        return Prefiltered(rx, None, firsts="".join(sorted(firsts)) if firsts and len(firsts) <= 8 else None)
    needles = tuple(sorted({n.lower() if folded else n for n in need}))
    head = line_head(tree)
    if folded and head:
        head = ""  # (the literal is looked for as written: a case-blind pattern is tried at every line start)
    if head == "" and len(branches(_LEADING_FLAGS.sub("", rx.pattern, count=1))) < 2:
        head = None  # one `^...` alternative: the `regex` module's own scan (6-15 ns a character) costs less
    lits = literals(list(tree)) if not flags & regex.VERBOSE else None
    if lits is not None and folded:
        lits = [x.lower() for x in lits] if all(map(str.isascii, lits)) else None
    return Prefiltered(rx, needles, folded, head, tuple(n.encode() for n in needles) if folded else (),
                       None if lits is None else tuple(lits))


def literals(items: list[Any], most: int = 16) -> list[str] | None:
    """The strings the sequence `items` matches, in the order a regex tries
    them, when it is literal characters and alternations of them only (up to
    `most` strings); None otherwise."""
    outs = [""]
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            outs = [o + chr(arg) for o in outs]
            continue
        if name == "BRANCH":
            alts = [literals(list(a), most) for a in arg[1]]
        elif name == "SUBPATTERN" and not arg[1] and not arg[2]:
            alts = [literals(list(arg[3]), most)]
        else:
            return None
        if any(a is None for a in alts):
            return None
        outs = [o + x for o in outs for alt in alts for x in alt]  # type: ignore[union-attr]
        if len(outs) > most:
            return None
    return outs


def first_chars(items: list[Any]) -> set[str] | None:
    """The characters every match of the sequence `items` starts with (its
    zero-width assertions passed over; a match that may be empty has none):
    None when unknown or when a class or category could start it."""
    for op, arg in items:
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        if name == "LITERAL":
            return {chr(arg)}
        if name == "IN" and all(str(o) == "LITERAL" for o, _ in arg):
            return {chr(a) for _, a in arg}
        if name == "BRANCH":
            alts = [first_chars(list(a)) for a in arg[1]]
            return set().union(*alts) if all(a is not None for a in alts) else None  # type: ignore[arg-type]
        if name == "SUBPATTERN" and not arg[1] and not arg[2]:
            return first_chars(list(arg[3]))
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] >= 1:
            return first_chars(list(arg[2]))
        return None
    return None


def line_head(tree: Any) -> str | None:
    """The literal every match starts with, right at a line's start: the
    pattern is `^` in multi-line mode then literal characters (`(?m)^DE ...`);
    "" when every match starts a line with no literal known (`(?m)^\\W*X|^Y`:
    `scan` tries each line start, ~0.6 us each, where the `regex` module
    tries an alternation of `^...` at every position of the text, ~25 ns a
    character on CL907's notice; `prefiltered` keeps "" for those only)."""
    items = list(tree)
    if not tree.state.flags & re.MULTILINE:
        return None
    if len(items) == 1 and str(items[0][0]) == "BRANCH":
        return "" if all(_at_line_start(list(alt)) for alt in items[0][1][1]) else None
    if not _at_line_start(items):
        return None
    head = ""
    for op, arg in items[1:]:
        if str(op) != "LITERAL" or arg == 10:
            break
        head += chr(arg)
    return head


def _at_line_start(items: list[Any]) -> bool:
    """The sequence opens with `^` (a line start, in multi-line mode)."""
    return bool(items) and str(items[0][0]) == "AT" and str(items[0][1]) == "AT_BEGINNING"


def required(items: list[Any]) -> set[str] | None:
    """The most selective set of strings one of which every match of the
    sequence `items` contains (None when no such set is known)."""
    sets: list[set[str]] = []
    run = ""
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            run += chr(arg)
            continue
        if name in ("AT", "ASSERT", "ASSERT_NOT"):  # zero width: the literals around it still touch
            continue
        if run:
            sets.append({run})
            run = ""
        got = _inner(name, arg)
        if got:
            sets.append(got)
    if run:
        sets.append({run})
    return max(sets, key=lambda s: min(map(len, s)), default=None)


def _inner(name: str, arg: Any) -> set[str] | None:
    if name == "SUBPATTERN":
        if arg[1] or arg[2]:  # flags changed inside the group: no pre-check from it
            return None
        return required(list(arg[3]))
    if name == "BRANCH":
        alts = [required(list(a)) for a in arg[1]]
        return set().union(*alts) if alts and all(alts) else None  # type: ignore[arg-type]
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] >= 1:
        body = list(arg[2])
        if len(body) == 1 and str(body[0][0]) == "LITERAL":
            return {chr(body[0][1]) * min(arg[0], 8)}
        return required(body)
    return None


_LEADING_FLAGS = re.compile(r"^\(\?[aiLmsux]+\)")  # `(?im)` before the pattern: its alternatives are after it

# The `(?` openings an alternative may hold and still be a pattern of its own: groups,
# lookarounds, named groups, scoped flags. Any other (a global flag, a conditional, a
# named backreference...) keeps a pattern whole in `branches`.
_SAFE_OPEN = re.compile(r"\(\?(?::|=|!|<=|<!|P<\w+>|[ims]+(?:-[ims]+)?:|-[ims]+:)")


def branches(pattern: str) -> list[str]:
    """The top-level alternatives of `pattern` (`A|B|C`), each a pattern of
    its own: a text holds a match of the whole exactly when it holds a match
    of one of them. The pattern whole (a list of one) when that is not sure:
    a backreference, quoting, a set in a set or a POSIX class, any `(?` but
    those of `_SAFE_OPEN`."""
    parts, start, depth, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            if not in_class and pattern[i + 1:i + 2] in tuple("123456789gQ"):
                return [pattern]  # a backreference (to another alternative's group?), or quoted text
            i += 2
            continue
        if in_class:
            if c == "[":
                return [pattern]
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1 + (pattern[i + 1:i + 2] == "^")
            i += pattern[i:i + 1] == "]"  # a `]` first in a set is a literal
            continue
        elif c == "(":
            if pattern.startswith("(?", i) and not _SAFE_OPEN.match(pattern, i):
                return [pattern]
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return parts + [pattern[start:]] if parts and depth == 0 and not in_class else [pattern]


class Anywhere:
    """A whole-text regex asked only whether the text holds a match (a rule's
    `text_has`/`text_lacks`): tried alternative by alternative (`branches`),
    each skipped when the text lacks the literals it needs. The `regex`
    module tries every alternative at every position of the text, where one
    alternative alone with a literal to start from (a portion mark's "(")
    finds its match, or is ruled out, several times faster."""

    __slots__ = ("pattern", "_parts")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._parts: list[Prefiltered] | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return (Anywhere, (self.pattern,))

    def _alternatives(self) -> list[Prefiltered]:
        if self._parts is None:
            from .rx import compile_now  # (rx imports nothing of this module; kept local all the same)
            try:
                self._parts = [prefiltered(compile_now(b)) for b in branches(self.pattern)]
            except regex.error:  # an alternative that is no pattern alone: the whole, as written
                self._parts = [Prefiltered(compile_now(self.pattern), None)]
        return self._parts

    def found_in(self, text: str, low: Any = None) -> bool:
        """Some match of the pattern in `text`; `low` gives `lowered(text)` when
        called (a case-blind alternative's literals are looked for in it)."""
        for pre in self._alternatives():
            if pre.needles and not pre.possible(text, low() if pre.folded and low is not None else None):
                continue
            if pre.rx.search(text) is not None:
                return True
        return False
