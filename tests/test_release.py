"""The release rule set: the seed cable before and after its DECL date, and
targeted bad/good cases for each rule beyond the examples kept in
rules/release.yaml (which tests/test_ruleset_examples.py runs)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cablelint.engine import Engine, Selection
from cablelint.protect import Entry, ProtectList
from cablelint.protectfile import from_terms
from cablelint.ruleset import load
from cablelint.source import Source, read

from conftest import SEED

HEAD = ("C O N F I D E N T I A L PARIS 000579\n"
        "E.O. 12958: DECL: {decl}\n"
        "TAGS: PREL FR\n"
        "SUBJECT: TEST\n"
        "\n")


@pytest.fixture(scope="module")
def release():
    return load("release")


def lint(rs, text: str, *, as_of: str = "2012-01-01", protect: list[str] | None = None,
         select: list[str] | None = None, date: str | None = None):
    options = {"release": True}
    if protect is not None:
        options["protect"] = from_terms(protect)
    eng = Engine([rs], Selection(select=select or []), as_of=dt.date.fromisoformat(as_of),
                 date=dt.date.fromisoformat(date) if date else None, options=options)
    return eng.lint_source(Source("t.txt", text))


def ids(findings, rule: str | None = None) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in findings if rule is None or f.rule == rule]


# -- the seed cable: DECL 01/30/2014 ------------------------------------------

def test_seed_before_decl_flags_every_classified_portion(release) -> None:
    doc_src = read(SEED)
    eng = Engine([release], as_of=dt.date(2010, 1, 1), options={"release": True})
    found = [f for f in eng.lint_source(doc_src) if f.rule == "CL602"]
    portions = [p for p in eng.parse(doc_src).paragraphs if p.portion and p.portion.level == "CONFIDENTIAL"]
    assert len(portions) == 9
    assert [f.line for f in found] == [doc_src.line_col(p.portion.span.start)[0] for p in portions]
    assert all(f.matched == "C" for f in found)  # the span is the portion mark
    assert "after the release date 2010-01-01" in found[0].message


def test_seed_after_decl_flags_none(release) -> None:
    eng = Engine([release], as_of=dt.date(2015, 1, 1), options={"release": True})
    assert not [f for f in eng.lint_source(read(SEED)) if f.rule == "CL602"]


def test_seed_cli_as_of(capsys) -> None:
    from cablelint.cli import main
    assert main(["--rules", "release", "--as-of", "2010-01-01", "--select", "CL602", "-f", "concise",
                 str(SEED)]) == 1
    assert capsys.readouterr().out.count(" CL602 ") == 9
    assert main(["--rules", "release", "--as-of", "2015-01-01", "--select", "CL602", "-f", "concise",
                 str(SEED)]) == 0


# -- CL601 protected terms ----------------------------------------------------

def test_cl601_span_covers_a_wrapped_name(release) -> None:
    text = HEAD.format(decl="01/30/2014") + "1. (C) Poloff met JOSIAH\nROSENBLATT'S aide.\n"
    got = [x for x in lint(release, text, protect=["Josiah Rosenblatt"]) if x.rule == "CL601"]
    assert len(got) == 1
    f = got[0]
    assert (f.line, f.end_line) == (6, 7)
    assert f.matched == "JOSIAH\nROSENBLATT"
    assert "ROSENBLATT" not in f.message.upper() and "t.txt" not in f.message


def test_cl601_without_protect_list_reports_cl000(release) -> None:
    got = lint(release, HEAD.format(decl="01/30/2014"), select=["CL601", "CL607", "CL000"])
    assert [f.rule for f in got] == ["CL000"]
    assert "no protect list" in got[0].message


# -- CL602 classified portions ------------------------------------------------

@pytest.mark.parametrize("decl,as_of,fires", [
    ("01/30/2014", "2014-01-29", True),
    ("01/30/2014", "2014-01-30", False),  # due on the DECL date itself
    ("X1", "2030-01-01", True),  # an exemption is never due
    ("25X1, 01/30/2040", "2030-01-01", True),
    ("OADR", "2030-01-01", True),
    ("AFTER KOREAN UNIFICATION", "2030-01-01", True),
])
def test_cl602_decl_status(release, decl: str, as_of: str, fires: bool) -> None:
    text = HEAD.format(decl=decl) + "1. (C) Text.\n\n2. (U) Open text.\n"
    assert bool(ids(lint(release, text, as_of=as_of, select=["CL602"]))) == fires


def test_cl602_unmarked_classified_cable_is_judged_whole(release) -> None:
    text = HEAD.format(decl="01/30/2014") + "THE WHOLE TEXT IS CLASSIFIED BUT NOT PORTION MARKED.\n"
    assert ids(lint(release, text, select=["CL602"])) == [("CL602", 1)]
    redacted = HEAD.format(decl="01/30/2014") + "XXXXXXXXXXXX\n"
    assert ids(lint(release, redacted, select=["CL602"])) == []


def test_cl602_withholding_needs_a_category_valid_on_the_release_date(release) -> None:
    text = HEAD.format(decl="01/30/2014") + "1. (C) B1, 1.5(B) Text withheld.\n"
    # A release in 2000 (E.O. 12958 as issued) cites 1.5: withheld.
    assert ids(lint(release, text, as_of="2000-06-01", select=["CL602"])) == []
    # A release in 2012 (E.O. 13526) must cite 1.4: 1.5 does not withhold.
    assert ids(lint(release, text, as_of="2012-01-01", select=["CL602"])) == [("CL602", 6)]
    ok = HEAD.format(decl="01/30/2014") + "1. (C) B1, 1.4(B) Text withheld.\n"
    assert ids(lint(release, ok, as_of="2012-01-01", select=["CL602"])) == []
    # B6 (privacy) does not withhold classified text.
    b6 = HEAD.format(decl="01/30/2014") + "1. (C) XXXXXXXXXXXX B6 said the talks failed.\n"
    assert ids(lint(release, b6, select=["CL602"])) == [("CL602", 6)]


def test_cl602_declassification_evidence(release) -> None:
    base = "C O N F I D E N T I A L PARIS 000579\n{stamp}\nE.O. 12958: DECL: 01/30/2014\nSUBJECT: T\n\n1. (C) Text.\n"
    for stamp in ("Declassified/Released US Department of State EO Systematic Review 30 JUN 2005",
                  "Declassified By: IPS, Declassification Date: 2011-01-01", "RELEASED IN FULL"):
        assert ids(lint(release, base.format(stamp=stamp), select=["CL602", "CL609"])) == [], stamp
    assert ids(lint(release, base.format(stamp=""), select=["CL602", "CL609"])) == [("CL609", 1), ("CL602", 6)]


# -- CL603/CL604 exemption codes ------------------------------------------------

@pytest.mark.parametrize("annotation,problem", [
    ("(b)(7)", "needs its subparagraph"),
    ("B7(G)", "B7(G) is not a subparagraph"),
    ("B3", "should cite the statute"),
    ("(b)(10)", "B10 is not a FOIA exemption"),
    ("B0, B6", "B0 is not a FOIA exemption"),
])
def test_cl603_bad(release, annotation: str, problem: str) -> None:
    text = "UNCLASSIFIED\n\n1. The officer [REDACTED] " + annotation + "\n"
    got = [f for f in lint(release, text, select=["CL603"])]
    assert [f.rule for f in got] == ["CL603"] and problem in got[0].message


@pytest.mark.parametrize("text", [
    "1. The officer [REDACTED] (b)(7)(C) left.", "1. The officer XXXXXXXXXXXX B6 left.",
    "1. [REDACTED] (b)(3) 50 U.S.C. 3024(i)", "1. [REDACTED] B3 CIA Act", "1. He holds B1/B2 visas.",
    "1. B92 reported on it.", "1. REF B. PARIS 815",
])
def test_cl603_good(release, text: str) -> None:
    assert ids(lint(release, "UNCLASSIFIED\n\n" + text + "\n", select=["CL603"])) == []


def test_cl604_by_release_era(release) -> None:
    text = HEAD.format(decl="01/30/2014") + "1. (C) [REDACTED] B1, 1.4(h)\n"
    # 1.4(h) exists since 2003; E.O. 12958 as issued had 1.5(a)-(g) only.
    assert ids(lint(release, text, as_of="2012-01-01", select=["CL604"])) == []
    got = lint(release, text, as_of="2001-01-01", select=["CL604"])
    assert ids(got) == [("CL604", 6)] and "1.4, which E.O. 12958 as issued does not use" in got[0].message
    old = HEAD.format(decl="01/30/2014") + "1. (C) [REDACTED] B1, 1.5(h)\n"
    got = lint(release, old, as_of="2001-01-01", select=["CL604"])
    assert ids(got) == [("CL604", 6)] and "1.5(h)" in got[0].message


def test_cl604_release_date_outside_every_era(release) -> None:
    text = HEAD.format(decl="01/30/2014") + "1. (C) [REDACTED] B1, 1.4(b)\n"
    got = lint(release, text, as_of="1990-01-01", select=["CL604", "CL000"])
    assert [f.rule for f in got] == ["CL000"]


# -- CL605-CL607 placeholders ---------------------------------------------------

def test_cl605_mixed_styles(release) -> None:
    text = "UNCLASSIFIED\n\n1. A XXXXXXXXXXXX (b)(6) B.\n2. C [REDACTED] D.\n3. E (b)(6) F.\n"
    got = lint(release, text, select=["CL605"])
    assert ids(got) == [("CL605", 4), ("CL605", 5)]
    assert "bracket placeholder in a cable that uses x-run placeholders (first at line 3)" in got[0].message


def test_cl606_cl607_lengths(release) -> None:
    text = "UNCLASSIFIED\n\n1. A XXXXXXXXXXXX B XXXXXXXXXXXX C XXXXXXXXXX D XXXXXXX.\n"
    got = lint(release, text, select=["CL606", "CL607"], protect=["Rosenblatt"])  # 10 letters
    # The 10-X run matches the protected term: CL607 replaces CL606 there.
    assert [(f.rule, f.column) for f in got] == [("CL607", 36), ("CL606", 49)]
    # The protect list's own placeholder length is standard (here 10 X, as long as the name).
    plist = ProtectList([Entry("Rosenblatt", "XXXXXXXXXX", "p.txt:1")])
    eng = Engine([release], Selection(select=["CL607"]), options={"protect": plist})
    assert not eng.lint_source(Source("t.txt", "UNCLASSIFIED\n\n1. XXXXXXXXXX\n"))


# -- CL608 protect markers --------------------------------------------------------

@pytest.mark.parametrize("line,flagged", [
    ("UDI Deputy Tomas Ferrer (protect) told poloff.", "UDI Deputy Tomas Ferrer"),
    ("investigating judge Jean-Paul Martin (strictly protect) said", "Jean-Paul Martin"),
    ("Swiss Ambassador Hans von Arx (strictly protect) said", "Swiss Ambassador Hans von Arx"),
    ("PETROV, STRICTLY PROTECT, SAID", "PETROV"),
    ("An embassy contact (please protect) said", None),
    ("The Czechs (please protect) and Brits agreed", None),
    ("XXXXXXXXXXXX (strictly protect) noted", None),
    ("SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY", None),
    ("the International Crisis Group (please protect) said", None),
])
def test_cl608(release, line: str, flagged: str | None) -> None:
    got = lint(release, "UNCLASSIFIED\n\n1. " + line + "\n", select=["CL608"])
    assert [f.matched for f in got] == ([flagged] if flagged else [])


# -- CL610-CL613 personal data ------------------------------------------------------

@pytest.mark.parametrize("rule,line,flagged", [
    ("CL610", "Phone: (506)5550-1234 or mobile (506) 5550-0189", ["(506)5550-1234", "(506) 5550-0189"]),
    ("CL610", "reach him at +354-555-0100, ext. 2295", ["+354-555-0100"]),
    ("CL610", "JANE ROE, WHA/CEN, 202-555-0135, OR", ["202-555-0135"]),
    ("CL610", "REF STATE 123456 of 2005-11-05; 1.4(b); 300 trials; 2008-2010; C-CN5-00054", []),
    ("CL611", "Her email is RoeJA@state.example and", ["RoeJA@state.example"]),
    ("CL611", "meet @ the embassy at 10", []),
    ("CL612", "Colombian Passport: PO012345", ["PO012345"]),
    ("CL612", "diplomatic passport D001234. He", ["D001234"]),
    ("CL612", "Consular, Passport and Visa Division (1996-98).", []),
    ("CL612", "travel without passport verification as tourists.8", []),
    ("CL613", "Ravi KUMAR (DPOB: 01-JAN-1970, Springfield", ["01-JAN-1970"]),
    ("CL613", "DOB: 7/16/1970", ["7/16/1970"]),
    ("CL613", "Date of Birth: December 25, 1950.", ["December 25, 1950"]),
    ("CL613", "He was born on May 30, 1950, in Springfield", []),
    ("CL613", "Date of Birth: XXXXXXXXXXXX", []),
])
def test_personal_data(release, rule: str, line: str, flagged: list[str]) -> None:
    got = lint(release, "UNCLASSIFIED\n\n1. " + line + "\n", select=[rule])
    assert [f.matched for f in got] == flagged
    assert all(f.matched not in f.message for f in got)  # messages never quote the data


# -- the real corpus: known true and false positives ---------------------------------

def test_corpus_spot_checks(release, corpus_dir: Path) -> None:
    eng = Engine([release], as_of=dt.date(2024, 1, 1), options={"release": True})

    def rules_in(name: str) -> list[str]:
        return [f.rule for f in eng.lint_source(read(corpus_dir / name))]

    assert rules_in("04MADRID893.txt").count("CL613") >= 5  # DPOB lines
    assert "CL603" not in rules_in("09CAIRO1054.txt")  # "B1/2 visa applications"
    assert "CL608" not in rules_in("06SAOPAULO526.txt")  # "SBU - PLEASE PROTECT" caption
    assert "CL612" not in rules_in("05NEWDELHI9421.txt")  # "Passport and Visa Division (1996-98)"
    assert "CL609" not in rules_in("73TEHRAN7005.txt") and "CL609" not in rules_in("75TEHRAN2069.txt")
    assert "CL602" not in rules_in("75TEHRAN2069.txt")  # reviewed and declassified


# -- one scan per document, eras of the release date ------------------------------------

class _CountingRegex:
    """A compiled regex that counts whole-text scans (Context memo keys on pattern and flags)."""

    def __init__(self, rx, calls: list) -> None:
        self._rx, self._calls = rx, calls
        self.pattern, self.flags, self.groupindex = rx.pattern, rx.flags, rx.groupindex

    def finditer(self, text):
        self._calls.append("finditer")
        return self._rx.finditer(text)

    def search(self, text, *args):
        self._calls.append("search")
        return self._rx.search(text, *args)


def test_rules_sharing_a_regex_scan_the_text_once(release) -> None:
    """Regression: CL602, CL603 and CL604 each ran the exemption-code regex over
    the whole text, CL602 and CL609 the declassification stamp; rules now share
    one scan per document through Context.matches / Context.search."""
    import copy

    rs = copy.deepcopy(release)
    code_calls: list = []
    stamp_calls: list = []
    for r in rs.rules:
        if "_code" in r.params:
            r.params["_code"] = _CountingRegex(r.params["_code"], code_calls)
        for key in ("_declassified", "_match"):
            if r.id in ("CL602", "CL609") and key in r.params:
                r.params[key] = _CountingRegex(r.params[key], stamp_calls)
    text = HEAD.format(decl="01/30/2014") + "1. (C) [REDACTED] B1, 1.4(B)\n\n2. (C) Text [REDACTED] B3\n"
    got = lint(rs, text, select=["CL602", "CL603", "CL604", "CL609"])
    assert {f.rule for f in got} == {"CL602", "CL603", "CL609"}
    assert code_calls == ["finditer"] and stamp_calls == ["search"]


def test_declassification_stamp_is_matched_as_written_by_cl602_and_cl609(release) -> None:
    """Regression: CL602 matched the stamp regex ignoring case, CL609 did not, so a
    classified cable saying the report "will be released in full" counted as
    declassified for CL602 (its portions went unflagged) but not for CL609."""
    text = HEAD.format(decl="01/30/2040") + "1. (C) The report will be released in full next year.\n"
    assert ids(lint(release, text, select=["CL602", "CL609"])) == [("CL609", 1), ("CL602", 6)]
    stamped = text.replace("TAGS:", "RELEASED IN FULL\nTAGS:")
    assert ids(lint(release, stamped, select=["CL602", "CL609"])) == []
    struck = "".join(c + "\u0336" for c in "SECRET")  # a banner struck through with U+0336
    assert ids(lint(release, text.replace("TAGS:", struck + "\nTAGS:"), select=["CL602", "CL609"])) == []
    assert ids(lint(release, text.replace("TAGS:", struck[:-2] + "\nTAGS:"), select=["CL609"])) == [("CL609", 1)]


GRACE_SET = """\
name: graceful
eras:
  - name: old
    from: 1990-01-01
    to: 2000-01-01
    reason_sections: ["1.5"]
  - name: new
    label: the new order
    from: 2000-01-01
    to: 2100-01-01
    reason_sections: ["1.4"]
    grace:
      - {until: 2001-01-01, reason_sections: ["1.4", "1.5"]}
