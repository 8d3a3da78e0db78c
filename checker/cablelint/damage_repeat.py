"""Detectors of a repeated body: the export holds paragraphs twice (a run
of lines repeated, or a numbered paragraph whose number and opening words
come again).

Like the detectors in `damage.py`, each is a pure function of the Document
and the rule's YAML parameters, returning a `Damage` (counts and line
numbers, never text) or None.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Any

from .damage_index import Damage, RawLines, index_of, line_no as _line_no, line_span as _line_span
from .document import Document, Paragraph, Span
from .rx import rx


# -- a repeated body --------------------------------------------------------------

def repeated_body(doc: Document, p: dict[str, Any]) -> Damage | None:
    """The same paragraphs twice: a run of at least `min_run` consecutive long
    lines of the body (`min_chars`, blanks ignored) that repeats an earlier run
    in order and starts `min_paragraphs` numbered paragraphs (a drafter repeats
    talking points or a table; an export repeats numbered paragraphs). The
    region is the second copy, where the findings it causes sit."""
    src, idx = doc.source, index_of(doc)
    body_line = idx.body_line or 1  # a header repeated is no body repeated
    starts = src.line_starts  # a paragraph's line: bisect as src.line_col does, without its column
    numbered = {bisect_right(starts, q.span.start) for q in _paragraphs(doc) if q.number is not None}
    opened = _repeated_opening(doc, p)
    min_chars, min_run, enough = p.get("min_chars", 40), p.get("min_run", 4), p.get("min_paragraphs", 2)
    if _repeated_paragraphs(doc, numbered, body_line, min_chars, enough) < enough:
        return _from_header(doc, *opened) if opened else None
    ran = _repeated_run(doc, idx.lines, numbered, body_line, (min_chars, min_run, enough))
    if ran is None or opened is None:
        found = ran or opened
        return _from_header(doc, *found) if found else None
    run, opening = ran[0], opened[0]
    assert run.region is not None and opening.region is not None
    first = opened if opening.span.start < run.span.start else ran
    return _from_header(doc, Damage(first[0].span, f"{opening.detail}; {run.detail}",
                                    Span(min(run.region.start, opening.region.start),
                                         max(run.region.end, opening.region.end))), first[1], first[2])


# A repeat found (the Damage at the repeat's first line), the line it repeats,
# and the last line of the earlier copy (the repeat starts after it).
_Found = tuple[Damage, int, int]
# Letters and digits a shared line end needs to be part of the repeat (an
# archive record's fields run into the first copy's last line: "CARTER \tEmbassy Bern\t...").
_MIN_TAIL = 12


def _from_header(doc: Document, found: Damage, earlier: int, floor: int) -> Damage:
    """The repeat from where it begins: the lines before its first repeated
    paragraph that repeat those before the earlier copy's (blanks aside), when
    they hold a banner: the export wrote the header again, and the repeat is
    reported there, not at its first paragraph. A line before them that ends
    as its counterpart does (from a blank on) starts the repeat at that end.
    The region grows with it (the findings in the repeated header are the
    repeat's too)."""
    raw, later = index_of(doc).lines, _line_no(doc, found.span.start)
    n, m, top = later, earlier, later
    while n - 1 > floor and m > 1 and raw[n - 2].split() == raw[m - 2].split():
        n, m = n - 1, m - 1
        top = n if raw[n - 1].strip() else top
    banners = [_line_no(doc, b.span.start) for b in doc.banners]
    if top == later or not any(top <= b < later for b in banners):
        return found
    at = _line_span(doc, top)
    tail = _shared_tail(raw[n - 2], raw[m - 2]) if n - 1 > floor and m > 1 else 0
    if tail:
        start, end = doc.source.line_span(n - 1)
        at = Span(start + tail, end)
    region = found.region or found.span
    return Damage(Span(at.start, at.end), f"{found.detail}; the repeat begins with the header written again "
                  f"on line {_line_no(doc, at.start)}", Span(min(at.start, region.start), region.end),
                  found.date_suspect, found.needs_symptom, (found.span,))


def _shared_tail(later: str, earlier: str) -> int:
    """Where in `later` (a raw line) the end it shares with `earlier` begins,
    from a blank on in both (a field or word boundary): 0 when they share
    fewer than _MIN_TAIL letters and digits so."""
    a, b = later.rstrip(), earlier.rstrip()
    k = 0
    while k < min(len(a), len(b)) and a[-1 - k] == b[-1 - k]:
        k += 1
    while k and not (a[-k].isspace() and (k == len(a) or not a[-k - 1].isspace())):
        k -= 1  # back to a blank that opens the shared end
    if k == 0 or len(a) - k == 0 or sum(c.isalnum() for c in a[-k:]) < _MIN_TAIL:
        return 0
    return len(a) - k + (len(a[-k:]) - len(a[-k:].lstrip()))


def _paragraphs(doc: Document) -> list[Paragraph]:
    """The paragraphs as the file writes them: a run the parser read once
    (doc.repeated, parse/paragraph_repeat.py) is still a repeat to report."""
    if not doc.repeated:
        return doc.paragraphs
    return sorted(doc.paragraphs + doc.repeated, key=lambda q: q.span.start)


def _repeated_run(doc: Document, raw: RawLines, numbered: set[int], body_line: int,
                  sizes: tuple[int, int, int]) -> _Found | None:
    """The first run of `min_run` long lines repeating an earlier run that
    starts `min_paragraphs` numbered paragraphs (`sizes`: min_chars, min_run,
    min_paragraphs; see `repeated_body`)."""
    src = doc.source
    min_chars, min_run, min_paras = sizes
    long_lines = [(n, " ".join(raw[n - 1].split())) for n in range(body_line, len(raw) + 1)
                  if len(raw[n - 1].rstrip("\r")) >= min_chars]  # a CRLF line's length as its LF form's
    first: dict[str, int] = {}
    for i, (n, t) in enumerate(long_lines):
        j = first.get(t)
        if j is None:
            first[t] = i
            continue
        run = _run_length(long_lines, j, i)
        if run < min_run:
            continue
        copy = [m for m, _ in long_lines[i:i + run]]
        paras = sum(m in numbered for m in copy)
        if paras >= min_paras:
            end = copy[-1]
            return (Damage(_line_span(doc, n), f"lines {n}-{end} repeat lines {long_lines[j][0]}-"
                           f"{long_lines[j + run - 1][0]} ({run} lines, {paras} numbered paragraphs)",
                           Span(src.line_span(n)[0], src.line_span(end)[1])),
                    long_lines[j][0], long_lines[j + run - 1][0])
    return None


def _repeated_paragraphs(doc: Document, numbered: set[int], body_line: int, min_chars: int, enough: int) -> int:
    """The numbered paragraph lines (long ones, in the body) that repeat an
    earlier body line blanks aside, counted up to `enough`: an upper bound on
    those `_repeated_run` can count, so a cable below it skips normalising
    every line. Only earlier lines opening with the paragraph's first word
    are compared (`_copied`): a `find` or two for most paragraphs."""
    src, text = doc.source, doc.text
    starts, lines, last = src.line_starts, index_of(doc).lines, len(src.line_starts)  # a \r kept: blanks aside
    lo = starts[body_line - 1] if body_line <= last else len(text)
    count = 0
    for n in _may_repeat(doc, sorted(numbered), body_line):
        if n < body_line or (starts[n] - 1 if n < last else len(text)) - starts[n - 1] < min_chars:
            continue  # (the raw line's length, its \r kept)
        line = lines[n - 1]
        if line.strip() and _copied(text, starts, lo, starts[n - 1], line):
            count += 1
            if count >= enough:
                break
    return count


def _may_repeat(doc: Document, numbered: list[int], body_line: int) -> list[int]:
    """The lines of `numbered` that may repeat an earlier body line blanks
    aside: those whose text without blanks is that of an earlier body line
    (one pass in C over the UTF-8 bytes, where `_copied` reads the body once
    per paragraph). Every one in a text with a blank outside ASCII, which
    `str.split` takes too and is no byte to delete (no other character's
    UTF-8 holds an ASCII byte, so the bytes split into the same lines)."""
    text = doc.text
    if len(numbered) < _FEW or (not text.isascii() and any(c in text for c in _WIDE_BLANKS)):
        return numbered  # (a few paragraphs: a `find` each costs less than the pass over every line)
    keys = index_of(doc).utf8.translate(None, _BLANKS).split(b"\n")[body_line - 1:]  # keys[k]: line body_line + k
    first = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1)))  # each key's first line (the last set wins)
    return [n for n in numbered if n >= body_line and first[keys[n - body_line]] < n - body_line]


