"""Memoised vocabulary look-ups for the parser.

The same few portion marks ("(C)", "(SBU)", "(S/NF)") recur on every cable,
and parsing one is a dozen regex matches: each distinct mark text is parsed
once per vocabulary (at offset 0) and the result copied to where it stands
(`placed`, a planned copy), so what a mark means cannot differ between occurrences.
A vocabulary that is extended rebuilds its tables, which empties its memo.
"""
from __future__ import annotations

from typing import Any

import regex

from ..document import Marking, Span, Token
from ..prefilter import Prefiltered, fold_blind, lowered, prefiltered
from ..vocabulary import Vocabulary
from ..rx import rx

# A bound on what one vocabulary remembers (a hostile file may hold many distinct marks),
# and on how many vocabularies are remembered (each engine has its own).
MEMO_MAX = 4096
VOCABS_MAX = 16
# Longer texts are not memoised by text (rarely repeated; the bound keeps memory small).
MEMO_TEXT_MAX = 400
_MISSING = object()
# id(vocabulary) -> (the vocabulary, its build token when memoised, text -> what the look-up found)
_Memos = dict[int, tuple[Vocabulary, dict, dict[str, Any]]]
_PORTIONS: _Memos = {}
_CONTROLS: _Memos = {}


def _table(memos: _Memos, vocab: Vocabulary) -> dict[str, Any]:
    """`vocab`'s memo in `memos`, emptied when the vocabulary was built again (extended)."""
    got = memos.get(id(vocab))
    if got is None or got[0] is not vocab or got[1] is not vocab.built or len(got[2]) > MEMO_MAX:
        if len(memos) >= VOCABS_MAX:
            memos.clear()
        got = memos[id(vocab)] = (vocab, vocab.built, {})
    return got[2]


class TextMemo:
    """Answers that are pure functions of a line's text, for one vocabulary
    (started again when another vocabulary, or an extended one, asks)."""

    def __init__(self) -> None:
        self.data: dict[str, object] = {}
        self.of: tuple = (None, None)

    def table(self, vocab: Vocabulary) -> dict:
        if self.of[0] is not vocab or self.of[1] is not vocab.built or len(self.data) > MEMO_MAX:
            self.data.clear()
            self.of = (vocab, vocab.built)
        return self.data


# A memoised portion mark: the Marking parsed at offset 0, its distinct tokens, and each token
# field (level_token, controls, unknown, rel_to, separators, tokens, categories, owner, continued)
# as indices into them; and, for a mark of one token only in level_token, controls or tokens (the
# common "(C)", "(SBU)"), which of those three hold it. `placed` copies it to where it stands with no
# test per empty field.
Plan = tuple[Marking, tuple[Token, ...], tuple[tuple[int, ...], ...], "tuple[bool, bool, bool] | None"]
_FIELDS = ("controls", "unknown", "rel_to", "separators", "tokens", "categories", "continued")


def _plan(mk: Marking | None) -> Plan | None:
    """`mk` as a Plan: a token two fields share (controls and tokens) is one copy, as Marking.shifted keeps it."""
    if mk is None:
        return None
    where: dict[int, int] = {}
    toks: list[Token] = []

    def at(ts: list[Token]) -> tuple[int, ...]:
        for t in ts:
            if id(t) not in where:
                where[id(t)] = len(toks)
                toks.append(t)
        return tuple(where[id(t)] for t in ts)

    lists = [at([mk.level_token] if mk.level_token else []), at([mk.owner] if mk.owner else [])]
    lists += [at(getattr(mk, name)) for name in _FIELDS]
    lt, own, ctl, unk, rel, sep, tks, cat, cont = lists
    one = len(toks) == 1 and not (own or unk or rel or sep or cat or cont)
    return mk, tuple(toks), tuple(lists), (bool(lt), bool(ctl), bool(tks)) if one else None


