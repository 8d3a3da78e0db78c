"""The parse pipeline stage by stage: each recogniser on one line, each repair
on a short text written here (never a corpus cable)."""
from __future__ import annotations

import datetime as dt

import pytest

from cablelint.dates import resolve
from cablelint.document import CableDate
from cablelint.parse import REPAIRS, parse
from cablelint.parse.body import undo_pilcrow
from cablelint.parse.dating import DTG_RE, dtg_date, evidence
from cablelint.parse.lines import Line, classify, is_heading, is_trailer, page_mark, para_start
from cablelint.parse.repair import split_run_on_header
from cablelint.source import Source
from cablelint.vocabulary import default_vocabulary

V = default_vocabulary()


@pytest.mark.parametrize("text,kind", [
    ("E.O. 12958: DECL: 01/30/2014", "eo"),
    ("EO 12958 DECL 1/1/2010", "eo"),
    ("TAGS: PREL PGOV FR", "tags"),
    ("TAGS PREL FR", "tags"),
    ("AGS: PREL FR", "tags"),
    ("[TAGS](#): PREL", "tags"),
    ("SUBJECT: (C) A VISIT", "subject"),
    ("SUBJ: A VISIT", "subject"),
    ("UBJECT: A VISIT", "subject"),
    ("REF: A. STATE 1234", "ref"),
    ("Classified By: Political Counselor Jane Doe, reasons 1.4 (b) and (d)", "classified_by"),
    ("Derived From: Multiple Sources", "field"),
    ("1. (C) Text.", "paragraph"),
    ("[11.](#) (C) Text.", "paragraph"),
    ("PARIS 00000579  002 OF 004", "page"),
    ("The minister said so.", "text"),
    ("   ", "blank"),
])
def test_each_recogniser_on_one_line(text: str, kind: str) -> None:
    assert classify(text, V).name == kind


def test_lost_first_letter_is_flagged_by_the_recogniser() -> None:
    assert classify("AGS: PREL", V).lost_first and not classify("TAGS: PREL", V).lost_first
    assert classify("UBJECT: X", V).lost_first
    assert classify("AGS PREL", V).name == "text"  # without a colon, "AGS" is just a word


def test_skipped_recognisers_fall_through() -> None:
    assert classify("TAGS: PREL", V, frozenset({"tags"})).name == "text"


@pytest.mark.parametrize("text,number,debris", [
    ("1. (C) Text.", 1, False), ("¶12. (S/NF) Text.", 12, False), ("[11.](#) (C) Text.", 11, True),
    ("12 (C) Text.", 12, False), ("1.(S) Text", 1, False),
])
def test_paragraph_starts(text: str, number: int, debris: bool) -> None:
    ps = para_start(text)
    assert ps is not None and ps.number == number and ps.debris == debris


@pytest.mark.parametrize("text", ["2002 MADRID 1234", "10:30 meeting", "8) Burma", "3.5 percent", "1.2.3"])
def test_not_paragraph_starts(text: str) -> None:
    assert para_start(text) is None


def test_line_shapes() -> None:
    assert page_mark(Line("PARIS 00000579  002 OF 004", 10)).number == 2
    assert page_mark(Line("We met 002 OF them", 0)) is None
    assert is_heading("RUSSIA AND THE EU") and not is_heading("He said so.")
    assert is_trailer("BT", V) and is_trailer("END SUMMARY.", V) and is_trailer("#1234", V)
    assert not is_trailer("BETTER", V)


@pytest.mark.parametrize("raw,last,want", [("11", 0, 1), ("12", 1, 2), ("11", 10, 11), ("15", 3, 5), ("19", 2, 19)])
def test_pilcrow_read_as_1(raw: str, last: int, want: int) -> None:
    assert undo_pilcrow(int(raw), raw, last) == want


def repairs_of(text: str) -> list[tuple[str, int]]:
    doc = parse(Source("x.txt", text))
    return [(r.name, doc.source.line_col(r.span.start)[0]) for r in doc.repairs]


