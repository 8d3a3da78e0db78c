"""Stage 2, classify lines: ONE ordered table of recognisers.

A recogniser looks at one line (never at the document read so far) and says
what the line is. `classify` tries them in the table's order and returns the
first that matches, so the order is written down in one place (RECOGNISERS).
The domain words (field labels, passing and trailer words, levels, captions)
come from the vocabulary (rules/markings.yaml); what is left here is the
shape of a line: a number and a dot, a parenthesised mark, a page mark.

A line's first character decides which recognisers can match at all, so most
lines meet one or two patterns, not the whole table.
"""
from __future__ import annotations

from operator import attrgetter
from typing import Callable, NamedTuple

import regex

from ..document import Marking, SectionMark, Span, Token
from ..records import Record
from ..vocabulary import Vocabulary
from . import memo
from .labels import labels, may_open
from ..rx import rx


class Line(Record):
    """A (virtual) line: its text without the line ending, and where it starts.
    A plain value class, not a @dataclass (records.py says why)."""

    __slots__ = ("text", "start")
    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's

    def __init__(self, text: str, start: int) -> None:
        self.text, self.start = text, start


# A line's start: the key to bisect lines by an offset (no list of every line's start built for one look-up).
LINE_START = attrgetter("start")

# A numbered paragraph: 1. / ¶1. / [11.](#) / 1.(C) / 12 (C), and "5) (C)" with its
# mark ("8) Burma" is a list item; body.py decides whether a marked "1) (C/NF) HOW..."
# continues the paragraphs or is a questionnaire item inside one).
PARA_RE = rx(
    r"^[ \t\u2028]{0,8}(?:¶\s*)?(?P<lb>\[)?(?P<num>\d{1,3})(?P<dot>\.|\)(?=[ \t]*\()|(?=\s*\())\]?(?P<debris>\(#\))?[ \t]*"
)
# An order of four digits is read only before DECL ("E.O. 1295: DECL: ...", a digit lost): as written.
# Group `zero`: a label with a digit zero for the letter O ("E.0. 12958: N/A", the repair
# damaged-label), read only when an order of five digits and its colon follow: "E.0" alone
# opens other lines (a model number, "E.06 MEETING").
EO_RE = rx(
    r"^[\s\[]*(?:E\s*\.?\s*O\s*\.?|EO|MO\.|(?P<zero>E\s*\.\s*0(?:\s*\.)?)(?=\s*(?::\s*)?\d{5}\s*:))\s*(?::\s*)?(?P<order>\d{5}|\d{4}(?=\s*:\s*DECL\b))\b\s*(?:\((?:AS AMENDED)?\))?\s*[:;.,]?\s*(?P<rest>.*)$",
    regex.IGNORECASE,
)
CLBY_RE = rx(r"(?<![A-Za-z])classified\s+by\b(?!\s+line)\s*:?", regex.IGNORECASE)  # not DECLASSIFIED BY
SECTION_RE = rx(r"\bSECTION\s+(?P<n>\d{1,3})\s+OF\s+(?P<m>\d{1,3})\b", regex.IGNORECASE)
# The same on a banner line that lost the word's first letter ("C O N F I D E N T I A L ECTION 01 OF 02").
LOST_SECTION_RE = rx(r"(?<![A-Za-z])(?P<lost>ECTION)\s+(?P<n>\d{1,3})\s+OF\s+(?P<m>\d{1,3})\b")
# The post ends on a non-blank, so it cannot share a blank run with the `\s+`
# after it (a page header with 45,000 blanks in its post took 40 s, quadratic).
PAGE_RE = rx(
    r"^\s*(?:[A-Z](?:[A-Z .'-]*?[A-Z.'-])?|[A-Z][a-z]+(?: [A-Za-z][a-z]+){0,3})"  # PARIS, SAO PAULO; a lower-cased copy's Sao Paulo
    r"\s+0*\d{1,8}\s+(?P<n>\d{3})(?:\.\d+)?\s+(?:OF|of)\s+(?P<m>\d{3})\s*\\?\s*$"
)
# The same page mark run into paragraph text by an export that lost line breaks.
# Its lazy post name may start inside the words before the mark: page_mark_start says where it starts.
PAGE_INLINE_RE = rx(
    r"(?<![A-Za-z])[A-Z][A-Z .'-]{0,30}?\s+(?P<serial>0{2,}\d{2,})\s+(?P<n>\d{3})(?:\.\d+)?\s+OF\s+(?P<m>\d{3})(?!\d)"
)
# A word of a page mark's post name (SAO PAULO, PORT-AU-PRINCE, ST. GEORGE'S).
_POST_WORD_RE = rx(r"[A-Z][A-Z.'-]*")
PORTION_RE = rx(r"\(\s*(?P<mark>(?://)?[A-Za-z][^()\n]{0,58}?)\s*\)")  # (//GBR S): non-US
# The mark at the start of a block, after an optional item label: "¶A.  (C)", "ii. (SBU)".
PORTION_START_RE = rx(r"^\s*(?:¶?\s*(?:[A-Za-z]|[ivxIVX]{1,4})[.)]\s+)?\(\s*((?://)?[A-Za-z][^()\n]{0,58}?)\s*\)")
# A bullet or lettered sub-paragraph: in a CAPCO/CUI document each is a portion.
BULLET_RE = rx(r"^[ \t]*(?:(?P<dash>[-*•·▪])|[a-z]\.|\([a-z0-9]{1,2}\))[ \t]+")
# A bullet or lettered item that carries its own portion mark.
BULLET_MARK_RE = rx(
    r"^\s*(?:-{1,2}|\*|\u2022|[a-zA-Z][.)]|\([a-z]\))\s*\(\s*(?:U|C|S|TS|SBU)\b[^)]{0,20}\)")
