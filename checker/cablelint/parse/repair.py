"""Stage 1, repair: the text as virtual lines, each repair of damaged text named.

Web exports of cables damage them in a handful of recurring ways. Each way
has a name (REPAIRS, in repair_names.py); the step that undoes it records a `Repair` with
its span in the Document, so `cablelint inspect` can show how the text was
read. Repairs that change where lines begin happen here, before the lines are
classified; the others are made by the recogniser that meets the damage
(lines.py, fields.py, banner.py, body.py) and recorded the same way.
"""
from __future__ import annotations

from typing import Callable

from ..document import Repair, Span
from ..source import Source
from ..vocabulary import Vocabulary, default_vocabulary
from .clby_runon import CLBY_REASON_HINT, clby_paragraph, split_note
from .lines import Line, PARA_RE
from .repair_names import REPAIRS  # noqa: F401  (re-exported: the table's old home)
from ..rx import rx

# How far into the file header fields may be run together (lines).
RUN_ON_LIMIT = 120
# Longer lines are not header lines: left whole, unless the header runs on into
# paragraph 1 within this many characters (an export that lost every line break).
RUN_ON_MAX_LEN = 2000

# Header fields that exports run together on one line: "NOFORN SIPDIS DEPT FOR
# NEA/MAG E.O. 12958: DECL: 12/21/2019 TAGS: PREL SUBJECT: ...". Each branch
# starts with a literal, so the scan skips most positions at once. may_hold_mark and
# line_may_hold_mark gate the scan by those literals: a new branch needs its literal
# there too, or lines holding it are never scanned (tests/parse/test_gates.py checks
# the gates on lines this pattern matches; add a line for a new branch there).
RUN_ON_MARK_RE = rx(
    r"E\.\s?O\.\s?\d{5}\b"
    r"|E(?<![A-Za-z]E)O\s\d{5}\s+DECL"
    r"|T(?<![A-Za-z]T)AGS\s*:|(?<=[A-Z/] )AGS:|S(?<![A-Za-z]S)UBJ(?:ECT)?\s*:|R(?<![A-Za-z]R)EFS?\s*:"
    r"|[Cc](?<![A-Za-z][Cc])(?i:LASSIFIED\s+BY\b)"
    r"|C(?<=[A-Z]{2}C)lassified\s+By\b"  # glued to the subject: "VISIT TO CAIROClassified By:"
    r"|T(?<=DECL\s?:?\s{0,3}\d{1,2}/\d{1,2}/\d{2,4}\s{1,3}T)AGS?(?=\s+[A-Z]{2,6}\b)"  # "DECL: 03/20/2019 TAG PTER"
    r"|D(?<![A-Za-z]D)(?i:ERIVED\s+FROM\s*:)"  # a derivative source run on after REF: "B. TRIPOLI 40 Derived from:"
    r"|1(?<=\s1)\s?\.\s?\((?:U|C|S|TS|SBU)(?:/[A-Z]{1,3})?\)"  # paragraph 1 glued to the header
    # a lone paragraph's mark run on after the REF's citation: "REF: STATE 96413 (U) On September 24, ..."
    r"|\((?<=(?<![A-Za-z])REFS?:[^\n()]{2,80}?\d[ \t]{1,3}\()(?:U|C|S|SBU)(?:/[A-Z]{1,3})?\)(?=[ \t]+[A-Z])"
)
# A lone paragraph's mark at the end of the Classified By line, after a complete
# reason list ("1.4 (b) and (d) (C)", "(d). (S)"): a level after a lower-case
# letter or a period, not a reason letter of its own. Or after "and" (group
# `conj`: "1.5 b and (C)"), when the list's letters are bare and lower-case and
# the mark is upper-case and in parentheses: case and style both change, so it
# is not the list's last letter (checked again in _clby_tail_mark); an (S) or
# (U) after "and" in any style, no reason letter having their names.
CLBY_TAIL_MARK_RE = rx(r"(?:\([a-h]\)|(?<![A-Za-z])[a-h]\.?|\.|"
                       r"(?P<conj>(?:\([A-Ha-h]\)|(?<![A-Za-z(])[A-Ha-h])\s+(?i:and)))"
                       r"\s+(?P<mark>\(\s*[CSU]\s*\))\s*$")
