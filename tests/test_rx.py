"""rx.py: the regexes of shipped rule files compile on first use (so the
suite must compile every one of them), a user's rule set is compiled when it
loads (a bad regex names its file and line), and every pattern a user can
write is a `regex` pattern (timelimit's alarm stops it mid-match)."""
from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any, Iterator

import pytest
import regex

from cablelint import rx as rxmod
from cablelint.prefilter import Prefiltered
from cablelint.ruleset import RuleSetError, is_shipped, load, shipped
from cablelint.vocab_schema import validate_vocabulary
from cablelint.vocabulary import rules_dir
from cablelint.yamlio import read_yaml


def _patterns_in(value: Any) -> Iterator[Any]:
    """Every compiled or deferred pattern inside a rule's prepared parameters."""
    if isinstance(value, (rxmod.Deferred, regex.Pattern)):
        yield value
    elif isinstance(value, Prefiltered):
        yield value.rx
    elif isinstance(value, dict):
        for v in value.values():
            yield from _patterns_in(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _patterns_in(v)


@pytest.mark.parametrize("name", sorted(shipped()))
def test_every_regex_of_a_shipped_rule_set_compiles(name: str) -> None:
    """The loader trusts the shipped files (their regexes compile on first use): this is the check."""
    found = deferred = 0
    for rule in load(name).rules:
        for pat in _patterns_in(rule.params):
            found += 1
            deferred += isinstance(pat, rxmod.Deferred)
            assert isinstance(pat.groups, int)  # compiles it
            assert isinstance(getattr(pat, "compiled", pat), regex.Pattern)  # `regex`, never `re`
        for key in ("text_has", "text_lacks"):
            if key in rule.when:
                assert rxmod.rx(rule.when[key]).groups >= 0
    assert found and deferred  # the shipped sets do defer


def test_every_regex_of_markings_yaml_compiles() -> None:
    path = rules_dir() / "markings.yaml"
    validate_vocabulary(path, read_yaml(path, RuleSetError), top_level=True)  # outside shipped(): compiles


def test_a_users_rule_set_is_compiled_when_it_loads(tmp_path: Path) -> None:
    p = tmp_path / "house.yaml"
    p.write_text("name: house\nextends: state\nrules:\n"
                 "  - {id: H100, name: house-rule, severity: warning, kind: pattern, target: subject,\n"
                 "     message: m, forbid: 'a(b'}\n", encoding="utf-8")
    assert not is_shipped(p) and is_shipped(rules_dir() / "state.yaml")
    with pytest.raises(RuleSetError, match=r"house\.yaml:5: .*bad regex in `forbid`"):  # the line of `forbid`
        load(str(p))
    p.write_text(p.read_text().replace("a(b", "a(b)"), encoding="utf-8")
    rule = next(r for r in load(str(p)).rules if r.id == "H100")
    assert all(isinstance(x, regex.Pattern) for x in _patterns_in(rule.params))  # compiled, not deferred
    inherited = next(r for r in load(str(p)).rules if r.ruleset == "state" and list(_patterns_in(r.params)))
    assert any(isinstance(x, rxmod.Deferred) for x in _patterns_in(inherited.params))


def test_a_bad_when_regex_in_a_users_set_names_its_line(tmp_path: Path) -> None:
    p = tmp_path / "house.yaml"
    p.write_text("name: house\nrules:\n"
                 "  - {id: H100, name: house-rule, severity: warning, kind: presence, target: subject,\n"
                 "     message: m, when: {text_has: 'a(b'}}\n", encoding="utf-8")
    with pytest.raises(RuleSetError, match=r"house\.yaml:4: .*bad regex in `text_has`"):
        load(str(p))


def test_deferred_compiles_once_and_pickles() -> None:
    d = rxmod.Deferred(r"(?i)\bsecret\b")
    assert "compiled" not in d.__dict__
    assert d.given_flags == 0 and d.pattern == r"(?i)\bsecret\b"
    assert d.search("top SECRET x").span() == (4, 10)
    assert d.__dict__["compiled"] is rxmod.compile_now(r"(?i)\bsecret\b")
    assert rxmod.rx("q+r") is rxmod.rx("q+r") and "compiled" not in rxmod.rx("q+r").__dict__  # rx() defers too
    back = pickle.loads(pickle.dumps(d))
    assert back.__dict__["compiled"].pattern == d.pattern and back.match("secret")
    fresh = pickle.loads(pickle.dumps(rxmod.Deferred("x+", regex.IGNORECASE)))
    assert "compiled" not in fresh.__dict__ and fresh.fullmatch("XX")


def test_user_pattern_defers_only_inside_shipped() -> None:
    assert isinstance(rxmod.user_pattern("a+b"), regex.Pattern)
    with rxmod.shipped():
        assert isinstance(rxmod.user_pattern("a+c"), rxmod.Deferred)
        rxmod.check_pattern("a(")  # trusted: not compiled
        with rxmod.shipped(False):
            with pytest.raises(regex.error):
                rxmod.check_pattern("a(")
        assert rxmod.deferring()
    assert not rxmod.deferring()
