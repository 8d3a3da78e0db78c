"""The parser reads real-world damage: each case is a form seen in the corpus,
written here in our own words."""
from __future__ import annotations

import datetime as dt

import pytest

from cablelint.dates import resolve
from cablelint.parse import find_reasons, parse as parse_only, parse_decl
from cablelint.source import Source


def parse(source: Source, date: dt.date | None = None):
    """Parse, then resolve the date as the engine does (with `date` as --date)."""
    doc = parse_only(source)
    doc.date = resolve(doc.date_evidence, date)
    return doc


def doc_of(text: str, path: str = "x.txt"):
    return parse(Source(path, text))


@pytest.mark.parametrize("text,letters,section", [
    ("Classified By: Political Counselor F. Doe for Reasons 1.4 (b) and (d)", "bd", "1.4"),
    ("for reasons 1.4 b and d", "bd", "1.4"),
    ("Reason(s): 1.4 (B/D)", "BD", "1.4"),
    ("reasons 1.4 (b,d)", "bd", "1.4"),
    ("Reasons 1.4(b)(d)", "bd", "1.4"),
    ("reason para 1.4 (b)", "b", "1.4"),
    ("CLASSIFIED BY POLOFF J. DOE, 1.5 (D).", "D", "1.5"),
    ("REASON 1.5.D.", "D", "1.5"),
    ("REASON: 1.4(B), (D)", "BD", "1.4"),
    ("reasons 1.4 (b&d)", "bd", "1.4"),
    ("Reasons 1.4 (b) and (d). I told him so.", "bd", "1.4"),
    # as real cables write them (issue 9, item 5): no section, 1:4, a broken 'and', '+', a backslash
    ("for reasons b, d.", "bd", ""),
    ("REASONS: B AND D", "BD", ""),
    ("for reasons (b) and (d)", "bd", ""),
    ("Reasons 1:4 b,d", "bd", "1.4"),
    ("reasons 1.4 (b) a nd (d)", "bd", "1.4"),
    ("reasons 1.4 (b+d)", "bd", "1.4"),
    ("reason 1.4 (b)\\ (d)", "bd", "1.4"),
])
def test_reason_spellings(text: str, letters: str, section: str) -> None:
    sec, found, _ = find_reasons(text)
    assert sec[0] == section
    assert "".join(l for l, _ in found) == letters  # the letters as written, in their case


def test_reason_needs_standalone_letters() -> None:
    assert find_reasons("exports of 1.4 billion dollars") is None


def test_wrapped_reason_across_a_blank_line() -> None:
    d = doc_of("C O N F I D E N T I A L PARIS 000579\n\nE.O. 12958: DECL: 01/30/2014\n\nTAGS: PREL FR\n\n"
               "SUBJECT: X\n\nClassified By: DCM JOHN ROE, FOR REAS\n\nONS 1.4 B/D\n\n[11.](#) (C) Text.\n")
    cb = d.classified_by
    assert cb.authority.value == "DCM JOHN ROE"
    assert [r.value for r in cb.reasons] == ["b", "d"]
    assert d.source.line_col(cb.reasons[0].span.start) == (11, 9)


@pytest.mark.parametrize("first_line,level", [
    ("C O N F I D E N T I A L SECTION 01 OF 02 PARIS 000579", "CONFIDENTIAL"),
    ("S E C R E T PARIS 000579", "SECRET"),
    ("SS E C R E T SECTION 01 OF 02 PARIS 001699", "SECRET"),
    ("Cable dated:2005-11-29T14:19:00C O N F I D E N T I A L CAIRO 008938SIPDIS", "CONFIDENTIAL"),
    ("RUEHZG/NATO EU COLLECTIVE\tC O N F I D E N T I A L SECTION 01 OF 02 BERN 000258 \\", "CONFIDENTIAL"),
    ("UNCLAS SECTION 01 OF 03 LONDON 002427", "UNCLASSIFIED"),
    ("SENSITIVE BUT UNCLASSIFIED AMMAN 003930", "UNCLASSIFIED"),
    ("LIMITED OFFICIAL USE MADRID 001234", "LIMITED OFFICIAL USE"),
    ("CLASSIFICATION: SECRET", "SECRET"),
])
def test_banner_forms(first_line: str, level: str) -> None:
    d = doc_of(first_line + "\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: X\n")
    assert d.level == level


