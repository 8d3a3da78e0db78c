"""Compiled rule plans (conditions.compile_when, narrow, holds_plan): the same
verdict, or the same CannotRun, as judging each `when:` afresh."""
from __future__ import annotations

import pytest

from cablelint import make_engine
from cablelint.checks import CannotRun, Context
from cablelint.conditions import compile_when, holds_plan, narrow
from cablelint.source import Source

UNCLAS_UNDATED = "UNCLASSIFIED\nSUBJECT: T\n\n1. Text.\n"


def _ctx(text: str) -> Context:
    eng = make_engine(["state"])
    rs = eng.rulesets[0]
    return Context(eng.parse(Source("x.txt", text)), eng.vocab, rs.lists, rs.eras, eng.as_of, eng.options)


def test_a_false_static_condition_first_drops_the_rule() -> None:
    assert narrow(compile_when({"classified": True, "era_flag": "x"}), _ctx(UNCLAS_UNDATED)) is None


def test_a_false_static_condition_after_one_that_raises_keeps_the_cannot_run() -> None:
    ctx = _ctx(UNCLAS_UNDATED)
    plan = narrow(compile_when({"era_flag": "x", "classified": True}), ctx)
    assert plan is not None and [k for k, *_ in plan] == ["era_flag", "classified"]
    with pytest.raises(CannotRun, match="date is unknown"):
        holds_plan(plan, ctx)


def test_true_static_conditions_are_left_out_and_verdicts_are_kept_per_context() -> None:
    ctx = _ctx(UNCLAS_UNDATED)
    plan = narrow(compile_when({"classified": False, "present": ["subject"], "text_has": "(?i)text"}), ctx)
    assert [k for k, *_ in plan] == ["present", "text_has"]
    assert holds_plan(plan, ctx) and len(ctx.held) == 2
    assert holds_plan(compile_when({"present": ["subject"]}), ctx) and len(ctx.held) == 2  # judged once
    assert not holds_plan(compile_when({"levels": ["secret"]}), ctx)
