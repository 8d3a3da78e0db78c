"""Stage 3 reader: who classified, split into name and title.

The authority of a Classified By statement ("Political Counselor Jane Doe",
"Jane Doe, Acting DCM", "Roe, Jane, Ambassador, DOS, EXEC") split by the
vocabulary's title words, each part with its exact span; a word the export
broke at a line end is joined again. Apart from clby.py, which finds the
statement and its reasons, because the two change for different reasons.
"""
from __future__ import annotations

import regex

from ..document import ClassifiedBy, Repair, Span, Token
from ..rx import rx
from ..vocabulary import Vocabulary
from .labels import labels

# A name after the last run of title words has at most this many words.
NAME_MAX_WORDS = 5


def _is_title(word: str, vocab: Vocabulary) -> bool:
    return vocab.is_title_word(word.upper().strip(".,;:()"))


def _after_last_title(raw: str, vocab: Vocabulary) -> int | None:
    """Where the name starts after the last run of title words ("U.S. Embassy
    Wellington DCM | David J. Keegan", "EAP Acting DAS | John Norris"), or
    after the symbol closing a title that names an office ("ACTING U/S FOR ARMS
    CONTROL AND INTERNATIONAL SECURITY (T) | JOHN ROE"). None without either."""
    words = [(m.start(), m.group(0)) for m in rx(r"\S+").finditer(raw)]
    k = _title_run_end(words, vocab)
    if k is None or OFFICE_SYMBOL_RE.match(words[k][1]):
        k = _after_office_symbol(words, vocab)
    return words[k][0] if k is not None else None


def _title_run_end(words: list[tuple[int, str]], vocab: Vocabulary) -> int | None:
    """The index of the first name word after the last run of title words: a
    run holding a real title word (not FOR/OF alone), followed by
    1..NAME_MAX_WORDS words none of which is a title word; else None."""
    k = len(words)
    while k > 0 and not _is_title(words[k - 1][1], vocab):
        k -= 1
    if k == 0 or k == len(words) or len(words) - k > NAME_MAX_WORDS:
        return None
    j = k
    while j > 0 and _is_title(words[j - 1][1], vocab):
        j -= 1
    run = [w.upper().strip(".,;:()") for _, w in words[j:k]]
    if all(w in vocab.title_joiners for w in run):
        return None
    return k


# An office's symbol closing a title that names the office: "ACTING U/S FOR ARMS CONTROL (T)".
OFFICE_SYMBOL_RE = rx(r"^\([A-Z][A-Z/-]{0,5}\)$")


def _after_office_symbol(words: list[tuple[int, str]], vocab: Vocabulary) -> int | None:
    """The index after the last office symbol, when a real title word comes
    before it and 1..NAME_MAX_WORDS words, none a title word, after it."""
    for s in range(len(words) - 1, 0, -1):
        if OFFICE_SYMBOL_RE.match(words[s][1]):
            rest = [w for _, w in words[s + 1:]]
            title = [w.upper().strip(".,;:()") for _, w in words[:s] if _is_title(w, vocab)]
            if (0 < len(rest) <= NAME_MAX_WORDS and not any(_is_title(w, vocab) for w in rest)
                    and any(w not in vocab.title_joiners for w in title)):
                return s + 1
            return None
    return None


# The given name(s) of a surname-first statement: at most this many words.
GIVEN_MAX_WORDS = 2


def _surname_first(raw: str, parts: list[tuple[int, int]], vocab: Vocabulary
                   ) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]] | None:
    """The spans (surname, given names, title) of a statement written
    `Last, First, Title, Agency, Office` (the SMART form: "Roe, Jane,
    Ambassador, DOS, EXEC"): one surname word, one or two given-name words,
    then a part opening with a title word; None for any other form."""
    if len(parts) < 3:
        return None
    words = [raw[a:b].split() for a, b in parts[:3]]
    surname, given, title = words
    if len(surname) != 1 or not 1 <= len(given) <= GIVEN_MAX_WORDS or not title:
        return None
    if any(_is_title(w, vocab) for w in surname + given) or not _is_title(title[0], vocab):
        return None
    if raw[parts[1][0]:parts[1][1]].strip(" .").upper() in vocab.name_suffixes:
        return None
    return parts[0], parts[1], parts[2]


