"""Every file under examples/ is exercised, so no example can rot.

The convention (examples/README.md):

- a cable (`.txt`, `.cable`, `.tel`) with a sidecar `NAME.EXT.expect` must
  give exactly the findings listed there, one `LINE RULEID` per finding;
  `# rules: ...`, `# date: YYYY-MM-DD` and `# as-of: YYYY-MM-DD` comment
  lines set the run, and any other `#` line is a comment;
- a cable without a sidecar must have `clean` in its name and give no finding;
- the rule set is, unless `# rules:` says otherwise, the rule set files
  (YAML with `kind: ruleset`) of the cable's folder or the nearest folder
  above it, else the shipped rule set named after the top folder
  (examples/capco -> capco), else `state`;
- every rule set file under examples/ passes `cablelint test`;
- a capco or cui example is read as its shape and gives the same findings
  under the default sets (state, capco and cui) as under its own, and each
  shape's faulty examples together fire every rule of its set;
- any other file must be listed in TESTED_ELSEWHERE with the test that
  exercises it.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
import yaml

from cablelint import load_ruleset
from cablelint.api import make_engine
from cablelint.parse import parse
from cablelint.ruleset import load, shipped
from cablelint.ruletest import CABLE_EXTS, ExpectError, check_example_file, read_expectation, run_ruleset
from cablelint.source import read

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# Files that are not cables, sidecars, rule sets or READMEs, and the test that
# exercises each (add yours here).
TESTED_ELSEWHERE = {
    "office/.cablelint.yaml": "tests/test_examples_office.py::test_office_config_*",
    "office/.pre-commit-config.yaml": "tests/test_precommit.py::test_example_pre_commit_config_*",
    "ci/github-actions.yml": "tests/test_examples_ci.py",
    "ci/gitlab-ci.yml": "tests/test_examples_ci.py",
    "ci/Jenkinsfile": "tests/test_examples_ci.py",
    "capco/fragments/register-fragments.tsv": "tests/test_marking_check.py::test_register_fragment",
}


def is_rule_set(path: Path) -> bool:
    if path.suffix not in (".yaml", ".yml") or path.name.startswith("."):
        return False
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        return False
    return isinstance(data, dict) and data.get("kind", "ruleset") == "ruleset" and "rules" in data


def example_cables() -> list[Path]:
    return sorted(p for p in EXAMPLES.rglob("*") if p.is_file() and p.suffix.lower() in CABLE_EXTS)


def default_rules(cable: Path, root: Path = EXAMPLES) -> str:
    """The rule set of an example cable whose sidecar names none."""
    folder = cable.parent
    while folder != root and root in folder.parents:
        own = sorted(str(p) for p in folder.glob("*.y*ml") if is_rule_set(p))
        if own:
            assert len(own) == 1, f"{folder}: one rule set per example folder, found {own}"
            return own[0]
        folder = folder.parent
    top = cable.relative_to(root).parts[0]
    return top if top in shipped() else "state"


def mismatch(cable: Path, root: Path = EXAMPLES) -> str | None:
    """Why the cable does not give its expected findings, or None when it does."""
    failures = check_example_file(cable, load_ruleset(default_rules(cable, root)))
    return "\n".join(map(str, failures)) or None


def _rel(p: Path) -> str:
    return p.relative_to(EXAMPLES).as_posix()


def test_every_example_cable_has_an_expectation() -> None:
    missing = [_rel(c) for c in example_cables() if read_expectation(c) is None]
    assert not missing, ("example cables with neither a NAME.expect sidecar nor `clean` in their name: "
                         + ", ".join(missing))


def test_every_sidecar_belongs_to_a_cable() -> None:
    orphans = [_rel(s) for s in EXAMPLES.rglob("*.expect") if not s.with_suffix("").is_file()]
    assert not orphans, f"sidecars without their cable: {orphans}"


def test_every_file_under_examples_is_exercised() -> None:
    assert (EXAMPLES / "README.md").is_file()
    unknown = []
    for p in sorted(EXAMPLES.rglob("*")):
        if not p.is_file() or "__pycache__" in p.parts:
            continue
        rel = _rel(p)
        if (p.suffix.lower() in CABLE_EXTS or p.suffix == ".expect" or p.name == "README.md"
                or is_rule_set(p) or rel in TESTED_ELSEWHERE):
            continue
        unknown.append(rel)
    assert not unknown, f"files under examples/ that no test exercises (see TESTED_ELSEWHERE): {unknown}"
    for rel in TESTED_ELSEWHERE:
        assert (EXAMPLES / rel).is_file(), f"TESTED_ELSEWHERE names a missing file: {rel}"


@pytest.mark.parametrize("cable", example_cables(), ids=_rel)
def test_example_cable_gives_its_expected_findings(cable: Path) -> None:
    problem = mismatch(cable)
    assert problem is None, problem


# The example folders of a document shape other than the cable's: the default run (state, capco and cui,
# each applied to documents of its shape) must read each of their examples as that shape.
SHAPES = ("capco", "cui")


def shape_examples(shape: str, kind: str = "*") -> list[Path]:
    return sorted((EXAMPLES / shape).glob(f"*_{kind}.txt"))


@pytest.mark.parametrize("cable", [c for s in SHAPES for c in shape_examples(s)], ids=_rel)
def test_the_default_sets_give_a_shape_example_what_its_own_set_gives(cable: Path) -> None:
    """No noise from the other sets: the default run gives a capco or cui
    example exactly its sidecar's findings (a clean one none), as its own
    set alone does (test_example_cable_gives_its_expected_findings)."""
    exp = read_expectation(cable)
    assert exp is not None and bool(exp.findings) == cable.name.endswith("_faulty.txt")
    assert parse(read(str(cable))).shape == cable.parent.name
    got = Counter((f.line, f.rule) for f in make_engine().lint_source(read(str(cable))))
    assert got == exp.findings


@pytest.mark.parametrize("shape", SHAPES)
def test_the_faulty_examples_of_a_shape_fire_every_rule_of_its_set(shape: str) -> None:
    fired = {rule for cable in shape_examples(shape, "faulty") for _, rule in read_expectation(cable).findings}
    assert {r.id for r in load(shape).rules} <= fired


@pytest.mark.parametrize("path", sorted(p for p in EXAMPLES.rglob("*.y*ml") if is_rule_set(p)), ids=_rel)
def test_example_rule_set_passes_its_own_examples(path: Path) -> None:
    rs = load_ruleset(str(path))
    got = run_ruleset(rs)
    count, failures = got.run, got.failures
    assert count > 0, f"{_rel(path)}: its rules carry no examples"
    assert not failures, "\n".join(map(str, failures))


def test_expectation_format_catches_mistakes(tmp_path: Path) -> None:
    """The harness itself: a missing sidecar, a miscounted finding or a bad line is caught."""
    root = tmp_path / "examples"
    (root / "state").mkdir(parents=True)
    cable = root / "state" / "faulty.txt"
    cable.write_text((EXAMPLES / "office" / "ofa_faulty.txt").read_text(encoding="utf-8"), encoding="utf-8")
    sidecar = cable.with_name("faulty.txt.expect")
    assert read_expectation(cable) is None  # neither a sidecar nor `clean`
    assert default_rules(cable, root) == "state"
    sidecar.write_text("# date: 2012-03-05\n9 CL404\n9 CL404\n", encoding="utf-8")
    exp = read_expectation(cable)
    assert exp is not None and exp.date == dt.date(2012, 3, 5) and exp.findings == Counter({(9, "CL404"): 2})
    # Under state, FICT, KFIC and FICX are all unknown TAGS on line 9: one finding (grouped by line), not two.
    assert "expected a finding at faulty.txt:9, not found" in (mismatch(cable, root) or "")
    sidecar.write_text("9 CL404\n", encoding="utf-8")
    assert mismatch(cable, root) is None
    sidecar.write_text("9 CL404\n8 CL207\n", encoding="utf-8")
    assert "expected a finding at faulty.txt:8, not found" in (mismatch(cable, root) or "")
    sidecar.write_text("6 CL101\n9 CL404\n", encoding="utf-8")
    assert "expected a finding at faulty.txt:6, not found" in (mismatch(cable, root) or "")
    (root / "state" / "faulty.txt.expect").write_text("", encoding="utf-8")
    assert "found but not expected" in (mismatch(cable, root) or "")
    sidecar.write_text("nine CL404\n", encoding="utf-8")
    with pytest.raises(ExpectError, match="LINE RULEID"):
        read_expectation(cable)
