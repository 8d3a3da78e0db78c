"""--fix, --unsafe-fixes, --diff, --fix-only and --audit (fixes.py, autofix.py,
audit.py, fixrun.py): fixes are the rules' data, writes keep the file as it
was outside the fixed spans, and every format says which findings can be fixed."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from cablelint.autofix import Edit, Fix
from cablelint.cli import main
from cablelint.engine import Engine
from cablelint.findings import Finding, Severity
from cablelint.fixes import apply_edits, fix_source, plan
from cablelint.ruleset import RuleSetError, load
from cablelint.source import decode, read

from conftest import SEED, SHARED, need_shared

# A cable of our own with one finding of each fix: markdown debris, a wrapped
# REASONS, pilcrow numbers, a lower-case portion mark (safe) and RU (unsafe).
CABLE = """C O N F I D E N T I A L PARIS 000579

E.O. 12958: DECL: 01/30/2014
TAGS: [PREL](#) FR RU
SUBJECT: (U) FIXES

Classified By: POLCOUNS JOHN DOE, FOR REAS
ONS 1.4 B/D

11. (c) One.

12. ( C ) Two.

13. (C) Three.
"""
FIXED_SAFE = """C O N F I D E N T I A L PARIS 000579

E.O. 12958: DECL: 01/30/2014
TAGS: PREL FR RU
SUBJECT: (U) FIXES

Classified By: POLCOUNS JOHN DOE, FOR REASONS 1.4 B/D

1. (C) One.

2. (C) Two.

3. (C) Three.
"""
CAPCO = "SECRET//REL TO USA, GBR, AUS//NF\n\n(S//REL TO USA, GBR, AUS) Harbor works.\n\nSECRET//REL TO USA, GBR, AUS//NF\n"


def _edit(f_rule: str, start: int, end: int, text: str, safe: bool = True) -> Finding:
    return Finding("a.txt", f_rule, "x", Severity.INFO, "", 1, 1, 1, 2, start, end,
                   fix=Fix((Edit(start, end, text),), safe))


def test_plan_defers_overlaps_dedups_and_keeps_unsafe_out() -> None:
    fs = [_edit("CL2", 5, 9, "b"), _edit("CL1", 0, 6, "a"), _edit("CL3", 5, 9, "b"), _edit("CL4", 9, 9, "i"),
          _edit("CL5", 12, 14, "u", safe=False)]
    chosen = plan(fs, unsafe=False)
    assert [(f.rule, e.start) for f, e in chosen] == [("CL1", 0), ("CL4", 9)]  # CL2/CL3 overlap CL1: next pass
    assert [f.rule for f, _ in plan([fs[1], fs[3], fs[4]], unsafe=True)] == ["CL1", "CL4", "CL5"]
    assert [f.rule for f, _ in plan([fs[0], fs[2]], unsafe=False)] == ["CL2"]  # the same edit once
    assert apply_edits("0123456789abcdef", [Edit(0, 2, "X"), Edit(9, 9, "+")]) == "X2345678+9abcdef"
    two = Finding("a.txt", "CL6", "x", Severity.INFO, "", 1, 1, 1, 2, fix=Fix((Edit(1, 2, "a"), Edit(12, 13, "b")), True))
    assert [f.rule for f, _ in plan([two, fs[4]], unsafe=True)] == ["CL6"]  # any edit overlapping defers


def _run(*argv: str) -> int:
    return main(["check", "--isolated", "--date", "2004-01-30", *argv])


def test_fix_applies_safe_fixes_and_reports_what_is_left(tmp_path: Path, capsys) -> None:
    cable = tmp_path / "c.txt"
    cable.write_text(CABLE)
    assert _run("--fix", str(cable)) == 0  # what is left is a warning (RU)
    assert cable.read_text() == FIXED_SAFE
    out = capsys.readouterr().out
    assert "CL405" in out and "[*unsafe]" in out and "= fixable: cablelint --fix --unsafe-fixes" in out
    assert "1 finding (0 errors, 1 warning, 0 info) in 1 file" in out
    assert out.endswith("; fixed 7; [*unsafe] 1 more with --fix --unsafe-fixes\n")
    assert _run("--fix", "--unsafe-fixes", str(cable)) == 0
    assert cable.read_text() == FIXED_SAFE.replace("FR RU", "FR RS")
    before = cable.read_bytes()
    assert _run("--fix", "--unsafe-fixes", str(cable)) == 0
    assert cable.read_bytes() == before  # a second run changes no byte


@pytest.mark.parametrize("encoding,bom,newline", [("utf-8", b"", "\r\n"), ("utf-8", b"\xef\xbb\xbf", "\n"),
                                                  ("utf-16-le", b"\xff\xfe", "\r\n"), ("utf-8", b"", "\r"),
                                                  ("utf-16-le", b"\xff\xfe", "\r")])
def test_fix_keeps_encoding_bom_line_endings_and_mode(tmp_path: Path, encoding, bom, newline) -> None:
    cable = tmp_path / "c.txt"
    cable.write_bytes(bom + CABLE.replace("\n", newline).encode(encoding))
    os.chmod(cable, 0o640)
    assert _run("--fix-only", str(cable)) == 0
    data = cable.read_bytes()
    assert data == bom + FIXED_SAFE.replace("\n", newline).encode(encoding)
    assert stat.S_IMODE(cable.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["c.txt"]  # no temporary file left


@pytest.mark.parametrize("tail", [b"\n", b"\r\n"])
def test_fix_of_a_cr_file_with_a_stray_lf_writes_every_byte_back(tmp_path: Path, tail: bytes) -> None:
    """A CR file to which a tool appended an LF is read as CR lines (source.cr_lines);
    --fix writes its CRs and that LF back where they were."""
    cable = tmp_path / "c.txt"
    cable.write_bytes(CABLE.replace("\n", "\r").encode() + tail)
    assert _run("--fix-only", str(cable)) == 0
    assert cable.read_bytes() == FIXED_SAFE.replace("\n", "\r").encode() + tail


def test_diff_writes_nothing_and_patch_reproduces_fix(tmp_path: Path, capsys, monkeypatch) -> None:
    patch = shutil.which("patch")
    if patch is None:
        pytest.skip("`patch` is not installed (apt-get install patch; .ci/run installs it)")
    monkeypatch.chdir(tmp_path)
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "c.txt").write_text(CABLE)
        (tmp_path / d / "s.txt").write_bytes(SEED.read_bytes())
    assert _run("--diff", "--unsafe-fixes", "a") == 1
    diff = capsys.readouterr().out
    assert (tmp_path / "a" / "c.txt").read_text() == CABLE  # nothing written
    assert diff.startswith("--- a/a/") and "+TAGS: PREL FR RS" in diff
    assert _run("--fix-only", "--unsafe-fixes", "b") == 0
    subprocess.run([patch, "-p1", "-s"], input=diff.encode(), cwd=tmp_path, check=True)
    for name in ("c.txt", "s.txt"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert _run("--diff", "--unsafe-fixes", "a") == 0 and capsys.readouterr().out == ""


def test_seed_diff_is_ru_to_rs_and_export_damage_only(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    assert main(["--fix", "--unsafe-fixes", "--diff", "seeds/", "--isolated"]) == 1
    diff = capsys.readouterr().out
    removed = [l[1:] for l in diff.splitlines() if l.startswith("-") and not l.startswith("---")]
    added = [l[1:] for l in diff.splitlines() if l.startswith("+") and not l.startswith("+++")]
    assert "TAGS: PREL PGOV FR RS" in added  # the one change of meaning, RU to RS
    # Everything else restores the exported text: debris, the wrapped REASONS, pilcrow numbers.
    assert [l[:4] for l in added if l[:1].isdigit()] == [f"{n}. (" for n in range(1, 10)]
    restored = "".join(added).replace(" ", "")
    damaged = "".join(removed).replace(" ", "").replace("](#)", "").replace("[", "").replace("RU", "RS")
    for n in range(11, 20):
        damaged = damaged.replace(f"{n}.(C)", f"{n - 10}.(C)")
    assert restored == damaged


def test_audit_records_each_fix_and_hashes_protected_text(tmp_path: Path, capsys) -> None:
    cable = tmp_path / "c.txt"
    cable.write_text(CABLE.replace("JOHN DOE, FOR REAS", "JOSIAH ROSENBLATT, FOR REAS"))
    names = tmp_path / "names.txt"
    names.write_text("JOSIAH ROSENBLATT\nPREL\n")
    log = tmp_path / "audit.jsonl"
    assert _run("--fix-only", "--protect", str(names), "--audit", str(log), str(cable)) == 0
    rows = [json.loads(l) for l in log.read_text().splitlines()]
    assert len(rows) == 7 and {r["rule"] for r in rows} == {"CL921", "CL922", "CL923", "CL924"}
    wrap = next(r for r in rows if r["rule"] == "CL923")
    assert [(e["before"], e["after"], e["span"]["line"]) for e in wrap["edits"]] == [("REAS\nONS", "REASONS", 7)]
    assert wrap["version"] and wrap["time"].endswith("+00:00") and wrap["file"] == str(cable) and wrap["safe"]
    debris = next(r for r in rows if r["rule"] == "CL921")  # PREL is on the protect list: hashed
    edit = debris["edits"][0]
    assert "before" not in edit and "after" not in edit and len(edit["after_sha256"]) == 64
    salted = hashlib.sha256((debris["salt"] + "PREL").encode()).hexdigest()
    assert edit["after_sha256"] == salted  # a holder of the text can verify the record
    assert "ROSENBLATT" not in log.read_text() and "PREL" not in log.read_text()
    cable.write_text(CABLE.replace("JOHN DOE, FOR REAS", "JOSIAH ROSENBLATT, FOR REAS"))
    assert _run("--diff", "--protect", str(names), str(cable)) == 1
    diff = capsys.readouterr().out
    assert "ROSENBLATT" not in diff and "PREL" not in diff and "[PROTECTED]" in diff


def test_every_format_marks_fixable_findings(tmp_path: Path, capsys, monkeypatch) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    monkeypatch.chdir(tmp_path)
    Path("c.txt").write_text(CABLE)
    _run("-f", "json", "c.txt")
    found = json.loads(capsys.readouterr().out)
    ru = next(f for f in found if f["rule"] == "CL405")
    start = ru["fix"]["edits"][0]["start"]
    assert ru["fix"] == {"safe": False, "edits": [{"start": start, "end": start + 2, "line": 4, "column": 20,
                                                   "end_line": 4, "end_column": 22, "replacement": "RS"}]}
    _run("-f", "sarif", "c.txt")
    log = json.loads(capsys.readouterr().out)
    jsonschema.validate(log, json.loads(need_shared(SHARED / "schemas" / "sarif-schema-2.1.0.json").read_text()))
    fixes = [r["fixes"][0] for r in log["runs"][0]["results"] if "fixes" in r]
    assert len(fixes) == 8
    rep = fixes[[r["ruleId"] for r in log["runs"][0]["results"] if "fixes" in r].index("CL405")]
    assert rep["artifactChanges"][0]["replacements"][0] == {
        "deletedRegion": {"startLine": 4, "startColumn": 20, "endLine": 4, "endColumn": 22},
        "insertedContent": {"text": "RS"}}
    for fmt, mark in (("concise", "[*]"), ("grouped", "[*unsafe]"), ("github", "[*]"), ("junit", "[*]")):
        _run("-f", fmt, "c.txt")
        assert mark in capsys.readouterr().out, fmt
    assert main(["rule", "CL405"]) == 0
    assert "Automatic fix: unsafe" in capsys.readouterr().out


def test_capco_banner_form_and_rel_to_order(tmp_path: Path) -> None:
    cable = tmp_path / "d.txt"
    cable.write_text(CAPCO)
    assert main(["check", "--isolated", "--fix-only", str(cable)]) == 0
    assert cable.read_text() == CAPCO.replace("GBR, AUS", "AUS, GBR").replace("//NF\n", "//NOFORN\n")


def test_fix_loop_stops_at_its_cap(tmp_path: Path) -> None:
    rs = tmp_path / "grow.yaml"
    rs.write_text("name: grow\nrules:\n  - id: GR001\n    name: grow\n    severity: info\n    kind: pattern\n"
                  "    target: lines\n    forbid: 'A+'\n    message: m\n    autofix: {replace: '{value}A', safe: true}\n")
    engine = Engine([load(str(rs))])
    result = fix_source(engine, decode(b"xAx\n", "g.txt"), max_passes=3)
    assert result.capped and result.passes == 3 and result.text == "xAAAAx\n"


@pytest.mark.parametrize("block,error", [
    ("{replace: x}", "needs `safe: true`"),
    ("{replace: x, function: reorder, safe: true}", "exactly one of"),
    ("{function: nope, safe: true}", "has no fix 'nope'"),
    ("{replace: '{value|shout}', safe: true}", "unknown filter `shout`"),
    ("{replace: x, safe: true, why: no}", "unknown key `why`"),
])
def test_autofix_block_is_validated_with_file_and_line(tmp_path: Path, block: str, error: str) -> None:
    rs = tmp_path / "bad.yaml"
    rs.write_text("name: bad\nrules:\n  - id: BD001\n    name: bad\n    severity: info\n    kind: pattern\n"
                  f"    target: lines\n    forbid: 'A'\n    message: m\n    autofix: {block}\n")
    with pytest.raises(RuleSetError, match=rf"bad.yaml:10: .*{error}"):
        load(str(rs))


def test_fix_options_usage(tmp_path: Path, capsys) -> None:
    assert main(["check", "--unsafe-fixes", "x.txt"]) == 2
    assert "need --fix, --diff or --fix-only" in capsys.readouterr().err
    assert main(["check", "--diff", "--audit", str(tmp_path / "a.jsonl"), "x.txt"]) == 2
    assert "nothing to --audit" in capsys.readouterr().err  # stdin ('-'): tests/test_fix_stdin.py


def test_renumbering_is_unsafe_and_closes_the_gap_in_one_fix(tmp_path: Path, capsys) -> None:
    cable = tmp_path / "g.txt"
    text = FIXED_SAFE.replace("2. (C) Two.\n\n3. (C) Three.", "2. (C) Two.\n\n4. (C) Four.\n\n5. (C) Five.\n\n5. (C) Six.")
    cable.write_text(text)
    assert _run("--fix-only", str(cable)) == 0 and cable.read_text() == text  # unsafe: --fix leaves it
    assert _run("--fix-only", "--unsafe-fixes", str(cable)) == 0
    assert [l[:2] for l in cable.read_text().splitlines() if l[:1].isdigit()] == ["1.", "2.", "3.", "4.", "5."]
    assert "fixed 2 findings" in capsys.readouterr().err  # RU, and the gap and the repeat after it in one fix


def test_renumbering_puts_paragraphs_out_of_order_back_in_sequence(tmp_path: Path, capsys) -> None:
    # 1, 3, 2 (reported once as out of order): one unsafe fix numbers them 1, 2, 3 by position.
    cable = tmp_path / "o.txt"
    text = FIXED_SAFE.replace("2. (C) Two.\n\n3. (C) Three.", "3. (C) Three.\n\n2. (C) Two.")
    cable.write_text(text)
    assert _run("--select", "CL502", str(cable)) == 0
    assert "paragraph 3 comes before 2 (line 13): the paragraphs are out of order" in capsys.readouterr().out
    assert _run("--fix-only", "--unsafe-fixes", "--select", "CL502", str(cable)) == 0
    assert [l[:2] for l in cable.read_text().splitlines() if l[:1].isdigit()] == ["1.", "2.", "3."]
    assert "fixed 1 finding" in capsys.readouterr().err


def test_a_fix_that_would_change_the_parse_is_refused(tmp_path: Path, capsys) -> None:
    rs = tmp_path / "raise.yaml"
    rs.write_text("name: raise\nextends: state\nrules:\n  - id: RA001\n    name: raise\n    severity: info\n"
                  "    kind: pattern\n    target: paragraphs.numbered\n    forbid: '\\(C\\)'\n    message: m\n"
                  "    autofix: {replace: '(S)', safe: true}\n")
    cable = tmp_path / "c.txt"
    cable.write_text(FIXED_SAFE)
    assert main(["check", "--isolated", "--date", "2004-01-30", "--rules", str(rs), "--select", "RA001",
                 "--fix-only", str(cable)]) == 0
    assert cable.read_text() == FIXED_SAFE
    assert "RA001 fix not applied: it would change how the cable parses" in capsys.readouterr().err


@pytest.mark.parametrize("written,fixed", [("12/31/2049", "20491231"), ("2049-5-1", "20490501"),
                                           ("05/01/2049", "05/01/2049")])  # May or January: no fix
def test_capco_declassify_on_date_form(tmp_path: Path, written: str, fixed: str) -> None:
    cable = tmp_path / "d.txt"
    body = ("SECRET//NOFORN\n\nClassified By: Jane Q. Analyst, Director, Office of Harbor Studies\n"
            "Reason: 1.4(c)\nDeclassify On: {}\n\n(S//NF) Harbor works remain behind schedule.\n\nSECRET//NOFORN\n")
    cable.write_text(body.format(written))
    assert main(["check", "--isolated", "--fix-only", str(cable)]) == 0
    assert cable.read_text() == body.format(fixed)


def test_raising_the_banner_and_adding_a_caption_are_unsafe(tmp_path: Path) -> None:
    cable = tmp_path / "h.txt"
    text = FIXED_SAFE.replace("RU", "RS").replace("2. (C) Two.", "2. (S/NF) Two.")
    cable.write_text(text)
    assert _run("--fix-only", str(cable)) == 0 and cable.read_text() == text
    assert _run("--fix-only", "--unsafe-fixes", str(cable)) == 0
    assert cable.read_text() == text.replace("C O N F I D E N T I A L PARIS 000579\n", "S E C R E T PARIS 000579\nNOFORN\n")
    capco = tmp_path / "k.txt"
    capco.write_text("CONFIDENTIAL\n\n(S) Harbor works.\n\nCONFIDENTIAL\n")
    assert main(["check", "--isolated", "--fix-only", "--unsafe-fixes", str(capco)]) == 0
    assert capco.read_text() == "SECRET\n\n(S) Harbor works.\n\nSECRET\n"  # the bottom banner too


def test_a_fix_that_does_not_take_is_refused_not_repeated(tmp_path: Path, capsys) -> None:
    cable = tmp_path / "r.txt"  # the banner inside a run-on export line: a caption under it is not read
    text = ("Cable dated:2004-01-30T13:38:00S E C R E T PARIS 000579 SIPDISE.O. 12958: DECL: 01/27/2014 TAGS: "
            "PREL FR\nSUBJECT: (U) RUN ON\n\n1. (S/NF) Text.\n")
    cable.write_text(text)
    assert main(["check", "--isolated", "--fix-only", "--unsafe-fixes", str(cable)]) == 0
    assert cable.read_text() == text
    err = capsys.readouterr().err
    assert "CL105 fix not applied: it would not remove the finding" in err and "pending" not in err


def test_no_raise_when_the_transmission_line_gives_the_level(tmp_path: Path) -> None:
    cable = tmp_path / "t.txt"
    text = "ZNY CCCCC ZZH\n" + FIXED_SAFE.replace("RU", "RS").replace("2. (C) Two.", "2. (S) Two.")
    cable.write_text(text)
    assert _run("--fix-only", "--unsafe-fixes", str(cable)) == 0
    assert cable.read_text() == text


def test_missing_sensitive_caption_is_added_as_an_unsafe_fix(tmp_path: Path) -> None:
    cable = tmp_path / "s.txt"
    text = "UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL FR\nSUBJECT: SBU\n\n1. (SBU) Sensitive text.\n"
    cable.write_text(text)
    assert _run("--fix-only", str(cable)) == 0 and cable.read_text() == text
    assert _run("--fix-only", "--unsafe-fixes", str(cable)) == 0
    assert cable.read_text() == text.replace("000579\n", "000579\nSENSITIVE BUT UNCLASSIFIED\n")


@pytest.mark.parametrize("written,date,fixed", [
    ("5/20/2019", "2009-05-20", "05/20/2019"), ("05/2/2019", "2009-05-20", "05/02/2019"),
    ("05-20-2019", "2009-05-20", "05/20/2019"),
    ("05/20/19", "2009-05-20", "05/20/2019"),   # the century is certain: 2019 is 10 years after the cable
    ("5/20/09", "2009-01-02", "05/20/2009"),    # the cable's own year
    ("05/20/95", "2009-05-20", "05/20/95"),     # 1995 is before the cable: a person looks, no fix
    ("05/20/2019", "2009-05-20", "05/20/2019"),  # the era's form already
    ("2019/5/20", "2009-11-20", "2019/5/20"),   # year first (SMART): not this rule's form
])
def test_decl_date_into_its_eras_form(tmp_path: Path, written: str, date: str, fixed: str) -> None:
    cable = tmp_path / "d.txt"
    body = "C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: {}\nTAGS: PREL FR\nSUBJECT: (U) DECL FORM\n"
    cable.write_text(body.format(written))
    assert main(["check", "--isolated", "--date", date, "--select", "CL219", "--fix-only", str(cable)]) == 0
    assert cable.read_text() == body.format(fixed)


def test_decl_date_form_is_the_eras_own(tmp_path: Path, capsys) -> None:
    """E.O. 12958 as issued wrote two-digit years (`6/30/08`); from the 2003
    amendment the form is MM/DD/YYYY, and a fix that is not certain is not offered."""
    cable = tmp_path / "e.txt"
    cable.write_text("C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: 6/30/08\nTAGS: PREL FR\nSUBJECT: (U) X\n")
    assert main(["check", "--isolated", "--date", "1998-06-30", "--select", "CL219", "-f", "json", str(cable)]) == 0
    assert json.loads(capsys.readouterr().out) == []
    cable.write_text(cable.read_text().replace("6/30/08", "6/30/95"))
    assert main(["check", "--isolated", "--date", "2009-06-30", "--select", "CL219", "-f", "json", str(cable)]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [(f["rule"], f["line"], f["column"], f.get("fix")) for f in found] == [("CL219", 2, 19, None)]


def test_year4_reads_the_century_from_the_cables_date() -> None:
    import datetime as dt
    from types import SimpleNamespace
    from cablelint.autofix import render

    def ctx(lo, hi=None):
        return SimpleNamespace(date_range=None if lo is None else (dt.date(lo, 1, 1), dt.date(hi or lo, 12, 31)))

    assert render("{y|year4}", {"y": "14"}, ctx(2004)) == "2014"
    assert render("{y|year4}", {"y": "2014"}, ctx(None)) == "2014"  # four digits need no date
    assert render("{y|year4}", {"y": "14"}, ctx(None)) is None  # no cable date: no guess
    assert render("{y|year4}", {"y": "03"}, ctx(2004)) is None  # before the cable's year
    assert render("{y|year4}", {"y": "39"}, ctx(1980)) is None  # 2039 is 59 years out: not certain
    assert render("{y|year4}", {"y": "99"}, ctx(1996)) == "1999"
    assert render("{y|year4}", {"y": "05"}, ctx(2004, 2005)) == "2005"  # only the year range is known


def test_show_matches_unmasks_the_report_but_not_a_fix_diff(tmp_path: Path, capsys) -> None:
    """What the --show-matches help says: the report's masking is off (the
    flagged text, --show-source lines), the fixes' diff stays masked."""
    cable = tmp_path / "c.txt"
    cable.write_text(CABLE.replace("JOHN DOE, FOR REAS", "JOSIAH ROSENBLATT, FOR REAS"))
    names = tmp_path / "names.txt"
    names.write_text("JOSIAH ROSENBLATT\n")
    protect = ["--protect", str(names)]
    _run(*protect, "--show-source", str(cable))
    assert "ROSENBLATT" not in capsys.readouterr().out
    _run(*protect, "--show-source", "--show-matches", str(cable))
    assert "ROSENBLATT" in capsys.readouterr().out
    assert _run(*protect, "--diff", "--show-matches", str(cable)) == 1
    diff = capsys.readouterr().out
    assert "ROSENBLATT" not in diff and "[PROTECTED]" in diff


