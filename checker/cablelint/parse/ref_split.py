"""The REF entries of a list written on one line, one Token each.

Drafters wrote a REF list on one line as often as one item a line: lettered
(`A. STATE 4711 B. OSLO 52`, `(A)STATE 1, (B)STATE 2`, `A) OSLO 31;
B) OSLO 47`) or not (`08 OSLO 211; 08 OSLO 305`, `OSLO 90, STATE
4455`), and a SMART-era list wrapped onto the next line lost its separator
there (`10 OSLO 12` / `09 OSLO 340`). Each entry is read apart, with its
span; what is no list (a title with initials, a note with commas, a pointer
into the cable cited: `STATE 1234, PARA 3`) stays whole.
A stage after the REF readers (fields.py, refs.py, the whole-copy readers):
it splits whatever entry they read.
"""
from __future__ import annotations

import regex

from ..document import Repair, Span, Token
from ..rx import rx
from ..vocabulary import Vocabulary

# The item letter that opens an entry, in one of three styles: "(A)", "A)", "A." (or "D.07 ...").
_FIRST_RE = rx(r"^(?:\((?P<l>[A-Za-z])\)|(?P<l>[A-Za-z])\)|(?P<l>[A-Za-z])\.(?=\s|\d))")
_MARK_RES = {
    "(": rx(r"(?<![A-Za-z0-9])\((?P<l>[A-Za-z])\)"),
    ")": rx(r"(?<=[\s,;])(?P<l>[A-Za-z])\)"),
    ".": rx(r"(?<=[\s,;])(?P<l>[A-Za-z])\.(?=\s|\d)"),
}
# The next "(B)" glued to the entry before it by the export ("e-mail and telcon(B) BUENOS AIRES 0445"):
# read as a label only before a reference, a post's name in capitals (its first word no reference
# word: "PARA 3") and a number ("(B) BUENOS AIRES 0445", "(B) 08 STATE 1234").
_GLUED_PAREN_RE = rx(r"(?<=[A-Za-z0-9])\((?P<l>[A-Za-z])\)(?=[ \t]*(?:\d{2}[ \t]+)?(?P<post>[A-Z][A-Z.-]+)"
                     r"(?:[ \t]+[A-Z][A-Z.-]*){0,3}[ \t]+\d{2,}\b)")
# A list lettered without marks, the REF label written again before each next
# letter ("A 08 OSLO 12 REF B 07 OSLO 9"): its first letter, and a label and letter.
_BARE_FIRST_RE = rx(r"^(?P<l>[A-Z])[ \t]+(?=\d)")
_BARE_NEXT_RE = rx(r"(?<=\s)(?P<label>[A-Za-z]+)[ \t]+(?P<l>[A-Z])[ \t]+(?=\d)")
# An initial ends the text before a letter ("FROM J. B. SMITH"): the letter is the name's, no item's.
_INITIAL_END_RE = rx(r"(?:^|\s)[A-Z]\.\s*$")
# An entry of an unlettered list cites a number and is short.
CITATION_MAX_WORDS = 6
# Inside a `;` list: a new citation after a number, its separator lost where the line wrapped
# ("10 OSLO 12 09 OSLO 340", "OSLO 709 (08) BERGEN 54"); its first word no
# reference word (markings.yaml `reference_words`: "1234 PARA 3", "5 MAY 2009").
_GLUED_CITATION_RE = rx(r"(?<=[A-Za-z0-9][ \t]+\d+|\(\d{2}\))[ \t]+(?=(?:\d{2}|\d{4})?[ \t]*(?P<word>[A-Z][A-Za-z]*)"
                        r"(?:[ \t]+[A-Z][A-Za-z]*)*[ \t]+\d{2,}\b)")
# A part that is a bare year ("2009" of "DATED MAY 5, 2009"), and the day before it ("MAY 5").
_YEAR_RE = rx(r"(?:19|20)\d{2}")
_WORD_DAY_RE = rx(r"(?P<word>[A-Za-z]+\.?)[ \t]+\d{1,2}$")


def split_refs(refs: list[Token], text: str, vocab: Vocabulary, repairs: list[Repair] | None = None) -> list[Token]:
    """Each entry of `refs` split into the entries its one line lists, each
    value with its blanks joined ("TO         NEA/IR": an export's padding);
    an item label glued to the entry before it is noted in `repairs`."""
    out: list[Token] = []
    for tok in refs:
        cuts = _cuts(tok.value, vocab)
        got = _pieces(tok, cuts, text, vocab) if cuts else [tok]
        if repairs is not None:
            repairs.extend(_glued_notes(tok.value, cuts, got))
        out.extend(t if " ".join(t.value.split()) == t.value else Token(" ".join(t.value.split()), t.span, t.raw)
                   for t in got)
    return out


