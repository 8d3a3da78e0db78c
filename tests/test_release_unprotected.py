"""A release review that cannot look for protected names fails, in every
format, until a protect list is given or CL601/CL607/CL614 are switched off on
purpose; any release rule switched off, by a flag too, is named."""
from __future__ import annotations

from pathlib import Path

import pytest

from cablelint.cli import main
from cablelint.reporters import names as format_names

CABLE = """UNCLASSIFIED

UNCLAS FICTION CITY 000124
E.O. 13526: N/A
TAGS: PREL FR
SUBJECT: PUBLIC NOTE

1. Nothing here.

DOE
"""
FAILURE = ("release review without a protect list: protected names were not looked for "
           "(CL601, CL607, CL614 could not run)")


@pytest.fixture()
def cable(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "u.txt").write_text(CABLE, encoding="utf-8")
    (tmp_path / "names.txt").write_text("Zorbalov\n", encoding="utf-8")
    return tmp_path / "u.txt"


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(["check", "--isolated", "-r", "state", "-r", "release", "--as-of", "2020-01-01",
                 "--date", "2012-03-05", *args])
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("fmt", format_names())
def test_no_protect_list_fails_the_run_in_every_format(fmt: str, cable: Path, capsys) -> None:
    code, out = run(capsys, "--no-cache", "-f", fmt, "u.txt")
    assert code == 1 and FAILURE in out, fmt
    # --quiet hides the summary, not the reason the run failed.
    code, out = run(capsys, "--no-cache", "-f", fmt, "--quiet", "u.txt")
    assert code == 1 and FAILURE in out, fmt


def test_the_cached_run_fails_too(cable: Path, capsys) -> None:
    for _ in range(2):  # the second run is answered from the result cache
        code, out = run(capsys, "-f", "concise", "u.txt")
        assert code == 1 and FAILURE in out


def test_a_protect_list_or_the_rules_switched_off_on_purpose_pass(cable: Path, capsys) -> None:
    code, out = run(capsys, "--no-cache", "-f", "concise", "--protect", "names.txt", "u.txt")
    assert code == 0 and "protect list" not in out and "switched off" not in out
    code, out = run(capsys, "--no-cache", "-f", "concise", "--ignore", "CL601,CL607,CL614", "u.txt")
    assert code == 0 and FAILURE not in out
    assert "note: release review with rules switched off: CL601, CL607, CL614 by `--ignore` on the command line" in out


def test_a_flag_and_a_config_file_are_both_named(cable: Path, capsys) -> None:
    cfg = cable.parent / ".cablelint.yaml"
    cfg.write_text("ignore: [CL607, CL614]\n", encoding="utf-8")
    code = main(["check", "--config", str(cfg), "-r", "state", "-r", "release", "--as-of", "2020-01-01",
                 "--date", "2012-03-05", "--no-cache", "-f", "json", "--ignore", "CL601", "u.txt"])
    err = capsys.readouterr().err
    assert code == 0
    assert f"CL601, CL607, CL614 by `ignore` in {cfg}:1 or `--ignore` on the command line" in err


def test_a_configuration_that_lints_no_file_fails_nothing(cable: Path, capsys) -> None:
    # The top configuration runs the release rules without a list; the only
    # file checked is under a nearer one (default rules, a protect list).
    Path(".cablelint.yaml").write_text("rules: [release]\nas-of: 2024-01-01\n", encoding="utf-8")
    Path("sub").mkdir()
    Path("sub/.cablelint.yaml").write_text("protect: [../names.txt]\n", encoding="utf-8")
    Path("sub/u.txt").write_text(CABLE, encoding="utf-8")
    code = main(["check", "--no-cache", "--date", "2012-03-05", "-f", "concise", "sub/u.txt"])
    out = "".join(capsys.readouterr())
    assert code == 0 and "protect list" not in out
    # A file under the top configuration is reviewed without a list: the run fails.
    code = main(["check", "--no-cache", "--date", "2012-03-05", "-f", "concise", "u.txt", "sub/u.txt"])
    assert code == 1 and FAILURE in "".join(capsys.readouterr())


def test_the_failure_reaches_what_ci_reads(cable: Path, capsys, tmp_path: Path) -> None:
    import json
    import xml.etree.ElementTree as ET

    # json --statistics (stdout a JSON table, with -o or without): said on stderr
    for extra in ([], ["-o", "stats.json"]):
        code = main(["check", "--isolated", "-r", "release", "--as-of", "2020-01-01", "--no-cache", "-f", "json",
                     "--statistics", *extra, "u.txt"])
        assert code == 1 and FAILURE in capsys.readouterr().err, extra
    # with --exit-zero (the Jenkins recipe) the JUnit file fails a testcase of the run...
    code, out = run(capsys, "--no-cache", "--exit-zero", "-f", "junit", "u.txt")
    suite = ET.fromstring(out[:out.index("</testsuites>") + len("</testsuites>")]).find("testsuite")
    assert code == 0 and int(suite.get("failures")) >= 1
    assert [c.find("failure").get("message") for c in suite if c.get("name") == "cablelint run"] == [
        FAILURE + "; give --protect FILE, or --ignore CL601,CL607,CL614 to review without one"]
    # ...and SARIF says the invocation did not succeed, and why
    code, out = run(capsys, "--no-cache", "--exit-zero", "-f", "sarif", "-o", "o.sarif", "u.txt")
    inv = json.loads(Path("o.sarif").read_text(encoding="utf-8"))["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert FAILURE in inv["toolExecutionNotifications"][0]["message"]["text"]
    code, out = run(capsys, "--no-cache", "-f", "sarif", "--protect", "names.txt", "u.txt")
    assert json.loads(out[:out.rindex("}") + 1])["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_the_html_report_fails_and_says_why(cable: Path, capsys) -> None:
    args = ["report", "--isolated", "-r", "state", "-r", "release", "--as-of", "2020-01-01", "--date", "2012-03-05",
            "--no-cache", "-o", "r.html", "u.txt"]
    assert main(args) == 1
    assert FAILURE in capsys.readouterr().err and "Run failed: " + FAILURE in Path("r.html").read_text("utf-8")
    assert main([*args, "--protect", "names.txt"]) == 0
    assert "Run failed" not in Path("r.html").read_text("utf-8")
