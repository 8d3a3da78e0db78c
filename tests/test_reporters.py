"""Every output format: structure and content, SARIF against the 2.1.0
schema, and the masking point (`Report.safe`) honoured by all of them."""
from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cablelint.config import Config
from cablelint.findings import Finding, Severity
from cablelint.reporters import Report, get, names
from cablelint.session import Session

from cables import state_cable
from conftest import SHARED, need_shared

FORMATS = ["concise", "full", "grouped", "json", "json-lines", "sarif", "github", "gitlab", "junit"]

UNMARKED = "Nobody marked this paragraph, so it must be flagged by the linter; it was written by Jane"
CABLE = state_cable(UNMARKED + "\nDoe for the test.")  # a name wrapped over a line break
CLEAN = state_cable(UNMARKED + "\nDoe for the test.", faults="none")


def _mask_jane(text: str) -> str:
    """A line-keeping mask like the protect list's: each line part replaced in place."""
    return re.sub(r"(?i)jane(\s+)doe", lambda m: "XXXX" + m.group(1) + "XXX", text)


def make_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cables: dict[str, str] | None = None,
                **kw) -> Report:
    monkeypatch.chdir(tmp_path)
    cables = cables if cables is not None else {"a.txt": CABLE, "clean.txt": CLEAN}
    for name, text in cables.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    run = Session.build(Config(date=dt.date(2004, 1, 30))).lint(list(cables))
    return Report(findings=run.findings, rules=run.engine.rules, files=len(run.linted), sources=run.sources,
                  elapsed=run.elapsed, version="0.1.0", **kw)


@pytest.fixture()
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    return make_report(tmp_path, monkeypatch)


def test_every_format_is_registered() -> None:
    assert set(FORMATS) <= set(names())


def test_the_test_cables_have_the_expected_findings(report: Report) -> None:
    got = [(f.path, f.line, f.column, f.rule) for f in report.findings]
    assert got == [("a.txt", 4, 13, "CL404"), ("a.txt", 11, 1, "CL102"), ("a.txt", 14, 2, "CL104")]


def test_full_shows_the_line_and_underlines_the_span(report: Report) -> None:
    report.show_source = True  # --show-source: the cable's own line, for a local terminal
    out = get("full").render(report).splitlines()
    i = out.index("a.txt:4:13: warning CL404 TAG XXZZ is not a known subject, program, country or "
                  "organization TAG [tag-unknown]")
    assert out[i + 1] == "4 | TAGS: PREL, XXZZ, FR"
    assert out[i + 2] == "  |             ^~~~"  # under XXZZ, columns 13-16
    j = out.index(next(l for l in out if l.startswith("a.txt:14:2: error CL104 ")))
    assert out[j + 1] == "14 | (S) This paragraph is classified above the banner of the cable."
    assert out[j + 2] == "   |  ^"
    assert out[j + 3].startswith("  = fix: ") and out[j + 4].startswith("  = fixable: ") and out[j + 5] == ""
    k = out.index(next(l for l in out if l.startswith("a.txt:11:1: error CL102 ")))
    assert out[k + 2] == "   | ^" + "~" * (len(UNMARKED) - 1)
    assert out[-1].startswith("3 findings (2 errors, 1 warning, 0 info) in 2 files [")


