"""Page-level documents (issue 11, item 4): each page of a document marked page
by page is checked against its own banners; the first page's banner stays the
document's, judged against every portion. The whole documents are the
examples/capco/pages_*.txt files (run with their sidecars by test_capco.py and
test_examples.py); these tests pin the page split itself."""
from __future__ import annotations

from cablelint import lint_text, make_engine
from cablelint.engine import Engine
from cablelint.pages import page_spans, pages_of
from cablelint.ruleset import load
from cablelint.source import Source

ENGINE = make_engine()
CAPCO = Engine([load("capco")])
PAGED = ("SECRET//NOFORN\n\n(S//NF) One.\n\nSECRET//NOFORN\n---\nCONFIDENTIAL\n\n(C) Two.\n\nCONFIDENTIAL\n"
         "\fUNCLASSIFIED\n\n(U) Three.\n\nUNCLASSIFIED\n")


def test_page_breaks_are_form_feeds_and_dash_lines() -> None:
    spans = page_spans(PAGED)
    assert len(spans) == 3
    assert PAGED[spans[1].start:spans[1].end].strip().startswith("CONFIDENTIAL")
    assert page_spans("no break here\n-- not a rule ---\n") == [page_spans("no break here\n-- not a rule ---\n")[0]]


def test_each_page_has_its_banners() -> None:
    doc = CAPCO.parse(Source("p.txt", PAGED))
    pages = pages_of(doc, CAPCO.vocab)
    assert [(p.banner.level, p.footer.level if p.footer else None) for p in pages] == [
        ("SECRET", "SECRET"), ("CONFIDENTIAL", "CONFIDENTIAL"), ("UNCLASSIFIED", "UNCLASSIFIED")]


def test_page_banners_are_not_compared_with_the_first_page() -> None:
    # Judged as one page, the last bottom banner (UNCLASSIFIED) would "disagree" with SECRET//NOFORN.
    assert "CL703" not in {f.rule for f in lint_text(PAGED, path="p.txt", engine=ENGINE)}
    unpaged = PAGED.replace("---\n", "").replace("\f", "")
    assert "CL703" in {f.rule for f in lint_text(unpaged, path="p.txt", engine=ENGINE)}


def test_a_page_without_a_banner_leaves_the_document_unpaged() -> None:
    text = PAGED.replace("CONFIDENTIAL\n\n(C) Two.", "Some prose.\n\n(C) Two.")
    assert pages_of(CAPCO.parse(Source("p.txt", text)), CAPCO.vocab) == []
