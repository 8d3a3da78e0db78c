"""Findings a reviewer can trust (s8 audits): each test on short text written here."""
from __future__ import annotations

from pathlib import Path

import pytest

from cablelint import lint_text
from cablelint.ruleset import RuleSetError, load

SECRET = ("S E C R E T PARIS 000579\nNOFORN\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL FR\nSUBJECT: (U) TALKS\n"
          "Classified By: Poloff Jane Doe, reasons 1.4 (b) and (d)\n\n")


def _found(text: str, rule: str, date: str = "2009-05-01") -> list[tuple[int, str, str]]:
    return [(f.line, str(f.severity), f.message) for f in lint_text(text, path="t.txt", date=date) if f.rule == rule]


def test_a_cable_with_no_paragraph_marked_is_one_cl102_listing_the_others() -> None:
    """One omission (the cable was not portion-marked) is one finding, not one per paragraph."""
    text = SECRET + "1. First.\n\n2. Second.\n\n3. Third.\n"
    got = _found(text, "CL102")
    assert got == [(8, "error", "paragraph 1 of a classified cable has no portion mark such as (U), (C) or (S)"
                                "; 2 more like it (lines 10, 12)")]
    f = next(f for f in lint_text(text, path="t.txt", date="2009-05-01") if f.rule == "CL102")
    assert [r.line for r in f.related] == [10, 12]  # related locations (JSON, SARIF)


def test_unmarked_paragraphs_among_marked_ones_are_separate_slips() -> None:
    text = SECRET + "1. (S/NF) First.\n\n2. Second.\n\n3. (S/NF) Third.\n\n4. Fourth.\n"
    got = _found(text, "CL102")
    assert [(line, msg.endswith("(S)")) for line, _, msg in got] == [(10, True), (14, True)]


def test_marked_bullets_count_as_marks_for_the_grouping() -> None:
    text = SECRET + "1. Points:\n\n-- (S/NF) a bullet.\n\n2. Second.\n\n3. Third.\n"
    assert [line for line, _, _ in _found(text, "CL102")] == [12, 14]


def test_cl103_an_unknown_or_odd_mark_is_a_warning() -> None:
    """DOS-10: a token outside the vocabulary, or NF in an unexpected form, is WARN."""
    got = _found(SECRET + "1. (S-NF) First.\n\n2. (Q) Second.\n", "CL103")
    assert [(line, sev) for line, sev, _ in got] == [(8, "warning"), (10, "warning")]


def test_cl211_mr_is_called_retired_or_invalid() -> None:
    text = SECRET.replace("DECL: 01/30/2019", "DECL: MR") + "1. (S/NF) First.\n"
    assert _found(text, "CL211", "2008-11-03") == [(3, "warning", "declassification code MR is retired or invalid on "
                                                   "the cable date; E.O. 12958 as amended by E.O. 13292 (25 March 2003 - "
                                                   "26 June 2010) does not use it")]


def _cl202(order: str, date: str = "2008-05-01") -> list[str]:
    text = SECRET.replace("E.O. 12958", f"E.O. {order}") + "1. (S/NF) First.\n"
    return [msg for _, _, msg in _found(text, "CL202", date)]


def test_cl202_an_order_number_one_slip_off_says_typo() -> None:
    assert _cl202("12598") == ["E.O. 12598 is no classification order (typo for 12958?); E.O. 12958 as amended by "
                               "E.O. 13292 (25 March 2003 - 26 June 2010) applied on the cable date"]
    assert "typo for 12958?" in _cl202("19528")[0]  # a digit typed in the wrong place
    assert "typo for 13526?" in _cl202("13529", "2011-05-01")[0]
    assert "typo" not in _cl202("13256", "2011-05-01")[0]  # one slip off 13526 and off 12356: no guess
    assert "typo" not in _cl202("12356")[0]  # a real order of another era: a lagging drafter, no typo
    assert "typo" not in _cl202("19523")[0]  # two slips off: no guess


