"""Export damage to the header's copy (CL931-CL934, damage_copies.py): header
lines dropped from a re-flowed or flattened copy, a sentence-cased copy, a
header field written twice, a TAGS line joined with other text. The cables
here are written for these tests; the corpus test reads ../shared."""
from __future__ import annotations

from pathlib import Path

import pytest

from cablelint import lint_text, make_engine
from cablelint.checks.integrity import DETECTORS
from cablelint.damage_copies import _repeated_group, prepare_copies
from cablelint.source import Source

ENGINE = make_engine(rules=["state"])
BANNER = "C O N F I D E N T I A L PARIS 000579\n\n"
EO = "E.O. 12958: DECL: 01/30/2014\n"
TAGS = "TAGS: PREL FR\n"
CLBY = "Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)\n\n"
LONG = ("1. (C) The minister said that the talks would resume next week, and that the government would send "
        "its foreign minister to the meeting in Brussels, where the partners would discuss the budget and the "
        "enlargement of the union to the east.\n\n2. (C) The embassy will report on the outcome of the meeting.\n")
SHORT = "1. (C) The minister said that the talks\nwould resume next week.\n"


def damage(rule_id: str, text: str):
    """The detector of a shipped rule, with its YAML parameters, on one text."""
    p = next(r for r in ENGINE.rulesets[0].rules if r.id == rule_id).params
    return DETECTORS[p["damage"]](ENGINE.parse(Source("<text>", text)), p)


def rules_of(text: str) -> list[str]:
    return [f.rule for f in lint_text(text, "04PARIS579.txt", engine=ENGINE)]


# -- CL931: header lines dropped ---------------------------------------------------------

def test_header_dropped_needs_subject_and_classified_by_both_missing_from_a_reflowed_copy() -> None:
    got = damage("CL931", BANNER + EO + TAGS + "\n" + LONG)
    assert got is not None and "re-flowed copy" in got.detail and got.span.start == 0
    assert damage("CL931", BANNER + EO + TAGS + "SUBJECT: (U) TALKS\n\n" + LONG) is None
    assert damage("CL931", BANNER + EO + TAGS + CLBY + LONG) is None
    # A body on telegram-length lines is no re-flowed copy.
    assert damage("CL931", BANNER + EO + TAGS + "\n" + SHORT) is None
    # A partial extract says itself that text is left out (CL902).
    notice = "This record is a partial extract of the original cable.\n"
    assert damage("CL931", notice + BANNER + EO + TAGS + "\n" + LONG) is None


def test_header_dropped_reads_a_flattened_header_line() -> None:
    flat = "Cable dated:2004-01-30T15:33:00C O N F I D E N T I A L PARIS 000579 SIPDIS " + EO.strip() + " " + TAGS
    got = damage("CL931", "FM AMEMBASSY PARIS\n" + flat + "\n" + SHORT)
    assert got is not None and "flattened onto line 2" in got.detail


def test_header_dropped_folds_the_missing_classified_by_line() -> None:
    got = rules_of("R 301533Z JAN 04\n" + BANNER + EO + TAGS + "\n" + LONG)
    assert "CL931" in got and "CL301" not in got
    findings = lint_text("R 301533Z JAN 04\n" + BANNER + EO + TAGS + "\n" + LONG, "04PARIS579.txt", engine=ENGINE)
    (diag,) = [f for f in findings if f.rule == "CL931"]
    assert {r.rule for r in diag.related} >= {"CL301"}
    # The drafter's omission is still reported where the copy shows no damage.
    assert "CL301" in rules_of("R 301533Z JAN 04\n" + BANNER + EO + TAGS + "SUBJECT: (U) TALKS\n\n" + LONG)


# -- CL932: a sentence-cased copy --------------------------------------------------------

SENTENCE = "S e c r e t paris 000579\n\nE.o. 12958: decl: 01/30/2014\nTags: prel, fr\nSubject: (s) talks\n\n"


