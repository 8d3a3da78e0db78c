"""One run session for every command (issue 10): each item found by the
review has a test here that failed before the session and passes with it."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from cablelint.cli import main
from cablelint.reporters import names as format_names

from test_cli_check import CABLE as CLI_CABLE

ROOT = Path(__file__).resolve().parents[1]

# The invented cable of test_cli_check, its paragraphs given words found nowhere else.
CABLE = (CLI_CABLE
         .replace("(C) The minister met the delegation and set out his views on trade.",
                  "1. (C) The quorblat envoy described zephyrine shipments to the harbour.")
         .replace("Nobody marked this paragraph, so it must be flagged by the linter as an error.",
                  "2. Unmarked paragraph: the vantrel committee reviewed the plombic accord.")
         .replace("(S) This paragraph is classified above the banner of the cable.",
                  "3. (S) The kestovar delegation named the brindlewood supplier."))
PARAGRAPH_WORDS = ["quorblat", "zephyrine", "vantrel", "plombic", "kestovar", "brindlewood", "harbour"]
BASE = ["check", "--isolated", "--date", "2004-01-30"]


def git(cwd: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", HOME=str(cwd))
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository as a team keeps it: config, protect list, cables, an
    excluded folder, requirements.txt, a virtualenv and a gitignored folder."""
    root = tmp_path / "repo"
    (root / "cables").mkdir(parents=True)
    (root / "archive").mkdir()
    (root / "build").mkdir()
    (root / ".venv" / "lib").mkdir(parents=True)
    (root / "venv").mkdir()
    (root / "venv" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    named = CABLE.replace("JANE DOE", "JANE ROSENBLATT")
    (root / "cables" / "a.txt").write_text(named, encoding="utf-8")
    (root / "cables" / "B.TXT").write_text(named.replace("012345", "012346"), encoding="utf-8")
    (root / "archive" / "old.txt").write_text(named, encoding="utf-8")
    (root / "build" / "gen.txt").write_text(named, encoding="utf-8")
    (root / "venv" / "x.txt").write_text(named, encoding="utf-8")
    (root / ".venv" / "lib" / "y.txt").write_text(named, encoding="utf-8")
    (root / "requirements.txt").write_text("regex>=2023.0\npyyaml>=6.0\n", encoding="utf-8")
    (root / "LICENSE.txt").write_text("MIT License\n\nPermission is hereby granted, free of charge.\n",
                                      encoding="utf-8")
    (root / "names.txt").write_text("Rosenblatt\n", encoding="utf-8")
    (root / ".gitignore").write_text("build/\n", encoding="utf-8")
    (root / ".cablelint.yaml").write_text("protect: [names.txt]\nexclude: [\"archive/**\"]\nfail-on: warning\n"
                                          "date: 2004-01-30\n", encoding="utf-8")
    git(root, "init", "-q")
    monkeypatch.chdir(root)
    return root


def test_redact_in_place_rewrites_only_the_linted_cables(project: Path, capsys) -> None:
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and ".git" not in p.parts}
    assert main(["redact", "--in-place", "-q", "."]) == 0
    changed = {p.relative_to(project).as_posix() for p, data in before.items() if p.read_bytes() != data}
    assert changed == {"cables/a.txt", "cables/B.TXT"}
    assert (project / "names.txt").read_text(encoding="utf-8") == "Rosenblatt\n"
    assert "ROSENBLATT" not in (project / "cables" / "a.txt").read_text(encoding="utf-8")
    capsys.readouterr()
    # and a later run still works: the protect list was not turned into placeholders
    assert main(["check", "-f", "concise", "--exit-zero", "."]) == 0


