"""The report page: overview sections drawn in Python (static HTML and
SVG, so the page paints before any script runs), then the findings table
and cable view that report.js builds from the embedded columnar data.

Everything from the run (paths, messages, rule texts, source lines) is
masked (protect list) and HTML-escaped before it is written.
"""
from __future__ import annotations

import datetime as dt
from html import escape
from importlib import resources
from typing import Any, Callable

from .aggregate import Aggregates, Row, RuleRow, family_of
from .data import script_json
from .svg import Bar, hbars, timeline

SEV_ORDER = ("error", "warning", "info")
TOP_RULES = 15
TOP_POSTS = 20
EXPLAINED = 10
FAMILY_NAMES = {"engine": "cablelint diagnostics"}
LEGEND = ('<p class="legend" aria-hidden="true"><span class="sw sev-error"></span>error '
          '<span class="sw sev-warning"></span>warning <span class="sw sev-info"></span>info</p>')


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _segments(row: Row) -> list[tuple[int, str]]:
    return [(row.by_severity.get(s, 0), f"sev-{s}") for s in SEV_ORDER]


def _row_bar(row: Row, attr: str | None) -> Bar:
    note = f" findings in {row.cables:,} cables ({row.flagged:,} flagged)"
    return Bar(row.key, _segments(row), note, {attr: row.key} if attr else {})


def _data_table(caption: str, head: list[str], rows: list[list[Any]]) -> str:
    """The numbers behind a chart, as a table (the chart's text alternative
    for screen readers and for copying)."""
    out = [f'<details class="data"><summary>{escape(caption)} as a table</summary><table><thead><tr>']
    out += [f"<th scope=col>{escape(h)}</th>" for h in head]
    out.append("</tr></thead><tbody>")
    for r in rows:
        out.append("<tr>" + "".join(f"<td>{escape(f'{c:,}' if isinstance(c, int) else str(c))}</td>" for c in r)
                   + "</tr>")
    out.append("</tbody></table></details>")
    return "".join(out)


def _row_table(caption: str, first: str, rows: list[Row]) -> str:
    return _data_table(caption, [first, "cables", "flagged cables", "findings", *SEV_ORDER],
                       [[r.key, r.cables, r.flagged, r.findings, *(r.by_severity.get(s, 0) for s in SEV_ORDER)]
                        for r in rows])


def _card(label: str, value: int, css: str = "") -> str:
    return f'<div class="card {css}"><div class="num">{value:,}</div><div class="lbl">{escape(label)}</div></div>'


def totals_section(agg: Aggregates, suppressed: int) -> str:
    cards = [_card("cables", agg.cables), _card("cables with findings", agg.flagged),
             _card("findings", agg.findings)]
    cards += [_card(s if agg.by_severity.get(s, 0) == 1 else s + ("s" if s != "info" else ""),
                    agg.by_severity.get(s, 0), f"sev-{s}-card") for s in SEV_ORDER]
    if suppressed:
        cards.append(_card("hidden by the baseline", suppressed))
    return '<section id="totals" aria-label="Totals"><div class="cards">' + "".join(cards) + "</div></section>"


def integrity_section(agg: Aggregates, integrity_rules: int) -> str:
    """Export damage (the document was damaged on its way into the archive)
    apart from drafting errors (the writer's marking mistakes)."""
    fam = {r.key: r for r in agg.families}
    integ, draft = fam["integrity"], fam["drafting"]
    if integrity_rules == 0:
        note = ("No rule in the rule sets in use checks document integrity, so export damage is not "
                "told apart here: every finding below counts as a drafting error.")
    elif integ.findings == 0:
        note = f"The {integrity_rules} document-integrity rules in use found no export damage."
    else:
        note = (f"{integ.findings:,} findings in {integ.flagged:,} cables are damage to the document "
                f"(export, OCR, lost lines) rather than drafting errors; "
                "click a rule to list its findings.")
    def bar(label: str, r: Row) -> Bar:
        return Bar(label, _segments(r), f" findings in {r.flagged:,} cables",
                   {"data-filter-family": r.key} if r.findings else {})

    bars = [bar("drafting errors", draft), bar("export damage", integ)]
    bars += [bar(FAMILY_NAMES.get(r.key, r.key), r) for r in agg.families if r.key not in ("drafting", "integrity")]
    chart = hbars("chart-family", "Findings by kind of problem",
                  "; ".join(f"{b.label}: {b.total} findings" for b in bars), bars)
    damage = [r for r in agg.rules if r.family == "integrity"]
    if damage:  # which damage: one bar per integrity rule, clickable like the rule chart
        chart += hbars("chart-damage", "Export damage by rule",
                       "; ".join(f"{r.rule} {r.name}: {r.findings} findings" for r in damage),
                       [_rule_bar(r) for r in damage])
    return (f'<section id="integrity"><h2>Document integrity and drafting</h2><p>{escape(note)}</p>{LEGEND}{chart}'
            + _row_table("Findings by kind", "kind", agg.families) + "</section>")