def test_sentence_cased_header_needs_two_lines_in_that_form() -> None:
    got = damage("CL932", SENTENCE + SHORT)
    assert got is not None and got.detail == "4 lines of the header are written in sentence case (lines 1, 3-5)"
    assert damage("CL932", "S E C R E T PARIS 000579\n\n" + EO + TAGS + SHORT) is None
    # Only the TAGS in lower case (one signal): a drafting slip, reported as such (CL403).
    assert damage("CL932", "S E C R E T PARIS 000579\n\n" + EO + "TAGS: prel, fr\n" + SHORT) is None
    # A copy lower-cased throughout is CL905's, not a sentence-cased one.
    assert damage("CL932", SENTENCE.lower() + SHORT.lower()) is None


def test_sentence_cased_copy_names_every_header_line_in_that_form() -> None:
    """Not only the lines that gave the signals: the passing line, the SUBJECT's second line and
    the REF items too; not the Classified By statement (drafted in mixed case, its small letters
    prove nothing), nor a line the export left in capitals, nor the body."""
    text = ("S e c r e t paris 000579\n\nSipdis\n\nDept for eur/we\n\nE.o. 12958: decl: 01/30/2014\n"
            "Tags: prel, fr\nSUBJECT: (S) TALKS\nON THE BUDGET\n\nRef: a. State 1234\nb. Paris 55\n\n"
            "Classified By: Ambassador Jane Doe for\nreasons 1.4 (b) and (d).\n\n"
            "1. (S) The minister said that the talks would resume.\n")
    got = damage("CL932", text)
    assert got is not None
    assert got.detail == "7 lines of the header are written in sentence case (lines 1, 3, 5, 7, 8, 12, 13)"
    (diag,) = [f for f in lint_text(text, "04PARIS579.txt", engine=ENGINE) if f.rule == "CL932"]
    assert diag.line == 1 and "(lines 1, 3, 5, 7, 8, 12, 13)" in diag.message


def test_sentence_cased_copy_with_no_body_found_names_no_prose_line() -> None:
    """Review s9-a S2: an unnumbered, unmarked body gives the parser no body
    start; the lines named stop after the last header field it read."""
    text = ("S e c r e t paris 000113\n\nE.o. 12958: decl: 01/30/2019\nTags: prel, fr\n\n"
            "the minister said that the talks\nwould resume next week in brussels.\nThe embassy will report.\n")
    got = damage("CL932", text)
    assert got is not None and got.detail == "3 lines of the header are written in sentence case (lines 1, 3, 4)"


def test_sentence_cased_copy_folds_the_malformed_tags() -> None:
    got = rules_of(SENTENCE + "1. (S) The minister said that the talks would resume.\n")
    assert "CL932" in got and "CL403" not in got
    assert "CL403" in rules_of("S E C R E T PARIS 000579\n\n" + EO + "TAGS: prel, fr\nSUBJECT: (S) TALKS\n\n"
                               "1. (S) The minister said that the talks would resume.\n")


def test_sentence_cased_copy_keeps_an_iso_code_the_drafter_wrote() -> None:
    # "jp" is ISO for Japan in any case (State writes JA): the case does not make it, so it is not folded.
    got = rules_of(SENTENCE.replace("fr\n", "fr, jp\n") + "1. (S) The minister said that the talks would resume.\n")
    assert "CL932" in got and "CL405" in got


# -- CL933: a header field written twice -------------------------------------------------

CUT = "CLASSIFIED BY: Jane Doe, Political Counselor,\nEmbassy Paris.\n"
WHOLE = "CLASSIFIED BY: Jane Doe, Political Counselor, Embassy Paris. REASON: 1.4 (b), (d)\n\n"
HEAD = BANNER + EO + TAGS + "SUBJECT: (U) TALKS\n\n"


def test_header_copies_finds_a_cut_copy_then_the_whole_field() -> None:
    got = damage("CL933", HEAD + CUT + WHOLE + SHORT)
    assert got is not None and "Classified By line is written twice (line 7 and line 9): a cut copy" in got.detail
    assert damage("CL933", HEAD + WHOLE + SHORT) is None
    assert damage("CL933", HEAD + WHOLE + WHOLE + SHORT) is None  # the same line twice: nothing lost
    # Two different classifiers: no copy of one another.
    assert damage("CL933", HEAD + CUT + "CLASSIFIED BY: John Roe, DCM, reasons 1.4 (b)\n\n" + SHORT) is None


