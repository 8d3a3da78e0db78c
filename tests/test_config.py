"""Configuration: discovery from nested directories, validation with file and
line, relative paths, and the command line on top."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from cablelint.cli import main
from cablelint.config import Config, ConfigError, find_config, load_config, path_matches, resolve
from cablelint.findings import Severity

from cables import state_cable
from conftest import file_line_error

CABLE = state_cable()


def rules_of(capsys, *args: str) -> list[tuple[str, str, str]]:
    """(path, rule, severity) of each finding of a json run."""
    main(["check", "--format", "json", *args])
    out = capsys.readouterr().out
    return [(f["path"], f["rule"], f["severity"]) for f in json.loads(out)]


@pytest.fixture()
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with a nested working directory (proj/sub/deep)."""
    root = tmp_path / "proj"
    (root / "sub" / "deep").mkdir(parents=True)
    monkeypatch.chdir(root / "sub" / "deep")
    return root


def test_yaml_config_found_from_nested_directory(proj: Path, capsys) -> None:
    cfg_file = proj / ".cablelint.yaml"
    cfg_file.write_text("# team settings\nselect: [CL1, tag-unknown]\nfail-on: warning\ndate: 2004-01-30\n")
    assert find_config() == cfg_file
    assert main(["check", "--show-config"]) == 0
    out = capsys.readouterr().out
    assert f"# config file: {cfg_file}" in out
    assert "select: [CL1, tag-unknown]" in out and f"{cfg_file}:2" in out
    assert "fail-on: warning" in out and f"{cfg_file}:3" in out
    assert "date: '2004-01-30'" in out


def test_pyproject_found_from_nested_directory_and_foreign_pyproject_skipped(proj: Path, capsys) -> None:
    (proj / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.cablelint]\nignore = ["CL503"]\n\n'
        '[tool.cablelint.severity]\nCL104 = "warning"\n')
    # a nearer pyproject without [tool.cablelint] belongs to something else: skipped
    (proj / "sub" / "pyproject.toml").write_text('[project]\nname = "inner"\n[tool.black]\nline-length = 99\n')
    assert find_config() == proj / "pyproject.toml"
    cfg = resolve()
    assert cfg.ignore == ["CL503"] and cfg.severity == {"CL104": Severity.WARNING}
    assert cfg.lines["ignore"] == 5 and cfg.lines["severity.CL104"] == 8
    main(["check", "--show-config"])
    assert f"{proj / 'pyproject.toml'}:5" in capsys.readouterr().out


def test_nearest_file_wins_and_yaml_beats_pyproject_in_one_directory(proj: Path) -> None:
    (proj / ".cablelint.yaml").write_text("select: [CL1]\n")
    (proj / "sub" / "pyproject.toml").write_text('[tool.cablelint]\nselect = ["CL2"]\n')
    assert resolve().select == ["CL2"]  # nearest: nothing merged from the outer file
    (proj / "sub" / ".cablelint.yaml").write_text("select: [CL4]\n")
    assert find_config() == proj / "sub" / ".cablelint.yaml"


def test_no_config_gives_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    cfg = resolve(start=tmp_path)
    if cfg.path is None:  # a config above /tmp would be found, correctly
        assert cfg.select == [] and cfg.fail_on == "error" and cfg.format is None


@pytest.mark.parametrize("text, line, words", [
    ("select: [CL1]\nselct: [CL2]\n", 2, "unknown setting `selct` (did you mean `select`?)"),
    ("select: [CL1]\n\nfail-on: 3\n", 3, "`fail-on` must be one of error, warning, info"),
    ("ignore: {CL1: yes}\n", 1, "`ignore` must be a list of text, not a mapping"),
    ("severity:\n  CL201: loud\n", 2, "unknown severity 'loud'"),
    ("date: 30/01/2004\n", 1, "`date` must be a date YYYY-MM-DD"),
    ("format: fancy\n", 1, "unknown format 'fancy'"),
    ("per-file-ignores:\n  'drafts/*': 7\n", 2, "must map to a list of rules"),
    ("select: [CL1\n", "2:1", "invalid YAML"),  # syntax errors give the column too (ruleset.load_yaml)
    ("select: [CL1]\nselect: [CL2]\n", "2:1", "duplicate key 'select'"),
    ("- just\n- a list\n", 1, "must be a YAML mapping"),
    ("date: 2004-01-30 10:00:00\n", 1, "`date` must be a date YYYY-MM-DD"),
    ("as-of: '20040130'\n", 1, "`as-of` must be a date YYYY-MM-DD"),  # one date syntax everywhere
])
def test_bad_yaml_config_names_file_and_line(proj: Path, capsys, text: str, line: int | str, words: str) -> None:
    cfg_file = proj / ".cablelint.yaml"
    cfg_file.write_text(text)
    file_line_error(ConfigError, lambda: load_config(cfg_file), cfg_file, line, words, after=": ")
    (proj / "c.txt").write_text(CABLE)
    assert main(["check", str(proj / "c.txt")]) == 2
    assert f"cablelint: error: {cfg_file}:{line}: " in capsys.readouterr().err


