"""Header fields the inspect audits found misread, each on a short text written for the test:
Classified By names with a title or a stray word glued on, reasons read from a cut first copy,
REF values with a page mark or a handling caption glued on, TAGS after a person TAG, a
lower-cased TAGS continuation, a lower-cased page mark, REF items and a SUBJECT's last words after a
blank line, and a surname-first Classified By."""
from __future__ import annotations

import pytest

from cablelint import make_engine
from cablelint.source import Source

from inspect_helpers import name_and_title, parse_text

HEAD = "C O N F I D E N T I A L SECTION 01 OF 02 OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\n"


def _clby(line: str) -> tuple[str | None, str | None]:
    return name_and_title(HEAD, line)


LAGOS = "C O N F I D E N T I A L LAGOS 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NI\n"


@pytest.mark.parametrize("head, line, name, title", [
    (HEAD, "Classified By: ADCM JQPUBLIC FOR REASONS 1.4 (B) AND (D)", "JQPUBLIC", "ADCM"),
    (HEAD, "Classified By: U.S. Embassy Oslo DCM Jane Q. Roe, Reasons 1.4 (b) and (d).",
           "Jane Q. Roe", "U.S. Embassy Oslo DCM"),
    (HEAD, "Classified By: Ambassador Roe by reasons 1.4 (b) and (d)", "Roe", "Ambassador"),
    (HEAD, "Classified By: Classified by CG John Doe, reasons 1.4 b and d", "John Doe", "CG"),
    (HEAD, "Classified By: by CDA John Doe for reasons 1.4 (b) and (d)", "John Doe", "CDA"),
    (HEAD, "Classified By: Political Counselor JOHN DOE FOR\nREASONS 1.4 (B) AND (D)", "JOHN DOE", "Political Counselor"),
    (HEAD, "Classified By: EAP Acting DAS John Doe per 1.4 (b) and (d)", "John Doe", "EAP Acting DAS"),
    (HEAD, "Classified By: Charge d' Affaires John Doe, reasons 1.4 (b)", "John Doe", "Charge d' Affaires"),
    (HEAD, "Classified By: NEA A/S John Q. Doe, Jr. reasons 1.4 (b,d)", "John Q. Doe, Jr", "NEA A/S"),
    (HEAD, "Classified By: Ambassador John Doe for Reasons in Sections 1.4 (b)", "John Doe", "Ambassador"),
    # the name ends at the comma before the post, the cable's own (LAGOS)
    (LAGOS, "Classified By: Consul General Ann Lee, Consulate General Lagos, reasons 1.4 (b) and (d)",
     "Ann Lee", "Consul General"),
    (LAGOS, "CLASSIFIED BY: CONSUL GENERAL ANN LEE, CONSULATE GENERAL LAGOS, REASONS 1.4 (B) AND (D)",
     "ANN LEE", "CONSUL GENERAL"),
    (LAGOS, "Classified By: Political Officer Ann Lee, AmConGen Lagos, reasons 1.4 (b)", "Ann Lee",
     "Political Officer"),
    (LAGOS, "Classified By: Consul General Ann Lee, ConGen Lagos, reasons 1.4 (b)", "Ann Lee", "Consul General"),
    (LAGOS, "Classified By: Ann Lee, Consulate General Lagos, reasons 1.4 (b) and (d)", "Ann Lee",
     "Consulate General Lagos"),
    (LAGOS, "Classified By: ANN LEE, CONSULATE GENERAL LAGOS, REASON 1.4 (B)", "ANN LEE",
     "CONSULATE GENERAL LAGOS"),
])
def test_the_name_is_told_from_the_title_and_stray_words(head: str, line: str, name: str, title: str) -> None:
    assert name_and_title(head, line) == (name, title)


def test_a_title_joiner_alone_makes_no_title() -> None:
    # "for" is a title word only as it joins others: "John Doe for Someone" keeps its name whole
    assert _clby("Classified By: John Doe for Jane Roe, reasons 1.4 (b)") == ("John Doe for Jane Roe", None)


def test_a_cut_name_keeps_the_ellipsis_that_says_so() -> None:
    assert _clby("Classified By: Ambassador John Do...\nid: 12345 date: 1/2/2009") == ("John Do...", "Ambassador")


CUT_COPY = (HEAD + "SUBJECT: TALKS\n\nClassified By: POL JOHN DOE, REASONS 1.4 (B,...\n\n"
            "id: 123\nheader:\nThis record is a partial extract of the original cable.\n\n"
            "C O N F I D E N T I A L SECTION 01 OF 02 OSLO 000123\n\nE.O. 12958: DECL: 01/30/2019\n"
            "TAGS: PREL NO\nSUBJECT: TALKS\n\nClassified By: POL JOHN DOE, REASONS 1.4 (B,D)\n\n1. (C) Text.\n")