def _cuts(value: str, vocab: Vocabulary) -> list[int]:
    """Where the entries after the first start in `value`; none when it lists one."""
    first = _FIRST_RE.match(value)
    if first is not None:
        return _lettered_cuts(value, first, vocab)
    bare = _bare_cuts(value, vocab)
    if bare:
        return bare
    for sep in (";", ","):
        if sep in value:
            return _unlettered_cuts(value, sep, vocab)
    return []


def _bare_cuts(value: str, vocab: Vocabulary) -> list[int]:
    """The starts of the entries after the first of a list lettered without
    marks: each at the REF label (markings.yaml `ref_labels`) written again
    before the next letter, citing a number; none when `value` is no such list."""
    first = _BARE_FIRST_RE.match(value)
    if first is None:
        return []
    letter, cuts = first["l"], []
    for m in _BARE_NEXT_RE.finditer(value, first.end()):
        if m["label"].upper() in vocab.line_words["ref_labels"] and ord(m["l"]) - ord(letter) == 1:
            cuts.append(m.start())
            letter = m["l"]
    return cuts


def is_reference_word(word: str, vocab: Vocabulary) -> bool:
    """Whether `word` (a dot after it or not) is one of the vocabulary's
    `reference_words`: a pointer into a cited text or a date, no citation's post."""
    w = word.lower().rstrip(".")
    return w in vocab.reference_words or w + "." in vocab.reference_words


def last_letter(value: str, vocab: Vocabulary) -> str:
    """The letter of the last entry a lettered one-line list `value` holds
    ("A. ... B. E-mail": "B"); "" when it opens with no letter."""
    first = _FIRST_RE.match(value)
    if first is None:
        return ""
    cuts = _lettered_cuts(value, first, vocab)
    return _FIRST_RE.match(value[cuts[-1]:])["l"] if cuts else first["l"]


def _lettered_cuts(value: str, first: regex.Match, vocab: Vocabulary) -> list[int]:
    """The starts of the next letters in the first entry's style ("B." after
    "A. ..."; a letter repeated by the drafter, "(B) ... (B)", too), each after
    an entry with more than its letter and no initial ending it; a "(B)" glued
    to the entry before it only as the next letter, before a reference (_glued_marks)."""
    style = "(" if first.group(0).startswith("(") else first.group(0)[-1]
    letter, prev, cuts, at = first["l"], 0, [], first.end()
    rest = value[at:].lstrip()
    inner = _FIRST_RE.match(rest)
    if inner is not None and inner.group(0)[-1] == first.group(0)[-1]:  # "B. D. ... E. ...": the export's
        letter, at = inner["l"], len(value) - len(rest) + inner.end()      # outer letter, then the list's own
    marks = list(_MARK_RES[style].finditer(value, at))
    if style == "(":
        marks = sorted(marks + _glued_marks(value, at, vocab), key=lambda g: g.start())
    for m in marks:
        nxt = m["l"]
        if _is_glued(value, m.start()) and ord(nxt) - ord(letter) != 1:
            continue
        if style != "." and nxt.isupper() != letter.isupper():  # "A) ...; b) ...": the drafter's case slipped
            nxt = nxt.upper() if letter.isupper() else nxt.lower()
        if nxt.isupper() != letter.isupper() or ord(nxt) - ord(letter) not in (0, 1):
            continue
        before = value[prev:m.start()]
        if _FIRST_RE.sub("", before).strip(" ,;") and not _INITIAL_END_RE.search(before):
            cuts.append(m.start())
            letter, prev = nxt, m.start()
    return cuts


def _glued_marks(value: str, at: int, vocab: Vocabulary) -> list[regex.Match]:
    """The "(B)" labels from `at` on glued to the word before them, a
    reference after each (_GLUED_PAREN_RE, its post no reference word)."""
    return [m for m in _GLUED_PAREN_RE.finditer(value, at) if not is_reference_word(m["post"], vocab)]


def _is_glued(value: str, at: int) -> bool:
    """Whether the item label at `at` is glued to a letter or digit before it."""
    return at > 0 and value[at - 1].isalnum()


