"""The documentation cannot drift from the code.

- docs/rules.md is generated from the rule sets: regenerating it must give
  the committed file (run `cablelint rules --all --format md > docs/rules.md`);
- docs/rule-authoring.md covers every check kind with its parameters, every
  target, every `when:` condition and every rule-set key, and each of its
  YAML examples loads (rules with examples also pass `cablelint test`);
- every `cablelint ...` command shown in README.md and examples/README.md
  parses with the real argument parser, and relative links lead to files.
"""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from cablelint.checks.kinds import COMMON_PARAMS, KINDS
from cablelint.cli import COMMANDS, build_parser, main
from cablelint.conditions import WHEN_KEYS
from cablelint.ruleset import TOP_KEYS, load
from cablelint.ruletest import run_ruleset
from cablelint.targets import names as target_names

ROOT = Path(__file__).resolve().parents[1]
RULES_MD = ROOT / "docs" / "rules.md"
AUTHORING = ROOT / "docs" / "rule-authoring.md"
README = ROOT / "README.md"
FIRST_COMMANDS = """\
# cablelint

```sh
pip install . && cablelint seeds/ examples/
pip install -e '.[test]' && python -m pytest
```
"""


def _blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", text, re.S | re.M)


def _section(text: str, heading: str) -> str:
    m = re.search(rf"^### {re.escape(heading)}\n(.*?)(?=^##|\Z)", text, re.S | re.M)
    return m.group(1) if m else ""


# -- docs/rules.md -----------------------------------------------------------
def test_rules_md_is_current(capsys: pytest.CaptureFixture) -> None:
    assert main(["rules", "--all", "--format", "md"]) == 0
    fresh = capsys.readouterr().out
    assert RULES_MD.read_text(encoding="utf-8") == fresh, (
        "docs/rules.md is stale: run `cablelint rules --all --format md > docs/rules.md`")


def test_rules_md_lists_every_shipped_rule(capsys: pytest.CaptureFixture) -> None:
    assert main(["rules", "--all", "--format", "json"]) == 0
    import json

    ids = [r["id"] for r in json.loads(capsys.readouterr().out)]
    text = RULES_MD.read_text(encoding="utf-8")
    assert ids and all(re.search(rf"^### {i} ", text, re.M) for i in ids)
    assert re.search(r"^### CL000 rule-could-not-run$", text, re.M)  # engine rules too


# -- docs/rule-authoring.md ---------------------------------------------------
def test_rule_authoring_covers_every_kind_and_parameter() -> None:
    text = AUTHORING.read_text(encoding="utf-8")
    for kind, module in KINDS.items():
        section = _section(text, kind)
        assert section, f"docs/rule-authoring.md has no `### {kind}` section"
        for param in module.PARAMS:
            if param in COMMON_PARAMS:  # every kind's (`group`): documented once, under "A rule"
                assert f"`{param}:" in text, f"docs/rule-authoring.md does not explain `{param}`"
                continue
            shown = f"`{param}`" in section or f"`{param}:" in section or (param == "target" and "\n  target: " in section)
            assert shown, f"`### {kind}` does not explain `{param}`"
        assert re.search(rf"^  kind: {kind}$", section, re.M), f"`### {kind}` has no YAML example"


def test_rule_authoring_covers_targets_conditions_and_keys() -> None:
    text = AUTHORING.read_text(encoding="utf-8")
    for name in target_names():
        assert f"`{name}`" in text, f"target {name} is not in docs/rule-authoring.md"
    for key in WHEN_KEYS:
        assert f"`{key}:" in text or f"`{key}`" in text, f"when: condition {key} is not documented"
    for key in TOP_KEYS:
        assert f"`{key}`" in text or f"{key}:" in text, f"rule-set key {key} is not documented"


def test_rule_authoring_examples_load(tmp_path: Path) -> None:
    text = AUTHORING.read_text(encoding="utf-8")
    rules = [b for b in _blocks(text, "yaml") if b.startswith("- id:")]
    assert len(rules) >= len(KINDS)
    body = "name: doc\nextends: state\nrules:\n" + "".join(
        "".join("  " + line + "\n" for line in b.splitlines()) for b in rules)
    path = tmp_path / "doc.yaml"
    path.write_text(body, encoding="utf-8")
    rs = load(str(path))
    documented = [r for r in rs.rules if r.ruleset == "doc"]
    assert {r.kind for r in documented} >= set(KINDS)
    # Rules that carry examples must pass them (the rest have none: not run).
    with_examples = [r for r in documented if r.examples]
    assert with_examples
    rs.rules = [r for r in rs.rules if r.ruleset != "doc" or r.examples]
    failures = run_ruleset(rs).failures
    assert not failures, "\n".join(map(str, failures))


