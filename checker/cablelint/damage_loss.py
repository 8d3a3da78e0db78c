"""Detectors of text the export lost: a cut first copy of the cable before a
whole one, text cut out of the body, and characters dropped throughout the
file (paragraphs a release withheld: damage_withheld.py).

Like the detectors in `damage.py`, each is a pure function of the Document
and the rule's YAML parameters (its patterns and word lists are data) and
returns a `Damage` with counts and line numbers, never the cable's text.
"""
from __future__ import annotations

from typing import Any, Callable

import regex

from .damage_index import Damage, RawLines, elision, elision_end, index_of, line_no, line_span, lines_holding
from .document import Document, Span, WholeCopy
from .records import FrozenRecord, set_field
from .parse.cutwords import words_before_cut, written_again
from .rx import Deferred, rx
from .vocabulary import Vocabulary


def cut_recopied(doc: Document, p: dict[str, Any], vocab: Vocabulary | None = None) -> Damage | None:
    """A line at or after the body start that ends in an elision mark
    (`cut_line`: "(C...", "Classified ...", "USNATO 276...") and whose next
    line starts the cable again (`recopy`: the banner with the header fields
    glued on one line). Such an export holds a first copy cut at a fixed
    length, then the whole text: the cut copy's findings (a paragraph read
    without its mark, numbering that restarts, a Classified By the cut took)
    restate the cut. The region runs from the file's start to the first line
    of text after the recopied header. Cuts before the body are CL909's,
    unless the file's whole copy (doc.whole_copy: the first place after the
    cut where the banner's own line is written again) starts within
    `banner_reach` lines after the cut (an
    archive's metadata block between, or the header's fields run on after
    it): then the header the cut took is written out
    again, and the region runs on through the whole copy's first paragraph
    (its header read as body, its repeat of the cut copy's first paragraph).
    Either way the later copy must be whole where the first was cut
    (`_holds_the_cut`); a copy that stops after the header's first fields is
    no whole text, and the cut is CL909's. `vocab`: the rule set's (its elision marks)."""
    idx = index_of(doc)
    if not idx.may_hold(p["_cut_line"]):
        return None
    raw = idx.lines
    copy = doc.whole_copy if p.get("banner_reach") else None
    banner = line_no(doc, copy.banner.start) if copy is not None else 0
    first = min(max(idx.body_line, 1), banner + 1) if banner else max(idx.body_line, 1)
    for n in lines_holding(doc, p["_cut_line"], first, len(raw) - 1):
        if not p["_cut_line"].rx.search(raw[n - 1].rstrip("\r")) or elision_recurs(doc, n, p, vocab):
            continue
        again = _next_text_line(raw, n, p.get("max_gap", 2))
        if again and n >= idx.body_line and p["_recopy"].search(raw[again - 1]):
            end = _next_text_line(raw, again, p.get("max_gap", 2)) or again
        elif copy and (again := _copy_line(doc, copy, n, p["banner_reach"])) and not _body_between(doc, n, again):
            at = next((q.span.start for q in doc.paragraphs if q.span.start > doc.source.line_span(again)[1]), None)
            end = line_no(doc, at) if at is not None else again  # through the whole copy's first paragraph
        else:
            continue
        held = _holds_the_cut(doc, n, again, p, vocab)
        if held is None:
            continue
        return Damage(line_span(doc, n), f"line {n} ends in an elision mark and line {again} starts "
                      f"the cable again{held}", Span(0, doc.source.line_span(end)[1]))
    return None


BODY_ONLY = ", its body from paragraph 1 but not the words before the cut"


def _holds_the_cut(doc: Document, n: int, again: int, p: dict[str, Any], vocab: Vocabulary | None) -> str | None:
    """Whether the copy from line `again` on holds what the cut on line `n`
    lost: the words before the cut (at least `whole_tail` letters of them,
    "¶" and line breaks aside, the cut word as a prefix) again, with at least
    `whole_after` letters of text after them (""); or a body that opens with
    paragraph 1 (a copy whose header the export also dropped, its text
    whole: "" if it writes the words before the cut again, however little
    follows them, else BODY_ONLY, as the message must not claim the copy
    repeats them). A header stub that stops at TAGS, or a copy that starts at
    paragraph 3, holds neither (None): deleting the cut copy would lose text."""
    start = doc.source.line_span(again)[0]
    if _written_again(doc, n, start, p, "", vocab):
        return ""
    first = next((q.number for q in doc.paragraphs if q.span.start >= start and q.number is not None), None)
    if first != 1:
        return None
    return "" if _written_again(doc, n, start, {**p, "whole_after": 0}, "", vocab) else BODY_ONLY


