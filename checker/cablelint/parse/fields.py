"""Stage 3 readers: the telegram's header fields, each read from its line(s).

Pure readers: each takes the lines and where its field starts and returns
the value (and the index after it); the header stage puts them in the
Document. Classified By has its own module (clby.py).
"""
from __future__ import annotations

from typing import NamedTuple

import regex

from ..document import DeclValue, Document, EOLine, Marking, Repair, Span, Token
from ..rx import rx
from ..vocabulary import Vocabulary
from .banner import section_banner
from .labels import labels
from .decl import parse_decl
from .marks import end_mark
from .memo import VOCABS_MAX
from .lines import CLBY_RE, EO_RE, PAGE_INLINE_RE, PAGE_RE, Line, classify, is_field_start, page_mark_start

# How many lines a wrapped SUBJECT may take after its first.
SUBJECT_WRAP_LINES = 2
TAG_TOKEN_RE = rx(r"\[?(?P<t>[A-Za-z0-9][A-Za-z0-9-]*(?:\s*\([^)]*\))?)\]?(?P<debris>\(#\))?")
REF_IN_SUBJECT_RE = rx(r"\s+REFS?\s*:?\s+(?=[A-Z(])")
SUBJECT_MARK_RE = rx(r"\s*\(\s*([A-Za-z][^()]{0,30}?)\s*\)")


# EO_RE's groups by number (a group looked up by name costs several times more).
_ORDER, _EO_REST, _EO_ZERO = EO_RE.groupindex["order"], EO_RE.groupindex["rest"], EO_RE.groupindex["zero"]


def read_eo(line: Line, m: regex.Match, vocab: Vocabulary) -> EOLine:
    """`E.O. 12958: DECL: 01/30/2014` (`m`: EO_RE's match): the order and the DECL value."""
    off, text = line.start, line.text
    (o1, o2), rest_at = m.span(_ORDER), m.start(_EO_REST)
    return EOLine(Span(off + len(text) - len(text.lstrip()), off + len(text.rstrip())),
                  Token(text[o1:o2], Span(off + o1, off + o2)),
                  parse_decl(text[rest_at:m.end(_EO_REST)], off + rest_at, vocab))


def eo_label_repairs(line: Line, m: regex.Match, eo: EOLine) -> list[Repair]:
    """The repairs of a damaged E.O. label read by EO_RE (`m`): a colon before the order
    (label-colon, "E.O.: 12958: N/A"), a digit zero for the letter O (damaged-label, "E.0.")."""
    got = []
    zero = m.span(_EO_ZERO)
    if zero[0] >= 0:
        got.append(Repair("damaged-label", Span(line.start + zero[0], line.start + zero[1]),
                          f"{line.text[zero[0]:zero[1]]} read as E.O."))
    if ":" in line.text[:m.start(_ORDER)]:
        got.append(Repair("label-colon", eo.order.span, "E.O.: read as E.O."))
    return got


class Tags(NamedTuple):
    line: Token
    tags: list[Token]
    debris: bool  # markdown debris ([PREL](#)) read through


# A TAG's shape (domain.md: geographic TAGS two letters, subject and program TAGS four,
# organisations two to four): a word after a bare person TAG that is not so shaped is a name.
TAG_SHAPE_RE = rx(r"[A-Za-z]{2,4}")
# A person's name after a bare person TAG ("OVIP STEINBERG JAMES PREL"): at most this many words.
PERSON_NAME_WORDS = 3


def _bare_person(words: list[str], known: frozenset[str]) -> int:
    """How many of the words after a person TAG written without parentheses
    are the person's name, of the first PERSON_NAME_WORDS: up to the last that
    is not TAG-shaped ("RICE CONDOLEEZZA KISL": 2; "PGOV PREL KDEM": 0), and,
    with the rule sets' TAGS `known`, up to the first known TAG ("SMITH JOHN
    FR": 2; "KIM JONG IL": 3; "PREL": 0): a name's short words (JOHN, KIM) are
    TAG-shaped, and read as TAGS they are false alarms that print the name."""
    n = 0
    for k, w in enumerate(words[:PERSON_NAME_WORDS]):
        if TAG_SHAPE_RE.fullmatch(w) is None:
            n = k + 1
    if known:
        for k, w in enumerate(words[:PERSON_NAME_WORDS]):
            if w.upper() in known:
                break
            n = max(n, k + 1)
    return n


