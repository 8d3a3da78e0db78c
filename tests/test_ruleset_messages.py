"""A rule author's mistake is named where it is: the line of the key at
fault (a bad regex, a typo'd key), with the key likely meant; an id rule
that says what an id is; and a `message` that names only placeholders its
kind's hits carry (checks/values.py), the table true to the hits."""
from __future__ import annotations

from pathlib import Path

import pytest

from cablelint.checks.kinds import KINDS
from cablelint.checks.values import COMMON, VALUES, offered
from cablelint.engine import Engine
from cablelint.ruleset import RuleSetError, load, shipped
from cablelint.ruletest import run_ruleset

ROOT = Path(__file__).resolve().parent.parent
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


def with_message(tmp_path: Path, message: str) -> Path:
    path = tmp_path / "house.yaml"
    path.write_text(RULE.replace('"QQQ"', '"(?P<word>QQQ)"').replace("message: m", f'message: "{message}"'),
                    encoding="utf-8")
    return path


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


# -- placeholders in `message` ----------------------------------------------------

def test_unknown_placeholder_fails_at_load_naming_it_and_the_offered_ones(tmp_path: Path) -> None:
    path = with_message(tmp_path, "m {nosuch} {value}")
    got = fails(tmp_path, path.read_text(encoding="utf-8"))
    assert got == ("house.yaml:10: rule HSE101: `message` names {nosuch}, which kind pattern does not "
                   "offer (it offers {era}, {more}, {value}, {where}, {word})")


@pytest.mark.parametrize("message", ["{word} in {where}{more}", "in {era}: {value.upper}", "{{literal}} {value}"])
def test_offered_placeholders_load(tmp_path: Path, message: str) -> None:
    assert message in {r.message for r in load(str(with_message(tmp_path, message))).rules}


@pytest.mark.parametrize("message,says", [("{", "Single '{'"), ("{0}", "no placeholder name"), ("{}", "no placeholder")])
def test_malformed_message_fails_at_load(tmp_path: Path, message: str, says: str) -> None:
    path = with_message(tmp_path, message)
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
        offers = offered(kind, rule.params, keys)
        assert keys <= offers, (rid, kind, sorted(keys - offers))


# Options no shipped rule uses, whose hits carry values no other path does: a rule for each, so
# that the test below sees every value the table lists emitted.
UNSHIPPED = """\
name: unshipped
rules:
  - id: UNS101
    name: sections-all-there
    severity: error
    kind: sequence
    target: sections
    totals: true
    require_all: true
    message: "sections {missing} of {total} are missing ({found} found)"
    examples:
      - bad: |
          C O N F I D E N T I A L SECTION 02 OF 02 PARIS 000579
          E.O. 12958: DECL: 01/30/2014
          TAGS: PREL FR
          SUBJECT: SECOND OF TWO
        line: 1
      - good: |
          C O N F I D E N T I A L SECTION 01 OF 01 PARIS 000579
          E.O. 12958: DECL: 01/30/2014
          TAGS: PREL FR
          SUBJECT: ONE OF ONE
"""


def test_each_kind_emits_every_value_its_table_lists(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """checks/values.py is kept by hand: a value listed there that no hit
    carries would let a message name a placeholder that prints as written.
    Every listed value must be emitted by some rule's examples."""
    emitted: dict[str, set[str]] = {}
    finding = Engine._finding

    def record(self, doc, rule, hit, era_severity=None):
        emitted.setdefault(rule.kind, set()).update(k for k in hit.values if not k.startswith("_"))
        return finding(self, doc, rule, hit, era_severity)

    monkeypatch.setattr(Engine, "_finding", record)
    (tmp_path / "unshipped.yaml").write_text(UNSHIPPED, encoding="utf-8")
    for spec in [*map(str, shipped().values()), str(ROOT / "examples" / "office" / "ofa.yaml"),
                 str(tmp_path / "unshipped.yaml")]:
        assert not run_ruleset(load(spec)).failures
    never = {kind: sorted(VALUES[kind] - emitted.get(kind, set())) for kind in VALUES}
    assert {k: v for k, v in never.items() if v} == {}


def test_forbid_groups_are_read_from_the_compiled_pattern(tmp_path: Path) -> None:
    """An escaped parenthesis is no group: `\\(?P<fake>x\\)` matches the text
    "(?P<fake>x)", so {fake} is no value the hits carry."""
    rule = RULE.replace('"QQQ"', "'\\(?P<fake>x\\)|(?P<real>QQQ)'")
    path = tmp_path / "house.yaml"
    path.write_text(rule.replace("message: m", 'message: "{real}"'), encoding="utf-8")
    assert any(r.message == "{real}" for r in load(str(path)).rules)
    got = fails(tmp_path, rule.replace("message: m", 'message: "{fake}"'))
    assert "`message` names {fake}, which kind pattern does not offer" in got and "{real}" in got
