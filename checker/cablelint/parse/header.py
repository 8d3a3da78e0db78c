"""Stage 3, the header: routing lines, banner, captions and the header fields
up to the first paragraph.

A small state machine over the classified lines: it fills the Document's
header parts and returns where the body starts. The routing lines are read by
routing.py, each field by a pure reader (fields.py, refs.py, clby.py with
names.py); the order of the recognisers is lines.RECOGNISERS.
"""
from __future__ import annotations

import regex

from ..document import ClassifiedBy, Document, Repair, Span, Token
from ..vocabulary import Vocabulary
from .labels import labels
from . import banner as bn
from . import memo
from .clby import damaged_clby, read_classified_by, reasons_of_field
from .derived import derived_reasons
from .lone import prose_goes_on
from .fields import (
    eo_label_repairs, lost_letter_repair, read_declassify_on, read_eo, read_field, read_ref, read_subject, read_tags,
    opens_with_banner, tags_continue, read_unlabelled_ref,
)
from .dating import DTG_RE
from .routing import PRECEDENCE_LETTERS, routing_line
from .subject_glue import cut_subject_glue
from .subject_routing import note_routing_text
from .subject_stray import cut_stray_line
from .refs import read_refs, ref_page_marks, unseen_refs
from .lines import (
    BULLET_RE, CLBY_RE, Kind, Line, classify, is_shortish_header, may_open_field, page_mark, para_start,
    portion_start,
)
from .shape import has_categories, is_marked
from ..rx import rx

# How far into the file the routing header and banner are looked for (lines).
HEADER_LINES = 120
# Without a banner, the header fields are given up this many lines in.
FIELDS_WITHOUT_BANNER = 80
# The fields read once: a second E.O. or TAGS line is read as what else it may be.
_FIELDS_ONCE = frozenset({"eo", "tags", "subject", "classified_by", "ref"})
_NO_SKIP: frozenset[str] = frozenset()
# classify's answers by line text (header lines repeat across cables: SIPDIS, DEPT FOR ..., TAGS: PREL),
# one memo for each `skip` the header asks with (keyed by the text alone: no tuple built and hashed per ask).
_KIND_MEMOS = {_NO_SKIP: memo.TextMemo(), _FIELDS_ONCE: memo.TextMemo()}


def _kind(text: str, vocab: Vocabulary, skip: frozenset[str] = _NO_SKIP) -> Kind:
    """classify(text, vocab, skip), a pure function of the line, memoised."""
    known = _KIND_MEMOS.get(skip)
    if known is None or len(text) > memo.MEMO_TEXT_MAX:
        return classify(text, vocab, skip)
    table = known.table(vocab)
    got = table.get(text)
    if got is None:
        got = table[text] = classify(text, vocab, skip)
    return got


def _set_banner(doc: Document, got: bn.Banner) -> None:
    if got.section:
        doc.sections.append(got.section)
    doc.post = got.post or doc.post
    doc.serial = got.serial or doc.serial
    doc.banner = got.marking
    doc.banners.append(got.marking)


def read_top(doc: Document, lines: list[Line], vocab: Vocabulary) -> tuple[int | None, int]:
    """Routing header and banner: (index of the banner line or None, lines of routing header).
    A banner that a routing header follows stands in an export's preamble (a mail
    copy's or the archive's metadata, `_routing_follows`): it is passed over for the
    cable's own banner after that routing header, and kept only when none comes."""
    banner_idx = None
    header_end = 0
    passed: tuple[int, tuple[bn.Banner, list[Repair]]] | None = None
    for i, line in enumerate(lines[:HEADER_LINES]):
        if not line.text.strip():
            continue
        if passed is None and may_open_field(line.text, vocab) and _kind(line.text, vocab).name in (
                "eo", "tags", "subject"):
            break  # the cable's own fields: no banner above them (it was lost in the export)
        if passed is not None and _own_text_begins(line.text, vocab):
            break  # past a preamble, the cable's E.O. line or first paragraph: its own banner was lost
        if routing_line(doc, line, vocab):
            header_end = i + 1
            continue
        got = bn.banner_at_start(line, vocab)
        if got and passed is None and _routing_follows(lines, i, vocab):
            passed = (i, got)
            continue
        if got:
            banner_idx = i
            _set_banner(doc, got[0])
            doc.repairs.extend(got[1])
            if passed is not None:
                doc.repairs.append(Repair("banner-after-preamble", got[0].marking.span,
                                          f"the banner on line {passed[0] + 1} is the export preamble's"))
            break
    if banner_idx is None and passed is not None:
        banner_idx, (b, repairs) = passed
        _set_banner(doc, b)
        doc.repairs.extend(repairs)
    if banner_idx is None:
        found = bn.banner_anywhere(lines, vocab)
        if found:
            banner_idx = found[0]
            _set_banner(doc, found[1])
            doc.repairs.extend(found[2])
    if doc.header and header_end:
        last = lines[header_end - 1]
        doc.header.span = Span(doc.header.span.start, last.start + len(last.text))
    return banner_idx, header_end