# TAG_TOKEN_RE's groups by number: a match's group looked up by name costs
# several times one looked up by number (read_tags reads ~6 TAGs a cable).
_T, _DEBRIS = TAG_TOKEN_RE.groupindex["t"], TAG_TOKEN_RE.groupindex["debris"]


def _joined_words(rest: str, found: list[regex.Match]) -> list[str]:
    """The words after found[0] not parted from it by a comma or semicolon
    (nor a parenthesised person: its own TAG)."""
    out: list[str] = []
    for prev, f in zip(found, found[1:]):
        if "(" in f[_T] or rx(r"[,;]").search(rest, prev.end(), f.start()):
            break
        out.append(f[_T])
    return out


def read_tags(line: Line, at: int, vocab: Vocabulary) -> Tags:
    """`TAGS: PREL PGOV OVIP (RICE, CONDOLEEZZA) FR`: each TAG with its span; a
    person tag's name is not more TAGS (the TAG's raw form holds it: inspect shows it)."""
    off, rest = line.start, line.text[at:]
    found = list(TAG_TOKEN_RE.finditer(rest))
    tags: list[Token] = []
    debris = False
    base0 = off + at
    persons = vocab.person_tag_words
    k = 0
    while k < len(found):
        m = found[k]
        start, end = m.span(_T)
        t = rest[start:end]
        debris = debris or m.start(_DEBRIS) >= 0
        word = t.split("(")[0].strip() if "(" in t else t  # person tag: OVIP (RICE, CONDOLEEZZA) -- the TAG is the word before it
        if "(" not in t and t.upper() in persons:
            n = _bare_person(_joined_words(rest, found[k:k + 1 + PERSON_NAME_WORDS]), vocab.known_tags)
            end = found[k + n].end(_T) if n else end
            k += n
        if word:
            tags.append(Token(word, Span(base0 + start, base0 + start + len(word)), rest[start:end]))
        k += 1
    return Tags(Token(rest.strip(), Span(base0, base0 + len(rest.rstrip())), line.text.strip()), tags, debris)


TAGS_CONTINUATION_RE = rx(r"^[ \t]*[A-Z]{2,8}(?:[ \t]*[,;]?[ \t]+[A-Z]{2,8}|[ \t]*[,;][ \t]*[A-Z]{2,8})*[ \t,;]*$")


# The same in a lower-cased copy ("etra, mnuc, marr, ch" under "tags: ovip, prel,"): commas part the TAGs.
TAGS_LOWER_CONTINUATION_RE = rx(r"^[ \t]*[a-z]{2,8}(?:[ \t]*,[ \t]*[a-z]{2,8})+[ \t,]*$")


def tags_continue(line: Line, vocab: Vocabulary, lower: bool = False) -> bool:
    """A line that goes on with the TAGS list ("SY, IS" under "TAGS: PREL, PGOV,"):
    TAG-shaped words only, not all of them caption words (NOFORN, SIPDIS).
    `lower`: the TAGS line was lower-cased, so may its continuation be."""
    if TAGS_CONTINUATION_RE.match(line.text) is None:
        return lower and TAGS_LOWER_CONTINUATION_RE.match(line.text) is not None
    words = rx(r"[A-Z]+").findall(line.text)
    return not all(w in vocab.caption_parts for w in words) and not labels(vocab).passing.match(line.text.strip())


class Subject(NamedTuple):
    subject: Token
    portion: Marking | None
    ref: Token | None
    next: int
    tail: Span | None = None  # the last words read after a blank line (a note)


