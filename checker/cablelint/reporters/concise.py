"""concise: one line per finding, `path:line:col: severity CL201 message [name]`."""
from __future__ import annotations


from .ansi import Fore, Style

from . import Report
from .common import tail

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Iterator

NAME = "concise"
SEV_COLOR = {"error": Fore.RED, "warning": Fore.YELLOW, "info": Fore.CYAN}


def line(report: Report, f) -> str:
    sev = str(f.severity)
    msg = report.safe(f.message)
    loc = f"{report.path(f.path)}:{f.line}:{f.column}:"
    if report.color:
        return (f"{Style.BRIGHT}{loc}{Style.RESET_ALL} {SEV_COLOR[sev]}{sev}{Style.RESET_ALL} "
                f"{Style.BRIGHT}{f.rule}{Style.RESET_ALL} {msg} {Style.DIM}[{f.name}]{Style.RESET_ALL}{report.fix_mark(f)}")
    return f"{loc} {sev} {f.rule} {msg} [{f.name}]{report.fix_mark(f)}"


def chunks(report: Report) -> Iterator[str]:
    for f in report.findings:
        yield line(report, f) + "\n"
    for t in tail(report):
        yield t + "\n"


def render(report: Report) -> str:
    return "".join(chunks(report))
