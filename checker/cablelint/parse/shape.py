"""Which kind of document this is: a telegram, or an IC/ISOO- or CUI-marked
document. The engine picks the rule sets by it (`applies: {shape: ...}`)."""
from __future__ import annotations

from ..document import Document
from ..vocabulary import Vocabulary

# Fields that make a document without a telegram header an IC/ISOO- or CUI-marked one.
MARKED_FIELDS = ("Derived From", "Declassify On", "Controlled By", "CUI Category")


def has_categories(level: str | None, vocab: Vocabulary) -> bool:
    lv = vocab.levels.get(level or "")
    return bool(lv and lv.categories)


def is_marked(doc: Document, vocab: Vocabulary) -> bool:
    """An IC/ISOO- or CUI-marked document (banner `SECRET//NOFORN` or `CUI`, or
    an authority block / designation indicator without a banner), not a telegram."""
    if doc.header or doc.eo or doc.tags_line:
        return False
    b = doc.banner
    if b is not None:
        if b.form == "capco" or has_categories(b.level, vocab):
            return True
        # A bare level at top and bottom, with no post and serial: the ISOO layout.
        f = doc.footer
        return bool(f and f.level == b.level and not doc.post and not doc.sections)
    return any(k in doc.fields for k in MARKED_FIELDS)


def shape_of(doc: Document, vocab: Vocabulary) -> str:
    """cable | capco | cui | unknown.

    Telegram parts (routing header, E.O. line, TAGS, `POST 001234` on the
    banner line) make a cable, first. A CUI control marking, or a designation
    indicator or (CUI) portions on an unclassified document, make a CUI
    document. An IC-style banner or portion (`SECRET//NOFORN`, `(S//NF)`),
    an authority block without telegram parts, or a bare banner repeated at
    the bottom over marked blocks make a CAPCO-marked document. No marking
    at all is `unknown`.
    """
    b = doc.banner
    if doc.header or doc.eo or doc.tags_line or (b and b.form == "cable" and (doc.post or doc.sections)):
        return "cable"  # a telegram, whatever its banner says (a CUI cable is still a cable)
    if b and has_categories(b.level, vocab):
        return "cui"
    portions = [p.portion for p in doc.paragraphs if p.portion]
    portions += [doc.subject_portion] if doc.subject_portion else []
    levels = [b.level] if b else [m.level for m in portions]
    classified = any(vocab.is_classified(lv) for lv in levels)
    if not classified and ("Controlled By" in doc.fields or "CUI Category" in doc.fields or
                           any(has_categories(m.level, vocab) for m in portions)):
        return "cui"
    if b and b.form == "capco" or any("//" in m.raw for m in portions):
        return "capco"
    if "Derived From" in doc.fields or "Declassify On" in doc.fields:
        return "capco"
    if b:
        if doc.footer and portions and all(p.number is None for p in doc.paragraphs):
            return "capco"
        return "cable"
    return "capco" if portions else "unknown"