def test_rule_authoring_rule_set_and_era_blocks_load(tmp_path: Path) -> None:
    text = AUTHORING.read_text(encoding="utf-8")
    blocks = _blocks(text, "yaml")
    ruleset = next(b for b in blocks if b.startswith("kind: ruleset"))
    (tmp_path / "examples" / "house").mkdir(parents=True)
    (tmp_path / "rules").mkdir()
    path = tmp_path / "rules" / "house.yaml"
    path.write_text(ruleset, encoding="utf-8")
    rs = load(str(path))
    assert rs.name == "house" and "HSEA" in rs.lists["subject_tags"]
    assert {e["name"]: e for e in rs.eras}["eo13526"]["decl_max_years"] == 10
    era_block = next(b for b in blocks if b.startswith("eras:"))
    path.write_text("name: eras\nextends: state\n" + era_block, encoding="utf-8")
    (era,) = load(str(path)).eras
    assert era["name"] == "eo13526" and era["decl_max_years"] == 25


# -- README.md and examples/README.md ----------------------------------------
def test_readme_keeps_the_two_commands_first() -> None:
    assert README.read_text(encoding="utf-8").startswith(FIRST_COMMANDS)


def _commands(path: Path) -> list[str]:
    out = []
    for block in _blocks(path.read_text(encoding="utf-8"), "sh"):
        for line in block.splitlines():
            line = line.split(" && ")[-1] if "cablelint" in line.split(" && ")[-1] else line
            line = line.split(" #")[0].strip()
            if line.startswith("cablelint "):
                out.append(line)
    return out


@pytest.mark.parametrize("doc", [README, ROOT / "examples" / "README.md"], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_documented_commands_parse(doc: Path) -> None:
    commands = _commands(doc)
    assert commands, f"{doc}: no cablelint command found"
    parser = build_parser()
    for cmd in commands:
        argv = shlex.split(cmd.split(" < ")[0])[1:]
        if argv[0] not in COMMANDS:
            argv = ["check"] + argv
        try:
            parser.parse_args(argv)
        except SystemExit:
            pytest.fail(f"{doc.name}: `{cmd}` does not parse")


@pytest.mark.parametrize("doc", [README, AUTHORING, RULES_MD, ROOT / "examples" / "README.md"],
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_resolve(doc: Path) -> None:
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8")):
        assert (doc.parent / target).exists(), f"{doc.name}: broken link {target}"


def test_documented_config_example_loads(tmp_path: Path) -> None:
    from cablelint.config import load_config

    (block,) = [b for b in _blocks(README.read_text(encoding="utf-8"), "yaml") if b.startswith("rules:")]
    cfg_path = tmp_path / ".cablelint.yaml"
    cfg_path.write_text(block, encoding="utf-8")
    cfg = load_config(cfg_path)
    assert cfg.fail_on == "warning" and cfg.ignore == ["CL503"] and cfg.exclude == ["archive/**"]
    hooks = yaml.safe_load(_blocks(README.read_text(encoding="utf-8"), "yaml")[-1])
    assert hooks["repos"][0]["hooks"][0]["id"] == "cablelint"


def test_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture) -> None:
    """The README's API example, run as written in a folder with cables/ and house.yaml."""
    import shutil

    (code,) = _blocks(README.read_text(encoding="utf-8"), "python")
    shutil.copytree(ROOT / "examples" / "ci" / "cables", tmp_path / "cables")
    shutil.copy(ROOT / "examples" / "office" / "ofa.yaml", tmp_path / "house.yaml")
    monkeypatch.chdir(tmp_path)
    scope = {"text": (tmp_path / "cables" / "faulty.txt").read_text(encoding="utf-8")}
    exec(compile(code, "README.md", "exec"), scope)  # noqa: S102 - our own documentation
    printed = capsys.readouterr().out.splitlines()
    assert printed and all(line.startswith("cables/faulty.txt ") for line in printed)
    found = [(f.line, f.rule) for f in scope["findings"]]
    assert {(6, "OFA101"), (8, "CL207")} <= set(found) and len(found) == len(set(found))
