"""--fix, --fix-only and --diff on stdin ('-'), as ruff does them: the text,
fixed or not, goes to stdout encoded as it came (a pipe never loses it), the
report of what is left goes to stderr, and --diff prints the diff."""
from __future__ import annotations

import io
import sys

import pytest

from cablelint.cli import main

CABLE = ("C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: 5/20/19\nTAGS: [PREL](#) FR RU\n"
         "SUBJECT: (U) STDIN\n\nClassified By: POLCOUNS JOHN DOE, FOR REASONS 1.4 B/D\n\n11. (c) One.\n")
FIXED = CABLE.replace("5/20/19", "05/20/2019").replace("[PREL](#)", "PREL").replace("11. (c)", "1. (C)")
BASE = ["check", "--isolated", "--no-cache", "--date", "2009-05-20"]


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_fix_stdin_writes_the_fixed_text_to_stdout_and_the_report_to_stderr(monkeypatch, capsysbinary) -> None:
    _stdin(monkeypatch, CABLE.encode())
    assert main([*BASE, "--fix", "-", "--stdin-filename", "09PARIS579.txt"]) == 0  # RU is left: a warning
    out, err = capsysbinary.readouterr()
    assert out == FIXED.encode()
    err = err.decode()
    assert "09PARIS579.txt:3:15: warning CL405" in err and "; fixed 4;" in err and "CL219" not in err


@pytest.mark.parametrize("bom,newline", [(b"", "\r\n"), (b"\xef\xbb\xbf", "\n"), (b"", "\r")])
def test_fix_only_stdin_keeps_the_bom_and_line_endings(monkeypatch, capsysbinary, bom: bytes, newline: str) -> None:
    _stdin(monkeypatch, bom + CABLE.replace("\n", newline).encode())
    assert main([*BASE, "--fix-only", "--unsafe-fixes", "-"]) == 0
    out, err = capsysbinary.readouterr()
    assert out == bom + FIXED.replace("FR RU", "FR RS").replace("\n", newline).encode()
    assert err.decode().strip() == "cablelint: fixed 5 findings in 1 file"


def test_stdin_with_nothing_to_fix_or_unreadable_comes_back_unchanged(monkeypatch, capsysbinary) -> None:
    for data in (FIXED.replace("FR RU", "FR RS").encode(), b"\xff\xfe\x00bad\x00\x00\x81"):
        _stdin(monkeypatch, data)
        main([*BASE, "--fix", "-"])
        assert capsysbinary.readouterr().out == data


def test_diff_stdin_prints_the_diff_and_masks_protected_names(monkeypatch, capsys, tmp_path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("JOHN DOE\n")
    _stdin(monkeypatch, CABLE.replace("FOR REASONS", "FOR REAS\nONS").encode())
    assert main([*BASE, "--diff", "--protect", str(names), "-"]) == 1
    diff = capsys.readouterr().out
    assert diff.startswith("--- a/<stdin>\n+++ b/<stdin>\n")
    lines = diff.splitlines()
    assert "-E.O. 12958: DECL: 5/20/19" in lines and "+E.O. 12958: DECL: 05/20/2019" in lines
    assert "DOE" not in diff and "+Classified By: POLCOUNS [PROTECTED], FOR REASONS 1.4 B/D" in diff
    _stdin(monkeypatch, FIXED.encode())
    assert main([*BASE, "--diff", "-"]) == 0 and capsys.readouterr().out == ""


def test_fix_stdin_goes_alone(monkeypatch, capsys, tmp_path) -> None:
    _stdin(monkeypatch, CABLE.encode())
    assert main([*BASE, "--fix", "-", str(tmp_path)]) == 2
    assert "give '-' alone" in capsys.readouterr().err
