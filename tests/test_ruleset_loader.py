"""A malformed rule set is refused with its file and line, and exit code 2."""
from __future__ import annotations

from pathlib import Path

import pytest

from cablelint.cli import main
from cablelint.ruleset import RuleSetError, load

from conftest import file_line_error

GOOD_RULE = """\
  - id: XX101
    name: tags-needed
    severity: error
    kind: presence
    target: tags_line
    message: no TAGS
"""


def write(tmp_path: Path, body: str, head: str = "name: house\ndescription: test\nrules:\n") -> Path:
    p = tmp_path / "house.yaml"
    p.write_text(head + body, encoding="utf-8")
    return p


@pytest.mark.parametrize("body,line,words", [
    (GOOD_RULE.replace("    target: tags_line\n", "    target: tags_line\n    colour: red\n"), 9, "unknown key `colour`"),
    (GOOD_RULE.replace("severity: error", "severity: fatal"), 6, "unknown severity"),
    (GOOD_RULE.replace("kind: presence", "kind: spellcheck"), 7, "unknown kind"),
    (GOOD_RULE.replace("target: tags_line", "target: tags.line"), 8, "unknown target"),
    (GOOD_RULE.replace("kind: presence\n    target: tags_line", "kind: pattern\n    target: tags_line\n    forbid: '(unclosed'"), 9,
     "bad regex"),  # at the key's line
    (GOOD_RULE.replace("id: XX101", "id: tags-101"), 4, "id must be 1 to 6 capital letters then 2 to 4 digits"),
    (GOOD_RULE.replace("    message: no TAGS\n", ""), 4, "missing `message`"),
    (GOOD_RULE.replace("kind: presence\n    target: tags_line", "kind: count\n    target: tags\n    min: many"), 9,
     "`min` must be a whole number"),
    (GOOD_RULE + GOOD_RULE.replace("XX101", "XX102"), 10, "used by XX101"),
    (GOOD_RULE.replace("    message: no TAGS\n", "    message: no TAGS\n    message: twice\n"), 10, "duplicate key"),
    (GOOD_RULE.replace("name: tags-needed", "name: [tags"), 6, "invalid YAML"),  # where the parser notices
])
def test_bad_rule_set_names_file_and_line(tmp_path: Path, body: str, line: int, words: str) -> None:
    path = write(tmp_path, body)
    file_line_error(RuleSetError, lambda: load(str(path)), path, line, words, after="")


def test_unknown_top_level_key_and_cli_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, GOOD_RULE, head="name: house\nrulez: []\nrules:\n")
    cable = tmp_path / "c.txt"
    cable.write_text("UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: X\n", encoding="utf-8")
    assert main(["check", "--isolated", "--rules", str(path), str(cable)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:2" in err and "unknown key `rulez`" in err


def test_extends_loop_and_missing_parent(tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text("name: a\nextends: b.yaml\nrules: []\n", encoding="utf-8")
    b.write_text("name: b\nextends: a.yaml\nrules: []\n", encoding="utf-8")
    with pytest.raises(RuleSetError, match="loops back"):
        load(str(a))
    b.write_text("name: b\nextends: nowhere.yaml\nrules: []\n", encoding="utf-8")
    with pytest.raises(RuleSetError, match="nowhere.yaml: rule set file not found"):
        load(str(a))


def test_a_good_rule_set_extends_a_shipped_one(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_RULE, head="name: house\nextends: state\ndisable: [CL503]\nrules:\n")
    rs = load(str(path))
    ids = {r.id for r in rs.rules}
    assert "XX101" in ids and "CL101" in ids and "CL503" not in ids


def test_a_folder_named_as_a_shipped_set_is_no_rule_set(tmp_path: Path, monkeypatch, capsys) -> None:
    """A cable repository sorted into folders `state/`, `capco/`, `cui/` is
    linted from its root: the folder does not shadow the shipped name."""
    monkeypatch.chdir(tmp_path)
    cable = Path(__file__).resolve().parents[1] / "examples" / "state" / "1969-eo10501-clean.txt"
    for name in ("state", "capco", "cui"):
        (tmp_path / name).mkdir()
    (tmp_path / "state" / "c.txt").write_bytes(cable.read_bytes())
    assert load("state").name == "state" and load("capco").name == "capco"
    assert main(["check", "--no-cache", "state/c.txt"]) == 0
    assert main(["check", "--no-cache", "-r", "cui", "-r", "state", "."]) == 0
    capsys.readouterr()
    for spec in ("state/", str(tmp_path / "capco"), "house"):
        (tmp_path / "house").mkdir(exist_ok=True)
        with pytest.raises(RuleSetError, match="is a folder; a rule set is a YAML file"):
            load(spec)
