"""Stage 3 reader: the REF list after its first line, read apart from the
other header fields (fields.py) because real cables spread it so: lettered
items on the lines after `REF: A. ...` (upper or a lower-cased export's
case, after blank lines, wrapped onto the next line), a later whole copy of a
list cut short, a header copy's REF read once, and page marks run on to it."""
from __future__ import annotations

import bisect

import regex

from ..document import Repair, SectionMark, Span, Token, WholeCopy
from ..rx import rx
from ..vocabulary import Vocabulary
from .copies import copy_lines, first_cut
from .fields import REF_ITEM_A_RE, SUBJECT_TAIL_NEXT, other_header_line, upper_words, read_ref, ref_value
from .labels import labels
from .lines import LINE_START, PAGE_INLINE_RE, PARA_RE, Line, classify, page_mark_start
from .ref_split import last_letter

# How far after a REF entry a page mark run on to it may end ("  TRIPOLI 00001043  001.2 OF 002").
REF_PAGE_REACH = 80

# A lettered REF item on the lines after `REF: A. ...` ("B. BRUSSELS 1439", the web page's
# "¶B. ...", "D.07 MANAMA 1070"): one letter and a period, then the reference ("(C) ..." is a
# portion mark, not an item).
REF_ITEM_RE = rx(r"^[ \t]*(?:¶[ \t]*)?(?P<item>[B-Z]\.(?:[ \t]+|(?=\d))\S.*?)[ \t\\]*\r?$")
# The same in a lower-cased export's list ("Ref: a. State 7" / "b. Berlin 17"), read after a lower-case first letter only.
REF_LOWER_ITEM_RE = rx(r"^[ \t]*(?:¶[ \t]*)?(?P<item>[b-z]\.(?:[ \t]+|(?=\d))\S.*?)[ \t\\]*\r?$")


# The same under "REF: (A) ..." or "REF: A) ...": "(B) SAO PAULO 1071;", in the REF line's own
# lettering and citing a number (a "(C) Summary: ..." line is a portion mark, not an item). A drafter's
# label with a blank inside its parentheses needs none after it ("(C )SAN JOSE 01713", "( D)OSLO 4").
REF_PAREN_ITEM_RE = rx(r"^[ \t]*(?:¶[ \t]*)?(?P<item>(?:\(?[B-Z]\)[ \t]+|\((?=[^)\n]*[ \t])[ \t]*[B-Z][ \t]*\)[ \t]*)"
                       r"[^\n]*?\d[^\n]*?)[ \t\\]*\r?$")
# The first item lettered A, after the label or at the start of the line under an empty `REF:`.
_REF_FIRST_AT = r"(?:(?i:REFS?)\s*:?\s*|^[ \t]*(?:¶[ \t]*)?)"
REF_PAREN_FIRST_RE = rx(_REF_FIRST_AT + r"(?:\(?[Aa]\)\s|\((?=[^)\n]*[ \t])[ \t]*[Aa][ \t]*\))")


# The letter of the REF line's first item ("REF: A. STATE 7434", "REF: (A) ...", "REF: (A )...", a
# lower-cased export's "Ref: a. ...").
REF_FIRST_LETTER_RE = rx(r"(?i:REFS?)\s*:?\s*(?:\(?(?P<l>[A-Za-z])[.)]\s|\([ \t]*(?P<l>[A-Za-z])[ \t]*\))"
                         r"|^[ \t]*(?:¶[ \t]*)?\(?(?P<l>[Aa])[.)]\s")

# Blank lines a lettered REF list may hold between its items ("REF: A. ..." / "" / "B. ...").
REF_BLANKS_MAX = 2


