"""The regexes a Vocabulary builds from its words, each compiled the first
time the parser asks for it (`Vocabulary.__getattr__` calls `BUILDERS[name]`).

Compiling them all took ~70 ms of a first run's start-up (the letter-spaced
alternation of every control word alone ~20-45 ms), and a cable needs only
some: the fallback banner of a damaged export, the 1970s `ENTIRE TEXT`
mark or the controls with an open part (`SI-G ABCD`) are asked for only by
the cables that may hold one. Every pattern here holds words from
markings.yaml or a rule set's `vocabulary:` block, so each is a `regex`
pattern (rx.py: a user's pattern must stop when timelimit's alarm rings).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import regex

from .marking_forms import FOREIGN_OWNER, lookup_key
from .rx import rx

if TYPE_CHECKING:
    from .vocabulary import Vocabulary

# A letter-spaced level shorter than this (`C U I`) could be any run of
# capitals, so only longer level words are looked for letter-spaced inside a line.
SPACED_MIN_LETTERS = 6


def _spaced(word: str) -> str:
    """A regex for a banner word written plain or letter-spaced."""
    parts = []
    for ch in word:
        if ch == " ":
            parts.append(r"\s+")
        else:
            parts.append(regex.escape(ch) + " ?")  # not `[ ]?`: the same match, a third less to compile
    out = "".join(parts)
    return out[:-2] if out.endswith(" ?") else out


def _letter_spaced(letters: str) -> str:
    """A level (its letters, no blanks) written letter-spaced inside a damaged line:
    `C O N F I D E N T I A L`, `TOP S E C R E T`, `SE C R E T`, or with its first
    letter lost (`O N F I D E N T I A L`). The first two gaps may be closed up,
    the rest must be open, so that a plain word in prose never matches."""
    ls = [regex.escape(c) for c in letters]
    return f"(?:{ls[0]} ?)?{ls[1]} ?{ls[2]} " + " ".join(ls[3:])


def _alternation(words: list[str]) -> str:
    """Longest first, so that TOP SECRET wins over SECRET at one place."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _patterns(pats: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in pats) or r"(?!)"


def long_level_keys(v: Vocabulary) -> list[str]:
    """The banner levels' lookup keys long enough to be looked for letter-spaced, longest first."""
    return sorted({lookup_key(a) for lv in v.levels.values() for a in lv.banner
                   if len(lookup_key(a)) >= SPACED_MIN_LETTERS}, key=lambda k: (-len(k), k))


def banner_re(v: Vocabulary) -> "regex.Pattern[str]":
    """A banner line starts with a level, spaced or not, and the level is a
    whole word (so SECRETARY is not SECRET). A non-US or JOINT marking
    starts with `//` and an owner (CAPCO D.1): `//GBR SECRET`,
    `//JOINT SECRET CAN GBR USA`, `//NATO SECRET` (a level of its own)."""
    alt = "|".join(_spaced(a) for a in sorted(v.banner_level, key=len, reverse=True))
    return rx(rf"^[ \t]*(?://(?:{FOREIGN_OWNER}[ ]+)?)?(?P<level>{alt})(?![A-Za-z])", regex.IGNORECASE)


def pattern_controls(v: Vocabulary) -> list[tuple[str, "regex.Pattern[str]"]]:
    """The controls with an open part (`patterns`), each with its patterns as one regex."""
    return [(c.name, rx(_patterns(c.patterns))) for c in v.controls.values() if c.patterns]


def banner_control_re(v: Vocabulary) -> "regex.Pattern[str]":
    """Any control word, spaced or not. `\\b` first when every control starts
    with a letter or digit: regex then skips to word starts (a 200,000-letter
    run took 3.5 s without it)."""
    ctl = sorted(v.banner_control, key=len, reverse=True)
    lead = r"\b" if all(a[:1].isalnum() for a in ctl) else ""
    return rx(lead + r"(?<![A-Za-z])(" + "|".join(_spaced(a) for a in ctl) + r")(?![A-Za-z])", regex.IGNORECASE)


# What `regex`'s IGNORECASE lets stand for an ASCII letter besides its two cases
# (tests/test_vocab_patterns.py checks this against every code point).
_FOLDS = {"\u017f": "S", "\u212a": "K", "\u0130": "I", "\u0131": "I"}
# Key characters the control scanner reads exactly as `regex` would (no case, or ASCII letters).
_PLAIN_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")


