"""Protect lists: names, identifiers and patterns that must never appear
unredacted, in a released cable or in cablelint's own output.

A protect list is a plain text file (one term per line, `#` comments,
`re:PATTERN` for a regular expression) or a YAML file (`.yaml`/`.yml`):

    placeholder: XXXXXXXXXXXX          # default for every entry
    terms:
      - JOSIAH ROSENBLATT
      - {term: Andrew Young, placeholder: "(b)(6)"}
    patterns:
      - 'C-CN5-\\d{5}'
      - {pattern: '\\bF-\\d{4}-\\d{5}\\b', placeholder: "[REDACTED]"}

Terms match whole-word ("LEE" never matches inside "FLEECE") in every
spelling of one model, shared by the rule, `redact` and every output: the
text is folded (namefold.py: case, accents, look-alike letters, invisible
characters, entities, separators, line wraps, letter-spacing; a blank inside
a word where the name may be split there is the regex's, termtrie.may_split) and all terms,
folded the same way, are matched in one trie-shaped regex (termtrie.py);
each occurrence maps back to its exact original span. docs/robustness.md
lists the spellings and the limits. Patterns are used as written on the
original text (add `(?i)` for case), with a timeout.

`mask()` is what reporters print instead of a protected occurrence (a run
builds its mask with `masker()`); `redact()` is what `cablelint redact` writes. Both keep the line structure:
every line part of an occurrence is replaced in place, line breaks kept.
"""
from __future__ import annotations

import functools
import os
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

import regex

from . import rx as _rx
from . import seal
from .namefold import view as fold_view
from .termtrie import NOT_AFTER, compact, compile_trie, spellings, term_key
from .rx import rx

DEFAULT_PLACEHOLDER = "XXXXXXXXXXXX"  # WikiLeaks-style: fixed length, never the name's
MASK = "[PROTECTED]"  # what cablelint prints in place of a protected occurrence
PATH_TAG = 6  # hex digits of the keyed hash that tells masked paths apart (distinct_path)
MAX_TERM = 200

# One line part of an occurrence: leading blanks, the part, trailing blanks/backslash/CR.
_LINE_PART = rx(r"^([ \t]*)(.*?)([ \t]*\\?[ \t]*\r?)$", regex.DOTALL)


class ProtectError(Exception):
    """A protect list that cannot be used; str() is `file:line: what is wrong`."""


@dataclass(slots=True, frozen=True)
class Entry:
    """One protected term or pattern. `origin` (file:line) is what messages
    cite, so a finding can point at the entry without printing it."""

    text: str
    placeholder: str
    origin: str
    kind: str = "term"  # term | pattern | fragment (a line part of a wrapped term, for masking only)


@dataclass(slots=True, frozen=True)
class Occurrence:
    start: int
    end: int
    entry: Entry


def _replace_lines(segment: str, placeholder: str) -> str:
    """Replace every line part of `segment` by `placeholder`, keeping the
    line breaks, indentation and trailing backslashes between them."""
    out = []
    for piece in segment.split("\n"):
        m = _LINE_PART.match(piece)
        lead, core, trail = m.group(1), m.group(2), m.group(3)
        out.append(lead + (placeholder if core.strip() else core) + trail)
    return "\n".join(out)


