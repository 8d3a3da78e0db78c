"""`--encoding` (and `encoding:`): an archive's files that are not UTF-8
(Latin-1, cp1252) are read in the encoding named, with the same lines and
columns as their UTF-8 copy, and written back in it by --fix and redact."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cablelint.cli import main

from test_fix import CABLE

ACCENTED = CABLE.replace("SUBJECT: ", "SUBJECT: CAFÉ RÉUNION – ", 1)


@pytest.fixture()
def files(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("lat").mkdir()
    Path("utf").mkdir()
    Path("lat/c.txt").write_bytes(ACCENTED.encode("cp1252"))
    Path("utf/c.txt").write_bytes(ACCENTED.encode("utf-8"))
    return tmp_path


def findings(capsys, *args: str) -> list[tuple]:
    main(["check", "--isolated", "--no-cache", "--date", "2004-01-30", "--exit-zero", "-f", "json", *args])
    return [(f["rule"], f["line"], f["column"], f["end_column"], f["message"]) for f in json.loads(capsys.readouterr().out)]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_cp1252_file_reads_as_its_utf8_copy(files: Path, capsys, jobs: str) -> None:
    assert [f[0] for f in findings(capsys, "lat")] == ["CL001"]  # not UTF-8, as before
    utf = findings(capsys, "utf")
    assert utf and findings(capsys, "--encoding", "cp1252", "--jobs", jobs, "lat") == utf
    # a UTF-8 file stays UTF-8 (é would read as Ã©): the encoding is for the others only
    assert findings(capsys, "--encoding", "cp1252", "utf") == utf


def test_fix_and_redact_write_the_file_back_in_its_encoding(files: Path, capsys) -> None:
    assert main(["check", "--isolated", "--no-cache", "--date", "2004-01-30", "--encoding", "cp1252",
                 "--fix-only", "lat"]) == 0
    data = Path("lat/c.txt").read_bytes()
    assert "CAFÉ RÉUNION –".encode("cp1252") in data and data != ACCENTED.encode("cp1252")
    Path("names.txt").write_text("Réunion\n", encoding="utf-8")
    assert main(["redact", "--isolated", "--encoding", "cp1252", "--protect", "names.txt", "--in-place", "lat"]) == 0
    data = Path("lat/c.txt").read_bytes()
    assert "CAFÉ XXXXXXXXXXXX –".encode("cp1252") in data


def test_the_configuration_names_it_and_a_bad_one_is_an_error(files: Path, capsys) -> None:
    Path(".cablelint.yaml").write_text("encoding: latin-1\n", encoding="utf-8")
    main(["check", "--no-cache", "--date", "2004-01-30", "--exit-zero", "-f", "json", "lat"])
    assert "CL001" not in capsys.readouterr().out
    assert main(["check", "--isolated", "--encoding", "nosuch", "lat"]) == 2
    assert "unknown encoding 'nosuch'" in capsys.readouterr().err
    assert main(["check", "--isolated", "--encoding", "utf-16", "lat"]) == 2
    assert "cannot be a cable's encoding" in capsys.readouterr().err


def test_a_byte_the_encoding_lacks_is_still_an_unreadable_input(files: Path, capsys) -> None:
    Path("lat/bad.txt").write_bytes(CABLE.encode() + b"\x81\n")  # 0x81: no cp1252 character
    got = [f for f in findings(capsys, "--encoding", "cp1252", "lat/bad.txt")]
    assert [(r, m) for r, *_, m in got] == [("CL001", "not UTF-8 nor cp1252 (byte 0x81)")]
