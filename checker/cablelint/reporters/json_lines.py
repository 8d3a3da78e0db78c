"""json-lines: one JSON object per finding per line (same fields as `json`),
for streaming into log pipelines; no summary record."""
from __future__ import annotations

import json

from . import Report
from .json_format import finding_dict

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Iterator

NAME = "json-lines"
MACHINE = True  # the CLI prints the summary to stderr


def chunks(report: Report) -> Iterator[str]:
    cache: dict = {}
    for f in report.findings:
        yield json.dumps(finding_dict(report, f, cache), ensure_ascii=False) + "\n"


def render(report: Report) -> str:
    return "".join(chunks(report))