_FEW = 8
_BLANKS = bytes(c for c in range(128) if chr(c).isspace() and c != 10)  # what `str.split` splits at, \n aside
# and those beyond ASCII (tests/test_integrity.py checks the list against `str.isspace`)
_WIDE_BLANKS = tuple("\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                     "\u2028\u2029\u202f\u205f\u3000")


def _copied(text: str, starts: list[int], lo: int, hi: int, line: str) -> bool:
    """Some line in text[lo:hi] (lo a line start) is `line`, blanks aside: such
    a line starts (after blanks) with the same first word, so only the lines
    that do are normalised and compared."""
    first, key = line.split(None, 1)[0], None
    at = text.find(first, lo, hi)
    while at != -1:
        i = bisect_right(starts, at)  # the line holding `at` is line i (1-based)
        end = starts[i] - 1 if i < len(starts) else len(text)
        if not text[starts[i - 1]:at].strip():  # the word opens its line
            key = key or " ".join(line.split())
            if " ".join(text[starts[i - 1]:end].split()) == key:
                return True
        at = text.find(first, at + 1, hi)
    return False


def _run_length(lines: list[tuple[int, str]], j: int, i: int) -> int:
    run = 0
    while i + run < len(lines) and j + run < i and lines[j + run][1] == lines[i + run][1]:
        run += 1
    return run


def _repeated_opening(doc: Document, p: dict[str, Any]) -> _Found | None:
    """A numbered paragraph with the number and the opening (the first
    `min_letters` letters of its line, up to `max_garbled` of them garbled)
    of an earlier one, or whose earlier namesake is cut by an elision mark
    and starts it: a drafter never numbers two paragraphs alike with the same
    words, an export that repeats or re-starts the text does. Only a number
    that goes back counts: numbering that restarts per question and then
    gives the same answer again, or a fixed answer number, is the drafter's,
    as is a form whose numbering goes back more than `max_restarts` times.
    The region is
    the repeated paragraph's first line, where the numbering finding sits."""
    paras = _paragraphs(doc)
    numbers = [q.number for q in paras if q.number is not None]
    if len(set(numbers)) == len(numbers):  # most cables
        return None
    if sum(b <= a for a, b in zip(numbers, numbers[1:])) > p.get("max_restarts", 2):
        return None  # a form numbered afresh in each part repeats its stock answers
    seen: dict[int, list[tuple[str, bool, int]]] = {}
    size, garbled = p.get("min_letters", 40), p.get("max_garbled", 2)
    prev = 0
    for q in paras:
        if q.number is None:
            continue
        line = doc.text[q.span.start:q.span.end].rstrip()
        letters = "".join(filter(str.isalnum, _NUMBER.sub("", line, count=1).lower()))  # in C, not a generator
        back, prev = q.number <= prev, q.number
        for earlier, cut, was in (seen.get(q.number, []) if back else []):
            n = size if not cut else min(size, len(earlier))
            if len(earlier) >= n >= 8 and len(letters) >= n and _mismatches(earlier[:n], letters[:n]) <= garbled:
                at = _line_no(doc, q.span.start)
                return (Damage(_line_span(doc, at), f"paragraph {q.number} on line {at} repeats the number and "
                               "opening words of an earlier paragraph", _line_span(doc, at)), was, was)
        seen.setdefault(q.number, []).append((letters, line.endswith(("...", "\u2026")),
                                              _line_no(doc, q.span.start)))
    return None


_NUMBER = rx(r"^\W*\d+")


def _mismatches(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b))