def read_refs(lines: list[Line], i: int, m: regex.Match, vocab: Vocabulary, post: Token | None = None) -> list[Token]:
    """The REF line at `i` (its match `m`) and the lettered items that go on from
    it; `post`, the cable's, is where a page mark run into an entry starts.
    An empty REF line's list starts on the next line with text (`first_below`)."""
    head = read_ref(lines[i], m, vocab, post)
    below = first_below(lines, i, vocab, post) if not head.value.strip() else None
    if below is not None:
        return read_ref_items(lines, below[0], vocab, below[1], post)
    return read_ref_items(lines, i, vocab, head, post)


def first_below(lines: list[Line], i: int, vocab: Vocabulary, post: Token | None) -> tuple[int, Token] | None:
    """The first item of the list under the empty REF line `i` ("REF:" / "(A) 05
    OSLO 318,"), past at most REF_BLANKS_MAX blank lines: its index and
    value; None when the next line with text is no item lettered A."""
    k = _after_blanks(lines, i + 1, len(lines))
    m = REF_ITEM_A_RE.match(lines[k].text) if k < len(lines) else None
    if m is None:
        return None
    return k, ref_value(m["item"], lines[k].start + m.start("item"), vocab, post)


def read_ref_items(lines: list[Line], i: int, vocab: Vocabulary, head: Token | None = None,
                   post: Token | None = None) -> list[Token]:
    """The lettered items that go on from the REF line at `i`, one Token each
    (the pilcrow a web page put before a letter is not part of it), after the
    REF line's own value `head` when given. A blank line ends the list unless
    the next item is unmistakably its own: the next letter, citing a number.
    An entry's words wrapped onto the next line are joined to it (_ref_wrap).
    The header stage still reads the items' lines (a cut item, "B. ROME 948 ...",
    starts the body there)."""
    out: list[Token] = [head] if head is not None else []
    first = REF_PAREN_FIRST_RE.search(lines[i].text)
    lm = REF_FIRST_LETTER_RE.search(lines[i].text)
    letter = lm["l"] if lm else ""
    j, stop = i + 1, min(len(lines), i + 27)
    while j < stop:
        letter = last_letter(out[-1].value, vocab) or letter if out else letter  # "A. ... B. ...": the list goes on at C
        w = _ref_wrap(lines, j, stop, out[-1].value, letter, vocab) if out else None
        if w is not None:
            out[-1] = _joined(out[-1], lines[w])
            j = w + 1
            continue
        k = _after_blanks(lines, j, stop)
        m = REF_ITEM_RE.match(lines[k].text) if k < stop else None
        if m is None and k < stop:  # a lower-cased list, or one going on in lower case ("A. ..." / "b. ...")
            low = REF_LOWER_ITEM_RE.match(lines[k].text)
            m = low if low is not None and (letter.islower() or _next_item(low["item"], letter)) else None
        if m is None and first is not None and k < stop:
            m = REF_PAREN_ITEM_RE.match(lines[k].text) or (_uncited_item(lines, k, stop, letter, vocab)
                                                            if k == j else None)
        if m is None and k == j and k < stop:
            cut = _cut_item(lines[k], letter, vocab)
            if cut is not None:  # "C....": the export cut the list here (whole_refs reads its whole copy)
                out.append(cut)
                break
        if m is None or k > j and not _next_item(m["item"], letter):
            break
        letter = item_letter(m["item"])
        out.append(ref_value(m["item"], lines[k].start + m.start("item"), vocab, post))
        j = k + 1
    return out


# An entry's words wrapped onto the next line make a short line, at most this long.
REF_WRAP_MAX = 80
# What follows those words: the next item, or the header or the body going on.
REF_WRAP_NEXT = SUBJECT_TAIL_NEXT | {"paragraph"}


