"""The telegram's own labels (TAGS, SUBJECT, REF, routing, passing and trailer
words) as line patterns, built from the vocabulary's words (rules/markings.yaml)
once per vocabulary."""
from __future__ import annotations

from typing import NamedTuple

import regex

from ..rx import rx
from ..vocabulary import Vocabulary, _alternation

# A label shorter than this (`TAG`) is not read with its first letter lost.
LOST_LETTER_MIN = 4
# A label is read with any one letter lost or garbled (`Classiied By:`) only when it
# has at least this many letters: a shorter one would take other words for it.
DAMAGED_MIN = 8


class Labels(NamedTuple):
    tags: regex.Pattern
    subject: regex.Pattern
    ref: regex.Pattern
    routing: regex.Pattern
    passing: regex.Pattern
    trailer: regex.Pattern
    # The ASCII characters a TAGS or SUBJECT label (or one that lost its first
    # letter) can start with, both cases; and those of a routing label (FM, TO).
    label_first: frozenset[str]
    routing_first: frozenset[str]
    ref_first: frozenset[str]  # those of a REF label (both cases)
    # The Classified By label with one letter lost or garbled, and its colon (`Classiied By:`).
    damaged_clby: regex.Pattern
    # The first two characters a TAGS, SUBJECT (lower-cased: any case) or REF label can
    # open a line with (after blanks and a bracket); None when a label is shorter.
    tags_open: frozenset[str] | None
    subject_open: frozenset[str] | None
    ref_open: frozenset[str] | None
    # A handling caveat line (handling_lines) at the end of a line's text: group `line`.
    handling_tail: regex.Pattern
    # An elision mark (elision_patterns) ending a text, blanks after it: the text was cut there.
    elision_end: regex.Pattern
    # The trailer words as `trailer` reads them (as written and title case): lines.is_trailer's set look-up.
    trailer_words: frozenset[str]
    # A quote's opener (quote_begin_words, repeat_openers) or closer (quote_end_words: group `end`)
    # ending a text: what a cable's banner written again follows when the drafter quotes a cable.
    quote_opener: regex.Pattern
    # A title-case REF label run on inside a line, before its colon ("... IN OSLO Ref(s): A) ...").
    ref_title_in_line: regex.Pattern
    # A REF list's next item cut right after its letter by an elision mark ("C...." under "B. OSLO 441"): group `item`.
    ref_cut_item: regex.Pattern
    # A REF label glued to a SUBJECT's last word, its colon ending the line ("... DETAINED AMCITREF:"): subject_glue.
    glued_ref: regex.Pattern
    # A SUBJECT label (upper case or capitalised: SUBJECT:, Subj:) and its colon after text on
    # its line, group `value` what follows to the line's end: the SUBJECT written again (subject_glued).
    glued_subject: regex.Pattern
    # Strings one of which such a label holds (SUBJ, Subj): a text with none of them holds no label.
    subject_needles: tuple[str, ...]


_CACHE: dict[int, tuple[object, Labels]] = {}
_LAST: list = [None, None, None]  # the vocabulary last asked for, its build token and its Labels


def _alt(words: list[str]) -> str:
    return _alternation(words) or "(?!)"


def _label_re(labels: list[str], any_case: bool, colon_only: bool) -> regex.Pattern:
    """A label at a line start; one of four or more letters is also read with
    its first letter lost (`AGS:`, `UBJECT:`, an export's damage) when a colon
    follows: group `lost` says so."""
    forms = [f for lab in labels for f in ({lab.upper(), lab.capitalize()} if not any_case else {lab})]
    lost = [lab[1:].upper() for lab in labels if len(lab) >= LOST_LETTER_MIN]
    sep = r"\s*:\s*" if colon_only else r"(?:\s*:\s*|\s+)"
    return rx(
        rf"^\s*\[?(?:(?P<label>{_alt(forms)})|(?P<lost>{_alt(lost)})(?=\]?(?:\]\(#\))?\s*:))"
        rf"\]?(?:\]\(#\))?{sep}(?P<rest>.*)$", regex.IGNORECASE if any_case else 0)


def _ref_re(words: list[str]) -> regex.Pattern:
    """The REF label at a line start: upper case before a colon or a blank
    ("REF: A. ...", "REF STATE 7"); in a lower-cased export's title case
    ("Ref: a. State 7") only before a colon, where it cannot be a word of the text."""
    upper = _alt([x.upper() for x in words])
    title = _alt([x.capitalize() for x in words])
    return rx(rf"^\s*(?:(?:{upper})(?:\s*\(S\))?(?:\s*:\s*|\s+)|(?:{title})(?:\s*\(S\))?\s*:\s*)(?P<rest>.*)$")


