"""Choosing the rule set by the shape of the document.

The default rule sets are state, capco and cui; each `applies` only to its
shape (cable, capco, cui), so a document gets the rules written for it and
no noise from the others. A document of no known shape is not passed in
silence: CL002 says that no rule set checked it.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cablelint import lint_text
from cablelint.api import make_engine
from cablelint.cli import main
from cablelint.parser import parse
from cablelint.ruleset import DEFAULT_RULESETS, load
from cablelint.source import Source, read

from conftest import SEED

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.mark.parametrize("text,shape", [
    ("SECRET//NOFORN\n\n(S//NF) Text.\n\nSECRET//NOFORN\n", "capco"),
    ("(S//NF) Text without a banner.\n", "capco"),
    ("SECRET\n\n(S) First portion.\n\n(U) Second portion.\n\nSECRET\n", "capco"),  # ISOO layout, bare level
    ("Derived From: Multiple Sources\nDeclassify On: 20491231\n\nText.\n", "capco"),
    ("CUI\n\nText.\n", "cui"),
    ("CONTROLLED//SP-CTI\n\nText.\n", "cui"),
    ("Controlled By: Department of State\n\nText.\n", "cui"),
    ("(CUI) Text without a banner.\n", "cui"),
    ("SECRET//NOFORN\n\nControlled By: Department of State\n\n(S//NF) Text.\n", "capco"),  # classified: not CUI
    ("CONFIDENTIAL PARIS 000123\n\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\nSUBJECT: X\n\n1. (C) Text.\n", "cable"),
    ("C O N F I D E N T I A L SECTION 01 OF 02 PARIS 000579\n\n1. (C) Text.\n", "cable"),
    ("Minutes of the garden committee (see below).\n\nWe chose (a) benches and (b) paint.\n", "unknown"),
    ("", "unknown"),
])
def test_shape(text: str, shape: str) -> None:
    assert parse(Source("x.txt", text)).shape == shape


@pytest.mark.parametrize("folder,shape", [("capco", "capco"), ("cui", "cui"), ("ci/cables", "cable"),
                                          ("office", "cable"), ("state", "cable")])
def test_example_folders_have_their_shape(folder: str, shape: str) -> None:
    files = sorted((EXAMPLES / folder).glob("*.txt"))
    if folder == "state" and not files:
        pytest.skip("no examples/state yet")
    assert files
    assert {f.name: parse(read(str(f))).shape for f in files} == {f.name: shape for f in files}


def test_the_default_is_every_shape_rule_set() -> None:
    assert DEFAULT_RULESETS == ("state", "capco", "cui")
    assert {rs.name: rs.applies for rs in map(load, DEFAULT_RULESETS)} == {
        "state": {"shape": ["cable"]}, "capco": {"shape": ["capco"]}, "cui": {"shape": ["cui"]}}


@pytest.mark.parametrize("path,alone", [
    (SEED, "state"),
    (EXAMPLES / "capco" / "controls_faulty.txt", "capco"),
    (EXAMPLES / "cui" / "cui_portions_faulty.txt", "cui"),
])
def test_default_sets_give_what_the_shape_set_alone_gives(path: Path, alone: str) -> None:
    def keys(engine):
        return [(f.line, f.column, f.rule) for f in engine.lint_source(read(str(path)))]

    got = keys(make_engine())
    assert got and got == keys(make_engine([alone]))


@pytest.mark.parametrize("text", ["Minutes of the garden committee (see below).\n", "", "\n\n   \n"])
def test_a_document_of_no_shape_gets_cl002(text: str) -> None:
    got = lint_text(text, path="plain.txt")
    assert [(f.rule, f.line, str(f.severity)) for f in got] == [("CL002", 1, "warning")]
    assert "no classification marking" in got[0].message


def test_a_set_for_another_shape_says_so() -> None:
    text = (EXAMPLES / "capco" / "memo_prose_clean.txt").read_text(encoding="utf-8")
    got = lint_text(text, path="memo.txt", rules=["state"])
    assert [(f.rule, f.line) for f in got] == [("CL002", 1)]
    assert "CAPCO-marked document" in got[0].message and "(state)" in got[0].message
    # A set with no `applies` checks everything, so nothing is left unchecked.
    assert all(f.rule != "CL002" for f in lint_text(text, path="memo.txt", rules=["release"]))


def test_cli_rules_lists_the_shipped_sets(capsys: pytest.CaptureFixture) -> None:
    assert main(["rules", "--format", "json"]) == 0
    sets = {s["name"]: s for s in json.loads(capsys.readouterr().out)}
    assert sets["capco"]["rules"] == len(load("capco").rules) >= 30
    assert sets["cui"]["rules"] == len(load("cui").rules) >= 20
    assert "CUI" in sets["cui"]["description"] and "IC" in sets["capco"]["description"]


def test_cli_check_picks_the_set_per_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    for src in (SEED, EXAMPLES / "capco" / "rollup_faulty.txt", EXAMPLES / "cui" / "cui_indicator_faulty.txt"):
        shutil.copy(src, tmp_path / src.name)
    (tmp_path / "notes.txt").write_text("Shopping list: bread, milk.\n", encoding="utf-8")
    assert main(["check", "--isolated", "--format", "json", "--exit-zero", str(tmp_path)]) == 0
    found = json.loads(capsys.readouterr().out)
    by_file: dict[str, set[str]] = {}
    for f in found:
        by_file.setdefault(Path(f["path"]).name, set()).add(f["rule"])
    ids = {name: {r.id for r in load(name).rules} | {"CL000"} for name in DEFAULT_RULESETS}
    # notes.txt is no cable nor marked document: skipped (a note under --show-files), not flagged
    assert set(by_file) == {SEED.name, "rollup_faulty.txt", "cui_indicator_faulty.txt"}
    assert by_file[SEED.name] <= ids["state"] and by_file[SEED.name] - {"CL000"}
    assert by_file["rollup_faulty.txt"] <= ids["capco"] and by_file["rollup_faulty.txt"]
    assert by_file["cui_indicator_faulty.txt"] <= ids["cui"] and by_file["cui_indicator_faulty.txt"]
    assert main(["check", "--isolated", "--show-files", "-q", "--exit-zero", str(tmp_path / "notes.txt")]) == 0
    assert "notes.txt: skipped (not a cable or marked document" in capsys.readouterr().err


def test_corpus_cables_are_all_cable_shaped(corpus_dir: Path) -> None:
    files = sorted(corpus_dir.glob("*.txt"))
    assert len(files) >= 2000
    odd = [f.name for f in files if parse(read(str(f))).shape != "cable"]
    assert odd == []


def test_a_cable_marked_cui_is_still_a_cable() -> None:
    text = "CUI\n\nE.O. 13526: N/A\nTAGS: PREL FR\nSUBJECT: A CABLE WITH A CUI BANNER\n\n1. Text.\n"
    assert parse(Source("c.txt", text)).shape == "cable"