def test_config_module_uses_only_public_yaml_helpers() -> None:
    """Regression: config and baseline imported the rule-set loader's private
    `_LineLoader`/`_Map`; they now share the public `ruleset.load_yaml`."""
    import inspect

    from cablelint import baseline, config, protect

    for mod in (config, baseline, protect):
        src = inspect.getsource(mod)
        assert "_LineLoader" not in src and "_Map" not in src and "yaml.load(" not in src, mod.__name__


def test_bad_pyproject_config_names_file_and_line(proj: Path, capsys) -> None:
    py = proj / "pyproject.toml"
    py.write_text('[project]\nname = "x"\n\n[tool.cablelint]\nselect = ["CL1"]\nfail_on = "loud"\n')
    assert main(["check", "--show-config"]) == 2
    assert f"{py}:6: `fail_on` must be one of error, warning, info" in capsys.readouterr().err
    py.write_text('[tool.cablelint]\nextend-selct = ["CL1"]\n')
    assert main(["check", "--show-config"]) == 2
    assert f"{py}:2: unknown setting `extend-selct` (did you mean `extend-select`?)" in capsys.readouterr().err


def test_relative_paths_resolve_against_the_config_directory(proj: Path) -> None:
    (proj / "rules").mkdir()
    (proj / ".cablelint.yaml").write_text(
        "rules: [state, rules/house.yaml]\nprotect: [protect.txt, /abs/list.txt]\n")
    cfg = resolve()
    assert cfg.rules == ["state", str(proj / "rules" / "house.yaml")]
    assert cfg.protect == [str(proj / "protect.txt"), "/abs/list.txt"]


def test_rule_set_file_from_config_is_loaded_relative_to_it(proj: Path, capsys) -> None:
    (proj / "house.yaml").write_text(
        "name: house\ndescription: house rules\nversion: '1'\nextends: [state]\ndisable: [CL404]\nrules: []\n")
    (proj / ".cablelint.yaml").write_text("rules: [house.yaml]\ndate: 2004-01-30\n")
    (proj / "c.txt").write_text(CABLE)
    got = rules_of(capsys, str(proj / "c.txt"))
    assert got and "CL404" not in {r for _, r, _ in got} and "CL102" in {r for _, r, _ in got}


def test_isolated_and_explicit_config(proj: Path, capsys) -> None:
    (proj / ".cablelint.yaml").write_text("select: [CL104]\ndate: 2004-01-30\n")
    other = proj / "other.yaml"
    other.write_text("select: [CL102]\ndate: 2004-01-30\n")
    (proj / "c.txt").write_text(CABLE)
    c = str(proj / "c.txt")
    assert {r for _, r, _ in rules_of(capsys, c)} == {"CL104"}
    assert {r for _, r, _ in rules_of(capsys, c, "--config", str(other))} == {"CL102"}
    everything = {r for _, r, _ in rules_of(capsys, c, "--isolated", "--date", "2004-01-30")}
    assert {"CL102", "CL104", "CL404"} <= everything
    assert main(["check", c, "--isolated", "--config", str(other)]) == 2
    assert "cannot be used together" in capsys.readouterr().err
    assert main(["check", c, "--config", str(proj / "nope.yaml")]) == 2
    assert "config file not found" in capsys.readouterr().err


