"""Export damage diagnosed once (CL9xx, damage.py, checks/integrity.py), its
symptoms folded into it (fold.py), and one cause, one finding (`group:`,
the re-synchronising `sequence` kind). The cables here are written for these
tests; the corpus tests read ../shared."""
from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

from cablelint import lint_text, make_engine
from cablelint.cli import main
from cablelint.damage import DETECTORS
from cablelint.source import Source

from conftest import SHARED, need_shared

ENGINE = make_engine(rules=["state"])


def lint(text: str, path: str = "<text>", **kw):
    return lint_text(text, path, engine=make_engine(rules=["state"], **kw) if kw else ENGINE)


def rule_params(rule_id: str) -> dict:
    return next(r for r in ENGINE.rulesets[0].rules if r.id == rule_id).params


def damage(rule_id: str, text: str, path: str = "<text>"):
    """The detector of a shipped rule, with its YAML parameters, on one text."""
    p = rule_params(rule_id)
    doc = ENGINE.parse(Source(path, text))
    return DETECTORS[p["damage"]](doc, p)


HEAD = "E.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\nSUBJECT: (U) TALKS\n"
CLBY = "Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)\n\n"
ROUTING = "DE RUEHFR #0579/01 0301533\nZNY CCCCC ZZH\nR 301533Z JAN 04\nFM AMEMBASSY PARIS\n"


def paras(n: int, start: int = 1) -> str:
    return "".join(f"{i}. (C) The minister said that point number {i} would be settled next week.\n\n"
                   for i in range(start, start + n))


# -- detectors, one by one -------------------------------------------------------------

def test_foreign_text_compares_routing_header_banner_and_file_name() -> None:
    banner = "C O N F I D E N T I A L PARIS 000612\n"
    got = damage("CL901", ROUTING + banner + HEAD)
    assert got is not None and "the banner on line 5" in got.detail and "the routing header" in got.detail
    assert damage("CL901", ROUTING + banner.replace("000612", "000579") + HEAD) is None
    # The routing header keeps four digits: serial 10579 is routed as #0579.
    assert damage("CL901", ROUTING + banner.replace("000612", "010579") + HEAD) is None
    # The file name is a claim too: a cable id naming another serial.
    text = "C O N F I D E N T I A L PARIS 000579\n" + HEAD
    assert damage("CL901", text, "04PARIS579.txt") is None
    got = damage("CL901", text, "04PARIS612.txt")
    assert got is not None and "than the file name" in got.detail
    assert damage("CL901", text, "notes.txt") is None  # no cable id, one claim: nothing to compare


def test_foreign_text_reads_archive_metadata_and_says_when_the_date_is_the_other_cables() -> None:
    text = ROUTING + "refid: 03PARIS812\nC O N F I D E N T I A L PARIS 000812\n" + HEAD
    got = damage("CL901", text, "04PARIS579.txt")
    assert got is not None and "archive metadata on line 5" in got.detail
    assert got.date_suspect  # the date-time group sits with the routing header of 0579, the text is 812
    # The message says where the date came from and that it is not the judged text's date.
    assert "the cable date, read from line 3, is not the date of the text from line 5 on" in got.detail
    assert "other cable's part" not in got.detail


def test_banner_lost_needs_the_security_line_and_no_banner() -> None:
    got = damage("CL908", ROUTING + HEAD)
    assert got is not None and "line 2" in got.detail
    assert damage("CL908", ROUTING + "C O N F I D E N T I A L PARIS 000579\n" + HEAD) is None
    assert damage("CL908", HEAD) is None  # no routing header: CL101 judges a missing banner


def test_notice_counts_lines_and_partial_extract_folds_the_lost_parts() -> None:
    note = "This record is a partial extract of the original cable. The full text is not available.\n"
    got = damage("CL902", note + "C O N F I D E N T I A L PARIS 000579\n" + HEAD)
    assert got is not None and got.detail == "line 1"
    text = note + "C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: 01/30/2014\n\n" + paras(2) + paras(1, 5)
    found = lint(text, "04PARIS579.txt")
    assert [f.rule for f in found if f.severity.name != "INFO"] == []  # no TAGS, SUBJECT, gap: all lost text
    (diag,) = [f for f in found if f.rule == "CL902"]
    assert {r.rule for r in diag.related} >= {"CL401", "CL501", "CL502"}
    assert f"{len(diag.related)} findings that follow from it folded in" in diag.message


def test_missing_sections_counts_only_sections_before_the_last_seen() -> None:
    got = damage("CL903", "C O N F I D E N T I A L SECTION 02 OF 03 PARIS 000579\n" + HEAD)
    assert got is not None and "follows no section 01" in got.detail
    # Only the first section's banner survives: later banners are routinely dropped, not lost text.
    assert damage("CL903", "C O N F I D E N T I A L SECTION 01 OF 03 PARIS 000579\n" + HEAD) is None
    got = damage("CL903", "UNCLAS PARIS 000579\n" + HEAD + "\n**** * Missing Section 002 * ****\n")
    assert got is not None and "missing-section notice on line 6" in got.detail


def test_truncated_looks_past_the_archives_elision_mark() -> None:
    body = "UNCLAS PARIS 000579\n" + HEAD + "\n1. (U) The minister said that the talks would resume in"
    got = damage("CL904", body + "\n")
    assert got is not None and "(6) stops in mid-sentence" in got.detail
    got = damage("CL904", body + "\n\n...\n")
    assert got is not None and "followed by an elision mark on line 8" in got.detail
    assert damage("CL904", "UNCLAS PARIS 000579\n" + HEAD + "\n1. (U) It will resume.\nSTAPLETON\n\n...\n") is None
    # The archive's metadata trailer on the last line ends the text; a cut before it is still one.
    trailer = ' ",1/30/2004,"TALKS WILL RESUME in the spring with the\n'
    assert damage("CL904", "UNCLAS PARIS 000579\n" + HEAD + "\n1. (U) It will resume. STAPLETON" + trailer) is None
    assert damage("CL904", "UNCLAS PARIS 000579\n" + HEAD + "\n1. (U) The talks will resume in" + trailer) is not None
    assert damage("CL904", "UNCLAS PARIS 000579\n" + HEAD + "\n1. (U) Talks resume. Stapleton\n") is None


def test_truncated_judges_the_text_before_an_archive_metadata_row() -> None:
    # A complete cable, then the archive's metadata row on a line of its own
    # and an excerpt of a paragraph cut at a fixed length: the cable is whole.
    cable = "UNCLAS PARIS 000579\n" + HEAD + "\n1. (U) The talks will resume.\n\n2. (U) They met on Monday.\nSTAPLETON\n\n"
    row = "0 01/30/2004 1234 PREL,FR TALKS WILL RESUME The talks will resume.\n"
    excerpt = "2. (U) They met on Monday and the minister said that the\n"
    assert damage("CL904", cable + row + excerpt) is None
    assert damage("CL904", cable + row + "\n" + excerpt) is None
    # The cable itself cut before the row is still a cut, at its own last line.
    got = damage("CL904", cable.replace("STAPLETON\n", "The minister said that the talks\n") + row + excerpt)
    assert got is not None and "(9) stops in mid-sentence" in got.detail
    # A row far from the end (more than `archive_reach` lines of text after it) is not the trailer.
    assert damage("CL904", cable + row + "3. (U) a\n4. (U) b\n5. (U) the minister said that the\n") is not None


def test_a_lone_elision_mark_before_a_whole_header_field_is_no_cut() -> None:
    head = "C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\nSUBJECT: TALKS\n"
    text = head + " ...\nREF: PARIS 123\nClassified By: Ambassador Jane Doe\n\n1. (C) Text.\n"
    assert damage("CL909", text) is None
    got = {f.rule for f in lint(text, date="2004-01-30")}
    assert "CL302" in got and "CL909" not in got  # the drafter's missing reason is reported, not folded
    # A lone mark followed by blank lines and no field, or by the body, is a cut; so is a word run into one.
    assert damage("CL909", head + "...\n\n\n1. (C) Text.\n") is not None
    assert damage("CL909", head + "Classified By: Am...\nREF: PARIS 123\n\n1. (C) Text.\n") is not None