def test_secretary_is_not_a_banner() -> None:
    d = doc_of("SECRETARY RICE MET THE MINISTER PARIS 000579\n")
    assert d.banner is None


def test_sbu_banner_carries_the_sbu_control() -> None:
    d = doc_of("SENSITIVE BUT UNCLASSIFIED AMMAN 003930\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: X\n")
    assert "SBU" in [c.value for c in d.banner.controls]


def test_paragraph_numbers_after_web_damage() -> None:
    body = "\n\n".join([
        "[11.](#) (C) One.", "¶2. (C) Two.", "RUSSIA FRUSTRATED WITH EU", "13. (C) Three.",
        "SIPDIS", "14. (C) Four.\n-- 1. a numbered list item\n-- 2. another", "15. (S/NF) Five.",
    ])
    d = doc_of("S E C R E T PARIS 000579\nNOFORN\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL\nSUBJECT: X\n\n" + body)
    assert [p.number for p in d.paragraphs] == [1, 2, 3, 4, 5]
    assert [p.portion.raw for p in d.paragraphs] == ["C", "C", "C", "C", "S/NF"]
    assert d.paragraphs[4].portion.level == "SECRET"
    assert [c.value for c in d.paragraphs[4].portion.controls] == ["NOFORN"]
    assert "RUSSIA FRUSTRATED WITH EU" in [h.value for h in d.headings]


def test_genuine_paragraph_eleven_is_kept() -> None:
    paras = "\n\n".join(f"{i}. (U) Para {i}." for i in range(1, 13))
    d = doc_of("UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: X\n\n" + paras)
    assert [p.number for p in d.paragraphs] == list(range(1, 13))


@pytest.mark.parametrize("rest,kind,date,fmt", [
    ("DECL: 01/30/2014", "date", dt.date(2014, 1, 30), "mm/dd/yyyy"),
    ("DECL:  2/2/2020 \\", "date", dt.date(2020, 2, 2), "mm/dd/yyyy"),
    ("DECL: 10/10/11", "date", dt.date(2011, 10, 10), "m/d/yy"),
    ("DECL: 2020/01/05", "date", dt.date(2020, 1, 5), "yyyy/mm/dd"),
    ("N/A", "na", None, ""),
    ("DECL: OADR", "oadr", None, ""),
    ("DECL: TEN YEARS AFTER KOREAN UNIFICATION", "event", None, ""),
    ("DECL: 1.6X5", "exemption", None, ""),
    ("GDS 8/12/85 (DOE, JOHN) OR-P", "date", dt.date(1985, 8, 12), "m/d/yy"),
    ("DECL: DECLASSIFIED BY NARA 09/02/2009", "declassified", None, ""),
])
def test_decl_forms(rest: str, kind: str, date, fmt: str) -> None:
    d = parse_decl(rest, 0)
    assert d.kind == kind and d.date == date and d.date_format == fmt


def test_exemption_codes_are_canonical() -> None:
    assert [t.value for t in parse_decl("DECL: 1.6X5", 0).exemptions] == ["X5"]
    assert [t.value for t in parse_decl("XGDS-2", 0).exemptions] == ["XGDS2"]
    assert [t.value for t in parse_decl("DECL: 50X1-HUM", 0).exemptions] == ["50X1-HUM"]


def test_date_sources() -> None:
    header = "R 301533Z JAN 04\nFM AMEMBASSY PARIS\nTO SECSTATE WASHDC\nC O N F I D E N T I A L PARIS 000579\n"
    assert doc_of(header).date.value == dt.date(2004, 1, 30)
    assert doc_of("C O N F I D E N T I A L PARIS 000579\n", "05PARIS579.txt").date.source == "filename-year"
    assert doc_of("C O N F I D E N T I A L PARIS 000579\n", "seed.txt").date.value is None
    assert parse(Source("seed.txt", "UNCLAS X 1\n"), dt.date(2001, 2, 3)).date.source == "option"


def test_transmission_and_sections() -> None:
    d = doc_of("VZCZCXRO3385\nDE RUEHFR #0762/01 1591642\nZNY SSSSS ZZH\nO 081642Z JUN 09\nFM AMEMBASSY PARIS\n"
               "S E C R E T SECTION 01 OF 03 PARIS 000762\n\nE.O. 12958: DECL: 06/07/2024\nTAGS: PREL\nSUBJECT: X\n\n"
               "1. (S) One. PARIS 00000762  002 OF 003\n\nPARIS 00000762  003 OF 003\n")
    assert d.header.security.value == "ZNY SSSSS"
    assert [(s.number, s.total, s.kind) for s in d.sections] == [(1, 3, "banner"), (2, 3, "page"), (3, 3, "page")]