# A routing header's first line: the transmission id, or the DE line naming the station.
ROUTING_OPEN_RE = rx(r"^\s*(?:VZCZC|DE R[A-Z]{3,4}\b)")
# How far after a banner a routing header that starts shows it to be a preamble's (lines).
PREAMBLE_REACH = 20


def _is_precedence_dtg(text: str) -> bool:
    """Whether a line opens with a precedence and a DTG ("O 251814Z SEP 09"), a
    routing header's first line when it has no VZCZC or DE line (the precedence
    is required: a bare date-time group may open a line of prose)."""
    if text.lstrip()[:1] not in PRECEDENCE_LETTERS:
        return False
    m = DTG_RE.match(text)
    return m is not None and m.end("prec") > m.start("prec")


def _own_text_begins(text: str, vocab: Vocabulary) -> bool:
    """Whether a line after a preamble's banner is the cable's own E.O. line or
    a numbered paragraph: a banner further on is a section's, not the cable's.
    (TAGS and SUBJECT lines do not end the search: an archive's metadata
    between the routing header and the banner holds them.)"""
    if para_start(text) is not None:
        return True
    return may_open_field(text, vocab) and _kind(text, vocab).name == "eo"


def _routing_follows(lines: list[Line], i: int, vocab: Vocabulary) -> bool:
    """Whether a routing header starts within PREAMBLE_REACH lines after the
    banner on line i, before any header field: a cable's banner comes after its
    routing header, so this one is an export preamble's ("S E C R E T DOHA
    00214" in a mail copy's head, "SECRET//NOFORN" among the archive's metadata,
    "UNCLASSIFIED   STATE   00100153" a page head above a routing header that
    opens with its precedence and DTG, no VZCZC or DE line)."""
    for line in lines[i + 1:i + 1 + PREAMBLE_REACH]:
        t = line.text
        if ("VZCZC" in t or "DE R" in t) and ROUTING_OPEN_RE.match(t):  # the pattern's literals, a C-speed gate
            return True
        if _is_precedence_dtg(t):
            return True
        if t.strip() and may_open_field(t, vocab) and _kind(t, vocab).name in ("eo", "tags", "subject"):
            return False
    return False


def add_field(doc: Document, fm: regex.Match, off: int, vocab: Vocabulary) -> None:
    """A `Name: value` line into doc.fields (once per span)."""
    key, tok = read_field(fm, off, vocab)
    if any(t.span == tok.span for _, t in doc.field_list):
        return  # already read (a Reason line joined to its Classified By)
    doc.fields.setdefault(key, tok)
    doc.field_list.append((key, tok))
    low = key.lower()
    if low == "declassify on" and doc.declassify_on is None:
        doc.declassify_on = read_declassify_on(tok, vocab)
    if low == "derived from" and not doc.derived_reasons:
        doc.derived_reasons = derived_reasons(tok)
    if low == "classified by" and doc.classified_by is None:
        doc.classified_by = ClassifiedBy(tok.span, authority=tok)
    if low in ("reason", "reasons") and doc.classified_by is not None and not doc.classified_by.reasons:
        got = reasons_of_field(tok.value, tok.span.start)
        if got:
            doc.classified_by.section, doc.classified_by.reasons = got