# A lone paragraph's mark ending the REF line, after its citation's number ("REF: STATE
# 1234 (U)"): as RUN_ON_MARK_RE's REF branch, with no parenthesis between (a lettered list's
# "(A) ... (B) ... (C)" / "A) ..." holds its own) and the line's end for the text after it.
REF_TAIL_MARK_RE = rx(r"[ \t]*REFS?:[^\n()]{2,80}?\d[ \t]{1,3}(?P<mark>\((?:U|C|S|SBU)(?:/[A-Z]{1,3})?\))[ \t]*$")
# A line opening with a list's letter ("B. STATE 5678", "(B) ..."): a REF item going on, no paragraph's text.
LETTERED_RE = rx(r"\s*(?:¶\s*)?\(?[A-Za-z][.)]\s")
NUMBERED_RE = rx(r"\s*(?:¶|\[)?\d{1,3}\.")
PARA_ONE_RE = rx(r"\s*(?:¶|\[)?1\.")
# A paragraph that opens with its own mark ("(S) The ...", "(C//NF) ..."): the
# marks CLBY_TAIL_MARK_RE takes, with a caveat after them.
OWN_MARK_RE = rx(r"\s*\(\s*[CSTU]\b[^()\n]{0,30}?\)")


def source_lines(source: Source) -> list[Line]:
    """The physical lines, line endings removed, with their offsets."""
    if "\r" in source.text:  # one "\r" off each line (Source.lines strips every one)
        parts = [t[:-1] if t.endswith("\r") else t for t in source.text.split("\n")]
    else:  # the source's own split, kept for the rules: the text is cut once
        parts = source.lines()
    return list(map(Line, parts, source.line_starts))


def _run_on_cuts(text: str, following: Callable[[], str] = str) -> list[int]:
    """Where a run-on header line holds the start of another field (`following()`:
    the next line with text, looked up only when needed)."""
    first = RUN_ON_MARK_RE.search(text)
    if first is None or not text[:first.start()].strip() and not _may_hold_more(text[first.end():]):
        return []  # no field, or one at the line's start and no other after it (a field line as it should be)
    cuts = []
    in_clby = False
    for m in RUN_ON_MARK_RE.finditer(text):
        is_clby = m.group(0)[:1] in "Cc"
        # Inside a Classified By statement only TAGS/SUBJECT or paragraph 1
        # start a new field: "Classified By: X, E.O. 12958, reasons 1.4 (b)" stays whole.
        ends_clby = m.group(0).upper().startswith(("TAGS", "SUBJ", "1"))
        if in_clby and (is_clby or not ends_clby) or (m.group(0)[:1] == "1" and not text[m.end():].strip()
                                                      and PARA_ONE_RE.match(following())):
            continue  # "REASON: 1.4(D) 1. (C)" and paragraph 1 again on the next line: a stray mark
        if text[:m.start()].strip():
            cuts.append(m.start())
        in_clby = is_clby or (in_clby and not ends_clby)
    return cuts


def _long_line_cuts(text: str) -> list[int]:
    """The cuts of a header run on into the body on one long line: those in its
    first RUN_ON_MAX_LEN characters up to paragraph 1; none without paragraph 1
    (a long line of prose is left whole)."""
    cuts = _run_on_cuts(text[:RUN_ON_MAX_LEN])
    para = next((k for k, c in enumerate(cuts) if PARA_ONE_RE.match(text, c) or text[c] == "("), None)
    return cuts[:para + 1] if para is not None else []


def _clby_tail_mark(text: str, cuts: list[int], following: Callable[[], str] = str) -> int | None:
    """Where a lone paragraph's mark ends the Classified By statement on this
    line (its last field), or None. The text after the line (`following()`,
    the next line with text) must be a lone paragraph that needs the mark: one
    numbered or opening with a mark of its own does not, and the "(C)" is then
    the statement's (a reason letter)."""
    last = text[cuts[-1]:] if cuts else text
    if "lassified" not in last[:12].lower() or not CLBY_REASON_HINT.search(last):
        return None
    m = CLBY_TAIL_MARK_RE.search(text)
    if m is None or cuts and m.start() <= cuts[-1]:
        return None
    nxt = following()
    if PARA_RE.match(nxt) or OWN_MARK_RE.match(nxt):
        return None
    if (m["conj"] and _LETTER_RE.fullmatch(m["mark"])  # (S), (U): no reason letter has their names
            and not _bare_lower_letters(text[cuts[-1] if cuts else 0:m.start("mark")])):
        return None
    return m.start("mark")


def _ref_tail_mark(text: str, cuts: list[int], following: Callable[[], str] = str) -> int | None:
    """Where a lone paragraph's mark ends the REF field on this line (its last
    field: REF_TAIL_MARK_RE), or None. As for the Classified By line
    (_clby_tail_mark), the text after it (`following()`) must need the mark:
    not numbered, not opening with a mark of its own, and no REF item going on."""
    last = cuts[-1] if cuts else 0
    m = REF_TAIL_MARK_RE.match(text, last)
    if m is None:
        return None
    nxt = following()
    if not nxt.strip() or PARA_RE.match(nxt) or OWN_MARK_RE.match(nxt) or LETTERED_RE.match(nxt):
        return None
    return m.start("mark")


_LETTER_RE = rx(r"(?<![A-Za-z])(?:\(\s*[A-Ha-h]\s*\)|[A-Ha-h](?![A-Za-z]))")


