"""`cablelint test`: a rule author's broken example fails, naming file and line.

Each test writes a small rule set into tmp_path, breaks one thing, and
checks that `cablelint test` exits 1 and prints `file:line:` of the miss.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from cablelint.cli import main
from cablelint.ruleset import RuleSetError, load, shipped
from cablelint.ruletest import check_example_file, read_expectation, ExpectError

RULESET = """\
kind: ruleset
name: mini
description: a one-rule set for the test tool
applies: {shape: [cable]}
{extra}
rules:
  - id: MX101
    name: tags-missing
    severity: error
    kind: presence
    target: tags_line
    message: the cable has no TAGS line
    examples:
      - bad: |
          UNCLAS PARIS 000579
          E.O. 12958: N/A
          SUBJECT: NO TAGS
        line: {bad_line}
      - good: |
          UNCLAS PARIS 000579
          E.O. 12958: N/A
          TAGS: PREL FR
          SUBJECT: TAGS PRESENT
"""

CABLE_NO_TAGS = "UNCLAS PARIS 000580\nE.O. 12958: N/A\nSUBJECT: A CABLE WITHOUT TAGS\n\n1. (U) Text.\n"
CABLE_TAGS = "UNCLAS PARIS 000581\nE.O. 12958: N/A\nTAGS: PREL FR\nSUBJECT: A CABLE WITH TAGS\n\n1. (U) Text.\n"


def write_set(folder: Path, bad_line: int = 1, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mini.yaml"
    path.write_text(RULESET.replace("{extra}", extra).replace("{bad_line}", str(bad_line)), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["test", *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def yaml_line(path: Path, text: str) -> int:
    return next(i for i, l in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in l)


def test_a_sound_rule_set_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_set(tmp_path)
    code, out = run(capsys, str(tmp_path))
    assert code == 0, out
    assert "2 passed, 0 failed" in out


def test_broken_rule_example_fails_naming_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_set(tmp_path, bad_line=3)  # the rule reports line 1, not 3
    code, out = run(capsys, str(tmp_path))
    assert code == 1
    where = f"{path}:{yaml_line(path, '- bad: |')}: MX101: bad example: expected at line 3, fired at line 1"
    assert where in out, out


def test_broken_example_cable_fails_naming_sidecar_and_cable_lines(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = write_set(tmp_path)
    cases = tmp_path / "tests" / "mini"  # the convention folder beside mini.yaml
    cases.mkdir(parents=True)
    (cases / "no-tags.txt").write_text(CABLE_NO_TAGS, encoding="utf-8")
    (cases / "no-tags.txt.expect").write_text("# the rule reports at the banner\n1 MX101\n", encoding="utf-8")
    (cases / "tags-clean.txt").write_text(CABLE_TAGS, encoding="utf-8")
    assert run(capsys, str(path))[0] == 0

    # Expect the finding on the wrong line: the sidecar line names the miss, the
    # cable line names the finding nobody expected.
    (cases / "no-tags.txt.expect").write_text("# moved\n\n3 MX101  # wrong line\n", encoding="utf-8")
    code, out = run(capsys, str(path))
    assert code == 1
    assert f"{cases / 'no-tags.txt.expect'}:3: MX101: expected a finding at no-tags.txt:3, not found" in out, out
    assert f"{cases / 'no-tags.txt'}:1: MX101: found but not expected" in out, out

    # A "clean" cable that is not clean fails at the finding's line.
    (cases / "no-tags.txt.expect").write_text("1 MX101\n", encoding="utf-8")
    (cases / "tags-clean.txt").write_text(CABLE_NO_TAGS, encoding="utf-8")
    code, out = run(capsys, str(path))
    assert code == 1
    assert f"{cases / 'tags-clean.txt'}:1: MX101: found but not expected" in out, out


def test_example_files_key_and_file_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases"
    path = write_set(tmp_path / "rules", extra="example_files: [../cases]")
    code, out = run(capsys, str(path))
    assert code == 1 and f"{path}:1: example_files: {cases} does not exist" in out, out

    cases.mkdir()
    (cases / "unlabelled.txt").write_text(CABLE_TAGS, encoding="utf-8")  # neither sidecar nor "clean"
    (cases / "gone.txt.expect").write_text("1 MX101\n", encoding="utf-8")  # sidecar without its cable
    code, out = run(capsys, str(path))
    assert code == 1
    assert f"{cases / 'unlabelled.txt'}:1: expect: no sidecar unlabelled.txt.expect" in out, out
    assert f"{cases / 'gone.txt.expect'}:1: expect: sidecar without its cable" in out, out

    (cases / "gone.txt.expect").unlink()
    (cases / "unlabelled.txt").write_text(CABLE_NO_TAGS, encoding="utf-8")
    (cases / "unlabelled.txt.expect").write_text("1 MX101\nline two MX101\n", encoding="utf-8")
    code, out = run(capsys, str(path))
    assert code == 1
    assert f"{cases / 'unlabelled.txt.expect'}:2: expect: expected `LINE RULEID`" in out, out


def test_counts_are_of_examples_and_problems_never_negative(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A rule with only a bad example that does not fire is two problems and no
    example passed (not "-1 passed, 2 failed"); one example cable that misses
    twice is one failed example."""
    lone_bad = RULESET[:RULESET.index("      - good: |")].replace("{bad_line}", "1").replace("{extra}", "")
    (tmp_path / "one").mkdir()
    path = tmp_path / "one" / "mini.yaml"
    path.write_text(lone_bad.replace("target: tags_line", "target: subject"), encoding="utf-8")
    code, out = run(capsys, str(path))
    assert code == 1 and out.endswith("0 passed, 2 failed\n"), out
    path.write_text(lone_bad, encoding="utf-8")  # the bad example fires: it passes, the missing good one fails
    code, out = run(capsys, str(path))
    assert code == 1 and out.endswith("1 passed, 1 failed\n"), out

    cases = tmp_path / "two" / "tests" / "mini"
    cases.mkdir(parents=True)
    write_set(tmp_path / "two")
    (cases / "x.txt").write_text(CABLE_NO_TAGS, encoding="utf-8")
    (cases / "x.txt.expect").write_text("2 MX101\n3 MX101\n", encoding="utf-8")  # two misses and one extra
    code, out = run(capsys, str(tmp_path / "two"))
    assert code == 1 and out.count(": MX101: ") == 3 and out.endswith("2 passed, 1 failed\n"), out


