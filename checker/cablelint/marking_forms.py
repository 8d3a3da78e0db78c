"""Marking forms beyond `LEVEL//CATEGORY/ENTRY`: non-US and JOINT marks, entries
with an open part, and a portion mark whose separator was lost.

The vocabulary's parser calls these for the forms the CAPCO 2016 Register
allows besides the plain US ones (non-US `//GBR SECRET`, NATO `(//NS)`, JOINT
`//JOINT SECRET CAN GBR USA`, SCI compartments `SI-G ABCD`, SAR programs
`SAR-BP`, FGI lists `FGI GBR NZL`) and for the one repair it makes (`(S NF)`).
Each takes the Vocabulary whose tables it reads.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from .document import Marking, Span, Token
from .rx import rx

if TYPE_CHECKING:
    from .vocabulary import Vocabulary

# The owner of a non-US or JOINT marking after its leading `//`: a trigraph or
# tetragraph (GBR; NATO is a level of its own) or JOINT (CAPCO D.1, H.2, H.3).
FOREIGN_OWNER = r"(?P<owner>JOINT|(?!NATO\b|COSMIC\b)[A-Z]{3,4})"
# A foreign portion may name several owners: `(//CAN GBR S)`, `(//CAN DEU S//REL TO
# USA, CAN, DEU)` (H.7: acknowledged FGI from more than one source).
FOREIGN_OWNERS = r"(?P<owner>JOINT|(?:(?!NATO\b|COSMIC\b|TOP\b)[A-Z]{3,4})(?:[ ]+(?!NATO\b|COSMIC\b|TOP\b)[A-Z]{3,4})*)"
# The co-owners listed after a JOINT level: `JOINT SECRET CAN GBR USA`.
JOINT_LIST_RE = rx(r"(?:[ ]+[A-Z]{3,4}\b(?!\s*-))+")
# The one entry whose written form holds single slashes: `USA/CAN/GBR EYES ONLY`
# (Register H.8, EYES ONLY: "Country trigraph codes are separated by single
# forward slashes"). Its slashes join countries, not entries, so neither the
# parser nor the separator rules split it. Looked for only when "EYES" is written.
# (USA may be misplaced: `CAN/USA/GBR EYES ONLY` is read, for the order rules to report.)
EYES_LIST_RE = rx(r"(?:[A-Z]{3}/)*USA(?:/[A-Z]{3})*[ ]+EYES[ ]+ONLY")
# The entries of one `//` category run, the EYES ONLY list kept whole.
EYES_SEGMENT_RE = rx(rf"{EYES_LIST_RE.pattern}|[^/]+")
# The controls a non-US portion or banner adds (Register D.2, H.7): every one is
# FGI; an owner named (`//GBR S`, `//CAN GBR S`, a NATO level) acknowledges the
# source, FGI as owner (`//FGI S`) conceals it. The vocabulary names these controls.
FGI, FGI_LISTED, FGI_CONCEALED = "FGI", "FGI [LIST]", "FGI [CONCEALED]"


def lookup_key(text: str) -> str:
    """Lookup key: upper case, white space removed (so spaced banners match)."""
    return rx(r"\s+").sub("", text.upper())


def set_foreign_owner(mk: Marking, owner: str, at: int, co_owners: str = "") -> None:
    """Record the owner of a non-US (`//GBR SECRET`: foreign government
    information, FGI) or JOINT marking; a JOINT level's co-owners
    (`JOINT SECRET CAN GBR USA`) are kept in the owner token's `raw`."""
    joint = owner.upper() == "JOINT"
    mk.owner = Token(owner.upper(), Span(at, at + len(owner)),
                     " ".join([owner.upper(), *co_owners.split()]) if joint else owner)
    if joint:
        mk.controls.append(Token("JOINT", mk.owner.span, owner))
    else:
        add_fgi(mk, owner, mk.owner.span)


def add_fgi(mk: Marking, source: str, span: Span) -> None:
    """The FGI controls of a foreign marking whose source is `source` (GBR,
    `CAN GBR`, NATO, or FGI when concealed); the listed control keeps the
    source codes as its written text, where the roll-up rules read them."""
    second = FGI_CONCEALED if source.upper() == FGI else FGI_LISTED
    for name in (FGI, second):
        if all(c.value != name for c in mk.controls):
            mk.controls.append(Token(name, span, source))


def add_level_owner(vocab: "Vocabulary", mk: Marking) -> None:
    """A level owned by another government or organisation (the NATO levels of
    Register Table 4 category 2: `(//NS)`, `//NATO SECRET`) is foreign
    government information of its owner (H.7 example: `(//CTS//BOHEMIA)` rolls
    up to `FGI ... NATO` in a US banner)."""
    lv = vocab.levels.get(mk.level or "")
    if lv is not None and lv.owner and mk.level_token is not None:
        add_fgi(mk, lv.owner, mk.level_token.span)


