"""What a first-time user meets on the command line (s9-fresh): a run that
finds no cable says so, `report` refuses the options it does not use, and
the smaller edges of the CLI."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from cablelint.cli import main

from test_cli_check import CABLE

WARNING = "cablelint: warning: no cable found under the given path(s)"


@pytest.mark.parametrize("cache", [["--no-cache"], []])
def test_a_folder_without_cables_warns_and_passes(tmp_path: Path, monkeypatch, capsys, cache: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nocab").mkdir()
    (tmp_path / "nocab" / "requirements.txt").write_text("requests==2\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    for _ in range(2):  # the second run may be answered by the result cache whole
        assert main(["check", "--isolated", *cache, "nocab"]) == 0
        err = capsys.readouterr().err
        assert f"{WARNING} (1 file skipped as no cable nor marked document; --show-files says which)" in err
    assert main(["check", "--isolated", *cache, "-f", "json", "empty"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "[]" and f"{WARNING} (the path(s) hold no file)" in err
    assert main(["check", "--isolated", *cache, "-q", "empty"]) == 0 and WARNING not in capsys.readouterr().err


@pytest.mark.parametrize("cache", [["--no-cache"], []])
def test_the_warning_counts_each_cause(tmp_path: Path, monkeypatch, capsys, cache: list[str]) -> None:
    """Excluded files and folders, files of other extensions and text files that
    are no cables, each counted: not all blamed on the extension or the text;
    the extensions those of the configuration in effect."""
    monkeypatch.chdir(tmp_path)
    Path("ex/sub").mkdir(parents=True)
    Path("ex/sub/a.txt").write_text(CABLE, encoding="utf-8")
    Path("ex/b.txt").write_text(CABLE, encoding="utf-8")
    Path("ex/notes.md").write_text("# notes\n", encoding="utf-8")
    Path("ex/list.txt").write_text("requests==2\n", encoding="utf-8")
    assert main(["check", "--isolated", *cache, "ex", "--exclude", "sub", "--exclude", "b.txt"]) == 0
    err = capsys.readouterr().err
    assert (f"{WARNING} (1 folder excluded; 1 file excluded; 1 file skipped as no cable nor marked document; "
            "1 file of another extension than .txt, .cable, .tel (`extensions:` adds others); "
            "--show-files says which)") in err
    assert main(["check", "--isolated", *cache, "ex/b.txt", "--exclude", "b.txt"]) == 0
    assert f"{WARNING} (1 file excluded; --show-files says which)" in capsys.readouterr().err
    Path("ex/.cablelint.yaml").write_text("extensions: [cab]\nexclude: [sub]\n", encoding="utf-8")
    assert main(["check", *cache, "ex"]) == 0
    assert f"{WARNING} (1 folder excluded; 3 files of another extension than .cab (" in capsys.readouterr().err


def test_inspect_warns_as_check_does(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    Path("nocab").mkdir()
    Path("nocab/requirements.txt").write_text("requests==2\n", encoding="utf-8")
    assert main(["inspect", "--isolated", "nocab"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and f"{WARNING} (1 file skipped as no cable nor marked document; --show-files says which)" in err
    Path("nocab/c.txt").write_text(CABLE, encoding="utf-8")
    assert main(["inspect", "--isolated", "nocab"]) == 0
    out, err = capsys.readouterr()
    assert "nocab/c.txt" in out and WARNING not in err


def test_no_warning_when_a_cable_or_a_missing_path_was_reported(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    Path("c.txt").write_text(CABLE, encoding="utf-8")
    assert main(["check", "--isolated", "--no-cache", "c.txt"]) == 1
    assert main(["check", "--isolated", "--no-cache", "gone.txt"]) == 1  # CL001 says it
    assert WARNING not in capsys.readouterr().err


def test_report_warns_too(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    Path("empty").mkdir()
    assert main(["report", "--isolated", "--no-cache", "empty", "-o", "r.html"]) == 0
    assert WARNING in capsys.readouterr().err


@pytest.mark.parametrize("flag", [["--format", "json"], ["--fix"], ["--diff"], ["--fix-only"], ["--unsafe-fixes"],
                                  ["--audit", "a.jsonl"], ["--statistics"], ["--color", "always"],
                                  ["--color", "auto"]])
def test_report_refuses_the_check_options_it_would_ignore(tmp_path: Path, monkeypatch, capsys, flag) -> None:
    monkeypatch.chdir(tmp_path)
    Path("c.txt").write_text(CABLE, encoding="utf-8")
    before = Path("c.txt").read_bytes()
    assert main(["report", "--isolated", "--no-cache", *flag, "c.txt", "-o", "r.html"]) == 2
    assert f"cablelint: error: report does not take {flag[0]}: " in capsys.readouterr().err
    assert not Path("r.html").exists() and Path("c.txt").read_bytes() == before


def test_report_applies_min_severity_as_check_does(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    Path("c.txt").write_text(CABLE, encoding="utf-8")
    counts = {}
    for low in ("info", "error"):
        main(["check", "--isolated", "--no-cache", "--exit-zero", "-f", "json", "--min-severity", low, "c.txt"])
        want = capsys.readouterr().out.count('"rule":')
        assert main(["report", "--isolated", "--no-cache", "--min-severity", low, "c.txt", "-o", f"{low}.html"]) == 0
        assert f"wrote {low}.html: {want} findings in 1 files" in capsys.readouterr().err
        counts[low] = want
    assert 0 < counts["error"] < counts["info"]


class FakeTTY:
    """A terminal as stdout: what report must not pour a page onto."""

    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


def test_report_wants_a_file_when_stdout_is_a_terminal(tmp_path: Path, monkeypatch, capsys) -> None:
    import sys

    monkeypatch.chdir(tmp_path)
    Path("c.txt").write_text(CABLE, encoding="utf-8")
    tty = FakeTTY()
    monkeypatch.setattr(sys, "stdout", tty)
    assert main(["report", "--isolated", "--no-cache", "c.txt"]) == 2
    assert "report writes an HTML page: give -o FILE" in capsys.readouterr().err and tty.text == ""
    assert main(["report", "--isolated", "--no-cache", "c.txt", "-o", "-"]) == 0  # asked for: written there
    assert tty.text.startswith("<!DOCTYPE html>")


def test_report_show_files_names_the_skipped(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    Path("memo.txt").write_text("hello\n", encoding="utf-8")
    Path("c.txt").write_text(CABLE, encoding="utf-8")
    assert main(["report", "--isolated", "--no-cache", "--show-files", ".", "-o", "r.html"]) == 0
    assert "memo.txt: skipped (not a cable" in capsys.readouterr().err


def test_inspect_finds_files_as_check_does(tmp_path: Path, monkeypatch, capsys) -> None:
    """A folder's text files that are no cable are skipped by inspect as by
    check (--show-files says so); one named is shown, with a note that check
    skips it; a part not found reads `none`, never Python's None."""
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    Path("in/requirements.txt").write_text("requests==2\n", encoding="utf-8")
    Path("in/c.txt").write_text(CABLE, encoding="utf-8")
    assert main(["inspect", "--isolated", "--show-files", "in"]) == 0
    out, err = capsys.readouterr()
    assert "in/c.txt\n" in out and "requirements" not in out
    assert "cablelint: in/requirements.txt: skipped (not a cable or marked document" in err
    assert main(["inspect", "--isolated", "in/requirements.txt"]) == 0
    out = capsys.readouterr().out
    assert "None" not in out and "  classification: none\n" in out and "  date:           unknown\n" in out
    assert "  note:           check skips this file (not a cable or marked document" in out
    assert main(["inspect", "--isolated", "--format", "json", "in/requirements.txt"]) == 0
    assert "check skips this file" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["--bogus"], ["check", "--bogus"], ["rule", "--bogus", "CL207"]])