def _read_damaged_clby(doc: Document, lines: list[Line], i: int, m: regex.Match, vocab: Vocabulary) -> int:
    """The repair `damaged-label`: the statement read after its damaged label; the index after it."""
    start = lines[i].start
    doc.repairs.append(Repair("damaged-label", Span(start + m.start("label"), start + m.end("label")),
                              f"{m['label']} read as Classified By"))
    return read_clby(doc, lines, i, m, vocab)


def read_clby(doc: Document, lines: list[Line], i: int, m: regex.Match, vocab: Vocabulary) -> int:
    """The Classified By statement at line i into the Document; the index after it."""
    got = read_classified_by(lines, i, m, vocab, doc.text)
    for j in got.reason_lines:
        fm = vocab.field_re.match(lines[j].text)
        if fm:
            add_field(doc, fm, lines[j].start, vocab)
    doc.classified_by = got.value
    doc.repairs.extend(got.repairs)
    return got.next


# "BY:" starting a line whose label began at the end of an earlier line ("... CLASSIFIED" / "BY: ...").
SPLIT_BY_RE = rx(r"^\s*BY\s*:", regex.IGNORECASE)
SPLIT_HEAD = "CLASSIFIED"


def split_clby(doc: Document, lines: list[Line], i: int, vocab: Vocabulary) -> int | None:
    """A Classified By label split over a line break: "CLASSIFIED" ends an
    earlier line (the subject's), "BY:" starts line i. Read the statement,
    take the word off the subject and record the repair; the index after it,
    or None when line i is no such line."""
    m = SPLIT_BY_RE.match(lines[i].text)
    k = i - 1
    while k >= 0 and not lines[k].text.strip():
        k -= 1
    prev = lines[k].text.rstrip() if k >= 0 else ""
    if not m or not prev.upper().endswith(SPLIT_HEAD) or prev[-len(SPLIT_HEAD) - 1:-len(SPLIT_HEAD)].isalpha():
        return None
    head = lines[k].start + len(prev) - len(SPLIT_HEAD)
    nxt = read_clby(doc, lines, i, m, vocab)
    cb = doc.classified_by
    if cb is not None:
        cb.span = Span(head, cb.span.end)
    sub = doc.subject
    if sub is not None and sub.span.end == head + len(SPLIT_HEAD):
        value = sub.value[:-len(SPLIT_HEAD)].rstrip()
        raw = doc.text[sub.span.start:head].rstrip()
        doc.subject = Token(value, Span(sub.span.start, sub.span.start + len(raw)), raw)
    doc.repairs.append(Repair("split-label", Span(head, lines[i].start + m.end()),
                              "CLASSIFIED / BY: read as one label"))
    return nxt


def unlabelled_tags(doc: Document, line: Line, vocab: Vocabulary) -> bool:
    """A line of TAG-shaped words alone (two or more) right after the E.O.
    line, before any TAGS and SUBJECT: the TAGS line without its label. Read
    into doc.tags with the repair recorded; False when the line is no such line."""
    if doc.eo is None or doc.tags_line is not None or doc.subject is not None or not tags_continue(line, vocab):
        return False
    tags = read_tags(line, 0, vocab)
    if len(tags.tags) < 2:
        return False
    doc.tags_line, doc.tags = tags.line, tags.tags
    doc.repairs.append(Repair("unlabelled-tags", tags.line.span, "TAGS read without their label after the E.O. line"))
    return True


def _field_read(doc: Document) -> bool:
    """Whether a header field was read: a banner after one is written again (a
    banner before any is the cable's own after a preamble's, CL914's case)."""
    return bool(doc.eo or doc.tags_line or doc.subject or doc.classified_by)