def _ref_wrap(lines: list[Line], j: int, stop: int, prev: str, letter: str, vocab: Vocabulary) -> int | None:
    """The index of the line holding the last words of the REF entry `prev`
    wrapped onto it ("D) MANAGUA 913 -- ... BREAK-AWAY GEORGIA" / "REPUBLICS"),
    or None. Right after the entry, in its case; or after one blank line, a
    sentence going on in lower case ("emails to Washington with" / "" / "the text
    of ..."); the entry's number, right after it or after a blank line ("B) 2008
    OSLO" / "604"). It is no item, field, page mark, passing, caption or trailer line,
    and the next item, a header field or a paragraph follows it."""
    if not prev.strip():
        return None  # an empty REF line: no entry to go on (its list under it is read by first_below)
    k = j + 1 if j < stop and not lines[j].text.strip() else j
    s = lines[k].text.strip() if k < stop else ""
    if not s[:1].isalnum() or len(s) > REF_WRAP_MAX or _item_line(s, letter):
        return None
    numbered = s[:1].isdigit() and prev[-1:].isalpha()  # "B) 2008 OSLO" / "604": the entry's number wrapped
    if k > j and not (numbered or s[:1].islower() and prev[-1:].isalpha() and not upper_words(prev)) or \
            k == j and not numbered and upper_words(s) != upper_words(prev):
        return None
    if other_header_line(s, vocab):
        return None
    after = _after_blanks(lines, k + 1, stop)
    if after >= stop:
        return None
    nxt = lines[after].text
    item = _item_line(nxt, letter)
    if item is not None:  # the next item after the last letter the joined entry holds ("... D. BERGEN 77" / "E. ...")
        return k if _next_item(item["item"], last_letter(f"{prev} {s}", vocab) or letter) else None
    kind = classify(nxt, vocab).name
    return k if kind in REF_WRAP_NEXT or numbered and kind == "page" else None


# A "(B)" or "B)" item line of any text, its indentation and parenthesis apart: an item that cites
# no number ("(I) CIS DOC.") is told from a portion mark ("(C) The minister ...") by them (_uncited_item).
REF_PAREN_ANY_RE = rx(r"^(?P<indent>[ \t]*)(?:¶[ \t]*)?(?P<item>(?P<open>\(?)(?P<l>[A-Z])\)[ \t]+\S[^\n]*?)[ \t\\]*\r?$")
# Such an item names a document, not a sentence: at most this many words after its letter.
UNCITED_ITEM_WORDS = 6


def _uncited_item(lines: list[Line], k: int, stop: int, letter: str, vocab: Vocabulary) -> regex.Match | None:
    """Line k as a REF item that cites no number ("(I) CIS DOC." under "(H) 2004
    MOSCOW 14726"), or None. A portion mark opens a line the same way ("(C) ..." after
    "(B) ..." is the next letter too), so it is read only as an item line like the one
    right above it: the next letter after `letter`, that line's item in the same style
    and indentation, a few words, and the list or the header ending or going on after it."""
    m = REF_PAREN_ANY_RE.match(lines[k].text)
    prev = REF_PAREN_ANY_RE.match(lines[k - 1].text) if m is not None and k > 0 else None
    if (prev is None or not letter or m["l"] != chr(ord(letter.upper()) + 1) or prev["l"] != letter.upper()
            or (m["indent"], m["open"]) != (prev["indent"], prev["open"])
            or len(m["item"].split()) - 1 > UNCITED_ITEM_WORDS):
        return None
    after = _after_blanks(lines, k + 1, stop)
    if after >= stop or after > k + 1 or _item_line(lines[after].text, m["l"]) is not None:
        return m  # a blank line or the file's end after it, or the next item
    return m if classify(lines[after].text, vocab).name in REF_WRAP_NEXT else None


def _cut_item(line: Line, letter: str, vocab: Vocabulary) -> Token | None:
    """The item after `letter`'s cut right after its letter by an export
    ("C...." under "B. OSLO 441"; the marks are `vocab`'s elision_patterns), or None."""
    m = labels(vocab).ref_cut_item.match(line.text)
    if m is None or not letter or m["item"][0].upper() != chr(ord(letter.upper()) + 1):
        return None
    return Token(m["item"], Span(line.start + m.start("item"), line.start + m.end("item")), m["item"])