def test_every_repair_is_named_and_recorded_with_its_span() -> None:
    text = ("S E C R E T PARIS 000579\n\nE.O. 12958: DECL: 01/30/2014\nAGS: [PREL](#) FR\nUBJECT: X\n\n"
            "Classified By: DCM JOHN ROE, FOR REAS\nONS 1.4 B/D\n\n[11.](#) (S) Text.\n\n[12.](#) (S) More.\n")
    got = repairs_of(text)
    assert ("spaced-banner", 1) in got and ("lost-first-letter", 4) in got and ("lost-first-letter", 5) in got
    assert ("markdown-debris", 4) in got and ("wrapped-field", 7) in got
    assert ("pilcrow-as-1", 10) in got and ("pilcrow-as-1", 12) in got and ("markdown-debris", 10) in got
    assert {name for name, _ in got} <= set(REPAIRS)


def test_run_on_header_is_split_with_exact_offsets() -> None:
    text = "NOFORN SIPDIS E.O. 12958: DECL: 12/21/2019 TAGS: PREL SUBJECT: A VISIT"
    repairs: list = []
    lines = split_run_on_header([Line(text, 100)], repairs)
    assert [ln.text.split(":")[0].strip() for ln in lines] == ["NOFORN SIPDIS", "E.O. 12958", "TAGS", "SUBJECT"]
    assert all(text[ln.start - 100:].startswith(ln.text) for ln in lines)
    assert [r.name for r in repairs] == ["run-on-header"] and repairs[0].span.start == 100 + text.index("E.O.")


def test_banner_after_a_preamble_and_lost_first_letter() -> None:
    assert repairs_of("Telegram SECRET PARIS 000579\nTAGS: PREL\n")[0][0] == "banner-after-preamble"
    got = repairs_of("xx O N F I D E N T I A L PARIS 000579\nTAGS: PREL\n")
    assert [n for n, _ in got] == ["banner-after-preamble", "lost-first-letter"]


def test_clean_cable_needs_no_repair() -> None:
    assert repairs_of("SECRET PARIS 000579\n\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\nSUBJECT: X\n\n"
                      "Classified By: DCM John Roe, reasons 1.4 (b) and (d)\n\n1. (S) Text.\n") == []


def test_dtg_with_a_lower_case_month() -> None:
    m = DTG_RE.match("R 061354Z Sep 05")
    assert m and dtg_date(m) == dt.date(2005, 9, 6)


def test_date_evidence_is_resolved_by_priority_with_the_option() -> None:
    ev = evidence("x\n", "05PARIS579.txt", None, 0, False)
    assert [e.source for e in ev] == ["filename-year"]
    assert resolve(ev, dt.date(2005, 3, 1)).source == "option"  # --date beats the file name's year
    dtg = CableDate(dt.date(2005, 9, 6), "dtg")
    assert resolve([dtg] + ev, dt.date(2005, 3, 1)) is dtg  # the text's own date beats --date
    assert resolve([], None).source == "unknown"


def test_parse_leaves_the_date_to_the_engine() -> None:
    doc = parse(Source("05PARIS579.txt", "SECRET PARIS 000579\n"))
    assert doc.date.value is None and [e.source for e in doc.date_evidence] == ["filename-year"]


# -- what real cables do that is not an error (issue 9, item 5) ---------------------
HEAD = "SECRET PARIS 000579\n\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL\nSUBJECT: X\n\n"


def test_no_reason_letters_in_plain_words() -> None:
    from cablelint.parse import find_reasons
    assert find_reasons("for reasons I cannot say") is None and find_reasons("for reasons of security") is None


def test_reasons_without_the_section_and_the_name_before_them() -> None:
    doc = parse(Source("x.txt", HEAD + "Classified By: DCM John Roe for reasons (b) and (d)\n\n1. (S) Text.\n"))
    cb = doc.classified_by
    assert cb.section is None and [r.value for r in cb.reasons] == ["b", "d"] and cb.name.value == "John Roe"


def test_tags_continue_on_the_next_line_but_captions_do_not() -> None:
    doc = parse(Source("x.txt", "SECRET PARIS 000579\n\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL, PGOV,\nSY, IS\n"
                                "SUBJECT: X\n\n1. (S) Text.\n"))
    assert [t.value for t in doc.tags] == ["PREL", "PGOV", "SY", "IS"]
    doc = parse(Source("x.txt", "SECRET PARIS 000579\n\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL\nNOFORN SIPDIS\n"
                                "SUBJECT: X\n\n1. (S) Text.\n"))
    assert [t.value for t in doc.tags] == ["PREL"]


