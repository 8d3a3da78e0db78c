"""Stage 3 reader: the agency and office after a classifier's position.

The SMART-era Classified By line is written `name, position, agency, office;
REASON: ...` (domain.md, "Classified By line"): "Gene Roe, Ambassador, U.S.
Embassy Tripoli, Department of State". The title is the position alone; the
agency and office that follow are kept apart (ClassifiedBy.office), so the
title reads "Ambassador" as in the other layouts. Apart from names.py, which
splits the name from the title, because this only ever cuts the title.
"""
from __future__ import annotations

from ..document import Span, Token
from ..rx import rx
from ..vocabulary import Vocabulary, qualifier_key
from .names import join_broken_words

# The comma-separated parts of a title: "Ambassador", " U.S. Embassy Tripoli", ...
_PART_RE = rx(r"[^,;]+")
# What may stand between the name and the title in the SMART layout: the comma alone.
_NAME_TITLE_GAP_RE = rx(r"^[\s,\\]*,[\s,\\]*$")
# The last part of a comma list inside the position ("Counselor for Political, Economic, and
# Military Affairs"): it opens with the conjunction.
_LIST_END_RE = rx(r"(?i)^[\s\\]*(?:and|&)\s")
# Parts of such a list before its last: a word or two ("Economic", "Public Diplomacy").
LIST_ITEM_MAX_WORDS = 2


def _value(raw: str, vocab: Vocabulary) -> str:
    """The part's value as names.py makes one: a word broken at a line end
    joined, the export's backslashes and runs of blanks made one blank."""
    return " ".join(join_broken_words(raw, vocab)[0].replace("\\", " ").split())


def _is_title(word: str, vocab: Vocabulary) -> bool:
    return vocab.is_title_word(word.upper().strip(".,;:()"))


def _list_end(raw: str, parts: list[tuple[int, int]], k: int, vocab: Vocabulary) -> int | None:
    """The index of the part that closes a comma list begun in part k-1 after
    a joining word ("... for Political, Economic, and Military Affairs"): parts
    k.. of a word or two, each a title word, up to one opening with "and"; None
    when there is none. The joining word keeps an agency written as a list
    ("Political Counselor, State, and ...") out of the position."""
    opening = raw[parts[k - 1][0]:parts[k - 1][1]].upper().split()
    if not any(w in vocab.title_joiners for w in opening[1:-1]):
        return None
    for j in range(k, len(parts)):
        part = raw[parts[j][0]:parts[j][1]]
        if _LIST_END_RE.match(part):
            return j if j > k else None  # "X, and Y" alone is no list of the position's
        words = part.split()
        if not words or len(words) > LIST_ITEM_MAX_WORDS or not all(_is_title(w, vocab) for w in words):
            return None
    return None


def _position_end(raw: str, parts: list[tuple[int, int]], vocab: Vocabulary) -> int:
    """How many parts the position takes: its first (and the next, after a
    first that only qualifies it: "Acting, Political Counselor"), then a part
    that only qualifies it ("a.i.", "Acting") or the rest of a comma list it opened."""
    k = 1
    while k < len(parts) and qualifier_key(raw[parts[k - 1][0]:parts[k - 1][1]]) in vocab.title_qualifiers:
        k += 1
    while k < len(parts):
        if qualifier_key(raw[parts[k][0]:parts[k][1]]) in vocab.title_qualifiers:
            k += 1  # "Charge d'Affaires, a.i., State": the a.i. is the position's
            continue
        end = _list_end(raw, parts, k, vocab)
        if end is None:
            break
        k = end + 1
    return k


def split_office(name: Token | None, title: Token | None, text: str,
                 vocab: Vocabulary) -> tuple[Token | None, Token | None]:
    """(position, office) for a title written after the name and a comma with
    more comma-separated parts after the position ("CDA, U.S. Embassy Tripoli,
    Dept of State" -> "CDA" and "U.S. Embassy Tripoli, Dept of State");
    (title, None) for any other title. The parts must hold a title word of
    the vocabulary somewhere, so that a name split wrongly at its comma
    ("Roe,Jane, PolEcon-Chief") does not make a given name a position. (Not
    the position itself: real positions hold words the vocabulary lacks,
    "PRT Team Leader", "OMS", "Ambasssador".) A qualifier ("Jane Roe, Acting,
    Political Counselor") is read with the position (_position_end)."""
    if name is None or title is None or title.span.start < name.span.end:
        return title, None
    if not _NAME_TITLE_GAP_RE.match(text[name.span.end:title.span.start]):
        return title, None
    raw = text[title.span.start:title.span.end]
    parts = [(m.start(), m.end()) for m in _PART_RE.finditer(raw)]
    k = _position_end(raw, parts, vocab)
    if k >= len(parts) or not any(_is_title(w, vocab) for w in raw.split()):
        return title, None
    office_at = parts[k][0] + len(raw[parts[k][0]:]) - len(raw[parts[k][0]:].lstrip(" \\\n"))
    pos_raw = raw[:parts[k - 1][1]].rstrip(" \\\n")
    office_raw = raw[office_at:].rstrip(" ,;\\\n")
    start = title.span.start
    position = Token(_value(pos_raw, vocab), Span(start, start + len(pos_raw)), pos_raw)
    office = Token(_value(office_raw, vocab), Span(start + office_at, start + office_at + len(office_raw)), office_raw)
    return position, office
