"""`cablelint report`: aggregation, the per-cable summary, the page's data
and charts, and the page itself (escaping, masking, no cable text unless
--show-source, stdin). The browser test is tests/test_report_browser.py."""
from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from cablelint.cli import main
from cablelint.config import Config
from cablelint.findings import Finding, Severity
from cablelint.htmlreport import summarize
from cablelint.htmlreport.aggregate import aggregate, family_of, rule_rows
from cablelint.htmlreport.page import SOURCE_CHUNK, source_scripts
from cablelint.htmlreport.data import Strings, build_payload, script_json, source_payload
from cablelint.htmlreport.summary import DocSummary, PostWordsError, load_post_words, post_of, post_words
from cablelint.htmlreport.svg import Bar, hbars, timeline
from cablelint.rule import Rule
from cablelint.session import Session
from cablelint.source import decode

# A cable written for these tests: a faulty paragraph, a name to protect.
CABLE = """\
C O N F I D E N T I A L MADRID 000123

E.O. 12958: DECL: 01/30/2014
TAGS: PREL, XXZZ, SP
SUBJECT: (C) TALKS WITH THE MINISTER

Classified By: POLITICAL COUNSELOR JANE DOE, FOR REASONS 1.4 B AND D

1. (C) The minister met Hortensia Quillfeather and set out his views.

2. Nobody marked this paragraph, so the linter flags it as an error.

C O N F I D E N T I A L
"""
SECRET_LINE = "Nobody marked this paragraph"
NAME = "Hortensia Quillfeather"


def finding(path: str, rule: str, sev: Severity = Severity.ERROR, line: int = 1) -> Finding:
    return Finding(path, rule, rule.lower(), sev, f"message of {rule}", line, 1, line, 2)


def rule(rid: str, kind: str = "pattern", tags: list[str] | None = None, ruleset: str = "state") -> Rule:
    """A real Rule (rule.py), so the report cannot read fields a rule does not have."""
    return Rule(rid, rid.lower(), Severity.ERROR, kind, f"message of {rid}", tags=tags or [], ruleset=ruleset)


# -- aggregation ----------------------------------------------------------------

def test_family_comes_from_rule_metadata() -> None:
    assert family_of(rule("CL1")) == "drafting"
    assert family_of(rule("CL1", tags=["export-damage"])) == "integrity"
    assert family_of(rule("CL1", tags=["Integrity"])) == "integrity"
    assert family_of(rule("CL1", kind="integrity")) == "integrity"  # the export-damage diagnosis kind
    assert family_of(rule("CL000", ruleset="engine")) == "engine"
    assert family_of(None) == "drafting"


class _OnlyRuleFields:
    """A Rule that fails the test when asked for a field Rule does not have
    (getattr with a default would hide the slip: the report read `family` and
    `category`, which no Rule holds, so they were always None)."""

    def __init__(self, rule: Rule) -> None:
        self._rule = rule

    def __getattr__(self, name: str):
        assert name in Rule.__slots__, f"Rule has no field {name!r}"
        return getattr(self._rule, name)


def test_family_reads_only_what_a_rule_holds() -> None:
    engine = Session.build(Config()).engine
    families = {rid: family_of(_OnlyRuleFields(r)) for rid, r in engine.rules.items()}
    assert families["CL901"] == "integrity" and families["CL101"] == "drafting" and families["CL000"] == "engine"