def test_sidecar_format(tmp_path: Path) -> None:
    cable = tmp_path / "x-faulty.txt"
    cable.write_text(CABLE_NO_TAGS, encoding="utf-8")
    assert read_expectation(cable) is None
    sidecar = tmp_path / "x-faulty.txt.expect"
    sidecar.write_text("# comment\n# date: 1976-03-01\n# as-of: 2020-01-01\n# rules: state extra.yaml\n"
                       "4 CL102\n4 CL102  # twice\n7 CL207\n", encoding="utf-8")
    exp = read_expectation(cable)
    assert exp is not None
    assert exp.findings[(4, "CL102")] == 2 and exp.findings[(7, "CL207")] == 1
    assert exp.lines[(4, "CL102")] == 5 and exp.lines[(7, "CL207")] == 7
    assert str(exp.date) == "1976-03-01" and str(exp.as_of) == "2020-01-01"
    assert exp.rules == ["state", str(tmp_path / "extra.yaml")]
    sidecar.write_text("# date: March 1976\n", encoding="utf-8")
    with pytest.raises(ExpectError, match=r"x-faulty.txt.expect:1: `# date:` needs a date"):
        read_expectation(cable)


def test_date_directive_sets_the_cable_date(tmp_path: Path) -> None:
    """A cable with no date gives CL000 unless the sidecar supplies one."""
    cable = tmp_path / "undated-faulty.txt"
    cable.write_text("C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: 01/30/2040\nTAGS: PREL FR\n"
                     "SUBJECT: (U) DATE FROM THE SIDECAR\nClassified By: DCM John Roe, reasons 1.4 (b)\n\n"
                     "1. (C) Text.\n", encoding="utf-8")
    sidecar = tmp_path / "undated-faulty.txt.expect"
    sidecar.write_text("2 CL207\n", encoding="utf-8")
    state = load("state")
    fails = check_example_file(cable, state)
    assert any(f.rule == "CL000" for f in fails) and any(f.rule == "CL207" for f in fails)
    sidecar.write_text("# date: 2004-01-30\n2 CL207\n", encoding="utf-8")
    assert check_example_file(cable, state) == []


def test_era_table_typo_is_a_rule_set_error(tmp_path: Path) -> None:
    path = write_set(tmp_path, extra="eras:\n  - {name: e1, from: 1990-01-01, to: 2000-01-01, severity: {MX999: info}}")
    with pytest.raises(RuleSetError, match=r"mini.yaml:\d+: era e1: `severity` names no rule of this set: 'MX999'"):
        load(str(path))
    path = write_set(tmp_path, extra="eras:\n  - name: e1\n    from: 1990-01-01\n    to: 2000-01-01\n"
                                     "    grace: [{until: 1989-01-01}]")
    with pytest.raises(RuleSetError, match="grace window: `until` must be after `from`"):
        load(str(path))


def test_shipped_rule_sets_pass(capsys: pytest.CaptureFixture[str]) -> None:
    rules = Path(shipped()["state"]).parent
    code, out = run(capsys, str(rules))
    assert code == 0, out
    assert " 0 failed" in out
