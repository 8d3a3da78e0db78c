"""Stage 3 reader: the Classified By statement, with its name, title and reasons.

"Classified By: Political Counselor Jane Doe for reasons 1.4 (b) and (d)" in
all the ways real cables write it: over several lines, wrapped mid-word
("FOR REAS" / "ONS 1.4 B/D"), reasons on a `Reason:` line of their own, a
derivative source instead of reasons.
"""
from __future__ import annotations

import functools
from typing import Callable, NamedTuple

import regex

from ..document import ClassifiedBy, Repair, Span, Token
from ..rx import rx
from ..vocabulary import Vocabulary
from .banner import section_banner
from .clby_and import and_cut, split_and
from .clby_office import split_office
from .labels import labels
from .lines import CLBY_RE, Line, para_start, portion_start
from .names import join_broken_words, join_split_name, name_and_title, garbled_title_word_repair

# Lines after the Classified By line that may still belong to it.
CLBY_MAX_LINES = 4
# Blank lines and teletype page headers inside the statement do not count as its lines, up to this many lines in all.
CLBY_MAX_SPAN = 12
# A teletype page header between pages ("PAGE 02 RUEHFRA0170 S E C R E T"): not part of the text.
TELETYPE_PAGE_RE = rx(r"^\s*PAGE\s+\d{2,3}\s+R[A-Z]{3,}\d*\b")
# More reason letters than this is not a reason list.
MAX_REASON_LETTERS = 8
# "1/4 (B)" and "1:4 b,d" are typos seen in cables; so is "14 (b)", the dot lost (only before a lettered reason).
REASON_SEC_RE = rx(r"(?<![\d.])1(?:\s*[./:]\s*(?P<d>[45])(?![\d])|(?P<d>[45])(?=\s*\([a-hA-H]\)))")
# Between reason letters: blanks, punctuation, "and"/"or" (split by the export: "a nd", "an d"), "+",
# a line's backslash.
_REASON_TOKEN = rx(r"\s+|[(),/&.;:\[\]+\\]|(?i:a\s?nd|an\sd|or)(?![a-z])|(?P<l>[a-zA-Z])(?![a-zA-Z])")
# The categories of E.O. 13526 sec. 1.4 (a-h): without a section number, only these are reason letters.
CATEGORY_LETTERS = frozenset("abcdefgh")
# "REASONS: B AND D", "for reasons (b) and (d)": the letters without the section number.
REASON_WORD_RE = rx(r"(?i)(?<![A-Za-z])reasons?\s*(?:\(s\))?[\s:,]*")
# The word before "reasons": "for" (typed "fro" or "nor" in cables), "per", "under".
_REASON_PREP = r"(?:for|per|under|(?<![A-Za-z])(?:fro|nor))"
# "reasons" as written, a wrap inside it included ("REASO" / "NS": joined with blanks).
_REASON_WORD = r"r\s{0,2}e\s{0,2}a\s{0,2}s\s{0,2}o\s{0,2}n\s{0,2}\(?s?\)?"
REASON_WORDING_RE = rx(rf"(?i)(?:[,;.]?\s*{_REASON_PREP}?\s*{_REASON_WORD}[\s:,]*(?:para\w*\s*)?)$")
AUTH_TAIL_RE = rx(
    rf"(?i)[\s,;.(]*{_REASON_PREP}?\s*(?:{_REASON_WORD}|e\.?\s?o\.?\s*\d{{5}})[\s:,;.]*(?:para\w*)?[\s:]*$")
DANGLING_RE = rx(r"(?i)(?:\band|\bor|[,&/+\\(])\s*$")
# The wrap fell inside a reason's parenthesis: "1.4 (B) and (" / "D)".
OPEN_PAREN_END_RE = rx(r"\(\s*$")
# A line that goes on with the list: "1.4 (B)" / "AND (D)", "1.5(b" / ",d)".
GOES_ON_RE = rx(r"(?i)\s*(?:and|or|&|\+|,|/)\s*\(?[a-h]\)?(?![A-Za-z])")
DERIVED_RE = rx(r"(?i)\bderived\s+from\s*:?\s*(?P<src>[^;\n]*?[^\s;.,])\s*(?:[.;,]|$)")


def find_reasons(text: str) -> tuple[tuple[str, int, int], list[tuple[str, int]], int] | None:
    """Find `1.4 (b) and (d)` (memoised: a statement's text is searched again
    once its lines are joined); see _find_reasons."""
    got = _find_reasons(text)
    return (got[0], list(got[1]), got[2]) if got else None


