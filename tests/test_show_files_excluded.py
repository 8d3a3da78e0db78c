"""`exclude` drops a file met while walking a folder as it drops one named on
the command line: --show-files lists it and the summary counts it (s9-fresh #17)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from cablelint.cli import main

from test_cli_check import CABLE


@pytest.mark.parametrize("cache", [["--no-cache"], []])
def test_a_file_excluded_in_a_folder_is_listed_and_counted(tmp_path: Path, monkeypatch, capsys, cache) -> None:
    monkeypatch.chdir(tmp_path)
    Path("rel").mkdir()
    Path("rel/11ANKARA733.txt").write_text(CABLE, encoding="utf-8")
    Path("rel/11ANKARA733_DRAFT.txt").write_text(CABLE, encoding="utf-8")
    for _ in range(2):  # the second run may be answered by the result cache whole
        main(["check", "--isolated", *cache, "--exit-zero", "-f", "concise", "--show-files",
              "--exclude", "*DRAFT*", "rel"])
        out, err = capsys.readouterr()
        assert "cablelint: rel/11ANKARA733_DRAFT.txt: skipped (excluded by the configuration)" in err
        assert "in 1 file; 1 skipped (--show-files says why)" in out
        assert "DRAFT" not in out.replace("1 skipped", "")  # not linted


def test_a_protected_name_in_an_excluded_files_name_is_masked(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    Path("rel").mkdir()
    Path("rel/11ANKARA733_ZORBALOV.txt").write_text(CABLE, encoding="utf-8")
    Path("names.txt").write_text("Zorbalov\n", encoding="utf-8")
    main(["check", "--isolated", "--no-cache", "--show-files", "--protect", "names.txt", "--exclude", "*ANKARA*",
          "rel"])
    err = capsys.readouterr().err
    # masked as the reports mask a path: tagged (reporters.masked_path), so two such files are two
    assert re.search(r"rel/11ANKARA733_\[PROTECTED#[0-9a-f]{6}\]\.txt: skipped \(excluded", err), err
    assert "ZORBALOV" not in err.upper()
