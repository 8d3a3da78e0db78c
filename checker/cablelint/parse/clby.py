"""Stage 3 reader: the Classified By statement, with its name, title and reasons.

"Classified By: Political Counselor Jane Doe for reasons 1.4 (b) and (d)" in
all the ways real cables write it: over several lines, wrapped mid-word
("FOR REAS" / "ONS 1.4 B/D"), reasons on a `Reason:` line of their own, a
derivative source instead of reasons.
"""
from __future__ import annotations

import bisect
import functools
from typing import Callable, NamedTuple

import regex

from ..document import ClassifiedBy, Repair, Span, Token
from ..rx import rx
from ..vocabulary import Vocabulary
from .labels import labels
from .lines import CLBY_RE, Line, para_start, portion_start

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
# Between reason letters: blanks, punctuation, "and"/"or" (wrapped: "a nd"), "+", a line's backslash.
_REASON_TOKEN = rx(
    r"\s+|[(),/&.;:\[\]+\\]|(?i:a\s?nd|or)(?![a-z])|(?P<l>[a-zA-Z])(?![a-zA-Z])"
)
# The categories of E.O. 13526 sec. 1.4 (a-h): without a section number, only these are reason letters.
CATEGORY_LETTERS = frozenset("abcdefgh")
# "REASONS: B AND D", "for reasons (b) and (d)": the letters without the section number.
REASON_WORD_RE = rx(r"(?i)(?<![A-Za-z])reasons?\s*(?:\(s\))?[\s:,]*")
# The word before "reasons": "for" (typed "fro" or "nor" in cables), "per", "under".
_REASON_PREP = r"(?:for|per|under|(?<![A-Za-z])(?:fro|nor))"
# "reasons" as written, a wrap inside it included ("REASO" / "NS": joined with blanks).
_REASON_WORD = r"r\s{0,2}e\s{0,2}a\s{0,2}s\s{0,2}o\s{0,2}n\s{0,2}\(?s?\)?"
REASON_WORDING_RE = rx(
    rf"(?i)(?:[,;.]?\s*{_REASON_PREP}?\s*{_REASON_WORD}[\s:,]*(?:para\w*\s*)?)$")
AUTH_TAIL_RE = rx(
    rf"(?i)[\s,;.(]*{_REASON_PREP}?\s*(?:{_REASON_WORD}|e\.?\s?o\.?\s*\d{{5}})[\s:,;.]*(?:para\w*)?[\s:]*$")
DANGLING_RE = rx(r"(?i)(?:\band|\bor|[,&/+\\])\s*$")
# A line that goes on with the list: "1.4 (B)" / "AND (D)".
GOES_ON_RE = rx(r"(?i)\s*(?:and|or|&|\+)\s*\(?[a-h]\)?(?![A-Za-z])")
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
            w = REASON_WORDING_RE.search(text[:start])
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
    while pos < n:
        t = _REASON_TOKEN.match(text, pos)
        if not t or t.end() == pos:
            break
        end = t.end()
        letter = t[_LETTER]
        if letter and _PORTION_AFTER_RE.match(text[end:end + 8]):
            break  # "(S/NF)": a portion mark after the reasons, not a reason letter
        if letter:
            letters.append((letter, t.start(_LETTER)))
        elif t.group(0) in ".;" and letters and _BLANK_RE.match(text[end:end + 1] or " "):
            break  # end of the sentence: "1.4 (b). I said..." stops here
        pos = end
        if len(letters) > MAX_REASON_LETTERS:
            break
    return letters


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


def _stops(nxt: Line, vocab: Vocabulary) -> bool:
    """A line that starts something else: the statement ended before it."""
    t = nxt.text
    return (para_start(t) is not None or portion_start(t, nxt.start, vocab) is not None or
            labels(vocab).tags.match(t) is not None or labels(vocab).subject.match(t) is not None or
            (t.lstrip("[ \t")[:1] in "EeMm" and rx(r"^[\s\[]*(?:E\s*\.?\s*O\s*\.?|EO|MO\.)\s*\d{5}\b",
                                                    regex.IGNORECASE).match(t) is not None))