def _glued_notes(value: str, cuts: list[int], got: list[Token]) -> list[Repair]:
    """The notes for the entries of `got` (`value` cut at `cuts`) whose label
    was glued to the entry before them ("telcon(B) BUENOS AIRES 0445")."""
    if len(got) != len(cuts) + 1:
        return []  # a piece left out: the entries and cuts do not pair
    out: list[Repair] = []
    for c, item in zip(cuts, got[1:]):
        if _is_glued(value, c):
            label = value[c:value.index(")", c) + 1]
            word = value[:c].split()[-1]
            out.append(Repair("glued-ref-item", Span(item.span.start, item.span.start + len(label)),
                              f"REF item {label} glued to the entry before it ('{word}') read as an entry of its own"))
    return out


def _unlettered_cuts(value: str, sep: str, vocab: Vocabulary) -> list[int]:
    """The starts of the entries of a list parted by `sep` (in a `;` list also a
    citation glued on where the line wrapped), each citing a number and short;
    a part that points into the one before it ("PARA 3", "SECTION 2") or ends
    its date ("MAY 5, 2009") is no entry of its own."""
    cuts = [m.end() for m in rx(regex.escape(sep)).finditer(value)]
    if sep == ";":
        cuts += _glued_cuts(value, vocab)
    cuts = sorted(c + len(value[c:]) - len(value[c:].lstrip()) for c in cuts)
    kept: list[int] = []
    for c, nxt in zip(cuts, cuts[1:] + [len(value)]):
        before, part = value[kept[-1] if kept else 0:c].strip().rstrip(sep), value[c:nxt].strip().rstrip(sep)
        if not _goes_on(before, part, vocab):
            kept.append(c)
    parts = [value[a:b].strip().rstrip(sep) for a, b in zip([0] + kept, kept + [len(value)])]
    if not all(any(c.isdigit() for c in p) and len(p.split()) <= CITATION_MAX_WORDS for p in parts):
        return []
    return kept


def _goes_on(before: str, part: str, vocab: Vocabulary) -> bool:
    """Whether `part` belongs to the entry `before` it: it starts with a
    reference word ("PARA 3") or is the year of a date ending it ("MAY 5" / "2009")."""
    words = part.split()
    if words and is_reference_word(words[0], vocab):
        return True
    day = _WORD_DAY_RE.search(before)
    return bool(day and _YEAR_RE.fullmatch(part) and is_reference_word(day["word"], vocab))


def _glued_cuts(value: str, vocab: Vocabulary) -> list[int]:
    """Where a citation glued on after a number starts; a year opening it
    ("... 978 09 OSLO 1033") is its own, not a citation's end."""
    cuts: list[int] = []
    for m in _GLUED_CITATION_RE.finditer(value):
        if is_reference_word(m["word"], vocab) or cuts and value[cuts[-1]:m.start()].strip().isdigit():
            continue
        cuts.append(m.end())
    return cuts


def _pieces(tok: Token, cuts: list[int], text: str, vocab: Vocabulary) -> list[Token]:
    """`tok` cut at `cuts` (offsets in its value): each piece's value without
    the separator or joining word that ends it ("A. ... AND B. ..."), and its span:
    mapped character by character when the value is the text's with its blanks
    joined, else found by search."""
    value = tok.value
    where = _char_map(value, text, tok.span)
    out: list[Token] = []
    at = tok.span.start
    for a, b in zip([0] + cuts, cuts + [len(value)]):
        piece = value[a:b].strip().rstrip(",;").rstrip()
        words = piece.split()
        if b < len(value) and len(words) > 2 and words[-1].upper() in vocab.title_joiners:
            piece = piece[:len(piece) - len(words[-1])].rstrip(" ,;")
        if not piece:
            continue
        a += len(value[a:b]) - len(value[a:b].lstrip())
        if where is not None:
            start, end = where[a], where[a + len(piece) - 1] + 1
        else:
            found = text.find(piece.split()[0], at, tok.span.end)
            start = found if found >= 0 else at
            end = max(start, min(tok.span.end, start + len(piece)))
        out.append(Token(piece, Span(start, end), text[start:end]))
        at = end
    return out


def _char_map(value: str, text: str, span: Span) -> list[int] | None:
    """For each character of `value`, its offset in `text` (a blank: the next
    character's), when `value` is the text at `span` with its blanks joined; else None."""
    src = [i for i in range(span.start, span.end) if not text[i].isspace()]
    if "".join(text[i] for i in src) != "".join(value.split()):
        return None
    out: list[int] = []
    k = 0
    for c in value:
        out.append(src[min(k, len(src) - 1)])
        k += not c.isspace()
    return out
