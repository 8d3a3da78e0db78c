"""The pre-commit hook, run by the real pre-commit as a user would run it.

`pre-commit try-repo` installs the hook from a repository into its own
virtualenv (pip installs cablelint from the repository) and runs it on a
scratch git repo. try-repo only sees what git tracks, so the test first
snapshots this checkout's working tree (tracked and untracked, minus ignored
files) into a temporary git repo: the hook under test is exactly the code on
disk, committed or not. pre-commit's cache lives in a temporary
PRE_COMMIT_HOME shared by the scenarios, so the hook environment is built once
and the user's cache is never touched.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cablelint.cli import main

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
TIMEOUT = 600

CLEAN = """\
ZNY CCCCC ZZH
R 051432Z MAR 12
FM AMEMBASSY FICTION CITY
TO SECSTATE WASHDC 0001
BT
C O N F I D E N T I A L FICTION CITY 000200

E.O. 13526: DECL: 03/05/2022
TAGS: PREL FR
SUBJECT: (U) EVERY PARAGRAPH MARKED

Classified By: Director Ann Example, reasons 1.4 (b) and (d)

1. (C) First paragraph of an invented cable.

2. (U) Second paragraph, marked as well.
EXAMPLE
BT
"""
# The same cable with the mark of paragraph 2 lost: CL102 (an error).
FAULTY = CLEAN.replace("2. (U) Second", "2. Second").replace("000200", "000201")
FAULTY_LINE = FAULTY.splitlines().index("2. Second paragraph, marked as well.") + 1


def _git_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    # pip's user configuration (how it reaches a package index) lives under the
    # real home; keep it visible when HOME moves to a scratch directory.
    env.setdefault("XDG_CONFIG_HOME", str(Path.home() / ".config"))
    env.update(HOME=str(home), PRE_COMMIT_HOME=str(home / "pre-commit-cache"), PRE_COMMIT_COLOR="never",
               NO_COLOR="1", GIT_AUTHOR_NAME="cablelint test", GIT_AUTHOR_EMAIL="test@example.invalid",
               GIT_COMMITTER_NAME="cablelint test", GIT_COMMITTER_EMAIL="test@example.invalid",
               GIT_CONFIG_NOSYSTEM="1")
    return env


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT)


def _git(cwd: Path, env: dict[str, str], *args: str) -> None:
    got = _run(["git", *args], cwd, env)
    assert got.returncode == 0, f"git {' '.join(args)} failed:\n{got.stdout}\n{got.stderr}"


def _snapshot(dst: Path, env: dict[str, str]) -> None:
    """Copy the working tree (what `git add -A` would commit) and commit it."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, env=env)
    if listed.returncode == 0:
        for rel in filter(None, listed.stdout.decode().split("\0")):
            src = ROOT / rel
            if src.is_file():
                (dst / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst / rel)
    else:  # not a git checkout (an unpacked source archive)
        shutil.copytree(ROOT, dst, dirs_exist_ok=True, ignore=shutil.ignore_patterns(
            ".git", ".venv", "*.egg-info", "__pycache__", ".pytest_cache", "build", "dist"))
    _git(dst, env, "init", "-q", ".")
    _git(dst, env, "add", "-A")
    _git(dst, env, "commit", "-q", "--no-verify", "-m", "snapshot of the cablelint working tree")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """(snapshot of this repository, environment with a shared scratch pre-commit cache)."""
    base = tmp_path_factory.mktemp("precommit")
    home = base / "home"
    home.mkdir()
    env = _git_env(home)
    repo = base / "cablelint"
    repo.mkdir()
    _snapshot(repo, env)
    return repo, env


