"""The office example (examples/office/): a custom rule set that extends
state, its cables, and the project configuration a newcomer would copy.

Each office feature is shown to matter by comparing with plain `state`: the
office's TAGS are unknown to state, its 10-year DECL limit is not state's 25,
and its caption rule does not exist in state.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cablelint import lint_paths, lint_text, load_ruleset, make_engine
from cablelint.cli import main
from cablelint.findings import Severity
from cablelint.ruleset import RuleSetError
from cablelint.source import Source
from cablelint.targets import resolve

ROOT = Path(__file__).resolve().parents[1]
OFFICE = ROOT / "examples" / "office"
RULES = str(OFFICE / "ofa.yaml")


@pytest.fixture(scope="module")
def ofa():
    return load_ruleset(RULES)


def _found(path: Path, rules: str) -> list[tuple[int, str]]:
    return [(f.line, f.rule) for f in lint_paths([path], engine=make_engine([rules]))]


def test_office_rule_set_extends_state(ofa) -> None:
    state = load_ruleset("state")
    ids = {r.id for r in ofa.rules}
    assert {r.id for r in state.rules} < ids and "OFA101" in ids
    assert ofa.extends == ["state"] and ofa.name == "ofa"
    assert {"FICT"} <= set(ofa.lists["subject_tags"]) and "KFIC" in ofa.lists["program_tags"]
    assert set(state.lists["subject_tags"]) < set(ofa.lists["subject_tags"])
    eras = {e["name"]: e for e in ofa.eras}
    assert eras["eo13526"]["decl_max_years"] == 10
    assert eras["eo12958-amended"]["decl_max_years"] == 25  # other eras keep State's values
    assert {e["name"]: e for e in state.eras}["eo13526"]["decl_max_years"] == 25  # state untouched
    by_id = {r.id: r for r in ofa.rules}
    assert by_id["CL404"].severity is Severity.ERROR
    assert {r.id: r for r in state.rules}["CL404"].severity is Severity.WARNING


def test_office_rule_examples_pass() -> None:
    assert main(["test", RULES]) == 0


def test_clean_office_cable(ofa) -> None:
    clean = OFFICE / "ofa_clean.txt"
    assert _found(clean, RULES) == []
    # State alone does not know the office's TAGS: the extension is what makes it clean.
    assert _found(clean, "state") == [(10, "CL404")]  # two unknown TAGS, one finding per TAGS line


def test_faulty_office_cable(ofa) -> None:
    faulty = OFFICE / "ofa_faulty.txt"
    findings = lint_paths([faulty], engine=make_engine([ofa]))
    assert [(f.line, f.rule) for f in findings] == [(6, "OFA101"), (8, "CL207"), (9, "CL404")]
    decl = next(f for f in findings if f.rule == "CL207")
    assert "at most 10" in decl.message and "as applied by OFA" in decl.message
    assert all(f.severity is Severity.ERROR for f in findings)
    # Under state the DECL date (20 years) is within 25 and there is no caption rule.
    assert [r for _, r in _found(faulty, "state")] == ["CL404"]  # three unknown TAGS on one line: one finding


def test_caption_target_reads_banner_and_caption_lines(ofa) -> None:
    text = (OFFICE / "ofa_clean.txt").read_text(encoding="utf-8")
    engine = make_engine([ofa])
    doc = engine.parse(Source("c.txt", text))
    (item,) = resolve("banner.controls.FICTDIS")(doc)
    assert text[item.span.start:item.span.end] == "FICTDIS" and item.label == "caption"
    assert resolve("banner.controls.NODIS")(doc) == []
    # On the banner line itself the caveat counts too.
    moved = text.replace("000123\nFICTDIS\n", "000123 FICTDIS\n")
    assert [f.rule for f in lint_text(moved, engine=engine)] == []


def _ruleset(tmp_path: Path, body: str) -> str:
    p = tmp_path / "office.yaml"
    p.write_text("name: office\nextends: state\n" + body, encoding="utf-8")
    return str(p)


def test_era_overrides_errors_name_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(RuleSetError, match=r"office\.yaml:4: `era_overrides`: no era named 'eo99999'"):
        load_ruleset(_ruleset(tmp_path, "era_overrides:\n  eo99999: {decl_max_years: 5}\n"))
    with pytest.raises(RuleSetError, match=r"office\.yaml:4: .*`from` cannot be changed"):
        load_ruleset(_ruleset(tmp_path, "era_overrides:\n  eo13526: {from: 2011-01-01}\n"))
    with pytest.raises(RuleSetError, match=r"must map era keys to values"):
        load_ruleset(_ruleset(tmp_path, "era_overrides:\n  eo13526: 10\n"))


def test_era_overrides_star_changes_every_era(tmp_path: Path) -> None:
    rs = load_ruleset(_ruleset(tmp_path, "era_overrides:\n  '*': {classified_by_required: true}\n"))
    assert all(e["classified_by_required"] is True for e in rs.eras)
    assert [e["_from"] for e in rs.eras] == [e["_from"] for e in load_ruleset("state").eras]


# -- the project configuration (.cablelint.yaml) ---------------------------------
@pytest.fixture()
def office_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of examples/office as a project root, with an archive/ the config excludes."""
    dst = tmp_path / "office"
    shutil.copytree(OFFICE, dst)
    (dst / "archive").mkdir()
    shutil.copy(OFFICE / "ofa_faulty.txt", dst / "archive" / "old.txt")
    monkeypatch.chdir(dst)
    return dst


def test_office_config_is_discovered_and_applied(office_copy: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["check", "--show-config"]) == 0
    shown = capsys.readouterr().out
    assert str(office_copy / ".cablelint.yaml") in shown and "fail-on: warning" in shown
    code = main(["check", "--format", "json", "."])
    out = capsys.readouterr().out

    got = sorted((Path(f["path"]).as_posix().removeprefix("./"), f["line"], f["rule"]) for f in json.loads(out))
    # drafts/ ignores CL401/CL501 (per-file-ignores), archive/ is excluded.
    assert got == [("ofa_faulty.txt", 6, "OFA101"), ("ofa_faulty.txt", 8, "CL207"), ("ofa_faulty.txt", 9, "CL404")]
    assert code == 1


def test_office_config_fail_on_warning(office_copy: Path, capsys: pytest.CaptureFixture) -> None:
    # The clean cable with a paragraph gap: CL502 is a warning in state, an error
    # by the config's severity; with fail-on: warning either way fails the run.
    text = (office_copy / "ofa_clean.txt").read_text(encoding="utf-8").replace("3. (U) The office", "4. (U) The office")
    (office_copy / "gap.txt").write_text(text, encoding="utf-8")
    assert main(["check", "--format", "json", "gap.txt"]) == 1

    (f,) = json.loads(capsys.readouterr().out)
    assert (f["rule"], f["severity"]) == ("CL502", "error")
    assert main(["check", "--isolated", "--rules", "ofa.yaml", "--format", "json", "gap.txt"]) == 0
    (f,) = json.loads(capsys.readouterr().out)
    assert (f["rule"], f["severity"]) == ("CL502", "warning")
