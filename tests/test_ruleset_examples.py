"""Every shipped rule's bad and good examples behave as annotated
(the same check as `cablelint test rules/`)."""
from __future__ import annotations

import pytest

from cablelint.ruleset import load, shipped
from cablelint.ruletest import test_ruleset as run_examples


@pytest.mark.parametrize("name", sorted(shipped()))
def test_shipped_ruleset_examples(name: str) -> None:
    count, failures = run_examples(load(name))
    assert count > 0
    assert not failures, "\n".join(map(str, failures))