def _ref_title_in_line_re(words: list[str]) -> regex.Pattern:
    """A REF label in title case (`Ref:`, `Refs:`, `Ref(s):`) after a blank inside
    a line, its colon and a blank after it: only a colon tells it from a word."""
    return rx(rf"\s+(?:{_alt([x.capitalize() for x in words])})(?:\(s\))?:\s+(?=[A-Z(])")


def _label_forms(labels: list[str], any_case: bool) -> list[str]:
    """The spellings _label_re matches: as written (case-blind) or upper and
    capitalised, and those of four letters or more less their first letter."""
    forms = [f for lab in labels for f in ({lab.upper(), lab.capitalize()} if not any_case else {lab})]
    return forms + [lab[1:].upper() for lab in labels if len(lab) >= LOST_LETTER_MIN]


def _subject_forms(words: list[str]) -> list[str]:
    """The SUBJECT labels as a body's repeat writes them: upper case (SUBJECT) or capitalised (Subject)."""
    return sorted({f for x in words for f in (x.upper(), x.capitalize())})


def _glued_subject_re(words: list[str]) -> regex.Pattern:
    """A SUBJECT label and its colon after text on the same line (see Labels.glued_subject)."""
    return rx(rf"(?<=\S[ \t]*)(?:{_alt(_subject_forms(words))}):[ \t]*(?P<value>[^\n]*)")


def _needles(forms: list[str]) -> tuple[str, ...]:
    """The forms that hold no other (SUBJ holds SUBJECT's place): what a text must contain."""
    return tuple(f for f in forms if not any(g != f and g in f for g in forms))


def _openings(forms: list[str], fold: bool) -> frozenset[str] | None:
    """The first two characters of each form (lower-cased with `fold`), a gate
    sharper than the first letter alone; None when a form is shorter."""
    if any(len(f) < 2 for f in forms):
        return None
    return frozenset(f[:2].lower() if fold else f[:2] for f in forms)


def may_open(text: str, firsts: frozenset[str], opens: frozenset[str] | None, fold: bool) -> bool:
    """Whether a label whose first letters are `firsts` and first two characters
    `opens` can open `text` (after blanks and a bracket). A non-ASCII or blank
    character lets the line through: case folding or `\\s` may take it."""
    s = text.lstrip(" \t[")[:2]
    c = s[:1]
    if not c or not c.isascii() or c.isspace():
        return True
    if c not in firsts:
        return False
    if opens is None or len(s) < 2 or not s.isascii():
        return True
    return (s.lower() if fold else s) in opens


def _firsts(words: list[str], lost: bool) -> frozenset[str]:
    """First letters of `words` (and, with `lost`, of the words less their first letter), both cases."""
    heads = [w[:1] for w in words if w] + [w[1:2] for w in words if lost and len(w) >= LOST_LETTER_MIN]
    return frozenset(c for h in heads for c in (h, h.upper(), h.lower()))


def _one_edit(label: str) -> list[str]:
    """`label` with one letter lost or garbled, as patterns (a blank matches blanks)."""
    def pat(t: str) -> str:
        return r"\s+".join(regex.escape(w).replace("\x00", "[A-Za-z]") for w in t.split())
    at = [k for k, c in enumerate(label) if c.isalpha()]
    lost = {label[:k] + label[k + 1:] for k in at}
    garbled = {label[:k] + "\x00" + label[k + 1:] for k in at}
    return sorted(pat(t) for t in lost | garbled if t.strip())


def damaged_label_re(spellings: list[str]) -> regex.Pattern:
    """The labels `spellings` with one letter lost or garbled, before a colon
    (any case; group `label`). An undamaged label matches too: try it first."""
    forms = [f for s in spellings if sum(c.isalpha() for c in s) >= DAMAGED_MIN for f in _one_edit(s)]
    return rx(rf"(?<![A-Za-z])(?P<label>{'|'.join(forms) or '(?!)'})[ \t]*:", regex.IGNORECASE)