def test_command_line_overrides_config(proj: Path, capsys) -> None:
    (proj / ".cablelint.yaml").write_text(
        "select: [CL1]\nignore: [CL103]\nseverity: {CL104: info}\nfail-on: info\ndate: 2004-01-30\nformat: concise\n")
    c = proj / "c.txt"
    c.write_text(CABLE)
    # config alone: CL1xx only, CL104 graded info, and fail-on info makes it exit 1
    got = rules_of(capsys, str(c))
    assert {(r, s) for _, r, s in got} == {("CL102", "error"), ("CL104", "info")}
    # --select replaces, --ignore adds, --severity-override wins over the config's grade
    got = rules_of(capsys, str(c), "--select", "CL1,tag-unknown", "--ignore", "CL102",
                   "--severity-override", "CL104=warning")
    assert {(r, s) for _, r, s in got} == {("CL104", "warning"), ("CL404", "warning")}
    # the config's format is the default; --format wins
    assert main(["check", str(c)]) == 1
    assert capsys.readouterr().out.startswith(f"{c}:11:1: error CL102 ")
    assert main(["check", str(c), "--fail-on", "error", "--ignore", "CL102"]) == 0  # only an info left
    capsys.readouterr()
    main(["check", "--show-config", "--ignore", "CL105", "--severity-override", "CL201=warning"])
    out = capsys.readouterr().out
    assert "ignore: [CL103, CL105]" in out and "+ --ignore" in out
    assert "severity: {CL104: info, CL201: warning}" in out


def test_severity_override_by_prefix_name_and_most_specific(proj: Path, capsys) -> None:
    c = proj / "c.txt"
    c.write_text(CABLE)
    base = [str(c), "--isolated", "--date", "2004-01-30", "--select", "CL102,CL104,CL404"]
    got = rules_of(capsys, *base, "--severity-override", "CL1=info", "--severity-override",
                   "portion-above-banner=warning")
    assert sorted({(r, s) for _, r, s in got}) == [("CL102", "info"), ("CL104", "warning"), ("CL404", "warning")]
    got = rules_of(capsys, *base, "--severity-override", "ALL=info", "--severity-override", "CL10=error")
    assert sorted({(r, s) for _, r, s in got}) == [("CL102", "error"), ("CL104", "error"), ("CL404", "info")]
    assert main(["check", *base, "--severity-override", "CL104"]) == 2
    assert "use RULE=SEVERITY" in capsys.readouterr().err
    assert main(["check", *base, "--severity-override", "CL104=loud"]) == 2


def test_unknown_selector_is_an_error_naming_where_it_came_from(proj: Path, capsys) -> None:
    cfg_file = proj / ".cablelint.yaml"
    cfg_file.write_text("select: [CL1]\nper-file-ignores:\n  'x/*': [CL102]\n  'y/*': [no-such-rule]\n")
    (proj / "c.txt").write_text(CABLE)
    assert main(["check", str(proj / "c.txt")]) == 2
    assert f"{cfg_file}:4: no rule matches 'no-such-rule'" in capsys.readouterr().err
    assert main(["check", str(proj / "c.txt"), "--isolated", "--select", "CL99"]) == 2
    assert "--select: no rule matches 'CL99'" in capsys.readouterr().err


def test_per_file_ignores_and_exclude(proj: Path, capsys) -> None:
    (proj / "drafts").mkdir()
    (proj / "archive").mkdir()
    for p in ("drafts/d.txt", "final.txt", "archive/old.txt"):
        (proj / p).write_text(CABLE)
    (proj / ".cablelint.yaml").write_text(
        "date: 2004-01-30\nper-file-ignores:\n  'drafts/*.txt': [CL1, tag-unknown]\nexclude: ['archive/**']\n")
    got = rules_of(capsys, str(proj))
    by_path: dict[str, set[str]] = {}
    for p, r, _ in got:
        by_path.setdefault(Path(p).relative_to(proj).as_posix(), set()).add(r)
    assert set(by_path) == {"final.txt"}  # archive excluded; drafts' only findings are ignored
    assert {"CL102", "CL104", "CL404"} <= by_path["final.txt"]
    # from the nested cwd a relative path works the same (globs anchor at the config's directory)
    got = rules_of(capsys, "../../drafts/d.txt", "--select", "CL1,CL404")
    assert got == []