# A lead-in and its first marked bullet on one line: "Key Points: -- (SBU) ...".
LEAD_IN_RE = rx(r"(?P<lead>[^()\n]{1,60}:|[A-Z][A-Z ]{2,40})\s*(?:-{1,2}|\*|\u2022)\s*\(\s*(?:U|C|S|TS|SBU)\b[^)]{0,20}\)")
# A surname may start with a particle in lower case ("van Voorst", "de la Pena").
SIGNATURE_RE = rx(r"(?:(?:van|von|de|del|della|da|di|du|la|le|dos|das)[ ])*[A-Z][A-Za-z'.-]+(?: [A-Z][A-Za-z'.-]+){0,2}")
# A signature run on after the last paragraph's final sentence ("...End comment.  ROE"):
# one word, after a sentence's end and blanks, at the end of the line.
GLUED_SIGNATURE_RE = rx(r"(?<=[.!?\"”)])[ \t]+(?P<sig>[A-Z][A-Za-z'-]+)[ \t]*$")
# PARA_RE's groups lb, num, dot, debris by number.
_PARA_GROUPS = tuple(PARA_RE.groupindex[k] for k in ("lb", "num", "dot", "debris"))
# A heading is short: longer lines are prose. A signature is shorter still.
HEADING_MAX = 90
SIGNATURE_MAX = 30
# Header lines shorter than this that do not end a sentence are passing or address lines.
SHORT_HEADER_MAX = 70


class ParaStart(NamedTuple):
    """Where a numbered paragraph's number is: number as written, its offsets
    in the line, where the text after it starts, whether markdown debris
    (`[11.](#)`) was read through, and whether it is written `5)`."""

    number: int
    raw: str
    start: int
    end: int
    after: int
    debris: bool
    paren: bool = False