def test_fixing_in_worker_processes_gives_the_same_files(tmp_path: Path, capsys) -> None:
    """--jobs applies to fixing: two workers write what one process writes,
    and the diffs come out in the files' order."""
    texts = {f"c{i}.txt": CABLE.replace("PARIS 000579", f"PARIS 00057{i}") for i in range(6)}
    texts["c3.txt"] = FIXED_SAFE  # nothing to fix in one of them
    for d in ("one", "two"):
        (tmp_path / d).mkdir()
        for name, text in texts.items():
            (tmp_path / d / name).write_text(text)
    assert _run("--diff", "--jobs", "2", str(tmp_path / "two")) == 1
    diff = capsys.readouterr().out
    assert [l.split("/")[-1] for l in diff.splitlines() if l.startswith("--- ")] == [
        "c0.txt", "c1.txt", "c2.txt", "c4.txt", "c5.txt"]
    assert _run("--fix-only", "--jobs", "1", str(tmp_path / "one")) == 0
    assert _run("--fix-only", "--jobs", "2", str(tmp_path / "two")) == 0
    for name, text in texts.items():
        want = FIXED_SAFE.replace("PARIS 000579", text.split("\n")[0][-12:])  # each keeps its own serial
        assert (tmp_path / "two" / name).read_text() == (tmp_path / "one" / name).read_text() == want