def test_run_together_header_fields_are_each_read() -> None:
    d = doc_of("S E C R E T TRIPOLI 000492\nNOFORN SIPDIS DEPT FOR NEA/MAG E.O. 12958: DECL: 12/21/2019 "
               "TAGS: PREL LY SUBJECT: A RUN-TOGETHER HEADER Classified By: CDA Jane Doe, reasons 1.4 (b) and (d)\n\n"
               "1. (S/NF) Text.\n")
    assert d.eo.decl.date == dt.date(2019, 12, 21)
    assert [t.value for t in d.tags] == ["PREL", "LY"]
    assert d.subject.value == "A RUN-TOGETHER HEADER"
    assert [r.value for r in d.classified_by.reasons] == ["b", "d"]
    assert "NOFORN" in [c.value for c in d.captions]


def test_declassified_by_is_not_classified_by() -> None:
    d = doc_of("UNCLASSIFIED BUENOS AIRES 2481\nDECLASSIFIED BY NARA 09/02/2009\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: X\n")
    assert d.classified_by is None


@pytest.mark.parametrize("line", ["E C R E T SECTION 01 OF 03 BAGHDAD 000146", "CSE C R E T SECTION 01 OF 02 SHENYANG 000004"])
def test_banner_with_its_first_letter_lost(line: str) -> None:
    assert doc_of(line + "\nE.O. 12958: DECL: 01/01/2017\n").level == "SECRET"


def test_lettered_items_carry_their_marks() -> None:
    d = doc_of("S E C R E T REYKJAVIK 000041\nE.O. 12958: DECL: 01/01/2019\nTAGS: PTER IC\nSUBJECT: X\n\n"
               "¶A.  (C) There are no known groups.\n\nii.  (SBU) Two events.\n")
    assert [p.portion.raw for p in d.paragraphs] == ["C", "SBU"]


def test_derivative_classified_by() -> None:
    d = doc_of("S E C R E T ISLAMABAD 002185\nE.O. 12958: DECL: 01/01/2019\nTAGS: PTER PK\nSUBJECT: X\n"
               "Classified By: Derived from DSCG 05-01.\n\n1. (S) Text.\n")
    assert d.classified_by.derived_from.value == "DSCG 05-01"
    assert d.classified_by.authority is None


def test_reason_section_typo_and_split_number() -> None:
    assert find_reasons("Reason 1/4 (B)")[0][0] == "1.4"
    d = doc_of("C O N F I D E N T I A L BEIJING 000245\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL CH\nSUBJECT: X\n"
               "Classified By: Ambassador Jon Doe. Reasons 1.\n4 (b) and (d).\n\n1. (C) Text.\n")
    assert [r.value for r in d.classified_by.reasons] == ["b", "d"]


def test_dates_from_archive_metadata_and_a_late_dtg() -> None:
    meta = "Cable dated:2005-11-29T14:19:00C O N F I D E N T I A L CAIRO 008938\n"
    assert doc_of(meta).date.value == dt.date(2005, 11, 29)
    late = "C O N F I D E N T I A L ROME 002045\nE.O. 12958: DECL: 05/12/2013\n\n1. (C) Text.\n\nP 121721Z MAY 03\n"
    assert doc_of(late).date.value == dt.date(2003, 5, 12)


def test_tags_keyword_variants() -> None:
    for kw in ("TAG MASS, PREL, BR", "Tags: MASS PREL BR", "TAGS MASS PREL BR"):
        d = doc_of(f"UNCLAS BRASILIA 000952\nE.O. 12958: N/A\n{kw}\nSUBJECT: X\n")
        assert [t.value for t in d.tags] == ["MASS", "PREL", "BR"], kw


def test_wrapped_reference_is_not_a_paragraph() -> None:
    d = doc_of("C O N F I D E N T I A L STATE 001265\nE.O. 12958: DECL: 01/01/2018\nTAGS: PREL\nSUBJECT: X\n\n"
               "1. (C) See the demarche in paragraph\n2.The points follow.\n\n2. (C) Second.\n")
    assert [p.number for p in d.paragraphs] == [1, 2]
    assert d.paragraphs[1].portion.raw == "C"