def elision_recurs(doc: Document, n: int, p: dict[str, Any], vocab: Vocabulary | None = None) -> bool:
    """Whether the words before the elision mark on line `n` come again later
    in the file with the same mark after them and a text going on after that
    (`whole_after` letters): a later copy that goes on past them ends them the
    same way, so the drafter wrote the dots ("DESPERATELY SEEKING SOMEONE..."),
    and no export cut the text there. `vocab`: the rule set's (its elision marks).
    The words must come again with a mark after them, so a text with no mark
    after line `n` answers at once: no pattern of the cable's words is
    compiled (~0.4 ms each: 14 of the 18 that 230 real cables asked for)."""
    start, mark = doc.source.line_span(n)[1], elision(vocab)
    if rx(mark, regex.IGNORECASE).search(doc.text, start) is None:
        return False  # (the words' pattern ends on this one, same flags: its match would hold one at `start` or after)
    return _written_again(doc, n, start, p, r"\s*" + mark, vocab)


def _written_again(doc: Document, n: int, start: int, p: dict[str, Any], mark: str, vocab: Vocabulary | None) -> bool:
    """Whether the last words before the elision on line `n` (`whole_tail`
    letters of them), then `mark`, are written again from offset `start` on,
    with at least `whole_after` letters of text after them (parse/cutwords.py)."""
    words = words_before_cut(doc.text, doc.source.line_span(n)[1], elision_end(vocab), p.get("whole_tail", 12))
    return written_again(doc.text, words, start, p.get("whole_after", 80), mark)


def _body_between(doc: Document, n: int, again: int) -> bool:
    """Whether a numbered paragraph starts after line `n` and before line
    `again`: the text went on after the dots (a body, not an archive's
    metadata block or routing header), so the dots cut nothing."""
    lo, hi = doc.source.line_span(n)[1], doc.source.line_span(again)[0]
    return any(lo <= q.span.start < hi and q.number is not None for q in doc.paragraphs)


def _copy_line(doc: Document, copy: WholeCopy, n: int, reach: int) -> int | None:
    """The line where the file's whole copy starts (`copy`: the first place
    after line `n` where the banner's line is written again, parse/copies.py)
    when it is within `reach` lines after line `n`, else None."""
    at = copy.after(doc.source.line_span(n)[1])
    again = line_no(doc, at.start) if at is not None else 0
    return again if n < again <= n + reach else None


def intact_before(doc: Document, cut: Span) -> tuple[tuple[int, int], ...]:
    """The lines before the cut line (`cut`'s) that the cut cannot have
    spoiled: a blank line stands between them and the cut (a field that ran
    on into the cut line is the cut's), and the file writes their words
    again, whole and in the same order, after the cut (a later copy). A
    finding that judges such a line's own text is the drafter's, not a
    symptom of the cut (`stand_intact`, fold.py). (start, end) offsets, last
    line first."""
    src, text = doc.source, doc.text
    n = line_no(doc, cut.start)
    after, out, blank = src.line_span(n)[1], [], False
    written = _written_after(text, after)
    for m in range(n - 1, 0, -1):
        words = src.line_text(m).split()
        if not words:
            blank = True
            continue
        if blank and written(words):
            out.append(src.line_span(m))
    return tuple(out)


# Characters str.split() takes for blanks that the regex `\s` does not.
_SPLIT_ONLY_BLANKS = frozenset("\x1c\x1d\x1e\x1f")