@dataclass
class ProtectList:
    """Every protected entry from one or more protect files, compiled once."""

    entries: list[Entry] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._compile()

    def _compile(self) -> None:
        by_key: dict[str, Entry] = {}
        patterns: list[tuple[regex.Pattern, Entry]] = []
        for e in self.entries:
            if e.kind in ("term", "fragment"):
                key = term_key(e.text)
                if key:
                    by_key.setdefault(key, e)
            else:
                patterns.append((regex.compile(e.text), e))
        self._by_key = by_key
        self._by_compact: dict[str, Entry] = {}
        for key, e in by_key.items():
            for k in spellings(key):
                self._by_compact.setdefault(compact(k.split(NOT_AFTER)[0]), e)
        self._patterns = patterns
        self._terms = [e for e in by_key.values() if e.kind == "term"]
        # One trie-shaped regex (stdlib `re`: several times faster than `regex`
        # here) over the folded view, all spellings of all terms at once.
        self._trie = compile_trie([k for key in by_key for k in spellings(key)])

    def __bool__(self) -> bool:
        return bool(self.entries)

    @property
    def terms(self) -> list[Entry]:
        return list(self._terms)

    @property
    def placeholders(self) -> set[str]:
        return {e.placeholder for e in self.entries}

    def merged(self, other: "ProtectList") -> "ProtectList":
        return ProtectList(self.entries + other.entries, self.sources + other.sources)

    def finditer(self, text: str) -> Iterator[Occurrence]:
        """Every protected occurrence, in text order, none overlapping
        (at one position the longest wins), at its exact original span."""
        found: list[Occurrence] = []
        if self._trie is not None:
            found = self._term_hits(text)
        if self._patterns:
            for rx, e in self._patterns:
                found += [Occurrence(m.start(), m.end(), e)
                          for m in rx.finditer(text, timeout=_rx.REGEX_TIMEOUT) if m.end() > m.start()]
            found.sort(key=lambda o: (o.start, -o.end))
            kept: list[Occurrence] = []
            for o in found:
                if not kept or o.start >= kept[-1].end:
                    kept.append(o)
            found = kept
        return iter(found)

    def _term_hits(self, text: str) -> list[Occurrence]:
        """Term occurrences in the folded view, mapped back to the original."""
        v = fold_view(text)
        out = []
        for m in self._trie.finditer(v.text):
            a, b = v.span(m.start(), m.end())
            while b < len(text) and unicodedata.category(text[b]).startswith("M"):
                b += 1  # a combining accent on the last letter belongs to the name
            out.append(Occurrence(a, b, self._by_compact.get(compact(m.group()), self._terms[0])))
        return out

    def replace(self, text: str, placeholder: Callable[[Entry], str]) -> tuple[str, int]:
        """Text with every occurrence replaced line part by line part; and the count."""
        out: list[str] = []
        pos = n = 0
        for o in self.finditer(text):
            out.append(text[pos:o.start])
            out.append(_replace_lines(text[o.start:o.end], placeholder(o.entry)))
            pos = o.end
            n += 1
        if not n:
            return text, 0
        out.append(text[pos:])
        return "".join(out), n

    def redact(self, text: str) -> tuple[str, int]:
        """What `cablelint redact` writes: each entry's own placeholder."""
        return self.replace(text, lambda e: e.placeholder)

    def mask(self, text: str) -> str:
        """What reporters print: a visible [PROTECTED], so a reader never
        mistakes the linter's mask for a redaction already in the cable."""
        if not text:
            return text
        try:
            return self.replace(text, lambda e: MASK)[0]
        except TimeoutError:  # a protect pattern ran too long: print nothing of the text
            return "\n".join(MASK if line.strip() else line for line in text.split("\n"))

    def with_fragments(self, texts: Iterable[str], min_chars: int = 3) -> "ProtectList":
        """This list plus, as extra terms, each line part of every occurrence
        that wraps in `texts` ("Geir" and "Haarde" of "Geir\\nHaarde"). For
        masking output: a message or excerpt that quotes one line of a cable
        must not print half of a wrapped name. Parts with fewer than
        `min_chars` letters or digits ("de", "J.") are left out."""
        extra: dict[str, Entry] = {}
        for text in texts:
            try:
                found = list(self.finditer(text))
            except TimeoutError:  # a protect pattern ran too long: the terms' fragments still count
                found = self._term_hits(text) if self._trie is not None else []
            for o in found:
                seg = text[o.start:o.end]
                if "\n" not in seg:
                    continue
                for piece in seg.split("\n"):
                    core = _LINE_PART.match(piece).group(2).strip()
                    key = term_key(core)
                    if (len(regex.findall(r"\w", core)) >= min_chars and key not in self._by_key
                            and key not in extra):
                        extra[key] = Entry(core, o.entry.placeholder, o.entry.origin, "fragment")
        if not extra:
            return self
        return ProtectList(self.entries + list(extra.values()), self.sources)



def distinct_path(path: str, shown: str) -> str:
    """`shown`, the masked display of `path`, told apart from every other
    masked path: its last mask carries a short keyed hash of the whole path
    (`A_[PROTECTED#5c1e0f].txt`), so two files whose names mask alike
    (`A_Demirsoy.txt`, `A_Mehmet Demirsoy.txt`: review s9-c S10) never print
    as one file (a JUnit testcase, a SARIF or GitLab location). The key is the
    user's secret (seal.py), so the tag is the same on every run of this user
    and no one holding a report can confirm a guessed name by hashing it.
    What is hashed is the file's resolved absolute path, so the tag does not
    change with how the path was typed (`mp/x`, `/tmp/mp/x`, `./x` from mp:
    review s10 should-fix 1). A display the mask left alone is returned as it is."""
    at = shown.rfind(MASK)
    if shown == path or at < 0:
        return shown
    tag = seal.hmac_sha256(_path_key(), b"masked-path\0", _resolved(path).encode("utf-8", "surrogatepass"))
    return f"{shown[:at]}{MASK[:-1]}#{tag.hex()[:PATH_TAG]}]{shown[at + len(MASK):]}"


def _resolved(path: str) -> str:
    """The file `path` names, however it was spelled; a stdin name
    (`<stdin>`) as given."""
    return path if path.startswith("<") else _real(os.path.abspath(path))


@functools.lru_cache(maxsize=1024)
def _real(absolute: str) -> str:
    return os.path.realpath(absolute)  # a report masks every finding's path: resolve each file once


@functools.lru_cache(maxsize=1)
def _path_key() -> bytes:
    """The user's secret; without one (no writable cache home), a key of this
    process: the tags then tell paths apart within the run only."""
    return seal.secret() or os.urandom(32)


def masker(plist: ProtectList | None, sources: Iterable[Any] = (),
           extra_terms: Iterable[str] = ()) -> Callable[[Any], Any]:
    """The one mask for what a run prints (reports, `inspect`, --diff headers).

    `sources` are the texts (or Sources) the output quotes: the line parts of
    protected names wrapped in them are masked too, so a message or excerpt
    that quotes one line never shows half a name. The mask takes a string,
    or a JSON-like tree (dicts, lists) whose strings, keys included, it masks
    one by one - JSON would escape a wrapped name's line break.
    `extra_terms` are names a rule flagged without a protect list (CL608, a
    name beside "protect"): masked like the list's terms. Without either it
    returns its argument unchanged."""
    extra = [t for t in extra_terms if t.strip() and term_key(t)]
    if extra:
        more = ProtectList([Entry(t, DEFAULT_PLACEHOLDER, "flagged", "term") for t in extra])
        plist = plist.merged(more) if plist else more
    text_mask = plist.with_fragments(getattr(s, "text", s) for s in sources).mask if plist else None

    def mask(value: Any) -> Any:
        if text_mask is None:
            return value
        if isinstance(value, str):
            return text_mask(value)
        if isinstance(value, dict):
            return {mask(k): mask(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [mask(v) for v in value]
        return value

    return mask