def test_classified_by_naming_the_order_stays_whole() -> None:
    d = doc_of("C O N F I D E N T I A L LONDON 002005\nE.O. 12958: DECL: 01/01/2018\nTAGS: PREL UK\nSUBJECT: X\n"
               "Classified By: Classified By: Pol Couns Jane Doe, E.O. 12958, reasons 1.4 (b) and (d)\n\n1. (C) Text.\n")
    assert [r.value for r in d.classified_by.reasons] == ["b", "d"]


def test_portion_mark_after_reasons_is_not_a_reason() -> None:
    assert "".join(l for l, _ in find_reasons("reasons 1.4 (b) and (d) (S/NF) Summary")[1]) == "bd"
    assert "".join(l for l, _ in find_reasons("Reason(s): 1.4 (B/D)")[1]) == "BD"


def test_paragraph_after_a_dashed_heading() -> None:
    d = doc_of("S E C R E T PANAMA 008545\nE.O. 12356: DECL: OADR\nTAGS: PREL PM\nSUBJECT: X\n\n"
               "1. SECRET - ENTIRE TEXT.\n\n2. Two.\n-----------\nHEADING\n-----------\n3. Three.\n")
    assert [p.number for p in d.paragraphs] == [1, 2, 3]


@pytest.mark.parametrize("authority,name,title", [
    ("Political Counselor F. Daniel Sainz for Reasons 1.4 (b) and (d)", "F. Daniel Sainz", "Political Counselor"),
    ("Carol Urban, Acting Deputy Chief of Mission, for Reasons 1.4 (b)", "Carol Urban", "Acting Deputy Chief of Mission"),
    ("EUR/PRA Director Stephanie Miley", "Stephanie Miley", "EUR/PRA Director"),
    ("Charge d'Affaires, for reasons 1.4 (b)", None, "Charge d'Affaires"),
])
def test_classifier_name_and_title(authority: str, name, title) -> None:
    d = doc_of("C O N F I D E N T I A L X 1\nE.O. 12958: DECL: 1/1/2019\nTAGS: PREL\nSUBJECT: X\n"
               f"Classified By: {authority}\n\n1. (C) x\n")
    cb = d.to_dict()["classified_by"]
    assert (cb["name"], cb["title"]) == (name, title)


def _marking_tokens(mk):
    return ([mk.level_token] if mk.level_token else []) + mk.controls + mk.tokens + mk.unknown + mk.rel_to + \
        mk.categories + mk.separators


def test_portion_spans_of_a_block_are_exact() -> None:
    """A mark that starts a block after a blank line: every span of it (level,
    entries, REL TO codes, separators) points at its own text. The block's
    mark was once parsed line-relative and shifted field by field."""
    d = doc_of("SECRET//NOFORN\n\nClassified By: Jane Doe, Director\nDerived From: Multiple Sources\n"
               "Declassify On: 20350101\n\n(S//REL TO USA, GBR) First block.\n\n  ii. (S//NF) Second.\n\nSECRET//NOFORN\n")
    marks = [p.portion for p in d.paragraphs if p.portion]
    assert [m.raw for m in marks] == ["S//REL TO USA, GBR", "S//NF"]
    for mk in marks:
        assert d.text[mk.span.start:mk.span.end] == mk.raw
        toks = _marking_tokens(mk)
        assert len(toks) >= 3
        for t in toks:
            assert d.text[t.span.start:t.span.end] == t.raw, t


def test_separators_are_recorded_once_as_written() -> None:
    d = doc_of("SECRET // NOFORN\n\n(S///NF) Text.\n\nSECRET // NOFORN\n")
    assert [s.raw for s in d.banner.separators] == [" // "]
    assert [s.raw for s in d.paragraphs[0].portion.separators] == ["///"]
    for mk in (d.banner, d.footer, d.paragraphs[0].portion):
        assert all(d.text[s.span.start:s.span.end] == s.raw for s in mk.separators)


def test_one_dtg_decoder() -> None:
    head = "R 301533Z JAN 04\nFM AMEMBASSY PARIS\nC O N F I D E N T I A L PARIS 000579\n"
    d = doc_of(head)
    assert d.header.dtg_date == dt.date(2004, 1, 30) and d.date.source == "dtg"
    # A day that does not exist: not a date; the cable's date comes from elsewhere (its file name here).
    d = doc_of(head.replace("301533Z JAN", "311533Z FEB"), "04PARIS579.txt")
    assert d.header.dtg.value == "311533Z FEB 04" and d.header.dtg_date is None
    assert d.date.source == "filename-year"


