"""The era table of rules/state.yaml: the facts (checked against the domain
brief, ../shared/domain.md topic 1), and what each era does to real rules:
era boundaries, grace windows, per-era severities, exemption codes.
"""
from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from cablelint.engine import Engine, Selection
from cablelint.findings import Severity
from cablelint.parse import parse_decl
from cablelint.ruleset import load
from cablelint.source import Source, read

from conftest import SHARED, need_shared

D = dt.date
STATE = load("state")
ERAS = {e["name"]: e for e in STATE.eras}


def lint(text: str, date: dt.date | None, path: str = "cable.txt", **sel) -> list[tuple[int, str, str]]:
    eng = Engine([STATE], Selection(**sel), date=date)
    return [(f.line, f.rule, str(f.severity)) for f in eng.lint_source(Source(path, text))]


def cable(eo: str, *, level: str = "C O N F I D E N T I A L", cby: str | None = "DCM John Roe, reasons 1.4 (b) and (d)",
          paras: str = "1. (C) Text.\n\n2. (U) More text.\n", subject: str = "(U) A TEST CABLE") -> str:
    """A cable whose E.O. line is line 2 and Classified By line 5."""
    lines = [f"{level} PARIS 000579", eo, "TAGS: PREL FR", f"SUBJECT: {subject}"]
    if cby is not None:
        lines.append(f"Classified By: {cby}")
    return "\n".join(lines) + "\n\n" + paras


def rules_at(findings: list[tuple[int, str, str]], line: int | None = None) -> list[str]:
    return sorted(r for l, r, _ in findings if line is None or l == line)


# -- the facts ------------------------------------------------------------------

def test_era_boundaries_follow_the_orders() -> None:
    want = [("eo10501", None, D(1972, 6, 1)), ("eo11652", D(1972, 6, 1), D(1978, 12, 1)),
            ("eo12065", D(1978, 12, 1), D(1982, 8, 1)), ("eo12356", D(1982, 8, 1), D(1995, 10, 14)),
            ("eo12958", D(1995, 10, 14), D(2003, 3, 25)), ("eo12958-amended", D(2003, 3, 25), D(2010, 6, 27)),
            ("eo13526", D(2010, 6, 27), None)]
    assert [e["name"] for e in STATE.eras] == [w[0] for w in want]
    for (name, start, end), e in zip(want, STATE.eras):
        assert start is None or e["_from"] == start, name
        assert end is None or e["_to"] == end, name
    for a, b in zip(STATE.eras, STATE.eras[1:]):
        assert a["_to"] == b["_from"], f"gap or overlap between {a['name']} and {b['name']}"
    # E.O. 13526: effective 180 days after signing on 29 December 2009.
    assert ERAS["eo13526"]["_from"] == D(2009, 12, 29) + dt.timedelta(days=180)


def test_reason_categories_by_order() -> None:
    assert ERAS["eo12958"]["reason_sections"] == ["1.5"]
    assert ERAS["eo12958"]["reason_letters"] == list("abcdefg")  # no (h) before 2003
    for name in ("eo12958-amended", "eo13526"):
        assert ERAS[name]["reason_sections"] == ["1.4"]
        assert ERAS[name]["reason_letters"] == list("abcdefgh")
    for name in ("eo10501", "eo11652", "eo12065", "eo12356"):
        assert ERAS[name]["reason_sections"] == [] and ERAS[name]["reason_letters"] == []
    grace = ERAS["eo12958-amended"]["grace"][0]
    assert grace["until"] == D(2003, 9, 22) and "1.5" in grace["reason_sections"]


def test_duration_limits_and_codes() -> None:
    assert ERAS["eo12065"]["decl_max_years"] == 6
    assert ERAS["eo12958"]["decl_max_years"] == 10
    assert ERAS["eo12958-amended"]["decl_max_years"] == ERAS["eo13526"]["decl_max_years"] == 25
    for name in ("eo10501", "eo11652", "eo12356"):
        assert "decl_max_years" not in ERAS[name]
    assert ERAS["eo12356"]["exemptions"] == ["OADR"]
    assert "OADR" not in ERAS["eo12958"]["exemptions"] + ERAS["eo12958"]["retired_exemptions"]
    assert set(ERAS["eo13526"]["undated_exemptions"]) == {"50X1-HUM", "50X2-WMD"}
    # Domain fact 10: 25X5 and 25X9 exist and are not FGI/"violations of law" labels.
    assert {f"25X{i}" for i in range(1, 10)} <= set(ERAS["eo13526"]["exemptions"])
    assert ERAS["eo13526"]["severity"]["CL211"] == "error"  # X codes: an error under 13526 (EO-07)


