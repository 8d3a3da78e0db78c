"""Fields the s9 inspect audit found misread, each on a short text written for the test."""
from __future__ import annotations

import pytest

from inspect_helpers import parse_text

UNCLAS_HEAD = "UNCLAS OSLO 000123\n\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"


@pytest.mark.parametrize("label", ["(C )", "( C)", "( C )", "(C) "])
def test_a_ref_item_label_with_a_blank_inside_is_read_as_the_item(label: str) -> None:
    doc = parse_text(UNCLAS_HEAD + "REF: (A) OSLO 101\n     (B) OSLO 102\n     " + label + "OSLO 103\n"
                     "     (D) OSLO 104\n\n1. (U) Text.\n")
    assert [r.value.replace(" ", "") for r in doc.refs] == ["(A)OSLO101", "(B)OSLO102", "(C)OSLO103", "(D)OSLO104"]
    assert [p.number for p in doc.paragraphs] == [1]


def test_a_first_ref_item_label_with_a_blank_inside_opens_the_list() -> None:
    doc = parse_text(UNCLAS_HEAD + "REF: (A )OSLO 101\n     (B) OSLO 102\n\n1. (U) Text.\n")
    assert [r.value for r in doc.refs] == ["(A )OSLO 101", "(B) OSLO 102"]


def test_a_portion_mark_glued_to_its_text_after_a_ref_list_is_no_item() -> None:
    doc = parse_text(UNCLAS_HEAD + "REF: (A) OSLO 101\n     (B) OSLO 102\n\n(C)Text of 2009.\n")
    assert [r.value for r in doc.refs] == ["(A) OSLO 101", "(B) OSLO 102"]


SECRET_HEAD = "S E C R E T OSLO 000123\n\nE.O. 12958: {eo}\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"
BODY = "Classified By: Consul Jane Roe for reasons 1.4 (b)\n\n1. (S) Text.\n"


@pytest.mark.parametrize("eo,level", [("DNG: CO 08/01/2032", "CONFIDENTIAL"), ("DNG: C 08/01/2032", "CONFIDENTIAL"),
                                      ("DNG: CONFIDENTIAL 08/01/2032", "CONFIDENTIAL"), ("dng: co 08/01/2032", "CONFIDENTIAL"),
                                      ("DNG: XY 08/01/2032", "XY")])
def test_a_downgrading_instruction_alone_is_no_declassification_date(eo: str, level: str) -> None:
    doc = parse_text(SECRET_HEAD.format(eo=eo) + BODY)
    d = doc.eo.decl
    assert (d.kind, d.date, d.raw) == ("downgrade", None, eo)
    assert (d.downgrade.value, d.downgrade_date.isoformat(), d.downgrade.raw) == (level, "2032-08-01", eo)
    assert doc.text[d.downgrade.span.start:d.downgrade.span.end] == eo


@pytest.mark.parametrize("eo", ["DECL: 01/26/2031; DNG: CO 01/26/2021", "DNG: CO 01/26/2021; DECL: 01/26/2031",
                                "DECL: 01/26/2031 (DNG: CO 01/26/2021)", "(DNG: CO 01/26/2021) DECL: 01/26/2031"])
def test_a_downgrading_instruction_beside_the_decl_one_keeps_the_decl_date(eo: str) -> None:
    """Review s9-b S6: the DECL instruction is read, and spans, without the DNG part beside it."""
    doc = parse_text(SECRET_HEAD.format(eo=eo) + BODY)
    d = doc.eo.decl
    assert (d.kind, d.date.isoformat(), d.raw) == ("date", "2031-01-26", "DECL: 01/26/2031")
    assert doc.text[d.span.start:d.span.end] == "DECL: 01/26/2031"
    assert (d.downgrade.value, d.downgrade_date.isoformat()) == ("CONFIDENTIAL", "2021-01-26")
    assert d.downgrade.raw.startswith("DNG: CO 01/26/2021")
    d = parse_text(SECRET_HEAD.format(eo="DECL: 01/26/2031") + BODY).eo.decl
    assert (d.kind, d.downgrade, d.downgrade_date) == ("date", None, None)


def test_inspect_shows_the_downgrade_and_rules_read_no_decl_date_from_it() -> None:
    from cablelint.inspect_view import inspect_text
    from inspect_helpers import ENGINE
    from cablelint.source import Source
    text = SECRET_HEAD.format(eo="DNG: CO 08/01/2032") + BODY
    d = parse_text(text).to_dict()
    assert d["eo"]["decl_kind"] == "downgrade" and d["eo"]["decl_date"] is None
    assert d["eo"]["downgrade"] == {"level": "CONFIDENTIAL", "raw": "DNG: CO 08/01/2032", "date": "2032-08-01"}
    shown = inspect_text(d | {"date": None})
    assert "-> downgrade (line 3)" in shown and "  downgrade:      to CONFIDENTIAL on 2032-08-01" in shown
    rules = {f.rule for f in ENGINE.lint_source(Source("t.txt", text))}
    assert "CL217" in rules  # the downgrade alone, no declassification instruction: said once
    assert not rules & {"CL205", "CL206", "CL207", "CL209", "CL210"}  # no DECL date to judge, no empty DECL


