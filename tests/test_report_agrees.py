"""`cablelint report` lints exactly as `check` does: the same findings for
the same files (one code path, Engine.lint_source: marking lists, CAPCO/CUI
documents marked page by page, the parse time budget)."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from cablelint.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# A file of markings alone (marking_check.marking_lines): only the marking rules run on it.
MARKS = "SECRET//NF\n(S//NF)\nSECRET // NOFORM\n"


def check_findings(paths: list[str], out: Path) -> set[tuple]:
    assert main(["check", "--isolated", "--no-cache", "--exit-zero", "-q", "-f", "json", "-o", str(out),
                 *paths]) == 0
    return {(f["path"], f["rule"], f["severity"], f["line"], f["column"], f["end_line"], f["end_column"],
             f["message"]) for f in json.loads(out.read_text(encoding="utf-8"))}


def report_findings(paths: list[str], out: Path) -> set[tuple]:
    assert main(["report", "--isolated", "--no-cache", "-q", *paths, "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="report-data">(.*?)</script>', page).group(1))
    s, docs, cols = data["strings"], data["docs"], data["findings"]
    return {(s[docs["path"][d]], s[r], data["severities"][sev], line, col, eline, ecol, s[msg])
            for d, r, sev, line, col, eline, ecol, msg in zip(
                cols["doc"], cols["rule"], cols["sev"], cols["line"], cols["col"], cols["eline"], cols["ecol"],
                cols["msg"])}


@pytest.fixture()
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """examples/ copied (so that paths show the same, relative, in both) and a marking list."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    (tmp_path / "marks.txt").write_text(MARKS, encoding="utf-8")
    return ["examples", "marks.txt"]


def test_report_finds_what_check_finds(inputs: list[str], tmp_path: Path) -> None:
    checked = check_findings(inputs, tmp_path / "c.json")
    reported = report_findings(inputs, tmp_path / "r.html")
    assert reported == checked
    # the cases that parted them: a clean CAPCO document marked page by page, a list of markings
    assert not {f for f in checked if f[0].endswith("pages_fgi_clean.txt")}
    assert {f[1] for f in checked if f[0] == "marks.txt"} and len([f for f in checked if f[0] == "marks.txt"]) == 3


def test_report_of_one_paged_document_and_a_marking_list(inputs: list[str], tmp_path: Path) -> None:
    one = ["examples/capco/pages_fgi_clean.txt", "examples/capco/pages_rollup_faulty.txt", "marks.txt"]
    assert report_findings(one, tmp_path / "one.html") == check_findings(one, tmp_path / "one.json")
