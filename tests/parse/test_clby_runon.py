"""The paragraph run on after the Classified By's reasons (parse/clby_runon.py): split off
only at a mark the vocabulary reads whole, a lone (C) only after a closed list, and the
note says whether the body read the split-off text as a paragraph; a group of other letters
after a list closed by "and (d)" is no reason (parse/clby.py). Short texts of our own."""
from __future__ import annotations

import pytest

import datetime as dt

from inspect_helpers import ENGINE, parse_text
from cablelint.engine import Engine, Selection
from cablelint.parse.clby_runon import clby_paragraph
from cablelint.ruleset import load
from cablelint.source import Source
from cablelint.vocabulary import default_vocabulary

V = default_vocabulary()
TOP = "S E C R E T OSLO 000123\n\nSIPDIS\n\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"
CLBY = "Classified By: Consul Jane Roe for reasons 1.4 "


def _split(doc) -> list[str]:
    return [r.detail for r in doc.repairs if r.name == "text-after-reasons"]


@pytest.mark.parametrize("tail", [
    "(b) and (d) (C/O) Embassy Oslo agrees on the talks.",  # C/O: care of, no control
    "(b) and (d) (S/XQ) The minister agrees on the talks.",  # XQ: no control the vocabulary knows
])
def test_a_parenthesis_the_vocabulary_does_not_read_whole_is_not_split_off(tail: str) -> None:
    doc = parse_text(TOP + CLBY + tail + "\n\n(S) The minister left.\n")
    assert not _split(doc)
    found = ENGINE.lint_source(Source("t.txt", TOP + CLBY + tail + "\n\n(S) The minister left.\n"))
    assert not [f for f in found if f.rule == "CL103"]


@pytest.mark.parametrize("tail,mark", [
    ("(b) and (d) (S//NF) The minister agrees.", "(S//NF)"),
    ("(b) and (d) (C / NF) The minister agrees.", "(C / NF)"),
    ("(b) and (d) (SBU) The minister agrees.", "(SBU)"),
])
def test_a_mark_the_vocabulary_reads_whole_is_split_off(tail: str, mark: str) -> None:
    text = CLBY + tail
    at = clby_paragraph(text, [], V)
    assert at is not None and text[at:].startswith(mark)


@pytest.mark.parametrize("reasons", ["(b/d).  ", "(b) and (d). ", "b and d. "])
def test_a_lone_c_after_a_reason_list_closed_by_a_full_stop_is_a_mark(reasons: str) -> None:
    doc = parse_text(TOP.replace("S E C R E T", "C O N F I D E N T I A L") + CLBY + reasons
                     + "(C) The UK is concerned about the talks.\nROE\n")
    assert [(p.number, p.portion.raw) for p in doc.paragraphs] == [(None, "C")]
    assert _split(doc) == ["the text run on after the Classified By's reasons split off at its mark (C); "
                           "read as the paragraph it opens"]
    assert [r.value for r in doc.classified_by.reasons] == ["b", "d"]


@pytest.mark.parametrize("tail", [
    "(b) and (C) The UK is concerned.",   # no full stop: (C) may be the list's last letter
    "(b) (C). The UK is concerned.",       # the full stop after the (C): it closes the list
    "(C) The UK is concerned.",            # no letter before it: the list's only letter
])
def test_a_lone_c_the_list_may_hold_is_not_split_off(tail: str) -> None:
    assert clby_paragraph(CLBY + tail, [], V) is None


def test_the_note_says_the_split_off_text_is_no_paragraph_when_numbered_paragraphs_follow() -> None:
    doc = parse_text(TOP + CLBY + "(b) and (d) (S) The minister agrees.\n\n2. (S) The minister left.\n")
    assert [(p.number, p.portion.raw) for p in doc.paragraphs] == [(2, "S")]
    assert _split(doc) == ["the text run on after the Classified By's reasons split off at its mark (S); read as "
                           "no paragraph: numbered paragraphs follow, and unnumbered text before them is none"]
    assert [r.value for r in doc.classified_by.reasons] == ["b", "d"]


@pytest.mark.parametrize("reasons", ["(b) and (d) ", "(b) (d) "])
def test_a_group_of_other_letters_after_the_list_is_no_reason(reasons: str) -> None:
    text = TOP + CLBY + reasons + "(C/O) Embassy Oslo agrees on the talks.\n\n(S) The minister left.\n"
    assert [r.value for r in parse_text(text).classified_by.reasons] == ["b", "d"]
    dated = Engine([load("state")], Selection(), date=dt.date(2009, 1, 30))  # CL305 wants the date
    assert [f.rule for f in dated.lint_source(Source("t.txt", text)) if f.rule in ("CL103", "CL305")] == []


@pytest.mark.parametrize("tail,letters", [
    ("(b), (d) and (o). The minister agrees.", ["b", "d", "o"]),  # the list's own last letter: CL305's to judge
    ("(b) and (d) (h) The minister agrees.", ["b", "d", "h"]),     # categories all: the list may go on
    ("(b) (x). The minister agrees.", ["b", "x"]),                   # no word after it: a letter typed amiss
])
def test_the_list_itself_is_read_as_before(tail: str, letters: list[str]) -> None:
    assert [r.value for r in parse_text(TOP + CLBY + tail + "\n").classified_by.reasons] == letters


def test_a_mark_after_a_list_closed_by_and_is_a_run_on_paragraph() -> None:
    """Review s9-d S1: "1.4 (b) and (d) (C) Norway's minister ..." is the reasons b, d
    and a paragraph run on with its (C); "1.4 (b) and (C)." keeps (C) as a reason."""
    head = ("C O N F I D E N T I A L OSLO 000123\n\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\n"
            "SUBJECT: TALKS\n\n")
    doc = parse_text(head + "Classified By: Poloff Jane Doe for reasons 1.4 (b) and (d) (C) Norway's minister "
                            "said.\n")
    assert [r.value for r in doc.classified_by.reasons] == ["b", "d"]
    assert [(p.number, p.portion.level) for p in doc.paragraphs] == [(None, "CONFIDENTIAL")]
    own = parse_text(head + "Classified By: Poloff Jane Doe for reasons 1.4 (b) and (C).\n\n1. (C) Text.\n")
    assert [r.value for r in own.classified_by.reasons] == ["b", "c"]
    assert not [r for r in own.repairs if r.name == "text-after-reasons"]


def test_a_numbered_paragraph_run_on_after_the_reasons_is_split_off() -> None:
    """Audit s9f: "reasons 1.4 b, d  1.  (C) UK Foreign Secretary ..." holds paragraph 1
    and its mark (and paragraph 2 glued further on): both read, their marks checked."""
    text = (TOP.replace("S E C R E T", "C O N F I D E N T I A L") + "Classified By: Poloff Jane Doe, reasons 1.4 b, d  "
            "1.  (C) UK Foreign Secretary is undecided, the FCO told us.  2.  (C) He will decide soon.\nDOE\n")
    doc = parse_text(text)
    assert [r.value for r in doc.classified_by.reasons] == ["b", "d"]
    assert [(p.number, p.portion.level) for p in doc.paragraphs] == [(1, "CONFIDENTIAL"), (2, "CONFIDENTIAL")]
    assert [r.name for r in doc.repairs if r.name == "text-after-reasons"] == ["text-after-reasons"]