@pytest.mark.parametrize("era,raw", [
    ("eo11652", "XGDS-1"), ("eo11652", "XGDS 4"), ("eo11652", "GDS"),
    ("eo12065", "GDS 8/12/85 (ROE, RICHARD A.) OR-P"), ("eo12065", "RDS-2 1/30/99 (ROE, R.)"),
    ("eo12065", "XDS-3 1/30/99 (ROE, R.)"),
    ("eo12958", "DECL: X1"), ("eo12958", "DECL: 1.6X5"), ("eo12958", "DECL: 1.6 X8"),
    ("eo12958-amended", "DECL: 25X1-human"), ("eo12958-amended", "DECL: 25X6, 01/30/2040"),
    ("eo13526", "DECL: 50X1-HUM"), ("eo13526", "DECL: 50X2-WMD"), ("eo13526", "DECL: 75X3, 2090/01/01"),
])
def test_era_lists_use_the_parsers_canonical_codes(era: str, raw: str) -> None:
    """The parser turns `XGDS-1` into XGDS1 and `1.6X5` into X5: the era lists must say the same."""
    dv = parse_decl(raw, 0)
    assert dv.exemptions, raw
    for t in dv.exemptions:
        assert t.value in ERAS[era]["exemptions"], (raw, t.value)


def test_generator_eras_agree(tmp_path: Path) -> None:
    """The synthetic corpus generator's eras table (../shared/bench) starts each
    order where ours does (its first era starts later: it samples from 1973)."""
    src = need_shared(SHARED / "bench" / "gen_corpus.py").read_text(encoding="utf-8")
    tree = ast.parse(src)
    node = next(n for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "ERAS")
    starts = {}
    for elt in node.value.elts:
        name, first = elt.elts[0].value, elt.elts[1]
        starts[name] = D(*[a.value for a in first.args])
    ours = {"12065": "eo12065", "12356": "eo12356", "12958": "eo12958", "12958A": "eo12958-amended",
            "13526": "eo13526"}
    for gen, mine in ours.items():
        assert starts[gen] == ERAS[mine]["_from"], gen


# -- what the eras do -------------------------------------------------------------

def test_reason_section_grace_window() -> None:
    text = cable("E.O. 12958: DECL: 06/30/2013", cby="DCM John Roe, reasons 1.5 (b) and (d)")
    assert "CL304" not in rules_at(lint(text, D(2003, 6, 30)))
    assert (5, "CL304", "warning") in lint(text, D(2003, 9, 22))  # the directive's day
    assert (5, "CL304", "warning") in lint(text, D(2008, 6, 30))
    assert (5, "CL304", "warning") in lint(cable("E.O. 12958: DECL: 06/30/2006"), D(1996, 6, 30))  # 1.4 too early


def test_retired_codes_graded_by_era() -> None:
    x = cable("E.O. 12958: DECL: X1")
    assert rules_at(lint(x, D(1999, 1, 5)), 2) == []
    assert rules_at(lint(x, D(2003, 6, 30)), 2) == []  # old forms accepted until 22 September 2003
    assert (2, "CL211", "warning") in lint(x, D(2006, 1, 5))  # a lagging drafter
    assert (2, "CL211", "error") in lint(x, D(2011, 1, 5))  # E.O. 13526: an error
    human = cable("E.O. 13526: DECL: 25X1-human")
    assert rules_at(lint(human, D(2011, 1, 5)), 2) == []  # replaced by 50X1-HUM; invalid after 2012
    assert (2, "CL211", "error") in lint(human, D(2013, 1, 5))


def test_oadr_is_right_only_under_12356() -> None:
    text = cable("E.O. 12356: DECL: OADR", cby=None)
    assert rules_at(lint(text, D(1990, 1, 30)), 2) == []
    assert rules_at(lint(cable("E.O. 12958: DECL: OADR"), D(1996, 1, 30)), 2) == ["CL208"]
    assert rules_at(lint(cable("E.O. 13526: DECL: OADR"), D(2011, 1, 30)), 2) == ["CL208"]


def test_order_named_vs_order_in_force() -> None:
    text = cable("E.O. 12958: DECL: 2020/08/19")
    assert rules_at(lint(text, D(2010, 8, 19)), 2) == []  # switch-over window
    assert (2, "CL202", "warning") in lint(text, D(2011, 2, 19))
    future = cable("E.O. 13526: DECL: 01/30/2015")
    assert rules_at(lint(future, D(2005, 1, 30)), 2) == ["CL203"]  # not signed: CL203 replaces CL202
    assert rules_at(lint(future, D(2010, 1, 30)), 2) == ["CL202"]  # signed, not yet in force
    assert rules_at(lint(cable("E.O. 12065: GDS 1/30/84 (ROE, R.)", cby=None), D(1978, 9, 1)), 2) == ["CL202"]
    restamp = "UNCLASSIFIED BUENOS AIRES 2481\n\nE.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009\n" \
              "TAGS: EFIS AR\nSUBJECT: SEAS\n\n1. TEXT.\n"
    assert lint(restamp, D(1966, 12, 28)) == []