def read_subject(lines: list[Line], i: int, m: regex.Match, vocab: Vocabulary, post: Token | None = None) -> Subject:
    """`SUBJECT: (C) TEXT`, wrapped over up to SUBJECT_WRAP_LINES more lines; a
    REF run into it is a field of its own (`post`: the cable's post, for a page mark in that REF)."""
    off, rest, at = lines[i].start, m["rest"], m.start("rest")
    refm = REF_IN_SUBJECT_RE.search(rest) or labels(vocab).ref_title_in_line.search(rest)
    text = rest[:refm.start()] if refm else rest
    end = off + at + len(text.rstrip())
    portion = None
    pm = SUBJECT_MARK_RE.match(text)
    if pm:
        portion = vocab.parse_portion(pm.group(1), off + at + pm.start(1))
    ref = None
    if refm:
        ref = ref_value(rest[refm.end():], off + at + refm.end(), vocab, post)
    j = i + 1
    while not refm and j < len(lines) and j <= i + SUBJECT_WRAP_LINES and lines[j].text.strip():
        nxt = lines[j]
        again = labels(vocab).subject.match(nxt.text)
        cur, rest = " ".join(text.split()), " ".join(again["rest"].split()).rstrip("\\ ") if again else ""
        if again and rest.startswith(cur) and len(rest) > len(cur):
            return read_subject(lines, j, again, vocab, post)  # the subject written again, longer (an export's repeat)
        if again and cur.startswith(rest):
            j += 1  # written again, no longer: the subject read already holds it
            continue
        if is_field_start(nxt.text, vocab) or PAGE_RE.match(nxt.text) or opens_with_banner(nxt, vocab, post):
            break  # a field, the page mark of a page break, or a banner (a run-on copy of the header) under it
        text += " " + nxt.text.strip().removeprefix("¶")  # the web page's pilcrow before a wrapped number
        end = nxt.start + len(nxt.text.rstrip())
        j += 1
    tail = _subject_tail(lines, j, text, vocab, post) if not refm and j <= i + SUBJECT_WRAP_LINES else None
    tail_span = None
    if tail is not None:  # the subject's last words after a blank line
        text += " " + lines[tail].text.strip()
        end, j = lines[tail].start + len(lines[tail].text.rstrip()), tail + 1
        tail_span = Span(lines[tail].start + len(lines[tail].text) - len(lines[tail].text.lstrip()), end)
    # a TSV export's line-continuation backslashes, at the end and where a wrapped line broke
    value = " ".join(w for w in text.split() if w != "\\").rstrip("\\ ")
    portion = portion or end_mark(text, end, vocab)  # "SUBJECT: TALKS (C)": the mark written at the end
    return Subject(Token(value, Span(off + at, end), text), portion, ref, j, tail_span)


# A SUBJECT's last words after a blank line are a short line, at most this long.
SUBJECT_TAIL_MAX = 40
# What may follow those last words: the header goes on.
SUBJECT_TAIL_NEXT = frozenset({"ref", "classified_by", "field", "eo", "tags"})
# Blank lines that may stand between those last words and the next field (an export
# that doubles every line break writes a blank line, one with a space, and another).
SUBJECT_TAIL_BLANKS = 3