def _name_after_title(raw: str, parts: list[tuple[int, int]], vocab: Vocabulary) -> int | None:
    """Where the name starts in a first part written title then name, when
    two parts or more follow and the next opens with a title word ("Ambassador
    Jane Doe, Ambassador, State, Front Office": the SMART statement's name,
    title, agency, office, with the title also written before the name); None
    for any other form ("DCM Jane Doe, EUR/WE" is read as before)."""
    words = [(m.start(), m.group(0)) for m in rx(r"\S+").finditer(raw, parts[0][0], parts[0][1])]
    second = raw[parts[1][0]:parts[1][1]].split()
    k = 0
    while k < len(words) and _is_title(words[k][1], vocab):
        k += 1
    name = words[k:]
    if len(parts) < 3 or k == 0 or not 0 < len(name) <= NAME_MAX_WORDS or not second or not _is_title(second[0], vocab):
        return None
    return None if any(_is_title(w, vocab) for _, w in name) else name[0][0]


# A line break inside a word: after a capitalised word's letters, before a lower-case piece ("Michae" / "l Roe").
BROKEN_WORD_RE = rx(r"(?<=(?<![A-Za-z'])[A-Z][A-Za-z]*)[ \t]*\r?\n[ \t]*(?=(?P<after>[a-z][A-Za-z'-]*))")


def join_broken_words(seg: str, vocab: Vocabulary) -> tuple[str, int]:
    """`seg` with each word the export broke at a line end joined again, and how
    many were joined. A lower-case piece that is a whole word ("for", "de") is
    no broken word: its line break stays a blank."""
    count = 0

    def join(m: regex.Match) -> str:
        nonlocal count
        if m["after"].lower() in vocab.standalone_lower_words:
            return m.group(0)
        count += 1
        return ""

    return BROKEN_WORD_RE.sub(join, seg) if "\n" in seg else seg, count


# A name's word split by a blank inside a line (the export ran a wrapped line on, "Do nald A. Roe"):
# a capitalised head of one or two letters, one blank, then a piece of small letters only, a word
# of the name. A longer head is a word of its own: what follows it is a particle ("Inam ul Haq")
# or a word after the name ("Roe acting DCM", "Roe with"), not the rest of a split word.
SPLIT_NAME_RE = rx(r"(?<![A-Za-z'.-])(?P<head>[A-Z][A-Za-z]?)[ \t](?P<after>[a-z]{2,})(?![A-Za-z.'-])")


def join_split_name(name: str, vocab: Vocabulary) -> tuple[str, int]:
    """`name` with each word split by a blank rejoined, and how many were.
    A name's words are capitalised: a piece of small letters after a head of
    one or two letters is a split word unless it is a word of its own ("van",
    "de", "bin", "ul") or the start of one ("fo": a cut "for" after the name)."""
    count = 0

    def join(m: regex.Match) -> str:
        nonlocal count
        piece = m["after"]
        if any(w.startswith(piece) for w in vocab.standalone_lower_words):
            return m.group(0)
        count += 1
        return m["head"] + piece

    return SPLIT_NAME_RE.sub(join, name) if " " in name or "\t" in name else name, count


# What a name's or title's part does not start with: blanks, separators, a dash or the "?" put for one.
_PART_LEAD = " ,;?-\u2013\u2014"


