"""--jobs spreads a big run over worker processes with the same results."""
from __future__ import annotations

from pathlib import Path

from cablelint import lintpool
from cablelint.cli import main


def test_jobs_give_the_same_report(tmp_path: Path, capsys, monkeypatch) -> None:
    for i in range(80):  # above the size where workers start
        tags = "PREL RU" if i % 3 else "PREL FR"
        mark = "(C)" if i % 4 else ""
        (tmp_path / f"c{i:03d}.txt").write_text(
            f"C O N F I D E N T I A L PARIS 000{i:03d}\nE.O. 12958: DECL: 01/30/2014\nTAGS: {tags}\n"
            f"SUBJECT: (U) TEST\nClassified By: DCM Jane Roe, reasons 1.4 (b) and (d)\n\n1. {mark} Text.\n",
            encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    args = ["check", "--isolated", "--no-cache", "--date", "2004-01-30", "-f", "concise", "-q", str(tmp_path)]
    one = main(args)
    out_one = capsys.readouterr().out
    two = main(args + ["--jobs", "2"])
    out_two = capsys.readouterr().out
    monkeypatch.setattr(lintpool, "WINDOW", 3)  # the workers fed a few files ahead of the results taken
    three = main(args + ["--jobs", "2"])
    assert capsys.readouterr().out == out_one and three == 1
    assert one == two == 1
    assert out_one == out_two and "CL405" in out_one and "CL102" in out_one and "CL001" in out_one


def test_jobs_on_one_file_lint_it_once(tmp_path: Path, capsys) -> None:
    """The pool's first file is linted before the workers fork (their patterns
    and memos are then inherited); a run of one file has nothing left for them."""
    (tmp_path / "c.txt").write_text("C O N F I D E N T I A L PARIS 000001\nTAGS: PREL\n\n1. Text.\n",
                                    encoding="utf-8")
    args = ["check", "--isolated", "--no-cache", "--date", "2004-01-30", "-f", "json", "-q", str(tmp_path)]
    main(args)
    one = capsys.readouterr().out
    main(args + ["--jobs", "2"])
    assert capsys.readouterr().out == one and "CL102" in one
