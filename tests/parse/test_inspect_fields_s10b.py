"""Fields the s10 inspect audit found misread (its items B, C, D), each on a
short text written for the test, and the real cables it named (read from
../shared, skipped without it)."""
from __future__ import annotations

from pathlib import Path

import pytest

from cablelint.source import Source, read

from inspect_helpers import ENGINE, parse_text

BANNER = "S E C R E T OSLO 000123"
CAPTIONS = "\nSIPDIS\n\nNOFORN\nSIPDIS\n\n"
FIELDS = "E.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS ON THE BUDGET\n\n"
CLBY = "Classified By: Ambassador John Doe, reasons 1.4 (b,d)\n"
BODY = ("1. (C) Summary.  The minister said the talks on the budget went well and that the cabinet\n"
        "would meet again next week to settle the last open points.\n\n"
        "2. (S) He will travel to the capital next week to present the plan.\n")
# A CSV row of the archive before the copy: routing lines in one field, its classification field.
ROW = ('\n\n"\n4711,1/30/2009 16:17,09OSLO123,"Embassy\nOslo",SECRET//NOFORN,,"VZCZCXYZ0000\nOO RUEHWEB\n'
       'DE RUEHNY #0123/01 0301617\nZNY SSSSS ZZH\nO 301617Z JAN 09\nFM AMEMBASSY OSLO\n'
       'TO RUEHC/SECSTATE WASHDC IMMEDIATE 9745\n","')
CUT = BANNER + "\n" + CAPTIONS + FIELDS + "Classified By: Am..."
COPY = BANNER + "\n" + CAPTIONS.replace("\n\n", "\n") + FIELDS + CLBY + BODY


def _line(text: str, off: int) -> int:
    return text.count("\n", 0, off) + 1


def _captions(text: str) -> list[tuple[str, int]]:
    return [(c.value, _line(text, c.span.start)) for c in parse_text(text).captions]


# B. A whole copy's caption lines counted once (07THEHAGUE1295: SIPDIS NOFORN SIPDIS twice).

def test_the_whole_copy_s_captions_are_counted_once_with_a_note() -> None:
    text = CUT + ROW + COPY
    doc = parse_text(text)
    assert [c.value for c in doc.captions] == ["SIPDIS", "NOFORN", "SIPDIS"]
    assert [_line(text, c.span.start) for c in doc.captions] == [3, 5, 6]  # the first copy's, their spans kept
    note = [r.detail for r in doc.repairs if r.name == "cut-copy"]
    assert len(note) == 1 and "captions SIPDIS NOFORN SIPDIS on lines 25-27 (the copy's) counted once" in note[0]
    assert doc.to_dict()["classification"]["caveats"] == ["SIPDIS", "NOFORN", "SIPDIS"]


def test_the_archive_s_classification_field_between_cut_and_copy_is_no_caption() -> None:
    """A metadata block of lines (04THEHAGUE1919's shape): `SECRET//NOFORN` on a line of its own."""
    meta = "\n\n\n19303\n\n2009-01-30\n\n09OSLO123\n\nEmbassy Oslo\n\nSECRET//NOFORN\n\n"
    text = CUT + meta + COPY
    doc = parse_text(text)
    assert [c.value for c in doc.captions] == ["SIPDIS", "NOFORN", "SIPDIS"]
    assert all(_line(text, c.span.start) < 12 for c in doc.captions)
    note = next(r.detail for r in doc.repairs if r.name == "cut-copy")
    assert "NOFORN on line 23 (the archive's metadata) read as no caption" in note


def test_a_first_copy_cut_inside_its_captions_keeps_the_copy_s_rest() -> None:
    cut = BANNER + "\n\nSIPDIS\n\nNOF..."
    text = cut + ROW + COPY
    assert [v for v, _ in _captions(text)] == ["SIPDIS", "NOFORN", "SIPDIS"]
    assert _captions(text)[0][1] == 3  # the first copy's SIPDIS; NOFORN, SIPDIS from the copy


def test_a_copy_whose_captions_differ_is_left_as_read() -> None:
    """Which copy is right is not known: both lists stay (as before)."""
    text = CUT + ROW + COPY.replace("NOFORN\nSIPDIS\n", "NOFORN\nREL TO NATO\n", 1)
    values = [v for v, _ in _captions(text)]
    assert values[:3] == ["SIPDIS", "NOFORN", "SIPDIS"] and len(values) > 3


