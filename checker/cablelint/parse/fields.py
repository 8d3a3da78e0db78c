"""Stage 3 readers: the telegram's header fields, each read from its line(s).

Pure readers: each takes the lines and where its field starts and returns
the value (and the index after it); the header stage puts them in the
Document. Classified By has its own module (clby.py).
"""
from __future__ import annotations

from typing import NamedTuple

import regex

from ..document import DeclValue, EOLine, Marking, Repair, Span, Token
from ..rx import rx
from ..vocabulary import Vocabulary
from .labels import labels
from .decl import parse_decl
from .lines import Line, is_field_start

# How many lines a wrapped SUBJECT may take after its first.
SUBJECT_WRAP_LINES = 2
TAG_TOKEN_RE = rx(r"\[?(?P<t>[A-Za-z0-9][A-Za-z0-9-]*(?:\s*\([^)]*\))?)\]?(?P<debris>\(#\))?")
REF_IN_SUBJECT_RE = rx(r"\s+REFS?\s*:?\s+(?=[A-Z(])")
SUBJECT_MARK_RE = rx(r"\s*\(\s*([A-Za-z][^()]{0,30}?)\s*\)")


def read_eo(line: Line, m: regex.Match, vocab: Vocabulary) -> EOLine:
    """`E.O. 12958: DECL: 01/30/2014`: the order and the DECL value."""
    off, text = line.start, line.text
    return EOLine(Span(off + len(text) - len(text.lstrip()), off + len(text.rstrip())),
                  Token(m["order"], Span(off + m.start("order"), off + m.end("order"))),
                  parse_decl(m["rest"], off + m.start("rest"), vocab))


class Tags(NamedTuple):
    line: Token
    tags: list[Token]
    debris: bool  # markdown debris ([PREL](#)) read through


def read_tags(line: Line, at: int, vocab: Vocabulary) -> Tags:
    """`TAGS: PREL PGOV OVIP (RICE, CONDOLEEZZA) FR`: each TAG with its span; a
    person tag's name is not more TAGS."""
    off, rest = line.start, line.text[at:]
    tags: list[Token] = []
    person_open = False
    prev_end = 0
    debris = False
    for m in TAG_TOKEN_RE.finditer(rest):
        t = m["t"]
        if person_open and "(" not in t and not rx(r"[,;]").search(rest, prev_end, m.start()):
            break  # "OVIP STEINBERG JAMES": the rest of the line is the person's name
        person_open = t.upper() in vocab.person_tag_words
        prev_end = m.end()
        debris = debris or m["debris"] is not None
        base = off + at + m.start("t")
        if "(" in t:  # person tag: OVIP (RICE, CONDOLEEZZA) -- the TAG is the word before it
            word = t.split("(")[0].strip()
            if word:
                tags.append(Token(word, Span(base, base + len(word)), word))
            continue
        tags.append(Token(t, Span(base, base + len(t)), t))
    return Tags(Token(rest.strip(), Span(off + at, off + at + len(rest.rstrip())), line.text.strip()), tags, debris)


TAGS_CONTINUATION_RE = rx(r"^[ \t]*[A-Z]{2,8}(?:[ \t]*[,;]?[ \t]+[A-Z]{2,8}|[ \t]*[,;][ \t]*[A-Z]{2,8})*[ \t,;]*$")


def tags_continue(line: Line, vocab: Vocabulary) -> bool:
    """A line that goes on with the TAGS list ("SY, IS" under "TAGS: PREL, PGOV,"):
    TAG-shaped words only, not all of them caption words (NOFORN, SIPDIS)."""
    if TAGS_CONTINUATION_RE.match(line.text) is None:
        return False
    words = rx(r"[A-Z]+").findall(line.text)
    return not all(w in vocab.caption_parts for w in words) and not labels(vocab).passing.match(line.text.strip())


class Subject(NamedTuple):
    subject: Token
    portion: Marking | None
    ref: Token | None
    next: int


def read_subject(lines: list[Line], i: int, m: regex.Match, vocab: Vocabulary) -> Subject:
    """`SUBJECT: (C) TEXT`, wrapped over up to SUBJECT_WRAP_LINES more lines; a
    REF run into it is a field of its own."""
    off, rest, at = lines[i].start, m["rest"], m.start("rest")
    refm = REF_IN_SUBJECT_RE.search(rest)
    text = rest[:refm.start()] if refm else rest
    end = off + at + len(text.rstrip())
    portion = None
    pm = SUBJECT_MARK_RE.match(text)
    if pm:
        portion = vocab.parse_portion(pm.group(1), off + at + pm.start(1))
    ref = None
    if refm:
        r = rest[refm.end():]
        ref = Token(r.strip(), Span(off + at + refm.end(), off + at + refm.end() + len(r.rstrip())))
    j = i + 1
    while not refm and j < len(lines) and j <= i + SUBJECT_WRAP_LINES and lines[j].text.strip():
        nxt = lines[j]
        again = labels(vocab).subject.match(nxt.text)
        cur, rest = " ".join(text.split()), " ".join(again["rest"].split()).rstrip("\\ ") if again else ""
        if again and rest.startswith(cur) and len(rest) > len(cur):
            return read_subject(lines, j, again, vocab)  # the subject written again, longer (an export's repeat)
        if again and cur.startswith(rest):
            j += 1  # written again, no longer: the subject read already holds it
            continue
        if is_field_start(nxt.text, vocab):
            break
        text += " " + nxt.text.strip().removeprefix("¶")  # the web page's pilcrow before a wrapped number
        end = nxt.start + len(nxt.text.rstrip())
        j += 1
    value = " ".join(text.split()).rstrip("\\ ")  # a TSV export's line-continuation backslashes
    return Subject(Token(value, Span(off + at, end), text), portion, ref, j)


def read_ref(line: Line, m: regex.Match) -> Token:
    rest, at = m["rest"], m.start("rest")
    return Token(rest.strip(), Span(line.start + at, line.start + at + len(rest.rstrip())))


# A lettered REF item on the lines after `REF: A. ...` ("B. BRUSSELS 1439", the web page's
# "¶B. ..."): one letter and a period, then the reference ("(C) ..." is a portion mark, not an item).
REF_ITEM_RE = rx(r"^[ \t]*(?:¶[ \t]*)?(?P<item>[B-Z]\.[ \t]+\S.*?)[ \t\\]*\r?$")


def read_ref_items(lines: list[Line], i: int) -> list[Token]:
    """The lettered items that go on from the REF line at `i`, one Token each
    (the pilcrow a web page put before a letter is not part of it)."""
    out: list[Token] = []
    for line in lines[i + 1:i + 27]:
        m = REF_ITEM_RE.match(line.text)
        if m is None:
            break
        out.append(Token(m["item"], Span(line.start + m.start("item"), line.start + m.end("item"))))
    return out


def read_field(fm: regex.Match, off: int, vocab: Vocabulary) -> tuple[str, Token]:
    """`Name: value`: the canonical field name and the value's token."""
    val = fm["val"]
    return vocab.field_name(fm["key"]), Token(val, Span(off + fm.start("val"), off + fm.end("val")), val)


def read_declassify_on(tok: Token, vocab: Vocabulary) -> DeclValue:
    return parse_decl(tok.value, tok.span.start, vocab)


def lost_letter_repair(line: Line, m: regex.Match, label: str) -> Repair:
    return Repair("lost-first-letter", Span(line.start + m.start("lost"), line.start + m.end("lost")),
                  f"{m['lost']} read as {label}")
