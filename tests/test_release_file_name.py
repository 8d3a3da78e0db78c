"""A protected name in a file's own name (CL614): `redact --in-place` rewrites
the text, never the name, so a release review reports it and redact says so;
the name is masked in every output and never written to the cache."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from cablelint.cli import main

CABLE = """UNCLASSIFIED ANKARA 000733
E.O. 12958: N/A
TAGS: PREL TU
SUBJECT: A MEETING

1. Poloff met Zorbalov on January 27.
"""
NAMED = "11ANKARA733_ZORBALOV.txt"


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "names.txt").write_text("Zorbalov\n", encoding="utf-8")
    rel = tmp_path / "rel"
    rel.mkdir()
    (rel / NAMED).write_text(CABLE, encoding="utf-8")
    return rel


def check(capsys, *args: str) -> tuple[int, list[dict], str]:
    code = main(["check", "--isolated", "-r", "release", "--as-of", "2020-01-01", "--protect", "names.txt",
                 "-f", "json", *args])
    out, err = capsys.readouterr()
    return code, json.loads(out), out + err


def test_redact_in_place_leaves_the_name_and_says_so(folder: Path, capsys) -> None:
    code = main(["redact", "--isolated", "--protect", "names.txt", "--in-place", "rel"])
    err = capsys.readouterr().err
    assert code == 0
    assert (folder / NAMED).exists() and "Zorbalov" not in (folder / NAMED).read_text(encoding="utf-8")
    assert regex.search(r"rel/11ANKARA733_\[PROTECTED#[0-9a-f]{6}\]\.txt: the file name still holds a protected term", err)
    assert "ZORBALOV" not in err.upper()
    # The release review afterwards reports the name, at 1:1, masked.
    code, found, out = check(capsys, "--no-cache", "rel")
    assert code == 1 and [(f["rule"], f["line"], f["column"]) for f in found] == [("CL614", 1, 1)]
    assert found[0]["message"] == "the file name holds a protected term (names.txt:1)"
    assert "ZORBALOV" not in out.upper()


def test_only_the_files_own_name_counts(folder: Path, capsys) -> None:
    other = folder.parent / "Zorbalov-files"
    other.mkdir()
    (other / "11ANKARA733.txt").write_text(CABLE.replace("Zorbalov", "XXXXXXXXXXXX"), encoding="utf-8")
    _, found, _ = check(capsys, "--no-cache", "Zorbalov-files")
    assert found == []  # the folder is the reviewer's own, not published with the file


def test_a_file_named_with_a_protected_term_is_not_cached(folder: Path, capsys) -> None:
    (folder / NAMED).write_text(CABLE.replace("Zorbalov", "XXXXXXXXXXXX"), encoding="utf-8")
    for _ in range(2):
        _, found, _ = check(capsys, "--cache-dir", "cache", "rel")
        assert [f["rule"] for f in found] == ["CL614"]
    held = [p for p in Path("cache").rglob("*") if p.is_file() and b"zorbalov" in p.read_bytes().lower()]
    assert held == []


@pytest.mark.parametrize("where", [NAMED, "sub_Zorbalov/11ANKARA733.txt"], ids=["file", "folder"])
def test_a_baseline_never_names_a_protected_file_name(folder: Path, capsys, where: str) -> None:
    # A baseline is committed: a path holding a protected name would sit there in clear.
    (folder / NAMED).unlink()
    (folder / where).parent.mkdir(parents=True, exist_ok=True)
    (folder / where).write_text(CABLE.replace("TAGS: PREL TU", "TAGS: PREL XXZZ"), encoding="utf-8")  # CL4xx
    args = ["check", "--isolated", "-r", "state", "-r", "release", "--as-of", "2020-01-01", "--date", "2011-01-28",
            "--protect", "names.txt", "--no-cache", "rel", "--write-baseline", "bl.json"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "whose path holds a protected name (CL614)" in err and "ZORBALOV" not in err.upper()
    assert not Path("bl.json").exists()
    # Renamed, the file's findings are baselined as usual.
    (folder / where).rename(folder / "11ANKARA733.txt")
    assert main(args) == 0 and "ZORBALOV" not in Path("bl.json").read_text(encoding="utf-8").upper()
    assert "11ANKARA733.txt" in Path("bl.json").read_text(encoding="utf-8")
