"""release_portions: in a document being released, every classified portion
whose declassification is not yet due must be withheld.

A portion (a classified portion mark, or the whole body of a classified
cable that has no portion marks) passes when:
- the document shows it was declassified (`declassified` regex, matched
  as written like a `contains` rule's - add `(?i)` for case - so the rule
  that asks for the stamp and this one agree; or an E.O. line that says
  DECLASSIFIED), or
- its DECL date is on or before the release date (--as-of), or
- it carries an exemption annotation (`code`, see exemption_codes) whose
  number is in `withhold` (B1) with a category valid for the era
  (`sections`/`letters`, judged by the era of the release date), or
- nothing of it is left but placeholders, annotations and `filler`.
An exemption (X1, 25X1, OADR), an event, N/A or no DECL at all is never due.
"""
from __future__ import annotations

from typing import Any, Iterable

import regex

from ..document import DeclValue, Document, Marking, Paragraph, Span
from . import compile_param, Context, Hit
from .exemption_codes import category_problem, codes, compile_code
from ..rx import rx

KIND = "release_portions"
PARAMS = {
    "code": (str, True),
    "withhold": (list, False),
    "sections": ((list, str), False),
    "letters": ((list, str), False),
    "declassified": (str, False),
    "filler": (str, False),
}
_LETTERS = rx(r"\p{L}")


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    out = dict(p)
    out["_code"] = compile_code(p)
    # `declassified` keeps its case: "released in full" in a sentence is no stamp.
    for key, flags in (("declassified", regex.MULTILINE), ("filler", regex.IGNORECASE | regex.MULTILINE)):
        if key in p:
            out["_" + key] = compile_param(p[key], key, flags)
    return out


def _decl_status(ctx: Context) -> str | None:
    """Why the cable's classification still stands on the release date (None: due)."""
    decl = ctx.items("decl")  # the E.O. line's DECL, else a Declassify On line
    dv: DeclValue | None = decl[0].obj if decl else None
    as_of = ctx.as_of
    if dv is None:  # the decl target leaves a DNG-only value out: it is no declassification instruction
        eo = ctx.doc.eo
        if eo is not None and eo.decl is not None and eo.decl.kind == "downgrade":
            return "its E.O. line gives a downgrading instruction (DNG), no declassification instruction"
        return "the cable gives no declassification instruction"
    if dv.kind == "declassified":
        return None
    if dv.date is not None:
        if dv.date <= as_of:
            return None
        return f"its DECL date {dv.date.isoformat()} is after the release date {as_of.isoformat()}"
    if dv.exemptions or dv.kind == "oadr":
        return "it is exempt from automatic declassification (" + (
            ", ".join(t.value for t in dv.exemptions) or "OADR") + ")"
    return {"event": "its declassification waits for an event",
            "period": "its DECL is a period and the cable's day is not known to count it from",
            "na": "its E.O. line says N/A",
            "missing": "its DECL is empty"}.get(dv.kind, "its DECL date is not a valid date")


def _extents(doc: Document) -> dict[int, tuple[int, int]]:
    """Where each paragraph's text runs: from its start to the next paragraph."""
    out = {}
    paras = doc.paragraphs
    for i, para in enumerate(paras):
        end = paras[i + 1].span.start if i + 1 < len(paras) else len(doc.text)
        out[id(para)] = (para.span.start, end)
    return out


def _not_content(doc: Document) -> list[Span]:
    spans = [t.span for t in doc.placeholders] + [t.span for t in doc.headings]
    spans += [m.span for m in doc.banners] + ([doc.footer.span] if doc.footer else [])
    spans += [doc.signature.span] if doc.signature else []
    return spans


class _Body:
    """The document's text with everything that is not released content
    (placeholders, exemption codes, headings, banners, signature, `filler`)
    blanked out once, and the exemption codes found, for every portion."""

    def __init__(self, ctx: Context, p: dict[str, Any]) -> None:
        doc = ctx.doc
        text = doc.text
        self.codes = codes(ctx, p["_code"])
        chars = list(text)
        for s in _not_content(doc) + [Span(m.start(), m.end()) for m in self.codes]:
            chars[s.start:s.end] = " " * (s.end - s.start)
        rest = "".join(chars)
        if "_filler" in p:
            rest = p["_filler"].sub(lambda m: " " * len(m.group()), rest)
        self.rest = rest

    def withheld_or_empty(self, start: int, end: int, p: dict[str, Any], ctx: Context) -> bool:
        for m in self.codes:
            if start <= m.start() < end and int(m.group("n")) in p.get("withhold", [1]) and \
                    category_problem(m, ctx, p.get("sections"), p.get("letters")) is None:
                return True
        return not _LETTERS.search(self.rest, start, end)


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    doc = ctx.doc
    text = doc.text
    if not ctx.vocab.is_classified(doc.level):
        return
    if "_declassified" in p and ctx.search(p["_declassified"]):
        return
    why = _decl_status(ctx)
    if why is None:
        return
    body = _Body(ctx, p)
    ext = _extents(doc)
    portions = [it for it in ctx.items("portions") if ctx.vocab.is_classified(getattr(it.value, "level", None))]
    if not any(p_.portion for p_ in doc.paragraphs) and doc.banner is not None:
        start = doc.body_start or doc.banner.span.end
        if not body.withheld_or_empty(start, len(text), p, ctx):
            yield Hit(doc.banner.span, {"where": "the cable (no portion marks)", "value": doc.level,
                                        "why": why, "as_of": ctx.as_of.isoformat()})
        return
    for it in portions:
        mk: Marking = it.value
        if isinstance(it.obj, Paragraph):
            start, end = ext[id(it.obj)]
            start = max(start, mk.span.end)
        elif doc.subject is not None:
            start, end = mk.span.end, doc.subject.span.end
        else:
            continue
        if not body.withheld_or_empty(start, end, p, ctx):
            yield Hit(mk.span, {"where": it.label, "value": mk.raw, "why": why,
                                "as_of": ctx.as_of.isoformat()})