def _gather(lines: list[Line], i: int, first: tuple[str, int], vocab: Vocabulary) -> tuple[list, list[int], int]:
    """The pieces of the statement: its line and continuation lines until the
    reason letters are found (wrapped: "FOR REAS" / "ONS 1.4 B/D")."""
    pieces = [first]
    reason_lines: list[int] = []
    found = bool(find_reasons(first[0]))
    j, skipped = i + 1, 0
    while j < len(lines) and j <= i + CLBY_MAX_LINES + skipped and j <= i + CLBY_MAX_SPAN:
        nxt = lines[j]
        if not nxt.text.strip() or "PAGE" in nxt.text[:8] and TELETYPE_PAGE_RE.match(nxt.text):
            if found:
                break
            j, skipped = j + 1, skipped + 1  # the reasons go on after a blank line or a page break
            continue
        fm = vocab.field_re.match(nxt.text)
        if fm and vocab.field_name(fm["key"]) != "Reason":
            break  # the next line of an authority block: Derived From, Declassify On
        if fm:
            reason_lines.append(j)
        split_number = bool(rx(r"\b1\.\s*$").search(pieces[-1][0])) and not found
        if not split_number and _stops(nxt, vocab):
            break
        # "1.4 (b) and" / "(d)", "1.4 (B)" / "AND (D)": the list goes on
        dangling = DANGLING_RE.search(pieces[-1][0]) is not None or GOES_ON_RE.match(nxt.text) is not None
        if found and not dangling and not rx(r"\s*REASONS?\b", regex.IGNORECASE).match(nxt.text):
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
    cut = len(joined)
    if rs:
        sec, letters, cut = rs
        if sec[0]:
            cb.section = Token(sec[0], Span(offmap(sec[1]), offmap(sec[2] - 1) + 1))
        cb.reasons = [Token(lt.lower(), Span(offmap(a), offmap(a) + 1), lt) for lt, a in letters]
        if len(pieces) > 1 and letters[0][1] > len(pieces[0][0]):
            repairs.append(Repair("wrapped-field", Span(cb.span.start, cb.span.end),
                                  f"Classified By read over {len(pieces)} lines"))
    dm = DERIVED_RE.search(joined)
    if dm:  # derivative classification: "Classified By: ... Derived from DSCG 05-01"
        cb.derived_from = Token(dm["src"], Span(offmap(dm.start("src")), offmap(dm.end("src") - 1) + 1))
        cut = min(cut, dm.start())
    _authority(cb, joined, cut, offmap, vocab, text)
    for what, tok in (("name", cb.name), ("title", cb.title)):
        if tok and join_broken_words(tok.raw, vocab)[1]:
            repairs.append(Repair("wrapped-field", tok.span, f"Classified By {what} broken mid-word at a line end joined"))
    return ClbyRead(cb, reason_lines, j, repairs)


# The label written twice ("Classified By: Classified by CG ...") or its "by" left over ("by CDA ...").
AUTH_LABEL_RE = rx(r"(?i)^(?:classified\s+by\b\s*:?\s*)+|^by\s+(?=\S)")
# Stray words between the name and the reasons: "Carney by reasons", "Chicola Based upon Reason",
# "DOWNES FOR" / "GLASS FO R" (the reasons on the next line), "Sanders for Reasons in Sections".
AUTH_STRAY_RE = rx(r"(?i)(?:[\s,;]+(?:for|per|by|based\s+(?:up)?on|in\s+accordance\s+with|fo\s+r)"
                   r"(?:\s+reasons?\b.*)?)?[\s,;.\\-]*$")
# A copy cut short: "Heather Hodge... id: 230123 ..." (what follows is another text).
AUTH_CUT_RE = rx(r"\.\.\.|…")
# A name after the last run of title words has at most this many words.
NAME_MAX_WORDS = 5


