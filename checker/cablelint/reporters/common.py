"""Helpers shared by the reporters (not a format itself: no NAME)."""
from __future__ import annotations

from itertools import groupby

from . import Report
from ..findings import edit_where
from ..findings import Finding

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Iterable, Iterator


def batched(pieces: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """Pieces of a report joined into writes of about `size` characters."""
    held: list[str] = []
    n = 0
    for piece in pieces:
        held.append(piece)
        n += len(piece)
        if n >= size:
            yield "".join(held)
            held, n = [], 0
    if held:
        yield "".join(held)


def fingerprinted(report: Report) -> Iterator[tuple[Finding, str]]:
    """Each finding in order with its baseline fingerprint (SARIF, GitLab).
    A fingerprint counts occurrences within its file, so a streamed report
    (sorted by path) computes them file by file."""
    from pathlib import Path

    from ..baseline import fingerprints

    base = Path.cwd()
    groups = (list(g) for _, g in groupby(report.findings, key=lambda f: f.path)) if report.streamed \
        else [report.findings]
    for group in groups:
        fps = fingerprints(group, base, rules=report.rules)
        for f in group:
            yield f, fps[id(f)]


def statistics(report: Report) -> list[dict]:
    """Findings per rule, most frequent first (ties by rule id)."""
    rows: dict[str, dict] = {}
    for f in report.findings:
        row = rows.setdefault(f.rule, {"rule": f.rule, "name": f.name, "severity": str(f.severity), "count": 0})
        row["count"] += 1
    return sorted(rows.values(), key=lambda r: (-r["count"], r["rule"]))


def statistics_text(report: Report, as_json: bool = False) -> str:
    rows = statistics(report)
    if as_json:
        import json  # only here: the text formats need no JSON

        return json.dumps(rows, indent=2) + "\n"
    width = max([len(str(r["count"])) for r in rows] + [5])
    name_w = max([len(r["name"]) for r in rows] + [4])
    out = [f"{'count':>{width}}  {'rule':<6} {'name':<{name_w}}  severity"]
    out += [f"{r['count']:>{width}}  {r['rule']:<6} {r['name']:<{name_w}}  {r['severity']}" for r in rows]
    return "\n".join(out) + "\n"


def tail(report: Report) -> list[str]:
    """What text formats print after the findings: the run's failures, then
    stale baseline entries, notes and the summary line (left out with --quiet)."""
    out = [f"error: {report.safe(e)}" for e in report.failures]
    if report.quiet:
        return out
    out += [f"stale baseline entry: {report.safe(s)}" for s in report.stale]
    out += [f"note: {report.safe(n)}" for n in report.notices]
    out.append(report.summary_line())
    return out


def masked_lines(report: Report, path: str, cache: dict[str, list[str]]) -> list[str]:
    """The file's lines after masking the *whole* text, so a protected term
    that wraps across lines is masked in every part. Empty when the mask
    changed the line structure (callers then mask line by line)."""
    if path not in cache:
        cache.clear()  # findings come file by file: keep one file's lines, not the corpus's
        src = report.sources.get(path)
        whole = report.safe(src.text).split("\n") if src is not None else []
        cache[path] = whole if src is not None and len(whole) == src.line_count else []
    return cache[path]


def masked_match(report: Report, f, cache: dict[str, list[str]]) -> str:
    """The flagged text for --show-matches, cut from the masked file: the
    exact span when the mask kept lengths, else the whole lines of the span
    (never a fragment of a protected term cut at the span's edge)."""
    src = report.sources.get(f.path)
    lines = masked_lines(report, f.path, cache) if src is not None else []
    if not lines:
        return report.safe(f.matched)
    if len("\n".join(lines)) == len(src.text):
        return "\n".join(lines)[f.start:f.end]
    return "\n".join(l.rstrip("\r") for l in lines[f.line - 1:f.end_line])


def fix_edits(report: Report, f) -> list[dict] | None:
    """A finding's fix as edits with their 1-based line/column spans (end
    column one past the last character) and replacements, masked like any
    text (a replacement is a marking or text already under the span, never
    new content); None without the file's text."""
    src = report.sources.get(f.path)
    if src is None or f.fix is None or f.fix.end > len(src.text):
        return None
    out = []
    for e in f.fix.edits:
        line, col, end_line, end_col = edit_where(src, e)
        out.append({"start": e.start, "end": e.end, "line": line, "column": col, "end_line": end_line,
                    "end_column": end_col, "replacement": report.safe(e.replacement)})
    return out


def fix_dict(report: Report, f) -> dict:
    """A finding's fix for JSON formats: safe or not, and its edits."""
    edits = fix_edits(report, f)
    if edits is None:
        edits = [{**e.to_dict(), "replacement": report.safe(e.replacement)} for e in f.fix.edits]
    return {"safe": f.fix.safe, "edits": edits}
