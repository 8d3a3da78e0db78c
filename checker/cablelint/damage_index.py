"""What every export-damage detector reads of one document, computed once.

Ten and more integrity rules look at the same cable: its lines, a casefolded
copy for the literal pre-checks (`prefilter.py`), the line where the body
starts. `index_of(doc)` builds that index on first use and hands the same
one to every rule of the document (keyed by the document's identity), so a
healthy cable costs a few `in` tests instead of a regex scan per rule.
Also here: `Damage`, a diagnosis, and the helpers that place it on a line.
"""
from __future__ import annotations

import bisect
from typing import Any

import regex

from .document import Document, Span
from .records import FrozenRecord, set_field
from .parse.labels import labels
from .rx import rx
from .vocabulary import Vocabulary, default_vocabulary


class Damage(FrozenRecord):
    """One diagnosis: where to report it, the evidence for the message, and the
    part of the file it covers (None: the whole file). A plain frozen value,
    not a @dataclass (records.py says why)."""

    __slots__ = ("span", "detail", "region", "date_suspect", "needs_symptom", "evidence")

    def __init__(self, span: Span, detail: str, region: Span | None = None, date_suspect: bool = False,
                 needs_symptom: bool = False, evidence: tuple[Span, ...] = ()) -> None:
        set_field(self, "span", span)
        set_field(self, "detail", detail)
        set_field(self, "region", region)
        set_field(self, "date_suspect", date_suspect)  # the cable date is not that of the text judged
        # A diagnosis that only explains its symptoms (a likely cause, not one seen):
        # reported only when a symptom finding falls in it (fold.py).
        set_field(self, "needs_symptom", needs_symptom)
        # Where the evidence lies when the finding points elsewhere (the start of
        # the damaged text): reported as the finding's related locations.
        set_field(self, "evidence", evidence)


class DocIndex:
    """Lazily computed views of one document's text, shared by the detectors."""

    __slots__ = ("doc", "_utf8", "_lines", "_body_line", "_held")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._utf8: bytes | None = None
        self._lines: RawLines | None = None
        self._body_line: int | None = None
        self._held: dict[Any, bool] = {}  # may_hold's verdicts, by needles

    @property
    def utf8(self) -> bytes:
        """The text as UTF-8 (surrogates passed): ASCII letters counted in C."""
        if self._utf8 is None:
            self._utf8 = self.doc.text.encode("utf-8", "surrogatepass")
        return self._utf8

    @property
    def low(self) -> bytes:
        """`prefilter.lowered(text)`, for the pre-checks of case-blind patterns."""
        return self.doc.source.low()

    @property
    def lines(self) -> "RawLines":
        """The raw lines (as split at \\n, a \\r kept), line n at index n - 1,
        sliced on demand: most detectors read a few lines, not all."""
        if self._lines is None:
            self._lines = RawLines(self.doc.text, self.doc.source.line_starts)
        return self._lines

    @property
    def body_line(self) -> int:
        """The line where the body starts (0: the parser found no body start)."""
        if self._body_line is None:
            doc = self.doc
            self._body_line = doc.source.line_col(doc.body_start)[0] if doc.body_start else 0
        return self._body_line

    def may_hold(self, pre: Any) -> bool:
        """`pre.possible(text)` (a `prefilter.Prefiltered`) for the whole text,
        judged once per document and set of needles: several detectors pre-check
        the same needles (CL909, CL911 and CL933 all look for an elision mark),
        and each `in` over the text costs about 5 us."""
        key = (pre.needles, pre.folded)
        got = self._held.get(key)
        if got is None:
            got = self._held[key] = pre.possible(self.doc.text, self.low if pre.folded else None)
        return got

    def line(self, n: int) -> str:
        """`source.line_text(n)` (n >= 1) sliced alone, without the whole list of lines."""
        return self.lines[n - 1].rstrip("\r")

    def through(self, line: int) -> str:
        """The text of lines 1..`line` (a header block to scan in one pass)."""
        starts = self.doc.source.line_starts
        if line <= 0:
            return ""
        return self.doc.text if line >= len(starts) else self.doc.text[:starts[line] - 1]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.doc.source.line_starts, offset)