def test_a_garbled_classified_by_label_is_the_exports_not_a_missing_line() -> None:
    head = "C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\nSUBJECT: TALKS\n\n"
    text = head + "Classiires Jane Doe for (D).\n\n1. (C) Text.\n"
    got = {f.rule: f for f in lint(text, date="2004-01-30")}
    assert "CL301" not in got and got["CL935"].line == 6 and [r.rule for r in got["CL935"].related] == ["CL301"]
    # A real label (or the drafter's "Classifed" slip) is read; a body line opening "Classification" is no label.
    for line in ("Classified By: Jane Doe, reasons 1.4 (b)", "CLASSIFIEDBY: Jane Doe, reasons 1.4 (b)"):
        assert damage("CL935", head + line + "\n\n1. (C) Text.\n") is None
    assert damage("CL935", head + "1. (C) Classification review is due.\nClassifying takes time.\n") is None
    # A label cut short by the export is a cut (CL909, CL911), not a garble.
    assert damage("CL935", head + "Classifi...\n\n1. (C) Text.\n") is None
    # With the label missing outright, CL301 stands.
    assert "CL301" in {f.rule for f in lint(head + "1. (C) Text.\n", date="2004-01-30")}


def test_header_cut_short_folds_the_fields_it_took() -> None:
    text = "C O N F I D E N T I A L PARIS 000579\n" + HEAD + "Classified By: Ambassador J...\n\n" + paras(2)
    got = damage("CL909", text)
    assert got is not None and got.detail == "line 5 ends in an elision mark; the fields after it cannot be judged"
    assert damage("CL909", text.replace("Ambassador J...", "Ambassador Jane Doe, reason 1....")) is not None
    found = lint(text, date="2004-01-30")
    (diag,) = [f for f in found if f.rule == "CL909"]
    assert [r.rule for r in diag.related] == ["CL302"] and "CL302" not in {f.rule for f in found}
    # An elision written with spaces, and one in the body, are no cut header.
    assert damage("CL909", "UNCLAS PARIS 000579\n" + HEAD.replace("TALKS", "TALKS ... AND MORE") + "\n"
                  + "1. (U) The minister said that the talks would resume...\n") is None


def test_dots_written_again_need_a_mark_after_the_line_and_compile_nothing_without_one(monkeypatch) -> None:
    """elision_recurs answers as the pattern of the cut words (parse/cutwords.written_again) does, and with
    no elision mark after the cut line it answers without compiling that pattern."""
    import cablelint.parse.cutwords as cutwords
    from cablelint.damage_loss import _written_again, elision_recurs
    from cablelint.damage_index import elision
    p = rule_params("CL909")
    cut = "UNCLAS PARIS 000579\n" + HEAD + "Classified By: DESPERATELY SEEKING SOMEONE...\n\n"
    tails = ["1. (U) Desperately seeking someone was the film.\n",  # the words, no mark after: False at once
             "1. (U) Desperately seeking someone... was the film, and the talks went on for many hours "
             "with every minister of the region present and speaking.\n",  # the dots again, text after: True
             "1. (U) Desperately seeking someone, then more text; and a mark... later.\n"]  # a mark, not after them
    for tail in tails:
        doc = ENGINE.parse(Source("<text>", cut + tail))
        n = 5  # the Classified By line
        assert doc.source.line_text(n).endswith("...")
        whole = _written_again(doc, n, doc.source.line_span(n)[1], p, r"\s*" + elision(None), None)
        assert elision_recurs(doc, n, p) == whole, tail
    assert [elision_recurs(ENGINE.parse(Source("<text>", cut + t)), 5, p) for t in tails] == [False, True, False]
    compiled = []
    real_compile = cutwords.regex.compile
    monkeypatch.setattr(cutwords.regex, "compile", lambda *a, **k: compiled.append(a[0]) or real_compile(*a, **k))
    assert not elision_recurs(ENGINE.parse(Source("<text>", cut + tails[0])), 5, p) and compiled == []


def test_header_lines_run_together_fold_the_fields_the_export_lost() -> None:
    text = "C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: 01/30/2014 TAGS: PREL FR\n" + CLBY + paras(2)
    got = damage("CL910", text)
    assert got is not None and got.detail == "line 2 holds more than one header field"
    (diag,) = [f for f in lint(text, date="2004-01-30") if f.rule == "CL910"]
    assert [r.rule for r in diag.related] == ["CL501"]
    assert damage("CL910", "C O N F I D E N T I A L PARIS 000579 E.O. 12958: DECL: 01/30/2014\n") is not None
    # One field naming the order ("for E.O. 12958 reasons"), or a NARA stamp, is one field.
    assert damage("CL910", "UNCLASSIFIED PARIS 579\nE.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009\n") is None
    assert damage("CL910", "C O N F I D E N T I A L PARIS 000579\n" + HEAD
                  + "Classified By: Ambassador Jane Doe for E.O. 12958 reasons 1.4 (b)\n") is None


def test_an_eo_line_run_on_after_another_header_line_is_a_run_together_header() -> None:
    text = ("C O N F I D E N T I A L PARIS 000579\n\nSIPDIS FOR EUR/WE E.O. 12958: DECL: 01/30/2014\n\nTAGS: PREL FR\n"
            + CLBY + "1. (C) Text.\n")
    got = {f.rule: f for f in lint(text)}
    assert "CL501" not in got and got["CL910"].line == 3 and [r.rule for r in got["CL910"].related] == ["CL501"]
    intact = text.replace("SIPDIS FOR EUR/WE E.O.", "SIPDIS FOR EUR/WE\nE.O.")
    assert "CL910" not in {f.rule for f in lint(intact)}


def test_a_subject_run_into_the_next_field_after_a_word_that_cannot_end_it_was_cut() -> None:
    """"MORE TALK THAN Derived from: ...": the export joined the lines and lost the SUBJECT's last
    words between. A SUBJECT that ends whole before the next field, or that ends its own line, is not cut."""
    head = "C O N F I D E N T I A L PARIS 000579\n\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\n\n"
    text = head + "SUBJECT: TALKS: MORE TALK THAN Derived from: DSCG 05-1, B,D\n\n1.(C) Text.\n"
    got = damage("CL910", text)
    assert got is not None and got.detail == ("line 6 holds more than one header field; the SUBJECT on line 6 breaks "
                                              "off on a word that cannot end it, the next field right after")
    whole = damage("CL910", text.replace("MORE TALK THAN", "MORE TALK THAN ACTION"))
    assert whole is not None and whole.detail == "line 6 holds more than one header field"
    assert damage("CL910", text.replace("THAN Derived", "THAN\nDerived")) is None


def test_a_classified_by_line_naming_its_derived_from_source_is_one_field() -> None:
    """Review s9-a M1: the classifier and the Derived From source on one line are
    one authority block (CFR-08), not two lines run together; with no SUBJECT the
    drafter's CL501 stands. Another field glued before the label still counts."""
    head = "C O N F I D E N T I A L PARIS 000579\n\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\n\n"
    one = head + "Classified By: Poloff Jane Doe, Derived from: DSCG 05-01, b and d\n\n1.(C) Text.\n"
    assert damage("CL910", one) is None
    assert "CL501" in {f.rule for f in lint(one)}
    assert damage("CL910", one.replace("Classified By: Poloff", "SUBJECT: TALKS Classified By: Poloff")) is not None


def test_an_eo_line_glued_to_the_line_before_without_a_blank_is_a_run_together_header() -> None:
    """The export dropped the line break and no blank stood there: "SIPDISE.O. 12958:", the banner's
    serial run into a passing line and the E.O. line ("000579FOR EUR/WE AND HE.O. 12958:")."""
    tail = "\n\nTAGS: PREL FR\n" + CLBY + "1. (C) Text.\n"
    for top, at in (("C O N F I D E N T I A L PARIS 000579\n\nSIPDISE.O. 12958: DECL: 01/30/2014", 3),
                    ("C O N F I D E N T I A L PARIS 000579FOR EUR/WE AND HE.O. 12958: DECL: 01/30/2014", 1)):
        got = {f.rule: f for f in lint(top + tail)}
        assert "CL501" not in got and got["CL910"].line == at and [r.rule for r in got["CL910"].related] == ["CL501"]
    # Glued to a word, only the dotted E.O. is the label: "CODEO 12958: N/A" names none.
    assert damage("CL910", "UNCLAS PARIS 000579\n\nSIPDISEO 12958: N/A\n\nTAGS: PREL FR\n") is None


def test_header_cut_with_a_blank_before_the_elision_mark() -> None:
    text = "C O N F I D E N T I A L PARIS 000579\n\n" + HEAD + "Classified By: A/DCM ...\n\n1. (C) Text.\n"
    got = {f.rule: f for f in lint(text)}
    assert got["CL909"].line == 6 and "CL302" not in got
    assert damage("CL909", text.replace("A/DCM ...", "A/DCM Jane Doe, reasons 1.4 (b) and (d)")) is None