def time_section(agg: Aggregates) -> str:
    dated = [r for r in agg.years if r.key.isdigit()]
    unknown = next((r for r in agg.years if not r.key.isdigit()), None)
    years = [(int(r.key), _segments(r), f"{r.key}: {r.findings:,} findings in {r.cables:,} cables") for r in dated]
    desc = (f"Findings per year from {dated[0].key} to {dated[-1].key}, by severity; the busiest year is "
            f"{max(dated, key=lambda r: r.findings).key}." if dated else "No cable has a known date.")
    if unknown:
        desc += f" {unknown.cables:,} cables have no known year ({unknown.findings:,} findings)."
    eras = [_row_bar(r, None) for r in agg.eras]
    era_chart = hbars("chart-era", "Findings by classification era",
                      "; ".join(f"{b.label}: {b.total} findings" for b in eras), eras)
    return ('<section id="time"><h2>By year and era</h2>' + LEGEND
            + timeline("chart-years", "Findings per year", desc, years)
            + f'<p class="caption">{escape(desc)} Click a year to list its findings.</p>'
            + _row_table("Findings by year", "year", agg.years) + era_chart
            + _row_table("Findings by era", "era", agg.eras) + "</section>")


def _rule_bar(r: RuleRow) -> Bar:
    return Bar(f"{r.rule} {r.name}", [(r.findings, f"sev-{r.severity}")], f" findings in {r.cables:,} cables",
               {"data-filter-rule": r.rule})


def rules_section(agg: Aggregates, rules: dict[str, Any], mask: Callable[[str], str]) -> str:
    top = agg.rules[:TOP_RULES]
    chart = hbars("chart-rules", f"The {len(top)} rules that fire most",
                  "; ".join(f"{r.rule} {r.name}: {r.findings} findings" for r in top), [_rule_bar(r) for r in top])
    table = _data_table("Findings by rule", ["rule", "name", "severity", "kind", "findings", "cables"],
                        [[r.rule, r.name, r.severity, r.family, r.findings, r.cables] for r in agg.rules])
    cards = [explain_rule(r, rules.get(r.rule), mask) for r in agg.rules[:EXPLAINED]]
    rest = [explain_rule(r, rules.get(r.rule), mask) for r in agg.rules[EXPLAINED:]]
    more = (f'<details class="more-rules"><summary>The other {len(rest)} rules that fired</summary>'
            + "".join(rest) + "</details>") if rest else ""
    return ('<section id="rules"><h2>Rules that fire most</h2>'
            '<p class="caption">Click a bar to list that rule\'s findings.</p>' + chart + table
            + '<div class="explain">' + "".join(cards) + "</div>" + more + "</section>")


def explain_rule(row: RuleRow, rule: Any, mask: Callable[[str], str]) -> str:
    """A rule's explanation from its Rule object: what, why, how to fix, and
    where its documentation is (docs/rules.md anchor, `cablelint rule ID`)."""
    def part(label: str, text: str) -> str:
        return f"<p><b>{label}</b> {escape(mask(text))}</p>" if text else ""

    anchor = f"{row.rule.lower()}-{row.name.lower()}"
    body = ""
    if rule is not None:
        body = (part("What it checks.", rule.short_description) + part("Why.", rule.why)
                + part("How to fix.", rule.fix) + part("Reference.", rule.reference))
    return (f'<article class="rule" id="rule-{escape(row.rule)}"><h3><span class="pill sev-{escape(row.severity)}">'
            f'{escape(row.severity)}</span> {escape(row.rule)} {escape(row.name)}</h3>'
            f'<p class="meta">{row.findings:,} findings in {row.cables:,} cables &middot; {escape(row.family)} '
            f'&middot; <a href="#" data-filter-rule="{escape(row.rule)}">list them</a></p>{body}'
            f'<p class="doc">Documentation: <code>docs/rules.md#{escape(anchor)}</code> or '
            f'<code>cablelint rule {escape(row.rule)}</code></p></article>')


def where_section(agg: Aggregates) -> str:
    posts = agg.posts[:TOP_POSTS]
    post_chart = hbars("chart-posts", f"Findings by originating post (top {len(posts)} of {len(agg.posts)})",
                       "; ".join(f"{r.key}: {r.findings} findings in {r.cables} cables" for r in posts),
                       [_row_bar(r, "data-filter-post") for r in posts])
    levels = [_row_bar(r, None) for r in agg.levels]
    level_chart = hbars("chart-levels", "Findings by classification level of the cable",
                        "; ".join(f"{b.label}: {b.total} findings" for b in levels), levels)
    return ('<section id="where"><h2>By post and classification level</h2>' + LEGEND + post_chart
            + _row_table("Findings by post", "post", agg.posts) + level_chart
            + _row_table("Findings by level", "level", agg.levels) + "</section>")