def test_cl202_a_number_no_order_at_all_is_not_called_an_order_not_in_force() -> None:
    """E.O. 19523 exists in no era's list: 'was not the order in force' implied it did."""
    assert _cl202("19523") == ["E.O. 19523 is no classification order; E.O. 12958 as amended by E.O. 13292 "
                               "(25 March 2003 - 26 June 2010) applied on the cable date"]
    assert _cl202("1295")[0].startswith("E.O. 1295 is no classification order; ")  # too short to guess a slip
    assert _cl202("13256", "2011-05-01")[0].startswith("E.O. 13256 is no classification order; E.O. 13526")
    # a real order of another era is named as one, whatever the era
    assert _cl202("12356")[0].startswith("E.O. 12356 was not the order in force; E.O. 12958 as amended")
    assert _cl202("10501")[0].startswith("E.O. 10501 was not the order in force; ")
    assert _cl202("12958", "2011-05-01")[0].startswith("E.O. 12958 was not the order in force; E.O. 13526")


DERIVED = ("S E C R E T STATE 000579\nE.O. 12958: DECL: 11/03/2018\nTAGS: ASEC\nSUBJECT: (U) DAILY\n"
           "Classified By: Derived from Multiple Sources\n\n1. (S) An item.\n")


def test_cl309_before_the_2010_directive_is_info_after_it_a_warning() -> None:
    """32 CFR 2001.22 before 25 June 2010 kept the source list with the file copy only."""
    msg = '"Derived from: Multiple Sources" and this copy holds no list of the sources'
    assert _found(DERIVED, "CL309", "2008-11-03") == [(5, "info", msg)]
    assert _found(DERIVED, "CL309", "2010-06-24") == [(5, "info", msg)]
    assert _found(DERIVED, "CL309", "2010-06-25") == [(5, "warning", msg)]
    assert _found(DERIVED.replace("12958", "13526"), "CL309", "2011-03-01") == [(5, "warning", msg)]


def test_cl309_a_pointer_to_the_source_list_is_a_list() -> None:
    for pointer in ("(Appendix source 3)", "(Appendix sources 5-9)", "Sourcing is available from the drafting office.",
                    "See the source list."):
        text = DERIVED.replace("An item.", f"An item. {pointer}")
        assert _found(text, "CL309", "2011-03-01") == [], pointer


def test_a_subject_mark_written_at_the_end_is_the_subjects_mark() -> None:
    """DOS-12: a mark at the end of the subject still marks it (CL503 is silent); words in
    parentheses are no mark."""
    conf = "C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL FR\nSUBJECT: {}\n\n1. (C) Text.\n"
    assert _found(conf.format("TRADE TALKS (C)"), "CL503") == []
    assert _found(conf.format("TRADE TALKS WITH THE\nMINISTER (C)"), "CL503") == []  # wrapped
    assert _found(conf.format("TRADE TALKS (ICSC)"), "CL503") != []
    for glued in ("NEW VISA REQUIREMENT(S)", "REQUEST FOR TDY(S)", "TALKS ON 1.4(C)", "UNSCR 1540 ARTICLE 5(C)"):
        found = lint_text(conf.format(glued), path="t.txt", date="2009-05-01")  # a plural or a reference: no mark
        assert [f.rule for f in found if f.rule in ("CL104", "CL503")] == ["CL503"], glued
    assert _found(conf.format("TRADE TALKS"), "CL503") != []
    f = lint_text(conf.format("TRADE TALKS WITH THE\nMINISTER (S)"), path="t.txt", date="2009-05-01")
    assert [(x.line, x.column, x.matched) for x in f if x.rule == "CL104"] == [(5, 11, "S")]  # its level is judged


def test_a_subject_mark_at_the_end_is_reported_for_its_place() -> None:
    """DOS-12 asks for a leading mark: one at the end is an info finding on the mark (CL505), never
    with CL503; a leading mark, none, or a plural "(S)" gets no CL505."""
    conf = "C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL FR\nSUBJECT: {}\n\n1. (C) Text.\n"
    msg = "the subject's mark {} is written at its end, not before it"
    assert _found(conf.format("TRADE TALKS (C)"), "CL505") == [(4, "info", msg.format("(C)"))]
    assert _found(conf.format("TRADE TALKS WITH THE\nMINISTER (C)"), "CL505") == [(5, "info", msg.format("(C)"))]
    for subject in ("(C) TRADE TALKS", "TRADE TALKS", "NEW VISA REQUIREMENT(S)", "(C) TALKS (ICSC)"):
        assert _found(conf.format(subject), "CL505") == [], subject
    assert _found(conf.format("TRADE TALKS (C)"), "CL505", "2002-05-01") == []  # CL503's date: DOS-12 INFO pre-2003