def test_a_header_written_twice_counts_its_captions_once() -> None:
    """No cut (09ISLAMABAD3037's shape): the banner line and captions written
    again before the text; the repair banner-again says so."""
    head = "S E C R E T SECTION 01 OF 02 OSLO 000123\nNOFORN\nSIPDIS\n" + FIELDS
    text = head + head + CLBY + "\n" + BODY
    doc = parse_text(text)
    assert [c.value for c in doc.captions] == ["NOFORN", "SIPDIS"]
    note = [r.detail for r in doc.repairs if r.name == "banner-again"]
    assert len(note) == 1 and "captions NOFORN SIPDIS on lines 9-10 (the copy's) counted once" in note[0]


def test_a_cable_written_once_keeps_captions_written_twice() -> None:
    text = COPY
    assert [v for v, _ in _captions(text)] == ["SIPDIS", "NOFORN", "SIPDIS"]
    assert not [r for r in parse_text(text).repairs if r.name in ("cut-copy", "banner-again")]


def _real(corpus_dir: Path, name: str):
    return ENGINE.parse(read(str(corpus_dir / f"{name}.txt")))


@pytest.mark.parametrize("name, caveats", [
    ("07THEHAGUE1295", ["SIPDIS", "NOFORN", "SIPDIS"]),   # l.22/24/25; the copy l.60-62
    ("09LIMA1675", ["SBU", "SIPDIS", "NOFORN"]),          # l.18-20 (the copy's were never read)
    ("04THEHAGUE1919", ["SIPDIS", "NOFORN"]),             # l.4/6; the archive's CONFIDENTIAL//NOFORN l.28
    ("09ISLAMABAD3037", ["NOFORN", "SIPDIS"]),            # header written twice, l.24-25 and l.32-33
])
def test_real_cables_written_twice_list_one_copy_s_caveats(corpus_dir: Path, name: str,
                                                           caveats: list[str]) -> None:
    assert _real(corpus_dir, name).to_dict()["classification"]["caveats"] == caveats


# C. A paragraph run onto its heading's line, its number without a dot (10MADRID49 l.25).

C_HEAD = "C O N F I D E N T I A L OSLO 000123\n\nSIPDIS\n\n" + FIELDS + CLBY + "\n"
C_PARAS = ("1.(C) Summary. The minister met the ambassador.\n\n"
           "2.(C) The ambassador praised the cooperation.\n\n"
           "Fisheries ----------\n\n"
           "3.(C) They spoke of the quotas for the coming year.\n\n"
           "{line}\n\n"
           "Energy -----\n\n"
           "5.(C) The minister asked about the pipeline.\n\nDOE\n")


def _paras(line: str, paras: str = C_PARAS) -> tuple[list[tuple[int, str | None, int]], list[str]]:
    text = C_HEAD + paras.format(line=line)
    doc = parse_text(text)
    got = [(p.number, p.portion.raw if p.portion else None, _line(text, p.span.start)) for p in doc.paragraphs]
    return got, [r.detail for r in doc.repairs if r.name == "heading-glued-paragraph"]


def test_a_paragraph_run_onto_its_heading_s_line_is_read_with_its_mark() -> None:
    text = C_HEAD + C_PARAS.format(line="Haiti ----- 4 (C) The ambassador briefed the minister.")
    doc = parse_text(text)
    assert [(p.number, p.portion.raw) for p in doc.paragraphs] == [(1, "C"), (2, "C"), (3, "C"), (4, "C"), (5, "C")]
    four = doc.paragraphs[3]
    assert _line(text, four.span.start) == 19 and doc.text[four.number_token.span.start:][:6] == "4 (C) "
    assert doc.text[four.portion.span.start:four.portion.span.end] == "C"
    assert "Haiti -----" in [h.value for h in doc.headings]
    notes = [r for r in doc.repairs if r.name == "heading-glued-paragraph"]
    assert len(notes) == 1 and notes[0].span == four.number_token.span
    assert notes[0].detail == ("paragraph 4 and its mark read after the heading and rule of dashes run onto its line "
                               "(its number written without a dot)")
    # the heading of several words, a rule in two runs, the number's dot kept or no blank before the mark
    for line in ("EU Justice and Home Affairs (JHA) Ministerial ---------- ---- 4 (C) The ambassador said so.",
                 "Haiti ----- 4(C) The ambassador briefed the minister.",
                 "HAITI ------- 4 (C) The ambassador briefed the minister."):
        assert _paras(line)[0][3] == (4, "C", 19), line