def _body_starts(doc: Document, lines: list[Line], i: int, kind: str, vocab: Vocabulary) -> bool:
    """Whether this header-area line (line i) is the first of the body."""
    line = lines[i]
    if kind == "paragraph":
        return True
    pm = portion_start(line.text, line.start, vocab)
    if pm and (doc.eo or doc.tags_line or doc.subject):
        return True
    if kind != "text":
        return False
    if pm and (doc.banner or doc.fields or not doc.header or "//" in pm.raw or has_categories(pm.level, vocab)):
        return True
    s = line.text.strip()
    if is_marked(doc, vocab) and (BULLET_RE.match(line.text) or not is_shortish_header(s, vocab)):
        return True  # an IC/CUI-marked document: its first bullet or prose line starts the body
    # Unnumbered body text after the header (a lone paragraph).
    return bool(doc.subject and (doc.eo or doc.tags_line)
                and (not is_shortish_header(s, vocab) or prose_goes_on(lines, i, vocab)))


def _read_field_line(doc: Document, lines: list[Line], i: int, kind: Kind, vocab: Vocabulary) -> int:
    """Read the field of kind `kind` at line i; the index after it."""
    line, m = lines[i], kind.match
    if kind.name == "page":
        doc.sections.append(page_mark(line))
    elif kind.name == "eo":
        doc.eo = read_eo(line, m, vocab)
        doc.repairs.extend(eo_label_repairs(line, m, doc.eo))
        cm = CLBY_RE.search(line.text) if doc.classified_by is None else None
        if cm:  # a CLASSIFIED BY run into the same line is still ours
            read_clby(doc, lines, i, cm, vocab)
    elif kind.name == "tags":
        tags = read_tags(line, m.start("rest"), vocab)
        doc.tags_line, doc.tags = tags.line, tags.tags
        if kind.lost_first:
            doc.repairs.append(lost_letter_repair(line, m, "TAGS"))
        if tags.debris:
            doc.repairs.append(_debris(tags.line.span, "TAGS"))
        j = i + 1
        lower = tags.line.value.rstrip().endswith(",") and tags.line.value.islower()
        while j < len(lines) and tags_continue(lines[j], vocab, lower):  # the list goes on on the next line
            doc.tags.extend(read_tags(lines[j], 0, vocab).tags)
            j += 1
        if j > i + 1:
            last = lines[j - 1]
            doc.repairs.append(Repair("wrapped-field", Span(tags.line.span.start, last.start + len(last.text.rstrip())),
                                      f"TAGS read over {j - i} lines"))
        return j
    elif kind.name == "subject":
        got = cut_stray_line(doc, lines, i, read_subject(lines, i, m, vocab, doc.post), vocab)
        doc.subject, doc.subject_portion = got.subject, got.portion or doc.subject_portion
        cut_subject_glue(doc, vocab, lines)
        note_routing_text(doc, lines)
        if got.ref:
            doc.refs.append(got.ref)
            doc.repairs.append(Repair("run-on-header", got.ref.span, "REF read from the SUBJECT line"))
            doc.sections.extend(ref_page_marks(doc.text, [got.ref], doc.sections, doc.post, doc.repairs))
        if kind.lost_first:
            doc.repairs.append(lost_letter_repair(line, m, "SUBJECT"))
        if got.tail:
            doc.repairs.append(Repair("subject-after-blank", got.tail, "SUBJECT read on after a blank line"))
        return got.next
    elif kind.name == "classified_by":
        return read_clby(doc, lines, i, m, vocab)
    elif kind.name == "ref":
        dm = damaged_clby(line.text, vocab) if doc.classified_by is None else None
        if dm is None:
            refs = read_refs(lines, i, m, vocab, doc.post)
            doc.refs.extend(unseen_refs(doc.refs, refs))
            doc.sections.extend(ref_page_marks(doc.text, refs, doc.sections, doc.post, doc.repairs))
            return i + 1
        head = Line(line.text[:dm.start()], line.start)  # "REF: ... Classiied By: CDA ...": the REF ends there
        doc.refs.append(read_ref(head, labels(vocab).ref.match(head.text), vocab, doc.post))
        return _read_damaged_clby(doc, lines, i, dm, vocab)
    elif kind.name == "field":
        add_field(doc, m, line.start, vocab)
    return i + 1


