"""A rule author's mistake is named where it is: the line of the key at
fault (a bad regex, a typo'd key), with the key likely meant, and an id
rule that says what an id is."""
from __future__ import annotations

from pathlib import Path

import pytest

from cablelint.ruleset import RuleSetError, load

RULE = """\
name: house
extends: state
rules:
  - id: HSE101
    name: no-qqq
    severity: error
    kind: pattern
    target: lines
    forbid: "QQQ"
    message: m
"""


def fails(tmp_path: Path, text: str) -> str:
    path = tmp_path / "house.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleSetError) as exc:
        load(str(path))
    return str(exc.value).replace(str(path), "house.yaml")


def test_bad_regex_at_its_key_line(tmp_path: Path) -> None:
    got = fails(tmp_path, RULE.replace('"QQQ"', '"a("'))
    assert got.startswith("house.yaml:9: rule HSE101: bad regex in `forbid`"), got


def test_a_typo_of_a_required_key_is_an_unknown_key(tmp_path: Path) -> None:
    got = fails(tmp_path, RULE.replace("message:", "mesage:"))
    assert got == "house.yaml:10: rule HSE101: unknown key `mesage` (did you mean `message`?)"
    assert fails(tmp_path, RULE.replace("    message: m\n", "")) == "house.yaml:4: rule HSE101: missing `message`"


def test_unknown_keys_suggest_the_one_meant(tmp_path: Path) -> None:
    got = fails(tmp_path, RULE.replace("forbid:", "forbd:"))
    assert got.startswith("house.yaml:9: rule HSE101: unknown key `forbd` for kind pattern (did you mean `forbid`?)")
    got = fails(tmp_path, RULE.replace("extends:", "extend:"))
    assert got.startswith("house.yaml:2: unknown key `extend` (did you mean `extends`?)"), got
    got = fails(tmp_path, RULE + "    when: {shapes: [cable]}\n")
    assert got.startswith("house.yaml:11: rule HSE101: when: unknown condition `shapes` (did you mean `shape`?)"), got


@pytest.mark.parametrize("rid", ["X1", "CL1", "TOOLONG101", "cl101", "CL10001"])
def test_a_bad_id_says_what_an_id_is(tmp_path: Path, rid: str) -> None:
    got = fails(tmp_path, RULE.replace("HSE101", rid))
    assert got == (f"house.yaml:4: rule {rid}: id must be 1 to 6 capital letters then 2 to 4 digits, like CL201 "
                   f"or HSE2001, not {rid!r}")


@pytest.mark.parametrize("rid", ["X10", "ABCDEF1234"])
def test_ids_at_the_bounds_load(tmp_path: Path, rid: str) -> None:
    path = tmp_path / "house.yaml"
    path.write_text(RULE.replace("HSE101", rid), encoding="utf-8")
    assert rid in {r.id for r in load(str(path)).rules if r.ruleset == "house"}
