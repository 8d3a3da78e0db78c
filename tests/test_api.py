"""The Python API (`from cablelint import lint_text, lint_paths, load_ruleset,
make_engine`): the same results as the CLI, the CLI's settings as keywords,
and the multiprocessing pattern documented in cablelint.api."""
from __future__ import annotations

import json
import multiprocessing
import pickle
import shutil
from pathlib import Path

import pytest

import cablelint
from cablelint import Finding, Severity, lint_paths, lint_text, load_ruleset, make_engine
from cablelint.cli import main
from cablelint.config import ConfigError

ROOT = Path(__file__).resolve().parents[1]
CABLES = ROOT / "examples" / "ci" / "cables"
FAULTY = CABLES / "faulty.txt"
OFFICE = ROOT / "examples" / "office"


def _keys(findings: list[Finding]) -> list[tuple[str, int, str]]:
    return [(Path(f.path).name, f.line, f.rule) for f in findings]


def test_public_names() -> None:
    assert {"lint_text", "lint_paths", "load_ruleset", "make_engine", "Finding", "Severity"} <= set(cablelint.__all__)


def test_lint_text_with_the_default_rule_sets() -> None:
    findings = lint_text(FAULTY.read_text(encoding="utf-8"), path="faulty.txt")
    assert all(isinstance(f, Finding) and isinstance(f.severity, Severity) for f in findings)
    assert [(f.line, f.rule) for f in findings] == [(8, "CL207"), (9, "CL405"), (17, "CL102"),
                                                   (19, "CL502"), (19, "CL104")]
    decl = findings[0]
    assert decl.path == "faulty.txt" and decl.severity is Severity.ERROR and decl.matched == "DECL: 06/12/2046"
    assert (decl.column, decl.end_line, decl.end_column) == (13, 8, 29)


def test_lint_paths_matches_the_cli(capsys: pytest.CaptureFixture) -> None:
    assert main(["check", "--isolated", "--format", "json", str(CABLES)]) == 1
    cli = [(Path(f["path"]).name, f["line"], f["rule"]) for f in json.loads(capsys.readouterr().out)]
    assert _keys(lint_paths([CABLES])) == cli
    assert _keys(lint_paths([str(CABLES / "clean.txt")])) == []


def test_lint_paths_takes_the_cli_settings(tmp_path: Path) -> None:
    assert {f.rule for f in lint_paths([FAULTY], select=["CL2"])} == {"CL207"}
    assert "CL405" not in {f.rule for f in lint_paths([FAULTY], ignore=["tag-iso-country-code"])}
    graded = {f.rule: f.severity for f in lint_paths([FAULTY], severity={"CL502": "error"})}
    assert graded["CL502"] is Severity.ERROR and graded["CL405"] is Severity.WARNING
    folder = tmp_path / "cables"
    shutil.copytree(CABLES, folder)
    (folder / "old").mkdir()
    shutil.copy(FAULTY, folder / "old" / "faulty.cable")
    assert {Path(f.path).name for f in lint_paths([folder])} == {"faulty.txt", "faulty.cable"}
    assert {Path(f.path).name for f in lint_paths([folder], exclude=["old/*"])} == {"faulty.txt"}
    assert {Path(f.path).name for f in lint_paths([folder], extensions=["cable"])} == {"faulty.cable"}
    ignored = lint_paths([folder], per_file_ignores={"old/*": ["CL1", "CL2", "CL4", "CL5"]})
    assert {Path(f.path).name for f in ignored} == {"faulty.txt"}
    # A selector that matches nothing is an error, not a silent empty selection.
    with pytest.raises(ConfigError, match="no rule matches 'CL999'"):
        lint_paths([FAULTY], select=["CL999"])
    with pytest.raises(TypeError, match="unknown setting 'selct'"):
        lint_paths([FAULTY], selct=["CL2"])


def test_lint_paths_with_a_config_file_and_overrides() -> None:
    config = OFFICE / ".cablelint.yaml"
    got = lint_paths([OFFICE], config=config)
    assert sorted(_keys(got)) == [("ofa_faulty.txt", 6, "OFA101"), ("ofa_faulty.txt", 8, "CL207"),
                                  ("ofa_faulty.txt", 9, "CL404")]
    # Keywords go on top of the file, as command-line options do.
    assert {f.rule for f in lint_paths([OFFICE], config=config, select=["OFA"])} == {"OFA101"}


def test_date_and_rule_set_objects() -> None:
    undated = "\n".join(FAULTY.read_text(encoding="utf-8").splitlines()[5:])  # no routing header, no date
    assert [f.rule for f in lint_text(undated, "x.txt") if f.rule == "CL000"] == ["CL000"]
    dated = lint_text(undated, "x.txt", date="2011-06-12")
    assert "CL000" not in {f.rule for f in dated} and "CL207" in {f.rule for f in dated}
    ofa = load_ruleset(str(OFFICE / "ofa.yaml"))
    engine = make_engine([ofa])
    assert {f.rule for f in lint_paths([OFFICE / "ofa_faulty.txt"], engine=engine)} == {"OFA101", "CL207", "CL404"}
    assert {f.rule for f in lint_paths([OFFICE / "ofa_faulty.txt"], rules=[ofa])} == {"OFA101", "CL207", "CL404"}


def test_missing_and_unreadable_files_become_cl001(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\xfe" * 10)
    got = lint_paths([tmp_path / "binary.txt", tmp_path / "nope.txt"])
    assert [f.rule for f in got] == ["CL001", "CL001"]


def test_engines_and_findings_pickle() -> None:
    engine = make_engine(["state"], ignore=["CL503"])
    copy = pickle.loads(pickle.dumps(engine))
    text = FAULTY.read_text(encoding="utf-8")
    assert lint_text(text, "f.txt", engine=copy) == lint_text(text, "f.txt", engine=engine)
    findings = lint_text(text, "f.txt", engine=engine)
    assert pickle.loads(pickle.dumps(findings)) == findings


# The documented pattern (cablelint.api docstring): one engine per worker.
_engine = None


def _init(rules: list[str]) -> None:
    global _engine
    _engine = make_engine(rules)


def _lint(item: tuple[str, str]) -> list[Finding]:
    path, text = item
    return lint_text(text, path, engine=_engine)


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_multiprocessing_pool_over_a_corpus(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} start method on this platform")
    corpus = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(CABLES.glob("*.txt"))] * 3
    with multiprocessing.get_context(method).Pool(2, initializer=_init, initargs=(["state"],)) as pool:
        parallel = pool.map(_lint, corpus, chunksize=2)
    _init(["state"])
    assert parallel == [_lint(item) for item in corpus]
    assert sum(len(f) for f in parallel) == 15  # faulty.txt's five findings, three times


def test_lint_paths_honours_a_baseline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cables"
    shutil.copytree(CABLES, folder)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--isolated", "--write-baseline", "baseline.json", "cables"]) == 0
    assert lint_paths(["cables"]) and lint_paths(["cables"], baseline="baseline.json") == []
    # A new fault is still reported.
    text = (folder / "clean.txt").read_text(encoding="utf-8").replace("TAGS: PREL ECON FR", "TAGS: PREL ECON RU")
    (folder / "clean.txt").write_text(text, encoding="utf-8")
    assert [f.rule for f in lint_paths(["cables"], baseline="baseline.json")] == ["CL405"]