def _bare_lower_letters(statement: str) -> bool:
    """Whether every reason letter after the section number ("1.5 b and ")
    is bare and lower-case: then an upper-case "(C)" after "and" changes
    case and style, a portion mark rather than the list's last letter."""
    sec = CLBY_REASON_HINT.search(statement)
    letters = _LETTER_RE.findall(statement[sec.end():]) if sec else []
    return bool(letters) and all(len(t) == 1 and t.islower() for t in letters)


def _following(lines: list[Line], i: int) -> str:
    """The next line after line i that has text ('' at the end)."""
    return next((ln.text for ln in lines[i + 1:i + 4] if ln.text.strip()), "")


def _header_end(lines: list[Line]) -> int:
    """How many lines the header area may take: up to the first numbered
    paragraph, at most RUN_ON_LIMIT (a cheap first-character test before the regexes)."""
    for i, line in enumerate(lines[:RUN_ON_LIMIT]):
        c = line.text[:1]
        if c in " \t\u2028":  # indented: PARA_RE wants the number (or its ¶ or [) after the blanks
            c = line.text.lstrip(" \t\u2028")[:1]
        if c and (c.isdigit() or c in "¶[") and PARA_RE.match(line.text) and NUMBERED_RE.match(line.text):
            return i
    return min(len(lines), RUN_ON_LIMIT)


def may_hold_mark(text: str) -> bool:
    """Whether RUN_ON_MARK_RE can match in `text`: each of its branches holds
    one of these literals ("EO 12958 DECL" its EO, "DECL: 03/20/2019 TAG PTER"
    its TAG), and `in` tests cost a fraction of a regex scan (a non-ASCII line
    goes to the regex: case folding may spell a letter otherwise). An E.O.
    line's own DECL is no literal of another field after it."""
    if not text.isascii():
        return True
    if "O." in text or "EO" in text or "AGS" in text or "TAG" in text or "UBJ" in text or "EF" in text:
        return True
    low = text.lower()  # (the authority's words in any case: "lassified", "erived")
    return "(" in text and "1" in text or "lassified" in low or "erived" in low


def line_may_hold_mark(text: str) -> bool:
    """may_hold_mark for a whole line, sharper: a branch's literals all lie in
    the line (the REF before a mark its lookbehind needs too), so each branch
    asks for its own ("E." and "O.", EO or TAG with DECL, REF, TAGS, AGS:,
    SUBJ...), and DEFENSE, CHIEF or GEORGIA is no reason for a regex scan."""
    if not text.isascii():
        return True
    if "REF" in text or "TAGS" in text or "SUBJ" in text or "AGS:" in text or "E." in text and "O." in text:
        return True
    if "DECL" in text and ("EO" in text or "TAG" in text):
        return True
    low = text.lower()
    return "(" in text and "1" in text or "lassified" in low or "erived" in low


def _may_hold_more(rest: str) -> bool:
    """Whether RUN_ON_MARK_RE can match again in `rest`, the line after its first
    match: as may_hold_mark, and a "(U)" after a DECL (the mark run on after a REF
    matches with its REF behind it, in the first match; a rest holding DECL has
    always been looked at)."""
    return may_hold_mark(rest) or "DECL" in rest and "(" in rest


def run_on_detail(lines: list[Line], i: int, cuts: list[int], end: int, source: Source | None) -> str:
    """The run-on-header note: how many fields the line at `i` held (`cuts`,
    up to `end`), a field written again word for word (as on an earlier line:
    the header copies an export glued on one line, 09LONDON2183's REF)."""
    text = lines[i].text
    parts = [f"{len(cuts) + 1} fields on one line"]
    for a, b in zip([0] + cuts, cuts + [end]):
        piece = " ".join(text[a:b].split())  # blanks aside: an export pads or joins them
        same = next((ln for ln in reversed(lines[:i]) if " ".join(ln.text.split()) == piece), None) \
            if ":" in piece else None
        if same is not None:
            at = f"line {source.line_col(same.start)[0]}" if source is not None else "an earlier line"
            parts.append(f"{piece.split(':')[0].strip()} written again (as on {at})")
    return "; ".join(parts)


