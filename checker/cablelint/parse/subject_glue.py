"""What a web export that lost line breaks ran onto the end of the SUBJECT line.

A continuation page's mark (`... END OF MAY PARIS 00000579 001.2 OF 002`) or a
handling caveat line (handling_lines in rules/markings.yaml) then ends the
line, and would be read as the subject's last words. Each is cut off the
subject as a named repair; the page mark is still the cable's page (as a mark
run into a REF is, refs.ref_page_marks).
"""
from __future__ import annotations

from bisect import bisect_right


from ..document import Document, Repair, SectionMark, Span, Token
from ..vocabulary import Vocabulary
from .labels import labels
from .lines import LINE_START, PAGE_INLINE_RE, Line, page_mark_start
from .refs import first_below
from ..rx import rx

# What may follow a glued page mark on its line: blanks, a TSV export's backslash.
_LINE_END_RE = rx(r"[ \t]*\\?[ \t]*$")


def cut_subject_glue(doc: Document, vocab: Vocabulary, lines: list[Line]) -> None:
    """Cut a page mark, then a handling caveat, then a glued REF label off the
    end of `doc.subject` (read from `lines`) when its last line ends with one;
    record each cut."""
    def ref_label_cut(d: Document, at: int, v: Vocabulary) -> tuple[int, Repair] | None:
        return _ref_label_cut(d, at, v, lines)

    for cut in (_page_mark_cut, _handling_cut, ref_label_cut):
        sub = doc.subject
        if sub is None:
            return
        got = cut(doc, _last_line_start(doc.text, sub), vocab)
        if got is not None:
            start, repair = got
            doc.subject = _cut_at(doc.text, sub, start)
            doc.repairs.append(repair)


def _last_line_start(text: str, sub: Token) -> int:
    """Where the text of the subject's last line starts: its label's line, or a wrapped line."""
    return max(sub.span.start, text.rfind("\n", 0, sub.span.end) + 1)


def _page_mark_cut(doc: Document, at: int, vocab: Vocabulary) -> tuple[int, Repair] | None:
    """Where a page mark that ends the subject's last line starts, reading it
    into doc.sections; None when there is none."""
    end = doc.subject.span.end
    m = next((m for m in PAGE_INLINE_RE.finditer(doc.text, at, end) if _LINE_END_RE.match(doc.text, m.end(), end)),
             None)
    if m is None:
        return None
    start = page_mark_start(doc.text, m, doc.post)
    if start <= at:
        return None  # the mark alone, no subject before it
    span = Span(m.start("n"), m.end("m"))
    if all((s.span.start, s.span.end) != (span.start, span.end) for s in doc.sections):
        doc.sections.append(SectionMark(int(m["n"]), int(m["m"]), span, "page"))
    return start, Repair("glued-page-mark", Span(start, m.end()),
                         f"page mark {m['n']} OF {m['m']} cut from the SUBJECT's end")


def _handling_cut(doc: Document, at: int, vocab: Vocabulary) -> tuple[int, Repair] | None:
    """Where a handling caveat line that ends the subject's last line starts; None when there is none."""
    m = labels(vocab).handling_tail.search(doc.text, at, doc.subject.span.end)
    if m is None or not doc.text[at:m.start()].strip():
        return None
    return m.start(), Repair("glued-caveat", Span(m.start(), m.end("line")),
                             "a handling caveat line cut from the SUBJECT's end")




def _ref_label_cut(doc: Document, at: int, vocab: Vocabulary, lines: list[Line]) -> tuple[int, Repair] | None:
    """Where a REF label glued to the subject's last word starts, reading the
    list it opens into doc.refs: its first item under the label's line, as
    under an empty REF line (refs.first_below); None when there is none."""
    m = labels(vocab).glued_ref.search(doc.text, at, doc.subject.span.end)
    if m is None:
        return None
    i = bisect_right(lines, m.start(), key=LINE_START) - 1
    below = first_below(lines, i, vocab, doc.post)
    if below is None:
        return None
    doc.refs.append(below[1])
    return m.start(), Repair("glued-ref-label", Span(m.start(), m.end()),
                             "a REF label glued to the SUBJECT's last word cut off; its list read from the lines under it")


def _cut_at(text: str, sub: Token, start: int) -> Token:
    """`sub` without what its last line holds from offset `start` on."""
    keep = len(text[sub.span.start:start].rstrip())
    end = sub.span.start + keep
    drop = sub.span.end - end  # the characters cut off the raw text's end, blanks before the cut included
    raw = sub.raw.rstrip()
    raw = raw[:len(raw) - drop]
    return Token(" ".join(raw.split()).rstrip("\\ "), Span(sub.span.start, end), raw)