def _subject_tail(lines: list[Line], j: int, text: str, vocab: Vocabulary, post: Token | None = None) -> int | None:
    """The index of the line holding an upper-case SUBJECT's last words when
    one blank line (at `j`) parts them from the rest ("... JULIA TAFT" / "" /
    "REFUGEE FUND" / "" / "REF: ..."; or "MEETING REF: ...", the next field run
    on after them): a short upper-case line that is no field, paragraph,
    caption, passing line or heading (a header field follows it, not text;
    paragraph 1 may, when the subject stopped on a joining word: "... AND" / ""
    / "OTHER MEASURES"). An empty SUBJECT takes such a line with the next field
    run on after it, or a line in any case right before paragraph 1 ("SUBJECT:"
    / "" / "Fraud Ring Busted" / "1.(SBU) ..."). None when there is no such line."""
    k = j + 1
    empty = not text.strip()
    if k >= len(lines) or lines[j].text.strip() or not empty and not upper_words(text):
        return None
    s = lines[k].text.strip()
    if len(s) > (SUBJECT_LINE_MAX if empty else SUBJECT_TAIL_MAX) or not (upper_words(s) or empty) \
            or ":" in s or s.endswith(".") or s.startswith("¶"):
        return None
    if other_header_line(s, vocab) or empty and _heading_or_caption(s, vocab):
        return None
    after = k + 1
    while after < len(lines) and after <= k + SUBJECT_TAIL_BLANKS and not lines[after].text.strip():
        after += 1
    # a field after a blank line, or run on after the last words on their line (a run-on-header piece)
    ran_on = after == k + 1 < len(lines) and lines[after].start == lines[k].start + len(lines[k].text)
    nxt = classify(lines[after].text, vocab).name if after < len(lines) else ""
    if nxt == "text" and unlabelled_ref(lines, after, post, vocab) is not None:
        nxt = "ref"
    if ran_on or after > k + 1 and not empty:
        return k if nxt in SUBJECT_TAIL_NEXT or nxt == "paragraph" and _joins_on(text, vocab) else None
    return k if empty and nxt == "paragraph" else None


# A cable cited by its post (or STATE, markings.yaml citing_posts) and serial number, the year written or not.
_CITATION_RE = rx(r"(?P<post>[A-Z][A-Z .]{1,30}?)[ \t]+(?:\d{2}[ \t]+)?\d{1,6}")


def unlabelled_ref(lines: list[Line], i: int, post: Token | None, vocab: Vocabulary) -> Token | None:
    """Line i holding only a cable's citation ("OSLO 1234": the cable's own post,
    or STATE) with a Classified By run on right after it: the REF item, its label
    lost where an export glued the two lines. None for any other line."""
    line = lines[i]
    if i + 1 >= len(lines) or lines[i + 1].start != line.start + len(line.text) \
            or CLBY_RE.match(lines[i + 1].text.lstrip()) is None:
        return None
    s = line.text.strip()
    m = _CITATION_RE.fullmatch(s)
    if m is None or m["post"].upper() not in vocab.citing_posts | ({post.value.upper()} if post else set()):
        return None
    at = line.start + len(line.text) - len(line.text.lstrip())
    return Token(s, Span(at, at + len(s)), s)


# An empty SUBJECT's text on a line of its own is at most this long.
SUBJECT_LINE_MAX = 80


def _joins_on(text: str, vocab: Vocabulary) -> bool:
    """Whether `text` stops on a joining word or mark ("BAIL-OUTS AND", "TALKS ON"): it goes on."""
    words = text.split()
    return bool(words) and (words[-1].upper() in vocab.title_joiners or text.rstrip()[-1:] in ",-/")


_LETTER_WORDS_RE = rx(r"[A-Za-z]+")


def _heading_or_caption(s: str, vocab: Vocabulary) -> bool:
    """Whether line `s`, in any case, is a section heading ("Summary and
    Comment": the vocabulary's heading_words) or opens with a caption phrase
    ("Sensitive but unclassified, please ..."): the body's, no subject's text."""
    words = _LETTER_WORDS_RE.findall(s.upper())
    heads = words and all(w in vocab.heading_words or w in vocab.title_joiners for w in words)
    return bool(heads or _caption_phrase_re(vocab).match(s))


def other_header_line(s: str, vocab: Vocabulary) -> bool:
    """Whether header line `s` is a field, page mark, Classified By, passing,
    trailer or caption line: none of these continues a wrapped field."""
    if is_field_start(s, vocab) or PAGE_RE.match(s) or CLBY_RE.search(s) or labels(vocab).passing.match(s):
        return True
    words = rx(r"[A-Z]+").findall(s)
    return bool(labels(vocab).trailer.fullmatch(s) or words and all(w in vocab.caption_parts for w in words))


