"""json-lines: one JSON object per finding per line (same fields as `json`),
for streaming into log pipelines; no summary record."""
from __future__ import annotations

import json

from . import Report
from .json_format import finding_dict

NAME = "json-lines"
MACHINE = True  # the CLI prints the summary to stderr


def render(report: Report) -> str:
    cache: dict = {}
    return "".join(json.dumps(finding_dict(report, f, cache), ensure_ascii=False) + "\n" for f in report.findings)