def header(meta: dict[str, Any]) -> str:
    src = ("Cable text is included (--show-source): handle this file at the level of the cables it shows."
           if meta["show_source"] else "Cable text is not included: the cable views show positions and messages "
           "only (run with --show-source to include the text).")
    return (f'<header><h1>cablelint corpus report</h1><p class="meta">{meta["files"]:,} inputs &middot; rule sets '
            f'{escape(", ".join(meta["rulesets"]))} &middot; cablelint {escape(meta["version"])} &middot; '
            f'{escape(meta["generated"])} &middot; linted in {meta["elapsed"]:.1f}s</p>'
            f'<p class="notice">{escape(src)} Protected terms are masked.</p>'
            + "".join(f'<p class="notice failure" role="alert">Run failed: {escape(e)}</p>'
                      for e in meta.get("failures", ()))
            +             '<nav aria-label="Sections"><a href="#totals">Totals</a><a href="#integrity">Integrity</a>'
            '<a href="#time">Year and era</a><a href="#rules">Rules</a><a href="#where">Post and level</a>'
            '<a href="#findings">Findings</a></nav></header>')


TABLE = """<section id="findings"><h2>Findings</h2>
<form id="filters" class="filters" onsubmit="return false">
<label>Kind <select id="f-fam"><option value="">all</option></select></label>
<label>Rule <select id="f-rule"><option value="">all</option></select></label>
<label>Severity <select id="f-sev"><option value="">all</option></select></label>
<label>Post <select id="f-post"><option value="">all</option></select></label>
<label>Year <select id="f-year"><option value="">all</option></select></label>
<label>Cable <input id="f-path" type="search" placeholder="file name contains"></label>
<button type="button" id="f-clear">Clear</button>
</form>
<p id="count" role="status" aria-live="polite"></p>
<div class="scroll"><table id="table"><thead><tr>
<th scope=col><button data-sort="path">Cable</button></th><th scope=col><button data-sort="line">Line:col</button></th>
<th scope=col><button data-sort="rule">Rule</button></th><th scope=col><button data-sort="sev">Severity</button></th>
<th scope=col><button data-sort="post">Post</button></th><th scope=col><button data-sort="year">Year</button></th>
<th scope=col><button data-sort="msg">Message</button></th></tr></thead><tbody id="rows"></tbody></table></div>
<div class="pager"><button type="button" id="prev">&larr; Previous</button><span id="page"></span>
<button type="button" id="next">Next &rarr;</button></div>
<noscript><p>The findings table needs JavaScript; the overview above does not.</p></noscript>
</section>
<section id="cable" hidden aria-live="polite"><p><a href="#findings">&larr; Back to the findings</a></p>
<h2 id="cable-title"></h2><p id="cable-meta" class="meta"></p><div id="cable-body"></div></section>"""


SOURCE_CHUNK = 256  # cables per <script>: opening a cable view parses one chunk, not the whole corpus


def source_scripts(sources: dict[str, str]) -> str:
    """--show-source text in chunks of SOURCE_CHUNK cables by docs index
    (chunk k holds cables k*SOURCE_CHUNK...), each parsed only when one of
    its cables is opened; the first carries id="report-source"."""
    chunks: dict[int, dict[str, str]] = {}
    for key, text in sources.items():
        chunks.setdefault(int(key) // SOURCE_CHUNK, {})[key] = text
    out = [f'<script type="application/json" id="report-source" data-chunk-size="{SOURCE_CHUNK}">{{}}</script>']
    out += [f'<script type="application/json" data-src-chunk="{k}">{script_json(v)}</script>'
            for k, v in sorted(chunks.items())]
    return "".join(out)


def render_page(agg: Aggregates, payload: dict[str, Any], sources: dict[str, str] | None,
                rules: dict[str, Any], mask: Callable[[str], str], meta: dict[str, Any]) -> str:
    """The whole self-contained page."""
    meta = dict(meta, generated=meta.get("generated") or dt.datetime.now().strftime("%Y-%m-%d %H:%M"))
    integrity_rules = sum(1 for r in rules.values() if family_of(r) == "integrity")
    body = (header(meta) + "<main>" + totals_section(agg, meta.get("suppressed", 0))
            + integrity_section(agg, integrity_rules) + time_section(agg) + rules_section(agg, rules, mask)
            + where_section(agg) + TABLE + "</main>")
    src = source_scripts(sources) if sources is not None else ""
    return ("<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
            '<meta name=viewport content="width=device-width, initial-scale=1">'
            '<meta name="color-scheme" content="light dark">'
            "<title>cablelint corpus report</title><style>" + _asset("report.css") + "</style></head><body>"
            + body + f'<script type="application/json" id="report-data">{script_json(payload)}</script>' + src
            + "<script>" + _asset("report.js") + "</script></body></html>\n")

