"""sarif: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Always a complete log, even with no results. Results carry the rule, the
message and the location only (and, for a diagnosis of export damage or a
grouped finding, `relatedLocations`: the findings folded into it): never the flagged text nor a snippet (code
scanning would show a snippet next to the alert). `partialFingerprints`
holds the baseline's content fingerprint, so an alert keeps its identity
when lines are inserted above it.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from urllib.parse import quote

from . import Report
from ..ruledoc import sarif_help
from .common import batched, fingerprinted, fix_edits

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Iterator

NAME = "sarif"
MACHINE = True  # the CLI prints the summary to stderr
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
MAX_TEXT = 1024  # GitHub's limit for short/full descriptions


def information_uri() -> str | None:
    """The package's Homepage (Documentation, Source) URL from its metadata
    (pyproject.toml's [project.urls]); None when it gives none: SARIF's
    `informationUri` is optional, and a placeholder would send code scanning
    users to a page that does not exist."""
    try:
        from importlib.metadata import metadata

        for entry in metadata("cablelint").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() in ("homepage", "documentation", "source") and url.strip():
                return url.strip()
    except Exception:  # not installed: metadata is optional
        pass
    return None


def help_uri(rule) -> str | None:
    """A rule's documentation page: its `reference` when that is a web address
    (a house rule set may give one); the shipped rules cite orders and manuals
    by name, and have none."""
    ref = (getattr(rule, "reference", "") or "").strip()
    return ref if ref.startswith(("https://", "http://")) and not any(c.isspace() for c in ref) else None


def _cut(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


def descriptor(report: Report, rule) -> dict:
    d = rule.doc()
    short = _cut(report.safe(d["summary"]))
    full = _cut(report.safe(d["why"] or d["summary"]))
    help_text, help_md = sarif_help(rule)
    tags = list(dict.fromkeys([*(rule.tags or []), d["ruleset"] or "cablelint", "compliance"]))[:20]
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": report.safe(help_text), "markdown": report.safe(help_md)},
        "defaultConfiguration": {"level": LEVEL[d["severity"]]},
        "properties": {"tags": tags, "precision": "high",
                       "problem.severity": {"error": "error", "warning": "warning"}.get(d["severity"],
                                                                                      "recommendation")},
        **({"helpUri": uri} if (uri := help_uri(rule)) else {}),
    }


def _artifact(report: Report, path: str) -> dict:
    shown = report.path(path, relative=True)  # masked before quoting: %-escapes would hide a name from the mask
    if os.path.isabs(shown):
        return {"uri": Path(shown).as_uri()}
    return {"uri": quote(shown), "uriBaseId": "%SRCROOT%"}


def _physical(report: Report, f) -> dict:
    end_col = max(f.end_column, f.column + 1) if f.end_line == f.line else max(f.end_column, 1)
    region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": end_col}
    return {"artifactLocation": _artifact(report, f.path), "region": region}


def _related(report: Report, i: int, r) -> dict:
    """A finding folded into a diagnosis (or grouped with the same cause): a
    related location whose message names its rule."""
    return {"id": i, "physicalLocation": _physical(report, r),
            "message": {"text": report.safe(f"{r.rule} {r.name}: {r.message}")}}


def _fix(report: Report, f, edits: list[dict]) -> dict:
    """SARIF `fixes`: one artifactChange replacing each edit's region."""
    how = "safe fix (cablelint --fix)" if f.fix.safe else "unsafe fix (cablelint --fix --unsafe-fixes)"
    return {"description": {"text": f"{f.rule}: {how}"},
            "artifactChanges": [{"artifactLocation": _artifact(report, f.path), "replacements": [
                {"deletedRegion": {"startLine": e["line"], "startColumn": e["column"], "endLine": e["end_line"],
                                   "endColumn": e["end_column"]},
                 "insertedContent": {"text": e["replacement"]}} for e in edits]}]}


def _result(report: Report, f, index: int, fingerprint: str) -> dict:
    result = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": LEVEL[str(f.severity)],
        "message": {"text": report.safe(f.message)},
        "locations": [{"physicalLocation": _physical(report, f)}],
        "partialFingerprints": {"cablelintFingerprint/v1": fingerprint},
    }
    if (edits := fix_edits(report, f)):
        result["fixes"] = [_fix(report, f, edits)]
    if f.related:
        result["relatedLocations"] = [_related(report, i, r) for i, r in enumerate(f.related, 1)]
    return result


def chunks(report: Report) -> Iterator[str]:
    """The log, its results written as they come: they go to a temporary
    file first, since the rules list before them must also name any rule a
    finding gives that the rule sets do not list (SARIF's ruleIndex)."""
    rules = sorted(report.rules.values(), key=lambda r: r.id)
    index = {r.id: i for i, r in enumerate(rules)}
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogatepass") as spool:
        for f, fp in fingerprinted(report):
            if f.rule not in index:
                from ..rule import Rule

                index[f.rule] = len(rules)
                rules.append(Rule(id=f.rule, name=f.name, severity=f.severity, kind="engine", message=""))
            spool.write(_RESULT_SEP + json.dumps(_result(report, f, index[f.rule], fp), indent=2,
                                                 ensure_ascii=False).replace("\n", "\n" + " " * 8))
        run = {
            "tool": {"driver": {"name": "cablelint", "semanticVersion": report.version or "0.0.0",
                                **({"informationUri": uri} if (uri := information_uri()) else {}),
                                "rules": [descriptor(report, r) for r in rules]}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
            # a failure of the whole run (a release review without a protect list): unsuccessful, and why
            "invocations": [{"executionSuccessful": not report.failures, **({"toolExecutionNotifications": [
                {"level": "error", "message": {"text": report.safe(e)}} for e in report.failures]}
                if report.failures else {})}],
            "columnKind": "unicodeCodePoints",
            "results": _HOLE,
            "properties": {"files": report.files, "baselined": report.suppressed,
                           "staleBaselineEntries": len(report.stale)},
        }
        log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
        head, tail = json.dumps(log, indent=2, ensure_ascii=False).split(json.dumps(_HOLE), 1)
        yield head
        if spool.tell() == 0:
            yield "[]"
        else:
            spool.seek(0)
            spool.read(len(_RESULT_SEP))  # the first result's separator is the array's opening
            yield "[\n" + " " * 8
            yield from batched(spool)  # whole lines: never cut between two bytes of a file name
            yield "\n" + " " * 6 + "]"
        yield tail + "\n"


_HOLE = "\x00results\x00"  # where the results go in the log's text (a string no rule text holds)
_RESULT_SEP = ",\n" + " " * 8  # between two results at their depth in the log


def render(report: Report) -> str:
    return "".join(chunks(report))
