"""json: a JSON array of findings, each with path, line, column, end_line,
end_column, rule, name, severity and message (the flagged text only with
--show-matches), and `related` when it has related findings. The summary and any stale baseline entries go to stderr, so
stdout stays one parseable array."""
from __future__ import annotations

import json

from . import Report
from .common import masked_match

NAME = "json"
MACHINE = True  # the CLI prints the summary to stderr, not into the document


def finding_dict(report: Report, f, cache: dict | None = None) -> dict:
    """One finding; a diagnosis (CL9xx) or a grouped finding also lists its
    `related` findings (the symptoms folded into it, the same cause elsewhere),
    each with its own location, rule and message."""
    d = f.to_dict()
    d["path"] = report.path(d["path"])
    d["message"] = report.safe(d["message"])
    if report.show_matches:
        d["match"] = masked_match(report, f, {} if cache is None else cache)
    if f.related:
        d["related"] = [finding_dict(report, r, cache) for r in f.related]
    return d


def render(report: Report) -> str:
    cache: dict = {}
    return json.dumps([finding_dict(report, f, cache) for f in report.findings], indent=2,
                      ensure_ascii=False) + "\n"