def test_lower_case_copy_is_one_finding_not_one_per_tag() -> None:
    text = ("c o n f i d e n t i a l paris 000579\ne.o. 12958: decl: 01/30/2014\ntags: prel pgov econ fr\n"
            "subject: talks on the budget\n\n" + paras(3).lower())
    got = damage("CL905", text)
    assert got is not None and "of" in got.detail and "letters are capitals" in got.detail
    assert damage("CL905", "UNCLAS PARIS 000579\n" + HEAD + "\n" + paras(3)) is None
    found = lint(text, date="2004-01-30")
    assert [f.rule for f in found if f.severity.name != "INFO"] == ["CL905"]


def test_repeated_body_needs_repeated_numbered_paragraphs_and_folds_only_inside_the_copy() -> None:
    text = "C O N F I D E N T I A L PARIS 000579\n" + HEAD + CLBY + paras(4) + paras(4)
    got = damage("CL906", text)
    assert got is not None and "(4 lines, 4 numbered paragraphs)" in got.detail
    found = lint(text, date="2004-01-30")
    (diag,) = [f for f in found if f.rule == "CL906"]
    # The parser reads the repeated run once (parse/paragraph_repeat.py): the numbering goes 1-4 once and no
    # CL502 follows from the copy to fold in (a single repeated paragraph still folds it: the test below).
    assert diag.related == [] and "CL502" not in {f.rule for f in found}
    # A drafter repeating talking points (no numbered paragraph in the run) is no export damage.
    points = "".join(f"-- Point {i}: the talks on the budget should resume next week.\n" for i in range(5))
    assert damage("CL906", "UNCLAS PARIS 000579\n" + HEAD + "\n1. (U) To Paris:\n" + points
                  + "2. (U) To Rome:\n" + points) is None


def test_repeated_body_sees_a_copy_with_other_blanks_in_ascii_and_other_text() -> None:
    # The copy's blanks differ (tabs, doubled spaces, a \r): the blank-free pre-selection
    # (damage_repeat._may_repeat) must keep its paragraphs, in an ASCII text and in one with
    # a non-ASCII blank (a no-break space), where every paragraph is compared.
    head = "C O N F I D E N T I A L PARIS 000579\n" + HEAD + CLBY
    copy = paras(4).replace(" said that", "  said\tthat").replace("\n\n", "\r\n\n")
    for text in (head + paras(4) + copy, head + paras(4).replace("minister said", "minister\u00a0said") + copy):
        got = damage("CL906", text)
        assert got is not None and "(4 lines, 4 numbered paragraphs)" in got.detail, text.isascii()
    assert damage("CL906", head + paras(4) + paras(4, start=5)) is None
    # A non-ASCII text without such a blank takes the same pre-selection.
    accented = head.replace("Jane", "Jos\u00e9") + paras(4) + copy
    assert "(4 lines, 4 numbered paragraphs)" in damage("CL906", accented).detail
    from cablelint.damage_repeat import _BLANKS, _WIDE_BLANKS
    import sys as _sys
    assert set(_WIDE_BLANKS) | set(map(chr, _BLANKS)) | {"\n"} == {
        chr(c) for c in range(_sys.maxunicode + 1) if chr(c).isspace()}


def test_a_repeat_that_writes_the_header_again_is_reported_where_the_header_begins() -> None:
    """The export wrote the whole cable twice: the finding points at the
    repeated header (its banner), not at the first repeated paragraph, which is
    kept as a related location; an archive record run into the first copy's
    last line starts the repeat where the shared end of the line begins."""
    banner = "C O N F I D E N T I A L PARIS 000579\n"
    cable = banner + HEAD + CLBY + paras(4)  # lines 1-14 (paragraph 1 on line 7)
    text = cable + "\n" + cable
    (diag,) = [f for f in lint(text, date="2004-01-30") if f.rule == "CL906"]
    assert diag.line == 16 and "the repeat begins with the header written again on line 16" in diag.message
    assert [r.line for r in diag.related if r.rule == "CL906"] == [22]
    got = damage("CL906", text)
    assert got.region.start == text.index(banner, 1)
    # A record's fields after the signature: the repeat starts at the fields the first record shares.
    record = "2004-01-30 15:33\t04PARIS579\tEmbassy Paris\tCONFIDENTIAL\n"
    text = record + cable + "DOE\t" + record.split("\t", 2)[2] + cable
    got = damage("CL906", text)
    at = text.index("Embassy Paris", len(record))
    assert got.span.start == at and "written again on line 16" in got.detail
    # Only the paragraphs repeated, the header not: reported at the first repeated paragraph.
    once = cable + "\n" + paras(4)
    assert damage("CL906", once).detail.endswith("numbered paragraphs)")
    # A repeat whose lines before it repeat no banner (a subheading) stays at its paragraph.
    heading = "\nTHE TALKS ON THE BUDGET AND THE PROGRAM\n"
    sub = banner + HEAD + CLBY + heading + paras(4) + heading + paras(4)
    assert "header written again" not in damage("CL906", sub).detail


def test_repeated_opening_finds_one_repeated_paragraph_a_cut_first_copy_and_garbled_letters() -> None:
    head = "UNCLAS PARIS 000579\n" + HEAD + "\n"
    one = "1. (U) The minister said that the talks on the budget would resume next week.\n"
    two = "2. (U) The government will send its foreign minister to Brussels soon.\n"
    garbled = "2. (U) The government will send its foreign minisQer to Brussels soon.\n"
    got = damage("CL906", head + one + two + "3. (U) The embassy will report on it.\n" + garbled)
    assert got is not None and got.detail.startswith("paragraph 2 on line 9 ")
    found = lint(head + one + two + "3. (U) The embassy will report on it.\n" + garbled, date="2004-01-30")
    (diag,) = [f for f in found if f.rule == "CL906"]
    assert [r.rule for r in diag.related] == ["CL502"] and "CL502" not in {f.rule for f in found}
    cut = damage("CL906", head + "1. (U) The minister said th...\n\n" + one + two)
    assert cut is not None and "line 8" in cut.detail
    # Numbering that goes forward, or a form numbered afresh in each part, is the drafter's.
    assert damage("CL906", head + one + two + "3. (U) The embassy will report on it.\n" + two) is not None
    assert damage("CL906", head + one + "2. " + one[3:]) is None
    parts = "".join(f"PART {i}\n" + one + f"2. (U) The program of part {i} starts next year.\n" for i in "ABCD")
    assert damage("CL906", head + parts) is None
    assert damage("CL906", head + one + two + "1. (U) The minister said that the talks on trade ended.\n") is None


def test_section_banner_unread_instead_of_sections_missing() -> None:
    sec = "C O N F I D E N T I A L SECTION {} OF 02 PARIS 000579\n"
    body = HEAD + CLBY + "1. (C) The talks resume.\n" + sec.format("02") + "2. (C) The embassy will report.\n"
    misread = "CONFIDENTIAL\nPAGE 01 PARIS 00579 301533Z\n" + sec.format("01") + body
    got = damage("CL914", misread)
    assert got is not None and got.detail == "line 3 holds section 01 of 02, not read as its banner"
    assert damage("CL903", misread) is None
    found = lint(misread, date="2004-01-30")
    assert "CL107" not in {f.rule for f in found}
    # Section 01 really lost: CL903, not CL914.
    lost = "CONFIDENTIAL\n" + body
    assert damage("CL914", lost) is None and damage("CL903", lost) is not None


def test_cancellation_notice() -> None:
    got = damage("CL907", "UNCLAS PARIS 000579\nSUBJECT: CANCELLED\n")
    assert got is not None and got.detail == "line 2"
    assert damage("CL907", "UNCLAS PARIS 000579\n" + HEAD + "\n1. (U) The visit was cancelled.\n") is None


def test_integrity_parameters_are_checked_on_load(tmp_path: Path) -> None:
    from cablelint.ruleset import RuleSetError, load

    for extra, error in (("damage: nothing", "unknown damage"), ("damage: notice", "needs `pattern`"),
                         ("damage: notice\n    pattern: x\n    scope: page", "`scope`"),
                         ("damage: notice\n    pattern: x\n    group: page", "`group`")):
        path = tmp_path / "bad.yaml"
        path.write_text("name: bad\nextends: state\nrules:\n  - id: HSE101\n    name: h\n    severity: info\n"
                        f"    kind: integrity\n    {extra}\n    message: m\n", encoding="utf-8")
        with pytest.raises(RuleSetError, match=error):
            load(str(path))


