"""The CI recipes under examples/ci/ run as written.

Each recipe is parsed, its wiring checked (the report file a cablelint step
writes is the one the CI uploads), and every cablelint command line in it is
run through bash, with the recipe's own CABLES value, in a copy of
examples/ci/ (whose cables/ folder holds one clean and one faulty cable).
The output is then checked for the format's validity and for exactly the
findings that cables/faulty.txt.expect lists.
"""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
import yaml

from test_examples import read_expectation

ROOT = Path(__file__).resolve().parents[1]
CI = ROOT / "examples" / "ci"
SARIF_SCHEMA = Path(os.environ.get("CABLELINT_SHARED", ROOT.parent / "shared")) / "schemas" / "sarif-schema-2.1.0.json"
CLI = re.compile(r"^(?:cablelint|python3? -m cablelint)\s")
ANNOTATION = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<msg>.+)$")


def expected() -> Counter:
    exp = read_expectation(CI / "cables" / "faulty.txt")
    assert exp is not None and not exp.rules  # the default rule sets
    return exp.findings


# -- reading the recipes -------------------------------------------------------
def github_recipe() -> tuple[dict, dict[str, str], list[str]]:
    data = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))
    env = dict(data.get("env") or {})
    cmds = []
    for job in data["jobs"].values():
        env.update(job.get("env") or {})
        for step in job["steps"]:
            cmds += (step.get("run") or "").splitlines()
    return data, env, cmds


def gitlab_recipe() -> tuple[dict, dict[str, str], list[str]]:
    data = yaml.safe_load((CI / "gitlab-ci.yml").read_text(encoding="utf-8"))
    env = dict(data.get("variables") or {})
    cmds: list[str] = []
    for job in data.values():
        if isinstance(job, dict) and "script" in job:
            env.update(job.get("variables") or {})
            cmds += list(job.get("before_script") or []) + list(job["script"])
    return data, env, cmds


def jenkins_recipe() -> tuple[str, dict[str, str], list[str]]:
    text = (CI / "Jenkinsfile").read_text(encoding="utf-8")
    block = re.search(r"environment\s*\{(.*?)\}", text, re.S)
    env = dict(re.findall(r"^\s*(\w+)\s*=\s*'([^']*)'", block.group(1), re.M)) if block else {}
    cmds = re.findall(r"\bsh\s+'([^']*)'", text) + re.findall(r'\bsh\s+"([^"]*)"', text)
    return text, env, cmds


RECIPES = {"github-actions.yml": github_recipe, "gitlab-ci.yml": gitlab_recipe, "Jenkinsfile": jenkins_recipe}


def cablelint_commands(cmds: list[str]) -> list[str]:
    return [c.strip() for c in cmds if CLI.match(c.strip())]


def option(cmd: str, name: str) -> str | None:
    words = shlex.split(cmd)
    return words[words.index(name) + 1] if name in words else None