def test_aggregate_counts_by_year_post_level_and_family() -> None:
    summaries = {
        "a.txt": DocSummary("a.txt", 2004, "2004-01-30", "era A", "PARIS", "SECRET", "cable"),
        "b.txt": DocSummary("b.txt", 2004, "2004", "era A", "ROME", "CONFIDENTIAL", "cable"),
        "c.txt": DocSummary("c.txt", 1999, "1999-05-01", "era B", "PARIS", "SECRET", "cable"),
    }
    findings = [finding("a.txt", "CL1"), finding("a.txt", "CL1", line=2), finding("a.txt", "CL2", Severity.INFO),
                finding("c.txt", "CL9"), finding("gone.txt", "CL001")]
    rules = {"CL1": rule("CL1"), "CL2": rule("CL2"), "CL9": rule("CL9", tags=["integrity"]),
             "CL001": rule("CL001", ruleset="engine")}
    agg = aggregate(["a.txt", "b.txt", "c.txt", "gone.txt"], findings, summaries, rules)
    assert (agg.cables, agg.flagged, agg.findings) == (4, 3, 5)
    assert agg.by_severity == {"error": 4, "warning": 0, "info": 1}
    years = {r.key: (r.cables, r.flagged, r.findings) for r in agg.years}
    assert years == {"1999": (1, 1, 1), "2004": (2, 1, 3), "unknown": (1, 1, 1)}
    assert [r.key for r in agg.years] == ["1999", "2004", "unknown"]  # chronological, unknown last
    assert [(r.key, r.findings) for r in agg.posts] == [("PARIS", 4), ("unknown", 1), ("ROME", 0)]
    assert {r.key: r.findings for r in agg.levels} == {"SECRET": 4, "CONFIDENTIAL": 0, "unknown": 1}
    fam = {r.key: (r.findings, r.flagged) for r in agg.families}
    assert fam == {"drafting": (3, 1), "integrity": (1, 1), "engine": (1, 1)}
    assert agg.years[1].by_severity == {"error": 2, "info": 1}
    assert [r.key for r in agg.eras] == ["era B", "era A", "unknown"]  # by time, not by label


def test_integrity_row_exists_when_no_rule_is_integrity() -> None:
    agg = aggregate(["a.txt"], [finding("a.txt", "CL1")], {}, {"CL1": rule("CL1")})
    assert {r.key: r.findings for r in agg.families} == {"drafting": 1, "integrity": 0}


def test_rule_rows_most_frequent_first_with_cables() -> None:
    fs = [finding("a", "CL2"), finding("a", "CL2", line=3), finding("b", "CL2"), finding("a", "CL1"),
          finding("b", "CL3", Severity.WARNING)]
    rows = rule_rows(fs, {"CL1": rule("CL1"), "CL2": rule("CL2")})
    assert [(r.rule, r.findings, r.cables) for r in rows] == [("CL2", 3, 2), ("CL1", 1, 1), ("CL3", 1, 1)]
    assert rows[2].severity == "warning" and rows[2].name == "CL3"  # an unknown rule keeps its id


# -- the per-cable summary --------------------------------------------------------

def test_summary_of_a_parsed_cable() -> None:
    engine = Session.build(Config()).engine
    doc = engine.parse(decode(CABLE.encode(), "04MADRID123.txt"))
    s = summarize(engine, doc)
    assert (s.post, s.level, s.shape) == ("MADRID", "CONFIDENTIAL", "cable")
    assert (s.year, s.date) == (2004, "2004") and s.era and "12958" in s.era  # the year from the file name


@pytest.mark.parametrize("text,name,want", [
    ("R 110117Z OCT 01\nFM AMEMBASSY LISBON\nTO SECSTATE WASHDC\nUNCLAS\n", "x.txt", "LISBON"),
    ("P 110117Z OCT 01\nFM SECSTATE WASHDC\nTO AMEMBASSY LISBON\nUNCLAS\n", "x.txt", "STATE"),
    ("UNCLAS\n\nSUBJECT: NOTHING\n", "07BOGOTA1234.txt", "BOGOTA"),
    ("UNCLAS\n\nSUBJECT: NOTHING\n", "notes.txt", None),
])
def test_post_from_header_or_file_name(text: str, name: str, want: str | None) -> None:
    engine = Session.build(Config()).engine
    assert post_of(engine.parse(decode(text.encode(), name))) == want


