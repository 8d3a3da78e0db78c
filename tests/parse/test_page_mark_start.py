"""Where a page mark run into text starts (lines.page_mark_start, review s7
item 1): PAGE_INLINE_RE's lazy post name starts at the first capital it can,
inside the words before the mark; the SUBJECT cut, the REF cut and the page
marks after a REF entry all take the start from the one helper. Short texts
written for these tests."""
from __future__ import annotations

from cablelint.document import Document, Span, Token
from cablelint.parse import parse
from cablelint.parse.fields import ref_value
from cablelint.parse.lines import PAGE_INLINE_RE, page_mark_start
from cablelint.source import Source
from cablelint.vocabulary import default_vocabulary


def post(name: str) -> Token:
    return Token(name, Span(0, len(name)), name)


def start_of(text: str, where: Token | None) -> str:
    m = PAGE_INLINE_RE.search(text)
    return text[page_mark_start(text, m, where):]


def test_the_lazy_match_starts_inside_the_words_before_the_mark() -> None:
    text = "NEW GOVERNMENT PARIS 00000579 001 OF 002"
    assert PAGE_INLINE_RE.search(text).start() == 0  # why the helper is needed
    assert start_of(text, post("PARIS")) == "PARIS 00000579 001 OF 002"
    assert start_of(text, None) == "PARIS 00000579 001 OF 002"  # post unknown: one word


def test_the_mark_takes_as_many_words_as_the_cables_post_has() -> None:
    text = "MEETING IN OLD TOWN SAO PAULO 00000165 001.2 OF 002"
    assert start_of(text, post("SAO PAULO")) == "SAO PAULO 00000165 001.2 OF 002"
    assert start_of(text, post("PARIS")) == "PAULO 00000165 001.2 OF 002"  # not the post's words: one


def test_the_ref_cut_keeps_the_entrys_words_before_the_posts_name() -> None:
    vocab = default_vocabulary()
    rest = "STATE 1234 AND PRIOR SAO PAULO 00000165 002 OF 003"
    got = ref_value(rest, 100, vocab, post("SAO PAULO"))
    assert got.value == "STATE 1234 AND PRIOR"
    assert (got.span.start, got.span.end) == (100, 100 + len("STATE 1234 AND PRIOR"))


CABLE = ("UNCLAS SECTION 01 OF 03 SAO PAULO 000165\n\nE.O. 12958: N/A\nTAGS: PREL BR\n"
         "SUBJECT: TRADE TALKS\n\nREF: A. STATE 1234 AND PRIOR SAO PAULO 00000165 002 OF 003\n\n"
         "1. (U) The talks went well.\n")


def test_a_mark_run_onto_a_ref_entry_is_cut_from_it_and_read_as_a_page() -> None:
    doc: Document = parse(Source("x.txt", CABLE))
    assert [r.value for r in doc.refs] == ["A. STATE 1234 AND PRIOR"]
    pages = [(s.number, s.total, doc.text[s.span.start:s.span.end]) for s in doc.sections if s.kind == "page"]
    assert pages == [(2, 3, "002 OF 003")]


def test_a_lower_cased_page_mark_in_the_header_is_read_as_a_page() -> None:
    # "001.2 of 002" (a lower-case "of"): the page recogniser takes it as it takes "002 OF 002",
    # in the table's order (the dispatcher no longer reads such a line as text first).
    text = ("C O N F I D E N T I A L SECTION 01 OF 02 PARIS 000579\n\nE.O. 12958: DECL: 01/30/2019\n"
            "TAGS: PREL FR\nSUBJECT: TALKS\n\nREF: STATE 1234\n\nPARIS 00000579 001.2 of 002\n\n"
            "Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)\n\n1. (C) The talks went well.\n")
    doc = parse(Source("x.txt", text))
    pages = [(s.number, s.total, doc.text[s.span.start:s.span.end]) for s in doc.sections if s.kind == "page"]
    assert pages == [(1, 2, "001.2 of 002")]
    assert doc.classified_by is not None and [r.value for r in doc.refs] == ["STATE 1234"]
