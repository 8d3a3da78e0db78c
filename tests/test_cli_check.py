"""`cablelint check` as CI runs it: exit codes, selection, stdin, output
file, colour control, quiet, statistics and the progress line."""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from cablelint.cli import main
from cablelint.progress import Progress

from cables import state_cable

CABLE = state_cable()
WARN_ONLY = state_cable(faults="tag")  # CL404 left
CLEAN = state_cable(faults="none")
BASE = ["check", "--isolated", "--date", "2004-01-30"]


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture()
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.chdir(tmp_path)
    for var in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)
    out = {}
    for name, text in (("bad.txt", CABLE), ("warn.txt", WARN_ONLY), ("clean.txt", CLEAN)):
        Path(name).write_text(text, encoding="utf-8")
        out[name.split(".")[0]] = name
    return out


def test_exit_codes(files, capsys) -> None:
    assert main([*BASE, files["clean"]]) == 0
    assert main([*BASE, files["bad"]]) == 1
    assert main([*BASE, files["bad"], "--exit-zero"]) == 0
    assert main([*BASE, files["warn"]]) == 0  # a warning does not fail by default...
    assert main([*BASE, files["warn"], "--fail-on", "warning"]) == 1  # ...unless asked
    assert main([*BASE, files["clean"], "--fail-on", "info"]) == 0
    capsys.readouterr()
    assert main([*BASE, files["bad"], "--format", "nope"]) == 2
    assert "unknown format 'nope'" in capsys.readouterr().err
    assert main([*BASE]) == 2 and "no paths given" in capsys.readouterr().err
    assert main([*BASE, "--no-such-flag", files["bad"]]) == 2
    assert main(["--isolated", "--date", "2004-01-30", files["bad"], "-f", "concise"]) == 1  # `check` implied


def test_default_format_is_full_without_the_cables_text(files, capsys) -> None:
    main([*BASE, files["bad"]])
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("bad.txt:4:13: warning CL404 ")
    assert out[1].startswith("  = fix: ") and "TAGS: PREL" not in "\n".join(out)
    assert out[-1].startswith("3 findings (2 errors, 1 warning, 0 info) in 1 file [")
    main([*BASE, files["bad"], "--show-source"])  # the line and a caret, for a local terminal
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "4 | TAGS: PREL, XXZZ, FR" and out[2] == "  |             ^~~~"


@pytest.mark.parametrize("args, want", [
    (["--select", "CL1"], {"CL102", "CL104"}),
    (["--select", "CL10"], {"CL102", "CL104"}),
    (["--select", "tag-unknown"], {"CL404"}),
    (["--select", "CL1", "--extend-select", "CL404"], {"CL102", "CL104", "CL404"}),
    (["--ignore", "CL1"], {"CL404"}),
    (["--select", "CL102,CL404", "--ignore", "portion-mark-missing"], {"CL404"}),
])
def test_selection_by_id_prefix_and_name(files, capsys, args, want) -> None:
    main([*BASE, files["bad"], "-f", "json", *args])
    assert {f["rule"] for f in json.loads(capsys.readouterr().out)} == want


def test_severity_override_changes_grade_and_exit_code(files, capsys) -> None:
    assert main([*BASE, files["bad"], "--severity-override", "CL1=warning", "-f", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {f["severity"] for f in doc} == {"warning"}
    assert main([*BASE, files["warn"], "--severity-override", "CL404=error"]) == 1


def test_stdin_with_stdin_filename(files, capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CABLE.encode("utf-8"))))
    assert main([*BASE, "-", "--stdin-filename", "cables/05STATE12345.txt", "-f", "concise"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("cables/05STATE12345.txt:4:13: warning CL404 ")
    assert lines[-1].startswith("3 findings") and "in 1 file " in lines[-1]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CABLE.encode("utf-8"))))
    main([*BASE, "-", "-f", "concise", "-q"])
    assert capsys.readouterr().out.startswith("<stdin>:4:13:")
    # stdin and files together; undecodable stdin is a CL001 finding, not a crash
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff\xfe\x00bad\x00\x00\x81")))
    assert main([*BASE, "-", files["clean"], "--stdin-filename", "x.txt", "-f", "json"]) == 1
    cap = capsys.readouterr()
    assert [(f["path"], f["rule"]) for f in json.loads(cap.out)] == [("x.txt", "CL001")]
    assert "in 2 files" in cap.err.splitlines()[-1]  # the summary goes to stderr with json