def test_full_cuts_long_lines_round_the_span(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    long_para = "Nobody marked this " + "very long paragraph " * 30 + "end."
    text = CABLE.replace(UNMARKED + "\nDoe for the test.", long_para)
    rep = make_report(tmp_path, monkeypatch, {"a.txt": text})
    rep.show_source = True
    out = get("full").render(rep).splitlines()
    k = out.index(next(l for l in out if " CL102 " in l))
    assert out[k + 1].startswith("11 | Nobody marked") and out[k + 1].endswith("…")
    assert len(out[k + 1]) <= len("11 | ") + 121


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_format_prints_flagged_text_or_protected_terms(tmp_path, monkeypatch, fmt: str) -> None:
    rep = make_report(tmp_path, monkeypatch, mask=_mask_jane)
    out = get(fmt).render(rep)
    assert "jane" not in out.lower()  # the name wraps across two lines in the cable
    assert "Nobody marked" not in out and "classified above the banner" not in out
    if fmt == "full":  # only `full` shows a (masked) excerpt of the source, and only with --show-source
        rep.show_source = True
        out = get(fmt).render(rep)
        assert "jane" not in out.lower()
        assert "11 | Nobody marked this paragraph, so it must be flagged by the linter; it was written by XXXX" in out


def test_show_matches_prints_flagged_text_only_when_asked(report: Report) -> None:
    plain = json.loads(get("json").render(report))
    assert all("match" not in f for f in plain)
    report.show_matches = True
    report.mask = _mask_jane
    shown = json.loads(get("json").render(report))
    assert [f["match"] for f in shown][0] == "XXZZ"
    assert shown[1]["match"] == UNMARKED.replace("Jane", "XXXX")  # masked across the wrap
    # a mask that changes lengths: the whole masked line is shown, never a cut fragment of the name
    report.mask = lambda t: re.sub(r"(?i)jane(\s+)doe", lambda m: "[P]" + m.group(1) + "[P]", t)
    shown = json.loads(get("json").render(report))
    assert shown[1]["match"] == UNMARKED.replace("Jane", "[P]")
    assert "Jane" not in get("json-lines").render(report)


def test_concise_and_grouped(report: Report) -> None:
    lines = get("concise").render(report).splitlines()
    assert lines[:3] == [
        "a.txt:4:13: warning CL404 TAG XXZZ is not a known subject, program, country or organization TAG "
        "[tag-unknown]",
        "a.txt:11:1: error CL102 this portion of a classified cable has no portion mark such as (U), (C) or (S) "
        "[portion-mark-missing]",
        "a.txt:14:2: error CL104 this portion is marked (S), above the cable's banner CONFIDENTIAL "
        "[portion-above-banner] [*unsafe]"]
    assert len(lines) == 4 and lines[3].startswith("3 findings")
    grouped = get("grouped").render(report).splitlines()
    assert grouped[0] == "a.txt:"
    assert grouped[1].startswith("  4:13  warning CL404  TAG XXZZ")
    assert grouped[2].startswith("  11:1  error   CL102  this portion") and grouped[4] == ""
    report.quiet = True
    assert not any(l.startswith("3 findings") for l in get("concise").render(report).splitlines())


def test_json_and_json_lines(report: Report) -> None:
    doc = json.loads(get("json").render(report))
    assert isinstance(doc, list)  # a bare array of findings, as scripts expect
    assert [f["rule"] for f in doc] == ["CL404", "CL102", "CL104"]
    assert doc[1] == {"path": "a.txt", "line": 11, "column": 1, "end_line": 11,
                      "end_column": 90, "rule": "CL102", "name": "portion-mark-missing",
                      "severity": "error", "message": doc[1]["message"]}
    rows = [json.loads(line) for line in get("json-lines").render(report).splitlines()]
    assert rows == doc


def _sarif_schema() -> dict:
    return json.loads(need_shared(SHARED / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_is_valid_and_complete(report: Report) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = _sarif_schema()
    log = json.loads(get("sarif").render(report))
    jsonschema.validate(log, schema)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "cablelint" and driver["semanticVersion"] == "0.1.0"
    # pyproject.toml gives no project URL: no informationUri (optional in SARIF), no placeholder
    assert "informationUri" not in driver and "example.invalid" not in json.dumps(log)
    assert not any("helpUri" in r for r in driver["rules"])  # the shipped rules cite no web page
    assert run["columnKind"] == "unicodeCodePoints" and run["invocations"][0]["executionSuccessful"] is True
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    r104 = driver["rules"][ids.index("CL104")]
    assert r104["name"] == "portion-above-banner" and r104["defaultConfiguration"]["level"] == "error"
    assert r104["shortDescription"]["text"] and r104["fullDescription"]["text"]
    assert "How to fix" in r104["help"]["text"] and "**How to fix.**" in r104["help"]["markdown"]
    assert "state" in r104["properties"]["tags"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["CL404", "CL102", "CL104"]
    for res in results:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
    assert [r["level"] for r in results] == ["warning", "error", "error"]
    loc = results[0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "a.txt", "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": 4, "startColumn": 13, "endLine": 4, "endColumn": 17}
    assert results[1]["locations"][0]["physicalLocation"]["region"]["endColumn"] == len(UNMARKED) + 1
    fps = [r["partialFingerprints"]["cablelintFingerprint/v1"] for r in results]
    assert len(set(fps)) == 3


def test_sarif_uris_only_when_real(report: Report, monkeypatch) -> None:
    """The project's URL when its metadata gives one; a rule's helpUri when
    its `reference` is a web address."""
    from cablelint.reporters import sarif

    monkeypatch.setattr(sarif, "information_uri", lambda: "https://cablelint.example.org/")
    rule = next(iter(report.rules.values()))
    monkeypatch.setattr(rule, "reference", "https://house.example.org/rules#x")
    driver = json.loads(get("sarif").render(report))["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://cablelint.example.org/"
    assert [r["helpUri"] for r in driver["rules"] if "helpUri" in r] == ["https://house.example.org/rules#x"]
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(json.loads(get("sarif").render(report)), _sarif_schema())


def test_sarif_with_no_results_is_still_a_complete_log(tmp_path, monkeypatch) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    rep = make_report(tmp_path, monkeypatch, {"clean.txt": CLEAN})
    assert rep.findings == []
    log = json.loads(get("sarif").render(rep))
    jsonschema.validate(log, _sarif_schema())
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"]


def test_fingerprints_survive_lines_inserted_above(tmp_path, monkeypatch) -> None:
    first = json.loads(get("gitlab").render(make_report(tmp_path, monkeypatch)))
    shifted = make_report(tmp_path, monkeypatch, {"a.txt": "Archive copy.\n\n\n" + CABLE, "clean.txt": CLEAN})
    second = json.loads(get("gitlab").render(shifted))
    assert [i["location"]["lines"]["begin"] for i in second] == [i["location"]["lines"]["begin"] + 3 for i in first]
    assert [i["fingerprint"] for i in second] == [i["fingerprint"] for i in first]


def test_gitlab_code_quality(report: Report) -> None:
    issues = json.loads(get("gitlab").render(report))
    assert [i["check_name"] for i in issues] == ["CL404", "CL102", "CL104"]
    assert [i["severity"] for i in issues] == ["minor", "major", "major"]
    assert issues[1]["location"] == {"path": "a.txt", "lines": {"begin": 11, "end": 11}}
    assert issues[1]["description"].startswith("CL102 this portion of a classified cable")
    assert all(i["type"] == "issue" and re.fullmatch(r"[0-9a-f]{32}", i["fingerprint"]) for i in issues)


def _synthetic(path: str, message: str, **kw) -> Report:
    f = Finding(path=path, rule="CL999", name="odd-rule", severity=kw.pop("severity", Severity.INFO),
                message=message, line=kw.pop("line", 3), column=2, end_line=kw.pop("end_line", 3), end_column=5,
                matched="SECRET TEXT")
    return Report(findings=[f], rules={}, files=1, **kw)


def test_github_workflow_commands_and_escaping(report: Report) -> None:
    lines = get("github").render(report).splitlines()
    assert lines[0] == ("::warning file=a.txt,line=4,endLine=4,col=13,endColumn=17,title=CL404 tag-unknown::"
                        "CL404 TAG XXZZ is not a known subject, program, country or organization TAG [tag-unknown]")
    assert lines[1].startswith("::error file=a.txt,line=11,endLine=11,col=1,endColumn=90,title=CL102 ")
    assert lines[-1].startswith("3 findings")
    odd = _synthetic("dir,one/we:ird.txt", "100% wrong\nsecond line\r")
    line = get("github").render(odd).splitlines()[0]
    assert line == ("::notice file=dir%2Cone/we%3Aird.txt,line=3,endLine=3,col=2,endColumn=5,"
                    "title=CL999 odd-rule::CL999 100%25 wrong%0Asecond line%0D [odd-rule]")
    assert "SECRET TEXT" not in get("github").render(odd)
    two_lines = _synthetic("a.txt", "m", line=3, end_line=4, severity=Severity.ERROR)
    assert get("github").render(two_lines).startswith("::error file=a.txt,line=3,endLine=4,title=CL999 odd-rule::")


def test_junit_one_testcase_per_file(report: Report) -> None:
    root = ET.fromstring(get("junit").render(report))
    suite = root.find("testsuite")
    assert suite.get("tests") == "2" and suite.get("failures") == "1"
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {"a.txt", "clean.txt"}
    assert cases["clean.txt"].find("failure") is None
    fail = cases["a.txt"].find("failure")
    assert fail.get("message") == "3 findings in a.txt" and fail.get("type") == "error"
    assert fail.text.splitlines()[1].startswith("a.txt:11:1: error CL102 this portion")


def test_junit_escapes_markup(tmp_path) -> None:
    odd = _synthetic("a&b<c>.txt", 'quote " & <tag> \x07bell', severity=Severity.ERROR)
    text = get("junit").render(odd)
    root = ET.fromstring(text)  # well-formed despite the markup characters
    case = root.find("testsuite/testcase")
    assert case.get("name") == "a&b<c>.txt"
    assert '<tag>' in case.find("failure").text and "SECRET TEXT" not in text