# A banner's post and serial right after its level ("UNCLAS MANAMA 000995 SIPDIS ..."), the post a few
# words, and the word after them if any.
_POST_SERIAL_START_RE = rx(
    r"[ \t]+(?P<post>[A-Z][A-Z.'-]*(?:[ \t][A-Z][A-Z.'-]*){0,3})[ \t]+\d{3,}(?:\s*$|[ \t]+(?P<w>[A-Z/]+))")


def opens_with_banner(line: Line, vocab: Vocabulary, post: Token | None = None) -> bool:
    """Whether `line` opens with a banner: a level, the post and serial and
    nothing or a caption or control word after them ("UNCLAS MANAMA 000995
    SIPDIS STATE FOR ...", the header written again run on), a letter-spaced
    level or a section's banner. A level word opening a wrapped field's words
    ("SECRET TALKS", "UNCLASSIFIED REPORT 2009 ON ...") is none, nor, when the
    cable's `post` is known, words of another post before a number ("SECRET
    ANNEX OF SOFA 2008", a SUBJECT's second line)."""
    if not vocab.may_start_banner(line.text) or not vocab.banner_re.match(line.text):
        return False
    got = vocab.parse_banner(line.text, line.start)
    if got is None or got[0].level is None:
        return False
    m = _POST_SERIAL_START_RE.match(got[1])
    if m is not None and (m["w"] is None or m["w"] in vocab.caption_words or m["w"] in vocab.banner_control) \
            and (post is None or " ".join(m["post"].split()) == " ".join(post.value.split())):
        return True
    return section_banner(line, vocab) is not None


def upper_words(s: str) -> bool:
    """Upper-case words: letters, none of them small."""
    return s.upper() == s and any(c.isalpha() for c in s)


def read_ref(line: Line, m: regex.Match, vocab: Vocabulary, post: Token | None = None) -> Token:
    return ref_value(m["rest"], line.start + m.start("rest"), vocab, post)


def ref_value(rest: str, base: int, vocab: Vocabulary, post: Token | None = None) -> Token:
    """The REF value `rest` (at offset `base`) without what an export glued
    onto it: a page mark run in ("B) TRIPOLI 722 TRIPOLI 00000883 002 OF 003"; the
    items after it go on), a handling caption or the first paragraph's mark and
    text ("BRASILIA 1136 SENSITIVE BUT UNCLASSIFIED - PLEASE ...", "893 (U) THIS ...").
    The mark starts at its post's name (`post`, the cable's: lines.page_mark_start)."""
    cuts = [m.start() for m in (_caption_phrase_re(vocab).search(rest, 1), _body_mark(rest, vocab),
                                REF_BODY_TEXT_RE.search(rest), vocab.ref_body_re.search(rest)) if m]
    stop = min(cuts, default=len(rest))
    pm = PAGE_INLINE_RE.search(rest, 0, stop)
    parts = [(0, page_mark_start(rest, pm, post) if pm else stop)]
    if pm and REF_ITEM_AFTER_RE.match(rest, pm.end(), stop):
        parts.append((pm.end(), stop))
    kept = [(a, a + len(rest[a:b].rstrip(" \t;,\\"))) for a, b in parts]
    kept = [(a, b - 2 if rest[a:b].endswith(" -") else b) for a, b in kept]
    lead = len(rest) - len(rest.lstrip())
    value = " ".join(" ".join(rest[a:b].split()) for a, b in kept if b > a)
    raw = rest[lead:max(lead, kept[-1][1])]
    return Token(value if pm else raw, Span(base + lead, base + max(lead, kept[-1][1])), raw)


