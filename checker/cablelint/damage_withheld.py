"""Detector of paragraphs withheld from a released text: a placeholder
where numbered paragraphs are missing (CL912), or, in a release that
withholds text in many places, a numbering gap with no placeholder at it.
`withheld_at` is shared with the sequence check's `withheld_gaps`."""
from __future__ import annotations

from typing import Any

from .damage_index import Damage, index_of, line_no, line_span
from .document import Document, Paragraph, Span
from .rx import rx


def withheld(doc: Document, p: dict[str, Any]) -> Damage | None:
    """A placeholder (`placeholder`: a run of X, "[withheld]") where numbered
    paragraphs are missing: the next paragraph's number skips those before it.
    The release withheld whole paragraphs there, so the numbering gap is not
    the drafter's. The placeholder stands alone on its line, or ends the
    paragraph before the gap (`withheld_at`: a re-flowed copy runs it onto the
    paragraph's line). The region runs from the placeholder to the paragraph
    after it. With `heavy_release: N`, the gaps of a release that withholds
    text in N places or more are read as withheld too (`_withheld_in_release`)."""
    numbered = [q for q in doc.paragraphs if q.number is not None]
    if not numbered or not index_of(doc).may_hold(p["_placeholder"]):
        return None
    gaps = [(prev, after) for prev, after in zip([None, *numbered], numbered)
            if after.number > (prev.number + 1 if prev is not None else 1)]
    for prev, after in gaps:
        m = withheld_at(doc.text, prev.span.start if prev is not None else 0, after.span.start,
                        p["_placeholder"].rx)
        if m is not None:
            return _withheld_here(doc, m, prev, after, p["_placeholder"].rx)
    later = [(prev, after) for prev, after in gaps if prev is not None]  # a gap before paragraph 1: none of these
    return _withheld_in_release(doc, numbered, later, p) if later and p.get("heavy_release") else None


def _lost(prev: Paragraph | None, after: Paragraph) -> str:
    """The numbers missing between two paragraphs, as a reader says them."""
    expected = prev.number + 1 if prev is not None else 1
    return f"paragraph {expected}" if after.number == expected + 1 else f"paragraphs {expected}-{after.number - 1}"


def _withheld_here(doc: Document, m: Any, prev: Paragraph | None, after: Paragraph, placeholder: Any) -> Damage:
    """The placeholder `m` stands for the paragraphs missing between `prev` and `after`."""
    n, at = line_no(doc, m.start()), line_no(doc, after.span.start)
    alone = _alone_on_line(doc.text, m, placeholder)
    where = line_span(doc, n) if alone else Span(m.start(), m.end())
    end = "" if alone or prev is None else f", at the end of paragraph {prev.number},"
    return Damage(where, f"the placeholder on line {n}{end} stands for {_lost(prev, after)} (the text resumes "
                  f"with paragraph {after.number} on line {at})", Span(where.start, doc.source.line_span(at)[1]))


def _withheld_in_release(doc: Document, numbered: list[Paragraph], gaps: list[tuple[Any, Paragraph]],
                         p: dict[str, Any]) -> Damage | None:
    """A release that withholds text in `heavy_release` places or more drops
    whole paragraphs with no placeholder where they stood (a paragraph that
    would name a protected source goes as a whole): its numbering gaps are
    more likely the release's than the drafter's, so they are named as
    withheld text, with the count as evidence. Only numbering that rises at
    every step (a repeat, a restart or an order is the drafter's, CL502's),
    gaps after the first paragraph (numbering from a later number is a later
    section or keyed answers), and not in a partial extract (its notice,
    CL902, names the text left out). The finding stands only where CL502
    reports the gap (`needs_symptom`): the sequence rule's reading (glued
    numbers, references, keyed numbering) decides whether there is one."""
    if doc.partial or any(b.number <= a.number for a, b in zip(numbered, numbered[1:])):
        return None
    count = sum(1 for _ in p["_placeholder"].rx.finditer(doc.text))
    if count < p["heavy_release"]:
        return None
    lines = [line_no(doc, b.span.start) for _, b in gaps]
    where = line_span(doc, lines[0])
    missing = [_lost(a, b) for a, b in gaps]
    said = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    verb = "are" if len(missing) > 1 or said.startswith("paragraphs") else "is"
    return Damage(where, f"{said} {verb} missing (the text resumes on line{'s' if len(lines) > 1 else ''} "
                  f"{', '.join(map(str, lines))}) with no placeholder where {'they' if verb == 'are' else 'it'} "
                  f"stood, most likely withheld too: the release withholds text in {count} places",
                  Span(gaps[0][0].span.start, line_span(doc, lines[-1]).end), needs_symptom=True)


# A finished sentence, then at most heading debris (a rule of dashes, or a
# heading between two rules: "------- HEADING -------") before a placeholder.
_SENTENCE_THEN_DEBRIS = rx(r"[.!?][\"'\u201d\u2019)\]]*\s*(?:[-=_]{3,}\s*(?:[^\n.!?=_-]{1,60}[-=_]{3,}\s*)?)?\Z")
_TRAILING_ONLY = rx(r"[\s\u00b6=_-]*\Z")  # what may follow a placeholder that ends a paragraph


def withheld_at(text: str, lo: int, hi: int, placeholder: Any) -> Any:
    """The first placeholder in text[lo:hi] that stands for withheld
    paragraphs, or None: one alone on its line (nothing else there but
    numbers and punctuation), or one that ends text[lo:hi] after a finished
    sentence, with at most heading debris between (a re-flowed copy joins a
    paragraph onto one line, and the placeholder that took the next heading
    and paragraph onto its end). A placeholder inside a sentence (a
    withheld name) is neither: it accounts for no missing paragraph."""
    for m in placeholder.finditer(text, lo, hi):
        if _alone_on_line(text, m, placeholder):
            return m
        if _TRAILING_ONLY.match(placeholder.sub("", text[m.end():hi])) and \
                _SENTENCE_THEN_DEBRIS.search(text[max(lo, m.start() - 200):m.start()]):
            return m
    return None


def _alone_on_line(text: str, m: Any, placeholder: Any) -> bool:
    """The placeholder's line holds no letter but the placeholders' own."""
    start = text.rfind("\n", 0, m.start()) + 1
    end = text.find("\n", m.end())
    return not any(c.isalpha() for c in placeholder.sub("", text[start:end if end >= 0 else len(text)]))
