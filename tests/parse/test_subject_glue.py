"""What an export ran onto the end of the SUBJECT line (issue 9, audit s6 items
4, 5, 7): a continuation page's mark and a handling caveat line are cut off the
subject, each a named repair. Short cables written for these tests."""
from __future__ import annotations

from cablelint.document import Document
from cablelint.parse import parse
from cablelint.source import Source

HEAD = "S E C R E T SECTION 01 OF 02 {post} 000{serial}\n\nE.O. 12958: DECL: 01/30/2018\nTAGS: PREL FR\n"
TAIL = "\nClassified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)\n\n1. (S) The talks went well.\n"


def doc_of(subject: str, post: str = "PARIS", serial: str = "579") -> Document:
    return parse(Source("x.txt", HEAD.format(post=post, serial=serial) + "SUBJECT: " + subject + TAIL))


def cut(doc: Document) -> list[tuple[str, str]]:
    return [(r.name, doc.text[r.span.start:r.span.end]) for r in doc.repairs if r.name.startswith("glued-")]


def pages(doc: Document) -> list[tuple[int, int, str]]:
    return [(s.number, s.total, doc.text[s.span.start:s.span.end]) for s in doc.sections if s.kind == "page"]


def test_a_page_mark_ending_the_subject_line_is_cut_off_and_read_as_a_page() -> None:
    doc = doc_of("TALKS ON TRADE TO END BY MAY PARIS 00000579 001.2 OF 002 ")
    assert doc.subject.value == "TALKS ON TRADE TO END BY MAY"
    assert doc.text[doc.subject.span.start:doc.subject.span.end] == "TALKS ON TRADE TO END BY MAY"
    assert pages(doc) == [(1, 2, "001.2 OF 002")]
    assert cut(doc) == [("glued-page-mark", "PARIS 00000579 001.2 OF 002")]
    assert any(n.startswith("glued-page-mark (line 5)") for n in doc.notes)


def test_the_mark_takes_only_its_posts_words_from_the_subject() -> None:
    # The post's name stands in the subject too: only the words before the serial go.
    doc = doc_of("A VISIT TO PARIS PARIS 00000579 001 OF 003")
    assert doc.subject.value == "A VISIT TO PARIS"
    doc = doc_of("MEETING IN OLD TOWN SAO PAULO 00000165 001.2 OF 002", post="SAO PAULO", serial="165")
    assert doc.subject.value == "MEETING IN OLD TOWN"
    assert cut(doc) == [("glued-page-mark", "SAO PAULO 00000165 001.2 OF 002")]


def test_a_page_mark_inside_the_subject_line_is_not_cut() -> None:
    doc = doc_of("TALKS PARIS 00000579 001 OF 002 ON TRADE")
    assert doc.subject.value == "TALKS PARIS 00000579 001 OF 002 ON TRADE"
    assert cut(doc) == []


def test_a_handling_caveat_ending_the_subject_line_is_cut_off() -> None:
    doc = doc_of("TRADE TALKS, MAY 3, 2007 SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY ")
    assert doc.subject.value == "TRADE TALKS, MAY 3, 2007"
    assert doc.text[doc.subject.span.start:doc.subject.span.end] == "TRADE TALKS, MAY 3, 2007"
    assert cut(doc) == [("glued-caveat", "SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY")]


def test_a_caveat_not_at_the_lines_end_or_alone_is_left() -> None:
    text = "SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY IN TALKS"
    assert doc_of(text).subject.value == text and cut(doc_of(text)) == []
    alone = "SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY"
    assert doc_of(alone).subject.value == alone


def test_a_wrapped_subject_loses_only_its_last_lines_glue() -> None:
    doc = doc_of("TALKS ON TRADE\nTO END IN 2008 PARIS 00000579 001.2 OF 002")
    assert doc.subject.value == "TALKS ON TRADE TO END IN 2008"
    assert doc.text[doc.subject.span.start:doc.subject.span.end] == "TALKS ON TRADE\nTO END IN 2008"
    assert pages(doc) == [(1, 2, "001.2 OF 002")]