def _item_line(s: str, letter: str) -> regex.Match | None:
    """`s` as a lettered REF item line (a lower-case letter after a lower-case
    first one, or as the next letter: "A. ..." / "b. ..."), or None."""
    m = REF_ITEM_RE.match(s) or REF_PAREN_ITEM_RE.match(s)
    if m is None:
        low = REF_LOWER_ITEM_RE.match(s)
        if low is not None and (letter.islower() or _next_item(low["item"], letter)):
            return low
    return m


def _joined(tok: Token, line: Line) -> Token:
    """`tok` with the words of `line` wrapped onto it (without a TSV export's
    line-continuation backslash ending the line, as ref_value drops it)."""
    s = line.text.strip().rstrip(" \t\\")
    end = line.start + len(line.text) - len(line.text.lstrip()) + len(s)
    return Token(tok.value + " " + " ".join(s.split()), Span(tok.span.start, end), tok.raw + " " + s)


def whole_refs(refs: list[Token], lines: list[Line], vocab: Vocabulary, text: str, copy: WholeCopy | None,
               post: Token | None = None) -> tuple[list[Token], Repair] | None:
    """The REF list read again from the file's whole copy (`copy`, copies.py)
    when its last entry was cut short ("¶E. QUI...": the vocabulary's
    elision_patterns; "C....", an item cut right after its letter, read as
    one by _cut_item) or the line after it holds the dots alone ("   ...":
    _cut_item_end), and the repair `whole-copy` that says so; None when there
    is no such copy, or it is cut too or holds fewer entries (after the dots
    alone: no more entries, the cut took another field)."""
    cut = labels(vocab).elision_end
    if not refs or copy is None:
        return None
    end = refs[-1].span.end if cut.search(refs[-1].raw) else _cut_item_end(refs[-1], lines, cut)
    if end is None:
        return None
    for i in copy_lines(copy, lines, end):
        m = labels(vocab).ref.match(lines[i].text) if "REF" in lines[i].text[:8] else None
        if m is None:
            continue
        got = read_refs(lines, i, m, vocab, post)
        stub = end != refs[-1].span.end  # a cut item after the list: the copy must hold more entries
        if len(got) < len(refs) + stub or cut.search(got[-1].raw):
            return None
        line = text.count("\n", 0, refs[-1].span.start if end == refs[-1].span.end else end) + 1
        return got, Repair("whole-copy", Span(got[0].span.start, got[-1].span.end),
                           f"REF cut short on line {line}: read from its whole copy")
    return None


def copy_refs(lines: list[Line], vocab: Vocabulary, text: str, copy: WholeCopy | None, body_start: int,
              post: Token | None = None) -> tuple[list[Token], Repair] | None:
    """The REF list of the file's whole copy (`copy`) when the first copy has
    none because the export cut it short before where a REF stands: its cut
    line (copies.first_cut) at or before its body's start (`body_start`: in
    the header, "SUBJECT: ... CONSULTATIO..." or "RE..."). The copy's REF line
    before its first numbered paragraph, within the cut's reach, is read with
    the repair `whole-copy`; None when there is none or it is cut too (as
    subject_copy.whole_subject decides for a SUBJECT cut short)."""
    if copy is None:
        return None
    cut = first_cut(copy, text, vocab)[0]
    if cut is None or cut.start > body_start:
        return None
    lab = labels(vocab)
    for i in copy_lines(copy, lines, cut.end):
        t = lines[i].text
        if PARA_RE.match(t):
            return None  # the copy's body: no REF in its header
        m = lab.ref.match(t) if "REF" in t[:8].upper() else None
        if m is None:
            continue
        got = read_refs(lines, i, m, vocab, post)
        if not got or not got[0].value.strip() or lab.elision_end.search(got[-1].raw):
            return None
        line = text.count("\n", 0, cut.start) + 1
        return got, Repair("whole-copy", Span(got[0].span.start, got[-1].span.end),
                           f"REF not in the first copy, cut short on line {line}: read from its whole copy")
    return None


