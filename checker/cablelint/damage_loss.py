"""Detectors of text the export or the release lost: a cut first copy of the
cable before a whole one, paragraphs withheld behind a placeholder, and
characters dropped throughout the file.

Like the detectors in `damage.py`, each is a pure function of the Document
and the rule's YAML parameters (its patterns and word lists are data) and
returns a `Damage` with counts and line numbers, never the cable's text.
"""
from __future__ import annotations

from typing import Any

import re

from .damage_index import Damage, index_of, line_no, line_span
from .document import Document, Span


def cut_recopied(doc: Document, p: dict[str, Any]) -> Damage | None:
    """A line at or after the body start that ends in an elision mark
    (`cut_line`: "(C...", "Classified ...", "USNATO 276...") and whose next
    line starts the cable again (`recopy`: the banner with the header fields
    glued on one line). Such an export holds a first copy cut at a fixed
    length, then the whole text: the cut copy's findings (a paragraph read
    without its mark, numbering that restarts, a Classified By the cut took)
    restate the cut. The region runs from the file's start to the first line
    of text after the recopied header. Cuts before the body are CL909's."""
    idx = index_of(doc)
    if not p["_cut_line"].possible(doc.text):
        return None
    raw = idx.lines
    for n in _lines_holding(doc, p["_cut_line"].needles, max(idx.body_line, 1), len(raw) - 1):
        if not p["_cut_line"].rx.search(raw[n - 1].rstrip("\r")):
            continue
        again = _next_text_line(raw, n, p.get("max_gap", 2))
        if again and p["_recopy"].search(raw[again - 1]):
            end = _next_text_line(raw, again, p.get("max_gap", 2)) or again
            return Damage(line_span(doc, n), f"line {n} ends in an elision mark and line {again} starts "
                          "the cable again", Span(0, doc.source.line_span(end)[1]))
    return None


def _lines_holding(doc: Document, needles: tuple[str, ...] | None, first: int, last: int) -> list[int]:
    """The lines first..last that hold one of `needles` (every line when
    there are none): a few `find` calls instead of a regex per line."""
    if not needles:
        return list(range(first, last + 1))
    idx, text, found = index_of(doc), doc.text, set()
    for needle in needles:
        at = text.find(needle)
        while at != -1:
            found.add(idx.line_of(at))
            at = text.find(needle, at + 1)
    return sorted(n for n in found if first <= n <= last)


def _next_text_line(raw: list[str], n: int, max_gap: int) -> int | None:
    """The first non-blank line after line `n`, within `max_gap` blank lines."""
    for m in range(n + 1, min(len(raw), n + max_gap + 1) + 1):
        if raw[m - 1].strip():
            return m
    return None


def withheld(doc: Document, p: dict[str, Any]) -> Damage | None:
    """A placeholder standing alone on a line of the body (`placeholder`: a
    run of X, "[withheld]") where numbered paragraphs are missing: the next
    paragraph's number skips those before it. The release withheld whole
    paragraphs there, so the numbering gap is not the drafter's. The region
    runs from the placeholder to the paragraph after it."""
    numbered = [q for q in doc.paragraphs if q.number is not None]
    if not numbered or not doc.placeholders:
        return None
    for tok in doc.placeholders:
        n = line_no(doc, tok.span.start)
        if not p["_placeholder"].fullmatch(doc.source.line_text(n).strip()):
            continue
        before = [q for q in numbered if q.span.start < tok.span.start]
        after = next((q for q in numbered if q.span.start > tok.span.start), None)
        expected = before[-1].number + 1 if before else 1  # type: ignore[operator]
        if after is None or after.number is None or after.number <= expected:
            continue
        at = line_no(doc, after.span.start)
        lost = f"paragraph {expected}" if after.number == expected + 1 else f"paragraphs {expected}-{after.number - 1}"
        return Damage(line_span(doc, n), f"the placeholder on line {n} stands for {lost} (the text resumes "
                      f"with paragraph {after.number} on line {at})",
                      Span(doc.source.line_span(n)[0], doc.source.line_span(at)[1]))
    return None


def dropped_chars(doc: Document, p: dict[str, Any]) -> Damage | None:
    """The export dropped characters throughout the file: at least `min_hits`
    of the fixed strings every cable header spells the same way (`fixed`:
    SECTION, E.O. 12958, SIPDIS, CONFIDENTIAL...) appear with one letter or
    digit missing ("ECTION", "E.O. 1295", "SIPDS") in the header (before
    the body, within the first `max_line` lines). One such slip can be the drafter's typo; two are the
    export's. The fields it garbled (an E.O. line read as missing) follow."""
    idx = index_of(doc)
    block = idx.through(min((idx.body_line or doc.source.line_count + 1) - 1, p.get("max_line", 60)))
    up = block.upper()
    if len(up) != len(block):  # upper-casing moved the offsets: no line to point at
        return None
    hits: dict[str, int] = {}
    for m in p["_dropped"].finditer(up):
        hits.setdefault(p["_dropped_of"][m.group(0)], idx.line_of(m.start()))
    if len(hits) < p.get("min_hits", 2):
        return None
    lines = sorted(set(hits.values()))
    first = lines[0]
    return Damage(line_span(doc, first), f"{len(hits)} fixed header words lack a character "
                  f"(line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines[:6]))})")


def dropped_variants(fixed: list[str]) -> dict[str, str]:
    """Each fixed string with one letter or digit left out -> the string
    (a variant that is itself one of the fixed strings is left out)."""
    out: dict[str, str] = {}
    known = {f.upper() for f in fixed}
    for word in known:
        for i, ch in enumerate(word):
            if ch.isalnum():
                v = word[:i] + word[i + 1:]
                if v not in known and len(v) >= 4:
                    out.setdefault(v, word)
    return out


def dropped_pattern(variants: dict[str, str]) -> "re.Pattern[str]":
    """One scan for every variant, as a whole word (not inside a longer one)."""
    alts = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alts})(?![\w])")  # stdlib `re`: this literal alternation scans faster than `regex`