def _written_after(text: str, after: int) -> Callable[[list[str]], bool]:
    """Whether a line's words are written again, whole and in order, after
    offset `after` (`after` ends a line): a run of the text's own words there,
    blanks aside. Compared as words, not as a pattern compiled per line
    (~40 compiles a cut cable, issue 15), except in a text holding one of the
    few characters str.split and regex's blank class disagree on."""
    rest = text[after:]
    if any(c in rest for c in _SPLIT_ONLY_BLANKS):
        def by_pattern(words: list[str]) -> bool:
            # the words are the cable's: compiled here (regex's own cache), not kept in the rx() memo
            said = regex.compile(r"(?<!\S)" + r"\s+".join(map(regex.escape, words)) + r"(?!\S)")
            return text.find(words[-1], after) >= 0 and said.search(text, after) is not None
        return by_pattern
    spaced = f" {' '.join(rest.split())} "  # the words hold no blank: a run of them is a substring

    def by_words(words: list[str]) -> bool:
        return f" {' '.join(words)} " in spaced
    return by_words


def section_line(text: str, number: int, total: int) -> int:
    """The offset of a `SECTION nn OF mm` line in the file (-1: none): a
    section the parser did not take for a banner is in the file, not lost."""
    if "SECTION" not in text:
        return -1
    m = regex.search(rf"\bSECTION 0*{number} OF 0*{total}\b", text)
    return m.start() if m else -1


def section_unread(doc: Document, p: dict[str, Any]) -> Damage | None:
    """A section banner (`SECTION 01 OF 03`) in the file that the parser did
    not read as one, while a later section's banner was read: a line before
    it (a bare "CONFIDENTIAL" teletype page line) was taken for the banner.
    The section numbering then seems to start late; that follows from the
    misread, not from the drafter."""
    marks = [s for s in doc.sections if getattr(s, "kind", "banner") == "banner" and 0 < s.number <= s.total]
    if not marks:
        return None
    seen, total = {s.number for s in marks}, max(s.total for s in marks)
    for n in range(1, max(seen)):
        at = -1 if n in seen else section_line(doc.text, n, total)
        if at != -1:
            line = line_no(doc, at)
            return Damage(line_span(doc, line), f"line {line} holds section {n:02d} of {total:02d}, "
                          "not read as its banner")
    return None


def _next_text_line(raw: RawLines, n: int, max_gap: int) -> int | None:
    """The first non-blank line after line `n`, within `max_gap` blank lines."""
    for m in range(n + 1, min(len(raw), n + max_gap + 1) + 1):
        if raw[m - 1].strip():
            return m
    return None


_FRAGMENT_START = rx(r"[a-z]{2,}[ ,;]")
# A paragraph's opening whose number the garble spoiled ("¶Q.  (SBU)"): the
# paragraph is there, not lost with the text.
_OPENING = rx(r"(?m)^[ \t]*¶?[^\s(]{1,3}[.,)][ \t]+\([A-Z][A-Za-z/ ]{0,14}\)")
# The text before the gap breaks off mid-sentence: its last line ends in a
# lower-case word or a comma, not a full stop or a heading ("OUTLOOK ----").
_BROKEN_OFF = rx(r"[a-z,][ \t]*\r?\n\s*\Z")