def test_a_fix_spec_is_a_frozen_value() -> None:
    """autofix.FixSpec: a plain class (start-up time), equal, hashable, unchangeable and pickled by its fields."""
    import pickle

    from cablelint.autofix import FixSpec

    spec = next(r.autofix for r in load("state").rules if r.autofix is not None)
    assert pickle.loads(pickle.dumps(spec)) == spec and hash(pickle.loads(pickle.dumps(spec))) == hash(spec)
    assert FixSpec(True, replace="x") == FixSpec(safe=True, replace="x", function=None, require=())
    assert repr(FixSpec(False, function="f")) == "FixSpec(safe=False, replace=None, function='f', require=())"
    with pytest.raises(AttributeError):
        spec.safe = not spec.safe


def test_a_protected_diff_is_for_reading_only_as_the_readme_says(tmp_path: Path, capsys, monkeypatch) -> None:
    """With a protect list the diff masks the name (in the lines and in a file
    name), so it does not apply with patch; the README must not promise it does,
    and must say how to get one that applies (without --protect, privately)."""
    patch = shutil.which("patch")
    if patch is None:
        pytest.skip("`patch` is not installed (apt-get install patch; .ci/run installs it)")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "c.txt").write_text(CABLE.replace("JOHN DOE, FOR REAS", "JOSIAH ROSENBLATT, FOR REAS"))
    (tmp_path / "names.txt").write_text("JOSIAH ROSENBLATT\n")
    assert _run("--diff", "--protect", "names.txt", "a") == 1
    masked = capsys.readouterr().out
    assert "[PROTECTED]" in masked and "ROSENBLATT" not in masked
    assert subprocess.run([patch, "-p1", "--dry-run"], input=masked.encode(), cwd=tmp_path,
                          capture_output=True).returncode != 0
    assert _run("--diff", "a") == 1  # the private step: no protect list, and the diff applies
    subprocess.run([patch, "-p1", "-s"], input=capsys.readouterr().out.encode(), cwd=tmp_path, check=True)
    readme = " ".join((Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8").split())
    assert "without a protect list its output applies with `patch -p1`" in readme
    assert "the diff is for reading only" in readme and "run `--diff` without `--protect` in a private step" in readme
