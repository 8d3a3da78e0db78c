"""full (the default): each finding as `path:line:col: severity RULE message [name]`,
its fix, then a blank line; the summary last.

The cable's own text is never printed by default: a cable's lines may be
classified, and this output lands in CI and pre-commit logs. With
`--show-source` (for a terminal on the analyst's own machine) the flagged
line follows each finding with the span underlined; with `--show-matches`,
the flagged text itself (`= match:`). That excerpt is cut from
the file after the whole text has gone through `report.safe()`, so a
protected term is masked even when it wraps across lines or runs past the
excerpt's edge.
"""
from __future__ import annotations


from .ansi import Fore, Style

from . import Report
from .common import masked_lines, masked_match, tail
from .concise import SEV_COLOR, line as header

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Iterator

NAME = "full"
MAX_WIDTH = 120  # longer lines (whole paragraphs) are shown as a window round the span
LEAD = 20  # characters kept before the span in a window


def _window(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Cut a long line to MAX_WIDTH round [start, end); returns text and new positions."""
    if len(text) <= MAX_WIDTH:
        return text, start, end
    lo = max(0, min(start - LEAD, len(text) - MAX_WIDTH))
    hi = lo + MAX_WIDTH
    pre, post = ("…" if lo else ""), ("…" if hi < len(text) else "")
    return pre + text[lo:hi] + post, start - lo + len(pre), min(end, hi) - lo + len(pre)


def excerpt(report: Report, f, masked: dict[str, list[str]]) -> list[str]:
    src = report.sources.get(f.path)
    if src is None or f.line > src.line_count:
        return []
    lines = masked_lines(report, f.path, masked)
    original = src.line_text(f.line)
    shown = lines[f.line - 1].rstrip("\r") if lines else report.safe(original)
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(original)
    if shown != original:  # the mask changed lengths: place the underline on the masked line
        start = len(report.safe(original[:start]))
        end = start + len(report.safe(original[f.column - 1:end]))
    start = min(start, len(shown))
    end = min(max(end, start + 1), max(len(shown), start + 1))
    text, s, e = _window(shown.expandtabs(1), start, end)
    width = len(str(f.end_line if f.end_line > f.line else f.line))
    gutter = " " * width + " |"
    mark = "^" + "~" * max(e - s - 1, 0)
    more = f" (to line {f.end_line})" if f.end_line > f.line else ""
    if report.color:
        sev = SEV_COLOR[str(f.severity)]
        return [f"{Fore.BLUE}{f.line:>{width}} |{Style.RESET_ALL} {text}",
                f"{Fore.BLUE}{gutter}{Style.RESET_ALL} {' ' * s}{sev}{mark}{Style.RESET_ALL}{Style.DIM}{more}"
                f"{Style.RESET_ALL}"]
    return [f"{f.line:>{width}} | {text}", f"{gutter} {' ' * s}{mark}{more}"]


def chunks(report: Report) -> Iterator[str]:
    masked: dict[str, list[str]] = {}
    for f in report.findings:
        yield "\n".join(finding_lines(report, f, masked)) + "\n"
    for t in tail(report):
        yield t + "\n"


def render(report: Report) -> str:
    return "".join(chunks(report))


def finding_lines(report: Report, f, masked: dict[str, list[str]]) -> list[str]:
    """A finding's lines: its header, excerpt and match when asked, fix, and a blank line."""
    out = [header(report, f)]
    if report.show_source:
        out += excerpt(report, f, masked)
    if report.show_matches:
        shown = masked_match(report, f, masked).replace("\r", "").replace("\n", "\\n")
        out.append(f"  = match: {shown[:MAX_WIDTH]}{'…' if len(shown) > MAX_WIDTH else ''}")
    rule = report.rules.get(f.rule)
    fix = f.extra.get("fix") or (rule.fix if rule is not None else "")  # a finding's own: CL001's cause's (inputadvice.py)
    if fix:
        out.append(f"  = fix: {report.safe(fix)}")
    if f.fix is not None:
        out.append("  = fixable: " + ("cablelint --fix applies it" if f.fix.safe else
                                      "cablelint --fix --unsafe-fixes applies it (check it first)"))
    out.append("")
    return out
