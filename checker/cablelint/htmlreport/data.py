"""The report's embedded data: findings and cables as columns of numbers
with one string table, so a 250k-cable run stays a few bytes per finding
and the page's script filters typed arrays instead of objects.

Every string goes through `mask` (the run's protect-list mask) as it enters
the string table: the one door through which text reaches the page.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Iterable

from ..findings import Finding, Severity
from ..source import Source
from .aggregate import family_of
from .summary import DocSummary

SEVERITIES = [str(s) for s in sorted(Severity)]  # index in the page: info 0, warning 1, error 2


class Strings:
    """An interning string table: each distinct (masked) string stored once."""

    def __init__(self, mask: Callable[[str], str]) -> None:
        self.mask = mask
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, text: str | None) -> int:
        """The index of `text` (-1 for None)."""
        if text is None:
            return -1
        i = self._index.get(text)
        if i is None:
            i = self._index[text] = len(self.items)
            self.items.append(self.mask(text))
        return i


def rule_columns(used: Iterable[str], rules: dict[str, Any], s: Strings) -> dict[str, list[int]]:
    """The rules that fired, as columns of string indices: id, name and
    family (drafting, integrity...), for the table's rule and kind filters;
    the explanations are in the page's HTML, not repeated in the data."""
    cols: dict[str, list[int]] = {"id": [], "name": [], "family": []}
    for rid in sorted(set(used)):
        r = rules.get(rid)
        cols["id"].append(s(rid))
        cols["name"].append(s(r.name if r is not None else rid))
        cols["family"].append(s(family_of(r)))
    return cols


def doc_columns(paths: list[str], summaries: dict[str, DocSummary], s: Strings,
                display: Callable[[str], str]) -> dict[str, list]:
    cols: dict[str, list] = {"path": [], "year": [], "date": [], "era": [], "post": [], "level": []}
    for p in paths:
        d = summaries.get(p)
        cols["path"].append(s(display(p)))
        cols["year"].append(d.year if d and d.year else 0)
        for key in ("date", "era", "post", "level"):
            cols[key].append(s(getattr(d, key, None)))
    return cols


def finding_columns(findings: list[Finding], doc_index: dict[str, int], s: Strings) -> dict[str, list]:
    cols: dict[str, list] = {k: [] for k in ("doc", "rule", "sev", "line", "col", "eline", "ecol", "msg")}
    sev_index = {sev: SEVERITIES.index(str(sev)) for sev in Severity}
    last_path, last_doc = None, 0
    for f in findings:
        if f.path != last_path:  # findings come sorted by path
            last_path, last_doc = f.path, doc_index[f.path]
        cols["doc"].append(last_doc)
        cols["rule"].append(s(f.rule))
        cols["sev"].append(sev_index[f.severity])
        cols["line"].append(f.line)
        cols["col"].append(f.column)
        cols["eline"].append(f.end_line)
        cols["ecol"].append(f.end_column)
        cols["msg"].append(s(f.message))
    return cols


def masked_source_lines(src: Source, mask: Callable[[str], str]) -> list[str]:
    """A cable's lines, each masked on its own (the mask knows the line parts
    of wrapped names), so line numbers stay true after masking."""
    return [mask(src.line_text(n).rstrip("\r")) for n in range(1, src.line_count + 1)]


def build_payload(paths: list[str], findings: list[Finding], summaries: dict[str, DocSummary],
                  rules: dict[str, Any], mask: Callable[[str], str], display: Callable[[str], str],
                  ) -> dict[str, Any]:
    """The page's data: {strings, severities, docs, findings, rules}.
    `paths`: every cable, in the order the page numbers them."""
    s = Strings(mask)
    doc_index = {p: i for i, p in enumerate(paths)}
    docs = doc_columns(paths, summaries, s, display)
    cols = finding_columns(findings, doc_index, s)
    fired = rule_columns((f.rule for f in findings), rules, s)
    return {"strings": s.items, "severities": SEVERITIES, "docs": docs, "findings": cols, "rules": fired}


def source_payload(paths: list[str], sources: dict[str, Source], findings: list[Finding],
                   mask: Callable[[str], str]) -> dict[str, str]:
    """--show-source only: the masked text of each readable cable that has
    findings (a clean cable has no line to show), keyed by its index in the
    docs table (a string: JSON object keys)."""
    flagged = {f.path for f in findings}
    return {str(i): "\n".join(masked_source_lines(sources[p], mask))
            for i, p in enumerate(paths) if p in sources and p in flagged}


def script_json(value: Any) -> str:
    """JSON safe to put inside <script type="application/json">: no '<', '>'
    or '&' (so no '</script>' or '<!--' can end or change the element), and
    no U+2028/2029 line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text
