"""Banner, captions and bottom banner: the document's overall marking.

A banner is a level at the start of a line (plain, letter-spaced, CAPCO
`SECRET//NOFORN`), perhaps after an export's preamble, with the cable's
`SECTION n OF m`, post and serial after it; the caption lines under it add
controls (NOFORN, SIPDIS).
"""
from __future__ import annotations

from typing import NamedTuple

import regex

from ..document import Document, Marking, Repair, SectionMark, Span, Token
from ..rx import rx
from ..vocabulary import Vocabulary, lookup_key
from . import anywhere, memo
from .lines import LOST_SECTION_RE, SECTION_RE, Line

# A serial with letters run on after it: the captions under the banner glued to it.
GLUED_SERIAL_RE = rx(r"[A-Z]\s+\d{3,}(?P<run>[A-Z]{4,})")
SERIAL_RE = rx(r"[A-Z]\s+(?P<serial>\d{2,})\s*\\?\s*$")
_POST_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ .'-")
# Digits as 0: no control word holds a digit, so a banner's controls are found at
# the same places whatever its serial (the scan is memoised by the line so written).
_SERIAL_BLIND = str.maketrans("123456789", "000000000")
# How far into the file a damaged banner is looked for (lines).
BANNER_ANYWHERE_LINES = 80
# The bottom banner is among the last lines.
FOOTER_LINES = 5


