"""The repair `csv-debris`: a CSV export's row quoting left inside header fields.

An export that wrote the cable's lines as quoted CSV fields left, where a line
broke, runs of commas and quotes (`000061 ,,"" ,,""`, `PLANS ,,""NEW`,
`2031 "`) and doubled each quote the drafter wrote (`""BLUE LINE""`). Read
into the SUBJECT, a REF entry or the DECL value they make it wrong; each is
read without them (the doubled quote single again), the repair recorded. A
stage of its own after the header is read: the fields it cleans come from
several readers (fields.py, refs.py, the whole-copy readers).

The same export wrote the row's other fields after the cable's text: the
archive's metadata row (`0 02/23/2009 7601 PGOV,PHUM,EG`: id, date, number,
TAGS), then the cable's title and an excerpt of its text. Among the file's
last lines, the body ends before that row (`archive_row`, before stage 4):
neither it nor the excerpt is read as the cable's paragraphs or headings.
"""
from __future__ import annotations

from typing import Any

from ..document import DeclValue, Document, Repair, Span, Token
from ..rx import rx
from ..vocabulary import Vocabulary
from .decl import parse_decl
from .lines import Line

# A run of commas and quotes after a blank (or at the start) that holds a comma
# and a quote (`,,""`, `,"`, `"",`), glued to the next word or not; or quotes
# alone standing as a word of their own (`"`, `""`). Quotes glued to a word
# (`"COUP,"`, `""GOLD`) are the drafter's, doubled or not.
DEBRIS_RE = rx(r'(?<!\S)(?:(?=[,"]*,)(?=[,"]*")[,"]+|"+(?=\s|$))')
# What the debris leaves at a value's end: blanks.
_TRAIL_RE = rx(r'(?:\s*(?<!\S)(?:(?=[,"]*,)(?=[,"]*")[,"]+|"+))+\s*$')


def clean(value: str) -> str:
    """`value` without CSV debris, its doubled quotes single, blanks joined."""
    if '"' not in value:
        return value
    return " ".join(DEBRIS_RE.sub(" ", value).replace('""', '"').split())


def _trail_end(text: str, span: Span) -> int:
    """Where the field at `span` ends without the debris that ends it."""
    m = _TRAIL_RE.search(text, span.start, span.end)
    return m.start() if m is not None and m.start() > span.start else span.end


def _token(tok: Token, text: str) -> Token | None:
    """`tok` read without debris; None when it holds none."""
    value = clean(tok.value)
    if value == tok.value:
        return None
    end = _trail_end(text, tok.span)
    return Token(value, Span(tok.span.start, end), _TRAIL_RE.sub("", tok.raw) or tok.raw)


def _decl(d: DeclValue, text: str, vocab: Vocabulary) -> DeclValue | None:
    """The DECL value read again without the debris that ends it; None when it has none."""
    end = _trail_end(text, d.span)
    if end == d.span.end or clean(d.raw) == d.raw:
        return None
    return parse_decl(text[d.span.start:end], d.span.start, vocab)


def _note(span: Span, what: str) -> Repair:
    return Repair("csv-debris", span, f"CSV row quoting dropped from the {what}")


def drop_csv_debris(doc: Document, vocab: Vocabulary) -> None:
    """Read the SUBJECT, the REF entries and the DECL value without CSV debris,
    each change recorded."""
    text = doc.text
    if '"' not in text:
        return
    if doc.subject is not None:
        got = _token(doc.subject, text)
        if got is not None:
            doc.repairs.append(_note(doc.subject.span, "SUBJECT"))
            doc.subject = got
    for k, ref in enumerate(doc.refs):
        got = _token(ref, text)
        if got is not None:
            doc.repairs.append(_note(ref.span, "REF"))
            doc.refs[k] = got
    decl = doc.eo.decl if doc.eo is not None else None
    got_decl = _decl(decl, text, vocab) if decl is not None else None
    if got_decl is not None:
        doc.repairs.append(_note(decl.span, "DECL value"))
        doc.eo.decl = got_decl


# The archive's row stands among the file's last lines with text (itself, the title, an excerpt).
ARCHIVE_ROW_REACH = 3


def archive_row(doc: Document, lines: list[Line], body_idx: int, vocab: Vocabulary) -> int:
    """The index of the archive's metadata row (markings.yaml `archive_row_patterns`)
    among the last ARCHIVE_ROW_REACH lines with text after the body's start, the
    repair that says it and what follows it are no part of the cable recorded;
    len(lines) when there is none. A row with more after it (the cable written
    again) is left to the copy readers (copies.py)."""
    seen = 0
    for i in range(len(lines) - 1, body_idx, -1):
        s = lines[i].text.rstrip()
        if not s.strip():
            continue
        if _is_archive_row(vocab.archive_row_re.match(s), doc):  # at the line's start: no blank before it
            end = len(doc.text.rstrip())
            upto = f", and its title and excerpt to line {doc.source.line_col(end)[0]}," if seen else ""
            doc.repairs.append(Repair("csv-debris", Span(lines[i].start, end), "the archive's metadata row "
                                      f"(id, date, number, TAGS) after the cable{upto} read as no part of the cable"))
            return i
        seen += 1
        if seen >= ARCHIVE_ROW_REACH:
            break
    return len(lines)


def _is_archive_row(m: Any, doc: Document) -> bool:
    """A row of the archive's shape at the line's start whose TAGS (a `tags`
    group) are two or more, joined by commas, all the cable's own: the
    archive's index row repeats the cable's TAGS list, a table row of the
    body ("14 01/19/2009 500 MT BERGEN": metric tons, or Malta) does not. A
    pattern without the group is judged by its shape alone."""
    if m is None:
        return False
    if "tags" not in m.re.groupindex:
        return True
    row = [t.upper() for t in m["tags"].split(",")]
    own = {t.value.upper() for t in doc.tags}
    return len(row) >= 2 and set(row) <= own