def _line_tail_re(phrases: list[str]) -> regex.Pattern:
    """Any of `phrases` (any case, blanks as any blanks, a dash with or without
    them), with a sentence's closing period or not, ending a line's text, whole
    words: group `line`."""
    def pat(p: str) -> str:
        return r"\s+".join(regex.escape(w) for w in p.split()).replace(r"\s+\-\s+", r"\s*-+\s*")
    alts = "|".join(pat(p) for p in sorted(phrases, key=len, reverse=True)) or "(?!)"
    return rx(rf"(?<![A-Za-z])(?P<line>(?:{alts})\.?)[ \t]*\\?[ \t]*$", regex.IGNORECASE)


def quote_opener_re(openers: list[str], closers: list[str]) -> regex.Pattern:
    """Any of `openers` (whole words, any case, blanks as any blanks), with up
    to three words and a colon after it ("BEGIN TEXT OF REFTEL:") or a colon
    alone, then blanks, quotes or commas to the end of the text; a closer
    (`closers`, "END QUOTE") ending there instead matches as group `end`, so
    the opener's word inside it opens nothing."""
    def alt(phrases: list[str]) -> str:
        return "|".join(r"\s+".join(map(regex.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))
    return rx(rf"\b(?:(?P<end>{alt(closers) or '(?!)'})|(?:{alt(openers) or '(?!)'}))"
              r'(?:(?:[ \t]+[^\s:]+){1,3}[ \t]*:|[ \t]*:?)[\s",]*$', regex.IGNORECASE)


def elision_end_re(patterns: list[str]) -> regex.Pattern:
    """Any of the elision marks `patterns` at the end of a text, blanks after it."""
    return rx(rf"(?:{'|'.join(patterns) or '(?!)'})\s*$")


def ref_cut_item_re(patterns: list[str]) -> regex.Pattern:
    """A line holding only a REF item's letter (B-Z, either case; a web page's
    pilcrow before it) run into an elision mark of `patterns`, a period
    between them or not ("C....", "c…", "D.…"), blanks or a TSV export's
    backslash after it: group `item`, the letter and the mark."""
    return rx(rf"^[ \t]*(?:¶[ \t]*)?(?P<item>[B-Zb-z]\.?(?:{'|'.join(patterns) or '(?!)'}))[ \t\\]*\r?$")


def glued_ref_re(words: list[str]) -> regex.Pattern:
    """A REF label (`words`, upper case) glued to the subject's last word, its
    list on the lines under it ("... DETAINED AMCITREF:", "...REFTEL:")."""
    return rx(rf"(?<=[A-Z]{{2}})(?:{_alt([w.upper() for w in words])}):[ \t]*\\?[ \t]*$")


def labels(vocab: Vocabulary) -> Labels:
    """The patterns of `vocab`'s line words (rebuilt when the vocabulary is extended)."""
    if vocab is _LAST[0] and vocab.built is _LAST[1]:  # the one vocabulary a run reads with, ~50 asks a cable
        return _LAST[2]
    got = _CACHE.get(id(vocab))
    if got is not None and got[0] is vocab.built:
        _LAST[:] = vocab, vocab.built, got[1]
        return got[1]
    w = vocab.line_words
    built = Labels(
        _label_re(w["tags_labels"], False, False),
        _label_re(w["subject_labels"], True, True),
        _ref_re(w["ref_labels"]),
        rx(rf"^({_alt(w['routing_labels'])})\s+(.*)$"),
        rx(rf"^(?:{_alt(w['passing_words'])}|\w+ FOR\b)"),
        rx(rf"(?:(?:{_alt(w['trailer_words'] + [x.title() for x in w['trailer_words']])})\.?|#\d+|\W+)"),
        _firsts(w["tags_labels"] + w["subject_labels"], True),
        _firsts(w["routing_labels"], False),
        _firsts(w["ref_labels"], False),
        damaged_label_re(vocab.fields.get("Classified By", [])),
        _openings(_label_forms(w["tags_labels"], False), False),
        _openings(_label_forms(w["subject_labels"], True), True),
        _openings([f for x in w["ref_labels"] for f in (x.upper(), x.capitalize())], False),
        _line_tail_re(w["handling_lines"]),
        elision_end_re(vocab.elision_patterns),
        frozenset(w["trailer_words"] + [x.title() for x in w["trailer_words"]]),
        quote_opener_re(w["quote_begin_words"] + w["repeat_openers"], w["quote_end_words"]),
        _ref_title_in_line_re(w["ref_labels"]),
        ref_cut_item_re(vocab.elision_patterns),
        glued_ref_re(w["ref_labels"]),
        _glued_subject_re(w["subject_labels"]),
        _needles(_subject_forms(w["subject_labels"])),
    )
    _CACHE[id(vocab)] = (vocab.built, built)
    return built
