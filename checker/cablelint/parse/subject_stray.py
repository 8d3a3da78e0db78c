"""The repair `stray-subject-line`: a line in mixed case that follows an
upper-case SUBJECT wrapped over lines is no part of it.

A drafter's upper-case subject goes on in upper case; a following line in
small letters is text the export set there: a "Summary" heading, a web
page's date line, a note to the reader, stray text. Read into the subject, it
makes the subject wrong; the line is left to the header and body readers.
Not when the upper-case part is no whole subject: a mark alone or one word
after it ("(U)" / "Iceland: Water Damage ..."), or a line that ends in a
joining mark or word ("UNSC/DPRK:", "JOBIM,", "VISIT OF CODEL SMITH TO"):
the drafter went on in mixed case (a SMART-era subject).
"""
from __future__ import annotations

from ..document import Document, Repair, Span, Token
from ..rx import rx
from ..vocabulary import Vocabulary
from .fields import Subject, upper_words
from .lines import Line

# A line is in small letters when at least this share of its letters is.
STRAY_LOWER_SHARE = 0.5


def _lower_line(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.islower() for c in letters) >= STRAY_LOWER_SHARE * len(letters)


# A subject's leading portion mark ("(U)", "(SBU)", "(C//NF)").
_LEAD_MARK_RE = rx(r"^\s*\([^()\n]{1,30}\)")
# A subject that stops on one of these goes on on the next line.
_JOINING_MARKS = ":,-/"
# A whole subject has at least this many words after its mark.
MIN_KEPT_WORDS = 2


def _whole_subject(value: str, vocab: Vocabulary) -> bool:
    """Whether `value`, the upper-case part a cut keeps, can be a whole
    subject: words after its mark, not ending on a joining mark or word
    (markings.yaml's `title_joiners`: FOR, OF, TO...)."""
    words = _LEAD_MARK_RE.sub("", value).split()
    return (len(words) >= MIN_KEPT_WORDS and not value.rstrip().endswith(tuple(_JOINING_MARKS))
            and words[-1].upper() not in vocab.title_joiners)


def cut_stray_line(doc: Document, lines: list[Line], i: int, got: Subject, vocab: Vocabulary) -> Subject:
    """`got`, read from line i, less its stray line (`stray_cut`), the repair recorded."""
    got, repair = stray_cut(lines, i, got, vocab)
    if repair is not None:
        doc.repairs.append(repair)
    return got


def stray_cut(lines: list[Line], i: int, got: Subject, vocab: Vocabulary) -> tuple[Subject, Repair | None]:
    """`got`, read from line i, without its first wrapped line in small letters
    and the lines after it, when the subject's own line is upper case and
    what is kept a whole subject, with the repair that says so (None: nothing
    cut); the next index is that line's (read afresh). Apart from recording
    it: a whole copy's SUBJECT (subject_copy.py) may yet be set aside."""
    sub, last = got.subject, got.next
    if sub is None or last <= i + 1 or not upper_words(lines[i].text):
        return got, None
    k = next((k for k in range(i + 1, last) if _lower_line(lines[k].text)), None)
    if k is None or lines[k].start >= sub.span.end:
        return got, None
    cut = " ".join(" ".join(ln.text.strip().removeprefix("¶") for ln in lines[k:last]).split())
    value = sub.value[:-len(cut)].rstrip() if cut and sub.value.endswith(cut) else None
    if not value or not _whole_subject(value, vocab):
        return got, None
    end = lines[k - 1].start + len(lines[k - 1].text.rstrip())
    repair = Repair("stray-subject-line", Span(lines[k].start, sub.span.end),
                    f"line read as no part of the SUBJECT ({last - k} line{'s' if last - k > 1 else ''})")
    at = sub.raw.rfind(lines[k].text.strip().removeprefix("¶"))
    raw = sub.raw[:at].rstrip() if at > 0 else value
    return got._replace(subject=Token(value, Span(sub.span.start, end), raw), next=k), repair