def test_output_file(files, capsys, tmp_path) -> None:
    assert main([*BASE, files["bad"], "-f", "sarif", "--output", "report.sarif", "--color", "always"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("3 findings")
    log = json.loads((tmp_path / "report.sarif").read_text(encoding="utf-8"))
    assert len(log["runs"][0]["results"]) == 3
    main([*BASE, files["bad"], "-f", "concise", "--output", "r.txt", "--color", "always"])
    assert "\x1b[" not in (tmp_path / "r.txt").read_text()  # a file never gets colour


@pytest.mark.parametrize("env, flag, coloured", [
    ({}, "auto", False),  # captured stdout is not a terminal
    ({"FORCE_COLOR": "1"}, "auto", True),
    ({"NO_COLOR": "1"}, "auto", False),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, "auto", False),  # NO_COLOR wins
    ({"NO_COLOR": "1"}, "always", True),  # an explicit flag wins over the environment
    ({"FORCE_COLOR": "1"}, "never", False),
])
def test_colour_control(files, capsys, monkeypatch, env, flag, coloured) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    main([*BASE, files["bad"], "--color", flag])
    assert ("\x1b[" in capsys.readouterr().out) is coloured


def test_github_format_chosen_in_github_actions(files, capsys, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    main([*BASE, files["bad"]])
    assert capsys.readouterr().out.startswith("::warning file=bad.txt,line=4,")
    main([*BASE, files["bad"], "-f", "concise"])  # an explicit format wins
    assert capsys.readouterr().out.startswith("bad.txt:4:13: warning")


def test_quiet_drops_the_summary(files, capsys) -> None:
    for fmt in ("full", "concise", "grouped", "github"):
        main([*BASE, files["bad"], files["clean"], "-f", fmt, "--quiet"])
        out = capsys.readouterr().out
        assert "CL102" in out and "findings (" not in out, fmt
    main([*BASE, files["clean"], "--quiet"])
    assert capsys.readouterr().out == ""


def test_statistics(files, capsys) -> None:
    Path("bad2.txt").write_text(CABLE.replace("(S) This", "This one also has no mark and is long enough "
                                              "to be a paragraph; it"), encoding="utf-8")
    main([*BASE, files["bad"], "bad2.txt", files["warn"], "--statistics"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["count", "rule", "name", "severity"]
    rows = [l.split() for l in lines[1:-1]]
    assert rows == [["3", "CL102", "portion-mark-missing", "error"],
                    ["3", "CL404", "tag-unknown", "warning"],
                    ["1", "CL104", "portion-above-banner", "error"]]
    assert lines[-1].startswith("7 findings")
    main([*BASE, files["bad"], "--statistics", "-f", "json"])
    assert json.loads(capsys.readouterr().out)[0] == {"rule": "CL102", "name": "portion-mark-missing",
                                                       "severity": "error", "count": 1}


def test_progress_only_for_many_files_on_a_terminal(tmp_path, files, capsys, monkeypatch) -> None:
    many = tmp_path / "many"
    many.mkdir()
    for i in range(301):
        (many / f"c{i:03d}.txt").write_text(CLEAN, encoding="utf-8")
    tty = FakeTTY()
    monkeypatch.setattr(sys, "stderr", tty)
    assert main([*BASE, str(many), "-f", "concise", "-q"]) == 0
    shown = tty.getvalue()
    assert "301/301 files" in shown and "files/s" in shown and "left" in shown
    assert shown.endswith("\r")  # the line is erased before the report
    assert capsys.readouterr().out == ""  # nothing on stdout
    # 300 files on a terminal: no progress line
    (many / "c300.txt").unlink()
    tty = FakeTTY()
    monkeypatch.setattr(sys, "stderr", tty)
    main([*BASE, str(many), "-q"])
    assert tty.getvalue() == ""
    # many files but stderr is not a terminal (a CI log): no progress line
    (many / "c300.txt").write_text(CLEAN, encoding="utf-8")
    plain = io.StringIO()
    monkeypatch.setattr(sys, "stderr", plain)
    main([*BASE, str(many), "-q"])
    assert plain.getvalue() == ""


def test_progress_line_rate_and_time_left() -> None:
    now = [100.0]
    tty = FakeTTY()
    bar = Progress(1000, tty, clock=lambda: now[0], interval=0.0)
    assert bar.enabled
    now[0] = 102.0
    bar.advance(250)
    assert bar.line(now[0]) == "[######------------------] 250/1000 files  125 files/s  0:06 left"
    bar.close()
    assert tty.getvalue().endswith("\r")
    assert not Progress(300, FakeTTY()).enabled and not Progress(301, io.StringIO()).enabled