def test_path_matches() -> None:
    root = Path("/r")
    assert path_matches("/r/drafts/a.txt", "drafts/*.txt", root)
    assert path_matches("drafts/a.txt", "**/a.txt")
    assert path_matches("x/y/a.txt", "a.txt")  # no slash: the file name
    assert path_matches("/r/drafts/sub/a.txt", "drafts/", root)
    assert not path_matches("/r/final/a.txt", "drafts/*", root)
    assert path_matches("/elsewhere/x/drafts/a.txt", "drafts/*.txt", root)  # any depth, as `exclude`
    assert path_matches("/r/drafts/a.txt", "/drafts/*.txt", root)  # a leading / anchors at the config
    assert not path_matches("/r/x/drafts/a.txt", "/drafts/*.txt", root)
    assert not path_matches("/r/drafts.txt", "drafts/", root)


def test_extensions_setting(proj: Path, capsys) -> None:
    (proj / "a.cable").write_text(CABLE)
    (proj / "b.txt").write_text(CABLE)
    (proj / ".cablelint.yaml").write_text("extensions: [cable]\ndate: 2004-01-30\n")
    assert {Path(p).name for p, _, _ in rules_of(capsys, str(proj))} == {"a.cable"}
    assert {Path(p).name for p, _, _ in rules_of(capsys, str(proj), "--extensions", ".txt")} == {"b.txt"}


def test_config_value_object_exposes_protect_for_other_commands() -> None:
    cfg = Config(protect=["/p/list.txt"])
    assert cfg.as_dict()["protect"] == ["/p/list.txt"]


@pytest.mark.parametrize("value", ["2004-13-01", "'2004-02-30'", "20040130", "2004-W05-1", "1", "''"])
def test_impossible_dates_are_errors_with_file_and_line(proj: Path, value: str) -> None:
    """Regression: `date: 2004-13-01` escaped as a bare ValueError from PyYAML,
    and `20040130` or a week date passed as Python's ISO parser allows; every
    date now goes through dates.parse_date (YYYY-MM-DD) or names its line."""
    cfg_file = proj / ".cablelint.yaml"
    cfg_file.write_text(f"select: [CL1]\nas-of: {value}\n")
    with pytest.raises(ConfigError, match=rf"^{re.escape(str(cfg_file))}:2(:\d+)?: "):
        load_config(cfg_file)


def test_parse_date() -> None:
    from cablelint.dates import parse_date

    assert parse_date("2004-01-30") == parse_date(dt.date(2004, 1, 30)) == dt.date(2004, 1, 30)
    for bad in ("2004-1-30", "20040130", "2004-01-30T00:00", dt.datetime(2004, 1, 30), 2004, None, "2004-02-30"):
        with pytest.raises(ValueError, match="not a date YYYY-MM-DD"):
            parse_date(bad)


@pytest.mark.parametrize("key, value", [
    ("fail-on", "loud"), ("min-severity", 3), ("date", "30/01/2004"), ("as-of", "20040130"),
    ("severity", {"CL201": "loud"}), ("per-file-ignores", {"drafts/*": 7}), ("format", 7),
])
def test_a_file_and_a_flag_are_checked_by_one_normalise(proj: Path, key: str, value) -> None:
    """settings.normalise is the one place: a bad value gives the same words
    whether a config file, a flag or the API gave it (only the origin differs)."""
    cfg_file = proj / ".cablelint.yaml"
    cfg_file.write_text(json.dumps({key: value}))  # JSON is YAML
    with pytest.raises(ConfigError) as from_file:
        load_config(cfg_file)
    with pytest.raises(ConfigError) as from_flag:
        Config().with_overrides("--flag", **{key.replace("-", "_"): value})
    assert str(from_file.value) == f"{cfg_file}:1: " + str(from_flag.value).removeprefix("--flag: ")


def test_a_file_and_a_flag_normalise_alike(proj: Path) -> None:
    given = {"ignore": "CL1, CL2", "extensions": ["TXT", "cable"], "severity": {"CL201": "Warning"},
             "fail-on": "WARNING", "date": "2004-01-30", "per-file-ignores": {"d/*": "CL3,CL4"}}
    cfg_file = proj / ".cablelint.yaml"
    cfg_file.write_text(json.dumps(given))
    from_file = load_config(cfg_file)
    from_flags = Config().with_overrides("--flags", **{k.replace("-", "_"): v for k, v in given.items()})
    for key in given:
        attr = key.replace("-", "_")
        assert getattr(from_file, attr) == getattr(from_flags, attr), key
    assert from_file.extensions == [".txt", ".cable"] and from_file.ignore == ["CL1", "CL2"]