class RawLines:
    """`text.split("\\n")` without the split: line i (0-based) sliced when asked."""

    __slots__ = ("text", "starts")

    def __init__(self, text: str, starts: list[int]) -> None:
        self.text, self.starts = text, starts

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i: int) -> str:
        starts = self.starts
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(self.text)
        return self.text[starts[i]:end]


_LAST: list[DocIndex] = []


def index_of(doc: Document) -> DocIndex:
    """The index of `doc`, built once and reused while the same document is
    checked (the engine runs a document's rules one after another)."""
    if _LAST and _LAST[0].doc is doc:
        return _LAST[0]
    idx = DocIndex(doc)
    _LAST[:] = [idx]
    return idx


def lines_holding(doc: Document, pre: Any, first: int, last: int) -> list[int]:
    """The lines first..last that may hold a match of `pre` (those holding one
    of its needles; every line when it has none): a few `find` calls instead
    of a regex per line. A case-blind pattern's needles are found in the
    lowered bytes, where a line is the count of newlines before (`pre` is a
    `prefilter.Prefiltered`; the characters IGNORECASE folds onto ASCII
    letters, `FOLD_BLIND`, are the caller's to look for)."""
    if not pre.needles:
        return list(range(first, last + 1))
    idx, found = index_of(doc), set()
    hay: str | bytes = idx.low if pre.folded else doc.text
    nl: str | bytes = b"\n" if pre.folded else "\n"
    for needle in pre.needles:
        nd = needle.encode() if pre.folded else needle
        at, line, counted = hay.find(nd), 1, 0  # type: ignore[arg-type]
        while at != -1:  # newlines counted from the last hit on: linear in the text, not per hit
            line += hay.count(nl, counted, at)  # type: ignore[arg-type]
            found.add(line)
            counted = hay.find(nl, at)  # type: ignore[arg-type]
            if counted == -1:
                break
            at = hay.find(nd, counted)  # type: ignore[arg-type]  # the next line on: this one is found
    return sorted(n for n in found if first <= n <= last)


def line_no(doc: Document, offset: int) -> int:
    return doc.source.line_col(offset)[0]


def line_end(doc: Document, line: int) -> int:
    """Where a line ends, its \r's left out: `source.line_span(line)[1]`
    without cutting every line of the text into a list first."""
    text, starts = doc.text, doc.source.line_starts
    start = starts[line - 1]
    end = starts[line] - 1 if line < len(starts) else len(text)
    while end > start and text[end - 1] == "\r":
        end -= 1
    return end


def line_span(doc: Document, line: int) -> Span:
    """The text of one line without its surrounding blanks (where a finding points)."""
    start, _ = doc.source.line_span(line)
    text = doc.source.line_text(line)
    lead = len(text) - len(text.lstrip())
    return Span(start + lead, max(start + lead + 1, start + len(text.rstrip())))


def lines_text(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:6])) + (", ..." if len(lines) > 6 else "")
    return f"line {shown}" if len(lines) == 1 else f"lines {shown}"


def elision(vocab: Vocabulary | None) -> str:
    """The elision marks of `vocab` (None: the shipped one) as one group, a pattern's text."""
    return "(?:" + "|".join((vocab if vocab is not None else default_vocabulary()).elision_patterns) + ")"


def elision_end(vocab: Vocabulary | None) -> regex.Pattern[str]:
    """An elision mark ending a text (rules/markings.yaml `elision_patterns`, as
    the parser reads them): the detectors that read a cut line's words take it
    from the rule set's vocabulary (None: the shipped one)."""
    return labels(vocab if vocab is not None else default_vocabulary()).elision_end


def quote_end(vocab: Vocabulary | None) -> regex.Pattern[str]:
    """Where a quotation ends, any case: one of `vocab`'s `quote_end_words`
    (rules/markings.yaml; None: the shipped vocabulary), the words the parser's
    quotation reader takes (parse/quotes.py), so one list serves both."""
    words = (vocab if vocab is not None else default_vocabulary()).line_words["quote_end_words"]
    alts = sorted((r"\s+".join(map(regex.escape, w.split())) for w in words), key=len, reverse=True)
    return rx(rf"\b(?:{'|'.join(alts) or '(?!)'})\b", regex.IGNORECASE)
