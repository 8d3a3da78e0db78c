"""Stage 1 (with repair.split_run_on_header): a paragraph run on after the Classified By's reasons.

Some exports lost the line break between the Classified By statement and the
paragraph after it ("... Reason 1.4 (c)  (S/NF) HMG agrees ..."). Left whole,
the paragraph's text would be read as the statement's tail and its mark never
checked; so the line is cut at the mark (repair `text-after-reasons`) and the
body reader meets the paragraph at a line start. A parenthesis after the
reasons is not always a mark: the list's own last letter ("1.4 (b) and (C)")
or a word ("(C/O) Embassy Oslo", care of) may stand there. So the cut is made
only at what the vocabulary reads whole as a portion mark (a known level, every
control known), right after the reason words, a capital after it; a lone
letter a-h only once the list has closed, with a full stop ("(b/d).  (C) The") or "and (d)".

Whether the body then reads the split-off text as a paragraph is the body
reader's business (a cable's unnumbered text before numbered paragraphs is no
paragraph of it): `settle_split` says in the note which it was, after the body
is read. Kept apart from repair.py, whose job is the header's fields.
"""
from __future__ import annotations

from ..document import Document, Repair, Span
from ..rx import rx
from ..vocabulary import Vocabulary

REPAIR = "text-after-reasons"
# The words that tell a Classified By's reason list ("1.4", "Reason").
CLBY_REASON_HINT = rx(r"(?<![\d.])1\s?[./:]\s?[45]|(?i:reason)")
# A mark after the reasons, its paragraph's number before it or not ("b, d  1.  (C) UK ..."): a
# level, caveats or not, then a capital. Whether it is a mark the vocabulary decides (_is_mark);
# group `lone` a lone letter a-h, maybe the reason list's own "(C)".
CLBY_PARA_MARK_RE = rx(r"(?<=\S[ \t]+)(?P<num>¶?[1-9]\d?\.[ \t]+)?\((?P<mark>[ \t]*(?:(?P<lone>[A-H](?=[ \t]*\)))"
                       r"|U|C|S|TS|SBU)(?:[ \t]*/{1,2}[ \t]*[A-Z]{1,8})*[ \t]*)\)(?=[ \t]+[A-Z])")
CLBY_START_RE = rx(r"[Cc](?i:lassified\s+by)\b")
# What may stand between the reason hint and that mark: the reason list ("1.4 (b) and (d).").
CLBY_REASONS_RE = rx(r"(?i:s)?(?:[\s.,;:/&()-]|1\s?[./]\s?[45]|[A-Ha-h](?![A-Za-z])"
                     r"|(?i:and|or|reasons?)(?![A-Za-z])){0,60}")
# A reason list closed by a full stop after its last letter ("1.4 (b/d).", "1.4 b and d.") or by
# "and (d)": a lone "(C)" after it, a capital after that, is no reason letter.
CLOSED_LIST_RE = rx(r"1\s?[./]\s?[45][^\n]*?(?:(?<![A-Za-z])[A-Ha-h]\)?[ \t]*\.|(?i:and|or)[ \t]*\(?[A-Ha-h]\)?)[ \t]*$")


def _is_mark(content: str, vocab: Vocabulary) -> bool:
    """Whether the vocabulary reads `content` (a mark's inside) whole as a
    portion mark: a level and only controls it knows ("C/O" is not one)."""
    mk = vocab.parse_portion(content, 0)
    return mk is not None and mk.level is not None and not mk.unknown


def clby_paragraph(text: str, cuts: list[int], vocab: Vocabulary) -> int | None:
    """Where a paragraph's own mark, its text after it, runs on right after the
    reasons of the Classified By statement that is this line's last field (only
    reason words between: CLBY_REASONS_RE); None when there is none (the body
    starts a line of its own, or paragraph 1's number was cut off already)."""
    c = cuts[-1] if cuts else 0
    if not CLBY_START_RE.match(text, c + len(text[c:]) - len(text[c:].lstrip())):
        return None
    hint = CLBY_REASON_HINT.search(text, c)
    if hint is None:
        return None
    for m in CLBY_PARA_MARK_RE.finditer(text, hint.end()):
        if not CLBY_REASONS_RE.fullmatch(text, hint.end(), m.start()):
            return None  # other words before it: no mark right after the reasons
        if m["lone"] and not m["num"] and not CLOSED_LIST_RE.search(text, c, m.start()):
            continue  # "(b) and (C) The": maybe the list's own last letter ("1. (C) The" is a paragraph)
        if _is_mark(m["mark"], vocab):
            return m.start()
    return None


def split_note(text: str, para: int, start: int) -> Repair:
    """The repair for the text split off at `para` of a line starting at `start`."""
    mark = text[para:].split(")")[0] + ")"
    return Repair(REPAIR, Span(start + para, start + len(text.rstrip())),
                  f"the text run on after the Classified By's reasons split off at its mark {mark}")


def settle_split(doc: Document) -> None:
    """Say in each text-after-reasons note whether the body read the split-off
    text as a paragraph (once doc.paragraphs is final): a cable's unnumbered
    text before its numbered paragraphs is none, and its mark goes unchecked."""
    for r in doc.repairs:
        if r.name != REPAIR:
            continue
        read = any(p.span.start <= r.span.start < p.span.end for p in doc.paragraphs)
        r.detail += ("; read as the paragraph it opens" if read else
                     "; read as no paragraph: numbered paragraphs follow, and unnumbered text before them is none")