@functools.lru_cache(maxsize=256)
def _find_reasons(text: str) -> tuple[tuple[str, int, int], tuple[tuple[str, int], ...], int] | None:
    """Find `1.4 (b) and (d)` in any of its spellings.

    Returns ((section, start, end), [(letter, offset)], start of the reason
    phrase) or None. Letters must stand alone: "1.4 b and d" yes, "1.4 billion" no.
    Letters written after "reasons" without the section ("REASONS: B AND D")
    are found too; the section is then "" (at the letters' start).
    """
    for m in REASON_SEC_RE.finditer(text):
        letters = _reason_letters(text, m.end())
        if letters:
            start = m.start()
            w = _reason_tail(REASON_WORDING_RE, text[:start])
            return ("1." + m["d"], m.start(), m.end()), tuple(letters), (w.start() if w else start)
    for m in REASON_WORD_RE.finditer(text):
        letters = _reason_letters(text, m.end())
        if letters and all(lt.lower() in CATEGORY_LETTERS for lt, _ in letters):
            return ("", m.end(), m.end()), tuple(letters), _wording_start(text, m.start())
    return None


def _wording_start(text: str, at: int) -> int:
    """Where "for reasons" begins, the reason word starting at `at`."""
    w = rx(rf"(?i)[,;.]?\s*{_REASON_PREP}\s*$").search(text[:at])
    return w.start() if w else at


# _REASON_TOKEN's letter group by number (read for every token of every reason list).
_LETTER = _REASON_TOKEN.groupindex["l"]
_PORTION_AFTER_RE = rx(r"\s*/\s*[A-Za-z]{2,}")
_BLANK_RE = rx(r"\s")


def _reason_letters(text: str, pos: int) -> list[tuple[str, int]]:
    letters: list[tuple[str, int]] = []
    n = len(text)
    conj = closed = pending = False  # an "and"/"or" read; a letter after it (the list's last); none yet
    while pos < n:
        t = _REASON_TOKEN.match(text, pos)
        if not t or t.end() == pos:
            break
        end = t.end()
        letter = t[_LETTER]
        if letter and _PORTION_AFTER_RE.match(text[end:end + 8]):
            break  # "(S/NF)": a portion mark after the reasons, not a reason letter
        if t.group(0) == "(" and letters and not pending and _text_group(text, pos, closed):
            break  # "(b) and (d) (C/O) Embassy", "(b) (C/O) Embassy": "(C/O)", care of, is text
        if letter:
            letters.append((letter, t.start(_LETTER)))
            closed, pending = conj, False
        elif t.group(0) in ".;" and letters and _BLANK_RE.match(text[end:end + 1] or " "):
            break  # end of the sentence: "1.4 (b). I said..." stops here
        elif t.group(0)[:1].isalpha():
            conj = pending = True
        pos = end
        if len(letters) > MAX_REASON_LETTERS:
            break
    return letters


# A parenthesised group after a reason list; a lone letter in it; a capitalised word after it.
_GROUP_RE = rx(r"\(([^()\n]{1,12})\)")
_LONE_LETTER_RE = rx(r"(?<![A-Za-z])[A-Za-z](?![A-Za-z])")
_WORD_AFTER_RE = rx(r"[ \t]+[A-Z][a-z]")


def _text_group(text: str, pos: int, closed: bool) -> bool:
    """Whether the group opening at `pos`, after a letter of the list, is text: it holds a
    letter that is no 1.4 category (a-h), and the list closed ("and (d)") or a word follows;
    or the list closed and a lone capital's group has a capitalised word after it (a mark)."""
    g = _GROUP_RE.match(text, pos)
    if g is None:
        return False
    word_after = _WORD_AFTER_RE.match(text, g.end()) is not None
    if closed and word_after and _LONE_LETTER_RE.fullmatch(g[1].strip()) and g[1].strip().isupper():
        return True  # "(b) and (d) (C) Norway's": the list closed, a run-on paragraph's mark ("(h) The": a reason)
    return any(c.lower() not in CATEGORY_LETTERS for c in _LONE_LETTER_RE.findall(g[1])) and (closed or word_after)


# What may end a statement after the reason letters: blanks, closing punctuation.
_LETTERS_END_RE = rx(r"[\s).;,]*$")


