"""json: a JSON array of findings, each with path, line, column, end_line,
end_column, rule, name, severity and message (the flagged text only with
--show-matches), `related` when it has related findings, and `fix` (safe, span, replacement) when the rule can fix it. The summary and any stale baseline entries go to stderr, so
stdout stays one parseable array."""
from __future__ import annotations

import json

from . import Report
from .common import fix_dict, masked_match

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Iterable, Iterator

NAME = "json"
MACHINE = True  # the CLI prints the summary to stderr, not into the document


def finding_dict(report: Report, f, cache: dict | None = None) -> dict:
    """One finding; a diagnosis (CL9xx) or a grouped finding also lists its
    `related` findings (the symptoms folded into it, the same cause elsewhere),
    each with its own location, rule and message."""
    d = f.to_dict()
    d["path"] = report.path(d["path"])
    d["message"] = report.safe(d["message"])
    if f.fix is not None:
        d["fix"] = fix_dict(report, f)
    if report.show_matches:
        d["match"] = masked_match(report, f, {} if cache is None else cache)
    if f.related:
        d["related"] = [finding_dict(report, r, cache) for r in f.related]
    return d


def array_chunks(items: Iterable[dict], indent: int) -> Iterator[str]:
    """A JSON array as `json.dumps(list(items), indent=2)` writes it at
    nesting depth indent/2, one item at a time, without the final newline."""
    pad = " " * indent
    first = True
    for item in items:
        text = json.dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n" + pad)
        yield ("[\n" if first else ",\n") + pad + text
        first = False
    yield "[]" if first else "\n" + " " * (indent - 2) + "]"


def chunks(report: Report) -> Iterator[str]:
    cache: dict = {}
    yield from array_chunks((finding_dict(report, f, cache) for f in report.findings), 2)
    yield "\n"


def render(report: Report) -> str:
    return "".join(chunks(report))