def test_release_review_does_not_take_a_downgrading_date_for_the_decl_date() -> None:
    import datetime as dt
    from cablelint.engine import Engine, Selection
    from cablelint.ruleset import load
    from cablelint.source import Source
    text = SECRET_HEAD.format(eo="DNG: CO 08/01/2012") + BODY
    eng = Engine([load("release")], Selection(select=["CL602"]), as_of=dt.date(2020, 1, 1), options={"release": True})
    found = eng.lint_source(Source("t.txt", text))
    assert found and "downgrading instruction (DNG)" in found[0].message


CONF_HEAD = ("C O N F I D E N T I A L OSLO 000123\n\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"
             "Classified By: Consul Jane Roe for reasons 1.4 (b)\n\n")
CONF_BODY = "1.(C) The minister spoke.\n\n2.(C) The minister left early in the day. DOE\n\n"


@pytest.mark.parametrize("tail", [
    "0 01/30/2009 1234 PREL,NO\nTALKS\n\nThe minister spoke of the talks.\n",     # title and excerpt below
    "0 01/30/2009 1234 PREL,NO TALKS The minister spoke.\n",                      # all on the row's line
    "17 1/30/2009 99 PREL,NO TALKS\n2.(C) The minister left early in the day.\n",  # an excerpt with a number
])
def test_the_archive_row_after_the_cable_is_no_part_of_its_body(tail: str) -> None:
    doc = parse_text(CONF_HEAD + CONF_BODY + tail)
    assert [p.number for p in doc.paragraphs] == [1, 2]
    assert doc.headings == [] and doc.signature is not None and doc.signature.value == "DOE"
    notes = [r for r in doc.repairs if r.name == "csv-debris"]
    assert len(notes) == 1 and "archive's metadata row" in notes[0].detail
    assert doc.text[notes[0].span.start:notes[0].span.end] == tail.strip()


@pytest.mark.parametrize("tail", [
    "3.(C) 0 01/30/2009 1234 PREL,NO TALKS\n",                                  # a paragraph, no row
    "0 01/30/2009 1234 PREL,NO\n\n3.(C) One.\n\n4.(C) Two.\n\n5.(C) Three.\n",  # more than the archive's lines after it
    "0 01/30/2009 TALKS PREL,NO\n",                                             # no number before the TAGS
    "14 01/19/2009 500 MT BERGEN\n3.(S) The cargo left.\n",                     # a table row: not the cable's TAGS
    "0 01/30/2009 1234 PREL,FR\n",                                             # TAGS not all the cable's
    "14 01/19/2009 500 NO BERGEN\n3.(C) The cargo left.\n",                     # one word, a cable TAG (review s9-d M2)
    "  0 01/30/2009 1234 PREL,NO\n",                                           # not at the line's start
])
def test_a_row_not_at_the_files_end_or_not_the_archives_is_read_as_text(tail: str) -> None:
    doc = parse_text(CONF_HEAD + CONF_BODY + tail)
    assert not [r for r in doc.repairs if r.name == "csv-debris"]


SECRET_TOP = "S E C R E T OSLO 000123\n\nSIPDIS\n\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"
RUN_ON = ("REF: OSLO 55\n\nREF: OSLO 55  Classified By: Consul Jane Roe for Reason 1.4 (c)  (S/NF) The minister "
          "agrees on the talks, he said on May 2.  He left.\nROE\n")


def test_a_paragraph_run_on_after_the_classified_by_reasons_is_read_and_its_mark_checked() -> None:
    doc = parse_text(SECRET_TOP + RUN_ON)
    assert [(p.number, p.portion.raw) for p in doc.paragraphs] == [(None, "S/NF")]
    assert doc.text[doc.paragraphs[0].span.start:].startswith("(S/NF) The minister")
    assert [r.value for r in doc.refs] == ["OSLO 55"] and [r.value for r in doc.classified_by.reasons] == ["c"]
    notes = {r.name: r.detail for r in doc.repairs}
    assert notes["run-on-header"] == "2 fields on one line; REF written again (as on line 9)"
    assert notes["text-after-reasons"] == ("the text run on after the Classified By's reasons split off at its "
                                           "mark (S/NF); read as the paragraph it opens")
    assert doc.signature is not None and doc.signature.value == "ROE"
    from inspect_helpers import ENGINE
    from cablelint.source import Source
    found = ENGINE.lint_source(Source("t.txt", SECRET_TOP + RUN_ON))  # no NOFORN under the banner
    assert [(f.rule, f.line) for f in found if f.rule == "CL105"] == [("CL105", 11)]