def _derived_letters(text: str, pos: int) -> list[tuple[str, int]]:
    """The category letters (1.4 a-h) that end a statement after its derivative
    source at `pos` ("Derived from OSLO SCG 2-01, b and d"); none when anything
    else follows them ("..., a cable of 2008")."""
    letters = _reason_letters(text, pos)
    if not letters or any(lt.lower() not in CATEGORY_LETTERS for lt, _ in letters):
        return []
    return letters if _LETTERS_END_RE.match(text, letters[-1][1] + 1) else []


def join_pieces(pieces: list[tuple[str, int]]) -> tuple[str, Callable[[int], int]]:
    """Join wrapped line pieces with one space; map joined offsets back."""
    joined = []
    bases: list[tuple[int, int]] = []  # (joined start, original offset)
    pos = 0
    for k, (text, off) in enumerate(pieces):
        if k:
            joined.append(" ")
            pos += 1
        bases.append((pos, off))
        joined.append(text)
        pos += len(text)
    s = "".join(joined)

    def offmap(j: int) -> int:
        for start, off in reversed(bases):
            if j >= start:
                return off + (j - start)
        return bases[0][1]

    return s, offmap


class ClbyRead(NamedTuple):
    value: ClassifiedBy
    reason_lines: list[int]  # indexes of `Reason:` field lines joined to it
    next: int
    repairs: list[Repair]


# An E.O. line's start (_stops); "1." ending a piece (split from its "4"); a line opening "REASONS".
_EO_START_RE = rx(r"^[\s\[]*(?:E\s*\.?\s*O\s*\.?|EO|MO\.)\s*\d{5}\b", regex.IGNORECASE)
_SPLIT_NUMBER_RE = rx(r"\b1\.\s*$")
_REASONS_OPEN_RE = rx(r"\s*REASONS?\b", regex.IGNORECASE)


def _stops(nxt: Line, vocab: Vocabulary) -> bool:
    """A line that starts something else (a banner written again: a section's,
    or a run-on copy of the header): the statement ended before it."""
    t = nxt.text
    return (para_start(t) is not None or portion_start(t, nxt.start, vocab) is not None or
            labels(vocab).tags.match(t) is not None or labels(vocab).subject.match(t) is not None or
            (t.lstrip("[ \t")[:1] in "EeMm" and _EO_START_RE.match(t) is not None)
            or section_banner(nxt, vocab) is not None)


# What a line may hold and still be blank: blanks, and the backslash a CSV export leaves at a line's end.
_DEBRIS_BLANK = " \t\\"


def _gather(lines: list[Line], i: int, first: tuple[str, int], vocab: Vocabulary) -> tuple[list, list[int], int]:
    """The pieces of the statement: its line and continuation lines until the
    reason letters are found (wrapped: "FOR REAS" / "ONS 1.4 B/D")."""
    pieces = [first]
    reason_lines: list[int] = []
    found = bool(find_reasons(first[0]))
    j, skipped = i + 1, 0
    while j < len(lines) and j <= i + CLBY_MAX_LINES + skipped and j <= i + CLBY_MAX_SPAN:
        nxt = lines[j]
        # a line holding only the CSV export's backslash (" \\") is as blank as an empty one
        if not nxt.text.strip(_DEBRIS_BLANK) or "PAGE" in nxt.text[:8] and TELETYPE_PAGE_RE.match(nxt.text):
            if found:
                break
            j, skipped = j + 1, skipped + 1  # the reasons go on after a blank line or a page break
            continue
        fm = vocab.field_re.match(nxt.text)
        if fm and vocab.field_name(fm["key"]) != "Reason":
            break  # the next line of an authority block: Derived From, Declassify On
        if fm:
            reason_lines.append(j)
        split_number = bool(_SPLIT_NUMBER_RE.search(pieces[-1][0])) and not found
        if not split_number and _stops(nxt, vocab):
            break
        # "1.4 (b) and" / "(d)", "1.4 (B)" / "AND (D)": the list goes on
        dangling = (DANGLING_RE.search(pieces[-1][0]) is not None or GOES_ON_RE.match(nxt.text) is not None
                    or and_cut(pieces[-1][0], nxt.text))
        if found and not dangling and not _REASONS_OPEN_RE.match(nxt.text):
            break
        pieces.append((nxt.text, nxt.start))
        found = found or bool(find_reasons(" ".join(p for p, _ in pieces)))
        j += 1
    return pieces, reason_lines, j