def test_paren_numbering_continues_paragraphs_but_a_questionnaire_stays_inside_one() -> None:
    doc = parse(Source("x.txt", HEAD + "1. (S) Text.\n\n2. (S) Text.\n\n3) (S) Text.\n\n4)(S) Text.\n"))
    assert [p.number for p in doc.paragraphs] == [1, 2, 3, 4]
    doc = parse(Source("x.txt", HEAD + "1. (S) Questions:\n1) (S) WHAT?\n2) (S) WHY?\n\n2. (S) Text.\n"))
    assert [p.number for p in doc.paragraphs] == [1, 2]


def test_classified_by_as_paragraph_one_with_its_own_mark() -> None:
    doc = parse(Source("x.txt", HEAD + "1. (U) Classified by DAS Jane Doe, Reasons 1.4 (b) and (d).\n\n2. (S) Text.\n"))
    assert doc.classified_by and [r.value for r in doc.classified_by.reasons] == ["b", "d"]
    assert [p.number for p in doc.paragraphs] == [1, 2]


def test_a_mark_spelled_out() -> None:
    doc = parse(Source("x.txt", HEAD + "1. (Confidential) Text.\n"))
    assert doc.paragraphs[0].portion.level == "CONFIDENTIAL"


def test_a_paragraph_number_glued_to_the_previous_line_is_a_named_repair() -> None:
    doc = parse(Source("x.txt", HEAD + "1. (S) Text here. 2. (S) More text.\n\n3. (S) Third. We met 7. (C) no.\n"))
    assert [(p.number, doc.source.line_col(p.span.start)) for p in doc.paragraphs] == [(1, (7, 1)), (2, (7, 19)), (3, (9, 1))]
    assert [(r.name, doc.source.line_col(r.span.start)) for r in doc.repairs] == [("glued-paragraph", (7, 19))]
    rule = parse(Source("x.txt", HEAD + "1. (S) Text.\n\n------- SUMMARY ------- 2. (S) More.\n"))
    assert [p.number for p in rule.paragraphs] == [1, 2]


def test_reason_list_wrapped_after_a_connector() -> None:
    doc = parse(Source("x.txt", HEAD + "Classified By: Ambassador Jane Doe for reasons 1.4 (b) and\n (d)\n\n1. (S) Text.\n"))
    assert [r.value for r in doc.classified_by.reasons] == ["b", "d"]


def test_classifier_name_after_a_wrapped_reason_word_and_a_run_together_title() -> None:
    doc = parse(Source("x.txt", HEAD + "Classified By: DCM JOHN ROE FOR REASO \nNS 1.4 (B) AND (D)\n\n1. (S) Text.\n"))
    assert doc.classified_by.name.value == "JOHN ROE" and doc.classified_by.title.value == "DCM"
    doc = parse(Source("x.txt", HEAD + "Classified By: EconMinCouns Jane Doe, Reasons 1.4 (b,d)\n\n1. (S) Text.\n"))
    assert doc.classified_by.name.value == "Jane Doe" and doc.classified_by.title.value == "EconMinCouns"


def test_paragraphs_written_without_a_blank_after_the_dot() -> None:
    doc = parse(Source("x.txt", "UNCLAS PARIS 000579\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: X\n\n"
                                "1.Key points: one.\n2.The second one.\n\n3.The third.\n"))
    assert [p.number for p in doc.paragraphs] == [1, 2, 3]


def test_subject_without_an_export_s_trailing_backslashes() -> None:
    doc = parse(Source("x.txt", "SECRET PARIS 000579 \\\n\nE.O. 12958: DECL: 01/30/2014 \\\nTAGS: PREL\n"
                                "SUBJECT: A VISIT \\\n \\\n1. (S) Text.\n"))
    assert doc.subject.value == "A VISIT"


def test_a_subject_line_written_again_is_read_once() -> None:
    whole = parse(Source("x.txt", HEAD.replace("SUBJECT: X\n", "SUBJECT: A VISIT TO\nSUBJECT: A VISIT TO PARIS\n")
                         + "1. (S) Text.\n"))
    assert whole.subject.value == "A VISIT TO PARIS"
    cut = parse(Source("x.txt", HEAD.replace("SUBJECT: X\n", "SUBJECT: A VISIT\nTO PARIS SUBJECT: A VISIT TO\n"
                                                             "Classified By: DCM John Roe, reasons 1.4 (b)\n")
                       + "1. (S) Text.\n"))
    assert cut.subject.value == "A VISIT TO PARIS" and cut.classified_by.name.value == "John Roe"
    assert cut.source.line_col(cut.body_start)[0] == 9