def test_check_lints_the_cables_and_nothing_else(project: Path, capsys) -> None:
    main(["check", "-f", "json", "--exit-zero", "--show-files", "."])
    out, err = capsys.readouterr()
    paths = {Path(f["path"]).as_posix() for f in json.loads(out)}
    assert paths == {"cables/a.txt", "cables/B.TXT"}  # .TXT matched whatever its case
    assert "requirements.txt: skipped (not a cable" in err and "LICENSE.txt: skipped (not a cable" in err
    assert "build/: skipped (ignored by git)" in err.replace(os.sep, "/")
    assert "names.txt: skipped (a protect list" in err
    assert "ROSENBLATT" not in (out + err).upper()
    main(["check", "-f", "concise", "--exit-zero", "."])  # without --show-files: a count in the summary
    out, err = capsys.readouterr()
    assert re.search(r"; [1-9]\d* skipped \(--show-files says why\)", out) and "skipped (" not in err
    # requirements.txt and the protect list, named as pre-commit names them, are still skipped
    assert main(["check", "-f", "json", "--fail-on", "warning", "requirements.txt", "names.txt",
                 "LICENSE.txt"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize("fmt", sorted(format_names()))
def test_no_format_prints_the_cables_text_unless_asked(tmp_path: Path, capsys, fmt: str) -> None:
    cable = tmp_path / "c.txt"
    cable.write_text(CABLE, encoding="utf-8")
    for extra in ([], ["--statistics"], ["--show-files"]):
        main([*BASE, "-f", fmt, "--exit-zero", *extra, str(cable)])
        out, err = capsys.readouterr()
        for word in PARAGRAPH_WORDS:
            assert word not in (out + err).lower(), (fmt, extra, word)
    if fmt == "full":
        main([*BASE, "--exit-zero", "--show-source", str(cable)])
        assert "vantrel" in capsys.readouterr().out
        main([*BASE, "--exit-zero", "--show-matches", str(cable)])
        assert "  = match: 2. Unmarked paragraph: the vantrel" in capsys.readouterr().out


def test_full_with_show_source_keeps_protected_names_masked(tmp_path: Path, capsys) -> None:
    cable = tmp_path / "c.txt"
    cable.write_text(CABLE.replace("Unmarked paragraph:", "Unmarked paragraph by Rosenblatt:"), encoding="utf-8")
    names = tmp_path / "names.txt"
    names.write_text("Rosenblatt\n", encoding="utf-8")
    main([*BASE, "--exit-zero", "--show-source", "--protect", str(names), str(cable)])
    out = capsys.readouterr().out
    assert "vantrel" in out and "[PROTECTED]" in out and "rosenblatt" not in out.lower()


HOUSE = """\
name: house
extends: state
disable: [CL404]
severity: {CL102: warning}
rules: []
"""


@pytest.mark.parametrize("order", [["state", "./house.yaml"], ["./house.yaml", "state"]])
def test_a_set_listed_beside_its_parent_runs_once(tmp_path: Path, monkeypatch, capsys, order) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "house.yaml").write_text(HOUSE, encoding="utf-8")
    (tmp_path / ".cablelint.yaml").write_text(yaml.safe_dump({"rules": order, "date": "2004-01-30"}),
                                              encoding="utf-8")
    (tmp_path / "c.txt").write_text(CABLE, encoding="utf-8")
    main(["check", "-f", "json", "--exit-zero", "c.txt"])
    found = [(f["rule"], f["line"], f["severity"]) for f in json.loads(capsys.readouterr().out)]
    assert len(found) == len(set(found)), found  # no finding twice
    assert all(r != "CL404" for r, _, _ in found)  # the house disabled it
    assert ("CL102", 11, "warning") in found and ("CL102", 11, "error") not in found


def test_inspect_reads_the_configured_rule_sets(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "house.yaml").write_text("name: house\nextends: state\nvocabulary:\n  levels:\n"
                                         "    - {name: RESTRICTED, rank: 1}\nrules: []\n", encoding="utf-8")
    (tmp_path / ".cablelint.yaml").write_text("rules: [house.yaml]\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text(CABLE.replace("C O N F I D E N T I A L", "RESTRICTED"), encoding="utf-8")
    assert main(["inspect", "-f", "json", "c.txt"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["classification"]["level"] == "RESTRICTED"


def test_rule_and_rules_know_the_engine_rules(capsys) -> None:
    assert main(["rule", "CL000", "unreadable-input"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("CL000 rule-could-not-run (info, rule set engine)") and "CL001 unreadable-input" in out
    assert main(["rules", "--all"]) == 0
    ids = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert ids[:3] == ["CL000", "CL001", "CL002"]
    assert main(["rule", "CL002", "--format", "md"]) == 0
    assert "**Why.**" in capsys.readouterr().out


def test_test_command_searches_subfolders_and_skips_configs(tmp_path: Path, capsys) -> None:
    shutil.copytree(ROOT / "examples" / "office", tmp_path / "sub" / "office")  # ofa.yaml + .cablelint.yaml
    (tmp_path / ".cablelint.yaml").write_text("rules: [state]\n", encoding="utf-8")
    (tmp_path / "names.yaml").write_text("terms: [Rosenblatt]\n", encoding="utf-8")
    assert main(["test", str(tmp_path)]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert re.fullmatch(r"[1-9]\d* passed, 0 failed", last), last
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["test", str(empty)]) == 2
    assert "no rule sets found" in capsys.readouterr().err


def test_redact_output_dir_keeps_relative_paths(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    names = tmp_path / "names.txt"
    names.write_text("Rosenblatt\n", encoding="utf-8")
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "x.txt").write_text(CABLE.replace("JANE DOE", f"JANE ROSENBLATT {d.upper()}"),
                                            encoding="utf-8")
    assert main(["redact", "--isolated", "--protect", str(names), "-o", "out", "-q", "a/x.txt", "b/x.txt"]) == 0
    assert "ROSENBLATT A" not in (tmp_path / "out" / "a" / "x.txt").read_text(encoding="utf-8")
    assert "XXXXXXXXXXXX B" in (tmp_path / "out" / "b" / "x.txt").read_text(encoding="utf-8")
    (tmp_path / "out.txt").write_text("", encoding="utf-8")
    assert main(["redact", "--isolated", "--protect", str(names), "-o", "out.txt", "a/x.txt"]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert main(["redact", "--isolated", "--protect", str(names), "--diff", "a"]) == 1
    assert main(["redact", "--isolated", "--protect", str(names), "--diff", "out"]) == 0  # nothing to change


def test_junit_fails_a_file_only_at_fail_on(tmp_path: Path, capsys) -> None:
    cable = tmp_path / "c.txt"
    cable.write_text(CABLE, encoding="utf-8")
    main([*BASE, "-f", "junit", "--select", "CL404", str(cable)])  # one warning; fail-on error
    root = ET.fromstring(capsys.readouterr().out)
    case = root.find("testsuite/testcase")
    assert case.find("failure") is None and "CL404" in case.find("system-out").text
    main([*BASE, "-f", "junit", "--select", "CL404", "--fail-on", "warning", str(cable)])
    assert ET.fromstring(capsys.readouterr().out).find("testsuite/testcase/failure") is not None
    jenkins = (ROOT / "examples" / "ci" / "Jenkinsfile").read_text(encoding="utf-8")
    assert "a failure per finding" not in jenkins and "--fail-on" in jenkins


def test_precommit_snippet_and_hook_pattern() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "rev: v0.1.0" not in readme
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    pattern = re.compile(hooks[0]["files"])
    assert all(pattern.search(n) for n in ("a.txt", "B.TXT", "c.Cable", "d.TEL"))
    assert not pattern.search("a.py")


def test_configuration_nearest_to_each_file_wins(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".cablelint.yaml").write_text("date: 2004-01-30\n", encoding="utf-8")
    sub = tmp_path / "team"
    sub.mkdir()
    (sub / ".cablelint.yaml").write_text("date: 2004-01-30\nignore: [CL404]\n", encoding="utf-8")
    (tmp_path / "top.txt").write_text(CABLE, encoding="utf-8")
    (sub / "low.txt").write_text(CABLE, encoding="utf-8")
    main(["check", "-f", "json", "--exit-zero", "--ignore", "CL102", "."])
    rules = {}
    for f in json.loads(capsys.readouterr().out):
        rules.setdefault(Path(f["path"]).name, set()).add(f["rule"])
    assert "CL404" in rules["top.txt"] and "CL404" not in rules["low.txt"]
    assert "CL102" not in rules["top.txt"] | rules["low.txt"]  # the command line applies to both
    main(["check", "--show-config", "--ignore", "CL102", "team/low.txt"])  # what is in effect for that file
    shown = capsys.readouterr().out
    assert f"# config file: {sub / '.cablelint.yaml'}" in shown.replace(str(tmp_path.resolve()), str(tmp_path))
    assert re.search(r"^ignore: \[CL404, CL102\]\s+# .*\.cablelint\.yaml:2 \+ --ignore$", shown, re.M), shown


def test_min_severity_hides_but_counts(tmp_path: Path, capsys) -> None:
    cable = tmp_path / "c.txt"
    cable.write_text(CABLE, encoding="utf-8")
    main([*BASE, "-f", "concise", "--min-severity", "error", "--exit-zero", str(cable)])
    out = capsys.readouterr().out
    assert " warning " not in out and " error " in out
    assert re.search(r"\(\d+ errors?, [1-9]\d* warnings?, \d+ info\).*; [1-9]\d* below error not shown", out)
    (tmp_path / ".cablelint.yaml").write_text("min-severity: error\n", encoding="utf-8")
    main(["check", "--config", str(tmp_path / ".cablelint.yaml"), "--date", "2004-01-30", "-f", "json",
          "--exit-zero", str(cable)])
    assert {f["severity"] for f in json.loads(capsys.readouterr().out)} == {"error"}


def test_redact_uses_the_protect_list_nearest_to_each_file(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    team = tmp_path / "team"
    team.mkdir()
    (tmp_path / ".cablelint.yaml").write_text("protect: [names.txt]\n", encoding="utf-8")
    (tmp_path / "names.txt").write_text("Rosenblatt\n", encoding="utf-8")
    (team / ".cablelint.yaml").write_text("protect: [team-names.txt]\n", encoding="utf-8")
    (team / "team-names.txt").write_text("Doe\n", encoding="utf-8")
    text = CABLE.replace("JANE DOE", "JANE DOE AND JOSIAH ROSENBLATT")
    (tmp_path / "top.txt").write_text(text, encoding="utf-8")
    (team / "low.txt").write_text(text, encoding="utf-8")
    assert main(["redact", "--in-place", "-q", "."]) == 0
    top = (tmp_path / "top.txt").read_text(encoding="utf-8")
    low = (team / "low.txt").read_text(encoding="utf-8")
    assert "ROSENBLATT" not in top and "DOE" in top
    assert "DOE" not in low and "ROSENBLATT" in low  # the team's config is the one in effect there
    assert (team / "team-names.txt").read_text(encoding="utf-8") == "Doe\n"


def test_gitignore_means_what_it_means_to_git(project: Path, capsys) -> None:
    cables = project / "cables"
    (cables / ".gitignore").write_text("draft*.txt\n!draft-keep.txt\n", encoding="utf-8")
    for name in ("draft-1.txt", "draft-keep.txt"):
        (cables / name).write_text(CABLE, encoding="utf-8")
    main(["check", "-f", "json", "--exit-zero", "cables"])
    paths = {Path(f["path"]).name for f in json.loads(capsys.readouterr().out)}
    assert paths == {"a.txt", "B.TXT", "draft-keep.txt"}
    main(["check", "-f", "json", "--exit-zero", "cables/draft-1.txt"])  # named: linted all the same
    assert {Path(f["path"]).name for f in json.loads(capsys.readouterr().out)} == {"draft-1.txt"}


def test_the_benchmark_finds_its_files_through_the_one_discovery() -> None:
    from cablelint.bench import per_document

    assert per_document(ROOT / "examples" / "state", ["state"])["files"] >= 3


def test_an_unconfigured_protect_list_in_the_folder_is_not_printed(tmp_path: Path, capsys) -> None:
    (tmp_path / "c.txt").write_text(CABLE, encoding="utf-8")
    (tmp_path / "informants.txt").write_text("Quillon Varsk\nAnn Example\n", encoding="utf-8")
    for fmt in sorted(format_names()):
        main([*BASE, "-f", fmt, "--fail-on", "warning", "--exit-zero", str(tmp_path)])
        out, err = capsys.readouterr()
        assert "varsk" not in (out + err).lower() and "informants.txt" not in out, fmt