# What stands before the elision mark on a line of the export's cut after a REF list: nothing ("   ...": the
# next item or field cut to its dots), or an item's letter that is not the next one (`_cut_item` reads that).
REF_CUT_STUB_RE = rx(r"^[ \t]*(?:¶[ \t]*)?(?:\(?[A-Za-z][.)]?)?[ \t]*$")


def _cut_item_end(last: Token, lines: list[Line], cut: regex.Pattern) -> int | None:
    """The end of the line after the REF entry `last` (past blank lines) when
    it holds a cut stub (REF_CUT_STUB_RE before an elision mark): the list
    was cut there; else None."""
    i = bisect.bisect_right(lines, last.span.end - 1, key=LINE_START)
    k = _after_blanks(lines, i, len(lines))
    if k >= len(lines):
        return None
    m = cut.search(lines[k].text)
    return lines[k].start + m.end() if m and REF_CUT_STUB_RE.match(lines[k].text[:m.start()]) else None


def unseen_refs(have: list[Token], got: list[Token]) -> list[Token]:
    """The REF entries of `got` not read already: a file's second copy of the
    header (an export's lower-cased one) repeats the REF line."""
    seen = {" ".join(t.value.casefold().split()) for t in have}
    return [t for t in got if " ".join(t.value.casefold().split()) not in seen]


def ref_page_marks(text: str, refs: list[Token], have: list[SectionMark], post: Token | None = None,
                   repairs: list[Repair] | None = None) -> list[SectionMark]:
    """The page marks an export ran into REF entries or on right after them ("B)
    TRIPOLI 485 TRIPOLI 00001043 001.2 OF 002"), not in `have` yet: cut out of
    the entry's value, they are still the cable's pages, each noted in `repairs`
    (glued-page-mark, as one run into the SUBJECT or the body is). Marks further
    on in the line (a cable on one line) or on a line of their own are read elsewhere.
    A mark starts at the cable's `post` name, as ref_value cut it (lines.page_mark_start)."""
    seen = {(s.span.start, s.span.end) for s in have}
    out: list[SectionMark] = []
    for t in refs:
        eol = text.find("\n", t.span.end)
        end = min(len(text) if eol < 0 else eol, t.span.end + REF_PAGE_REACH)
        for m in PAGE_INLINE_RE.finditer(text, t.span.start, end):
            span = Span(m.start("n"), m.end("m"))
            start = page_mark_start(text, m, post)
            if text[t.span.end:start].strip() or (span.start, span.end) in seen:
                continue  # not run on right after the entry, or read already
            seen.add((span.start, span.end))
            out.append(SectionMark(int(m["n"]), int(m["m"]), span, "page"))
            if repairs is not None:
                what = f"page mark {int(m['n'])} OF {int(m['m'])}"
                repairs.append(Repair("glued-page-mark", Span(start, m.end()),
                                      f"{what} read from inside the REF line, kept out of its entry"))
    return out


def _after_blanks(lines: list[Line], j: int, stop: int) -> int:
    """The index of the first line with text from `j` on, past at most REF_BLANKS_MAX blank lines
    (a TSV export's line-continuation backslash alone is a blank line's)."""
    k = j
    while k < stop and k - j < REF_BLANKS_MAX and not lines[k].text.strip(" \t\\"):
        k += 1
    return k


def _next_item(item: str, letter: str) -> bool:
    """Whether `item` ("B. STATE 4834") is the item after the one lettered `letter`, citing a number."""
    return (bool(letter) and item_letter(item).upper() == chr(ord(letter.upper()) + 1)
            and any(c.isdigit() for c in item))


def item_letter(item: str) -> str:
    """The letter of the REF item `item` ("B. STATE 4834", "(C )SAN JOSE 01713": "C")."""
    return item.lstrip("( \t")[:1]