def test_post_words_are_data_with_a_checked_loader() -> None:
    words = load_post_words("labels: [FM]\nprefixes: [AMEMBASSY, US MISSION]\naliases: {SECSTATE: STATE}\n", "p.yaml")
    assert words.before.sub("", "FM US  MISSION GENEVA") == "GENEVA" and words.aliases == (("SECSTATE", "STATE"),)
    assert post_words().before.sub("", "AMCONSULATE JERUSALEM") == "JERUSALEM"  # the shipped posts.yaml
    with pytest.raises(PostWordsError, match=r"^p.yaml:2: `prefixes` must be a list of words"):
        load_post_words("labels: [FM]\nprefixes: AMEMBASSY\naliases: {}\n", "p.yaml")
    with pytest.raises(PostWordsError, match=r"^p.yaml:1: needs exactly the keys"):
        load_post_words("labels: [FM]\nprefix: [AMEMBASSY]\naliases: {}\n", "p.yaml")


def test_summaries_are_the_same_with_worker_processes(tmp_path: Path) -> None:
    for i in range(70):  # the runner uses worker processes from 64 files on
        (tmp_path / f"{i:02d}MADRID{i + 1}.txt").write_text(CABLE, encoding="utf-8")
    session = Session.build(Config())
    one = session.lint([str(tmp_path)], summarize=summarize)
    two = session.lint([str(tmp_path)], summarize=summarize, jobs=2)
    assert one.summaries == two.summaries and len(one.summaries) == 70
    assert one.findings == two.findings
    assert session.lint([str(tmp_path)]).summaries == {}  # only when asked


# -- data and charts -----------------------------------------------------------

def test_string_table_interns_and_masks() -> None:
    s = Strings(lambda t: t.replace("SECRETNAME", "[X]"))
    assert [s("a"), s("SECRETNAME b"), s("a"), s(None)] == [0, 1, 0, -1]
    assert s.items == ["a", "[X] b"]


def test_payload_is_columnar() -> None:
    fs = [finding("a.txt", "CL1", line=4), finding("b.txt", "CL1", Severity.WARNING)]
    summaries = {"a.txt": DocSummary("a.txt", 2001, "2001-02-03", None, "ROME", "SECRET", "cable")}
    p = build_payload(["a.txt", "b.txt"], fs, summaries, {"CL1": rule("CL1")}, str, str)
    S = p["strings"]
    assert p["findings"]["doc"] == [0, 1] and p["findings"]["line"] == [4, 1]
    assert [p["severities"][i] for i in p["findings"]["sev"]] == ["error", "warning"]
    assert [S[i] for i in p["docs"]["path"]] == ["a.txt", "b.txt"]
    assert p["docs"]["year"] == [2001, 0] and p["docs"]["post"][1] == -1
    assert [S[i] for k in ("id", "name", "family") for i in p["rules"][k]] == ["CL1", "cl1", "drafting"]


def test_source_payload_holds_flagged_cables_masked() -> None:
    src = {p: decode(f"line one {p}\r\nline two\n".encode(), p) for p in ("a.txt", "b.txt")}
    got = source_payload(["a.txt", "b.txt"], src, [finding("b.txt", "CL1")], lambda t: t.replace("two", "[X]"))
    assert got == {"1": "line one b.txt\nline [X]\n"}


def test_source_text_in_chunks_parsed_on_demand() -> None:
    html = source_scripts({"0": "first", str(SOURCE_CHUNK + 1): "</script><b>"})
    chunks = re.findall(r'data-src-chunk="(\d+)">(.*?)</script>', html)
    assert [(k, json.loads(v)) for k, v in chunks] == [("0", {"0": "first"}),
                                                      ("1", {str(SOURCE_CHUNK + 1): "</script><b>"})]