def split_run_on_header(lines: list[Line], repairs: list[Repair], source: Source | None = None,
                        vocab: Vocabulary | None = None) -> list[Line]:
    """Split header lines that hold several fields into one virtual line per
    field (offsets stay exact), so each field is seen at a line start; a
    paragraph run on after the Classified By's reasons starts a line too
    (clby_runon; `vocab` tells its mark).

    Only the header area is split: it ends at the first numbered paragraph.
    (`source`: the line numbers of a field written again, in the note.)
    """
    v = vocab or default_vocabulary()
    stop = _header_end(lines)
    out: list[Line] = []
    mark_open = False  # a lone paragraph's mark was just cut off: the blank lines up to its text go
    for i in range(stop):
        line = lines[i]
        text_i = line.text
        if mark_open and not text_i.strip():
            continue
        mark_open = False
        long = len(text_i) > RUN_ON_MAX_LEN
        if not line_may_hold_mark(text_i[:RUN_ON_MAX_LEN] if long else text_i):
            out.append(line)
            continue
        cuts = _long_line_cuts(text_i) if long else _run_on_cuts(text_i, lambda: _following(lines, i))
        para = clby_paragraph(text_i, cuts, v) if "lassified" in text_i[:RUN_ON_MAX_LEN].lower() else None
        if para is not None:  # the paragraph's text is no header: no field starts in it
            cuts = [c for c in cuts if c < para] + [para]
            repairs.append(split_note(text_i, para, line.start))
        tail, after = None, "reasons"
        if not long and text_i.rstrip().endswith(")"):
            tail = _clby_tail_mark(text_i, cuts, lambda: _following(lines, i))
            if tail is None and "REF" in text_i:
                tail, after = _ref_tail_mark(text_i, cuts, lambda: _following(lines, i)), "ref"
        fields = [c for c in cuts if c != para]
        if fields:
            end = para if para is not None else len(text_i)
            repairs.append(Repair("run-on-header", Span(line.start + fields[0], line.start + (tail or end)),
                                  run_on_detail(lines, i, fields, end, source)))
        if not cuts and tail is None:
            out.append(line)
            continue
        if tail is not None:
            cuts.append(tail)
            mark_open = True
            where = "Classified By" if after == "reasons" else "REF"
            repairs.append(Repair(f"mark-after-{after}", Span(line.start + tail, line.start + len(text_i.rstrip())),
                                  f"read as the mark of the text after the {where} line"))
        prev = 0
        for c in cuts + [len(text_i)]:
            if c > prev:
                out.append(Line(text_i[prev:c], line.start + prev))
            prev = c
    out.extend(lines[stop:])
    return out


# A copy whose every line break was doubled ("text\n\n" per line): most lines with text are
# followed by an empty line, and nine in ten are short (wrapped teletype lines; a copy whose
# paragraphs are one long line each, blank lines between, is not doubled).
DOUBLED_MIN_LINES = 20
DOUBLED_SHARE = 0.8
DOUBLED_MAX_LENGTH = 80


def _doubled(lines: list[Line]) -> bool:
    """Whether the export doubled every line break (see DOUBLED_SHARE)."""
    if sum(1 for ln in lines if not ln.text) * 3 < len(lines):
        return False  # a cheap first test: a doubled copy is about half empty lines
    content = [k for k in range(len(lines) - 1) if lines[k].text.strip()]
    if len(content) < DOUBLED_MIN_LINES:
        return False
    followed = sum(1 for k in content if not lines[k + 1].text)
    lengths = sorted(len(lines[k].text) for k in content)
    return followed >= DOUBLED_SHARE * len(content) and lengths[len(lengths) * 9 // 10] <= DOUBLED_MAX_LENGTH


def undouble(lines: list[Line], repairs: list[Repair]) -> list[Line]:
    """A copy with doubled line breaks read with single ones: of each run of k
    empty lines, k // 2 stay (a blank line of the cable was doubled too); a
    line holding only blanks stays. Records the repair once."""
    if not _doubled(lines):
        return lines
    out: list[Line] = []
    run: list[Line] = []
    for ln in lines + [Line("x", -1)]:
        if not ln.text:
            run.append(ln)
            continue
        out.extend(run[:len(run) // 2])
        run = []
        if ln.start >= 0:
            out.append(ln)
    first = _doubling_start(lines)
    end = lines[-1].start + len(lines[-1].text)
    where = "every line break" if not any(ln.text.strip() for ln in lines[:first]) else f"from line {first + 1} on, line breaks"
    repairs.append(Repair("doubled-line-breaks", Span(lines[first].start, end), f"{where} written twice: read as one"))
    return out


def _doubling_start(lines: list[Line]) -> int:
    """The index of the line where the doubled breaks start: from the last of
    two lines with text that follow each other directly on, the first line with
    text followed by an empty line (an export may double the body's breaks
    only, its header single-spaced)."""
    last = 0
    for k in range(len(lines) - 1):
        if lines[k + 1].text.strip() and lines[k].text.strip():
            last = k + 1
    return next((k for k in range(last, len(lines) - 1) if lines[k].text.strip() and not lines[k + 1].text), 0)


def virtual_lines(source: Source, repairs: list[Repair], vocab: Vocabulary | None = None) -> list[Line]:
    """Stage 1: the lines the other stages read, repairs that split lines made."""
    return split_run_on_header(undouble(source_lines(source), repairs), repairs, source, vocab)
