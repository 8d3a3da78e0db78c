"""github: GitHub Actions workflow commands, one annotation per finding:

    ::error file=a.txt,line=3,endLine=3,col=5,endColumn=9,title=CL201 eo-line-missing::message

Escaped as @actions/core does (message: % CR LF; properties also : and ,).
`info` maps to `notice`. col/endColumn are given only for one-line spans,
as GitHub requires. Chosen automatically when GITHUB_ACTIONS=true.
"""
from __future__ import annotations


from . import Report

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Iterator

NAME = "github"
LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(report: Report, f) -> str:
    props = [("file", report.path(f.path, relative=True)), ("line", str(f.line)), ("endLine", str(f.end_line))]
    if f.end_line == f.line:
        props += [("col", str(f.column)), ("endColumn", str(max(f.end_column, f.column + 1)))]
    props.append(("title", report.safe(f"{f.rule} {f.name}")))
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    msg = f"{f.rule} {report.safe(f.message)} [{f.name}]{report.fix_mark(f)}"
    return f"::{LEVEL[str(f.severity)]} {head}::{escape_data(msg)}"


def chunks(report: Report) -> Iterator[str]:
    for f in report.findings:
        yield annotation(report, f) + "\n"
    for e in report.failures:  # a failure of the whole run: an annotation on no file
        yield f"::error::{escape_data(report.safe(e))}\n"
    if not report.quiet:
        for s in report.stale:
            yield f"stale baseline entry: {escape_data(report.safe(s))}\n"
        yield escape_data(report.summary_line()) + "\n"


def render(report: Report) -> str:
    return "".join(chunks(report))