@pytest.mark.parametrize("line", [
    "Haiti ----- 6 (C) The ambassador briefed the minister.",         # not the number due (4)
    "Haiti ----- 3 (C) The ambassador briefed the minister.",         # the last one again
    "Haiti ----- 4 The ambassador briefed the minister.",              # no mark after the number
    "Haiti ----- 4 and (C) The ambassador briefed the minister.",      # the mark not right after it
    "Haiti ----- 4 (Tab) The ambassador briefed the minister.",        # no portion mark
    "Haiti ----- 4 (C)",                                               # no text after the mark
    "Haiti 4 (C) The ambassador briefed the minister.",                # no rule of dashes
    "Haiti -- 4 (C) The ambassador briefed the minister.",             # two dashes are no rule
    "Table 4 (C) lists the figures for the ambassador.",               # a number in prose before a mark
    "He said so. ----- 4 (C) The ambassador briefed the minister.",    # a sentence, no heading, before the rule
    "The minister and the ambassador then spoke at length of all the matters in hand ----- 4 (C) Then.",
])
def test_a_number_and_mark_that_do_not_fit_the_shape_stay_text(line: str) -> None:
    got, notes = _paras(line)
    assert [n for n, _, _ in got] == [1, 2, 3, 5] and notes == []


def test_the_number_must_be_one_past_the_paragraph_before_and_the_next_one_past_it() -> None:
    line = "Haiti ----- 4 (C) The ambassador briefed the minister."
    got, notes = _paras(line, C_PARAS.replace("5.(C)", "7.(C)"))
    assert [n for n, _, _ in got] == [1, 2, 3, 7] and notes == []
    got, notes = _paras(line, C_PARAS.replace("3.(C) They", "They"))  # 3 is due, 5 comes next
    assert [n for n, _, _ in got] == [1, 2, 5] and notes == []


def test_the_last_paragraph_may_be_glued_before_the_signature_only() -> None:
    paras = C_PARAS.split("{line}")[0] + "Comment ----- 4 (C) The talks went well.\n\nDOE\n"
    got, notes = _paras("", paras)
    assert got[-1] == (4, "C", 19) and len(notes) == 1
    got, notes = _paras("", paras.replace("\n\nDOE\n", "\n"))  # no signature: where the cable ends is not known
    assert [n for n, _, _ in got] == [1, 2, 3] and notes == []


def test_real_10madrid49_reads_paragraph_4_after_its_heading(corpus_dir: Path) -> None:
    doc = _real(corpus_dir, "10MADRID49")
    got = [(p.number, p.portion.raw if p.portion else None, doc.source.line_col(p.span.start)[0])
           for p in doc.paragraphs]
    assert got == [(1, "C", 17), (2, "C", 19), (3, "C", 23), (4, "C", 25), (5, "C", 29), (5, "C", 33), (6, "C", 37),
                   (7, "C", 41)]
    assert [doc.source.line_col(r.span.start)[0] for r in doc.repairs if r.name == "heading-glued-paragraph"] == [25]


# D. The last paragraph's number written again by the drafter (06SANJOSE1162 l.104, "¶6. COMMENT:").

D_HEAD = "UNCLAS OSLO 000123\n\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"
D_BODY = ("¶1.  The minister met the ambassador on Monday.\n\n"
          "¶2.  The ambassador praised the cooperation on the budget.\n\n"
          "¶3.  They spoke of the quotas for the coming year.\n\n\n"
          "{last}\n\nDOE\n")


def _numbers(last: str) -> list[tuple[int, int]]:
    text = D_HEAD + D_BODY.format(last=last)
    return [(p.number, _line(text, p.span.start)) for p in parse_text(text).paragraphs]


def test_the_last_paragraph_repeating_the_number_before_it_is_listed_as_written() -> None:
    assert _numbers("¶3. COMMENT: The minister will need all his skill.") == [(1, 9), (2, 11), (3, 13), (3, 16)]
    assert _numbers("3. COMMENT: The minister will need all his skill.")[-1] == (3, 16)


def test_the_repeat_is_reported_by_the_numbering_rule() -> None:
    text = D_HEAD + D_BODY.format(last="¶3. COMMENT: The minister will need all his skill.")
    found = [(f.rule, f.line) for f in ENGINE.lint_source(Source(path="t.txt", text=text))]
    assert ("CL502", 16) in found