@pytest.mark.parametrize("statement", [
    "Classified By: Consul Jane Roe for reasons 1.4 (b) and (C) The minister agrees.",  # (C): maybe a reason letter
    "Classified By: Consul Jane Roe (S/NF) The minister, for reasons 1.4 (b).",          # the mark before the reasons
    "Classified By: Consul Jane Roe for reasons 1.4 (b). He said (S) The minister.",     # words between
])
def test_no_paragraph_is_split_off_a_classified_by_without_one_right_after_its_reasons(statement: str) -> None:
    doc = parse_text(SECRET_TOP + statement + "\n")
    assert not [r for r in doc.repairs if r.name == "text-after-reasons"]


def test_paragraph_one_numbered_after_the_reasons_is_read_as_before() -> None:
    doc = parse_text(SECRET_TOP + "Classified By: Consul Jane Roe for reasons 1.4 (b). 1. (S) The minister.\n")
    assert [(p.number, p.portion.raw) for p in doc.paragraphs] == [(1, "S")]
    assert not [r for r in doc.repairs if r.name == "text-after-reasons"]


def test_rules_judge_the_decl_part_and_no_downgrade_date_as_a_decl_date() -> None:
    """Review s9-b S6: a DECL date too far is pointed at the DECL part; the form of a
    downgrade date is no DECL date's (CL219), nor is a DNG-only value a DECL value."""
    import datetime as dt
    from cablelint import lint_text, make_engine
    engine = make_engine(rules=["state"], date=dt.date(2008, 5, 3))
    both = SECRET_HEAD.format(eo="DNG: CO 05/03/2009; DECL: 05/03/2040") + BODY
    (far,) = [f for f in lint_text(both, "t.txt", engine=engine) if f.rule == "CL207"]
    assert (far.line, far.column) == (3, 33)
    alone = lint_text(SECRET_HEAD.format(eo="DNG: CO 5/3/13") + BODY, "t.txt", engine=engine)
    assert "CL217" in {f.rule for f in alone} and "CL219" not in {f.rule for f in alone}


def test_inspect_says_a_dng_it_could_read_nothing_from() -> None:
    from cablelint.inspect_view import inspect_text
    d = parse_text(SECRET_HEAD.format(eo="DNG/DECL: CO 05/03/2012") + BODY).to_dict()
    assert "  downgrade:      DNG written; no level or date read from it" in inspect_text(d | {"date": None})


@pytest.mark.parametrize("second", ["SECRET ANNEX OF SOFA 2008", "SECRET BALLOT ON ELECTION LAW 2009",
                                    "CONFIDENTIAL SOURCES UNDER UNSCR 1325"])
def test_a_subject_line_opening_with_a_level_word_and_ending_on_a_number_goes_on(second: str) -> None:
    """Review s9-d M1: a SUBJECT's second line that opens with a level word and ends
    on a number is its words, not the header written again: only the cable's own
    post before the number makes a banner."""
    doc = parse_text(UNCLAS_HEAD.replace("SUBJECT: TALKS", "SUBJECT: IRAQ: MINISTRY LEAKS\n" + second)
                     + "1. (U) Text.\n")
    assert doc.subject.value.split() == ("IRAQ: MINISTRY LEAKS " + second).split()
    again = parse_text(UNCLAS_HEAD.replace("SUBJECT: TALKS", "SUBJECT: IRAQ: MINISTRY LEAKS\nUNCLAS OSLO 000123 SIPDIS")
                       + "1. (U) Text.\n")
    assert again.subject.value == "IRAQ: MINISTRY LEAKS"


def test_a_dng_written_with_to_and_an_empty_decl_beside_a_dng_read_as_meant() -> None:
    """Review s9-d S2: "DNG: TO CONFIDENTIAL ON ..." names CONFIDENTIAL, not "TO";
    "DECL: DNG CO ..." is an empty DECL beside a downgrade, not an event."""
    d = parse_text(SECRET_HEAD.format(eo="DNG: TO CONFIDENTIAL ON 08/01/2017") + BODY).eo.decl
    assert (d.kind, d.downgrade.value, d.downgrade_date.isoformat()) == ("downgrade", "CONFIDENTIAL", "2017-08-01")
    d = parse_text(SECRET_HEAD.format(eo="DECL: DNG CO 08/01/2017") + BODY).eo.decl
    assert (d.kind, d.raw, d.downgrade.value) == ("missing", "DECL:", "CONFIDENTIAL")