def test_a_bare_mark_after_a_short_lead_in_is_malformed_not_missing() -> None:
    """`2. BEGIN TEXT S//NF:` marks the paragraph in the wrong form (DOS-09: WARN), not CL102."""
    text = SECRET + "1. (S/NF) We pass a text.\n\n2. BEGIN TEXT S//NF:\n\n-- A point.\n"
    found = lint_text(text, path="t.txt", date="2009-05-01")
    assert [f.rule for f in found if f.rule in ("CL102", "CL103", "CL118", "CL119")] == ["CL119"]
    assert _found(text, "CL119") == [(10, "warning", "the portion mark of paragraph 2 is written 'S//NF' after "
                                                     "its opening words, without parentheses")]


def test_a_bare_mark_is_read_narrowly() -> None:
    """Prose with a slash pair, a mark in mid-line, or four words before it: no mark read."""
    for line in ("2. BEGIN TEXT S//NF: the minister said.", "2. We talked of the S//NF material and more.",
                 "2. ONE TWO THREE FOUR S//NF:", "2. BEGIN TEXT S//ZZZ:", "2. BEGIN TEXT Q//NF:",
                 "2. WE SHARED THE S//NF\nINFORMATION WITH OUR ALLIES.", "2. BEGIN TEXT S//NF"):  # no colon: prose
        text = SECRET + "1. (S/NF) First.\n\n" + line + "\n"
        assert [f.rule for f in lint_text(text, path="t.txt", date="2009-05-01") if f.rule in ("CL102", "CL119")] \
            == ["CL102"], line


def test_group_if_absent_names_known_targets(tmp_path) -> None:
    rule = ("name: house\ndescription: test\nrules:\n  - id: XX001\n    name: no-tags\n    severity: error\n"
            "    kind: presence\n    target: tags_line\n    group: document\n    group_if_absent: [{}]\n"
            "    message: no TAGS\n")
    p = tmp_path / "house.yaml"
    p.write_text(rule.format("paragraphs.marked"), encoding="utf-8")
    load(p)
    p.write_text(rule.format("paragraphs.markd"), encoding="utf-8")
    with pytest.raises(RuleSetError, match="group_if_absent"):
        load(p)


def test_cl103_names_the_form_meant_for_a_hyphen_or_a_lost_slash() -> None:
    got = _found(SECRET + "1. (S-NF) First.\n\n2. (SNF) Second.\n\n3. (Q) Third.\n", "CL103")
    assert [msg for _, _, msg in got] == [
        "portion mark (S-NF) of paragraph 1 is not a known marking (a hyphen where '/' belongs: (S/NF)?)",
        "portion mark (SNF) of paragraph 2 is not a known marking (the '/' left out: (S/NF)?)",
        "portion mark (Q) of paragraph 3 is not a known marking"]


def test_a_bare_mark_keeps_the_over_classification_rules_quiet() -> None:
    """A bare mark's level goes unjudged, so the banner cannot be said to be above
    every portion: `2. BEGIN TEXT S//REL FRANCE:` may be the SECRET one (CL112, CL117)."""
    text = SECRET + "1. (C) We pass a text.\n\n2. BEGIN TEXT S//REL FRANCE:\n\n-- A point.\n\n3. (U) Last.\n"
    found = [f.rule for f in lint_text(text, path="t.txt", date="2009-05-01")]
    assert "CL119" in found and "CL112" not in found
    conf = text.replace("S E C R E T", "C O N F I D E N T I A L").replace("(C) We", "(U) We") \
        .replace("S//REL FRANCE", "C//NF").replace("NOFORN\n", "")
    found = [f.rule for f in lint_text(conf, path="t.txt", date="2009-05-01")]
    assert "CL119" in found and "CL117" not in found


HOUSE = ("name: house\ndescription: test\nrules:\n  - id: XX001\n    name: odd-mark\n    severity: warning\n"
         "    kind: {kind}\n    target: {target}\n    message: '{{value}}'\n{extra}")


def _line_of(path: Path, key: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.strip().startswith(key))


