"""`cablelint report`: one self-contained HTML page about a whole run
(totals, charts by rule, year, era, post and level, a filterable findings
table, cable views).

    summary.py    the per-cable record the run carries out (year, post, level)
    aggregate.py  pure counting
    data.py       the page's columnar data (masked string table)
    svg.py        the charts
    page.py       the HTML; report.css and report.js are package data
"""
from __future__ import annotations

from typing import Any, Callable

from .aggregate import aggregate
from ..reporters import masked_path
from .data import build_payload, source_payload
from .page import render_page
from .summary import DocSummary, summarize

__all__ = ["DocSummary", "summarize", "render_report"]


def _identity(text: str) -> str:
    return text


def render_report(run: Any, *, mask: Callable[[str], str] = _identity, show_source: bool = False,
                  display: Callable[[str], str] = _identity, version: str = "",
                  rules: dict[str, Any] | None = None, failures: list[str] | None = None) -> str:
    """The HTML page for a run (CheckRun) made with `summarize=summarize`.
    `mask` is the run's protect-list mask (protect.masker), applied to every
    string the page shows; cable text is embedded only with `show_source`.
    `rules`: every rule that may have fired (default: the run's engine's);
    `failures`: what failed the whole run (runreport.run_failures), masked."""
    rules = rules if rules is not None else run.engine.rules
    agg = aggregate(run.linted, run.findings, run.summaries, rules)
    paths = list(dict.fromkeys(list(run.linted) + [f.path for f in run.findings]))
    payload = build_payload(paths, run.findings, run.summaries, rules, mask,
                            lambda p: masked_path(p, display(p), mask))
    sources = source_payload(paths, run.sources, run.findings, mask) if show_source else None
    meta = {"files": len(run.linted), "rulesets": [rs.name for rs in run.engine.rulesets], "version": version,
            "elapsed": run.elapsed, "show_source": show_source, "suppressed": run.suppressed,
            "failures": [mask(e) for e in failures or ()]}
    return render_page(agg, payload, sources, rules, mask, meta)