@pytest.mark.parametrize("value", ["15 March 2023", "March 15, 2023", "2023-03-15", "20230315", "03/15/2023",
                                   "2023-03-15T10:00"])
def test_memo_date_forms(value: str) -> None:
    from cablelint.parse import memo_date

    assert memo_date(value) == dt.date(2023, 3, 15)


@pytest.mark.parametrize("line,ref", [("REF: STATE 12345", "STATE 12345"), ("REF STATE 12345", "STATE 12345"),
                                      ("REFS (S): A) STATE 1", "A) STATE 1"), ("REF:STATE 1", "STATE 1")])
def test_ref_line_forms(line: str, ref: str) -> None:
    d = doc_of(f"UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: X\n{line}\n\n1. Text.\n")
    assert [r.value for r in d.refs] == [ref]
    assert d.text[d.refs[0].span.start:d.refs[0].span.end] == ref


# -- what kinds read from the document: targets and parameters, not target names --
KIND_RULES = """\
name: kinds
extends: state
rules:
  - id: KT101
    name: exdis-needs-noforn
    severity: error
    kind: cooccurrence
    target: {target}
    requires: {{EXDIS: [NOFORN]}}
    message: "{{value}} without {{needs}}"
"""


@pytest.mark.parametrize("target,fires", [("banner.with_captions", True), ("banner", False)])
def test_cooccurrence_counts_captions_through_the_target(tmp_path, target: str, fires: bool) -> None:
    from cablelint.engine import Engine
    from cablelint.ruleset import load

    path = tmp_path / "kinds.yaml"
    path.write_text(KIND_RULES.format(target=target), encoding="utf-8")
    text = "SECRET PARIS 000579\nEXDIS\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL\nSUBJECT: X\n\n1. (S) Text.\n"
    got = [f for f in Engine([load(str(path))]).lint_source(Source("x.txt", text)) if f.rule == "KT101"]
    assert [(f.line, f.column, f.matched) for f in got] == ([(2, 1, "EXDIS")] if fires else [])


def test_sequence_totals_is_a_parameter(tmp_path) -> None:
    from cablelint.ruleset import RuleSetError, load

    path = tmp_path / "seq.yaml"
    path.write_text("name: seq\nrules:\n  - id: KT201\n    name: sections-all\n    severity: info\n"
                    "    kind: sequence\n    target: sections\n    require_all: true\n    message: x\n",
                    encoding="utf-8")
    with pytest.raises(RuleSetError, match=r"seq.yaml:8: rule KT201: `require_all` needs `totals: true`"):  # its line
        load(str(path))
    path.write_text(path.read_text(encoding="utf-8").replace("require_all", "totals: true\n    require_all"),
                    encoding="utf-8")
    assert load(str(path)).rules[0].params["totals"] is True


def test_glued_classified_by_and_paragraph_one() -> None:
    d = doc_of("C O N F I D E N T I A L CAIRO 003126\nE.O. 12958: DECL: 01/01/2017\nTAGS: PREL EG\n"
               "SUBJECT: VISIT TO CAIROClassified By: DEPUTY CHIEF OF MISSION JOHN ROE, REASON: 1.4 (b), (d) "
               "1.(C) Summary: text.\n\n2. (C) More.\n")
    assert d.subject.value == "VISIT TO CAIRO"
    assert [r.value for r in d.classified_by.reasons] == ["b", "d"]
    assert [p.number for p in d.paragraphs] == [1, 2]


@pytest.mark.parametrize("line,tags", [
    ("TAGS: PREL OVIP STEINBERG JAMES", ["PREL", "OVIP"]),
    ("TAGS: OVIP (RICE, CONDOLEEZZA) PREL US", ["OVIP", "PREL", "US"]),
])
def test_person_tags(line: str, tags: list[str]) -> None:
    d = doc_of(f"UNCLAS X 000001\nE.O. 12958: N/A\n{line}\nSUBJECT: X\n")
    assert [t.value for t in d.tags] == tags


