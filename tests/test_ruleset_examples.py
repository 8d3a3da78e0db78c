"""Every shipped rule's bad and good examples behave as annotated
(the same check as `cablelint test rules/`)."""
from __future__ import annotations

import pytest

from cablelint.ruleset import load, shipped
from cablelint.ruletest import run_ruleset


@pytest.mark.parametrize("name", sorted(shipped()))
def test_shipped_ruleset_examples(name: str) -> None:
    got = run_ruleset(load(name))
    assert got.run > 0
    failures = got.failures
    assert not failures, "\n".join(map(str, failures))
