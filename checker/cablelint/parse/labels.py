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


_CACHE: dict[int, tuple[object, Labels]] = {}


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


def _firsts(words: list[str], lost: bool) -> frozenset[str]:
    """First letters of `words` (and, with `lost`, of the words less their first letter), both cases."""
    heads = [w[:1] for w in words if w] + [w[1:2] for w in words if lost and len(w) >= LOST_LETTER_MIN]
    return frozenset(c for h in heads for c in (h, h.upper(), h.lower()))


def labels(vocab: Vocabulary) -> Labels:
    """The patterns of `vocab`'s line words (rebuilt when the vocabulary is extended)."""
    got = _CACHE.get(id(vocab))
    if got is not None and got[0] is vocab.built:
        return got[1]
    w = vocab.line_words
    built = Labels(
        _label_re(w["tags_labels"], False, False),
        _label_re(w["subject_labels"], True, True),
        rx(rf"^\s*(?:{_alt([x.upper() for x in w['ref_labels']])})(?:\s*\(S\))?(?:\s*:\s*|\s+)(?P<rest>.*)$"),
        rx(rf"^({_alt(w['routing_labels'])})\s+(.*)$"),
        rx(rf"^(?:{_alt(w['passing_words'])}|\w+ FOR\b)"),
        rx(rf"(?:(?:{_alt(w['trailer_words'])})\.?|#\d+|\W+)"),
        _firsts(w["tags_labels"] + w["subject_labels"], True),
        _firsts(w["routing_labels"], False),
        _firsts(w["ref_labels"], False),
    )
    _CACHE[id(vocab)] = (vocab.built, built)
    return built
