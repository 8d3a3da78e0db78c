"""json: one JSON object: `findings` (path, line, column, end_line,
end_column, rule, name, severity, message; the flagged text only with
--show-matches), `summary` (files, counts by severity, baselined, stale) and
`stale` (baseline entries that no longer match, without any text)."""
from __future__ import annotations

import json

from . import Report
from .common import masked_match

NAME = "json"


def finding_dict(report: Report, f, cache: dict | None = None) -> dict:
    d = f.to_dict()
    d["message"] = report.safe(d["message"])
    if report.show_matches:
        d["match"] = masked_match(report, f, {} if cache is None else cache)
    return d


def summary(report: Report) -> dict:
    counts = report.counts()
    return {"files": report.files, "findings": len(report.findings),
            **{str(s): n for s, n in sorted(counts.items(), reverse=True)},
            "baselined": report.suppressed, "stale": len(report.stale), "seconds": round(report.elapsed, 3)}


def render(report: Report) -> str:
    cache: dict = {}
    doc = {"version": report.version, "findings": [finding_dict(report, f, cache) for f in report.findings],
           "summary": summary(report), "stale": [report.safe(s) for s in report.stale]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
