"""Compiled rule plans (conditions.compile_when, narrow, holds_plan): the same
verdict, or the same CannotRun, as judging each `when:` afresh."""
from __future__ import annotations

import datetime as dt
import time

import pytest

from cablelint import make_engine, timelimit
from cablelint.checks import CannotRun, Context
from cablelint.checks.kinds import KINDS
from cablelint.conditions import CONDITIONS, compile_when, holds_plan, narrow
from cablelint.findings import Finding
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


SECRET_2005 = "SECRET\nE.O. 12958: DECL: 01/01/2015\nTAGS: PREL\nSUBJECT: T\n\n1. (S) Text.\n"


def _dated_ctx(text: str) -> Context:
    eng = make_engine(["state"], date=dt.date(2005, 3, 1))
    rs = eng.rulesets[0]
    return Context(eng.parse(Source("x.txt", text)), eng.vocab, rs.lists, rs.eras, eng.as_of, eng.options)


def test_era_conditions_are_judged_once_per_era_when_the_era_is_known() -> None:
    ctx = _dated_ctx(SECRET_2005)
    assert ctx.era is not None and ctx.era.get("decl_max_years")
    when = compile_when({"classified": True, "era_flag": "decl_max_years", "present": ["subject"]})
    assert [k for k, *_ in narrow(when, ctx, era_known=True)] == ["present"]
    assert [k for k, *_ in narrow(when, ctx)] == ["era_flag", "present"]  # without the era: judged per document
    assert narrow(compile_when({"not_eras": [ctx.era["name"]]}), ctx, era_known=True) is None


# E.O. 10501's era (1953-1972) switches CL102, CL201, CL401 and CL501 off (rules/state.yaml `disable`).
SECRET_1965 = ("SECRET\nSUBJECT: TALKS ON THE BUDGET\n\n1. (TS) The minister said the talks went well.\n\n"
               "2. (C) More text here.\n\nCONFIDENTIAL\n")
OFF_1965 = {"CL102", "CL201", "CL401", "CL501"}


def test_the_engine_narrows_by_era_and_leaves_the_era_s_switched_off_rules_out() -> None:
    eng = make_engine(["state"], date=dt.date(1965, 3, 1))
    doc = eng.parse(Source("x.txt", SECRET_1965))
    rs, active = eng.rulesets[0], eng._plans[0][1]

    def ctx() -> Context:
        return Context(doc, eng.vocab, rs.lists, rs.eras, eng.as_of, eng.options)

    def findings(plan: list) -> list:
        with timelimit.Alarm() as alarm:
            got = eng._ruleset_findings(doc, ctx(), active, plan, time.monotonic() + 60, alarm, {}, {})
        return sorted(got, key=Finding.sort_key)

    assert ctx().era["name"] == "eo10501" and OFF_1965 <= {rule.id for rule, _ in active}
    steps = eng._narrow(0, active, ctx())
    assert steps and not OFF_1965 & {rule.id for _, rule, _, _ in steps}
    # every rule on its whole `when:`, nothing narrowed: the switched-off ones would fire on this cable ...
    whole = [(pos, rule, when, KINDS[rule.kind].check) for pos, (rule, when) in enumerate(active)]
    assert {"CL201", "CL401"} <= {f.rule for f in findings(whole)}
    # ... and without them, the same findings as the narrowed plan
    kept = findings([step for step in whole if step[1].id not in OFF_1965])
    assert kept and findings(steps) == kept


def test_the_engine_judges_era_conditions_left_after_narrowing_per_document() -> None:
    eng = make_engine(["state"], date=dt.date(2005, 3, 1))
    doc = eng.parse(Source("x.txt", SECRET_2005))
    rs = eng.rulesets[0]
    ctx = Context(doc, eng.vocab, rs.lists, rs.eras, eng.as_of, eng.options)
    steps = eng._narrow(0, eng._plans[0][1], ctx)
    left = [(k, want) for _, _, when, _ in steps for k, want, _ in when if k in ("eras", "not_eras", "era_flag")]
    assert left and all(not CONDITIONS[k][1](want, ctx) for k, want in left)  # only false ones after a dynamic one