def placed(plan: Plan, offset: int) -> Marking:
    """The planned mark placed `offset` further on: Marking.shifted's copy, with
    the fields' shape known in advance (the body places a mark per paragraph)."""
    mk, toks, lists, single = plan
    span = Span(mk.span.start + offset, mk.span.end + offset)
    if single is not None:  # "(C)" or "(SBU)": one token
        t = toks[0]
        one = Token(t.value, Span(t.span.start + offset, t.span.end + offset), t.raw)
        lt, ctl, tks = single
        return Marking(mk.raw, span, mk.level, one if lt else None, [one] if ctl else [], [], [], [],
                       mk.spaced, mk.form, [one] if tks else [], [], None, [])
    if not toks:
        return Marking(mk.raw, span, mk.level, None, [], [], [], [], mk.spaced, mk.form, [], [], None, [])
    lt, own, ctl, unk, rel, sep, tks, cat, cont = lists
    new = [Token(t.value, Span(t.span.start + offset, t.span.end + offset), t.raw) for t in toks]
    return Marking(mk.raw, span, mk.level, new[lt[0]] if lt else None, [new[j] for j in ctl],
                   [new[j] for j in unk], [new[j] for j in rel], [new[j] for j in sep], mk.spaced, mk.form,
                   [new[j] for j in tks], [new[j] for j in cat], new[own[0]] if own else None,
                   [new[j] for j in cont])


def planned(vocab: Vocabulary, content: str) -> Plan | None:
    """The Plan of `content` as a portion mark, parsed once per vocabulary."""
    memo = _table(_PORTIONS, vocab)
    got = memo.get(content, _MISSING)
    if got is _MISSING:
        got = memo[content] = _plan(vocab.parse_portion(content, 0))
    return got


def portion(vocab: Vocabulary, content: str, offset: int) -> Marking | None:
    """vocab.parse_portion(content, offset), each distinct `content` parsed once."""
    plan = planned(vocab, content)
    return placed(plan, offset) if plan is not None else None


def is_portion(vocab: Vocabulary, content: str) -> bool:
    """Whether `content` parses as a portion mark (no copy made)."""
    return planned(vocab, content) is not None


def scan_controls(vocab: Vocabulary, text: str, offset: int, mk: Marking) -> None:
    """vocab.scan_controls(text, offset, mk), the scan of each distinct `text` done once."""
    memo = _table(_CONTROLS, vocab)
    found = memo.get(text)
    if found is None:
        probe = Marking(raw="", span=Span(0, 0))
        vocab.scan_controls(text, 0, probe)
        found = memo[text] = [(t.value, t.span.start, t.span.end, t.raw) for t in probe.controls]
    for name, start, end, raw in found:
        if all(c.value != name for c in mk.controls):
            mk.controls.append(Token(name, Span(offset + start, offset + end), raw))


# Inline flags such as "(?s)" act on a whole joined pattern: such a list is not split.
_GLOBAL_FLAG_RE = rx(r"\(\?[a-zA-Z]+\)")
_SPLIT: dict[tuple[str, ...], list[Prefiltered] | None] = {}


def _split(patterns: tuple[str, ...]) -> list[Prefiltered] | None:
    """Each pattern compiled on its own (ignoring case) with the literal strings
    its matches need (prefilter.py), or None when they may not be split."""
    if patterns not in _SPLIT:
        ok = len(patterns) > 1 and not any(_GLOBAL_FLAG_RE.search(p) for p in patterns)
        _SPLIT[patterns] = [prefiltered(rx(p, regex.IGNORECASE)) for p in patterns] if ok else None
    return _SPLIT[patterns]


def _may_match(pats: list[Prefiltered], text: str, low: bytes | None, pos: int = 0) -> list[bool]:
    """Which patterns can match in `text` from `pos` at all: a scan for one whose
    needles the text lacks there is skipped (most cables hold no placeholder, and
    the "(b)" of a header's reasons does not count for a scan of the body).
    `low`: `prefilter.lowered(text)` when the caller has it."""
    if low is None and any(p.folded for p in pats):
        low = lowered(text)
    if not pos or low is None:
        return [p.possible(text, low) for p in pats]
    ascii_text = len(low) == len(text)
    if not ascii_text and fold_blind(text):
        return [p.possible(text, low) for p in pats]
    at = pos if ascii_text else len(lowered(text[:pos]))  # `pos` in the UTF-8 bytes
    return [_possible_from(p, text, low, pos, at) for p in pats]