def test_a_hint_naming_a_missing_group_fails_at_load_with_its_line(tmp_path: Path) -> None:
    """A typo in `hints` would raise in every lint run: the loader names the rule's line instead."""
    p = tmp_path / "house.yaml"
    extra = "    hints:\n      - {{match: '^\\((S)(NF)\\)$', hint: ' ({})'}}\n"
    for good in ("\\1/\\2?", "no group"):
        p.write_text(HOUSE.format(kind="absence", target="portions.unknown", extra=extra.format(good)), encoding="utf-8")
        load(p)
    for bad in ("\\3?", "\\g<x>"):
        p.write_text(HOUSE.format(kind="absence", target="portions.unknown", extra=extra.format(bad)), encoding="utf-8")
        line = _line_of(p, "hints:")  # the key's line, not the rule's (4)
        with pytest.raises(RuleSetError, match=rf"house\.yaml:{line}: .*`hints`"):
            load(p)


def test_a_slip_hint_with_a_wrong_placeholder_fails_at_load_with_its_line(tmp_path: Path) -> None:
    p = tmp_path / "house.yaml"
    extra = "    allowed: [PREL]\n    slip_from: 4\n    slip_hint: ' (typo for {}?)'\n"
    p.write_text(HOUSE.format(kind="vocabulary", target="tags", extra=extra.format("{meant}")), encoding="utf-8")
    load(p)
    for bad in ("{mean}", "{0}", "{"):
        p.write_text(HOUSE.format(kind="vocabulary", target="tags", extra=extra.format(bad)), encoding="utf-8")
        with pytest.raises(RuleSetError, match=rf"house\.yaml:{_line_of(p, 'slip_hint:')}: .*`slip_hint`"):
            load(p)


def test_the_shipped_hints_fit_their_regexes() -> None:
    """The loader trusts a shipped set (its regexes compile on first use): this is the check."""
    from cablelint.checks.absence import check_hint
    hints = [h for r in load("state").rules for h in r.params.get("_hints", ())]
    assert hints
    for rx_, hint in hints:
        check_hint(rx_, hint)


CAPCO = ("SECRET//NOFORN\n\nClassified By: Jane Q. Analyst, Director, Office of Harbor Studies\nReason: 1.4(c)\n"
         "Declassify On: 20491231\n\n{}\n\nThe second part.\n\nThe third part.\n\nSECRET//NOFORN\n")


def test_capco_a_document_with_no_portion_marked_is_one_cl704() -> None:
    """As CL102: one omission (the document was not portion-marked) is one finding; where
    another portion is marked, each unmarked one is its own slip."""
    got = [(f.line, f.message) for f in lint_text(CAPCO.format("The first part."), path="e.txt") if f.rule == "CL704"]
    assert got == [(7, "this portion of a classified document starts with no portion mark such as (U) or (S//NF)"
                       "; 2 more like it (lines 9, 11)")]
    got = [f.line for f in lint_text(CAPCO.format("(S//NF) The first part."), path="e.txt") if f.rule == "CL704"]
    assert got == [9, 11]


def test_a_tag_with_a_letter_in_the_wrong_place_names_the_tag_meant() -> None:
    """The generic slip counts a moved character (ENIV for EINV), not only a wrong one."""
    got = _found(SECRET.replace("TAGS: PREL FR", "TAGS: PREL ENIV FR") + "1. (S/NF) First.\n", "CL404")
    assert len(got) == 1 and got[0][2].endswith("(did you mean EINV?)"), got


def test_listed_and_stray_hints_name_each_kind_of_unknown_value(tmp_path: Path) -> None:
    """`listed_hint`: a value of `slip_to` not allowed here; `stray_hint`: one neither in it nor a slip off it."""
    from cablelint import make_engine

    p = tmp_path / "house.yaml"
    extra = "    allowed: [PREL, FR]\n    slip_from: 4\n    slip_to: [PREL, PGOV, FR]\n{hints}"
    text = "UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL FR PGOV PRLL XQZW\nSUBJECT: TALKS\n"

    def messages(hints: str) -> list[str]:
        rules = HOUSE.format(kind="vocabulary", target="tags", extra=extra.format(hints=hints))
        p.write_text(rules.replace("message: '{value}'", "message: '{value}{suggestion}'"), encoding="utf-8")
        engine = make_engine(rules=[load(p)], date="2009-05-01")
        return [f.message for f in lint_text(text, path="t.txt", engine=engine) if f.rule == "XX001"]

    assert messages("") == ["PGOV", "PRLL (did you mean PREL?)", "XQZW"]  # without them, nothing changes
    assert messages("    listed_hint: ' (not here)'\n    stray_hint: ' (no TAG)'\n") == [
        "PGOV (not here)", "PRLL (did you mean PREL?)", "XQZW (no TAG)"]
