"""Marking-level checks without a document (issue 11): `lint_marking`, the
`cablelint marking` command, and files that hold only markings.

The fragments are written from the CAPCO 2016 Register's own examples
(examples/capco/fragments/register-fragments.tsv): each must give exactly the
findings (rule and column) and the canonical banner its row lists.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cablelint import lint_marking, lint_text, make_engine
from cablelint.cli import main
from cablelint.ruleset import RuleSetError, load

ROOT = Path(__file__).resolve().parents[1]
TSV = ROOT / "examples" / "capco" / "fragments" / "register-fragments.tsv"
ENGINE = make_engine()


def _rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in TSV.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            marking, expected, banner, note = line.split("\t")
            rows.append((marking, expected, banner, note))
    return rows


ROWS = _rows()


def test_there_are_enough_fragments_both_valid_and_invalid() -> None:
    assert len(ROWS) >= 60
    assert sum(1 for r in ROWS if r[1] == "ok") >= 30
    assert sum(1 for r in ROWS if r[1] != "ok") >= 30


@pytest.mark.parametrize("marking,expected,banner,note", ROWS, ids=[r[0] for r in ROWS])
def test_register_fragment(marking: str, expected: str, banner: str, note: str) -> None:
    res = lint_marking(marking, engine=ENGINE)
    assert res.kind in ("banner", "portion"), note
    got = sorted(f"{f.rule}@{f.column}" for f in res.findings)
    assert got == sorted(expected.split(",")) if expected != "ok" else got == [], note
    if banner != "-":
        assert res.banner == banner, note


def test_canonical_forms_of_a_banner_and_a_portion() -> None:
    res = lint_marking("TOP SECRET//NOFORN/ORCON", engine=ENGINE)
    assert (res.banner, res.portion) == ("TOP SECRET//ORCON/NOFORN", "(TS//OC/NF)")
    res = lint_marking("(C//REL TO GBR, USA)", engine=ENGINE)
    assert res.portion == "(C//REL TO USA, GBR)"
    assert [f.rule for f in res.findings] == ["CL710"]


def test_an_unreadable_marking_is_said_to_be_one() -> None:
    res = lint_marking("bogus words", engine=ENGINE)
    assert res.kind == "unreadable" and res.banner is None and res.findings == []


def test_a_file_of_markings_gets_no_document_rule() -> None:
    text = "(S//NF)\n(U//FOUO)\n\nSECRET//NOFORN\n(S/NF)\n"
    findings = lint_text(text, path="marks.txt", engine=ENGINE)
    assert [(f.line, f.rule) for f in findings] == [(5, "CL718")]
    # The same marks inside a document do get the document rules (authority block...).
    doc = "SECRET//NOFORN\n\n(S//NF) Harbor works.\n"
    assert {"CL702", "CL724"} <= {f.rule for f in lint_text(doc, path="d.txt", engine=ENGINE)}


def test_the_marking_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["marking", "SECRET//NF"]) == 1
    out = capsys.readouterr().out
    assert "banner form:  SECRET//NOFORN" in out and "portion form: (S//NF)" in out and "CL720" in out
    assert main(["marking", "(S//NF)", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["kind"] == "portion" and data[0]["findings"] == []


def test_text_conditions_take_a_valid_regex(tmp_path: Path) -> None:
    bad = """
kind: ruleset
name: t
rules:
  - id: T101
    name: t-rule
    severity: warning
    kind: presence
    target: banner
    when: {text_lacks: '(unclosed'}
    message: m