def test_script_json_cannot_close_the_script_element() -> None:
    text = script_json({"x": "</script><script>alert(1)</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script><!-- & \u2028"}


def test_charts_escape_labels_and_have_text_alternatives() -> None:
    svg = hbars("c1", "Title <b>", "Desc & more", [Bar("<img src=x onerror=alert(1)>", [(3, "sev-error")],
                                                       attrs={"data-filter-post": '"><x>'})])
    assert "<img" not in svg and "&lt;img" in svg and '"><x>' not in svg
    assert '<title id="c1-t">Title &lt;b&gt;</title>' in svg and '<desc id="c1-d">Desc &amp; more</desc>' in svg
    assert 'role="img"' in svg and 'aria-labelledby="c1-t c1-d"' in svg


def test_timeline_keeps_empty_years_as_gaps() -> None:
    svg = timeline("t", "T", "D", [(1990, [(5, "sev-error")], "1990"), (1999, [(1, "sev-info")], "1999")])
    assert svg.count("data-filter-year") == 2 and ">1990<" in svg
    bars = re.findall(r'<rect class="sev-[a-z]+" x="([\d.]+)"', svg)
    assert len(bars) == 2 and float(bars[1]) - float(bars[0]) > 700  # nine years apart on a true axis


# -- the page --------------------------------------------------------------------

@pytest.fixture()
def cables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "04MADRID123.txt").write_text(CABLE, encoding="utf-8")
    evil = tmp_path / "in" / "<img src=x onerror=alert(1)>.txt"
    evil.write_text(CABLE.replace("MINISTER", "<script>alert(2)</script>"), encoding="utf-8")
    (tmp_path / "protect.txt").write_text(NAME + "\n", encoding="utf-8")
    return tmp_path


def page_of(args: list[str], out: Path, stdin: bytes | None = None, monkeypatch=None) -> tuple[int, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(stdin)))
    code = main(["report", "--isolated", "-q", *args, "-o", str(out)])
    return code, out.read_text(encoding="utf-8")


def test_page_escapes_file_names_and_text(cables: Path) -> None:
    code, page = page_of(["in", "--show-source"], cables / "r.html")
    assert code == 0
    assert "<img src=x" not in page and "<script>alert" not in page
    # the data, the source text's index and chunks, the page's own script: nothing else runs
    assert page.count("<script") - page.count("<script type=\"application/json\" data-src-chunk") == 3
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page  # no network


def test_cable_text_only_with_show_source(cables: Path) -> None:
    _, without = page_of(["in"], cables / "a.html")
    _, with_src = page_of(["in", "--show-source"], cables / "b.html")
    assert SECRET_LINE not in without and 'id="report-source"' not in without
    assert SECRET_LINE in with_src


@pytest.mark.parametrize("extra", [[], ["--show-source"], ["--show-source", "--show-matches"]])
def test_protected_terms_never_appear(cables: Path, extra: list[str]) -> None:
    (cables / "in" / f"{NAME}.txt").write_text(CABLE, encoding="utf-8")
    _, page = page_of(["in", "--protect", "protect.txt", *extra], cables / "p.html")
    assert NAME.split()[1].lower() not in page.lower()
    if extra:
        assert SECRET_LINE in page  # the rest of the text is there


def test_stdin_and_exit_codes(cables: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, page = page_of(["-", "--stdin-filename", "04MADRID123.txt"], cables / "s.html", CABLE.encode(),
                         monkeypatch)
    assert code == 0 and "04MADRID123.txt" in page
    data = json.loads(re.search(r'id="report-data">(.*?)</script>', page).group(1))
    assert data["strings"][data["docs"]["post"][0]] == "MADRID" and len(data["findings"]["doc"]) > 0
    assert main(["report", "--isolated", "-q", "in", "--fail-on", "error", "-o", "x.html"]) == 1
    assert main(["report", "--isolated", "-q", "in", "-o", str(cables / "no" / "such" / "x.html")]) == 2
    assert main(["report", "--isolated", "-q", "-o", "x.html"]) == 2  # no paths


def test_one_split_by_min_severity() -> None:
    from cablelint.findings import split_by_severity

    fs = [Finding("x.txt", f"CL{i}", "n", sev, "m", 1, 1, 1, 2) for i, sev in enumerate(Severity)]
    shown, hidden = split_by_severity(iter(fs), "warning")
    assert [f.severity for f in shown] == [s for s in Severity if s >= Severity.WARNING]
    assert [f.severity for f in hidden] == [s for s in Severity if s < Severity.WARNING]
    assert split_by_severity(fs, "info") == (fs, [])