def para_start(text: str) -> ParaStart | None:
    """The paragraph number a line starts with, or None."""
    c = text[:1]
    if not (c.isdigit() or c in "¶[ \t\u2028"):  # U+2028, a line separator some exports indent with
        return None
    if c in " \t\u2028" and not ((c := text.lstrip(" \t\u2028")[:1]).isdigit() or c in "¶["):
        return None  # an indented line: the number (or its ¶ or [) must follow the blanks
    m = PARA_RE.match(text)
    if not m:
        return None
    end = m.end()
    lb, num, dot, debris = m.group(*_PARA_GROUPS)  # by number: a named group costs regex ~0.4 us a look-up
    nxt = text[end:end + 1]  # what follows the number, its dot and blanks (the rest is not copied)
    # "1. (C) text", "1. text", "1.(S/NF)", "5) (C)" -- but not "2002 MADRID 1234" or "10:30".
    if dot == "" and nxt != "(":
        return None
    if (not nxt or nxt.isspace()) and not text[end:].strip() and not text.rstrip().endswith((".", "](#)")):
        return None
    if nxt.isdigit():
        return None
    start, stop = m.span(_PARA_GROUPS[1])
    return ParaStart(int(num), num, start, stop, end, bool(lb or debris), dot == ")")


def portion_start(text: str, off: int, vocab: Vocabulary) -> Marking | None:
    """The mark at the start of a block (the line starts at `off`)."""
    if "(" not in text[:12]:
        return None
    m = PORTION_START_RE.match(text)
    if not m:
        return None
    return vocab.parse_portion(m.group(1), off + m.start(1))


def ends_like_page_mark(text: str) -> bool:
    """Whether `text` ends as PAGE_RE needs: three digits, then nothing but
    blanks and one backslash (every blank `\\s` takes, str.rstrip strips).
    A C-speed test before the pattern: a header or body line with " OF " in
    its words ("VISIT OF THE MINISTER") seldom ends in a page count."""
    t = text.rstrip()
    if t.endswith("\\"):
        t = t[:-1].rstrip()
    return t[-3:].isdigit()


def may_be_page_mark(text: str) -> bool:
    """The C-speed gate before PAGE_RE: " OF " or a lower-cased copy's " of 0"
    ("Beijing 00002963 002 of 002"), and a page count at the end."""
    return (" OF " in text or " of 0" in text) and ends_like_page_mark(text)


def page_mark(line: Line) -> SectionMark | None:
    """`PARIS 00000579  002 OF 004`: a continuation page's mark."""
    if not may_be_page_mark(line.text):
        return None
    m = PAGE_RE.match(line.text)
    if not m:
        return None
    return SectionMark(int(m["n"]), int(m["m"]), Span(line.start + m.start("n"), line.start + m.end("m")), "page")


def page_mark_start(text: str, m: regex.Match, post: Token | None) -> int:
    """Where the page mark `m` (PAGE_INLINE_RE's match in `text`) starts: at
    the words right before its serial, as many as the cable's `post` has when
    they are its words (`SAO PAULO`), else one. The pattern's lazy name starts
    at the first capital it can, inside the words an export ran the mark onto
    (a SUBJECT's "NEW GOVERNMENT PARIS 00000579 ..."): those are not the mark's."""
    words = list(_POST_WORD_RE.finditer(text, m.start(), m.start("serial")))
    if not words:
        return m.start()
    want = post.value.split() if post is not None else []
    if not 0 < len(want) <= len(words):
        return words[-1].start()
    got = [w[0] for w in words[-len(want):]]
    if got[1:] != want[1:] or not got[0].endswith(want[0]):
        return words[-1].start()
    # The post's first word may end a word the export ran it onto ("XXXXXXXXXXXXLONDON 00002770"): it starts there.
    first = words[-len(want)]
    return first.end() - len(want[0])


def inline_page_marks(line: Line, post: Token | None = None) -> list[tuple[SectionMark, Span]]:
    """Page marks run into paragraph text: each mark, and the span of its whole
    text from the post's name on (page_mark_start), for the repair that says so."""
    if " OF 0" not in line.text:
        return []
    return [(SectionMark(int(m["n"]), int(m["m"]), Span(line.start + m.start("n"), line.start + m.end("m")), "page"),
             Span(line.start + page_mark_start(line.text, m, post), line.start + m.end()))
            for m in PAGE_INLINE_RE.finditer(line.text)]


# The ASCII characters that are not letters, and not capitals: an ASCII line's letters are counted
# by deleting the others (bytes.translate), not by a Python call per character.
_ASCII_NOT_ALPHA = bytes(b for b in range(128) if not chr(b).isalpha())
_ASCII_NOT_UPPER = bytes(b for b in range(128) if not chr(b).isupper())