def _authority(cb: ClassifiedBy, joined: str, cut: int, offmap: Callable[[int], int], vocab: Vocabulary,
               text: str) -> None:
    """Who classified: what precedes the reasons, less the reason wording, the
    label written again and stray words before the reasons."""
    auth = joined[:cut]
    cm = AUTH_CUT_RE.search(auth)
    auth = auth[:cm.start()] if cm else auth
    am = rx(r"[\s,;.]*(?:\(U\)\s*)?$").search(auth)
    auth = auth[:am.start()] if am else auth
    auth = AUTH_TAIL_RE.sub("", auth)  # tolerant of a wrapped word: "FOR REAS ONS"
    auth = rx(r"(?i)^\s*(?:\(U\)\s*)").sub("", auth).strip(" ,;:.")
    auth = AUTH_LABEL_RE.sub("", auth)
    auth = AUTH_STRAY_RE.sub("", auth).strip(" ,;:.") if len(auth.split()) > 1 else auth
    if cm and auth and joined[:cm.start()].endswith(auth):
        auth += joined[cm.start():cm.end()]  # cut inside the name: keep the "..." that says so
    if auth:
        a0 = joined.find(auth)
        cb.authority = Token(auth, Span(offmap(a0), offmap(a0 + len(auth) - 1) + 1))
        cb.name, cb.title = name_and_title(cb.authority, text, vocab)


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


def name_and_title(auth: Token, text: str, vocab: Vocabulary) -> tuple[Token | None, Token | None]:
    """Split "Political Counselor Jane Doe" / "Jane Doe, Acting DCM" into
    name and title, by the title words of the vocabulary."""
    raw = text[auth.span.start:auth.span.end]

    def tok(a: int, b: int) -> Token | None:
        seg = raw[a:b]
        lead = len(seg) - len(seg.lstrip(" ,;"))
        seg = seg.strip(" ,;")
        if not seg:
            return None
        start = auth.span.start + a + lead
        value = join_broken_words(seg, vocab)[0]
        return Token(" ".join(value.replace("\\", " ").split()), Span(start, start + len(seg)), seg)

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
    at = _after_last_title(raw, vocab)
    if at is not None:
        return tok(at, len(raw)), tok(0, at)
    words = [(m.start(), m.end()) for m in rx(r"\S+").finditer(raw)]
    k = 0
    while k < len(words) and _is_title(raw[words[k][0]:words[k][1]], vocab):
        k += 1
    if k == 0:
        return tok(0, len(raw)), None
    if k == len(words):
        return None, tok(0, len(raw))
    return tok(words[k][0], len(raw)), tok(0, words[k - 1][1])


# How many lines after the header a whole copy of a cut Classified By is looked for.
WHOLE_COPY_REACH = 80


def damaged_clby(text: str, vocab: Vocabulary) -> regex.Match | None:
    """The Classified By label with one letter lost or garbled (`Classiied By:`)
    in header line `text`, or None."""
    if ":" not in text or "y" not in text.lower():
        return None
    m = labels(vocab).damaged_clby.search(text)
    return m if m is not None and CLBY_RE.match(m["label"]) is None else None


def is_cut(cb: ClassifiedBy, text: str) -> bool:
    """A statement whose copy was cut short ("REASONS 1.4 (B,..."): a later,
    whole copy of the header reads it better."""
    return AUTH_CUT_RE.search(text, cb.span.start, cb.span.end) is not None


def whole_copy(cb: ClassifiedBy, lines: list[Line], vocab: Vocabulary, text: str) -> ClbyRead | None:
    """The statement read again from the file's later whole copy of the header
    (an export's partial extract, then the cable), when `cb` was cut short and
    that copy holds reasons; None otherwise. Records the repair."""
    if not is_cut(cb, text):
        return None
    start = bisect.bisect_left([ln.start for ln in lines], cb.span.end)
    for i in range(start, min(len(lines), start + WHOLE_COPY_REACH)):
        m = CLBY_RE.search(lines[i].text) if "lassified" in lines[i].text or "LASSIFIED" in lines[i].text else None
        if m is None:
            continue
        got = read_classified_by(lines, i, m, vocab, text)
        if is_cut(got.value, text) or not got.value.reasons:
            return None
        line = text.count("\n", 0, cb.span.start) + 1
        note = Repair("whole-copy", got.value.span, f"Classified By cut short on line {line}: read from its whole copy")
        return got._replace(repairs=got.repairs + [note])
    return None


def reasons_of_field(value: str, base: int) -> tuple[Token | None, list[Token]] | None:
    """The reasons of a `Reason: 1.4 (b), (d)` field line (value at `base`)."""
    rs = find_reasons(value)
    if not rs:
        return None
    sec, letters, _ = rs
    return (Token(sec[0], Span(base + sec[1], base + sec[2])) if sec[0] else None,
            [Token(lt.lower(), Span(base + a, base + a + 1), lt) for lt, a in letters])
