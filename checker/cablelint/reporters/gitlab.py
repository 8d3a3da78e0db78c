"""gitlab: a GitLab Code Quality report (JSON array of issues), for
`artifacts: reports: codequality`. Severity: info -> info, warning -> minor,
error -> major. The fingerprint is the baseline's content fingerprint, so an
issue keeps its identity across line shifts (GitLab diffs reports by it)."""
from __future__ import annotations

import json
from pathlib import Path

from . import Report
from ..baseline import fingerprints

NAME = "gitlab"
MACHINE = True  # the CLI prints the summary to stderr
SEVERITY = {"info": "info", "warning": "minor", "error": "major"}


def render(report: Report) -> str:
    fps = fingerprints(report.findings, Path.cwd(), rules=report.rules)
    issues = [{
        "type": "issue",
        "description": report.safe(f"{f.rule} {f.message} [{f.name}]{report.fix_mark(f)}"),
        "check_name": f.rule,
        "categories": ["Compliance"],
        "fingerprint": fps[id(f)],
        "severity": SEVERITY[str(f.severity)],
        "location": {"path": report.path(f.path, relative=True), "lines": {"begin": f.line, "end": f.end_line}},
    } for f in report.findings]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
