"""Page-level documents: a document marked page by page.

An IC document may carry on each interior page the banner of that page's own
content instead of the overall marking (CAPCO 2016 section D: "the highest
level of classification and any applicable control markings for information
contained on that page ... or the overall classification"). Judged as one
document, its last page's bottom banner then "disagrees" with the first
page's top banner. Here a page break - a form feed, or a line that is only
`---` - starts a page; each page whose first and last lines are banners is a
small document of its own (same source, same spans), and the rules a rule set
tags `page` or `page_only` run on it with the page's banners; `page_only`
rules (top and bottom banner of the same page) run per page instead of once
for the whole document. The document banner stays the first page's, and the
document rules still judge it against every portion of every page: it is the
roll-up of the pages.

This sits outside the parser on purpose: it re-reads only the banner lines of
each page and takes the portions the parser found.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .document import Document, Marking, Span
from .findings import Finding
from .rx import rx
from .vocabulary import marking_separators

if TYPE_CHECKING:
    from .engine import Engine
    from .vocabulary import Vocabulary

PAGE_TAG = "page"  # run on each page as well as on the whole document
PAGE_ONLY_TAG = "page_only"  # run on each page instead of on the whole document
PAGE_BREAK = r"\f|(?m:^[ \t]*---[ \t]*\r?$)"  # a CRLF line: the "\r" is taken in, as the LF after "$" is left out


@dataclass
class Page:
    span: Span
    banner: Marking
    footer: Marking | None


def page_spans(text: str) -> list[Span]:
    """The pages of a text, split at form feeds and `---` lines (none: one page)."""
    spans, start = [], 0
    for m in rx(PAGE_BREAK).finditer(text):
        spans.append(Span(start, m.start()))
        start = m.end()
    spans.append(Span(start, len(text)))
    return spans


def _banner_line(doc: Document, vocab: "Vocabulary", lines: list[int]) -> Marking | None:
    """The marking of the first of `lines` that is not blank, if that line is a bare banner."""
    src = doc.source
    for n in lines:
        text = src.line_text(n)
        if not text.strip():
            continue
        ff = len(text) - len(text.lstrip("\f"))  # a form feed opens the line
        got = vocab.parse_banner(text[ff:], src.line_span(n)[0] + ff)
        if got is None or got[1].strip():
            return None
        mk = got[0]
        mk.separators = marking_separators(mk.raw, mk.span.start)
        return mk
    return None


def pages_of(doc: Document, vocab: "Vocabulary") -> list[Page]:
    """The pages of a page-marked document, each with its own top (and bottom)
    banner; [] when the document has no page break or a page has no banner."""
    spans = page_spans(doc.text)
    if len(spans) < 2:
        return []
    src, pages = doc.source, []
    for sp in spans:
        if not doc.text[sp.start:sp.end].strip():
            continue
        first = src.line_col(sp.start)[0] + (1 if doc.text[sp.start:sp.start + 1] == "\n" else 0)
        last = src.line_col(max(sp.start, sp.end - 1))[0]
        top = _banner_line(doc, vocab, list(range(first, last + 1)))
        if top is None:
            return []
        bottom = _banner_line(doc, vocab, list(range(last, first, -1)))
        pages.append(Page(sp, top, bottom if bottom is not None and bottom.span != top.span else None))
    return pages if len(pages) > 1 else []


def page_document(doc: Document, page: Page) -> Document:
    """The page as a document: its banners and the portions that lie on it."""
    inside = [p for p in doc.paragraphs if page.span.start <= p.span.start < page.span.end]
    subject = doc.subject_portion if doc.subject_portion and page.span.start <= doc.subject_portion.span.start \
        < page.span.end else None
    return doc.replace(banner=page.banner, footer=page.footer, banners=[page.banner], captions=[],
                       paragraphs=inside, subject_portion=subject)


def _engine_for(engine: "Engine", keep: str) -> "Engine":
    """The engine cut down to its per-page rules (`keep="page"`) or to the rules
    that also run on a page-marked document as a whole (`keep="document"`); built once."""
    attr = f"_pages_engine_{keep}"
    cached = getattr(engine, attr, None)
    if cached is None:
        def wanted(tags: list[str]) -> bool:
            if keep == "page":
                return PAGE_TAG in tags or PAGE_ONLY_TAG in tags
            return PAGE_ONLY_TAG not in tags

        sets = [rs.replace(rules=[r for r in rs.rules if wanted(r.tags)]) for rs in engine.rulesets]
        # type(engine): importing the engine here would be a cycle (it imports this module)
        cached = type(engine)(sets, engine.selection, engine.date, engine.as_of, engine.options)
        setattr(engine, attr, cached)
    return cached


def lint_paged(engine: "Engine", doc: Document, pages: list[Page]) -> list[Finding]:
    """The document rules on the whole document, the page rules on each page;
    a finding both give at the same place is kept once."""
    findings = _engine_for(engine, "document").lint_document(doc)
    per_page = _engine_for(engine, "page")
    for page in pages:
        findings += per_page.lint_document(page_document(doc, page))
    seen, out = set(), []
    for f in sorted(findings, key=Finding.sort_key):
        key = (f.rule, f.start, f.end)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