@pytest.mark.parametrize("eo,date,fires", [
    ("E.O. 12065: GDS 1/30/86 (ROE, R.)", D(1980, 1, 30), False),  # six years
    ("E.O. 12065: GDS 1/31/87 (ROE, R.)", D(1980, 1, 30), True),
    ("E.O. 12065: RDS-2 1/30/2000 (ROE, R.)", D(1980, 1, 30), False),  # review schedule: longer
    ("E.O. 12958: DECL: 01/30/2006", D(1996, 1, 30), False),  # ten years
    ("E.O. 12958: DECL: 01/30/2011", D(1996, 1, 30), True),
    ("E.O. 12958: DECL: X1 01/30/2020", D(1996, 1, 30), False),  # X1-X8 lift the 10-year limit
    ("E.O. 12958: DECL: 01/30/2031", D(2006, 1, 30), False),  # 25 years
    ("E.O. 12958: DECL: 01/31/2032", D(2006, 1, 30), True),
    ("E.O. 12958: DECL: 25X6, 01/30/2050", D(2006, 1, 30), False),  # 25X with a date: up to 50
    ("E.O. 12958: DECL: 25X6, 01/30/2060", D(2006, 1, 30), True),
    ("E.O. 12356: DECL: 01/30/2040", D(1990, 1, 30), False),  # no limit under 12356
])
def test_decl_limits_by_era(eo: str, date: dt.date, fires: bool) -> None:
    got = lint(cable(eo, cby=None if date.year < 1995 else "DCM John Roe, reasons 1.5 (b)" if date.year < 2003
                     else "DCM John Roe, reasons 1.4 (b)"), date)
    assert (("CL207" in rules_at(got, 2)) == fires), got


def test_13526_exemption_dates() -> None:
    d = D(2011, 1, 5)
    assert rules_at(lint(cable("E.O. 13526: DECL: 50X1-HUM"), d), 2) == []
    assert rules_at(lint(cable("E.O. 13526: DECL: 50X1-HUM, 2061/01/05"), d), 2) == ["CL212"]
    assert rules_at(lint(cable("E.O. 13526: DECL: 25X6"), d), 2) == ["CL213"]
    assert rules_at(lint(cable("E.O. 13526: DECL: 25X6, after the treaty expires"), d), 2) == []
    assert rules_at(lint(cable("E.O. 13526: DECL: 25X6, 2045/01/05"), d), 2) == []


def test_portion_marks_graded_by_era() -> None:
    unmarked = "1. (C) Text.\n\n2. Unmarked text.\n"
    for date, sev in ((D(1976, 3, 1), "info"), (D(1980, 3, 1), "warning"), (D(1990, 3, 1), "warning"),
                      (D(2004, 3, 1), "error")):
        got = lint(cable("E.O. 11652: GDS", paras=unmarked, cby=None), date)
        assert [(r, s) for _, r, s in got if r == "CL102"] == [("CL102", sev)], (date, got)
    assert "CL102" not in rules_at(lint(cable("E.O. 11652: GDS", paras=unmarked, cby=None), D(1969, 3, 1)))
    whole = "1. CONFIDENTIAL - ENTIRE TEXT.\n\n2. Unmarked text.\n\n3. More.\n"
    assert rules_at(lint(cable("E.O. 12356: DECL: OADR", cby=None, paras=whole), D(1988, 3, 1))) == []
    got = lint(cable("E.O. 12958: DECL: 03/01/2014", paras=whole), D(2004, 3, 1))
    assert rules_at(got) == ["CL111"] and got[0][0] == 7  # one finding at the blanket mark


def test_pre_1972_cables_need_no_eo_line_or_tags() -> None:
    text = "C O N F I D E N T I A L OTTAWA 1187\n\nSUBJECT: TALKS\n\n1. TEXT.\n\n2. MORE TEXT.\nGP-3\nHARTWELL\n"
    assert lint(text, D(1969, 3, 14)) == []
    assert rules_at(lint(text, D(1975, 3, 14))) == ["CL102", "CL201", "CL401"]  # no paragraph marked: one CL102