def read_classified_by(lines: list[Line], i: int, m: regex.Match, vocab: Vocabulary, text: str) -> ClbyRead:
    """The statement starting at match `m` (CLBY_RE) on line `i`."""
    line = lines[i]
    pieces, reason_lines, j = _gather(lines, i, (line.text[m.end():], line.start + m.end()), vocab)
    last_text, last_off = pieces[-1]
    cb = ClassifiedBy(Span(line.start + m.start(), last_off + len(last_text.rstrip())))
    joined, offmap = join_pieces(pieces)
    repairs = []
    rs = find_reasons(joined)
    # every statement read with its reasons over lines says so, wherever its reasons begin (one cut short,
    # no reasons found, is read again from a whole copy or stands as cut: its lines are no wrapping)
    if rs and len(pieces) > 1:
        repairs.append(Repair("wrapped-field", Span(cb.span.start, cb.span.end),
                              f"Classified By read over {len(pieces)} lines"))
    cut = len(joined)
    if rs:
        sec, letters, cut = rs
        if sec[0]:
            cb.section = Token(sec[0], Span(offmap(sec[1]), offmap(sec[2] - 1) + 1))
        cb.reasons = [Token(lt.lower(), Span(offmap(a), offmap(a) + 1), lt) for lt, a in letters]
        if letters[0][1] <= len(pieces[0][0]) and any(OPEN_PAREN_END_RE.search(p) for p, _ in pieces[:-1]):
            repairs.append(Repair("wrapped-field", Span(cb.span.start, cb.span.end),
                                  "Classified By reasons wrapped inside a parenthesis ('(' / 'D)') joined"))
        repairs += split_and(joined, letters, offmap, text)
    dm = DERIVED_RE.search(joined)
    if dm:  # derivative classification: "Classified By: ... Derived from OSLO SCG 2-01"
        cb.derived_from = Token(dm["src"], Span(offmap(dm.start("src")), offmap(dm.end("src") - 1) + 1))
        cut = min(cut, dm.start())
        if not rs:  # "Derived from OSLO SCG 2-01, b and d": the categories after the source
            cb.reasons = [Token(lt.lower(), Span(offmap(a), offmap(a) + 1), lt) for lt, a in _derived_letters(joined, dm.end())]
    _authority(cb, joined, cut, offmap, vocab, text)
    for what, tok in (("name", cb.name), ("title", cb.title), ("office", cb.office)):
        if tok and join_broken_words(tok.raw, vocab)[1]:
            repairs.append(Repair("wrapped-field", tok.span, f"Classified By {what} broken mid-word at a line end joined"))
    if cb.name:
        whole, n = join_split_name(cb.name.value, vocab)
        if n:
            cb.name = Token(whole, cb.name.span, cb.name.raw)
            repairs.append(Repair("split-name", cb.name.span, f"Classified By name split mid-word inside a line: "
                                  f"{n} word{'s' if n > 1 else ''} joined"))
    repairs += garbled_title_word_repair(cb, text, vocab)
    got = ClbyRead(cb, reason_lines, j, repairs)
    return _restated(lines, got, vocab, text) or got


def _restated(lines: list[Line], got: ClbyRead, vocab: Vocabulary, text: str) -> ClbyRead | None:
    """`got` with the reasons of the statement written again whole on the next
    line, when it gives none ("CLASSIFIED BY: Jane Roe, CDA, ... Department" /
    "of State." / "CLASSIFIED BY: Jane Roe, CDA, ... REASON: 1.4 (b)"), the
    repair recorded; the copy's line is still the header's to read (a spliced
    copy: the lint judges that damage). None when there is no such line."""
    cb, j = got.value, got.next
    if cb.reasons or cb.derived_from is not None or cb.authority is None or j >= len(lines):
        return None
    if CLBY_RE.match(lines[j].text.lstrip()) is None:
        return None
    again = read_classified_by(lines, j, CLBY_RE.search(lines[j].text), vocab, text).value
    if not again.reasons or again.authority is None or again.authority.value.split()[:2] != cb.authority.value.split()[:2]:
        return None
    cb.section, cb.reasons = again.section, again.reasons
    line = text.count("\n", 0, cb.span.start) + 1
    note = Repair("whole-copy", again.span, f"Classified By without reasons on line {line}: its reasons read from "
                  "its copy on the next line")
    return got._replace(repairs=got.repairs + [note])