def post_serial(rest: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Spans of the post and the serial that end a banner line ("PARIS 000579"):
    the serial found from the capital letter before it, the post walked back
    over capitals, blanks, dots, apostrophes and hyphens. One regex
    `[A-Z][A-Z .'-]*?[A-Z]\\s+\\d{2,}...$` was quadratic on a long run of
    capitals (a letter-spaced banner then 5,000 letters took 4 s)."""
    m = _serial(rest)
    if m is None:
        return None
    start = m.start()
    while start > 0 and rest[start - 1] in _POST_CHARS:
        start -= 1
    while not ("A" <= rest[start] <= "Z"):
        start += 1
    if start == m.start():  # a post has two capitals at least
        return None
    return (start, m.start() + 1), m.span("serial")


_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _serial(rest: str) -> "regex.Match | None":
    """SERIAL_RE.search(rest) with one match attempt: after its capital a match
    holds only blanks, digits and a backslash, so it can start only at the
    line's last capital letter (a search tried every position, ~4 us a banner)."""
    k = len(rest) - 1
    while k >= 0 and rest[k] not in _CAPITALS:
        k -= 1
    return SERIAL_RE.match(rest, k) if k >= 0 else None


def _section(rest: str) -> "regex.Match | None":
    """SECTION_RE.search(rest), skipped for an ASCII rest without "section" in
    any case (most banners: the pattern ignores case, ~1.5 us a search)."""
    if rest.isascii() and "section" not in rest.lower():
        return None
    return SECTION_RE.search(rest)


class Banner(NamedTuple):
    marking: Marking
    section: SectionMark | None
    post: Token | None
    serial: Token | None


def strip_preamble(text: str, vocab: Vocabulary) -> int:
    """How many characters of export debris stand before a banner (`Telegram`;
    the words are the vocabulary's `banner_preamble_patterns`)."""
    m = vocab.banner_preamble_re.match(text)
    return m.end() if m else 0


def looks_like_banner(mk: Marking, rest: str, vocab: Vocabulary) -> bool:
    """A level at a line start is a banner when nothing but banner matter follows."""
    if mk.form == "capco" or mk.spaced:
        return True
    r = rest.strip()
    if not r:
        return True
    # LEVEL [caveats] [SECTION n OF m] POST SERIAL, or LEVEL followed by a control.
    if SECTION_RE.search(r) or rx(r"\b\d{2,}\s*\\?\s*$").search(r) or rx(r"SECTION\s+\d").match(r):
        return True  # (a damaged "SECTION 01 GF 02" still marks a banner)
    first = rx(r"[A-Z/]+").match(r)
    return bool(first and (first.group(0) in vocab.caption_words or first.group(0) in vocab.banner_control))


def glued_control(mk: Marking, rest: str, roff: int, vocab: Vocabulary) -> Repair | None:
    """The repair `control-glued-to-serial`: "LONDON 000255NOFORNSIPDIS", the
    line breaks after the serial lost; the control that starts the run of
    letters is the banner's."""
    m = GLUED_SERIAL_RE.search(rest)
    if m is None:
        return None
    run = m["run"]
    for n in range(len(run), 1, -1):
        name = vocab.banner_control.get(lookup_key(run[:n]))
        if name:
            span = Span(roff + m.start("run"), roff + m.start("run") + n)
            if all(c.value != name for c in mk.controls):
                mk.controls.append(Token(name, span, run[:n]))
            return Repair("control-glued-to-serial", span, f"{name} read after the serial")
    return None


Rel = tuple[tuple[str, int, int, str], ...]  # tokens as (value, start, end, raw), spans from 0


def _rel(tokens: list[Token]) -> Rel:
    return tuple((t.value, t.span.start, t.span.end, t.raw) for t in tokens)


def _shifted(rel: Rel, off: int) -> list[Token]:
    return [Token(v, Span(a + off, b + off), r) for v, a, b, r in rel]


# The controls a multi-word level spells, by its text (few distinct: a letter-spaced
# level costs a scan of ~50 us, and nearly every cable of an archive spells it alike).
_LEVEL_MEMO = memo.TextMemo()


def _add_level_controls(mk: Marking, raw: str, off: int, vocab: Vocabulary) -> None:
    """vocab.scan_controls(raw, off, mk), memoised by `raw`: each control not yet in
    mk.controls is added with its first span (as scan_controls adds them)."""
    known = _LEVEL_MEMO.table(vocab)
    got = known.get(raw)
    if got is None:
        probe = Marking(raw="", span=Span(0, 0))
        vocab.scan_controls(raw, 0, probe)
        got = known[raw] = _rel(probe.controls)
    for tok in _shifted(got, off):
        if all(c.value != tok.value for c in mk.controls):
            mk.controls.append(tok)


def finish_banner(mk: Marking, rest: str, roff: int, vocab: Vocabulary,
                  repairs: list[Repair] | None = None) -> Banner:
    """The banner's section mark, controls, post and serial; its span grows to the end of its line."""
    sec = _section(rest)
    if sec is None and repairs is not None and "ECTION" in rest:
        sec = LOST_SECTION_RE.search(rest)
        if sec:
            repairs.append(Repair("lost-first-letter", Span(roff + sec.start("lost"), roff + sec.end("lost")),
                                  "ECTION read as SECTION"))
    section = SectionMark(int(sec["n"]), int(sec["m"]), Span(roff + sec.start(), roff + sec.end())) if sec else None
    memo.scan_controls(vocab, rest.translate(_SERIAL_BLIND), roff, mk)
    glued = glued_control(mk, rest, roff, vocab) if repairs is not None else None
    if glued:
        repairs.append(glued)
    parts = mk.level_token.raw.split() if mk.level_token is not None else []
    if len(parts) > 1 and max(map(len, parts)) > 1:
        # SENSITIVE BUT UNCLASSIFIED is the UNCLASSIFIED level plus SBU; a
        # letter-spaced level is one word (the S S I of U N C L A S S I F I E D is no SSI).
        _add_level_controls(mk, mk.level_token.raw, mk.level_token.span.start, vocab)
    post = serial = None
    found = post_serial(rest)
    if found:
        (ps, pe), (ss, se) = found
        name = SECTION_RE.sub("", rest[ps:pe]).strip()
        for c in mk.controls:
            name = name.replace(c.raw, "").strip()
        if name:
            post = Token(name, Span(roff + ps, roff + pe))
        serial = Token(rest[ss:se], Span(roff + ss, roff + se))
    mk.span = Span(mk.span.start, max(roff + len(rest.rstrip()), mk.span.end))
    return Banner(mk, section, post, serial)


def banner_at_start(line: Line, vocab: Vocabulary) -> tuple[Banner, list[Repair]] | None:
    """The banner a header line starts with (after an export preamble), or None."""
    cut = strip_preamble(line.text, vocab)
    got = vocab.parse_banner(line.text[cut:], line.start + cut)
    if not got or not looks_like_banner(got[0], got[1], vocab):
        return None
    repairs = []
    if cut:
        repairs.append(Repair("banner-after-preamble", got[0].span, "export preamble before the banner"))
    if got[0].spaced:
        repairs.append(Repair("spaced-banner", got[0].span, f"read as {got[0].level}"))
    return finish_banner(*got, vocab, repairs), repairs


def banner_anywhere(lines: list[Line], vocab: Vocabulary) -> tuple[int, Banner, list[Repair]] | None:
    """Fallback for damaged exports: a banner run into other text.

    `Cable dated:...C O N F I D E N T I A L CAIRO 008938`, a banner after a
    tab or a CSV quote, `SS E C R E T`, `O N F I D E N T I A L` (first
    letter lost), `CLASSIFICATION: SECRET`. Only forms that cannot be
    prose are accepted: letter-spaced levels, or a level followed by a
    post and serial number.
    """
    needles = vocab.banner_anywhere_needles
    for i, line in enumerate(lines[:BANNER_ANYWHERE_LINES]):
        text = line.text
        m = anywhere.find(text, vocab) if any(n in text for n in needles) else None
        if not m:
            continue
        raw = m["level"]
        level = vocab.level_from_damaged_text(raw)
        if level is None:
            continue
        off = line.start
        lt = Token(level, Span(off + m.start("level"), off + m.end("level")), raw)
        mk = Marking(raw=raw, span=lt.span, level=level, level_token=lt, spaced=" " in raw.strip())
        repairs = [Repair("banner-after-preamble", lt.span, f"banner found inside line {i + 1}")]
        if vocab.banner_level.get(rx(r"\s+").sub("", raw.upper())) is None:
            repairs.append(Repair("lost-first-letter", lt.span, f"read as {level}"))
        elif mk.spaced:
            repairs.append(Repair("spaced-banner", lt.span, f"read as {level}"))
        return i, finish_banner(mk, line.text[m.end("level"):], off + m.end("level"), vocab, repairs), repairs
    return None


def footer(lines: list[Line], vocab: Vocabulary) -> Marking | None:
    """The bottom banner: the last non-blank line, when it is only a marking."""
    for line in reversed(lines[-FOOTER_LINES:]):
        s = line.text.strip()
        if not s:
            continue
        got = vocab.parse_banner(line.text, line.start)
        if got and not got[1].strip() and (got[0].form == "capco" or s.isupper()):
            return got[0]
        return None
    return None


# caption_controls' answers by line text (caption lines repeat across cables).
_CAPTION_MEMO = memo.TextMemo()


def caption_controls(text: str, off: int, vocab: Vocabulary) -> tuple[list[Token], bool]:
    """The controls of a caption line under the banner, and whether the whole
    line is captions (memoised by text: a pure function of the line, its spans
    shifted by `off`)."""
    known = _CAPTION_MEMO.table(vocab)
    got = known.get(text)
    if got is None:
        controls, whole = _caption_controls(text, 0, vocab)
        got = known[text] = (_rel(controls), whole)
    return _shifted(got[0], off), got[1]


def may_be_captions(text: str, vocab: Vocabulary) -> bool:
    """Whether caption_controls can find the whole line captions: only when its
    first word is a caption word or a level starts it (a cheap test for the
    lines after the fields, where nothing but a whole line of captions counts)."""
    m = _WORD_RE.search(text.replace("//", " "))
    return m is not None and (m.group(0).upper() in vocab.caption_parts
                              or vocab.may_start_banner(text) and vocab.banner_re.match(text) is not None)


_WORD_RE = rx(r"[A-Za-z/]+")


def _caption_controls(text: str, off: int, vocab: Vocabulary) -> tuple[list[Token], bool]:
    """The controls of a caption line under the banner, and whether the whole
    line is captions; captions may lead a passing line ("NOFORN SIPDIS DEPT FOR NEA/MAG"),
    and a caption line may repeat the level ("SECRET NOFORN")."""
    words = _WORD_RE.findall(text.replace("//", " "))
    if not words:
        return [], False
    probe = Marking(raw="", span=Span(off, off))
    # (a line that is one caption phrase has each word in caption_parts: the phrases' words are parts)
    if all(w.upper() in vocab.caption_parts for w in words):
        vocab.scan_controls(text, off, probe)
        return probe.controls, True
    got = vocab.parse_banner(text, off) if vocab.may_start_banner(text) else None
    if got and all(w.upper() in vocab.caption_parts for w in _WORD_RE.findall(got[1].replace("//", " "))):
        # "SECRET NOFORN", "SECRET//NOFORN": the level repeated on a caption line with its controls
        vocab.scan_controls(got[1], got[2], got[0])
        return got[0].controls, True
    lead = vocab.caption_lead_re.match(text)
    if lead:
        vocab.scan_controls(text[:lead.end()], off, probe)
    return probe.controls, False


# A caption word is read with one letter off (SENSITVE) only from this length: short words are too close to others.
TYPO_MIN_LEN = 6


def one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by exactly one letter inserted, deleted or changed."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    k = next((n for n, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[k + (len(a) == len(b)):] == b[k + 1:]


def caption_typo(text: str, off: int, vocab: Vocabulary) -> tuple[list[Token], Repair] | None:
    """A caption line (on its own line under the banner) with one word one
    letter off a caption word ("SENSITVE, SIPDIS"): its controls read with the
    word corrected, and the repair; None when the line is no such line."""
    known = _TYPO_MEMO.table(vocab)
    got = known.get(text, False)
    if got is False:
        got = known[text] = _typo_word(text, vocab)
    if got is None:
        return None
    a, b, word = got
    controls, whole = _caption_controls(text[:a] + word + text[b:], off, vocab)
    if not whole:
        return None
    shift = len(word) - (b - a)

    def back(p: int) -> int:  # a position in the corrected line, in the line as written
        return p if p <= off + a else p - shift if p >= off + a + len(word) else off + b

    fixed = [Token(c.value, Span(back(c.span.start), back(c.span.end)),
                   text[back(c.span.start) - off:back(c.span.end) - off]) for c in controls]
    return fixed, Repair("caption-typo", Span(off + a, off + b), f"{text[a:b]} read as {word}")


_TYPO_MEMO = memo.TextMemo()


def _typo_word(text: str, vocab: Vocabulary) -> tuple[int, int, str] | None:
    """The one word of the line that is not a caption word but one edit off
    exactly one (its span and that word), or None."""
    bad = [m for m in rx(r"[A-Za-z]+").finditer(text) if m.group(0).upper() not in vocab.caption_parts]
    if len(bad) != 1 or len(bad[0].group(0)) < TYPO_MIN_LEN:
        return None
    word = bad[0].group(0).upper()
    near = [w for w in vocab.caption_parts if " " not in w and one_edit(word, w)]
    if len(near) != 1:
        return None
    return (*bad[0].span(), near[0])


def section_banner(line: Line, vocab: Vocabulary) -> tuple[Marking, SectionMark | None] | None:
    """A banner repeated in the body (a section's or page's): spaced, or with `SECTION n OF m`."""
    if not vocab.may_start_banner(line.text) or not vocab.banner_re.match(line.text):
        return None
    got = vocab.parse_banner(line.text, line.start)
    if not got:
        return None
    mk, rest, roff = got
    sec = SECTION_RE.search(rest)
    if not (mk.spaced or sec):
        return None
    vocab.scan_controls(rest, roff, mk)
    return mk, (SectionMark(int(sec["n"]), int(sec["m"]), Span(roff + sec.start(), roff + sec.end())) if sec else None)


def banner_again(doc: Document, line: Line, vocab: Vocabulary) -> bool:
    """A section's banner written again after header fields (an export's
    run-on copy of the header, `S E C R E T SECTION 01 OF 04 TBILISI 000203
    NOFORN SIPDIS E.O. ...`): recorded in doc.banners and doc.sections, as the
    body records the banners it meets. True when the line was one. (It reads
    the banner's marking; where the whole copy starts is copies.py's: in the
    corpus each line listed here is that start.)"""
    got = section_banner(line, vocab)
    if got is None:
        return False
    doc.banners.append(got[0])
    if got[1]:
        doc.sections.append(got[1])
    return True