# -- one cause, one finding ---------------------------------------------------------------

def test_lower_cased_tags_line_and_semicolons_are_one_finding_per_line() -> None:
    text = "UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: prel; pgov; econ; fr\nSUBJECT: X\n"
    found = lint(text, date="2004-01-30")
    (bad,) = [f for f in found if f.rule == "CL403"]
    assert bad.message.endswith("; 3 more on this line") and [r.column for r in bad.related] == [13, 19, 25]
    (semi,) = [f for f in found if f.rule == "CL406"]
    assert len(semi.related) == 2


def test_capitalised_free_words_on_the_tags_line_are_not_malformed_tags() -> None:
    found = lint("UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PHUM, PREL, IN, Human Rights\nSUBJECT: X\n",
                 date="2004-01-30")
    assert not [f for f in found if f.rule in ("CL403", "CL404")]


def test_paragraph_numbering_resynchronises_and_reports_the_first_break() -> None:
    base = "UNCLAS PARIS 000579\n" + HEAD + "\n"
    # A gap is one break: the numbering goes on from the number found.
    (gap,) = [f for f in lint(base + paras(2) + paras(5, 4)) if f.rule == "CL502"]
    assert gap.message == "paragraph 4 follows 2: number 3 is skipped" and gap.related == []
    # A nested list inside paragraph 2 restarts at 1 and ends when paragraph 3 follows: one break.
    items = "".join(f"{i}. (C) Item {i} of the list in paragraph 2.\n" for i in range(1, 5))
    nested = base + paras(2) + items + paras(2, 3)
    (restart,) = [f for f in lint(nested) if f.rule == "CL502"]
    assert restart.message.startswith("paragraph 1 is used again after 2: 3 was expected") and restart.related == []
    # Several breaks: the first, with the others as related locations.
    (first,) = [f for f in lint(base + paras(2) + paras(1, 4) + paras(1, 9)) if f.rule == "CL502"]
    assert len(first.related) == 1 and first.message.endswith("; 1 more like it (line 12)")


# -- folded findings in the reports ---------------------------------------------------------

DAMAGED = ROUTING + "C O N F I D E N T I A L PARIS 000612\n" + HEAD + CLBY + paras(2) + paras(1, 4)


def test_a_splice_folds_the_other_cables_markings_but_only_in_its_part(tmp_path: Path, capsys, monkeypatch) -> None:
    """The file's own routing header, then another cable's archive row, banner
    and paragraphs: an (S) paragraph under that cable's CONFIDENTIAL banner is
    the other cable's drafting, folded into CL901, listed as related and shown
    with --show-symptoms; a file named after another cable than the one text it
    holds (no own part) is misfiled, and keeps its findings."""
    other = ("refid: 03PARIS812\nC O N F I D E N T I A L PARIS 000812\n" + HEAD + CLBY
             + "1. (S) The minister said that the talks would resume next week.\n\n")
    spliced = damage("CL901", ROUTING + other, "04PARIS579.txt")
    assert spliced is not None and spliced.region is not None
    assert (ROUTING + other)[spliced.region.start:].startswith("refid:")
    misfiled = damage("CL901", other.split("\n", 1)[1], "04PARIS579.txt")
    assert misfiled is not None and misfiled.region is None
    assert "CL104" in {f.rule for f in lint(other.split("\n", 1)[1], "04PARIS579.txt")}
    monkeypatch.chdir(tmp_path)
    Path("04PARIS579.txt").write_text(ROUTING + other, encoding="utf-8")
    doc = json.loads(_check(capsys, "04PARIS579.txt", "-f", "json"))
    (diag,) = [f for f in doc if f["rule"] == "CL901"]
    assert "CL104" not in {f["rule"] for f in doc} and "CL104" in [r["rule"] for r in diag["related"]]
    shown = _check(capsys, "04PARIS579.txt", "-f", "concise", "-q", "--show-symptoms")
    assert any(" CL104 " in l and "[symptom of CL901" in l for l in shown.splitlines())


def test_the_spliced_part_ends_where_the_files_own_text_resumes() -> None:
    """Our own section 1, another cable's section, then our own section 2 (its
    banner names our cable again); or another cable quoted between BEGIN TEXT
    and END TEXT, then our own paragraphs: the (S) paragraph under our
    CONFIDENTIAL banner and the unmarked one after the other cable's part are
    our drafting errors, not folded into CL901."""
    own = "C O N F I D E N T I A L SECTION {} OF 02 PARIS 000579\n\n"
    other = ("C O N F I D E N T I A L SECTION 01 OF 01 LYON 000456\n\n" + HEAD
             + "1. (C) The prefect said that the plan would go ahead.\n\n")
    ours = "2. (S) The minister said that the talks would resume.\n\n3. The embassy will report further.\n"
    sectioned = ROUTING + own.format("01") + HEAD + CLBY + paras(1) + other + own.format("02") + ours
    quoted = (ROUTING + own.format("01") + HEAD + CLBY + "1. (C) The embassy relays this text. BEGIN TEXT:\n"
              + other.replace("1. (C)", "2. (C)") + "END TEXT.\n\n" + ours.replace("2.", "3.", 1)
              .replace("3. The", "4. The"))
    for text in (sectioned, quoted):
        got = damage("CL901", text, "04PARIS579.txt")
        assert got is not None and got.region is not None
        assert text[got.region.start:].startswith("C O N F I D E N T I A L SECTION 01 OF 01 LYON")
        assert "(S) The minister" not in text[got.region.start:got.region.end]
        rules = {f.rule for f in lint(text, "04PARIS579.txt")}
        assert {"CL901", "CL104", "CL102"} <= rules, (text, rules)


def test_region_symptoms_fold_only_inside_the_region() -> None:
    from cablelint.findings import Finding, Severity
    from cablelint.fold import fold, in_region

    def at(rule: str, start: int, **kw) -> Finding:
        return Finding("f", rule, "n", Severity.parse("error"), "m", 1, 1, 1, 2, start, start + 1, **kw)
    cause = at("CL901", 50, folds=frozenset({"CL106", in_region("CL104")}), region=(40, 100))
    before, inside, routing = at("CL104", 10), at("CL104", 60), at("CL106", 5)
    assert fold([cause, before, inside, routing]) == [cause, before]
    assert cause.related == [inside, routing]


def _check(capsys, *args: str) -> str:
    main(["check", "--isolated", "--exit-zero", *args])
    return capsys.readouterr().out