def test_reasons_cut_short_in_a_first_copy_are_read_from_the_whole_copy() -> None:
    doc = parse_text(CUT_COPY)
    cb = doc.classified_by
    assert [r.value for r in cb.reasons] == ["b", "d"]
    assert doc.text[cb.span.start:cb.span.end].endswith("(B,D)")
    assert [r.name for r in doc.repairs if r.name == "whole-copy"] == ["whole-copy"]


def test_a_cut_statement_without_a_whole_copy_stays_as_read() -> None:
    doc = parse_text(CUT_COPY.replace("REASONS 1.4 (B,D)", "REASONS 1.4 (B,..."))
    assert doc.text[doc.classified_by.span.start:doc.classified_by.span.end].endswith("(B,...")
    assert not [r for r in doc.repairs if r.name == "whole-copy"]


def _refs(ref_line: str) -> list[str]:
    return [t.value for t in parse_text(HEAD + "SUBJECT: TALKS\n" + ref_line + "\n\n1. (C) Text.\n").refs]


def test_a_page_mark_run_into_the_ref_is_not_part_of_it() -> None:
    assert _refs("REF: A) OSLO 876; B) OSLO 722 OSLO 00000123 001.2 OF 002") == ["A) OSLO 876", "B) OSLO 722"]
    assert _refs("SUBJECT: TALKS REF: A) OSLO 876 OSLO 00000123 002 OF 002") == ["A) OSLO 876"]


def test_a_handling_caption_glued_to_the_ref_is_not_part_of_it() -> None:
    assert _refs("REF: STATE 1136 SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY") == ["STATE 1136"]
    assert _refs("REF: STATE 1136 (NOTAL)") == ["STATE 1136 (NOTAL)"]


def _tags(tags_lines: str) -> list[str]:
    doc = parse_text("CONFIDENTIAL\nE.O. 12958: DECL: 01/30/2019\n" + tags_lines + "\nSUBJECT: TALKS\n\n1. (C) Text.\n")
    return doc.to_dict()["tags"]


def test_tags_after_a_bare_person_tag_are_read() -> None:
    assert _tags("TAGS: PREL OVIP KSEP CS UNGA") == ["PREL", "OVIP", "KSEP", "CS", "UNGA"]
    assert _tags("TAGS: OVIP SMITHSON JAMES PREL NO") == ["OVIP SMITHSON JAMES", "PREL", "NO"]
    assert _tags("TAGS: OVIP JQDOE PREL PGOV NO") == ["OVIP JQDOE", "PREL", "PGOV", "NO"]


def test_a_bare_person_tags_short_name_words_are_its_name_up_to_a_known_tag() -> None:
    # A name's short words (JOHN, KIM, IL) are TAG-shaped: not TAGS of their own while no list knows them.
    assert _tags("TAGS: PREL FR OVIP SMITH JOHN") == ["PREL", "FR", "OVIP SMITH JOHN"]
    assert _tags("TAGS: OVIP KIM JONG IL") == ["OVIP KIM JONG IL"]
    # A known TAG ends the name, or is no name at all.
    assert _tags("TAGS: OVIP SMITH JOHN FR") == ["OVIP SMITH JOHN", "FR"]
    assert _tags("TAGS: OVIP PREL FR") == ["OVIP", "PREL", "FR"]
    assert _tags("TAGS: OVIP KIM PREL KS") == ["OVIP KIM", "PREL", "KS"]
    # At most three name words: a fourth word is a TAG again.
    assert _tags("TAGS: OVIP KIM JONG IL XQZW") == ["OVIP KIM JONG IL", "XQZW"]


@pytest.mark.parametrize("tags, name, rule", [
    ("PREL FR OVIP SMITH JOHN", ("SMITH", "JOHN"), None),
    ("OVIP KIM JONG IL", ("KIM", "JONG"), None),
    ("OVIP SMITH JOHN FR XQZW", ("SMITH", "JOHN"), "CL404"),  # an unknown TAG after the name still is one
    ("OVIP PREL RU", (), "CL405"),  # no name: the ISO code after a known TAG is read and flagged
])
def test_a_bare_person_tags_name_is_no_unknown_tag_and_no_message_prints_it(tags: str, name: tuple[str, ...],
                                                                              rule: str | None) -> None:
    from cablelint import lint_text
    text = f"UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: {tags}\nSUBJECT: TALKS\n\n1. (U) The talks resume.\n"
    from inspect_helpers import ENGINE
    found = lint_text(text, "t.txt", engine=ENGINE, date="2004-01-30")
    tag_rules = {f.rule for f in found if f.line == 3}
    assert tag_rules == ({rule} if rule else set())
    assert not [f.message for f in found if any(w in f.message for w in name)]