class ControlScanner:
    """`banner_control_re.finditer(text)` as spans, found without compiling that
    alternation of every control word spaced letter by letter (~3 KB: 17-45 ms
    to compile, the largest single cost of a first run). Where the long regex
    tries each word longest first at every word start, this finds the run of
    key characters there (one single blank allowed between two) with a small
    regex, and walks it down a trie of the control keys: the words a match can
    be are exactly the keys that are prefixes of that run, so the first the
    alternation would take is the longest of them that passes the same
    look-ahead (no ASCII letter after, IGNORECASE's letters included). Built only for keys of capitals,
    digits and `-` that start with a letter or digit (`usable`); otherwise the
    vocabulary compiles the alternation."""

    def __init__(self, keys: list[str]) -> None:
        self.trie: dict[str, Any] = {}  # key letters -> ...; "" marks the end of a key
        for k in keys:
            node = self.trie
            for ch in k:
                node = node.setdefault(ch, {})
            node[""] = {}
        chars = regex.escape("".join(sorted(set("".join(keys)))))
        firsts = regex.escape("".join(sorted({k[0] for k in keys})))
        # (the same word start as the alternation's `\b(?<![A-Za-z])`, IGNORECASE alike)
        self.start = rx(rf"\b(?<![A-Za-z])(?=[{firsts}])", regex.IGNORECASE)
        self.run = rx(rf"[{chars}](?: ?[{chars}]){{0,{max(map(len, keys)) - 1}}}", regex.IGNORECASE)

    @staticmethod
    def usable(keys: list[str]) -> bool:
        return bool(keys) and all(k[:1].isalnum() and set(k) <= _PLAIN_KEY_CHARS for k in keys)

    def spans(self, text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        pos = 0
        while (m := self.start.search(text, pos)) is not None:
            at = m.start()
            end = self._longest(text, at)
            if end is None:
                pos = at + 1
                continue
            out.append((at, end))
            pos = end
        return out

    def _longest(self, text: str, at: int) -> int | None:
        """The end of the longest control key spelled from `at` and not followed by an ASCII letter."""
        run = self.run.match(text, at)
        if run is None:
            return None
        node = self.trie
        ends = []  # where a key ends, shortest first
        for i in range(at, run.end()):
            ch = text[i]
            if ch == " ":
                continue
            node = node.get(_FOLDS.get(ch) or ch.upper())
            if node is None:
                break
            if "" in node:
                ends.append(i + 1)
        for end in reversed(ends):
            nxt = text[end:end + 1]
            if not ("A" <= nxt <= "Z" or "a" <= nxt <= "z" or nxt in _FOLDS):  # IGNORECASE's [A-Za-z]
                return end
        return None


def control_scanner(v: Vocabulary) -> ControlScanner | None:
    keys = list(v.banner_control)
    return ControlScanner(keys) if ControlScanner.usable(keys) else None


def banner_labelled_re(v: Vocabulary) -> "regex.Pattern[str]":
    """A fallback banner of a damaged export after `CLASSIFICATION:` (the level
    group is the banner; parse/anywhere.py orders the three fallback forms)."""
    return rx(rf"CLASSIFICATION:\s*(?P<level>{_alternation(_plain_levels(v))})\b")


def banner_spaced_re(v: Vocabulary) -> "regex.Pattern[str]":
    """A fallback banner letter-spaced anywhere in a line, captions, a post or
    the line's end after it, starting at one of the five places from where it
    is tried (`.match(text, at)`, parse/anywhere.py: near a needle only, as
    searched along a whole line its 21 branches cost ~1 us a character)."""
    spaced = "|".join(_letter_spaced(k) for k in long_level_keys(v))
    return rx(rf"[\s\S]{{0,4}}?(?P<level>{spaced})(?=\s*(?:SECTION|[A-Z]{{3,}}|$))")


def banner_spaced_needle_re(v: Vocabulary) -> "regex.Pattern[str]":
    """The third to sixth letters of a letter-spaced level (`C R E T` of
    S E C R E T), gaps that `_letter_spaced` requires open: every
    `banner_spaced_re` match starts 1-4 characters before one. (Two letters,
    `N T`, came every few words in capitals: 1M tries for a 4 MB line.)"""
    return rx("|".join(sorted({regex.escape(" ".join(k[2:6])) for k in long_level_keys(v)})))


def banner_run_in_re(v: Vocabulary) -> "regex.Pattern[str]":
    r"""A fallback banner plain at the line's start or after a tab, quote or
    comma, when a post and serial number follow (forms that cannot be prose).
    The post is matched lazily: the same yes or no inside the lookahead, but a
    greedy `[A-Z .'-]+` backtracked quadratically in the `regex` module (a
    20 MB line of capitals and blanks: minutes). The start is a lookbehind,
    tried only where a level stands: as a consumed `[\t",]\s*` every tab of a
    run started a try whose `\s*` re-ate the rest of the run (a tab is both
    the delimiter and a blank), so 20,000 tabs took 29 s instead of 0.01 s."""
    return rx(rf"(?<=^|[\t\",]\s*)(?P<level>{_alternation(_plain_levels(v))})"
              rf"(?=\s+(?:SECTION\s+\d+\s+OF\s+\d+\s+)?[A-Z][A-Z .'-]+?\s+\d{{3,}})")


def _plain_levels(v: Vocabulary) -> list[str]:
    return [a for lv in v.levels.values() for a in lv.banner]


def entire_text_re(v: Vocabulary) -> "regex.Pattern[str]":
    """The unparenthesised whole-text mark of 1970s-80s cables: `1. SECRET - ENTIRE TEXT.`"""
    return rx(rf"(?P<mark>(?P<level>{_alternation(list(v.levels))})\s*-\s*(?P<ctl>ENTIRE\s+TEXT))\b",
              regex.IGNORECASE)


def caption_lead_re(v: Vocabulary) -> "regex.Pattern[str]":
    """Single caption words leading a passing line they were run into ("NOFORN SIPDIS DEPT FOR NEA")."""
    lead = [w for w in v.caption_words if " " not in w and "/" not in w]
    return rx(rf"\s*(?:(?:{_alternation(lead) or '(?!)'})(?:\s+|/|$))+")


def field_re(v: Vocabulary) -> "regex.Pattern[str]":
    return rx(rf"^\s*(?P<key>{_alternation([s for sp in v.fields.values() for s in sp])})\s*:\s*(?P<val>.*?)\s*$",
              regex.IGNORECASE)


def exemption_re(v: Vocabulary) -> "regex.Pattern[str]":
    return rx(rf"(?<![A-Z0-9])(?:{_patterns(v.decl_exemption_patterns)})(?![A-Z0-9])", regex.IGNORECASE)


def banner_preamble_re(v: Vocabulary) -> "regex.Pattern[str]":
    """Export debris before a banner on its line, as written (case counts), with the blanks around it."""
    return rx(rf"^\s*(?:(?:{_patterns(v.banner_preamble_patterns)})\s*)")


def _listed(attr: str, flags: int = 0) -> Callable[[Vocabulary], "regex.Pattern[str]"]:
    """A builder for the regex that is one of the vocabulary's pattern lists, any of them."""
    return lambda v: rx(_patterns(getattr(v, attr)), flags)


# Vocabulary attribute -> its builder. An attribute is built once per `_build`
# (a rule set's `extend` starts them afresh) and pickles with the engine once built.
BUILDERS: dict[str, Callable[[Vocabulary], Any]] = {
    "banner_re": banner_re, "pattern_controls": pattern_controls, "banner_control_re": banner_control_re,
    "control_scanner": control_scanner,
    "banner_labelled_re": banner_labelled_re, "banner_spaced_re": banner_spaced_re,
    "banner_spaced_needle_re": banner_spaced_needle_re, "banner_run_in_re": banner_run_in_re,
    "entire_text_re": entire_text_re,
    "caption_lead_re": caption_lead_re, "field_re": field_re, "exemption_re": exemption_re,
    "banner_preamble_re": banner_preamble_re,
    "title_re": _listed("title_patterns"),
    "placeholder_re": _listed("placeholder_patterns", regex.IGNORECASE),
    "note_re": _listed("note_patterns", regex.IGNORECASE),
    "partial_notice_re": _listed("partial_notice_patterns", regex.IGNORECASE),
    "archive_row_re": _listed("archive_row_patterns"),
    "ref_body_re": lambda v: rx(rf"(?<=\d)[ \t]+(?=(?:{_patterns(v.ref_body_patterns) or '(?!)'}))"),
}