def spliced(doc: Document, p: dict[str, Any]) -> Damage | None:
    """Text cut out of the body: after a gap in the numbering, the next marked
    paragraph opens mid-sentence (its first word after the mark is in lower
    case: "4. (SBU) the UK will ..."), after text that breaks off mid-sentence,
    so the export lost the text between (with the paragraphs numbered in the
    gap). After a finished sentence or a heading nothing shows a cut: the gap
    is a skipped number. Or the text before the gap holds a transmission's
    garble (`garble`: letters replaced by a run of Q, "MarchQQQ8'Ve's",
    "thQ"): the text lost with it held the missing numbers, unless a
    paragraph opening with a spoiled number follows the garble. The region
    runs from the paragraph before the gap to the one after it."""
    numbered = [q for q in doc.paragraphs if q.number is not None]
    garble = p.get("_garble")
    for prev, q in zip(numbered, numbered[1:]):
        if q.portion is None or prev.number is None or q.number is None or q.number <= prev.number + 1:
            continue
        at, was = line_no(doc, q.span.start), line_no(doc, prev.span.start)
        lost = f"paragraph {prev.number + 1}" if q.number == prev.number + 2 else \
            f"paragraphs {prev.number + 1}-{q.number - 1}"
        region = Span(prev.span.start, doc.source.line_span(at)[1])
        g = garble.search(doc.text, prev.span.start, q.span.start) if garble is not None else None
        if g is not None and not _OPENING.search(doc.text, g.end(), q.span.start):
            return Damage(line_span(doc, at), f"paragraph {q.number} on line {at} follows text garbled in "
                          f"transmission (line {line_no(doc, g.start())}) after paragraph {prev.number} on line "
                          f"{was}: the text between was lost ({lost})", region)
        rest = doc.text[q.portion.span.end:q.portion.span.end + 40].lstrip(" \t)")
        if not _FRAGMENT_START.match(rest):  # a lower-case word, not a name such as "www.site.net" or "eBay"
            continue
        if not _BROKEN_OFF.search(doc.text, prev.span.start, q.span.start):  # the text before the gap ends whole
            continue
        return Damage(line_span(doc, at), f"paragraph {q.number} on line {at} opens mid-sentence, in lower "
                      f"case, after paragraph {prev.number} on line {was}: the text between was cut ({lost})", region)
    return None


def dropped_chars(doc: Document, p: dict[str, Any]) -> Damage | None:
    """The export dropped characters throughout the file: at least `min_hits`
    of the fixed strings every cable header spells the same way (`fixed`:
    SECTION, E.O. 12958, SIPDIS, CONFIDENTIAL...) appear with one letter or
    digit missing ("ECTION", "E.O. 1295", "SIPDS") in the header (before the
    body, within the first `max_line` lines), a routing line its slash
    (`routing_glued`: "RUEHSGAMEMBASSY SANTIAGO") or the SUBJECT a letter
    of a body word (`subject_words`). One such slip can be the drafter's
    typo; two are the export's. The fields it garbled (an E.O. line read as
    missing) follow."""
    idx = index_of(doc)
    block = idx.through(min((idx.body_line or doc.source.line_count + 1) - 1, p.get("max_line", 60)))
    hits = _fixed_slips(block, p["_dropped"], idx)
    glued = p.get("_routing_glued")
    routing = [idx.line_of(m.start()) for m in glued.scan(block)] if glued is not None and glued.possible(block) else []
    if not hits and not routing:
        return None
    subject = _subject_slips(doc, p["subject_words"]) if "subject_words" in p else []
    if len(hits) + len(routing) + len(subject) < p.get("min_hits", 2):
        return None
    lines = sorted(set(hits.values()) | set(routing) | {line_no(doc, at) for at in subject})
    what = [f"{n} {noun}{'s' if n > 1 else ''}{tail}" for n, noun, tail in (
        (len(hits), "fixed header word", ""), (len(routing), "routing line", " (the slash after its indicator)"),
        (len(subject), "SUBJECT word", " the body spells whole")) if n]
    return Damage(line_span(doc, lines[0]), f"{', '.join(what[:-1])}{' and ' if len(what) > 1 else ''}{what[-1]} "
                  f"lack a character (line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines[:6]))})")


def _fixed_slips(block: str, dropped: "Dropped", idx: Any) -> dict[str, int]:
    """The fixed strings found with a character dropped in the header `block`, each with its first line."""
    up = block.upper()
    if not dropped.possible(up) or len(up) != len(block):  # (upper-casing moved the offsets: no line to point at)
        return {}
    hits: dict[str, int] = {}
    for at, variant in dropped.find(up):
        hits.setdefault(dropped.of[variant], idx.line_of(at))
    return hits


def _subject_slips(doc: Document, min_len: int) -> list[int]:
    """Where the SUBJECT holds a word that is a word of the body (at least
    `min_len` letters) with one inner letter dropped ("MAITENANCE" where the
    body writes "maintenance"), and that the body never writes so: the
    drafter's spelling stands in the body, the SUBJECT lost a letter. Counted
    only beside a fixed string's slip (one slip alone can be a typo)."""
    if doc.subject is None:
        return []
    words = {w.lower() for w in rx(r"[A-Za-z]{4,}").findall(doc.subject.value)}
    body = {w.lower() for w in rx(rf"[A-Za-z]{{{min_len},}}").findall(doc.text[doc.body_start or len(doc.text):])}
    found = {v[:i] + v[i + 1:] for v in body for i in range(1, len(v) - 1)
             if v[i] != v[i - 1] and v[:i] + v[i + 1:] in words and v[:i] + v[i + 1:] not in body}
    return [doc.subject.span.start] * len(found)