def test_without_the_rule_sets_tags_a_bare_persons_name_is_read_by_its_shape() -> None:
    from cablelint.parse import parse
    from cablelint.vocabulary import default_vocabulary
    text = "CONFIDENTIAL\nE.O. 12958: DECL: 01/30/2019\nTAGS: OVIP SMITHSON JOHN FR\nSUBJECT: T\n\n1. (C) T.\n"
    doc = parse(Source(path="t.txt", text=text), default_vocabulary())
    assert [t.raw for t in doc.tags] == ["OVIP SMITHSON", "JOHN", "FR"]


def test_a_person_tag_shows_its_person() -> None:
    assert _tags("TAGS: OVIP (DOE, JOHN Q.), PREL, NO") == ["OVIP (DOE, JOHN Q.)", "PREL", "NO"]
    doc = parse_text("CONFIDENTIAL\nE.O. 12958: DECL: 01/30/2019\nTAGS: OVIP (DOE, JOHN), PREL\nSUBJECT: T\n\n1. (C) T.\n")
    assert [t.value for t in doc.tags] == ["OVIP", "PREL"]


def test_a_lower_cased_tags_list_goes_on_on_a_lower_cased_line() -> None:
    assert _tags("Tags: ovip (doe, john), prel, pgov,\netra, mnuc, no") == [
        "ovip (doe, john)", "prel", "pgov", "etra", "mnuc", "no"]
    # a lower-case line under a TAGS line that does not go on is no TAG list
    assert _tags("Tags: prel, pgov\nmost, of, the") == ["prel", "pgov"]


def test_a_lower_cased_page_mark_is_a_section() -> None:
    text = HEAD + "SUBJECT: TALKS\n\n1. (C) Text of the\nfirst page.\n\nOslo 00000123 002 of 002\n\n2. (C) More.\n"
    assert [(s.number, s.total) for s in parse_text(text).sections] == [(1, 2), (2, 2)]


def test_the_signature_stands_before_an_exports_end_lines() -> None:
    body = HEAD + "SUBJECT: TALKS\n\n1. (C) Text of the cable.\nDOE\n\n"
    assert parse_text(body + "=====CABLE ENDS=====\n").signature.value == "DOE"
    assert parse_text(body + '"\n').signature.value == "DOE"
    assert parse_text(body + "NNNN\n").signature.value == "DOE"
    assert parse_text(HEAD + "SUBJECT: TALKS\n\n1. (C) Text of the cable.\nNNNN\n").signature is None


def test_a_file_names_year_is_shown_as_a_year_not_a_day() -> None:
    doc = make_engine().parse(Source(path="05OSLO123.txt", text="CONFIDENTIAL\nSUBJECT: TALKS\n\n1. (C) Text.\n"))
    assert doc.date.source == "filename-year"
    assert doc.to_dict()["date"] == "2005"


def test_a_page_mark_under_a_wrapped_subject_is_not_part_of_it() -> None:
    text = HEAD + "SUBJECT: TALKS ON THE\nBUDGET\nOSLO 00000123 001.2 OF 002\nClassified By: Ambassador Roe, reasons 1.4 (b)\n\n1. (C) T.\n"
    assert parse_text(text).subject.value == "TALKS ON THE BUDGET"


def test_a_lone_paragraph_run_on_after_the_ref_is_the_body() -> None:
    text = "UNCLAS OSLO 000123\nE.O. 12958: N/A\nTAGS: PREL NO\nSUBJECT: TALKS\n\nREF: STATE 96413 (U) On May 2 we met. Roe\n"
    doc = parse_text(text)
    assert [r.value for r in doc.refs] == ["STATE 96413"]
    assert [(p.number, p.portion.raw if p.portion else None) for p in doc.paragraphs] == [(None, "U")]
    assert "run-on-header" in [r.name for r in doc.repairs]


def _doubled(text: str) -> str:
    return "".join(line + "\n\n" for line in text.split("\n"))


BODY = ("UNCLAS SECTION 01 OF 02 OSLO 000123\n \nE.O. 12958: N/A\nTAGS: PREL NO\nSUBJECT: NORWAY -- A LONG SUBJECT\n"
        "(PART 2 OF 2)\n \n" + "\n".join(f"The first paragraph goes on here, this is line {k} of it." for k in range(12)) + "\n \n"
        + "\n".join(f"The second paragraph goes on here, this is line {k} of it." for k in range(12)) + "\n")