# -- running a command line as the CI would -------------------------------------
def run_line(cmd: str, cwd: Path, cables: str) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR")}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["CABLES"] = cables
    got = subprocess.run(["bash", "-c", cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    out = option(cmd, "--output") or option(cmd, "-o")
    report = (cwd / out).read_text(encoding="utf-8") if out else got.stdout
    return got.returncode, report, got.stderr


def found_in(fmt: str, report: str) -> Counter:
    """(line, rule) of every finding in a report, after checking the format is valid."""
    if fmt == "github":
        got: Counter = Counter()
        for line in report.splitlines():
            m = ANNOTATION.match(line)
            if not m:
                assert not line.startswith("::"), f"malformed annotation: {line!r}"
                continue
            props = dict(p.split("=", 1) for p in m["props"].split(","))
            assert props["file"].startswith("cables/") and int(props["line"]) >= 1, line
            rule = props["title"].split()[0]
            assert rule in m["msg"], line
            got[(int(props["line"]), rule)] += 1
        return got
    if fmt == "sarif":
        doc = json.loads(report)
        if SARIF_SCHEMA.is_file():
            import jsonschema

            jsonschema.validate(doc, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
        assert doc["version"] == "2.1.0" and len(doc["runs"]) == 1
        run = doc["runs"][0]
        ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
        got = Counter()
        for r in run["results"]:
            assert r["ruleId"] in ids and r["message"]["text"]
            loc = r["locations"][0]["physicalLocation"]
            assert loc["artifactLocation"]["uri"].startswith("cables/")
            got[(loc["region"]["startLine"], r["ruleId"])] += 1
        return got
    if fmt == "gitlab":
        issues = json.loads(report)
        assert isinstance(issues, list)
        assert len({i["fingerprint"] for i in issues}) == len(issues), "fingerprints must be unique"
        for i in issues:
            assert i["severity"] in ("info", "minor", "major", "critical", "blocker") and i["description"]
            assert i["location"]["path"].startswith("cables/")
        return Counter((i["location"]["lines"]["begin"], i["check_name"]) for i in issues)
    if fmt == "junit":
        root = ET.fromstring(report)
        cases = root.findall(".//testcase")
        assert cases, "a JUnit report names every linted cable"
        got = Counter()
        for case in cases:
            for failure in case.findall("failure"):
                for line in (failure.text or "").splitlines():
                    m = re.match(r"^(?P<path>\S+?):(?P<line>\d+):\d+: \w+ (?P<rule>[A-Z]+\d+) ", line)
                    assert m, f"unexpected failure line {line!r}"
                    got[(int(m["line"]), m["rule"])] += 1
        return got
    raise AssertionError(f"no validator for format {fmt!r}: add one")


# -- the tests -------------------------------------------------------------------
@pytest.fixture()
def workdir(tmp_path: Path) -> Path:
    """A copy of examples/ci (no config file above it: only the defaults apply)."""
    dst = tmp_path / "ci"
    shutil.copytree(CI, dst)
    return dst


def test_every_recipe_runs_cablelint() -> None:
    for name, read in RECIPES.items():
        _, env, cmds = read()
        assert env.get("CABLES") == "cables/", f"{name}: set CABLES so users see where to point it"
        assert cablelint_commands(cmds), f"{name}: no cablelint command found"
        for cmd in cablelint_commands(cmds):
            assert "$CABLES" in cmd, f"{name}: {cmd!r} ignores CABLES"


def test_github_workflow_wiring() -> None:
    data, _, cmds = github_recipe()
    (job,) = data["jobs"].values()
    assert job["permissions"]["security-events"] == "write"
    steps = job["steps"]
    sarif_cmd = next(c for c in cablelint_commands(cmds) if option(c, "--format") == "sarif")
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == option(sarif_cmd, "--output")
    # The annotation step fails the job on findings: the SARIF steps must still run.
    for step in steps:
        if step is upload or sarif_cmd in (step.get("run") or ""):
            assert "cancelled()" in step.get("if", "") or "always()" in step.get("if", ""), step
    assert any(option(c, "--format") == "github" for c in cablelint_commands(cmds))


def test_gitlab_job_wiring() -> None:
    data, _, cmds = gitlab_recipe()
    (cmd,) = cablelint_commands(cmds)
    assert option(cmd, "--format") == "gitlab"
    job = data["cablelint"]
    assert job["artifacts"]["reports"]["codequality"] == option(cmd, "--output")
    assert job["artifacts"]["when"] == "always"


def test_jenkins_wiring() -> None:
    text, _, cmds = jenkins_recipe()
    (cmd,) = cablelint_commands(cmds)
    assert option(cmd, "--format") == "junit"
    assert re.search(r"junit\s+testResults:\s*'" + re.escape(option(cmd, "--output") or "?") + "'", text)


def _all_commands() -> list:
    out = []
    for name, read in RECIPES.items():
        out += [pytest.param(name, c, id=f"{name}:{option(c, '--format') or 'concise'}")
                for c in cablelint_commands(read()[2])]
    return out


@pytest.mark.parametrize("recipe,cmd", _all_commands())
def test_recipe_command_reports_the_faulty_cable(recipe: str, cmd: str, workdir: Path) -> None:
    fmt = option(cmd, "--format") or "concise"
    code, report, err = run_line(cmd, workdir, "cables/")
    assert code == (0 if "--exit-zero" in cmd else 1), f"{recipe}: {cmd}\n{err}"
    assert found_in(fmt, report) == expected(), f"{recipe}: {cmd}"


@pytest.mark.parametrize("recipe,cmd", _all_commands())
def test_recipe_command_passes_the_clean_cable(recipe: str, cmd: str, workdir: Path) -> None:
    fmt = option(cmd, "--format") or "concise"
    code, report, err = run_line(cmd, workdir, "cables/clean.txt")
    assert code == 0, f"{recipe}: {cmd}\n{err}"
    assert found_in(fmt, report) == Counter(), f"{recipe}: {cmd}"
    if fmt == "junit":
        assert [c.get("name") for c in ET.fromstring(report).iter("testcase")] == ["cables/clean.txt"]