_NOT_ALNUM = bytes(c if chr(c).isalnum() else 32 for c in range(128)) + b" " * 128


class Dropped(FrozenRecord):
    r"""The fixed strings with a character dropped: `of` maps each variant to
    its string, `runs` holds the shortened letter-and-digit runs (a match
    needs one of them as a whole word, so a header without any skips the
    scan). `find` finds the variants as whole words, as the alternation
    `(?<![\w.])(?:v1|v2|...)(?![\w])` of them all, longest first, does
    (tests/test_integrity.py compares the two): that alternation of ~150
    strings took ~4.5 ms to compile in every process that met a header
    holding a shortened run (the engine cache aside), more than all its
    scans in a 2,000-cable run. `starts` (where a variant may start) and
    `word` are small rx() Deferreds, `by_head` the variants by their first
    `HEAD` characters, longest first. A plain frozen value, not a
    @dataclass (records.py says why)."""

    __slots__ = ("of", "runs", "by_head", "starts", "word")

    def __init__(self, of: dict[str, str], runs: frozenset[bytes], by_head: dict[str, tuple[str, ...]],
                 starts: Deferred, word: Deferred) -> None:
        set_field(self, "of", of)
        set_field(self, "runs", runs)
        set_field(self, "by_head", by_head)
        set_field(self, "starts", starts)
        set_field(self, "word", word)

    def possible(self, upper_text: str) -> bool:
        words = upper_text.encode("utf-8", "surrogatepass").translate(_NOT_ALNUM).split()
        return not self.runs.isdisjoint(words)

    def find(self, up: str) -> list[tuple[int, str]]:
        """Each variant in `up` with where it starts, left to right and not
        overlapping, as the alternation's `finditer` finds them: at each
        place whose character before is neither a word character nor a dot,
        the longest variant written there that no word character follows."""
        out: list[tuple[int, str]] = []
        end, by_head, word = 0, self.by_head, self.word.match
        for m in self.starts.finditer(up):
            at = m.start()
            if at < end:
                continue  # inside the last match: finditer goes on after it
            for v in by_head.get(up[at:at + HEAD], ()):
                if up.startswith(v, at) and word(up, at + len(v)) is None:
                    out.append((at, v))
                    end = at + len(v)
                    break
        return out


HEAD = 3  # every variant has 4 characters at least (`dropped`): found by its first 3


def dropped(fixed: list[str]) -> Dropped:
    """Each fixed string with one letter or digit left out of a run of four
    or more (the E of "E.O." or the Y of "BY" left out is no evidence, and
    "B" or "Y" alone is in every header), unless the variant is one of the
    fixed strings itself or shorter than 4."""
    of: dict[str, str] = {}
    runs: set[bytes] = set()
    known = sorted({f.upper() for f in fixed})
    for word in known:
        for run in rx(r"[^\W_]{4,}").finditer(word):
            for i in range(run.start(), run.end()):
                v = word[:i] + word[i + 1:]
                if v not in known and len(v) >= 4 and v not in of:
                    of[v] = word
                    runs.add((run.group(0)[:i - run.start()] + run.group(0)[i - run.start() + 1:]).encode())
    by_head: dict[str, list[str]] = {}
    for v in sorted(of, key=len, reverse=True):  # within one head the longest first, as the alternation tries
        by_head.setdefault(v[:HEAD], []).append(v)
    firsts = "".join(sorted({regex.escape(v[0]) for v in of}))
    return Dropped(of, frozenset(runs), {h: tuple(vs) for h, vs in by_head.items()},
                   rx(rf"(?<![\w.])[{firsts}]" if firsts else r"(?!)"), rx(r"\w"))