# The label written twice ("Classified By: Classified by CG ...") or its "by" left over ("by CDA ...").
AUTH_LABEL_RE = rx(r"(?i)^(?:classified\s+by\b\s*:?\s*)+|^by\s+(?=\S)")
# Stray words between the name and the reasons: "Carney by reasons", "Chicola Based upon Reason",
# "DOWNES FOR" / "GLASS FO R" (the reasons on the next line), "Sanders for Reasons in Sections".
AUTH_STRAY_RE = rx(r"(?i)(?:[\s,;]+(?:for|per|by|based\s+(?:up)?on|in\s+accordance\s+with|fo\s+r)"
                   r"(?:\s+reasons?\b.*)?)?[\s,;.\\-]*$")
# A copy cut short: "Heather Hodge... id: 230123 ..." (what follows is another text).
AUTH_CUT_RE = rx(r"\.\.\.|…")

# The blanks, commas, semicolons, periods and "(U)" that end an authority (its pattern and their characters).
_AUTH_END_RE = rx(r"[\s,;.]*(?:\(U\)\s*)?$")
_AUTH_END_CHARS = frozenset(",;.(U)")
# The characters of an AUTH_TAIL_RE or REASON_WORDING_RE match but its "para..." (the reason wording, an E.O. number).
_REASON_TAIL_CHARS = frozenset(",;.(:)0123456789forpeundsaFORPEUNDSA")


def _trailing_run(s: str, chars: frozenset[str]) -> int:
    """Where the run of `chars` and blanks that ends `s` starts: a `$`-anchored
    pattern whose matches hold only those characters cannot start before it,
    so its search starts there, not at every position of `s`."""
    k = len(s)
    while k > 0 and (s[k - 1] in chars or s[k - 1].isspace()):
        k -= 1
    return k


def _reason_tail(pattern: regex.Pattern, s: str) -> regex.Match | None:
    """pattern.search(s) for AUTH_TAIL_RE and REASON_WORDING_RE, whose matches
    end `s` and hold only _REASON_TAIL_CHARS, blanks and "para\\w*": an ASCII
    text without "para" is searched from _trailing_run only (IGNORECASE lets
    non-ASCII letters stand for the pattern's)."""
    if not s.isascii() or "para" in s.lower():
        return pattern.search(s)
    return pattern.search(s, _trailing_run(s, _REASON_TAIL_CHARS))


def _authority(cb: ClassifiedBy, joined: str, cut: int, offmap: Callable[[int], int], vocab: Vocabulary,
               text: str) -> None:
    """Who classified: what precedes the reasons, less the reason wording, the
    label written again and stray words before the reasons."""
    auth = joined[:cut]
    cm = AUTH_CUT_RE.search(auth)
    auth = auth[:cm.start()] if cm else auth
    am = _AUTH_END_RE.search(auth, _trailing_run(auth, _AUTH_END_CHARS))
    auth = auth[:am.start()] if am else auth
    tm = _reason_tail(AUTH_TAIL_RE, auth)  # tolerant of a wrapped word: "FOR REAS ONS"
    auth = auth[:tm.start()] if tm else auth  # (AUTH_TAIL_RE.sub: its one match ends the text)
    auth = rx(r"(?i)^\s*(?:\(U\)\s*)").sub("", auth).strip(" ,;:.")
    auth = AUTH_LABEL_RE.sub("", auth)
    auth = AUTH_STRAY_RE.sub("", auth).strip(" ,;:.") if len(auth.split()) > 1 else auth
    if cm and auth and joined[:cm.start()].endswith(auth):
        auth += joined[cm.start():cm.end()]  # cut inside the name: keep the "..." that says so
    if auth:
        a0 = joined.find(auth)
        cb.authority = Token(auth, Span(offmap(a0), offmap(a0 + len(auth) - 1) + 1))
        cb.name, cb.title = name_and_title(cb.authority, text, vocab)
        cb.title, cb.office = split_office(cb.name, cb.title, text, vocab)


def damaged_clby(text: str, vocab: Vocabulary) -> regex.Match | None:
    """The Classified By label with one letter lost or garbled (`Classiied By:`)
    in header line `text`, or None."""
    if ":" not in text or "y" not in text.lower():
        return None
    m = labels(vocab).damaged_clby.search(text)
    return m if m is not None and CLBY_RE.match(m["label"]) is None else None


def reasons_of_field(value: str, base: int) -> tuple[Token | None, list[Token]] | None:
    """The reasons of a `Reason: 1.4 (b), (d)` field line (value at `base`)."""
    rs = find_reasons(value)
    if not rs:
        return None
    sec, letters, _ = rs
    return (Token(sec[0], Span(base + sec[1], base + sec[2])) if sec[0] else None,
            [Token(lt.lower(), Span(base + a, base + a + 1), lt) for lt, a in letters])