def name_and_title(auth: Token, text: str, vocab: Vocabulary) -> tuple[Token | None, Token | None]:
    """Split "Political Counselor Jane Doe" / "Jane Doe, Acting DCM" into
    name and title, by the title words of the vocabulary."""
    raw = text[auth.span.start:auth.span.end]

    def tok(a: int, b: int) -> Token | None:
        seg = raw[a:b]
        # a dash between title and name, or the "?" an export put for it ("NEA/XYZ ? JANE ROE"), is neither's
        lead = len(seg) - len(seg.lstrip(_PART_LEAD))
        seg = seg.lstrip(_PART_LEAD).rstrip(" ,;")
        if not seg:
            return None
        start = auth.span.start + a + lead
        value = join_broken_words(seg, vocab)[0]
        return Token(" ".join(value.replace("\\", " ").split()), Span(start, start + len(seg)), seg)

    stub = _cut_stub(raw, vocab)
    if stub is not None:  # "Classifi...", "Ambass...": a word cut short by an export is no name
        return None, (tok(0, len(raw)) if stub else None)
    parts = [(m.start(), m.end()) for m in rx(r"[^,;]+").finditer(raw)]
    if len(parts) > 1 and raw[parts[1][0]:parts[1][1]].strip(" .").upper() in vocab.name_suffixes:
        parts = [(parts[0][0], parts[1][1])] + parts[2:]  # "Robert O. Blake, Jr.": the suffix is the name's
    smart = _surname_first(raw, parts, vocab)
    if smart:
        (s0, s1), (g0, g1), (t0, t1) = smart
        name = tok(s0, g1)
        given, surname = " ".join(raw[g0:g1].split()), " ".join(raw[s0:s1].split())
        return (Token(f"{given} {surname}", name.span, name.raw) if name else None), tok(t0, t1)
    if len(parts) > 1:  # "Jane Doe, Acting Deputy Chief of Mission[, Department of State]"
        first = raw[parts[0][0]:parts[0][1]].split()
        if first and not all(_is_title(w, vocab) for w in first) and not _is_title(first[0], vocab):
            return tok(*parts[0]), tok(parts[1][0], len(raw))
        at = _name_after_title(raw, parts, vocab)
        if at is not None:  # "Ambassador Jane Doe, Ambassador, State, EXEC": the SMART form after a title
            return tok(at, parts[0][1]), tok(parts[1][0], len(raw))
    # the post after the name ("Consul General Ann Lee, Consulate General Lagos") holds no name: not searched
    at = _after_last_title(raw[:_post_after_name(raw, 0, vocab)], vocab)
    if at is not None:
        end = _post_after_name(raw, at, vocab)
        return tok(at, end), _title_around(tok(0, at), tok(end, len(raw)), text, vocab)
    words = [(m.start(), m.end()) for m in rx(r"\S+").finditer(raw)]
    k = 0
    while k < len(words) and _is_title(raw[words[k][0]:words[k][1]], vocab):
        k += 1
    if k == 0 and _mask_then_title(raw, words, vocab):  # "XXXXXXXXXXXX a.i.": the title's masked head
        return tok(0, words[0][1]), tok(words[1][0], len(raw))
    if k == 0:
        return tok(0, len(raw)), None
    if k == len(words):
        return None, tok(0, len(raw))
    return tok(words[k][0], _post_after_name(raw, words[k][0], vocab)), tok(0, words[k - 1][1])


def _mask_then_title(raw: str, words: list[tuple[int, int]], vocab: Vocabulary) -> bool:
    """Whether the statement is a redaction mask followed by title words only
    ("XXXXXXXXXXXX a.i.": the mask stands for the name and the title's head,
    "a.i." is what is left of "Charge d'Affaires a.i."): those words are the
    title, no part of a name."""
    return (len(words) > 1 and vocab.placeholder_re.fullmatch(raw[words[0][0]:words[0][1]]) is not None
            and all(_is_title(raw[a:b], vocab) for a, b in words[1:]))


# A statement cut short after one word's first letters ("Classifi...", "Ambass..."): read as
# the label or a title word from this many letters on (fewer may begin a name: "Mi...").
CUT_STUB_MIN = 4
CUT_STUB_RE = rx(r"^\s*(?P<w>[A-Za-z]{2,})")


def _cut_stub(raw: str, vocab: Vocabulary) -> bool | None:
    """Whether `raw` is one word cut short that begins a title word (True) or
    the label "Classified By" written again (False); None for anything else
    (a name cut short, "Shawn C...", is still a name)."""
    m = CUT_STUB_RE.match(raw)
    if m is None or not labels(vocab).elision_end.match(raw, m.end()):  # the vocabulary's elision_patterns
        return None
    w = m["w"].upper()
    if len(w) >= CUT_STUB_MIN and any(lab.upper().startswith(w) for lab in vocab.fields.get("Classified By", [])):
        return False
    title = len(w) >= CUT_STUB_MIN and any(t.startswith(w) for t in vocab.title_words if len(t) > len(w))
    return True if title else None