def test_json_lists_folded_findings_as_related(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("04PARIS579.txt").write_text(DAMAGED, encoding="utf-8")
    doc = json.loads(_check(capsys, "04PARIS579.txt", "-f", "json"))
    (diag,) = [f for f in doc if f["rule"] == "CL901"]
    assert "CL502" not in {f["rule"] for f in doc}
    assert [r["rule"] for r in diag["related"]] == ["CL502"]
    assert set(diag["related"][0]) >= {"path", "line", "column", "end_line", "end_column", "rule", "message"}
    assert "1 finding that follows from it folded in: CL502" in diag["message"]


def test_sarif_related_locations_validate(tmp_path: Path, capsys, monkeypatch) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(need_shared(SHARED / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    Path("04PARIS579.txt").write_text(DAMAGED, encoding="utf-8")
    log = json.loads(_check(capsys, "04PARIS579.txt", "-f", "sarif"))
    jsonschema.validate(log, schema)
    (res,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "CL901"]
    (rel,) = res["relatedLocations"]
    assert rel["id"] == 1 and rel["message"]["text"] == "CL502 paragraph-numbering: paragraph 4 follows 2: number 3 is skipped"
    assert rel["physicalLocation"]["region"]["startLine"] == 15
    assert rel["physicalLocation"]["artifactLocation"]["uri"] == "04PARIS579.txt"


def test_show_symptoms_reports_them_one_by_one(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("04PARIS579.txt").write_text(DAMAGED, encoding="utf-8")
    plain = _check(capsys, "04PARIS579.txt", "-f", "concise", "-q")
    shown = _check(capsys, "04PARIS579.txt", "-f", "concise", "-q", "--show-symptoms")
    assert " CL502 " not in plain and " CL901 " in plain
    (line,) = [l for l in shown.splitlines() if " CL502 " in l]
    assert "[symptom of CL901 another-cables-text, line 5]" in line
    # Ignoring the diagnosis gives the symptoms back as ordinary findings.
    assert " CL502 " in _check(capsys, "04PARIS579.txt", "-f", "concise", "-q", "--ignore", "CL901")


def test_stdin_filename_is_the_file_name_claim(capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DAMAGED.encode("utf-8"))))
    out = _check(capsys, "-", "--stdin-filename", "04PARIS579.txt", "-f", "concise", "-q")
    assert "CL901" in out


# -- the real corpus: the damaged cables of the session-1 closing note ----------------------

ANOTHER_CABLE = ["05LIMA3609", "05MUSCAT679", "05SOFIA1280", "07PARIS2725", "09HAVANA132", "10MEXICO614",
                 "09MOSCOW1108"]
BANNER_LOST = ["07LAPAZ3262", "09TELAVIV2502", "10SANSALVADOR37"]
METADATA_ONLY = ["08RABAT727", "09BRASILIA1321", "09CAIRO258", "10AMMAN91"]  # the index disagrees, not the text


def test_corpus_damaged_cables_get_the_right_diagnosis(corpus_dir: Path) -> None:
    def rules_of(cid: str) -> set[str]:
        text = (corpus_dir / f"{cid}.txt").read_text(encoding="utf-8")
        return {f.rule for f in ENGINE.lint_source(Source(f"{cid}.txt", text))}

    for cid in ANOTHER_CABLE:
        assert "CL901" in rules_of(cid), cid
    for cid in BANNER_LOST:
        got = rules_of(cid)
        assert "CL908" in got and "CL101" not in got, cid
    got = rules_of("05PARIS4749")  # no banner either, but an archive extract: the notice explains it
    assert "CL902" in got and "CL101" not in got
    for cid in METADATA_ONLY:
        assert not {r for r in rules_of(cid) if r.startswith("CL90") and r != "CL902"}, cid


def test_rule_ids_are_unique_across_the_shipped_rule_sets() -> None:
    """The integrity family has its own range (CL9xx): a selector or a severity
    override by id must never reach a rule of another shipped set."""
    from cablelint.ruleset import load

    seen: dict[str, str] = {}
    for name in ("state", "capco", "cui", "release"):
        for r in load(name).rules:
            if r.ruleset != name:
                continue  # inherited
            assert seen.setdefault(r.id, name) == name, f"{r.id} is in {seen[r.id]} and {name}"


# -- text the export or the release lost (damage_loss.py) ------------------------------

BANNER = "C O N F I D E N T I A L PARIS 000579\n"


def test_cut_copy_before_the_whole_text_folds_what_the_cut_copy_lacks() -> None:
    cut = BANNER + HEAD + "\nREF: A. PARIS 12\n     B. PARIS 13...\n\n"
    whole = BANNER.strip() + " E.O. 12958: DECL: 01/30/2014 TAGS: PREL FR\n" + paras(2)
    got = damage("CL911", cut + whole)
    assert got is not None and "line 7 ends in an elision mark and line 9 starts the cable again" in got.detail
    found = lint(cut + whole, date=dt.date(2004, 1, 30))  # Classified By is judged under the cable's era
    diag = next(f for f in found if f.rule == "CL911")
    assert "CL301" in {r.rule for r in diag.related} and not any(f.rule == "CL301" for f in found)
    # An ellipsis in the body with no recopied banner after it is the drafter's prose.
    assert damage("CL911", BANNER + HEAD + CLBY + "1. (C) The minister paused...\n\n" + paras(2, 2)) is None


def test_a_header_cut_then_written_out_again_after_archive_metadata_is_one_cut_copy() -> None:
    # The SUBJECT cut with "...", an archive's metadata block, then the banner's
    # line again and the whole header: one finding, CL911, the header cut
    # (CL909) folded in.
    cut = BANNER + "E.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\nSUBJECT: THE MINISTER AND THE TALKS ON\nTHE ...\n\n"
    meta = "\n12345\n\n2004-01-30\n\n04PARIS579\n\nEmbassy Paris\n\nCONFIDENTIAL\n\n"
    whole = (BANNER + "E.O. 12958: DECL: 01/30/2014\n\nTAGS: PREL FR\n\nSUBJECT: THE MINISTER AND THE TALKS ON THE BUDGET\n"
             + CLBY + paras(2))
    got = damage("CL911", cut + meta + whole)
    assert got is not None and "line 5 ends in an elision mark and line 18 starts the cable again" in got.detail
    found = lint(cut + meta + whole, date=dt.date(2004, 1, 30))
    ew = [f.rule for f in found if f.severity.name.lower() in ("error", "warning")]
    assert ew == ["CL911"], ew
    diag = next(f for f in found if f.rule == "CL911")
    assert "CL909" in {r.rule for r in diag.related}
    # A section's banner is no repeat of the first one; nor is the banner far after the cut.
    assert damage("CL911", cut + meta + BANNER.replace("PARIS", "SECTION 02 OF 02 PARIS") + paras(2)) is None
    assert damage("CL911", cut + paras(14) + BANNER + paras(2)) is None


def test_a_header_cut_then_the_banner_again_with_the_fields_run_on_is_one_cut_copy() -> None:
    # Classified By cut with "...", then the banner's line again with the header
    # fields run on it, the Classified By whole, and a heading glued before paragraph 3: the cut
    # copy's lost fields and the numbering that starts at 3 (paragraph 3 read after the heading) fold in.
    cut = BANNER + HEAD + "\nClassified By: Poloff ...\n\n"
    whole = (BANNER.strip() + " E.O. 12958: DECL: 01/30/2014 TAGS: PREL FR\n"
             + "SUBJECT: (U) TALKS Classified By: Poloff Jane Doe, reasons 1.4 (b) and (d)\n"
             + "THE TALKS ------- 3.(C) The minister said that the talks would resume.\n")
    found = lint(cut + whole, date=dt.date(2004, 1, 30))
    ew = [f.rule for f in found if f.severity.name.lower() in ("error", "warning")]
    assert ew == ["CL911"], ew
    assert {"CL502", "CL909"} <= {r.rule for r in next(f for f in found if f.rule == "CL911").related}
    # A banner line without the cable's serial ("SECRET") is no recopy: it recurs as a page mark.
    bare = "SECRET\n" + HEAD + "\nClassified By: Poloff ...\n\nSECRET\n" + paras(2)
    assert damage("CL911", bare) is None


def test_a_cut_copy_followed_by_no_whole_text_is_a_header_cut_not_a_cut_copy() -> None:
    # The banner again with the fields up to TAGS, and the file ends: the later
    # copy lacks the Classified By and the body the cut took, so deleting the cut
    # copy would lose text. The cut is CL909's (fields after it cannot be judged).
    cut = BANNER + HEAD + "\nClassified By: Poloff Jane D...\n\n"
    stub = BANNER.strip() + " E.O. 12958: DECL: 01/30/2014 TAGS: PREL FR\n"
    assert damage("CL911", cut + stub) is None
    found = lint(cut + stub, date=dt.date(2004, 1, 30))
    assert "CL909" in {f.rule for f in found} and "CL911" not in {f.rule for f in found}
    # A later copy that starts at paragraph 3, the Classified By and paragraphs 1-2 in neither copy.
    later = stub + "THE TALKS ------- 3.(C) The minister said that the talks would resume.\n\n" + paras(1, 4)
    assert damage("CL911", cut + later) is None
    # A REF item cut where the body seems to start, then only the header stub: CL909
    # too, the Classified By the cut took folded into it, not blamed on the drafter.
    ref = BANNER + HEAD + "\nREF: A. PARIS 12\n     B. PARIS 13...\n\n"
    found = lint(ref + stub, date=dt.date(2004, 1, 30))
    ew = [f.rule for f in found if f.severity.name.lower() in ("error", "warning")]
    assert "CL909" in ew and "CL911" not in ew and "CL301" not in ew, ew  # (the cut REF item read as a paragraph: CL102)
    assert "CL301" in {r.rule for r in found[[f.rule for f in found].index("CL909")].related}
    # The Classified By again, whole, with the body after it: the cut copy before a whole one.
    whole = stub + "SUBJECT: (U) TALKS\nClassified By: Poloff Jane Doe, reasons 1.4 (b) and (d)\n\n" + paras(2, 3)
    assert damage("CL911", cut + whole) is not None


def test_a_cut_copy_message_claims_only_what_the_later_copy_holds() -> None:
    """A later copy from paragraph 1 that never writes the cut Classified By again
    is said to hold the body, not the words the cut took; one that writes them
    again gets no such clause."""
    cut = BANNER + HEAD + "\nClassified By: Poloff ...\n\n"
    stub = BANNER.strip() + " E.O. 12958: DECL: 01/30/2014 TAGS: PREL FR\n"
    got = damage("CL911", cut + stub + paras(3))
    assert got is not None and got.detail == ("line 6 ends in an elision mark and line 8 starts the cable again, "
                                              "its body from paragraph 1 but not the words before the cut")
    again = stub + "SUBJECT: (U) TALKS\nClassified By: Poloff Jane Doe, reasons 1.4 (b) and (d)\n\n" + paras(3)
    got = damage("CL911", cut + again)
    assert got is not None and got.detail == "line 6 ends in an elision mark and line 8 starts the cable again"
    # the words written again with little after them (a short cable): no clause either
    short = stub + "Classified By: Poloff Jane Doe, reasons 1.4 (b)\n\n1. (C) Talks resume.\n"
    got = damage("CL911", cut + short)
    assert got is not None and got.detail == "line 6 ends in an elision mark and line 8 starts the cable again"
    found = lint(cut + stub + paras(3), date=dt.date(2004, 1, 30))
    assert "its body from paragraph 1 but not the words before the cut" in next(
        f for f in found if f.rule == "CL911").message


def test_withheld_paragraphs_behind_a_placeholder() -> None:
    text = "UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL FR\nSUBJECT: TALKS\n\n" + paras(2).replace("(C)", "(U)")
    gap = text + "XXXXXXXXXXXX\n\n" + paras(1, 6).replace("(C)", "(U)")
    got = damage("CL912", gap)
    assert got is not None and "stands for paragraphs 3-5" in got.detail
    assert not any(f.rule == "CL502" for f in lint(gap))
    # A placeholder between paragraphs that follow on is a withheld name, not withheld paragraphs.
    assert damage("CL912", text + "XXXXXXXXXXXX\n\n" + paras(1, 3).replace("(C)", "(U)")) is None
    # Inside a line, a run of X is a withheld name.
    assert damage("CL912", text + "6. (U) XXXXXXXXXXXX said so.\n") is None


def test_withheld_paragraphs_behind_a_placeholder_at_a_paragraphs_end() -> None:
    # A re-flowed copy: paragraph 2 on one line, a heading's opening rule and the
    # placeholder at its end; paragraphs 3 and 4 withheld.
    text = "UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL FR\nSUBJECT: TALKS\n\n" + paras(1).replace("(C)", "(U)")
    joined = "2. (U) The talks went on late. They end on Monday. ------------- XXXXXXXXXXXX\n\n"
    gap = text + joined + paras(2, 5).replace("(C)", "(U)")
    got = damage("CL912", gap)
    assert got is not None and got.detail == ("the placeholder on line 8, at the end of paragraph 2, stands for "
                                              "paragraphs 3-4 (the text resumes with paragraph 5 on line 10)")
    assert (got.span.start, got.span.end) == (gap.index("XXXX"), gap.index("XXXX") + 12)  # the placeholder, not the line
    rules = [f.rule for f in lint(gap)]
    assert "CL912" in rules and "CL502" not in rules
    # Numbers that follow on: a placeholder at a paragraph's end withholds nothing counted.
    assert damage("CL912", text + joined + paras(2, 3).replace("(C)", "(U)")) is None
    # A withheld name at the end of the last sentence is no withheld paragraph: the gap is the drafter's.
    named = text + "2. (U) The talks went on late with XXXXXXXXXXXX.\n\n" + paras(2, 5).replace("(C)", "(U)")
    assert damage("CL912", named) is None
    assert [f.rule for f in lint(named)].count("CL502") == 1
    # A paragraph whose only text is a placeholder, before a gap.
    alone = text + "2. XXXXXXXXXXXX\n\n" + paras(1, 6).replace("(C)", "(U)")
    got = damage("CL912", alone)
    assert got is not None and "line 8 stands for paragraphs 3-5" in got.detail


def test_dropped_characters_need_two_fixed_strings() -> None:
    text = "C O N F I D E N T I A L ECTION 01 OF 02 PARIS 000579\nE.O. 1295: DECL: 01/30/2014\n" \
           "TAGS: PREL FR\nSUBJECT: (U) TALKS\n" + CLBY + paras(1)
    got = damage("CL913", text)
    assert got is not None and got.detail.startswith("2 fixed header words") and "lines 1, 2" in got.detail
    found = lint(text)
    assert any(f.rule == "CL913" for f in found) and not any(f.rule == "CL201" for f in found)
    one_slip = text.replace("E.O. 1295:", "E.O. 12958:")
    assert damage("CL913", one_slip) is None  # one slip can be the drafter's typo
    assert damage("CL913", one_slip.replace("ECTION", "SECTION")) is None


def test_dropped_variants_leave_out_the_fixed_strings_themselves() -> None:
    from cablelint.damage_loss import dropped
    got = dropped(["SECTION", "E.O. 12958", "SECRET", "SECRETS"])
    assert got.of["ECTION"] == "SECTION" and got.of["E.O. 1295"] == "E.O. 12958"
    assert "SECRET" not in got.of  # SECRETS less its S is a fixed string itself
    assert ".O. 12958" not in got.of  # a lone letter dropped is no evidence
    assert got.possible("C O N F I D E N T I A L ECTION 01 OF 02") and not got.possible("SECTION 01 OF 02")
    assert got.possible("E.O. 1295: DECL") and not got.possible("E.O. 12958: DECL")



def test_dropped_variants_are_found_whole_without_compiling_an_alternation() -> None:
    from cablelint.damage_loss import dropped
    from cablelint.rx import Deferred
    got = dropped(["SECTION", "E.O. 12958"])
    assert isinstance(got.starts, Deferred) and isinstance(got.word, Deferred)  # small, compiled on first use
    text = "ECTION 01 OF 02 XECTION E.O. 1295: .ECTION ECTIONS"
    assert got.find(text) == [(0, "ECTION"), (24, "E.O. 1295")]


def test_dropped_find_equals_the_alternation_of_the_variants() -> None:
    """`Dropped.find` is the alternation `(?<![\\w.])(?:v1|v2...)(?![\\w])`
    (longest first) it replaces, match for match: on the shipped fixed strings
    and on texts built from variants, their strings and the characters that
    decide a boundary (a dot before, a letter or digit after, a line break,
    a non-ASCII letter), run together or apart; fixed strings of the test's
    own give variants that open with a character a class must escape."""
    import random
    import regex
    from cablelint.damage_loss import dropped
    fixed = [str(f) for f in rule_params("CL913")["fixed"]] + ["AB-CD FOR", "XY]Z1234", "]ABCDE", "-WXYZ1", "^QRST"]
    got = dropped(fixed)
    alts = "|".join(regex.escape(v) for v in sorted(got.of, key=len, reverse=True))
    alternation = regex.compile(rf"(?<![\w.])(?:{alts})(?![\w])")
    pieces = list(got.of) + sorted({f.upper() for f in fixed}) + ["", " ", ".", "X", "1", "\u00c9", "_", "\n", "/"]
    rnd = random.Random(913)
    for _ in range(20_000):
        text = "".join(rnd.choice(pieces) + rnd.choice(["", " ", ".", "X", "1", "\n", "-"])
                       for _ in range(rnd.randint(1, 6)))
        assert got.find(text) == [(m.start(), m.group(0)) for m in alternation.finditer(text)], text


def test_the_damage_modules_use_regex_not_the_stdlib_re() -> None:
    import ast
    from pathlib import Path
    import cablelint
    for path in Path(cablelint.__file__).parent.glob("damage*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and not n.level}
        assert "re" not in names, path.name


SPLICED = ("UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL FR\nSUBJECT: TALKS\n\n"
           "1. (U) The minister said that the talks would resume.\n\n"
           "2. (U) The embassy will report on the outcome of the\n\n"
           "{third}. (U) {text} also said that the schedule was not final.\n")


@pytest.mark.parametrize("third, text, fires", [
    ("4", "the minister", True),             # cut: the text resumes mid-sentence
    ("3", "the minister", False),            # no gap: a lower-case start is the drafter's style
    ("4", "The minister", False),            # a gap, but a sentence starts: CL502 says it
    ("4", "www.example.org", False),         # a site name is not a fragment
])
def test_spliced_body_folds_the_numbering_gap_it_explains(third: str, text: str, fires: bool) -> None:
    got = {f.rule: f for f in lint_text(SPLICED.format(third=third, text=text), date="2009-01-01")}
    assert ("CL915" in got) is fires
    if fires:
        assert "CL502" not in got and [r.rule for r in got["CL915"].related] == ["CL502"]
        assert "minister" not in got["CL915"].message  # evidence by line numbers, never the text


@pytest.mark.parametrize("garbled, fires", [
    ("The talks were held in MarchQQQ8'Ve's office.", True),     # a run of Q: the transmission garbled
    ("He said thQ talks on the CommisQion's plan went on.", True),  # letters replaced by Q
    ("The talks at HQ and in Iraq went on.", False),             # Q in words and acronyms
    ("The siteQs owner and the ministerQs aide went on.", False),  # an apostrophe exported as Q
    ("He said thQ talks went on.\n\nQ.  (U) The number garbled.", False),  # paragraph 3 is there
    ("The talks with the Pr%sidejT went on.", True),             # a symbol for a letter: the same garble as CL917's
])
def test_a_gap_after_garbled_text_is_text_the_export_lost(garbled: str, fires: bool) -> None:
    text = SPLICED.split("2. (U)")[0] + f"2. (U) {garbled}\n\n" + "5. (U) The minister also said it.\n"
    got = {f.rule: f for f in lint_text(text, date="2009-01-01")}
    assert ("CL915" in got) is fires
    if fires:
        assert "CL502" not in got and "garbled" in got["CL915"].message and "paragraphs 3-4" in got["CL915"].message



def test_cl915_and_cl917_share_one_garble_and_only_cl915_takes_a_q_ending_a_word() -> None:
    spliced, garbled = rule_params("CL915")["_garble"], rule_params("CL917")["_garble"]
    assert rule_params("CL915")["garble"][0] == rule_params("CL917")["garble"]  # one definition (a YAML alias)
    for text in ("the CommisQion", "the Pr%sidejT", "MarchQQQ8"):
        assert spliced.search(text) and garbled.search(text)
    for text in ("the siteQs owner", "at HQ", "Iraq", "5% more", "and/or"):
        assert not spliced.search(text) and not garbled.search(text)
    # "thQ" is a garble at a gap; many "detaineesQ," are often an export's quote marks, not counted
    assert spliced.search("said thQ talks") and not garbled.search("said thQ talks")


def test_a_garble_parameter_may_be_a_list_of_patterns() -> None:
    from cablelint.checks import integrity
    p = integrity.prepare({"damage": "garbled", "garble": ["a[%]b", "QQQ"]})
    assert [m.group(0) for m in p["_garble"].finditer("a%b xQQQ a!b")] == ["a%b", "QQQ"]
    with pytest.raises(ValueError, match="list of regexes"):
        integrity.prepare({"damage": "garbled", "garble": []})


@pytest.mark.parametrize("before", [
    "2. (U) The embassy will report on the outcome.\n\nOUTLOOK ---------\n\n",  # a heading: 2 finished
    "2. (U) The embassy will report on the outcome.\n\n",                         # a finished sentence
])
def test_a_gap_after_a_finished_paragraph_is_no_splice(before: str) -> None:
    # Nothing was cut where the paragraph before the gap ends whole: the gap is
    # a skipped number (CL502) and a lower-case start is the drafter's slip.
    text = SPLICED.split("2. (U)")[0] + before + "4. (U) the minister also said that the schedule was not final.\n"
    got = {f.rule: f for f in lint_text(text, date="2009-01-01")}
    assert "CL915" not in got and got["CL502"].message.startswith("paragraph 4 follows 2: number 3 is skipped")


def test_a_header_run_into_the_body_on_one_line_is_still_diagnosed() -> None:
    """The body starts inside the run-together line ("REF: ... Classified By: ... 1. (C) ..."):
    that line belongs to the header block CL910 reads (it was cut off with the body's line)."""
    text = ("C O N F I D E N T I A L LONDON 001577\n\nSIPDIS\n\nE.O. 12958: DECL: 06/04/2018\nTAGS: PREL UK\n"
            "SUBJECT: A TALK\n\nREF: SCHULZ E-MAIL Classified By: Political Counselor Jane Doe for reasons 1.4 (b,d) "
            "1. (C) Summary. The minister spoke. End Summary.\n\n2. (C) More text.\n")
    assert [f.line for f in lint_text(text, date="2008-06-04") if f.rule == "CL910"] == [9]


TASKED = ("DE RUEHFR #0579/01 0301533\nZNY CCCCC ZZH\nR 301533Z JAN 04\nFM {sender}\nTO RUEHC/SECSTATE WASHDC 1234\n"
          "C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\nSUBJECT: TALKS\n"
          "Classified By: Poloff Jane Doe, reasons 1.4 (b) and (d)\n\n"
          "1. (C) The minister spoke.\n\n2. (S//NF) {text}\n")


@pytest.mark.parametrize("sender, text, fires", [
    ("AMEMBASSY PARIS", "Embassy Rome is requested to approach the government.", True),  # the Department's voice
    ("AMEMBASSY PARIS", "Embassy Paris is requested to confirm the dates.", False),      # its own post
    ("AMEMBASSY PARIS", "Embassy Rome requests guidance on the talks.", False),          # a post asks
    ("SECSTATE WASHDC", "Embassy Rome is requested to approach the government.", False),  # the Department itself
    ("AMEMBASSY SAN JOSE", "Embassy San Jose is instructed to reply.", False),          # its own name, two words
    ("AMEMBASSY BANGKOK", "Consulate Chiang Mai is requested to report.", False),       # an embassy tasks its consulate
    ("AMCONSUL SHANGHAI", "Embassy Beijing is requested to raise the case.", False),   # a consulate asks its embassy
])
def test_a_body_tasking_another_post_under_a_posts_header_is_another_cables(sender: str, text: str,
                                                                            fires: bool) -> None:
    found = lint(TASKED.format(sender=sender, text=text), date=dt.date(2004, 1, 30))
    got = {f.rule: f for f in found}
    assert ("CL916" in got) is fires
    if fires:  # the other cable's portions are not compared with this banner
        assert "CL104" not in got and "CL105" not in got
        assert {"CL104", "CL105"} <= {r.rule for r in got["CL916"].related}
        assert "Rome" not in got["CL916"].message  # line numbers, never the text
    else:
        assert "CL104" in got


def test_a_tasked_body_points_where_the_other_cables_text_begins() -> None:
    """The finding's line is the first line of the other cable's text (its
    Classified By after the header fields, else its first paragraph); the
    tasking line, the clearest evidence, is a related location, not counted
    among the folded findings."""
    text = TASKED.format(sender="AMEMBASSY PARIS", text="Embassy Rome is requested to approach the government.")
    (diag,) = [f for f in lint(text, date=dt.date(2004, 1, 30)) if f.rule == "CL916"]
    assert diag.line == 10 and "the other cable's text begins on line 10" in diag.message
    assert [r.line for r in diag.related if r.rule == "CL916"] == [14]
    assert "(2 findings that follow from it folded in: CL104, CL105)" in diag.message
    # No Classified By after the fields: the text begins at the body's first paragraph.
    bare = text.replace("Classified By: Poloff Jane Doe, reasons 1.4 (b) and (d)\n", "")
    (diag,) = [f for f in lint(bare, date=dt.date(2004, 1, 30)) if f.rule == "CL916"]
    assert diag.line == 11 and [r.line for r in diag.related if r.rule == "CL916"] == [13]
    # A Classified By before the E.O. line is the header's own: the text begins at the body.
    before = bare.replace("E.O. 12958", "Classified By: Poloff Jane Doe, reasons 1.4 (b) and (d)\nE.O. 12958")
    (diag,) = [f for f in lint(before, date=dt.date(2004, 1, 30)) if f.rule == "CL916"]
    assert diag.line == 12
    # The tasking in the first paragraph: that line is both the start and the evidence.
    first = bare.replace("1. (C) The minister spoke.\n\n2. (S//NF) ", "1. (S//NF) ")
    (diag,) = [f for f in lint(first, date=dt.date(2004, 1, 30)) if f.rule == "CL916"]
    assert diag.line == 11 and not [r for r in diag.related if r.rule == "CL916"]
    assert "begins on line" not in diag.message


def test_tasking_patterns_need_the_post_group() -> None:
    from cablelint.checks import integrity
    with pytest.raises(ValueError, match="group named post"):
        integrity.prepare({"damage": "tasked_body", "sender": "FM (?P<post>X)", "tasking": "requested"})


def test_a_file_garbled_throughout_folds_the_fields_it_spoiled() -> None:
    head = "UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL PGGV FR\nSUBJECT: TALKS\n\n"
    garbled = "1. (U) The minist%r s!id th!t the t!lks w%uld r%sume n%xt week; th!t the t%rms h!d b%en s%ttled.\n"
    got = {f.rule: f for f in lint(head + garbled, date=dt.date(2004, 1, 30))}
    assert "CL404" not in got and [r.rule for r in got["CL917"].related] == ["CL404"]
    # The line named is the first garble counted, not the start of the garble (capitals are not counted).
    assert "the first on line 6" in got["CL917"].message and "from line" not in got["CL917"].message
    # A few replaced characters are a slip, and apostrophes exported as Q, percentages,
    # "and/or" and "(b)and(d)" are none: the unknown TAG stands.
    slip = "1. (U) The ministerQs aide s!id 5% more and/or less; reasons (b)and(d); QQ.\n"
    got = {f.rule for f in lint(head + slip, date=dt.date(2004, 1, 30))}
    assert "CL917" not in got and "CL404" in got


def test_the_garble_count_gate_only_skips_files_the_scan_would_clear() -> None:
    from cablelint import damage_garble
    from cablelint.checks import integrity
    p = integrity.prepare({"damage": "garbled", "garble": "(?<=[a-z])[%!](?=[a-z])", "garble_chars": "%!",
                           "min_hits": 3})
    text = "UNCLAS PARIS 000579\nTAGS: PREL FR\nSUBJECT: TALKS\n\n1. (U) {}\n"
    for body, fires in (("s!id th!t w%uld", True), ("s!id th!t", False), ("!!! %%% no", False)):
        doc = ENGINE.parse(Source("<text>", text.format(body)))
        assert (damage_garble.garbled(doc, p) is not None) is fires


def test_a_header_cut_inside_the_ref_list_folds_nothing_after_a_whole_field() -> None:
    # "REF: A. PARIS 11 B. ROM..." cut, then a whole Classified By that gives no reason:
    # the cut is reported, and the missing reason stays the drafter's (the cut ends where a field resumes).
    head = "C O N F I D E N T I A L PARIS 000579\n" + HEAD + "REF: A. PARIS 11 B. ROM...\n"
    found = lint(head + "Classified By: Jane Doe, Director, EUR/WE\n\n1. (C) Text.\n", date="2004-01-30")
    got = {f.rule: f for f in found}
    assert got["CL909"].line == 5 and got["CL909"].related == [] and got["CL302"].line == 6
    # With nothing after the cut but the header again, the missing Classified By is the cut's.
    found = lint(head + "\nC O N F I D E N T I A L PARIS 000579 E.O. 12958: DECL: 01/30/2014 TAGS: PREL FR\n",
                 date="2004-01-30")
    got = {f.rule: f for f in found}
    assert "CL301" not in got and [r.rule for r in got["CL909"].related] == ["CL301"]


def test_a_body_cut_before_a_header_stub_is_the_text_cut_short() -> None:
    # Paragraph 1 cut with "..." run into a word, then only the banner with the first fields again:
    # the text is cut (CL904), once; no cut header, no cut copy before a whole one.
    stub = BANNER.strip() + " E.O. 12958: DECL: 01/30/2014 TAGS: PREL FR\n"
    text = BANNER + HEAD + CLBY + "1. (U) This is an...\n\n" + stub
    got = {f.rule: f for f in lint(text, date="2004-01-30")}
    assert got["CL904"].line == text[:text.index("1. (U)")].count("\n") + 1
    assert not {"CL909", "CL911"} & set(got)
    # A cut in the header before such a stub is CL909's; a whole paragraph before it is no cut.
    assert damage("CL904", BANNER + HEAD + "Classified By: A/DCM ...\n\n" + stub) is None
    assert damage("CL904", BANNER + HEAD + "\nR...\n\n" + stub) is None
    assert damage("CL904", text.replace("This is an...", "This is all.")) is None


def test_a_subject_word_missing_a_letter_the_body_spells_whole_counts_beside_a_fixed_slip() -> None:
    # "EPT FOR" (DEPT FOR) and "MAITENANCE" where the body writes "maintenance": two slips, the export's.
    head = "UNCLAS PARIS 000579\nEPT FOR EUR/WE\nE.O. 12958: N/A\nTAGS: PREL FRSN\nSUBJECT: MAITENANCE TALKS\n\n"
    body = "1. (U) The maintenance talks went well.\n"
    got = damage("CL913", head + body)
    assert got is not None and got.detail.startswith("1 fixed header word and 1 SUBJECT word")
    found = {f.rule: f for f in lint(head + body)}
    assert "CL404" not in found and [r.rule for r in found["CL913"].related] == ["CL404"]
    # One slip alone is a typo: the SUBJECT's without a fixed string's, or a fixed string's alone.
    assert damage("CL913", head.replace("EPT FOR", "DEPT FOR") + body) is None
    assert damage("CL913", head + body.replace("maintenance", "upkeep")) is None
    # A word the body also writes short ("MAITENANCE" there too) is the drafter's spelling.
    assert damage("CL913", head + body + "2. (U) Maitenance again.\n") is None


def test_a_routing_line_run_into_its_addressee_is_a_slip_beside_another() -> None:
    """The slash every routing line writes after its indicator (RUEHSG/AMEMBASSY) lost: one dropped
    character, counted with a SUBJECT word that lost a letter the body writes whole."""
    top = "R 141849Z AUG 07\nFM AMEMBASSY PARIS\nTO RUEHC/SECSTATE WASHDC 9745\n"
    routing = top + "INFO RUEHSGAMEMBASSY SANTIAGO 6383\n"
    head = "UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL FR\nSUBJECT: MAITENANCE TALKS\n\n"
    body = "1. (U) The maintenance talks went well.\n"
    got = damage("CL913", routing + head + body)
    assert got is not None and got.span.start == len(top)
    assert got.detail == ("1 routing line (the slash after its indicator) and 1 SUBJECT word the body spells whole "
                          "lack a character (lines 4, 8)")
    # Alone it is one slip; with its slash the routing line is whole.
    assert damage("CL913", routing + head + body.replace("maintenance", "upkeep")) is None
    assert damage("CL913", routing.replace("RUEHSGAMEMBASSY", "RUEHSG/AMEMBASSY") + head + body) is None


def test_the_spliced_part_ends_at_any_of_the_vocabularys_quote_end_words(tmp_path: Path) -> None:
    """Review s7 S4: CL901 takes the end of a quotation from markings.yaml's
    `quote_end_words` (the list the parser's quotation reader keeps), not from
    a pattern of its own: a word a rule set adds ends the other cable's part."""
    from cablelint.vocabulary import Vocabulary, default_vocabulary_data
    own = "C O N F I D E N T I A L SECTION 01 OF 02 PARIS 000579\n\n"
    other = ("C O N F I D E N T I A L SECTION 01 OF 01 LYON 000456\n\n" + HEAD
             + "2. (C) The prefect said that the plan would go ahead.\n\n")
    ours = "3. (S) The minister said that the talks would resume.\n"
    text = (ROUTING + own + HEAD + CLBY + "1. (C) The embassy relays this text. BEGIN TEXT:\n" + other
            + "FIN DU TEXTE.\n\n" + ours)
    p = rule_params("CL901")
    assert p["quote_end"] is True
    doc = ENGINE.parse(Source("04PARIS579.txt", text))
    shipped = DETECTORS["foreign_text"](doc, p)
    assert shipped is not None and shipped.region is not None and shipped.region.end == len(text)
    v = Vocabulary(default_vocabulary_data())
    v.extend({"quote_end_words": ["FIN DU TEXTE"]})
    got = DETECTORS["foreign_text"](doc, p, v)
    assert got is not None and got.region is not None
    assert text[got.region.start:got.region.end].rstrip().endswith("FIN DU TEXTE.")
    assert "(S) The minister" not in text[got.region.start:got.region.end]
    # Through the engine: a rule set's vocabulary reaches CL901 (integrity.READS_VOCAB), and the (S)
    # paragraph after the quotation is this cable's own CL104 again, not folded.
    house = tmp_path / "house.yaml"
    house.write_text("name: house\nextends: state\nvocabulary:\n  quote_end_words: [FIN DU TEXTE]\nrules: []\n",
                     encoding="utf-8")
    for engine, own_cl104 in ((ENGINE, False), (make_engine(rules=[str(house)]), True)):
        found = lint_text(text, "04PARIS579.txt", engine=engine)
        assert "CL901" in {f.rule for f in found}
        assert any(f.rule == "CL104" and f.line == text.count("\n") for f in found) is own_cl104