# The body's text run on after a REF's last citation number: an unmarked paragraph 1 ("806 1.
# Summary. Both ..."), or a sentence in mixed case ("STATE 55120 Our team handed ..."); the
# body's listed openings ("Per REFTEL, ...", "NOTE: ...") are the vocabulary's `ref_body_re`.
REF_BODY_TEXT_RE = rx(r"(?<=\d)[ \t]+(?:1\.[ \t]+(?=[A-Z][a-z])|(?=[A-Z][a-z]+(?:[ \t]+[a-z]+){2}(?![A-Za-z])))")


# A REF list's first item on a line of its own under an empty `REF:` ("REFTEL:" / "(A) 05 OSLO 318,",
# "REF:" / "¶A. STATE 4711"): lettered A, citing a number.
REF_ITEM_A_RE = rx(r"^[ \t]*(?:¶[ \t]*)?(?P<item>\(?[Aa][.)][ \t]*\S[^\n]*?\d[^\n]*?)[ \t\\]*\r?$")


# After a page mark run into a REF: more lettered items ("M) STATE 7877") go on with it.
REF_ITEM_AFTER_RE = rx(r"\s*\(?[A-Z][.)]\s")


def _body_mark(value: str, vocab: Vocabulary) -> regex.Match | None:
    """A portion mark that starts the body's text after the refs ("893 (U) THIS
    CABLE IS ..."; or ending the line, "40218 (U)", the text on the next): a
    mark of a level that is no single item letter (A-T)."""
    for m in rx(r"\s\((?P<mark>[A-Za-z][A-Za-z/]{0,12})\)(?:\s+\S|\s*$)").finditer(value):
        if rx(r"[A-T]").fullmatch(m["mark"]) is None and vocab.parse_portion(m["mark"], 0) is not None:
            return m
    return None


_CAPTION_PHRASES: dict[int, tuple[object, regex.Pattern]] = {}


def _caption_phrase_re(vocab: Vocabulary) -> regex.Pattern:
    """The vocabulary's caption phrases (words with a blank: SENSITIVE BUT
    UNCLASSIFIED), in any case ("Sensitive but Unclassified. Please ..."), whole words, as one pattern (once per build of a vocabulary)."""
    got = _CAPTION_PHRASES.get(id(vocab))
    if got is None or got[0] is not vocab.built:
        phrases = sorted((w for w in vocab.caption_words if " " in w), key=len, reverse=True)
        pattern = rx(r"(?<![A-Za-z])(?i:" + "|".join(regex.escape(p) for p in phrases) + r")(?![A-Za-z])"
                     if phrases else r"(?!)")
        if len(_CAPTION_PHRASES) >= VOCABS_MAX:
            _CAPTION_PHRASES.clear()
        got = _CAPTION_PHRASES[id(vocab)] = (vocab.built, pattern)
    return got[1]


def read_field(fm: regex.Match, off: int, vocab: Vocabulary) -> tuple[str, Token]:
    """`Name: value`: the canonical field name and the value's token."""
    val = fm["val"]
    return vocab.field_name(fm["key"]), Token(val, Span(off + fm.start("val"), off + fm.end("val")), val)


def read_declassify_on(tok: Token, vocab: Vocabulary) -> DeclValue:
    return parse_decl(tok.value, tok.span.start, vocab)


def lost_letter_repair(line: Line, m: regex.Match, label: str) -> Repair:
    return Repair("lost-first-letter", Span(line.start + m.start("lost"), line.start + m.end("lost")),
                  f"{m['lost']} read as {label}")


def read_unlabelled_ref(doc: Document, lines: list[Line], i: int, vocab: Vocabulary) -> bool:
    """Read line i as the REF when it is a lone citation glued to the Classified
    By under the SUBJECT (unlabelled_ref), with a note; whether it was."""
    tok = unlabelled_ref(lines, i, doc.post, vocab)
    if tok is None:
        return False
    doc.refs.append(tok)
    doc.repairs.append(Repair("unlabelled-ref", tok.span, "a citation where the REF stands, its label lost"))
    return True