rules:
  - id: GR001
    name: b1-category
    severity: error
    kind: exemption_codes
    code: 'B(?P<n>1),\\s*(?P<section>1\\.[45])\\((?P<letters>[a-h])\\)'
    checks: [category]
    category: [1]
    sections: "era:reason_sections"
    message: "{problem}"
"""


def test_release_era_applies_grace_windows(tmp_path: Path) -> None:
    """Regression: exemption_codes found the release date's era with its own loop
    that ignored `grace` windows; Context.require_era(at="as_of") now shares
    the cable-era logic, grace included."""
    f = tmp_path / "graceful.yaml"
    f.write_text(GRACE_SET, encoding="utf-8")
    rs = load(str(f))
    text = "UNCLASSIFIED\n\n1. [REDACTED] B1, 1.5(b)\n"
    assert ids(lint(rs, text, as_of="2000-06-01")) == []  # inside the grace window: 1.5 still valid
    got = lint(rs, text, as_of="2001-06-01")
    assert ids(got) == [("GR001", 3)] and "the new order does not use" in got[0].message
    assert ids(lint(rs, text, as_of="1995-01-01")) == []
    assert [f.rule for f in lint(rs, text, as_of="1980-01-01", select=["GR001", "CL000"])] == ["CL000"]


def test_bad_example_date_names_file_and_line(tmp_path: Path) -> None:
    """Regression: an example's `as_of: 2012-02-30` crashed `cablelint test` with
    a bare ValueError; dates are now checked when the rule set loads."""
    from cablelint.ruleset import RuleSetError

    f = tmp_path / "bad.yaml"
    f.write_text(GRACE_SET + "    examples:\n      - good: 'UNCLASSIFIED'\n        as_of: '2012-02-30'\n",
                 encoding="utf-8")
    with pytest.raises(RuleSetError, match=r"bad\.yaml:\d+: rule GR001: example: `as_of` must be a date"):
        load(str(f))
    f.write_text(GRACE_SET.replace("to: 2000-01-01", "to: 2000-13-01"), encoding="utf-8")
    with pytest.raises(RuleSetError, match=r"bad\.yaml:5:9: invalid YAML: '2000-13-01' is not a valid date"):
        load(str(f))
