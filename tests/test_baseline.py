"""Baselines: content fingerprints that survive edits around a finding.

The cables are invented here (never corpus text). The scenario: record a
baseline, then insert lines above the findings and reorder paragraphs: no
finding comes back. Fix one finding: its entry is reported stale.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cablelint import baseline
from cablelint.cli import main
from cablelint.findings import Finding, Severity

HEAD = """\
C O N F I D E N T I A L STATE 0{n}

E.O. 12958: DECL: 01/30/2014
TAGS: {tags}
SUBJECT: (C) TALKS WITH THE MINISTER

Classified By: POLITICAL COUNSELOR JANE DOE, FOR REASONS 1.4 B AND D

"""
P_OK = "(C) The minister met the delegation and set out his views on trade.\n\n"
P_UNMARKED = "Nobody marked this paragraph, so it must be flagged by the linter.\n\n"
P_HIGH = "(S) This paragraph is classified above the banner of the cable.\n\n"
P_LAST = "(C) The last paragraph closes the cable with a note on the schedule.\n\n"
FOOT = "C O N F I D E N T I A L\n"
BAD_TAGS = "PREL, XXZZ, FR"  # XXZZ is no TAG


def cable(n: int, *paras: str, head: str = "", tags: str = "PREL, FR") -> str:
    return head + HEAD.format(n=n, tags=tags) + "".join(paras) + FOOT


def write_cables(d: Path) -> dict[str, Path]:
    d.mkdir(parents=True, exist_ok=True)
    files = {
        "a": d / "a.txt",
        "b": d / "b.txt",
        "c": d / "c.txt",
    }
    files["a"].write_text(cable(1, P_OK, P_UNMARKED, P_HIGH, P_LAST, tags=BAD_TAGS), encoding="utf-8")
    # the same unmarked paragraph twice: two entries, told apart by occurrence
    files["b"].write_text(cable(2, P_UNMARKED, P_OK, P_UNMARKED, P_LAST), encoding="utf-8")
    files["c"].write_text(cable(3, P_OK, P_LAST), encoding="utf-8")
    return files


def run_json(capsys, *args: str) -> tuple[int, dict]:
    """Findings from stdout (a JSON array); the summary and stale entries from stderr."""
    code = main(["check", "--isolated", "--date", "2004-01-30", "--format", "json", *args])
    cap = capsys.readouterr()
    summary = cap.err.strip().splitlines()[-1]
    baselined = re.search(r"(\d+) baselined", summary)
    stale_n = re.search(r"(\d+) stale baseline entr", summary)
    stale = [l.split("stale baseline entry: ", 1)[1] for l in cap.err.splitlines() if "stale baseline entry: " in l]
    return code, {"findings": json.loads(cap.out), "stale": stale,
                  "summary": {"baselined": int(baselined[1]) if baselined else 0,
                              "stale": int(stale_n[1]) if stale_n else 0}}


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    monkeypatch.chdir(tmp_path)
    return write_cables(tmp_path / "cables")


def test_baseline_survives_inserted_lines_and_moved_paragraphs(project, tmp_path, capsys) -> None:
    bl = tmp_path / "cablelint-baseline.json"
    code, before = run_json(capsys, "cables")
    assert code == 1
    rules = sorted(f["rule"] for f in before["findings"])
    assert rules.count("CL102") == 3 and "CL104" in rules and "CL404" in rules

    assert main(["check", "--isolated", "--date", "2004-01-30", "cables", "--write-baseline", str(bl)]) == 0
    assert "wrote %d baseline entries" % len(rules) in capsys.readouterr().err
    entries = baseline.load(bl)
    assert len(entries) == len(rules)
    assert {e.path for e in entries} == {"cables/a.txt", "cables/b.txt"}

    # insert lines above every finding (at the top and between the parts)...
    a_text = cable(1, P_HIGH, P_LAST, "(C) A new paragraph was added here.\n\n\n\n", P_UNMARKED, P_OK,
                   head="Archive note: copied from the 2004 file.\nSecond note line.\n\n", tags=BAD_TAGS)
    project["a"].write_text(a_text, encoding="utf-8")
    # ...and reorder the paragraphs of b (the twin unmarked paragraphs swap places with others)
    project["b"].write_text(cable(2, P_LAST, P_UNMARKED, P_UNMARKED, P_OK), encoding="utf-8")
    code, moved = run_json(capsys, "cables")
    assert code == 1 and len(moved["findings"]) == len(rules)  # without the baseline all are there
    assert {(f["path"], f["line"]) for f in moved["findings"]} != {(f["path"], f["line"]) for f in before["findings"]}

    code, after = run_json(capsys, "cables", "--baseline", str(bl))
    assert after["findings"] == [], after["findings"]
    assert after["summary"]["baselined"] == len(rules) and after["summary"]["stale"] == 0
    assert code == 0

    # fix one of b's twin paragraphs: exactly one entry goes stale
    project["b"].write_text(cable(2, P_LAST, "(C) " + P_UNMARKED, P_UNMARKED, P_OK), encoding="utf-8")
    code, fixed = run_json(capsys, "cables", "--baseline", str(bl))
    assert fixed["findings"] == [] and code == 0
    assert fixed["summary"]["stale"] == 1
    assert fixed["stale"] == ["cables/b.txt: CL102 (occurrence 2)"]
    # the text formats say so in the summary line
    main(["check", "--isolated", "--date", "2004-01-30", "cables", "--baseline", str(bl), "-f", "concise"])
    out = capsys.readouterr().out
    assert "stale baseline entry: cables/b.txt: CL102 (occurrence 2)" in out
    assert out.rstrip().splitlines()[-1].startswith("0 findings") and "1 stale baseline entry" in out


def test_new_finding_is_reported_and_subset_runs_report_no_false_stale(project, tmp_path, capsys) -> None:
    bl = tmp_path / "bl.json"
    assert main(["check", "--isolated", "--date", "2004-01-30", "cables", "--write-baseline", str(bl)]) == 0
    capsys.readouterr()
    # a new unmarked paragraph in c is a new finding, not hidden
    project["c"].write_text(cable(3, P_OK, "A fresh paragraph with no mark.\n\n", P_LAST), encoding="utf-8")
    code, got = run_json(capsys, "cables/c.txt", "--baseline", str(bl))
    assert code == 1
    assert [(f["path"], f["rule"]) for f in got["findings"]] == [("cables/c.txt", "CL102")]
    # only c was linted: a's and b's entries are not stale
    assert got["summary"]["stale"] == 0
    # only some rules ran: the other rules' entries are not stale either
    code, got = run_json(capsys, "cables", "--baseline", str(bl), "--select", "CL104,CL404")
    assert code == 0 and got["findings"] == [] and got["summary"]["stale"] == 0
    assert got["summary"]["baselined"] == 2


def test_baseline_file_is_stable_sorted_and_holds_no_text(project, tmp_path, capsys) -> None:
    bl1, bl2 = tmp_path / "one.json", tmp_path / "two.json"
    main(["check", "--isolated", "--date", "2004-01-30", "cables", "--write-baseline", str(bl1)])
    main(["check", "--isolated", "--date", "2004-01-30", "cables", "--write-baseline", str(bl2)])
    text = bl1.read_text(encoding="utf-8")
    assert text == bl2.read_text(encoding="utf-8")
    for secret in ("XXZZ", "NOBODY", "Nobody marked", "above the banner"):
        assert secret.lower() not in text.lower()
    lines = text.splitlines()
    rows = [json.loads(line.strip().rstrip(",")) for line in lines if line.strip().startswith('{"')]
    assert len(rows) == len(baseline.load(bl1)) >= 5  # one entry per line
    assert rows == sorted(rows, key=lambda r: (r["path"], r["rule"], r["text_sha256"], r["occurrence"]))
    assert all(set(r) == {"path", "rule", "text_sha256", "occurrence"} for r in rows)  # no line, no date
    assert all(len(r["text_sha256"]) == 64 for r in rows)


def test_normal_check_never_writes_a_baseline(project, tmp_path, capsys) -> None:
    bl = tmp_path / "bl.json"
    main(["check", "--isolated", "--date", "2004-01-30", "cables", "--write-baseline", str(bl)])
    before = bl.read_bytes()
    project["a"].write_text(cable(1, P_OK), encoding="utf-8")  # its findings are fixed
    main(["check", "--isolated", "--date", "2004-01-30", "cables", "--baseline", str(bl)])
    assert bl.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bl.json", "cables"]


def test_rewriting_a_subset_keeps_other_files_entries(project, tmp_path, capsys) -> None:
    bl = tmp_path / "bl.json"
    main(["check", "--isolated", "--date", "2004-01-30", "cables", "--write-baseline", str(bl)])
    b_entries = [e for e in baseline.load(bl) if e.path == "cables/b.txt"]
    project["a"].write_text(cable(1, P_OK, P_LAST), encoding="utf-8")  # a is now clean
    main(["check", "--isolated", "--date", "2004-01-30", "cables/a.txt", "--write-baseline", str(bl)])
    assert "kept 2" in capsys.readouterr().err
    assert baseline.load(bl) == sorted(b_entries)


def test_fingerprint_normalises_whitespace_and_case() -> None:
    def f(text: str, start: int) -> Finding:
        return Finding("x.txt", "CL102", "portion-mark-missing", Severity.ERROR, "m", 1, 1, 1, 2,
                       start=start, end=start + len(text), matched=text)

    a = baseline.entries([f("Some  text\nwrapped", 10)], Path("."))[0][1]
    b = baseline.entries([f("SOME TEXT WRAPPED", 500)], Path("."))[0][1]
    assert a == b and a.occurrence == 0
    twins = baseline.entries([f("same", 90), f("same", 5)], Path("."))
    assert sorted(e.occurrence for _, e in twins) == [0, 1]
    assert twins[0][0].start == 5 and twins[0][1].occurrence == 0  # occurrences count in text order
    assert baseline.text_hash("x") != baseline.text_hash("y")


def test_broken_baseline_is_an_error_naming_file_and_line(project, tmp_path, capsys) -> None:
    bl = tmp_path / "bl.json"
    bl.write_text('{\n  "cablelint_baseline": 1,\n  "entries": [\n    {"path": "a.txt",}\n  ]\n}\n')
    assert main(["check", "--isolated", "cables", "--baseline", str(bl)]) == 2
    assert f"{bl}:4:" in capsys.readouterr().err
    bl.write_text('{\n  "cablelint_baseline": 1,\n  "entries": [\n    {"path": "a.txt", "rule": "CL1"}\n  ]\n}\n')
    assert main(["check", "--isolated", "cables", "--baseline", str(bl)]) == 2
    err = capsys.readouterr().err
    assert f"{bl}:4: a baseline entry needs exactly" in err
    assert main(["check", "--isolated", "cables", "--baseline", str(tmp_path / "missing.json")]) == 2
    assert "baseline file not found" in capsys.readouterr().err


def test_protected_term_findings_are_never_baselined(tmp_path: Path) -> None:
    """Regression: the baseline stored an unsalted SHA-256 of every flagged
    text, so a CL601 entry confirmed a guessed protected name. Findings of
    protected-term rules are now left out of the file, never hidden, and
    fingerprinted (SARIF/GitLab) without their text."""
    import datetime as dt
    import hashlib

    from cablelint.engine import Engine
    from cablelint.protectfile import from_terms
    from cablelint.ruleset import load
    from cablelint.source import Source

    rs = load("release")
    eng = Engine([rs], as_of=dt.date(2012, 1, 1), options={"release": True, "protect": from_terms(["Rosenblatt"])})
    text = ("C O N F I D E N T I A L PARIS 000579\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\n"
            "SUBJECT: T\n\n1. (C) Rosenblatt met a contact; Rosenblatt left.\n")
    path = str(tmp_path / "c.txt")
    found = eng.lint_source(Source(path, text))
    protected = [f for f in found if f.rule == "CL601"]
    assert len(protected) == 2 and len(found) > 2
    # CL608: a name beside "protect"; CL614: a name in the file name
    assert baseline.protected_rules(eng.rules) == {"CL601", "CL608", "CL614"}

    bl = tmp_path / "bl.json"
    # an entry an older version wrote for a file not linted now: dropped too (it holds a hash of the name)
    old = baseline.Entry("other.txt", "CL601", baseline.text_hash("Rosenblatt"), 0)
    bl.write_text(baseline.render([old]), encoding="utf-8")
    n, kept = baseline.write(bl, found, [path], rules=eng.rules)
    assert (n, kept) == (len(found) - 2, 0)
    content = bl.read_text(encoding="utf-8")
    assert "CL601" not in content and baseline.text_hash("Rosenblatt") not in content
    assert "Rosenblatt".lower() not in content.lower()

    applied = baseline.apply(bl, found, [path], rules=eng.rules)
    assert [f.rule for f in applied.findings] == ["CL601", "CL601"] and applied.suppressed == len(found) - 2

    def fps(name: str) -> list[str]:
        swapped = [Finding(f.path, f.rule, f.name, f.severity, f.message, f.line, f.column,
                                    f.end_line, f.end_column, f.start, f.end, name) for f in protected]
        got = baseline.fingerprints(swapped, tmp_path, rules=eng.rules)
        return [got[id(f)] for f in swapped]

    assert fps("Rosenblatt") == fps("Anybody Else")  # the fingerprint does not depend on the name
    assert len(set(fps("Rosenblatt"))) == 2
    assert hashlib.sha256(b"ROSENBLATT").hexdigest() not in str(baseline.entries(protected, tmp_path, eng.rules))


def test_a_renamed_or_moved_cable_keeps_its_entries(project, tmp_path, capsys) -> None:
    """Entries are keyed by path; a file the baseline does not name takes those
    of a file that is gone on a strong match (baseline._same_file)."""
    bl = tmp_path / "bl.json"
    assert main(["check", "--isolated", "--date", "2004-01-30", "cables", "--write-baseline", str(bl)]) == 0
    capsys.readouterr()
    old_entries = baseline.load(bl)  # an old baseline file, read as it was written
    (tmp_path / "cables" / "sub").mkdir()
    project["a"].rename(tmp_path / "cables" / "sub" / "a-renamed.txt")
    project["b"].rename(tmp_path / "cables" / "b2.txt")
    code, got = run_json(capsys, "cables", "--baseline", str(bl))
    # a (three entries, its unknown TAG its own) is followed; b's two entries
    # are too few to tell a rename from a template's shared slips: reported
    # until the baseline is written again.
    assert sorted((f["path"], f["rule"]) for f in got["findings"]) == [("cables/b2.txt", "CL102")] * 2
    assert got["summary"]["stale"] == 0
    assert got["summary"]["baselined"] == len([e for e in old_entries if e.path == "cables/a.txt"]) == 3
    # Rewriting the baseline drops the gone files' entries: the new names have their own.
    assert main(["check", "--isolated", "--date", "2004-01-30", "cables", "--write-baseline", str(bl)]) == 0
    capsys.readouterr()
    assert {e.path for e in baseline.load(bl)} == {"cables/sub/a-renamed.txt", "cables/b2.txt"}


def test_a_gone_cables_entries_do_not_hide_an_unrelated_new_one(project, tmp_path, capsys) -> None:
    bl = tmp_path / "bl.json"
    assert main(["check", "--isolated", "--date", "2004-01-30", "cables", "--write-baseline", str(bl)]) == 0
    capsys.readouterr()
    project["a"].unlink()
    # A new cable shares one of a's three slips (the unmarked paragraph), and a copy of b
    # leaves b in place: neither takes entries that are not its own.
    (tmp_path / "cables" / "new.txt").write_text(cable(7, P_OK, P_UNMARKED, P_LAST), encoding="utf-8")
    (tmp_path / "cables" / "b-copy.txt").write_bytes(project["b"].read_bytes())
    code, got = run_json(capsys, "cables", "--baseline", str(bl))
    assert code == 1
    assert sorted((f["path"], f["rule"]) for f in got["findings"]) == [
        ("cables/b-copy.txt", "CL102"), ("cables/b-copy.txt", "CL102"), ("cables/new.txt", "CL102")]


@pytest.mark.parametrize("slips", [1, 2], ids=["one-slip", "two-slips"])
def test_a_template_slip_of_a_gone_cable_does_not_hide_it_in_a_new_one(project, tmp_path, capsys, slips) -> None:
    # Template cables share their slips (DECL: OADR): a withdrawn cable's one
    # or two entries lent themselves to a new cable from another post.
    def oadr(n: int) -> str:
        paras = (P_OK, P_UNMARKED, P_LAST) if slips == 2 else (P_OK, P_LAST)
        return cable(n, *paras).replace("DECL: 01/30/2014", "DECL: OADR")

    for p in project.values():
        p.unlink()
    (tmp_path / "cables" / "07PARIS100.txt").write_text(oadr(100), encoding="utf-8")
    bl = tmp_path / "bl.json"
    assert main(["check", "--isolated", "--date", "2004-01-30", "cables", "--write-baseline", str(bl)]) == 0
    capsys.readouterr()
    assert len(baseline.load(bl)) == slips
    (tmp_path / "cables" / "07PARIS100.txt").unlink()
    (tmp_path / "cables" / "08ROME555.txt").write_text(oadr(555), encoding="utf-8")
    code, got = run_json(capsys, "cables", "--baseline", str(bl))
    assert code == 1 and len(got["findings"]) == slips and got["summary"]["baselined"] == 0