@pytest.mark.parametrize("body", [
    # a list inside paragraph 3 numbers from 1: its 3 is an item, not the drafter's repeat
    D_BODY.replace("{last}", "1. the quotas\n\n2. the prices\n\n3. the ports"),
    # the export wrote paragraph 3 again (the same opening): a copy, not a paragraph
    D_BODY.replace("{last}", "¶3.  They spoke of the quotas for the coming year."),
    # no blank line before it: a number wrapped to a line's start inside paragraph 3
    D_BODY.replace("year.\n\n\n{last}", "year, and of\n3. COMMENT: The minister will need all his skill."),
], ids=["list-inside", "export-copy", "no-blank-before"])
def test_a_repeat_that_is_no_paragraph_of_its_own_stays_text(body: str) -> None:
    text = D_HEAD + body
    assert [p.number for p in parse_text(text).paragraphs] == [1, 2, 3]


def test_real_06sanjose1162_lists_the_second_6(corpus_dir: Path) -> None:
    doc = _real(corpus_dir, "06SANJOSE1162")
    assert [(p.number, doc.source.line_col(p.span.start)[0]) for p in doc.paragraphs] == [
        (1, 26), (2, 39), (3, 52), (4, 61), (5, 70), (6, 87), (6, 104)]


# A number other than a year wrapped mid-sentence behind a pilcrow (09STATE60608 l.256, 10STATE15856 l.217).

W_HEAD = "UNCLAS OSLO 000123\n\nE.O. 12958: N/A\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"


def _wrapped(body: str) -> tuple[list[int], list[str]]:
    doc = parse_text(W_HEAD + body)
    notes = [doc.text[r.span.start:r.span.end] for r in doc.repairs if r.name == "wrapped-number"]
    return [p.number for p in doc.paragraphs], notes


@pytest.mark.parametrize("wrap, number", [
    ("a country would be ranked as Tier\n¶3.  Thus, any downgrade waits.", "3"),
    ("the names in the Annex to UNSCR\n¶1737.  In addition, it was listed.", "1737"),
    ("the report is embargoed until June\n¶16.  The Department will brief.", "16"),
    ("the talks go on October 21, 22 and\n¶23.  He noted the coalition.", "23"),
])
def test_a_number_wrapped_mid_sentence_behind_a_pilcrow_is_noted_as_text(wrap: str, number: str) -> None:
    body = "¶1. (U) The minister said " + wrap + "\n\n¶2. (U) The embassy will report.\n"
    paras, notes = _wrapped(body)
    assert paras == [1, 2] and notes == [number]
    note = next(r for r in parse_text(W_HEAD + body).repairs if r.name == "wrapped-number")
    assert note.detail == f"¶{number} read as a number the export wrapped to the line's start mid-sentence, no paragraph"


@pytest.mark.parametrize("body", [
    # a paragraph (its pilcrow is the rendering's, its number read)
    "¶1. (U) The minister spoke.\n\n¶2. (U) The embassy will report.\n",
    # after a finished sentence, a colon or a blank line: no wrap shows
    "¶1. (U) The minister spoke of Tier 2.\n¶3.  Thus, any downgrade waits.\n\n¶2. (U) Text.\n",
    "¶1. (U) The minister spoke of the following:\n¶3.  Thus, any downgrade waits.\n\n¶2. (U) Text.\n",
    "¶1. (U) The minister spoke of Tier\n\n¶3.  Thus, any downgrade waits.\n\n¶2. (U) Text.\n",
    # a list of numbered lines, one under the other
    "¶1. (U) Lead stories:\n\n¶1.   Lead Stories Summary\n¶2.   Outbreak of Swine Flu\n\n¶2. (U) Text.\n",
    # after a heading
    "¶1. (U) The minister spoke.\n\nBackground of the Talks\n¶5.  Thus, any downgrade waits.\n\n¶2. (U) Text.\n",
    # no pilcrow: nothing to explain
    "¶1. (U) The minister said a country would be ranked as Tier\n3.  Thus, any downgrade waits.\n\n¶2. (U) Text.\n",
    # a year: wrapped-year's
    "¶1. (U) The port would convert by\n¶2016.  In the meantime it grows.\n\n¶2. (U) Text.\n",
])
def test_no_wrapped_number_note_where_the_text_shows_no_wrap(body: str) -> None:
    assert _wrapped(body)[1] == []


@pytest.mark.parametrize("name, line, number", [
    ("09STATE60608", 256, "3"), ("09STATE60608", 310, "16"), ("10STATE15856", 217, "1737"),
])
def test_real_wrapped_numbers_are_noted(corpus_dir: Path, name: str, line: int, number: str) -> None:
    doc = _real(corpus_dir, name)
    got = [(doc.source.line_col(r.span.start)[0], doc.text[r.span.start:r.span.end]) for r in doc.repairs
           if r.name == "wrapped-number"]
    assert (line, number) in got