def test_lead_in_paragraph_with_marked_bullets_is_not_unmarked() -> None:
    from cablelint.targets import resolve

    d = doc_of("S E C R E T CAIRO 001349\nNOFORN\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL EG\nSUBJECT: X\n\n"
               "¶1. Key Points:\n-- (S/NF) The first point.\n-- (C) The second point.\n\n¶2. Unmarked text here.\n")
    unmarked = resolve("paragraphs.unmarked")(d)
    assert [it.obj.number for it in unmarked] == [2]
    assert d.paragraphs[0].marked_items == 2


def test_person_tag_followed_by_comma_separated_tags() -> None:
    d = doc_of("UNCLAS X 000001\nE.O. 12958: N/A\nTAGS: PFOR, OVIP, parm, FR\nSUBJECT: X\n")
    assert [t.value for t in d.tags] == ["PFOR", "OVIP", "parm", "FR"]


def test_banner_with_a_damaged_section_mark() -> None:
    assert doc_of("UNCLAS SECTION 01 GF 02 BISHIEK 00Q021\nE.O. 12958: N/A\n").level == "UNCLASSIFIED"


def test_tags_free_text_and_run_together_codes() -> None:
    from cablelint import lint_text

    text = ("UNCLAS TEL AVIV 000145\nE.O. 12958: N/A\n"
            "TAGS: ECONEFIN IZPREL PREL EAGRS ISRAELI PALESTINIAN AFFAIRS\nSUBJECT: X\n")
    found = [f for f in lint_text(text, date="2006-01-10") if f.rule == "CL404"]
    assert len(found) == 1 and found[0].message.endswith("; 2 more on this line")  # one finding per TAGS line
    got = {f.message.split()[1]: f.message for f in found + found[0].related}
    assert set(got) == {"ECONEFIN", "IZPREL", "EAGRS"}  # free words are not TAGS; run-together and typos are
    assert got["EAGRS"].endswith("(one letter too many for EAGR?)")
    assert "(run together: ECON EFIN)" in got["ECONEFIN"]


def test_list_items_and_lead_ins_are_not_unmarked_paragraphs() -> None:
    from cablelint.targets import resolve

    d = doc_of("C O N F I D E N T I A L CAIRO 000059\nE.O. 12958: DECL: 01/01/2020\nTAGS: PREL EG\nSUBJECT: X\n"
               "Classified By: DCM Jon Roe, reasons 1.4 (b) and (d)\n\n"
               "¶1. Key Points: -- (SBU) On January 7, gunmen fired.\n\n"
               "¶2. (C) The questions follow.\n\n1)  (C/NF)  HOW DOES HE REACT?\n\n8) Burma (FPOL-1)\n\n"
               "¶3. (C) End.\n")
    assert [p.number for p in d.paragraphs] == [1, 2, 3]
    assert resolve("paragraphs.unmarked")(d) == []


def test_corrected_copy_note_is_not_the_classified_by_line() -> None:
    d = doc_of("C O N F I D E N T I A L LONDON 002347\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL UK\nSUBJECT: X\n"
               "CORRECTED COPY (ADDED CLASSIFIED BY LINE)\n\nClassified By: Pol Couns Jane Doe, reasons 1.4 b and d\n\n"
               "1. (C) Text.\n")
    assert [r.value for r in d.classified_by.reasons] == ["b", "d"]


def test_fields_read_when_the_banner_was_lost_and_labels_damaged() -> None:
    d = doc_of("R 121721Z MAY 09\nFM AMEMBASSY LA PAZ\nTO SECSTATE WASHDC\nINFO AMEMBASSY LIMA\n\n"
               "E.O. 12958: DECL: 05/12/2019\nAGS: PREL BL\nUBJECT: A DAMAGED EXPORT\n\n1. (S) Text.\n")
    assert d.banner is None
    assert [t.value for t in d.tags] == ["PREL", "BL"] and d.subject.value == "A DAMAGED EXPORT"


def test_a_cable_without_banner_is_not_judged_unclassified() -> None:
    from cablelint import lint_text

    text = ("R 121721Z MAY 09\nFM AMEMBASSY LA PAZ\nTO SECSTATE WASHDC\n\nE.O. 12958: DECL: 05/12/2019\n"
            "TAGS: PREL BL\nSUBJECT: X\nClassified By: Amb Jon Roe, reasons 1.4 (b)\n\n1. (S) Text.\n")
    rules = {f.rule for f in lint_text(text)}
    assert "CL101" in rules and not rules & {"CL205", "CL306"}