# A line of captions alone is short ("SECRET//NOFORN", "NOFORN SIPDIS").
CAPTION_LINE_MAX = 40


def _debris(span: Span, what: str) -> Repair:
    return Repair("markdown-debris", span, f"link debris read through in {what}")


def _once(doc: Document, name: str) -> bool:
    """Whether a header field of this kind may still be read (each once)."""
    if name == "eo":
        return doc.eo is None
    if name == "tags":
        return doc.tags_line is None
    if name == "subject":
        return doc.subject is None
    if name == "classified_by":
        return doc.classified_by is None
    return name != "ref" or bool(doc.eo or doc.tags_line or doc.subject)


def _whole_line(text: str, line: Line) -> bool:
    """Whether `line` is a whole physical line: a banner run into an export's
    preamble or into header fields is not followed by captions of its own."""
    end = line.start + len(line.text)
    return (line.start == 0 or text[line.start - 1] == "\n") and text[end:end + 1] in ("\n", "\r", "")


def _caption_like(text: str) -> bool:
    """A short line: after a field it may still be a line of captions (NOFORN, a lower-cased `Sensitive`)."""
    return len(text.strip()) <= CAPTION_LINE_MAX


def read_fields(doc: Document, lines: list[Line], i: int, banner_idx: int | None, vocab: Vocabulary) -> int:
    """The header fields from line i to the first line of the body; its index."""
    in_captions = True
    last = ""  # the kind of the last line with text
    late_captions = banner_idx is not None and _whole_line(doc.text, lines[banner_idx])
    n = len(lines)
    while i < n:
        line = lines[i]
        text = line.text
        if not text.strip():
            i += 1
            continue
        kind = _kind(text, vocab)
        if kind.name not in ("paragraph", "page", "text", "field") and not _once(doc, kind.name):
            kind = _kind(text, vocab, _FIELDS_ONCE)
        if last == "eo" and kind.name == "text" and unlabelled_tags(doc, line, vocab):
            i, last = i + 1, "tags"
            continue
        if last == "subject" and kind.name == "text" and not doc.refs and read_unlabelled_ref(doc, lines, i, vocab):
            i, last = i + 1, "ref"
            continue
        dm = damaged_clby(text, vocab) if kind.name == "text" and doc.classified_by is None else None
        if dm is not None and not text[:dm.start()].strip():  # at the line's start: where a label stands
            i, last = _read_damaged_clby(doc, lines, i, dm, vocab), "classified_by"
            continue
        last = kind.name
        if doc.classified_by is None and text.lstrip()[:2].upper() == "BY":
            after = split_clby(doc, lines, i, vocab)
            if after is not None:
                i = after
                continue
        if kind.name == "text" and doc.banner is not None and _field_read(doc) and (
                bn.banner_again(doc, line, vocab) or opens_with_banner(line, vocab, doc.post)):
            i += 1  # a section's banner, or the header written again run on ("UNCLAS OSLO 000123 SIPDIS ...")
            continue
        if _body_starts(doc, lines, i, kind.name, vocab):
            return i
        if banner_idx is not None and kind.name != "field" and (in_captions or late_captions and _caption_like(text)
                                                                and bn.may_be_captions(text, vocab)):
            # Captions stand under the banner; a line of captions alone may come after a field (NOFORN after SUBJECT)
            controls, whole = bn.caption_controls(text, line.start, vocab)
            lone = in_captions and not whole and kind.name == "text" and _caption_like(text)
            typo = bn.caption_typo(text, line.start, vocab) if lone else None
            if typo:
                (controls, fix), whole = typo, True
                doc.repairs.append(fix)
            if in_captions or whole:
                doc.captions.extend(controls)
            if whole:
                i += 1
                continue
        if kind.name in ("eo", "tags", "subject", "classified_by", "ref"):
            in_captions = False
        if kind.name != "text":
            i = _read_field_line(doc, lines, i, kind, vocab)
            continue
        i += 1
        if i - (banner_idx or 0) > FIELDS_WITHOUT_BANNER and doc.banner is None:
            break
    return i if i < n else n
