"""grouped: findings under a heading per file, `  line:col  severity  RULE  message [name]`."""
from __future__ import annotations

from itertools import groupby

from .ansi import Style

from . import Report
from .common import tail
from .concise import SEV_COLOR

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Iterator

NAME = "grouped"


def chunks(report: Report) -> Iterator[str]:
    for raw, group in groupby(report.findings, key=lambda f: f.path):
        yield "\n".join(_group(report, raw, list(group))) + "\n"
    for t in tail(report):
        yield t + "\n"


def render(report: Report) -> str:
    return "".join(chunks(report))


def _group(report: Report, raw: str, items: list) -> list[str]:
    """One file's heading, its findings, and a blank line."""
    out: list[str] = []
    path = report.path(raw)
    width = max(len(f"{f.line}:{f.column}") for f in items)
    out.append(f"{Style.BRIGHT}{path}{Style.RESET_ALL}:" if report.color else f"{path}:")
    for f in items:
        sev = str(f.severity)
        pos = f"{f.line}:{f.column}"
        sev_text = f"{SEV_COLOR[sev]}{sev:<7}{Style.RESET_ALL}" if report.color else f"{sev:<7}"
        out.append(f"  {pos:<{width}}  {sev_text} {f.rule}  {report.safe(f.message)} [{f.name}]{report.fix_mark(f)}")
    out.append("")
    return out