def test_the_usage_line_lists_every_command(capsys, argv: list[str]) -> None:
    from cablelint.cli import COMMANDS

    assert main(argv) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "{" + ",".join(COMMANDS) + "}" in err


def test_rule_takes_ids_and_names_in_any_case(capsys) -> None:
    assert main(["rule", "cl207", "Portion-Mark-Missing", "CL102"]) == 0
    heads = [line.split(" (")[0] for line in capsys.readouterr().out.splitlines() if line.startswith("CL")]
    assert heads == ["CL207 decl-too-far", "CL102 portion-mark-missing", "CL102 portion-mark-missing"]
    assert main(["rule", "cl99999"]) == 2


def test_the_office_config_is_found_from_the_linted_file_s_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    """What examples/office/.cablelint.yaml says of itself: the nearest configuration
    walking up from the file's folder applies, not the one of the folder the run starts in."""
    import json
    import shutil

    shutil.copytree(Path(__file__).resolve().parent.parent / "examples" / "office", tmp_path / "repo" / "office")
    (tmp_path / ".cablelint.yaml").write_text("select: [CL1]\n", encoding="utf-8")  # the run's folder: a decoy
    runs = []
    for cwd in (tmp_path, tmp_path / "repo" / "office"):
        monkeypatch.chdir(cwd)
        target = os.path.relpath(tmp_path / "repo" / "office" / "ofa_faulty.txt")
        main(["check", "--no-cache", "--exit-zero", "-f", "json", target])
        runs.append(sorted((f["rule"], f["line"], f["severity"]) for f in json.loads(capsys.readouterr().out)))
    assert runs[0] == runs[1]
    rules = {r for r, _, _ in runs[0]}
    assert any(r.startswith("OFA") for r in rules) and "CL503" not in rules  # ofa.yaml, not the decoy's CL1
