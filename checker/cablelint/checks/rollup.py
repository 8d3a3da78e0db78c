"""rollup: what a portion carries, the banner must carry too.

`carry` maps a control found in any portion to the banner controls that
satisfy it (EXDIS is satisfied by EXDIS or by NODIS, which outranks it).
Banner controls include the caption lines under a cable banner.

Fix function (`autofix: {function: add_caption}`, for cables): a caption
line inserted under the banner line: `captions` maps a portion control to
its caption text (SBU: SENSITIVE BUT UNCLASSIFIED), else the first control
`carry` names.
Never safe: the portion mark may be the wrong one.
"""
from __future__ import annotations

from typing import Any, Iterable

from . import Context, Hit, norm

KIND = "rollup"
PARAMS = {"target": (str, True), "against": (str, False), "carry": (dict, True), "captions": (dict, False)}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    """`carry` and `captions` normalised once, when the rule set loads."""
    out = dict(p)
    out["_carry"] = {norm(k): [norm(x) for x in (v if isinstance(v, list) else [v])] for k, v in p["carry"].items()}
    out["_captions"] = {norm(k): str(v) for k, v in (p.get("captions") or {}).items()}
    return out


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    if not ctx.items("banner"):
        return
    carry, captions = p["_carry"], p["_captions"]
    have: set[str] | None = None  # the banner's controls, read at the first control a portion carries
    reported: set[str] = set()
    for it in ctx.items(p["target"]):
        controls = getattr(it.value, "controls", ())
        for c in controls:
            name = norm(c.value)
            if name not in carry or name in reported:
                continue
            if have is None:
                have = {norm(i.value) for i in ctx.items(p.get("against", "banner.controls"))}
            if not (have & set(carry[name])):
                reported.add(name)
                yield Hit(c.span, {"control": c.value, "where": it.label,
                                   "banner": " or ".join(carry[name]), "_caption": captions.get(name, carry[name][0])})


def _add_caption(hit: Hit, ctx: Context) -> list | None:
    """A caption line under the banner line, in the file's line ending; under
    each copy's banner where the file holds the cable twice (a cut copy, then
    the whole cable from its banner again), so the copies agree and the one
    the parser reads is fixed."""
    if not hit.values.get("_caption"):
        return None
    src, edits = ctx.doc.source, []
    for banner in _copy_banners(ctx.doc):
        _, end = src.line_span(src.line_col(banner.span.end)[0])
        newline = "\r\n" if src.text.startswith("\r\n", end) else "\n"  # the banner line's own ending
        edits.append(((end, end), newline + hit.values["_caption"]))
    return edits or None


def _copy_banners(doc: Any) -> list:
    """The banner, and each later banner whose line repeats the banner's line
    word for word: the cable written out again. A section's banner
    ("SECTION 02 OF 03") is no new copy, nor a bare banner line with no serial
    (no digit: "C O N F I D E N T I A L" recurs as a page mark), as for CL911."""
    first = doc.banner
    if first is None:
        return []
    src = doc.source
    line = src.line_text(src.line_col(first.span.start)[0]).strip()
    if not any(c.isdigit() for c in line):
        return [first]
    return [first, *(b for b in doc.banners if b.span.start > first.span.start
                     and src.line_text(src.line_col(b.span.start)[0]).strip() == line)]


FIXES = {"add_caption": _add_caption}