def test_a_copy_with_doubled_line_breaks_is_read_with_single_ones() -> None:
    doc = parse_text(_doubled(BODY))
    assert doc.subject.value == "NORWAY -- A LONG SUBJECT (PART 2 OF 2)"
    assert len(doc.paragraphs) == 2
    assert [r.name for r in doc.repairs] == ["doubled-line-breaks"]


def test_one_line_paragraphs_with_blank_lines_between_are_not_a_doubled_copy() -> None:
    text = "UNCLAS OSLO 000123\n\nE.O. 12958: N/A\n\nTAGS: PREL NO\n\nSUBJECT: TALKS\n\n" + "".join(
        f"{k}. (U) " + "A paragraph written on one long line. " * 4 + "\n\n" for k in range(1, 25))
    doc = parse_text(text)
    assert "doubled-line-breaks" not in [r.name for r in doc.repairs]
    assert len(doc.paragraphs) == 24


def test_lettered_refs_go_on_after_a_blank_line() -> None:
    assert _refs("REF: A. STATE 1234\n\n     ¶B. STATE 5678\n     ¶C. 06 OSLO 431") == [
        "A. STATE 1234", "B. STATE 5678", "C. 06 OSLO 431"]
    assert _refs("REF: (A) OSLO 12\n\n(B) OSLO 34") == ["(A) OSLO 12", "(B) OSLO 34"]


@pytest.mark.parametrize("after", [
    "B. Summary follows.",  # no cable number: text, not a ref
    "C. STATE 5678",  # not the next letter
])
def test_a_blank_line_ends_the_refs_unless_the_next_item_follows(after: str) -> None:
    assert _refs("REF: A. STATE 1234\n\n" + after) == ["A. STATE 1234"]


def test_an_unlettered_ref_takes_no_item_after_a_blank_line() -> None:
    assert _refs("REF: STATE 1234\n\nB. STATE 5678") == ["STATE 1234"]


def _subject(tail: str) -> str:
    return parse_text(HEAD + "SUBJECT: RESPONSE TO THE FY 2009 REFUGEE\n\n" + tail).subject.value


def test_a_subjects_last_words_after_a_blank_line_are_read() -> None:
    assert _subject("FUND PROPOSALS\n\nREF: STATE 1234\n1. (U) Text.\n") == "RESPONSE TO THE FY 2009 REFUGEE FUND PROPOSALS"
    assert _subject("FUND\n\nClassified By: DCM Jane Roe, reasons 1.4 (b)\n\n1. (C) Text.\n").endswith("REFUGEE FUND")


@pytest.mark.parametrize("tail", [
    "SUMMARY\n\n1. (U) Text.\n",  # a heading: the body follows it
    "NOFORN\n\nREF: STATE 1234\n\n1. (U) Text.\n",  # a line of captions
    "DEPT FOR EUR/NB\n\nREF: STATE 1234\n\n1. (U) Text.\n",  # a passing line
    "Fund proposals\n\nREF: STATE 1234\n\n1. (U) Text.\n",  # not upper case like the subject
    "REF: STATE 1234\n\n1. (U) Text.\n",  # a field
    "1. (U) THE FUND.\n\nREF: STATE 1234\n",  # a paragraph
])
def test_a_blank_line_ends_the_subject_before_other_text(tail: str) -> None:
    assert _subject(tail) == "RESPONSE TO THE FY 2009 REFUGEE"


def test_a_lower_case_subject_takes_no_words_after_a_blank_line() -> None:
    doc = parse_text(HEAD + "SUBJECT: Response to the refugee\n\nFUND\n\nREF: STATE 1234\n1. (U) Text.\n")
    assert doc.subject.value == "Response to the refugee"


@pytest.mark.parametrize("line, name, title", [
    ("CLASSIFIED BY: Roe, Jane, Ambassador, DOS, EXEC; REASON: 1.4 (b), (d)", "Jane Roe", "Ambassador"),
    ("CLASSIFIED BY: DOE, John Q, DCM, State, Embassy Oslo; REASON: 1.4(B)", "John Q DOE", "DCM"),
    # the SMART layout's agency and office are no part of the title (ClassifiedBy.office, clby_office.py)
    ("CLASSIFIED BY: ROE, AMBASSADOR, DOS, AMB; REASON: 1.4(B), (D)", "ROE", "AMBASSADOR"),
    ("Classified By: Jane Doe, Acting DCM, Department of State, reasons 1.4 (b)", "Jane Doe", "Acting DCM"),
])
def test_a_surname_first_statement_gives_the_whole_name_and_the_title(line: str, name: str, title: str) -> None:
    assert _clby(line) == (name, title)