"""
    path = tmp_path / "t.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(RuleSetError, match="bad regex in `text_lacks`"):
        load(str(path))


def test_cui_markings_are_checked_with_the_cui_rules_and_order() -> None:
    """A CUI banner gets the CUI set's marking rules and the CUI order
    (categories before dissemination controls), not the CAPCO order."""
    res = lint_marking("CUI//SP-CTI/NOFORN", engine=ENGINE)
    assert [f.rule for f in res.findings] == ["CL805"]
    assert (res.banner, res.portion) == ("CUI//SP-CTI//NOFORN", "(CUI//SP-CTI//NF)")


def test_a_lone_cui_marking_is_judged_as_of_the_run_date() -> None:
    """Era rules run on a lone marking (no CL000 'date unknown'): FOUO under
    a CUI banner is a legacy marking today, and not before the CUI rule."""
    today = lint_marking("CUI//FOUO", engine=ENGINE)
    assert [f.rule for f in today.findings] == ["CL817"]
    import datetime as dt
    old = make_engine(date=dt.date(2010, 1, 1))
    assert [f.rule for f in lint_marking("CUI//FOUO", engine=old).findings] == []


def test_a_second_sar_program_rolls_up_like_the_first() -> None:
    text = ("TOP SECRET//SAR-BP//NOFORN\n\nClassified By: Jane Q. Analyst, Director, Office of Harbor Studies\n"
            "Reason: 1.4(c)\nDeclassify On: 20491231\n\n(TS//SAR-BP//NF) One.\n\n(TS//SAR-SDA//NF) Two.\n\n"
            "TOP SECRET//SAR-BP//NOFORN\n")
    assert [f.rule for f in lint_text(text, engine=ENGINE)] == ["CL743"]
    fixed = text.replace("SAR-BP//NOFORN\n", "SAR-BP/SDA//NOFORN\n")
    assert lint_text(fixed, engine=ENGINE) == []


# -- forms added for issue 11: EYES ONLY, NATO levels, FGI [LIST] / concealed --------------
def _parsed(marking: str):
    from cablelint.vocabulary import default_vocabulary
    v = default_vocabulary()
    if marking.startswith("("):
        return v.parse_portion(marking[1:-1], 1)
    return v.parse_banner(marking, 0)[0]


def test_an_eyes_only_list_is_one_entry_with_its_countries() -> None:
    from cablelint.target_codes import codes_of as _codes
    from cablelint.vocabulary import marking_separators
    text = "TOP SECRET//SI//USA/CAN/GBR EYES ONLY"
    mk = _parsed(text)
    assert [t.value for t in mk.tokens] == ["SI", "USA/CAN/GBR EYES ONLY"]
    assert [s.raw for s in marking_separators(text, 0)] == ["//", "//"]
    codes = _codes("EYES ONLY")(mk)
    assert [(c.value, text[c.span.start:c.span.end]) for c in codes] == [("USA", "USA"), ("CAN", "CAN"), ("GBR", "GBR")]
    # Without "EYES", slashes are separators as ever.
    assert len(marking_separators("SECRET//NOFORN/ORCON", 0)) == 2


def test_fgi_sources_are_listed_or_concealed() -> None:
    names = lambda mk: {c.value for c in mk.controls}  # noqa: E731
    assert names(_parsed("(//CAN GBR S)")) >= {"FGI", "FGI [LIST]"}
    assert "FGI [CONCEALED]" not in names(_parsed("(//CAN GBR S)"))
    assert names(_parsed("(//FGI S)")) >= {"FGI", "FGI [CONCEALED]"}
    assert names(_parsed("SECRET//FGI GBR//NOFORN")) >= {"FGI", "FGI [LIST]"}
    assert "FGI [CONCEALED]" in names(_parsed("SECRET//FGI//NOFORN"))
    from cablelint.target_codes import codes_of as _codes
    nato = _parsed("(//NS//NF)")
    assert [c.value for c in _codes("FGI [LIST]")(nato)] == ["NATO"]
    assert [c.value for c in _codes("FGI [LIST]")(_parsed("(//CAN GBR S)"))] == ["CAN", "GBR"]


def test_display_only_and_rel_to_codes_together() -> None:
    from cablelint.target_codes import codes_of as _codes
    mk = _parsed("(S//REL TO USA, IRQ/DISPLAY ONLY AFG, IRQ)")
    assert [c.value for c in _codes("DISPLAY ONLY")(mk)] == ["AFG", "IRQ"]
    assert [c.value for c in _codes("REL TO|DISPLAY ONLY")(mk)] == ["USA", "IRQ", "AFG", "IRQ"]


def test_page_marked_fgi_banner_is_judged_on_the_whole_document() -> None:
    # The first page's banner is the document's: FGI GBR from page 2 is not a
    # country "no portion holds" (CL764 runs on the whole document only).
    text = ("SECRET//FGI GBR//NOFORN\n\n(S//NF) Our own assessment.\n\nSECRET//FGI GBR//NOFORN\n---\n"
            "SECRET//FGI GBR\n\n(//GBR S) What the British told us.\n\nSECRET//FGI GBR\n")
    assert "CL764" not in {f.rule for f in lint_text(text, path="p.txt", engine=ENGINE)}
