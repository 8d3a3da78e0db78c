"""Regressions from the code review: the report file, CL001 under the
selection, code-point columns of undecodable bytes, the date a date_window
message names, and one engine per `check` run."""
from __future__ import annotations

import json

import codecs
import datetime as dt
from pathlib import Path

import pytest

import cablelint.engine as engine_mod
from cablelint import lint_paths, load_ruleset, make_engine
from cablelint.cli import main
from cablelint.engine import Engine
from cablelint.source import InputError, decode

from conftest import SEED

CABLE = """C O N F I D E N T I A L PARIS 000579
E.O. 12958: DECL: 01/30/2014
TAGS: PREL FR
SUBJECT: DECL CHECKED AGAINST THE REVIEW DATE
"""

AS_OF_RULES = """
kind: ruleset
name: review
description: a DECL date must be after the review date
rules:
  - id: RV001
    name: decl-before-review
    severity: error
    kind: date_window
    target: decl.date
    relative_to: as_of
    min_days: 1
    message: "DECL date {value} is not after {date}"
"""


def test_unwritable_report_file_is_a_usage_error(tmp_path: Path, capsys) -> None:
    target = tmp_path / "nonexistent" / "x.txt"
    assert main(["check", "--isolated", "-o", str(target), str(SEED)]) == 2
    err = capsys.readouterr().err
    assert str(target) in err and "Traceback" not in err


def test_cl001_is_hidden_only_when_ignored_by_name(tmp_path: Path, capsys) -> None:
    missing, binary = tmp_path / "missing.txt", tmp_path / "binary.txt"
    binary.write_bytes(b"UNCLAS\n\x00\x01")
    assert main(["check", "--isolated", "-f", "json", "--ignore", "CL001", str(missing), str(binary)]) == 0
    assert "CL001" not in capsys.readouterr().out
    assert [f for f in lint_paths([missing, binary], ignore=["CL001"]) if f.rule == "CL001"] == []
    # selecting other rules never makes an unreadable file pass unnoticed
    assert main(["check", "--isolated", "-f", "json", "--select", "CL101", str(missing), str(binary)]) == 1
    assert [f["rule"] for f in json.loads(capsys.readouterr().out)] == ["CL001", "CL001"]


def test_cl001_keeps_a_path_with_a_colon_and_takes_severity_overrides(tmp_path: Path) -> None:
    missing = tmp_path / "a:b" / "missing.txt"
    (finding,) = lint_paths([missing], severity={"CL0": "warning"})
    assert finding.path == str(missing) and finding.rule == "CL001"
    assert str(finding.severity) == "warning" and finding.message == "no such file or directory"


def test_undecodable_byte_column_counts_code_points() -> None:
    with pytest.raises(InputError) as exc:
        decode("UNCLAS\n\u00e9\u00e9\u00e9".encode() + b"\xff", "x.txt")
    assert (exc.value.line, exc.value.column) == (2, 4) and str(exc.value).startswith("x.txt:2:4: not UTF-8")


@pytest.mark.parametrize("bom,enc,bad", [(codecs.BOM_UTF16_LE, "utf-16-le", b"\x00\xdc"),  # lone surrogate
                                         (codecs.BOM_UTF32_LE, "utf-32-le", b"\xff" * 4)])  # beyond U+10FFFF
def test_bom_decode_error_names_line_and_column(bom: bytes, enc: str, bad: bytes) -> None:
    with pytest.raises(InputError) as exc:
        decode(bom + "UNCLAS\n\u00e9\u00e9".encode(enc) + bad, "x.txt")
    assert (exc.value.line, exc.value.column) == (2, 3)
    assert str(exc.value).startswith("x.txt:2:3: not valid UTF-")


def test_input_error_pickles() -> None:
    import pickle

    err = pickle.loads(pickle.dumps(InputError("a.txt", "no such file", 3, 4)))
    assert (err.path, err.reason, err.line, err.column, str(err)) == ("a.txt", "no such file", 3, 4,
                                                                      "a.txt:3:4: no such file")


def test_date_window_as_of_names_the_review_date(tmp_path: Path) -> None:
    rules = tmp_path / "review.yaml"
    rules.write_text(AS_OF_RULES, encoding="utf-8")
    engine = make_engine([load_ruleset(str(rules))], date="2004-01-30", as_of="2020-06-01")
    from cablelint.source import Source

    (finding,) = engine.lint_source(Source("c.txt", CABLE))
    assert finding.message == "DECL date 2014-01-30 is not after 2020-06-01"


def test_one_engine_per_check_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    built: list[Engine] = []
    real_init = Engine.__init__

    def counting_init(self, *a, **kw) -> None:
        built.append(self)
        real_init(self, *a, **kw)

    monkeypatch.setattr(engine_mod.Engine, "__init__", counting_init)
    names = tmp_path / "names.txt"
    names.write_text("Rosenblatt\n", encoding="utf-8")
    main(["check", "--isolated", "-r", "state", "-r", "release", "--protect", str(names), "-q", str(SEED)])
    capsys.readouterr()
    assert len(built) == 1
    (engine,) = built
    assert engine.options.get("release") is True and engine.options.get("protect")
    built.clear()
    make_engine(["state"], select=["CL2"])
    assert len(built) == 1


def test_protect_flag_shows_in_the_config(tmp_path: Path, capsys) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Rosenblatt\n", encoding="utf-8")
    assert main(["check", "--isolated", "--show-config", "--protect", str(names)]) == 0
    line = next(l for l in capsys.readouterr().out.splitlines() if l.startswith("protect"))
    assert str(names) in line and "--protect" in line


def test_unknown_selector_is_still_refused(capsys) -> None:
    assert main(["check", "--isolated", "--select", "CL9X", str(SEED)]) == 2
    assert "no rule matches 'CL9X'" in capsys.readouterr().err
    with pytest.raises(Exception, match="no rule matches"):
        make_engine(["state"], ignore=["no-such-rule"])


def test_review_date_is_a_date() -> None:  # make_engine still takes ISO strings
    assert make_engine(["state"], as_of="2020-06-01").as_of == dt.date(2020, 6, 1)


def test_first_text_is_the_first_line_that_is_not_blank() -> None:
    from cablelint.source import first_text

    src = decode(b"\n  \t\r\n   UNCLAS PARIS 000579  \r\nE.O. 12958: N/A\n", "f.txt")
    start, end = first_text(src)
    assert src.text[start:end] == "UNCLAS PARIS 000579"
    assert first_text(decode(b" \n\n", "b.txt")) is None


def test_a_missing_part_points_at_the_first_text_without_trailing_blanks(tmp_path: Path, capsys) -> None:
    cable = tmp_path / "n.txt"  # no banner: CL101 points at the first line of text
    cable.write_bytes(b"\n   E.O. 12958: DECL: 01/30/2014   \nTAGS: PREL FR\nSUBJECT: NO BANNER\n")
    main(["check", "--isolated", "--no-cache", "--date", "2004-01-30", "--select", "CL101", "-f", "json", str(cable)])
    (found,) = json.loads(capsys.readouterr().out)
    assert (found["line"], found["column"], found["end_line"], found["end_column"]) == (2, 4, 2, 32)  # not 35, the line end