def _letters_upper(s: str) -> tuple[int, int]:
    """How many characters of `s` are letters, and how many capitals."""
    if s.isascii():
        b = s.encode("ascii")
        return len(b.translate(None, _ASCII_NOT_ALPHA)), len(b.translate(None, _ASCII_NOT_UPPER))
    return sum(map(str.isalpha, s)), sum(map(str.isupper, s))


def is_heading(s: str) -> bool:
    """A short line that heads what follows (upper case, or a few capitalised words)."""
    if len(s) > HEADING_MAX or s.endswith((".", ",", ";")):
        return False
    letters, upper = _letters_upper(s)
    if not letters:
        return True  # rules such as "----- --"
    upper /= letters
    return upper > 0.8 or (len(s.split()) <= 8 and s[0].isupper() and not s.endswith(("?", "!")))


def wraps_on(lines: list[Line], i: int) -> bool:
    """Line i is cut mid-sentence and the next line goes on with it (no blank
    line between, its first letter lower case: "Poloff presented the points" /
    "to the Foreign Ministry ..."): a wrapped sentence, not a heading over text."""
    s = lines[i].text.rstrip()
    if i + 1 >= len(lines) or not s or not (s[-1].isalnum() or s[-1] in ",("):
        return False
    t = lines[i + 1].text.lstrip()
    return t[:1].islower()


def is_trailer(s: str, vocab: Vocabulary) -> bool:
    """`BT`, `NNNN`, `#1234`, `SIPDIS`, `END SUMMARY.` or punctuation only.
    A line that opens with an ASCII letter, digit or underscore (a word
    character to any engine) can only be a trailer word, with or without its
    period: a set look-up, not a pattern (most lines asked are prose)."""
    lab = labels(vocab)
    c = s[:1]
    if c and c.isascii() and (c.isalnum() or c == "_"):
        words = lab.trailer_words
        return s in words or s[-1:] == "." and s[:-1] in words
    return lab.trailer.fullmatch(s) is not None


def is_shortish_header(s: str, vocab: Vocabulary) -> bool:
    """Header-area lines that are not body text: passing and address lines."""
    return len(s) < SHORT_HEADER_MAX and not s.endswith((".", ":")) or labels(vocab).passing.match(s) is not None


def is_signature(s: str) -> bool:
    return len(s) <= SIGNATURE_MAX and SIGNATURE_RE.fullmatch(s) is not None


def glued_signature(line: Line, vocab: Vocabulary) -> Token | None:
    """A signature run on after the line's last sentence, or None: one word,
    not a trailer word (SIPDIS)."""
    s = line.text.rstrip()
    m = GLUED_SIGNATURE_RE.search(s) if s[-1:].isalpha() else None
    if m is None or is_trailer(m["sig"], vocab):
        return None
    return Token(m["sig"], Span(line.start + m.start("sig"), line.start + m.end("sig")))


# -- the header-area table ------------------------------------------------
class Kind(NamedTuple):
    """What `classify` found: the recogniser's name and its match (if any)."""

    name: str
    match: regex.Match | None = None
    lost_first: bool = False


def _eo(text: str, v: Vocabulary) -> Kind | None:
    m = EO_RE.match(text) if text.lstrip("[ \t")[:1] in "EeMm" else None
    return Kind("eo", m) if m else None


def _tags(text: str, v: Vocabulary) -> Kind | None:
    lab = labels(v)
    m = lab.tags.match(text) if may_open(text, lab.label_first, lab.tags_open, False) else None
    return Kind("tags", m, m["lost"] is not None) if m else None


def _subject(text: str, v: Vocabulary) -> Kind | None:
    lab = labels(v)
    m = lab.subject.match(text) if may_open(text, lab.label_first, lab.subject_open, True) else None
    return Kind("subject", m, m["lost"] is not None) if m else None


def _clby(text: str, v: Vocabulary) -> Kind | None:
    if "lassified" not in text.lower():
        return None
    m = CLBY_RE.search(text)
    return Kind("classified_by", m) if m else None


