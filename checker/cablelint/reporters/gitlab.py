"""gitlab: a GitLab Code Quality report (JSON array of issues), for
`artifacts: reports: codequality`. Severity: info -> info, warning -> minor,
error -> major. The fingerprint is the baseline's content fingerprint, so an
issue keeps its identity across line shifts (GitLab diffs reports by it)."""
from __future__ import annotations


from . import Report
from .common import fingerprinted
from .json_format import array_chunks

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Iterator

NAME = "gitlab"
MACHINE = True  # the CLI prints the summary to stderr
SEVERITY = {"info": "info", "warning": "minor", "error": "major"}


def chunks(report: Report) -> Iterator[str]:
    yield from array_chunks((_issue(report, f, fp) for f, fp in fingerprinted(report)), 2)
    yield "\n"


def render(report: Report) -> str:
    return "".join(chunks(report))


def _issue(report: Report, f, fingerprint: str) -> dict:
    return {
        "type": "issue",
        "description": report.safe(f"{f.rule} {f.message} [{f.name}]{report.fix_mark(f)}"),
        "check_name": f.rule,
        "categories": ["Compliance"],
        "fingerprint": fingerprint,
        "severity": SEVERITY[str(f.severity)],
        "location": {"path": report.path(f.path, relative=True), "lines": {"begin": f.line, "end": f.end_line}},
    }