def _possible_from(p: Prefiltered, text: str, low: bytes, pos: int, at: int) -> bool:
    """Prefiltered.possible for a match starting at `pos` or later (`at` in
    `low`): every match holds a needle, so one must occur from there on."""
    if not p.needles:
        return True
    if p.folded:  # a loop over the needles encoded once (prefilter.py), not a generator
        for n in p.encoded:
            if low.find(n, at) >= 0:
                return True
        return False
    for n in p.needles:
        if text.find(n, pos) >= 0:
            return True
    return False


_PREFILTERED: dict[int, tuple[regex.Pattern, Prefiltered]] = {}


def search_head(pattern: regex.Pattern, text: str, end: int, low: bytes | None = None) -> bool:
    """Whether `pattern` matches in `text[:end]` (first_in_head)."""
    return first_in_head(pattern, text, end, low) is not None


def first_in_head(pattern: regex.Pattern, text: str, end: int, low: bytes | None = None) -> regex.Match | None:
    """pattern.search(text, 0, end): the needles every match holds
    (prefilter.py) are looked for first, in the head lowered when the
    pattern ignores case, and most texts hold none (a case-blind regex scan
    costs several times more). A head holding a character that case folding
    lets stand for an ASCII letter (FOLD_BLIND) goes to the pattern. `low`:
    `prefilter.lowered(text)` when the caller has it (Source.low): the ASCII
    needles are looked for in its bytes up to the head's end, where lowering a
    head with any non-ASCII character in Python costs ~20 instructions a character."""
    got = _PREFILTERED.get(id(pattern))
    if got is None or got[0] is not pattern:
        if len(_PREFILTERED) >= VOCABS_MAX:
            _PREFILTERED.clear()
        got = _PREFILTERED[id(pattern)] = (pattern, prefiltered(pattern))
    pf = got[1]
    if pf.needles and pf.folded and low is not None and not fold_blind(text):
        at = end if len(low) == len(text) else len(text[:end].encode("utf-8", "surrogatepass"))
        if not any(low.find(b, 0, at) >= 0 for b in pf.encoded):
            return None
    elif pf.needles:
        head = text[:end]
        if not pf.folded:
            if not any(n in head for n in pf.needles):
                return None
        elif not fold_blind(head):
            low = head.lower()  # as long as the head: U+0130, the one letter whose lower case is longer, is FOLD_BLIND
            if not any(n in low for n in pf.needles):
                return None
    return pattern.search(text, 0, end)


def find_any(joined: regex.Pattern, patterns: list[str], text: str, pos: int,
             low: bytes | None = None) -> list[regex.Match]:
    """The matches of `joined` (the patterns as one case-insensitive alternation,
    vocabulary._patterns) from `pos`, found with one scan per pattern: a scan for
    a short alternation ignoring case is several times faster than one for the
    whole. Leftmost first, and at one place the first pattern in order, as the
    alternation does; a pattern that can match the empty string falls back to it."""
    pats = _split(tuple(patterns))
    if pats is None:
        return list(joined.finditer(text, pos))
    start = pos
    nxt = [p.rx.search(text, pos) if may else None for p, may in zip(pats, _may_match(pats, text, low, pos))]
    out: list[regex.Match] = []
    while True:
        best = None
        for k, m in enumerate(nxt):
            if m is not None and m.start() < pos:
                m = nxt[k] = pats[k].rx.search(text, pos)  # its own earlier match overlapped the one taken
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return out
        if best.end() == best.start():
            return list(joined.finditer(text, start))
        out.append(best)
        pos = best.end()