def test_header_copies_finds_a_run_on_copy_but_leaves_a_cut_header_to_cl909() -> None:
    run_on = "PARIS 000579 SIPDIS " + EO.strip() + " " + TAGS
    got = damage("CL933", HEAD + run_on + "\n" + SHORT)
    assert got is not None and "E.O. line is written twice" in got.detail and "run onto one line" in got.detail
    cut = BANNER + EO + TAGS + "SUBJECT: (U) TA...\n\n"
    assert damage("CL933", cut + run_on + "\n" + SHORT) is None


def test_header_copies_folds_the_reason_missing_from_the_cut_copy() -> None:
    got = rules_of(HEAD + CUT + WHOLE + SHORT)
    assert "CL933" in got and "CL302" not in got
    assert "CL302" in rules_of(HEAD + CUT + "\n" + SHORT)


# -- CL934: a TAGS line joined with other text -------------------------------------------

def test_repeated_group_is_a_run_of_whole_groups_in_a_row() -> None:
    assert _repeated_group("PREL MARR IT MARR IT MARR IT".split(), 2, 3) == (2, 3)
    assert _repeated_group("PREL MARR IT MARR IT FR".split(), 2, 3) is None
    assert _repeated_group("UNGA UNGA UNGA PREL".split(), 2, 3) is None  # one TAG repeated: no group
    assert _repeated_group("A B C".split(), 2, 3) is None


def test_tags_joined_covers_its_line_only() -> None:
    text = BANNER + EO + "TAGS: PM DEPT FOR EUR WE PM PPA\nSUBJECT: (U) TALKS\n\n" + SHORT
    got = damage("CL934", text)
    assert got is not None and "passing line" in got.detail
    assert got.region is not None and text[got.region.start:got.region.end].startswith("TAGS:")
    assert damage("CL934", BANNER + EO + "TAGS: PREL FR\nSUBJECT: (U) DEPT FOR EUR\n\n" + SHORT) is None
    got = rules_of(text)
    assert "CL934" in got and "CL404" not in got


def test_corpus_header_copy_damage(corpus_dir: Path) -> None:
    """The cables the full audit (fullaudit-b, causes 1, 6, 7) found reported as
    drafting errors get their diagnosis, and the drafting finding is folded."""
    want = {"CL931": ("CL301", ["06BRASILIA861", "08LONDON2860", "08LONDON3107", "09TRIPOLI222", "09TRIPOLI618",
                                "08RIYADH732", "09MOSCOW2353", "10KAMPALA73"]),
            "CL932": ("CL403", ["07STATE135366", "08BERLIN643", "08STATE15220", "09BEIJING2963"]),
            "CL933": ("CL302", ["08TRIPOLI833"]),
            "CL934": ("CL404", ["03ROME2045", "09JAKARTA1369"])}
    for rule, (symptom, cids) in want.items():
        for cid in cids:
            text = (corpus_dir / f"{cid}.txt").read_text(encoding="utf-8")
            got = [f.rule for f in ENGINE.lint_source(Source(f"{cid}.txt", text))]
            assert rule in got and symptom not in got, cid


def test_a_rule_naming_an_unknown_header_line_is_refused() -> None:
    with pytest.raises(ValueError, match="names no header line subject"):
        prepare_copies({"damage": "sentence_cased", "line_forms": {"subject": "x"}})
    with pytest.raises(ValueError, match="needs `passing`"):
        prepare_copies({"damage": "tags_joined"})


def test_a_copy_is_the_same_field_whatever_form_its_date_is_written_in() -> None:
    """Fixing one copy's DECL form (CL219: 6/18/2019 -> 06/18/2019) must not
    undo the diagnosis of the spliced header and unfold CL301."""
    from cablelint.damage_copies import _words

    assert _words("E.O. 12958: DECL: 6/18/2019") == _words("E.O. 12958: DECL: 06/18/19")
    assert _words("DECL: 6/18/2019") != _words("DECL: 6/19/2019")