def _ref(text: str, v: Vocabulary) -> Kind | None:
    lab = labels(v)
    m = lab.ref.match(text) if may_open(text, lab.ref_first, lab.ref_open, False) else None
    return Kind("ref", m) if m else None


def _field(text: str, v: Vocabulary) -> Kind | None:
    m = v.field_re.match(text) if ":" in text else None
    return Kind("field", m) if m else None


def _para(text: str, v: Vocabulary) -> Kind | None:
    return Kind("paragraph") if para_start(text) is not None else None


def _page(text: str, v: Vocabulary) -> Kind | None:
    m = PAGE_RE.match(text) if may_be_page_mark(text) else None
    return Kind("page", m) if m else None


Recogniser = Callable[[str, Vocabulary], "Kind | None"]
# The header area's recognisers, in the order they are tried. Each first makes
# a test that any line it takes passes (a first character, a literal the line
# must hold), so most lines meet one pattern or none.
RECOGNISERS: tuple[tuple[str, Recogniser], ...] = (
    ("paragraph", _para),
    ("page", _page),
    ("eo", _eo),
    ("tags", _tags),
    ("subject", _subject),
    ("classified_by", _clby),
    ("ref", _ref),
    ("field", _field),
)
_BY_NAME = {name: rec for name, rec in RECOGNISERS}
_TEXT, _BLANK, _PARAGRAPH = Kind("text"), Kind("blank"), Kind("paragraph")


# The recognisers (after `paragraph`) whose first-character test a line's first
# character (after blanks and a bracket) passes, by that character, per vocabulary.
_BY_HEAD = memo.TextMemo()


def _candidates(text: str, vocab: Vocabulary) -> tuple[tuple[str, Recogniser], ...]:
    """RECOGNISERS less `paragraph` and less those whose first-character test
    (eo: E or M; tags, subject: a label's first letter; ref: R) turns `text`
    away, in the table's order: a line meets one or two recognisers, not eight.
    An empty, blank or non-ASCII head keeps them all (as the tests do)."""
    c = text.lstrip(" \t[")[:1]
    known = _BY_HEAD.table(vocab)
    got = known.get(c)
    if got is None:
        if not c or not c.isascii() or c.isspace():
            got = RECOGNISERS[1:]
        else:
            lab = labels(vocab)
            away = {"eo": c not in "EeMm", "tags": c not in lab.label_first,
                    "subject": c not in lab.label_first, "ref": c not in lab.ref_first}
            got = tuple((name, rec) for name, rec in RECOGNISERS[1:] if not away.get(name, False))
        known[c] = got
    return got


def _first(text: str, vocab: Vocabulary, skip: frozenset[str]) -> Kind:
    for name, rec in _candidates(text, vocab):
        if name not in skip:
            got = rec(text, vocab)
            if got is not None:
                return got
    return _TEXT


def classify(text: str, vocab: Vocabulary, skip: frozenset[str] = frozenset()) -> Kind:
    """The first recogniser of RECOGNISERS (less those in `skip`) that matches; `text` else."""
    if not text or text.isspace():
        return _BLANK
    if "paragraph" not in skip and para_start(text) is not None:
        return _PARAGRAPH
    skip = skip | _NO_PARAGRAPH
    return _first(text, vocab, skip)


_NO_PARAGRAPH = frozenset({"paragraph"})


def may_open_field(text: str, vocab: Vocabulary) -> bool:
    """Whether `text` can be an E.O., TAGS or SUBJECT line at all: a test of its
    first character before `classify` (any non-ASCII one is let through: case
    folding may turn it into a label's letter)."""
    c = text.lstrip(" \t[")[:1]
    if not c or not c.isascii() or c.isspace() or c in "EeMm":
        return True
    lab = labels(vocab)
    return (c in lab.label_first and (may_open(text, lab.label_first, lab.tags_open, False)
                                      or may_open(text, lab.label_first, lab.subject_open, True)))


def is_field_start(text: str, vocab: Vocabulary) -> bool:
    """Whether a line starts a header field or paragraph (a wrapped value stops there)."""
    return classify(text, vocab, frozenset({"page"})).name not in ("text", "blank")

