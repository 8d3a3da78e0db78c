"""json: a JSON array of findings (path, line, column, end_line, end_column,
rule, name, severity, message). The flagged text is included only with
--show-matches."""
from __future__ import annotations

import json

from . import Report

NAME = "json"


def finding_dict(report: Report, f) -> dict:
    d = f.to_dict()
    d["message"] = report.safe(d["message"])
    if report.show_matches:
        d["match"] = f.matched
    return d


def render(report: Report) -> str:
    return json.dumps([finding_dict(report, f) for f in report.findings], indent=2, ensure_ascii=False) + "\n"
