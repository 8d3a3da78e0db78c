"""Hostile input (issue 14): names beside "protect" wording, crashes and hangs.
Each test failed before its fix; docs/robustness.md lists them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from cablelint import baseline
from cablelint.cli import main
from cablelint.reporters import names as formats

MARKED = ("C O N F I D E N T I A L SANTIAGO 000123\nE.O. 12958: DECL: 12/15/2016\nTAGS: PGOV CI\n"
          "SUBJECT: A SOURCE\n\n1. (C) UDI Deputy {name} (strictly protect) told poloff on December 12.\n")


@pytest.fixture()
def marked(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.txt").write_text(MARKED.format(name="Tomas Ferrer"), encoding="utf-8")
    return tmp_path / "c.txt"


@pytest.mark.parametrize("fmt", formats())
def test_name_beside_protect_marker_is_masked_in_every_format(marked: Path, fmt: str, capsys) -> None:
    main(["check", "--isolated", "--rules", "release", "--as-of", "2020-01-01", "-f", fmt, str(marked)])
    out = capsys.readouterr()
    assert "CL608" in out.out
    assert "Ferrer" not in out.out + out.err and "FERRER" not in out.out.upper()


def test_name_beside_protect_marker_is_never_hashed(marked: Path, capsys) -> None:
    """CL608 findings are never baselined, and their SARIF/GitLab fingerprints
    do not depend on the name (no hash of it, salted or not, to test a guess on)."""
    assert main(["check", "--isolated", "--rules", "release", "--as-of", "2020-01-01",
                 "--write-baseline", "bl.json", str(marked)]) == 0
    content = Path("bl.json").read_text(encoding="utf-8")
    assert "CL608" not in content
    assert baseline.text_hash("Tomas Ferrer") not in content

    def prints(name: str, fmt: str) -> list[str]:
        marked.write_text(MARKED.format(name=name), encoding="utf-8")
        main(["check", "--isolated", "--rules", "release", "--as-of", "2020-01-01", "-f", fmt, str(marked)])
        data = json.loads(capsys.readouterr().out)
        if fmt == "sarif":
            return [json.dumps(r["partialFingerprints"]) for r in data["runs"][0]["results"] if r["ruleId"] == "CL608"]
        return [i["fingerprint"] for i in data if i["check_name"] == "CL608"]

    for fmt in ("sarif", "gitlab"):
        a, b = prints("Tomas Ferrer", fmt), prints("Anybody Else", fmt)
        assert a and a == b, fmt


def test_deeply_nested_baseline_is_an_error_not_a_crash(tmp_path: Path, capsys) -> None:
    bl = tmp_path / "deep.json"
    bl.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(baseline.BaselineError, match=r"deep\.json:1: .*nested too deeply"):
        baseline.load(bl)
    (tmp_path / "c.txt").write_text("UNCLASSIFIED\n", encoding="utf-8")
    assert main(["check", "--isolated", "--baseline", str(bl), str(tmp_path / "c.txt")]) == 2
    assert "nested too deeply" in capsys.readouterr().err


def test_lone_surrogate_through_the_api(tmp_path: Path) -> None:
    """lint_text takes any str; a lone surrogate is linted, hashed, baselined and reported."""
    from cablelint import lint_text
    from cablelint.reporters import Report, get

    text = "CONFIDENTIAL PARIS 000579\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\nSUBJECT: T\ud800T\n\n1. x \udfff y\n"
    found = lint_text(text, path="s.txt", rules=["state", "release"])
    assert any("\udfff" in f.matched for f in found)  # a flagged text holding a surrogate is hashed
    assert baseline.fingerprints(found, tmp_path)
    baseline.write(tmp_path / "bl.json", found, ["s.txt"])
    for fmt in ("json", "sarif", "gitlab", "full"):
        assert get(fmt).render(Report(found, {}, files=1))


def test_baseline_in_a_subfolder_works_on_another_checkout(tmp_path: Path, monkeypatch, capsys) -> None:
    """The baseline recorded absolute paths when it sat in a subfolder: on
    another checkout nothing matched and no entry was reported stale."""
    import shutil

    bad = ("UNCLASSIFIED PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL FR\nSUBJECT: T\n\n"
           "1. Text.\n3. Text.\n")
    one = tmp_path / "one"
    (one / "cables").mkdir(parents=True)
    (one / "ci").mkdir()
    (one / "cables" / "c.txt").write_text(bad, encoding="utf-8")
    monkeypatch.chdir(one)
    assert main(["check", "--isolated", "cables", "--write-baseline", "ci/bl.json"]) == 0
    content = (one / "ci" / "bl.json").read_text(encoding="utf-8")
    assert '"../cables/c.txt"' in content and str(one) not in content
    two = tmp_path / "two"
    shutil.copytree(one, two)
    monkeypatch.chdir(two)
    capsys.readouterr()
    assert main(["check", "--isolated", "cables", "--baseline", "ci/bl.json"]) == 0
    assert "baselined" in capsys.readouterr().out
    # the cable's date becomes known: its CL000 finding is fixed, so its entry is stale
    main(["check", "--isolated", "--date", "2004-01-30", "cables", "--baseline", "ci/bl.json"])
    assert "stale baseline entr" in capsys.readouterr().out


# -- no hang: user regexes time out, one file's budget -------------------------

SLOW_RX = r"(.*?,){20}X"
SLOW_TEXT = ("UNCLASSIFIED PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL FR\nSUBJECT: T\n\n1. "
             + "a," * 40 + "b" * 3000 + "\n")


@pytest.fixture()
def short_timeout(monkeypatch) -> None:
    from cablelint import engine, rx

    monkeypatch.setattr(rx, "REGEX_TIMEOUT", 0.05)  # protect-list patterns, per call
    monkeypatch.setattr(engine, "RULE_TIME_LIMIT", 0.2)  # any rule on one file


def test_custom_rule_regex_times_out_as_a_finding(tmp_path: Path, short_timeout, capsys) -> None:
    rs = tmp_path / "house.yaml"
    rs.write_text("kind: ruleset\nname: house\nextends: state\nrules:\n"
                  "  - id: HSE001\n    name: slow\n    severity: warning\n    kind: pattern\n"
                  f"    target: lines\n    forbid: '{SLOW_RX}'\n    message: slow\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text(SLOW_TEXT, encoding="utf-8")
    (tmp_path / "d.txt").write_text(SLOW_TEXT.replace("b" * 3000, "X"), encoding="utf-8")
    code = main(["check", "--isolated", "--rules", str(rs), "-f", "concise", str(tmp_path / "c.txt"),
                 str(tmp_path / "d.txt")])
    out = capsys.readouterr().out
    assert code == 1
    assert "c.txt:1:1: error CL003 1 rule(s) did not finish on this file: it ran too long (HSE001)" in out
    assert "d.txt" in out and "HSE001" in out.split("d.txt", 1)[1]  # the other file is still checked


def test_protect_pattern_times_out(tmp_path: Path, short_timeout, capsys) -> None:
    names = tmp_path / "names.txt"
    names.write_text(f"Josiah Rosenblatt\nre:{SLOW_RX}\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text(SLOW_TEXT, encoding="utf-8")
    assert main(["check", "--isolated", "--rules", "release", "--protect", str(names), "-f", "concise",
                 str(tmp_path / "c.txt")]) == 1
    assert "it ran too long (CL601)" in capsys.readouterr().out
    assert main(["redact", "--protect", str(names), "--in-place", str(tmp_path / "c.txt")]) == 2
    assert "ran too long" in capsys.readouterr().err
    assert (tmp_path / "c.txt").read_text(encoding="utf-8") == SLOW_TEXT
    from cablelint import protectfile

    assert protectfile.load([names]).mask("a,b\nJosiah Rosenblatt\n\n" + "a," * 40 + "b" * 3000) == \
        "[PROTECTED]\n[PROTECTED]\n\n[PROTECTED]"


def test_file_time_budget(monkeypatch) -> None:
    """Rules left when a file's budget is spent are named by CL003; a parse
    that runs past the budget is CL003 too (no rule ran), and the run goes on."""
    import time

    from cablelint import engine, make_engine
    from cablelint.source import Source

    eng = make_engine()
    doc = eng.parse(Source("c.txt", SLOW_TEXT))
    found = eng.lint_document(doc, deadline=time.monotonic() - 1)
    assert [f.rule for f in found] == ["CL003"]
    assert regex.search(r"time budget of 60(\.\d)? s was spent \(CL101, ", found[0].message)
    monkeypatch.setattr(engine, "TIME_BUDGET", 0.2)
    monkeypatch.setattr(engine, "parse", lambda source, vocab: time.sleep(30))
    t0 = time.monotonic()
    found = eng.lint_source(Source("c.txt", SLOW_TEXT))
    assert time.monotonic() - t0 < 20  # stopped, not slept through
    assert [f.rule for f in found] == ["CL003"]
    assert regex.fullmatch(r"all rule\(s\) did not finish on this file: reading it took longer than 0\.2\d* s "
                           r"\(no rule ran\)", found[0].message), found[0].message


def _laughs(levels: int = 8) -> list[str]:
    out = ['  l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    out += [f"  l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    return out


def test_billion_laughs_in_a_rule_set_is_a_file_line_error(tmp_path: Path, capsys) -> None:
    """Regression: a rule set whose lists nest aliases 9^8 deep hung the run (extend_lists copied them)."""
    rs = tmp_path / "lol.yaml"
    rs.write_text("\n".join(["kind: ruleset", "name: lol", "extends: state", "lists:", *_laughs(),
                             "extend_lists:", "  subject_tags: [*l8]"]) + "\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("UNCLASSIFIED\n", encoding="utf-8")
    assert main(["check", "--isolated", "--rules", str(rs), str(tmp_path / "c.txt")]) == 2
    assert f"{rs}:11: invalid YAML: aliases expand to more than 1,000,000 values" in capsys.readouterr().err
    bomb = tmp_path / "names.yaml"
    bomb.write_text("\n".join(["lists:", *_laughs(), "terms: [a1]"]) + "\n", encoding="utf-8")
    assert main(["redact", "--protect", str(bomb), str(tmp_path / "c.txt")]) == 2
    assert "aliases expand" in capsys.readouterr().err


# -- inputs that were quadratic: each now runs far inside a 5 s limit per file --------------
# (before: B1 + 10,000 spaces 2 s, a spaced banner + 5,000 letters 4 s, a 40,000-letter TAGS
# token 1.7-44 s; the sizes below would take minutes). Speed figures: tests/fuzz/fuzz.py --scaling.

HOSTILE = {
    "exemption code then blanks": lambda n: ("CONFIDENTIAL PARIS 000579\nE.O. 12958: DECL: 01/30/2014\n"
                                             "TAGS: PREL FR\nSUBJECT: T\n\n1. (C) XXXXXXXXXXXX B1" + " " * n + "x\n"),
    "letter-spaced banner then letters": lambda n: "S E C R E T " + "A" * n + "\nTAGS: PREL\n\n1. (S) Text.\n",
    "one long TAGS token": lambda n: ("CONFIDENTIAL PARIS 000579\nE.O. 12958: DECL: 01/30/2014\nTAGS: "
                                      + "P" * n + "\nSUBJECT: T\n\n1. (C) Text.\n"),
    # found by tests/fuzz/fuzz.py (input 71337: 45,000 blanks inside a page header, 36 s)
    "page header with a blank run": lambda n: ("UNCLASSIFIED\nSUBJECT: T\n\n1. known as\nNEW" + " " * n
                                               + "DELHI 00000355 002 OF 004\nText.\n"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_formerly_quadratic_inputs_finish(name: str, monkeypatch) -> None:
    from cablelint import engine, lint_text

    monkeypatch.setattr(engine, "TIME_BUDGET", 5.0)
    monkeypatch.setattr(engine, "RULE_TIME_LIMIT", 5.0)
    from cablelint.protectfile import from_terms

    found = lint_text(HOSTILE[name](100_000), path="x.txt", rules=["state", "release"],
                      protect=from_terms(["Josiah Rosenblatt"]))
    assert "CL003" not in {f.rule for f in found}