def read_foreign_portion(vocab: "Vocabulary", stripped: str, at: int, fm: regex.Match) -> Marking | None:
    """A non-US, NATO or JOINT portion mark: `(//GBR S)`, `(//NS)`,
    `(//JOINT S CAN GBR USA)`, `(//FGI S)` for concealed FGI. The level and
    the categories after it are read as in a US mark."""
    inner, shift = stripped[fm.end():], fm.end()
    owner, co_owners = fm.group("owner"), ""
    if owner and owner.upper() == "JOINT":
        jl = rx(r"[A-Za-z]+(?P<list>(?:[ ]+[A-Z]{3,4}\b)+)").match(inner)
        if jl:  # blank the co-owner list, keeping offsets
            co_owners = jl.group("list")
            inner = inner[:jl.start("list")] + " " * len(jl.group("list")) + inner[jl.end("list"):]
    mk = vocab.parse_portion(inner, at + shift)
    if mk is None:
        return None
    mk.raw = stripped[2:]  # the marking after its `//`, as a banner's
    mk.span = Span(at + 2, at + len(stripped))
    if owner:
        set_foreign_owner(mk, owner, at + fm.start("owner"), co_owners)
    else:
        add_level_owner(vocab, mk)
    return mk


def read_space_separated_portion(vocab: "Vocabulary", stripped: str, mk: Marking) -> Marking | None:
    """Repair step for a portion mark whose separator was lost: `(S NF)`,
    `(C NOFORN)`. A known level then known controls, separated by blanks
    only, is read as the level and its controls (so an `(S NF)` paragraph
    still makes the banner NOFORN), and the mark is recorded as
    `form="malformed"` so that the rules still report it as malformed."""
    words = stripped.split()
    if len(words) < 2 or lookup_key(words[0]) not in vocab.portion_level:
        return None
    names = [vocab.portion_control.get(lookup_key(w)) for w in words[1:]]
    if not all(names):
        return None
    mk.level = vocab.portion_level[lookup_key(words[0])]
    mk.level_token = Token(mk.level, Span(mk.span.start, mk.span.start + len(words[0])), words[0])
    mk.form = "malformed"
    at = len(words[0])
    for w, name in zip(words[1:], names):
        at = stripped.index(w, at)
        span = Span(mk.span.start + at, mk.span.start + at + len(w))
        mk.tokens.append(Token(name, span, w))
        for c in [name, *vocab.controls[name].implies]:
            if all(k.value != c for k in mk.controls):
                mk.controls.append(Token(c, span, w))
        at += len(w)
    return mk


def read_pattern_entry(vocab: "Vocabulary", seg: str, span: Span, mk: Marking) -> bool:
    """An entry with an open part (SI-ABC, SAR-BP, FGI GBR NZL): every control
    whose pattern matches it applies (with what it implies); the entry keeps
    its written value, so that compartments and programs can be rolled up."""
    entry = " ".join(seg.upper().split())
    names = [name for name, pat in vocab.pattern_controls if pat.fullmatch(entry)]
    if not names:
        return False
    mk.tokens.append(Token(entry, span, seg))
    for name in names:
        for c in [name, *vocab.controls[name].implies]:
            if all(k.value != c for k in mk.controls):
                mk.controls.append(Token(c, span, seg))
    return True


SAR_ENTRY = rx(r"(?:SAR|SPECIAL ACCESS REQUIRED)-")
SAR_PROGRAM = rx(r"[A-Z0-9][A-Z0-9 -]*")


def read_next_sar_program(vocab: "Vocabulary", seg: str, span: Span, mk: Marking, after_slash: bool) -> bool:
    """A further special access program after a single `/`: `SAR-BP/SDA`,
    `SAR-BUTTER POPCORN/SODA` (CAPCO H.5: "The SAP category indicator must not
    be repeated if multiple SAP programs are applicable"). It is read as the
    program `SAR-SDA`, so it rolls up like the first, and filed in
    `mk.continued` so the syntax rules place it in the SAP category."""
    entry = " ".join(seg.upper().split())
    if not (after_slash and mk.tokens and SAR_ENTRY.match(mk.tokens[-1].value) and SAR_PROGRAM.fullmatch(entry)):
        return False
    if not read_pattern_entry(vocab, "SAR-" + entry, span, mk):
        return False
    mk.tokens[-1] = Token("SAR-" + entry, span, seg)
    mk.continued.append(mk.tokens[-1])
    return True
