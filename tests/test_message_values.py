"""A rule's `message` names only placeholders its kind's hits carry
(checks/values.py): an unknown one fails when the rule set loads, with the
file:line of `message`, and the table is true to the hits the kinds give."""
from __future__ import annotations

from pathlib import Path

import pytest

from cablelint.checks.values import COMMON, VALUES, offered
from cablelint.checks.kinds import KINDS
from cablelint.engine import Engine
from cablelint.ruleset import RuleSetError, load, shipped
from cablelint.ruletest import run_ruleset

ROOT = Path(__file__).resolve().parent.parent

RULE_SET = """\
name: house
extends: state
rules:
  - id: HSE101
    name: no-qqq
    severity: error
    kind: pattern
    target: lines
    forbid: "(?P<word>QQQ)"
    message: "{message}"
"""


def write(tmp_path: Path, message: str) -> Path:
    path = tmp_path / "house.yaml"
    path.write_text(RULE_SET.replace("{message}", message), encoding="utf-8")
    return path


def test_unknown_placeholder_fails_at_load_naming_it_and_the_offered_ones(tmp_path: Path) -> None:
    path = write(tmp_path, "m {nosuch} {value}")
    with pytest.raises(RuleSetError) as exc:
        load(str(path))
    assert str(exc.value) == (f"{path}:10: rule HSE101: `message` names {{nosuch}}, which kind pattern does not "
                              "offer (it offers {era}, {more}, {value}, {where}, {word})")


@pytest.mark.parametrize("message", ["{word} in {where}{more}", "in {era}: {value.upper}", "{{literal}} {value}"])
def test_offered_placeholders_load(tmp_path: Path, message: str) -> None:
    assert load(str(write(tmp_path, message))).rules[-1].message == message


@pytest.mark.parametrize("message,says", [("{", "Single '{'"), ("{0}", "no placeholder name"), ("{}", "no placeholder")])
def test_malformed_message_fails_at_load(tmp_path: Path, message: str, says: str) -> None:
    path = write(tmp_path, message)
    with pytest.raises(RuleSetError, match=rf"^{path}:10: rule HSE101: `message`: .*{says}"):
        load(str(path))


def test_every_kind_has_its_values() -> None:
    assert set(VALUES) == set(KINDS)


def test_the_hits_carry_only_the_values_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every hit of the shipped rules on their examples and example cables,
    and of the office example set, carries only values its kind offers."""
    seen: list[tuple[str, str, frozenset[str]]] = []
    finding = Engine._finding

    def record(self, doc, rule, hit, era_severity=None):
        if rule.kind in KINDS:
            seen.append((rule.id, rule.kind, frozenset(k for k in hit.values if not k.startswith("_")), rule))
        return finding(self, doc, rule, hit, era_severity)

    monkeypatch.setattr(Engine, "_finding", record)
    for spec in [*map(str, shipped().values()), str(ROOT / "examples" / "office" / "ofa.yaml")]:
        assert not run_ruleset(load(spec)).failures
    assert len({kind for _, kind, _, _ in seen}) >= 20  # nearly every kind fired somewhere
    for rid, kind, keys, rule in seen:
        assert keys <= offered(kind, rule.params) | COMMON, (rid, kind, sorted(keys - offered(kind, rule.params)))