def test_year_only_dates_never_guess_the_era() -> None:
    text = cable("E.O. 12958: DECL: 01/30/2014", cby="DCM John Roe, reasons 1.5 (b)")
    got = lint(text, None, path="03PARIS579.txt")  # 2003 straddles the amendment
    assert "CL304" not in rules_at(got) and "CL000" in rules_at(got)
    got = lint(text, None, path="05PARIS579.txt")  # 2005 is inside one era, outside its grace window
    assert "CL304" in rules_at(got) and "CL000" not in rules_at(got)


def test_derivative_classification_needs_no_reason() -> None:
    text = cable("E.O. 12958: DECL: 11/03/2018", cby="Derived from Multiple Sources")
    assert "CL302" not in rules_at(lint(text, D(2008, 11, 3)))
    assert "CL302" in rules_at(lint(cable("E.O. 12958: DECL: 11/03/2018", cby="DCM John Roe"), D(2008, 11, 3)))


def test_user_severity_beats_the_era() -> None:
    text = cable("E.O. 11652: GDS", paras="1. (C) Text.\n\n2. Unmarked.\n", cby=None)
    got = lint(text, D(1976, 3, 1), severity={"CL102": Severity.ERROR})
    assert [(r, s) for _, r, s in got if r == "CL102"] == [("CL102", "error")]


def test_numbered_classified_by_paragraph_of_the_1990s() -> None:
    """1990s cables often made the Classified By statement paragraph 1: it is the
    classification authority, not an unmarked portion, and it is not missing."""
    paras = "1. CLASSIFIED BY POLCOUNS JOHN ROE, EMBASSY PARIS. REASON: 1.5(B)(D).\n\n2. (C) Text.\n"
    got = lint(cable("E.O. 12958: DECL: 11/15/06", cby=None, paras=paras), D(1996, 11, 18))
    assert got == []
    paras = "1. THE EMBASSY WAS TOLD ON MONDAY.\n\n2. (C) Text.\n"
    assert rules_at(lint(cable("E.O. 12958: DECL: 11/15/06", cby=None, paras=paras), D(1996, 11, 18))) == \
        ["CL102", "CL301"]


# -- the real corpus (../shared/corpus/real; skipped on a fresh clone) -------------------

ERA_RULES = {"CL111", "CL120", "CL202", "CL203", "CL204", "CL206", "CL207", "CL208", "CL211", "CL212", "CL213",
             "CL214", "CL301", "CL302", "CL304", "CL305"}


def test_corpus_era_rules(corpus_dir: Path) -> None:
    """On real cables: a cable whose day is known never reports CL000 (the era
    table covers every date and defines what the rules ask of it), and the
    cables from before 2003 (1966-2002, all eras) give only the era findings
    read and judged right: a 1996 DECL 21 years out (the limit was 10), and a
    damaged 1990 export whose text carries a 2008 "reasons 1.4" line: that one
    is diagnosed as another cable's text (CL901), its CL304 folded into it."""
    engine = Engine([STATE])
    old: list[tuple[str, str]] = []
    for f in sorted(corpus_dir.glob("*.txt")):
        doc = engine.parse(read(str(f)))
        found = engine.lint_document(doc)
        if doc.date.source in ("dtg", "dateline"):
            assert not [x for x in found if x.rule == "CL000"], f.name
        if doc.date.value and doc.date.value.year < 2003:
            old += [(f.stem, x.rule) for x in found if x.rule in ERA_RULES]
            old += [(f.stem, r.rule) for x in found if x.rule == "CL901" for r in x.related if r.rule in ERA_RULES]
    assert sorted(old) == [("90KHARTOUM10657", "CL304"), ("96ANKARA12278", "CL207")]


def test_year_only_date_spanning_two_eras_runs_rules_the_eras_agree_on() -> None:
    """03BRASILIA907-like: only the year 2003 is known (two eras), yet both
    eras accept E.O. 12958 and a 10-year DECL, so those rules run; a rule whose
    verdict differs between the eras (reasons "1.4" are wrong before March
    2003, right after) still reports CL000."""
    from cablelint import lint_text

    text = ("C O N F I D E N T I A L BRASILIA 000907\nE.O. 12958: DECL: 03/01/2013\nTAGS: PREL BR\n"
            "SUBJECT: (U) X\nClassified By: Ambassador Jon Doe, reasons 1.4 (b) and (d)\n\n1. (C) Text.\n")
    findings = lint_text(text, path="03BRASILIA907.txt")
    cl000 = [f for f in findings if f.rule == "CL000"]
    skipped = " ".join(f.message for f in cl000)
    assert "CL304" in skipped and "CL202" not in skipped and "CL207" not in skipped
    assert not [f for f in findings if f.rule in ("CL202", "CL207")]