def _title_around(before: Token | None, after: Token | None, text: str, vocab: Vocabulary) -> Token | None:
    """The title written before the name, with the title words written after
    it ("ISN - JANE ROE, ACTING": "ISN, ACTING"); the span runs from the one to
    the other. A post after the name ("..., Consulate General Lagos") is no title's."""
    if before is None or after is None or not all(_is_title(w, vocab) for w in after.value.split()):
        return before
    span = Span(before.span.start, after.span.end)
    return Token(f"{before.value}, {after.value}", span, text[span.start:span.end])


def _post_after_name(raw: str, at: int, vocab: Vocabulary) -> int:
    """Where the name that starts at `at` ends: at the first comma that the
    post follows ("Peter Newman, Embassy Bamako"; "John Doe, Jr., Embassy
    Oslo") or title words alone ("John Doe, Acting"), else at the end."""
    comma = raw.find(",", at)
    while comma >= 0:
        after = raw[comma + 1:].split()
        word = after[0].rstrip(",;").upper() if after else ""
        if word in vocab.post_words or word.strip(".") in vocab.post_words:
            return comma
        if after and all(_is_title(w, vocab) for w in after):
            return comma  # a title after the name: "NEA - J. A. ROE, ACTING"
        comma = raw.find(",", comma + 1)
    return len(raw)


# A transmission's garble inside a lower-case word: a letter run replaced by Q or a symbol ("CooQnator").
# (The garble of rules/state.yaml's CL917 `garble`; a Q before an apostrophe's letters, "donQt", is none.)
GARBLED_WORD_RE = rx(r"^(?P<head>[A-Z]?[a-z]{1,})(?:Q(?!(?:s|t|re|ve|ll|d|m)$)|[%$#!])(?P<tail>[a-z]{2,})$")
# A garbled word is read as a title word when this many of its letters stand on each side of the garble.
GARBLE_KEEP_MIN = 2


def garbled_title_word(word: str, vocab: Vocabulary) -> str | None:
    """The title word that `word` is, garbled in transmission ("CooQnator" for
    COORDINATOR: same first and last letters, the run between replaced by one
    Q or symbol), or None. The vocabulary's title word must be longer than the
    garbled word's letters, and be the only one that fits: a name that merely
    holds a capital ("MacArthur", "DeLay") is no garble and fits no title word."""
    m = GARBLED_WORD_RE.match(word)
    if m is None or len(m["head"]) < GARBLE_KEEP_MIN:
        return None
    head, tail = m["head"].upper(), m["tail"].upper()
    fits = [t for t in vocab.title_words
            if len(t) > len(head) + len(tail) and t.startswith(head) and t.endswith(tail)]
    return fits[0] if len(fits) == 1 else None


def title_takes_garbled_word(name: Token, title: Token, text: str, vocab: Vocabulary
                             ) -> tuple[Token, Token, str] | None:
    """(name, title, title word) with the name's first word moved to the end of
    the title and read as the title word it garbles, when that word, written
    directly after the title, is a garbled title word ("Deputy CooQnator Hoyt
    Yee": the title's head noun, not the name's); None otherwise. The rest of
    the name keeps two words at least."""
    words = name.value.split()
    word = garbled_title_word(words[0], vocab) if len(words) >= 3 else None  # (rare: the cheap test first)
    m = rx(r"\S+").match(name.raw) if word else None
    if m is None or m.group(0) != words[0] or text[title.span.end:name.span.start].strip():
        return None
    rest = rx(r"\S").search(name.raw, m.end())
    if rest is None:
        return None
    start = name.span.start + rest.start()
    new_name = Token(" ".join(words[1:]), Span(start, name.span.end), name.raw[rest.start():])
    end = name.span.start + m.end()
    read = word.capitalize() if m.group(0)[1:2].islower() else word  # in the case it is written in
    new_title = Token(f"{title.value} {read}", Span(title.span.start, end), text[title.span.start:end])
    return new_name, new_title, word


def garbled_title_word_repair(cb: ClassifiedBy, text: str, vocab: Vocabulary) -> list[Repair]:
    """The repair `garbled-title-word` on the statement `cb` (its name and title
    changed), or none: see title_takes_garbled_word."""
    moved = title_takes_garbled_word(cb.name, cb.title, text, vocab) if cb.name and cb.title else None
    if moved is None:
        return []
    cb.name, cb.title, word = moved
    return [Repair("garbled-title-word", cb.title.span,
                   f"a word garbled in transmission read as the title's {word}, no part of the name")]
