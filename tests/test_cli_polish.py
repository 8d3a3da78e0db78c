"""What a first-time user meets on the command line (s9-fresh): a run that
finds no cable says so, `report` refuses the options it does not use, and
the smaller edges of the CLI."""
from __future__ import annotations

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
    assert out.strip() == "[]" and f"{WARNING} (no file with a linted extension" in err
    assert main(["check", "--isolated", *cache, "-q", "empty"]) == 0 and WARNING not in capsys.readouterr().err


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