def _project(path: Path, env: dict[str, str]) -> Path:
    path.mkdir()
    _git(path, env, "init", "-q", ".")
    (path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (path / "faulty.txt").write_text(FAULTY, encoding="utf-8")
    (path / "notes.md").write_text("Not a cable: the hook's `files` pattern leaves it alone.\n", encoding="utf-8")
    return path


def _try_repo(hook_repo: tuple[Path, dict[str, str]], project: Path, *extra: str) -> subprocess.CompletedProcess:
    repo, env = hook_repo
    return _run(PRE_COMMIT + ["try-repo", str(repo), "cablelint", "--verbose", *extra], project, env)


def test_manifest_is_valid_and_matches_the_brief() -> None:
    manifest = ROOT / ".pre-commit-hooks.yaml"
    got = subprocess.run(PRE_COMMIT + ["validate-manifest", str(manifest)], capture_output=True, text=True)
    assert got.returncode == 0, got.stdout + got.stderr
    (hook,) = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    assert hook["id"] == "cablelint" and hook["language"] == "python"
    assert hook["entry"].split()[0] == "cablelint"
    assert hook["types"] == ["text"] and hook["pass_filenames"] is True and hook["require_serial"] is False
    pattern = re.compile(hook["files"])
    assert all(pattern.search(n) for n in ("a.txt", "dir/05PARIS579.cable", "x.tel"))
    assert not any(pattern.search(n) for n in ("a.md", "a.txt.bak", "rules.yaml"))


def test_hook_fails_on_the_faulty_cable(hook_repo, tmp_path: Path) -> None:
    project = _project(tmp_path / "project", hook_repo[1])
    _git(project, hook_repo[1], "add", "clean.txt", "faulty.txt", "notes.md")
    before = {p.name: p.read_bytes() for p in project.iterdir() if p.is_file()}
    got = _try_repo(hook_repo, project, "--all-files")
    out = got.stdout + got.stderr
    assert got.returncode == 1, out
    assert "cablelint" in out and "Failed" in out, out
    assert f"faulty.txt:{FAULTY_LINE}:" in out and "CL102" in out, out
    assert "clean.txt:" not in out and "notes.md" not in out, out
    assert "files were modified by this hook" not in out, out
    assert {p.name: p.read_bytes() for p in project.iterdir() if p.is_file()} == before


def test_hook_passes_when_only_the_clean_cable_is_staged(hook_repo, tmp_path: Path) -> None:
    project = _project(tmp_path / "project", hook_repo[1])
    _git(project, hook_repo[1], "add", "clean.txt")
    got = _try_repo(hook_repo, project)
    out = got.stdout + got.stderr
    assert got.returncode == 0, out
    assert "Passed" in out and "faulty.txt" not in out, out


def test_example_pre_commit_config_is_valid() -> None:
    config = ROOT / "examples" / "office" / ".pre-commit-config.yaml"
    got = subprocess.run(PRE_COMMIT + ["validate-config", str(config)], capture_output=True, text=True)
    assert got.returncode == 0, got.stdout + got.stderr
    ids = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    used = [h["id"] for r in yaml.safe_load(config.read_text(encoding="utf-8"))["repos"] for h in r["hooks"]]
    assert used and set(used) <= ids


def _local_hook_env(tmp_path: Path) -> dict[str, str]:
    """A scratch pre-commit home, with this venv's `cablelint` first on PATH
    (a `repo: local` hook runs the installed cablelint)."""
    home = tmp_path / "home"
    home.mkdir()
    env = _git_env(home)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def test_example_pre_commit_config_runs_on_the_office_example(tmp_path: Path) -> None:
    """The office folder as a project of its own: its .pre-commit-config.yaml,
    as copied, runs the hook, which reads the office's .cablelint.yaml: office
    rules, drafts/ relieved of CL401/CL501."""
    env = _local_hook_env(tmp_path)
    project = tmp_path / "office"
    shutil.copytree(ROOT / "examples" / "office", project)
    _git(project, env, "init", "-q", ".")
    _git(project, env, "add", "-A")
    got = _run(PRE_COMMIT + ["run", "--all-files", "--verbose"], project, env)
    out = got.stdout + got.stderr
    assert got.returncode == 1, out
    for line, rule in ((6, "OFA101"), (8, "CL207"), (9, "CL404")):
        assert re.search(rf"ofa_faulty\.txt:{line}:\d+: error {rule} ", out), out
    assert "ofa_clean.txt:" not in out and "draft_memo.txt:" not in out, out


def test_hook_results_do_not_depend_on_the_batch(capsys: pytest.CaptureFixture,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """require_serial: false lets pre-commit split the files into batches:
    any split must give the same findings (and the worst exit code)."""
    cables = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples").rglob("*.txt"))
    assert len(cables) > 4

    def run(batch: list[str]) -> tuple[int, list[tuple]]:
        code = main(["check", "--isolated", "--format", "json", *batch])
        found = json.loads(capsys.readouterr().out)
        return code, [(f["path"], f["line"], f["rule"]) for f in found]

    monkeypatch.chdir(ROOT)
    whole_code, whole = run(cables)
    parts = [run(cables[i::3]) for i in range(3)]
    assert sorted(f for _, found in parts for f in found) == sorted(whole)
    assert max(code for code, _ in parts) == whole_code == 1


def test_readme_snippet_works_as_copied(tmp_path: Path) -> None:
    """The README's .pre-commit-config.yaml, copied as it is, runs and fails on
    a faulty cable staged under an upper-case name (no `rev:` of a tag that
    does not exist; a `files` pattern of any case)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = next(b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "pre-commit-config" in b)
    env = _local_hook_env(tmp_path)
    project = _project(tmp_path / "project", env)
    (project / "faulty.txt").rename(project / "FAULTY.TXT")
    (project / ".pre-commit-config.yaml").write_text(snippet, encoding="utf-8")
    _git(project, env, "add", "-A")
    got = _run(PRE_COMMIT + ["run", "--all-files", "--verbose"], project, env)
    out = got.stdout + got.stderr
    assert got.returncode == 1, out
    assert f"FAULTY.TXT:{FAULTY_LINE}:" in out and "CL102" in out, out
    assert "clean.txt:" not in out, out
