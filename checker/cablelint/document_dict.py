"""The parsed cable's JSON form: what `cablelint inspect` shows (`-f json`,
and inspect_view's text), built from a Document and its Source's line
numbers. Kept apart from document.py, which holds the values themselves."""
from __future__ import annotations

TYPE_CHECKING = False  # typing's constant without importing typing
if TYPE_CHECKING:
    from typing import Any

    from .document import CableDate, ClassifiedBy, Document, EOLine, Marking, Repair, Span, Token
    from .source import Source


def document_dict(doc: Document) -> dict[str, Any]:
    """The JSON form of `doc` shown by `cablelint inspect`."""
    src = doc.source
    return {
        "path": doc.path,
        "shape": doc.shape,
        "partial": doc.partial,
        "date": _date_shown(doc.date),
        "date_source": doc.date.source,
        "classification": _classification_dict(doc),
        "footer": _marking_dict(src, doc.footer),
        "transmission": _value(doc.header.security) if doc.header else None,
        "dtg": _value(doc.header.dtg) if doc.header else None,
        "eo": _eo_dict(src, doc.eo),
        "tags": [" ".join(t.raw.split()) if t.raw.upper().startswith(t.value.upper()) else t.value
                 for t in doc.tags],  # a person TAG with its person: OVIP (RICE, CONDOLEEZZA)
        "subject": _value(doc.subject),
        "refs": [r.value for r in doc.refs],
        "classified_by": _clby_dict(src, doc.classified_by),
        "derived_from": _derived_dict(src, doc),
        "fields": {k: v.value for k, v in doc.fields.items()},
        "sections": [{"number": s.number, "total": s.total, "kind": s.kind, "line": _line(src, s.span)}
                     for s in doc.sections],
        "paragraphs": [{"number": p.number, "portion": p.portion.raw if p.portion else None,
                        "level": p.portion.level if p.portion else None, "line": _line(src, p.span),
                        **({"kind": p.kind} if p.kind == "notice" else {}),  # a numbered closing notice
                        **({"number_last": p.number_last} if p.number_last is not None else {})}  # "4-14."
                       for p in doc.paragraphs],
        "headings": [{"text": h.value, "line": _line(src, h.span)} for h in doc.headings],
        "placeholders": len(doc.placeholders),
        "signature": _value(doc.signature),
        "repairs": [_repair_dict(src, r) for r in doc.repairs],
        "notes": doc.notes,
        "whole_copy": {"lines": [_line(src, s) for s in wc.again], "banner_line": _line(src, wc.banner)}
        if (wc := doc.whole_copy) else None,  # where the banner's line is written again
    }


def _classification_dict(doc: Document) -> dict[str, Any]:
    """The banner with the caption lines' caveats after its own."""
    cls = _marking_dict(doc.source, doc.banner) or {"level": None, "caveats": [], "line": None}
    if doc.banner:
        cls["caveats"] = [c.value for c in doc.banner.controls] + [
            c.value for c in doc.captions if c.value not in cls["caveats"]
        ]
    return cls


def _repair_dict(src: Source, r: Repair) -> dict[str, Any]:
    """A repair's span in the findings' convention (1-based; `end_column` one past the last character)."""
    line, column = src.line_col(r.span.start)
    end_line, end_column = src.line_col(r.span.end)
    return {"name": r.name, "line": line, "column": column, "end_line": end_line, "end_column": end_column,
            "detail": r.detail}


def _line(src: Source, span: Span | None) -> int | None:
    return src.line_col(span.start)[0] if span else None


def _value(t: Token | None) -> str | None:
    return t.value if t else None


def _marking_dict(src: Source, m: Marking | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "level": m.level,
        "caveats": [c.value for c in m.controls],
        "rel_to": [c.value for c in m.rel_to],
        "categories": [c.value for c in m.categories],
        "unknown": [c.raw for c in m.unknown],
        "raw": m.raw,
        "line": _line(src, m.span),
    }


def _eo_dict(src: Source, eo: EOLine | None) -> dict[str, Any] | None:
    if eo is None:
        return None
    d = eo.decl
    return {
        "order": _value(eo.order),
        "declassify_on": d.raw if d else None,
        "decl_kind": d.kind if d else None,
        "decl_date": d.date.isoformat() if d and d.date else None,
        **({"decl_years": d.years} if d and d.years else {}),  # a period ("DECL: TWENTY YEARS")
        "downgrade": None if d is None or d.downgrade is None else {
            "level": d.downgrade.value or None, "raw": d.downgrade.raw,
            "date": d.downgrade_date.isoformat() if d.downgrade_date else None},
        "line": _line(src, eo.span),
    }


def _clby_dict(src: Source, c: ClassifiedBy | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "name": _value(c.name),
        "title": _value(c.title),
        "office": _value(c.office),
        "authority": _value(c.authority),
        "section": _value(c.section),
        "reasons": [r.value for r in c.reasons],
        "line": _line(src, c.span),
    }


def _derived_dict(src: Source, doc: Document) -> dict[str, Any] | None:
    """A `Derived From:` field line: its source as written and the reasons read on it."""
    tok = doc.fields.get("Derived From")
    if tok is None:
        return None
    return {"source": tok.value, "reasons": [r.value for r in doc.derived_reasons], "line": _line(src, tok.span)}


def _date_shown(date: CableDate) -> str | None:
    """The date as inspect shows it: only the year when no more is known (the
    file name's year is a year, not 1 January)."""
    if date.value is None:
        return None
    return str(date.value.year) if date.source == "filename-year" else date.value.isoformat()

