"""Cable parser: raw text in, a Document with exact spans out.

It reads cables as they come out of real archives: spaced banners, the ¶
anchor and its damage (the pilcrow read as a 1, so paragraphs 1-9 read
11-19), markdown link debris (`[PREL](#)`, `[11.](#)`), fields wrapped
mid-word, trailing backslashes, CRLF, and CAPCO/CUI-style documents whose
banner is `SECRET//NOFORN` and whose portions start with `(S//NF)`.

One pass over the lines; every regex is anchored or bounded, so parsing is
linear in the size of the text.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import regex

from .rx import rx
from .document import (
    CableDate, ClassifiedBy, DeclValue, Document, EOLine, Marking, Paragraph,
    RoutingHeader, SectionMark, Span, Token,
)
from .source import Source
from .vocabulary import Vocabulary, default_vocabulary, marking_separators

MONTHS = {m: i for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)}
MONTH_NAMES = {
    "JANUARY": 1, "FEBRUARY": 2, "MARCH": 3, "APRIL": 4, "MAY": 5, "JUNE": 6, "JULY": 7,
    "AUGUST": 8, "SEPTEMBER": 9, "OCTOBER": 10, "NOVEMBER": 11, "DECEMBER": 12,
}

# Markdown link debris around a token: [PREL](#)
DEBRIS = r"(?:\]\(#\))?"
# A date-time group, `261454Z MAY 09`: read by `dtg_date` wherever it is found.
DTG = r"(?P<dtg>(?P<day>\d{2})(?P<hm>\d{4})Z\s+(?P<mon>[A-Z]{3})\s+(?P<yr>\d{2}))"
PRECEDENCE = r"(?:[ZOPR]{1,2}\s+){1,2}"
DTG_RE = regex.compile(rf"^\s*(?P<prec>{PRECEDENCE})?{DTG}\b")
# A date-time group on a line of its own away from the header (a second copy).
DTG_LINE_RE = regex.compile(rf"(?m)^[ \t]*{PRECEDENCE}{DTG}\s*$")
EO_RE = regex.compile(
    r"^[\s\[]*(?:E\s*\.?\s*O\s*\.?|EO|MO\.)\s*(?P<order>\d{5})\b\s*(?:\((?:AS AMENDED)?\))?\s*[:;.,]?\s*(?P<rest>.*)$",
    regex.IGNORECASE,
)
TAGS_RE = regex.compile(r"^\s*\[?(?:TAGS?|Tags?|AGS(?=:))\]?" + DEBRIS + r"(?:\s*:\s*|\s+)(?P<rest>.*)$")  # AGS: first letter lost
META_DATE_RE = regex.compile(
    r"(?<![\d-])(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)[T ]\d{2}:\d{2}")
SUBJ_RE = regex.compile(r"^\s*\[?S?UBJ(?:ECT)?\]?" + DEBRIS + r"\s*:\s*(?P<rest>.*)$", regex.IGNORECASE)  # UBJECT: too
REF_RE = regex.compile(r"^\s*REFS?(?:\s*\(S\))?(?:\s*:\s*|\s+)(?P<rest>.*)$")
CLBY_RE = regex.compile(r"(?<![A-Za-z])classified\s+by\b(?!\s+line)\s*:?", regex.IGNORECASE)  # not DECLASSIFIED BY
SECTION_RE = regex.compile(r"\bSECTION\s+(?P<n>\d{1,3})\s+OF\s+(?P<m>\d{1,3})\b", regex.IGNORECASE)
# The post ends on a non-blank, so it cannot share a blank run with the `\s+`
# after it (a page header with 45,000 blanks in its post took 40 s, quadratic).
PAGE_RE = regex.compile(
    r"^\s*[A-Z](?:[A-Z .'-]*?[A-Z.'-])?\s+0*\d{1,8}\s+(?P<n>\d{3})(?:\.\d+)?\s+OF\s+(?P<m>\d{3})\s*\\?\s*$"
)
# Archive notes that the file holds only part of the cable.
PARTIAL_RE = regex.compile(r"(?i)partial extract|full text of the original cable is not available")
# The same page mark run into paragraph text by an export that lost line breaks.
PAGE_INLINE_RE = regex.compile(
    r"(?<![A-Za-z])[A-Z][A-Z .'-]{0,30}?\s+0{2,}\d{2,}\s+(?P<n>\d{3})(?:\.\d+)?\s+OF\s+(?P<m>\d{3})(?!\d)"
)
# A numbered paragraph: 1. / ¶1. / [11.](#) / 1.(C) / 12 (C). Never "8)": cables
# number paragraphs with a dot; "8) Burma", "1) (C/NF) HOW..." are list items.
PARA_RE = regex.compile(
    r"^[ \t]{0,8}(?:¶\s*)?(?:\[)?(?P<num>\d{1,3})(?P<dot>\.|(?=\s*\())\]?(?:\(#\))?[ \t]*"
)
PORTION_RE = regex.compile(r"\(\s*(?P<mark>(?://)?[A-Za-z][^()\n]{0,58}?)\s*\)")  # (//GBR S): non-US
# Fields that make a document without a telegram header an IC/ISOO- or CUI-marked one.
MARKED_FIELDS = ("Derived From", "Declassify On", "Controlled By", "CUI Category")
# A bullet or lettered sub-paragraph: in a CAPCO/CUI document each is a portion.
# An enumerator (`a.`, `(a)`, `(1)`) only counts after a blank line or another
# bullet: inside wrapped prose a line may well begin with "(a) ".
BULLET_RE = regex.compile(r"^[ \t]*(?:(?P<dash>[-*•·▪])|[a-z]\.|\([a-z0-9]{1,2}\))[ \t]+")
# The date line of a memorandum-style (CAPCO/CUI) document.
DATE_LINE_RE = regex.compile(r"(?im)^[ \t]*(?:Date|Dated)[ \t]*:[ \t]*(?P<v>\S.*?)[ \t]*$")
# Numeric dates by the format they are written in. A DECL value is searched for
# the first of DECL_DATE_FORMATS; a memorandum `Date:` line may start with one
# of MEMO_DATE_FORMATS (after the spelled-out forms).
DATE_FORMATS = {
    "yyyy/mm/dd": regex.compile(r"(?<!\d)(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?!\d)"),
    "mm/dd/yyyy": regex.compile(r"(?<!\d)(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})(?!\d)"),
    "m/d/yy": regex.compile(r"(?<!\d)(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2})(?!\d)"),
    "yyyymmdd": regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)"),
    "mm-dd-yyyy": regex.compile(r"(?<!\d)(?P<m>\d{1,2})[.-](?P<d>\d{1,2})[.-](?P<y>\d{4})(?!\d)"),
    "yyyy-mm-dd": regex.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
}
DECL_DATE_FORMATS = ("yyyy/mm/dd", "mm/dd/yyyy", "m/d/yy", "yyyymmdd", "mm-dd-yyyy")
MEMO_DATE_FORMATS = ("yyyy-mm-dd", "yyyymmdd", "mm/dd/yyyy")


# Two-digit years (a DTG's `MAY 09`, a DECL's `12/21/19`): from the pivot up they
# are 19xx, below it 20xx. Telegrams date from the 1970s on, so no cable needs
# a year before 1940 or after 2039.
TWO_DIGIT_YEAR_PIVOT = 40


def two_digit_year(yy: int) -> int:
    return 1900 + yy if yy >= TWO_DIGIT_YEAR_PIVOT else 2000 + yy


def dtg_date(m: regex.Match) -> dt.date | None:
    """The day a date-time group match (the DTG pattern's groups) names,
    `261454Z MAY 09` -> 2009-05-26; None for a month or day that does not exist."""
    month = MONTHS.get(m["mon"])
    if month is None:
        return None
    try:
        return dt.date(two_digit_year(int(m["yr"])), month, int(m["day"]))
    except ValueError:
        return None


def _numeric_date(m: regex.Match, fmt: str) -> dt.date:
    """The date a DATE_FORMATS match spells; ValueError for one that does not exist."""
    y = int(m["y"])
    return dt.date(two_digit_year(y) if fmt == "m/d/yy" else y, int(m["m"]), int(m["d"]))


def parse_date_value(text: str, offset: int) -> tuple[dt.date | None, str, Span | None, bool]:
    """Find the first date in `text`: (date, format, span, invalid)."""
    best = None
    for fmt in DECL_DATE_FORMATS:
        m = DATE_FORMATS[fmt].search(text)
        if m and (best is None or m.start() < best[0].start()):
            best = (m, fmt)
    if not best:
        return None, "", None, False
    m, fmt = best
    span = Span(offset + m.start(), offset + m.end())
    try:
        return _numeric_date(m, fmt), fmt, span, False
    except ValueError:
        return None, fmt, span, True


def memo_date(text: str) -> dt.date | None:
    """The date of a `Date:` line: 15 March 2023, March 15, 2023, 2023-03-15, 20230315, 03/15/2023."""
    t = text.strip()
    m = rx(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})\b").match(t) or rx(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b").match(t)
    try:
        if m:
            a, b, y = m.groups()
            day, mon = (a, b) if a.isdigit() else (b, a)
            month = MONTH_NAMES.get(mon.upper()) or MONTHS.get(mon.upper()[:3])
            return dt.date(int(y), month, int(day)) if month else None
        for fmt in MEMO_DATE_FORMATS:
            m = DATE_FORMATS[fmt].match(t)
            if m:
                return _numeric_date(m, fmt)
    except ValueError:
        return None
    return None


def _exemption_value(raw: str) -> str:
    """Canonical exemption code: `1.6 X5` -> X5, `XGDS-2` -> XGDS2, `50X1-HUM` kept."""
    v = rx(r"\s+").sub("", raw.upper()).replace("1.6", "")
    if not rx(r"\d\dX").match(v):
        v = v.replace("-", "")
    return v


def parse_decl(rest: str, offset: int, vocabulary: Vocabulary | None = None) -> DeclValue:
    """Parse what follows the E.O. number (or a Declassify On value); the
    exemption codes it may carry are the vocabulary's."""
    raw = rest.rstrip().rstrip("\\").rstrip()
    span = Span(offset, offset + len(raw))
    up = raw.upper()
    if not raw.strip():
        return DeclValue("missing", raw, span)
    if rx(r"^\s*N\s*/?\s*A\b").match(up):
        return DeclValue("na", raw, span)
    dm = rx(r"^\s*(?:DECL(?:ASSIFY(?:\s+ON)?)?|DNG)\s*:?\s*(?:CO\s+)?").match(up)
    body_at = dm.end() if dm else 0
    body = raw[body_at:]
    boff = offset + body_at
    if "DECLASSIFIED" in up:  # restamped at declassification: "DECLASSIFIED BY NARA 09/02/2009"
        return DeclValue("declassified", raw, span)
    if rx(r"\s*(?:OADR|ORIGINATING AGENCY)").match(body.upper()):
        return DeclValue("oadr", raw, span)
    if rx(r"\s*N\s*/\s*A\b").match(body.upper()):
        return DeclValue("na", raw, span)
    ex = [Token(_exemption_value(m.group(0)), Span(boff + m.start(), boff + m.end()), m.group(0))
          for m in (vocabulary or default_vocabulary()).exemption_re.finditer(body)]
    date, fmt, dspan, invalid = parse_date_value(body, boff)
    if date or invalid:
        return DeclValue("date", raw, span, date=date, date_format=fmt, exemptions=ex, invalid_date=invalid)
    if ex:
        return DeclValue("exemption", raw, span, exemptions=ex)
    return DeclValue("event", raw, span)



_POST_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ .'-")


def _post_serial(rest: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Spans of the post and the serial that end a banner line ("PARIS 000579"):
    the serial found from its capital letter before it, the post walked back
    over capitals, spaces, dots, apostrophes and hyphens. The one regex
    `[A-Z][A-Z .'-]*?[A-Z]\\s+\\d{2,}...$` this replaces was quadratic on a long
    run of capitals (a letter-spaced banner then 5,000 letters took 4 s)."""
    m = rx(r"[A-Z]\s+(?P<serial>\d{2,})\s*\\?\s*$").search(rest)
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


class Parser:
    def __init__(self, vocabulary: Vocabulary | None = None) -> None:
        self.vocab = vocabulary or default_vocabulary()

    def parse(self, source: Source, date: dt.date | None = None) -> Document:
        doc = Document(source=source)
        lines, starts = split_run_on_header(source.lines(), source.line_starts)
        n = len(lines)
        v = self.vocab

        # -- routing header and banner ---------------------------------
        banner_idx = None
        header_end = 0
        for i in range(min(n, 120)):
            line = lines[i]
            if not line.strip():
                continue
            if EO_RE.match(line) or TAGS_RE.match(line) or SUBJ_RE.match(line):
                break  # the cable's own fields: no banner above them (it was lost in the export)
            if self._header_line(doc, line, starts[i], i):
                header_end = i + 1
                continue
            got = v.parse_banner(self._strip_prefix(line), starts[i] + (len(line) - len(self._strip_prefix(line))))
            if got and self._looks_like_banner(got[0], got[1]):
                banner_idx = i
                self._finish_banner(doc, got, starts[i])
                break
        if banner_idx is None:
            banner_idx = self._banner_anywhere(doc, lines, starts)
        if doc.header:
            hs = doc.header.span
            doc.header.span = Span(hs.start, starts[header_end - 1] + len(lines[header_end - 1]) if header_end else hs.end)
        self._footer(doc, lines, starts)  # before the body: a bottom banner tells an IC-style document

        # -- header fields up to the first paragraph ---------------------
        i = (banner_idx + 1) if banner_idx is not None else header_end
        body_idx = None
        in_captions = True
        while i < n:
            line = lines[i]
            off = starts[i]
            s = line.strip()
            if not s:
                i += 1
                continue
            if self._para_start(line) is not None or (doc.eo or doc.tags_line or doc.subject) and \
                    self._portion_start(line, off):
                body_idx = i
                break
            if in_captions and banner_idx is not None and not v.field_re.match(line) and \
                    self._caption_line(doc, line, off):  # "Dissemination: NOFORN" is a field, not a caption
                i += 1
                continue
            if PAGE_RE.match(line):
                self._page_mark(doc, line, off)
                i += 1
                continue
            m = EO_RE.match(line)
            if m and doc.eo is None:
                in_captions = False
                rest_at = m.start("rest")
                doc.eo = EOLine(Span(off + len(line) - len(line.lstrip()), off + len(line.rstrip())),
                                Token(m["order"], Span(off + m.start("order"), off + m.end("order"))),
                                parse_decl(m["rest"], off + rest_at, v))
                # A CLASSIFIED BY run into the same line is still ours.
                self._scan_classified_by(doc, lines, starts, i, line, off)
                i += 1
                continue
            m = TAGS_RE.match(line)
            if m and doc.tags_line is None:
                in_captions = False
                self._tags(doc, line, off, m.start("rest"))
                i += 1
                continue
            m = SUBJ_RE.match(line)
            if m and doc.subject is None:
                in_captions = False
                i = self._subject(doc, lines, starts, i, m)
                continue
            if CLBY_RE.search(line) and doc.classified_by is None:
                in_captions = False
                i = self._scan_classified_by(doc, lines, starts, i, line, off)
                continue
            m = REF_RE.match(line)
            if m and (doc.eo or doc.tags_line or doc.subject):
                in_captions = False
                rest, at = m["rest"], m.start("rest")
                doc.refs.append(Token(rest.strip(), Span(off + at, off + at + len(rest.rstrip()))))
                i += 1
                continue
            fm = v.field_re.match(line)
            if fm:
                self._field(doc, fm, off)
                i += 1
                continue
            pm = self._portion_start(line, off)
            if pm and (doc.banner or doc.fields or not doc.header or "//" in pm.raw or self._has_categories(pm.level)):
                body_idx = i
                break
            if self._marked(doc) and (BULLET_RE.match(line) or not self._shortish_header(s)):
                # An IC/CUI-marked document: its first bullet or prose line starts the body.
                body_idx = i
                break
            if doc.subject and (doc.eo or doc.tags_line) and not self._shortish_header(s):
                # Unnumbered body text after the header (a lone paragraph).
                body_idx = i
                break
            i += 1
            if i - (banner_idx or 0) > 80 and doc.banner is None:
                break
        if body_idx is None:
            body_idx = i if i < n else n
        doc.body_start = starts[body_idx] if body_idx < n else len(source.text)
        doc.partial = bool(PARTIAL_RE.search(source.text, 0, min(len(source.text), doc.body_start + 400)))

        # -- body ------------------------------------------------------
        self._body(doc, lines, starts, body_idx)
        self._placeholders(doc)
        self._separators(doc)
        doc.shape = self._shape(doc)
        self._date(doc, date)
        return doc

    # ------------------------------------------------------------------
    @staticmethod
    def _strip_prefix(line: str) -> str:
        """Drop export debris before a banner (`Telegram`, metadata columns)."""
        m = rx(r"^\s*(?:Telegram(?:Restricted by caption\.)?\s*)").match(line)
        return line[m.end():] if m else line

    def _banner_anywhere(self, doc: Document, lines: list[str], starts: list[int]) -> int | None:
        """Fallback for damaged exports: a banner run into other text.

        `Cable dated:...C O N F I D E N T I A L CAIRO 008938`, a banner after a
        tab or a CSV quote, `SS E C R E T`, `O N F I D E N T I A L` (first
        letter lost), `CLASSIFICATION: SECRET`. Only forms that cannot be
        prose are accepted: letter-spaced levels, or a level followed by a
        post and serial number.
        """
        v = self.vocab
        for i in range(min(len(lines), 80)):
            line = lines[i]
            m = v.banner_anywhere_re.search(line)
            if not m:
                continue
            raw = m["level"]
            level = v.level_from_damaged_text(raw)
            if level is None:
                continue
            off = starts[i]
            lt = Token(level, Span(off + m.start("level"), off + m.end("level")), raw)
            mk = Marking(raw=raw, span=lt.span, level=level, level_token=lt, spaced=" " in raw.strip())
            self._finish_banner(doc, (mk, line[m.end("level"):], off + m.end("level")), off)
            doc.notes.append(f"banner found inside line {i + 1} (damaged export)")
            return i
        return None

    def _looks_like_banner(self, mk: Marking, rest: str) -> bool:
        if mk.form == "capco" or mk.spaced:
            return True
        r = rest.strip()
        if not r:
            return True
        # LEVEL [caveats] [SECTION n OF m] POST SERIAL, or LEVEL followed by a control.
        if SECTION_RE.search(r) or rx(r"\b\d{2,}\s*\\?\s*$").search(r) or rx(r"SECTION\s+\d").match(r):
            return True  # (a damaged "SECTION 01 GF 02" still marks a banner)
        first = rx(r"[A-Z/]+").match(r)
        return bool(first and (first.group(0) in self.vocab.caption_words or
                               first.group(0) in self.vocab.banner_control))

    def _finish_banner(self, doc: Document, got: tuple[Marking, str, int], line_off: int) -> None:
        mk, rest, roff = got
        sec = SECTION_RE.search(rest)
        if sec:
            doc.sections.append(SectionMark(int(sec["n"]), int(sec["m"]),
                                            Span(roff + sec.start(), roff + sec.end())))
        self.vocab.scan_controls(rest, roff, mk)
        if mk.level_token is not None and len(mk.level_token.raw.split()) > 1:
            # SENSITIVE BUT UNCLASSIFIED is the UNCLASSIFIED level plus SBU.
            lt = mk.level_token
            self.vocab.scan_controls(lt.raw, lt.span.start, mk)
        found = _post_serial(rest)
        if found:
            (ps, pe), (ss, se) = found
            post = SECTION_RE.sub("", rest[ps:pe]).strip()
            for c in mk.controls:
                post = post.replace(c.raw, "").strip()
            if post:
                doc.post = Token(post, Span(roff + ps, roff + pe))
            doc.serial = Token(rest[ss:se], Span(roff + ss, roff + se))
        end = roff + len(rest.rstrip())
        mk.span = Span(mk.span.start, max(end, mk.span.end))
        doc.banner = mk
        doc.banners.append(mk)

    def _header_line(self, doc: Document, line: str, off: int, idx: int) -> bool:
        s = line.strip()
        h = doc.header
        m = DTG_RE.match(line)
        if m and doc.banner is None:
            h = doc.header = h or RoutingHeader(Span(off, off + len(line)))
            if h.dtg is None:
                h.dtg = Token(m["dtg"], Span(off + m.start("dtg"), off + m.end("dtg")))
                h.dtg_date = dtg_date(m)
                if m["prec"]:
                    h.precedence = Token(m["prec"].strip(), Span(off + m.start("prec"), off + m.end("prec")))
            return True
        sm = rx(r"^\s*(?P<sec>ZN[YR]\s+[A-Z]{5})\b").match(line)
        if sm:
            h = doc.header = h or RoutingHeader(Span(off, off + len(line)))
            h.security = Token(" ".join(sm["sec"].split()), Span(off + sm.start("sec"), off + sm.end("sec")))
            return True
        if rx(r"^(?:VZCZC|DE R[A-Z]{3}|[OPRZ]{2}\s+R[A-Z]{4}|NNNN|BT\s*$|#\d+)").match(s):
            doc.header = h or RoutingHeader(Span(off, off + len(line)))
            return True
        fm = rx(r"^(FM|TO|INFO)\s+(.*)$").match(s)
        if fm:
            doc.header = h = h or RoutingHeader(Span(off, off + len(line)))
            if fm[1] == "FM" and h.from_ is None:
                h.from_ = Token(fm[2], Span(off + line.index(fm[2]), off + line.index(fm[2]) + len(fm[2])))
            return True
        if doc.header and not rx(r"^\s*(?:[A-Z]\s){3,}").match(line) and \
                rx(r"^[A-Z0-9/ .,&()'-]+$").match(s) and not self.vocab.banner_re.match(line):
            return True  # continuation of an address list
        return False

    def _caption_line(self, doc: Document, line: str, off: int) -> bool:
        words = rx(r"[A-Za-z/]+").findall(line.replace("//", " "))
        if not words:
            return False
        joined = " ".join(w.upper() for w in words)
        if joined in self.vocab.caption_words or all(w.upper() in self.vocab.caption_parts for w in words):
            assert doc.banner is not None
            probe = Marking(raw="", span=Span(off, off))
            self.vocab.scan_controls(line, off, probe)
            for c in probe.controls:
                doc.captions.append(c)
            return True
        # Captions run together with a passing line: "NOFORN SIPDIS DEPT FOR NEA/MAG".
        lead = self.vocab.caption_lead_re.match(line)
        if lead:
            probe = Marking(raw="", span=Span(off, off))
            self.vocab.scan_controls(line[:lead.end()], off, probe)
            doc.captions.extend(probe.controls)
        return False

    def _page_mark(self, doc: Document, line: str, off: int) -> None:
        m = PAGE_RE.match(line)
        assert m
        doc.sections.append(SectionMark(int(m["n"]), int(m["m"]), Span(off + m.start("n"), off + m.end("m")), "page"))

    @staticmethod
    def _shortish_header(s: str) -> bool:
        """Header-area lines that are not body text: passing and address lines."""
        return len(s) < 70 and not s.endswith((".", ":")) or bool(
            rx(r"^(?:DEPT|DEPARTMENT|STATE|PASS|FOR|USDOC|NSC|DOE|TREASURY|USAID|AIDAC|\w+ FOR\b)").match(s))

    def _tags(self, doc: Document, line: str, off: int, at: int) -> None:
        rest = line[at:]
        doc.tags_line = Token(rest.strip(), Span(off + at, off + at + len(rest.rstrip())), line.strip())
        person_open = False
        prev_end = 0
        for m in rx(r"\[?(?P<t>[A-Za-z0-9][A-Za-z0-9-]*(?:\s*\([^)]*\))?)\]?(?:\(#\))?").finditer(rest):
            t = m["t"]
            if person_open and "(" not in t and not rx(r"[,;]").search(rest, prev_end, m.start()):
                break  # "OVIP STEINBERG JAMES": the rest of the line is the person's name
            person_open = t.upper() in self.vocab.person_tag_words
            prev_end = m.end()
            if "(" in t:  # person tag: OVIP (RICE, CONDOLEEZZA) -- the TAG is the word before it
                word = t.split("(")[0].strip()
                if word:
                    doc.tags.append(Token(word, Span(off + at + m.start("t"), off + at + m.start("t") + len(word)), word))
                continue
            doc.tags.append(Token(t, Span(off + at + m.start("t"), off + at + m.end("t")), t))

    def _subject(self, doc: Document, lines: list[str], starts: list[int], i: int, m: regex.Match) -> int:
        off = starts[i]
        rest = m["rest"]
        at = m.start("rest")
        # REF: run into the subject line is a separate field.
        refm = rx(r"\s+REFS?\s*:?\s+(?=[A-Z(])").search(rest)
        text = rest[:refm.start()] if refm else rest
        end = off + at + len(text.rstrip())
        pm = rx(r"\s*\(\s*([A-Za-z][^()]{0,30}?)\s*\)").match(text)
        if pm:
            mk = self.vocab.parse_portion(pm.group(1), off + at + pm.start(1))
            if mk:
                doc.subject_portion = mk
        if refm:
            r = rest[refm.end():]
            doc.refs.append(Token(r.strip(), Span(off + at + refm.end(), off + at + refm.end() + len(r.rstrip()))))
        j = i + 1
        # Wrapped subject: following non-blank lines that are not another field.
        while j < len(lines) and j < i + 3 and lines[j].strip() and not refm:
            nxt = lines[j]
            if (REF_RE.match(nxt) or CLBY_RE.search(nxt) or self._para_start(nxt) is not None or
                    self.vocab.field_re.match(nxt) or TAGS_RE.match(nxt) or EO_RE.match(nxt)):
                break
            text += " " + nxt.strip()
            end = starts[j] + len(nxt.rstrip())
            j += 1
        doc.subject = Token(" ".join(text.split()), Span(off + at, end), text)
        return j

    def _scan_classified_by(self, doc: Document, lines: list[str], starts: list[int], i: int,
                            line: str, off: int) -> int:
        m = CLBY_RE.search(line)
        if not m or doc.classified_by is not None:
            return i + 1
        # Join the block: this line and continuation lines until the reason
        # letters are found (wrapped fields such as "FOR REAS" / "ONS 1.4 B/D").
        pieces: list[tuple[str, int]] = [(line[m.end():], off + m.end())]
        j = i + 1
        reason_found = bool(find_reasons(pieces[0][0]))
        while j < len(lines) and j <= i + 4:
            nxt = lines[j]
            if not nxt.strip():
                if reason_found:
                    break
                j += 1
                continue
            fm = self.vocab.field_re.match(nxt)
            if fm and self._field_name(fm) != "Reason":
                break  # the next line of an authority block: Derived From, Declassify On
            if fm:
                self._field(doc, fm, starts[j])
            split_number = bool(rx(r"\b1\.\s*$").search(pieces[-1][0])) and not reason_found
            if not split_number and (self._para_start(nxt) is not None or self._portion_start(nxt, starts[j]) or
                                     TAGS_RE.match(nxt) or SUBJ_RE.match(nxt) or EO_RE.match(nxt)):
                break
            if reason_found and not rx(r"\s*REASONS?\b", regex.IGNORECASE).match(nxt):
                break
            pieces.append((nxt, starts[j]))
            if find_reasons(" ".join(p for p, _ in pieces)):
                reason_found = True
            j += 1
        last_text, last_off = pieces[-1]
        cb = ClassifiedBy(Span(off + m.start(), last_off + len(last_text.rstrip())))
        # Offsets: build the joined string with a map back to the original.
        joined, offmap = join_pieces(pieces)
        rs = find_reasons(joined)
        if rs:
            sec, letters, rstart = rs
            cb.section = Token(sec[0], Span(offmap(sec[1]), offmap(sec[2] - 1) + 1))
            cb.reasons = [Token(l.lower(), Span(offmap(a), offmap(a) + 1), l) for l, a in letters]
            cut = rstart
        else:
            cut = len(joined)
        dm = rx(r"(?i)\bderived\s+from\s*:?\s*(?P<src>[^;\n]*?[^\s;.,])\s*(?:[.;,]|$)").search(joined)
        if dm:  # derivative classification: "Classified By: ... Derived from DSCG 05-01"
            cb.derived_from = Token(dm["src"], Span(offmap(dm.start("src")), offmap(dm.end("src") - 1) + 1))
            cut = min(cut, dm.start())
        auth = joined[:cut]
        am = rx(r"[\s,;.]*(?:\(U\)\s*)?$").search(auth)
        auth = auth[:am.start()] if am else auth
        # Drop the reason wording, tolerant of a wrapped word: "FOR REAS ONS".
        auth = rx(r"(?i)[\s,;.(]*(?:for|per|under)?\s*(?:r\s?e\s?a\s?s\s?o\s?n\s?\(?s?\)?|e\.?\s?o\.?\s*\d{5})[\s:,;.]*(?:para\w*)?[\s:]*$").sub("", auth)
        auth = rx(r"(?i)^\s*(?:\(U\)\s*)").sub("", auth).strip(" ,;:.")
        if auth:
            a0 = joined.find(auth)
            cb.authority = Token(auth, Span(offmap(a0), offmap(a0 + len(auth) - 1) + 1))
            cb.name, cb.title = self._name_and_title(cb.authority, doc.text)
        doc.classified_by = cb
        return j

    def _field_name(self, fm: regex.Match) -> str:
        return self.vocab.field_name(fm["key"])

    def _name_and_title(self, auth: Token, text: str) -> tuple[Token | None, Token | None]:
        """Split "Political Counselor Jane Doe" / "Jane Doe, Acting DCM" into
        name and title, by the title words of the vocabulary."""
        raw = text[auth.span.start:auth.span.end]

        def is_title(word: str) -> bool:
            return self.vocab.is_title_word(word.upper().strip(".,;:()"))

        def tok(a: int, b: int) -> Token | None:
            seg = raw[a:b]
            lead = len(seg) - len(seg.lstrip(" ,;"))
            seg = seg.strip(" ,;")
            if not seg:
                return None
            start = auth.span.start + a + lead
            return Token(" ".join(seg.split()), Span(start, start + len(seg)), seg)

        parts = [(m.start(), m.end()) for m in rx(r"[^,;]+").finditer(raw)]
        if len(parts) > 1:  # "Jane Doe, Acting Deputy Chief of Mission[, Department of State]"
            first = raw[parts[0][0]:parts[0][1]].split()
            if first and not all(is_title(w) for w in first) and not is_title(first[0]):
                return tok(*parts[0]), tok(parts[1][0], len(raw))
        words = [(m.start(), m.end()) for m in rx(r"\S+").finditer(raw)]
        k = 0
        while k < len(words) and is_title(raw[words[k][0]:words[k][1]]):
            k += 1
        if k == 0:
            return tok(0, len(raw)), None
        if k == len(words):
            return None, tok(0, len(raw))
        return tok(words[k][0], len(raw)), tok(0, words[k - 1][1])

    def _field(self, doc: Document, fm: regex.Match, off: int) -> None:
        key = self._field_name(fm)
        val = fm["val"]
        tok = Token(val, Span(off + fm.start("val"), off + fm.end("val")), val)
        if any(t.span == tok.span for _, t in doc.field_list):
            return  # already read (a Reason line joined to its Classified By)
        doc.fields.setdefault(key, tok)
        doc.field_list.append((key, tok))
        if key.lower() == "declassify on" and doc.declassify_on is None:
            doc.declassify_on = parse_decl(val, off + fm.start("val"), self.vocab)
        if key.lower() == "classified by" and doc.classified_by is None:
            doc.classified_by = ClassifiedBy(tok.span, authority=tok)
        if key.lower() in ("reason", "reasons") and doc.classified_by is not None and not doc.classified_by.reasons:
            rs = find_reasons(val)
            if rs:
                sec, letters, _ = rs
                base = off + fm.start("val")
                doc.classified_by.section = Token(sec[0], Span(base + sec[1], base + sec[2]))
                doc.classified_by.reasons = [Token(l.lower(), Span(base + a, base + a + 1), l) for l, a in letters]

    def _para_start(self, line: str) -> tuple[int, str, int, int] | None:
        """(number, raw, start, end) when the line starts a numbered paragraph."""
        m = PARA_RE.match(line)
        if not m:
            return None
        after = line[m.end():]
        # "1. (C) text", "1. text", "1.(S/NF)" -- but not "2002 MADRID 1234" or "10:30".
        if m["dot"] == "" and not after.startswith("("):
            return None
        if not after.strip() and not line.strip().endswith((".", "](#)")):
            return None
        if after[:1].isdigit():
            return None
        return int(m["num"]), m["num"], m.start("num"), m.end("num")

    def _portion_start(self, line: str, off: int) -> Marking | None:
        """The mark at the start of a block (the line starts at `off`), after an
        optional item label: "¶A.  (C)", "ii. (SBU)"."""
        m = rx(r"^\s*(?:¶?\s*(?:[A-Za-z]|[ivxIVX]{1,4})[.)]\s+)?\(\s*((?://)?[A-Za-z][^()\n]{0,58}?)\s*\)").match(line)
        if not m:
            return None
        return self.vocab.parse_portion(m.group(1), off + m.start(1))

    def _body(self, doc: Document, lines: list[str], starts: list[int], start_idx: int) -> None:
        v = self.vocab
        last = 0
        n = len(lines)
        numbered: list[Paragraph] = []
        blocks: list[Paragraph] = []
        prev_blank = True
        marked = self._marked(doc)
        after_field = False
        prev_bullet = False
        for i in range(start_idx, n):
            line = lines[i]
            off = starts[i]
            s = line.strip()
            if not s:
                prev_blank = True
                after_field = False
                continue
            if marked:
                # IC/CUI documents: authority-block and designation-indicator
                # lines (and their wrapped values) and banner lines are not portions;
                # every bullet is one, blank line before it or not.
                if self._marked_field(doc, lines, starts, i, line, off):
                    after_field = True
                    prev_blank = True
                    continue
                bm = BULLET_RE.match(line)
                if bm and not bm["dash"] and not (prev_blank or prev_bullet):
                    bm = None
                prev_bullet = bool(bm)
                if after_field and not bm and not self._portion_start(line, off):
                    continue
                after_field = False
                got = v.parse_banner(line, off) if v.banner_re.match(line) else None
                if got and not got[1].strip() and (got[0].form == "capco" or s.isupper()):
                    prev_blank = True
                    continue
                if bm:
                    pm = PORTION_RE.match(line, bm.end())
                    portion = v.parse_portion(pm["mark"], off + pm.start("mark")) if pm else None
                    blocks.append(Paragraph(Span(off, off + len(line.rstrip())), None, None, portion, s[:80], "bullet"))
                    prev_blank = False
                    continue
            # Section banners repeated in the body, and continuation page lines.
            if v.banner_re.match(line):
                got = v.parse_banner(line, off)
                if got and got[0].spaced or (got and SECTION_RE.search(got[1])):
                    mk, rest, roff = got
                    sec = SECTION_RE.search(rest)
                    if sec:
                        doc.sections.append(SectionMark(int(sec["n"]), int(sec["m"]), Span(roff + sec.start(), roff + sec.end())))
                    v.scan_controls(rest, roff, mk)
                    doc.banners.append(mk)
                    prev_blank = True
                    continue
            if PAGE_RE.match(line):
                self._page_mark(doc, line, off)
                prev_blank = True
                continue
            if " OF 0" in line:
                for pm in PAGE_INLINE_RE.finditer(line):
                    doc.sections.append(SectionMark(int(pm["n"]), int(pm["m"]),
                                                    Span(off + pm.start("n"), off + pm.end("m")), "page"))
            ps = self._para_start(line)
            if doc.classified_by is None and (CLBY_RE.match(s) or ps is not None and CLBY_RE.match(
                    line, PARA_RE.match(line).end())):
                # 1990s cables often number it: "1. CLASSIFIED BY POLCOUNS ..., REASON: 1.5(B)(D)."
                self._scan_classified_by(doc, lines, starts, i, line, off)
            if ps is not None:
                num, raw, a, b = ps
                after_at = PARA_RE.match(line).end()
                pm = PORTION_RE.match(line, after_at)
                portion = v.parse_portion(pm["mark"], off + pm.start("mark")) if pm else None
                if pm is None and (em := v.entire_text_re.match(line, after_at)):
                    portion = self._entire_text_mark(em, off)
                number = self._undo_pilcrow(num, raw, last, line)
                # An unmarked number continues the sequence only where a paragraph can
                # start: after a blank line or a finished sentence, with a space after
                # the dot ("paragraph\n5.The" is a wrapped reference, not paragraph 5).
                prev = lines[i - 1].strip() if i > 0 else ""
                starts_para = prev_blank or i == start_idx or self._heading(prev) or (
                    rx(r"[.:;!?\"')\]]\s*$").search(prev) is not None and not line[after_at - 1:after_at].isalpha()
                    and line[PARA_RE.match(line).start("dot") + 1:][:1] in (" ", "\t", "("))
                accept = portion is not None or (starts_para and (
                    number == last + 1 or (last < number <= last + 3 and prev_blank)))
                if accept:
                    if pm and portion is None and rx(r"[A-Z]{1,3}(?:[/ -][A-Z ]+)?").fullmatch(pm["mark"].strip()):
                        # An unknown mark is still the paragraph's mark (the rule flags it).
                        portion = Marking(raw=pm["mark"].strip(), span=Span(off + pm.start("mark"), off + pm.end("mark")),
                                          form="portion")
                    para = Paragraph(Span(off, off + len(line.rstrip())), number,
                                     Token(str(number), Span(off + a, off + b), raw), portion,
                                     text=line[after_at:].strip()[:80])
                    if portion is None:
                        bad = rx(r"\s*(?P<m>[A-Z]{1,3}(?:/[A-Z]{1,3})?)\)").match(line[after_at:])
                        if bad:  # malformed "1. C)": keep it as an unparsed mark
                            para.portion = Marking(raw=bad["m"] + ")", span=Span(off + after_at + bad.start("m"), off + after_at + bad.end()),
                                                   form="malformed")
                    lead = LEAD_IN_RE.match(line, after_at) if para.portion is None else None
                    if lead:  # "¶1. Key Points: -- (SBU) ...": the marked bullet follows on the same line
                        para.marked_items += 1
                        para.text = lead["lead"].strip()
                    numbered.append(para)
                    last = number
                    prev_blank = False
                    continue
            if numbered and BULLET_MARK_RE.match(line):
                numbered[-1].marked_items += 1  # "¶1. Key Points:" then "-- (S/NF) ..." bullets
            if prev_blank:
                pmk = self._portion_start(line, off)
                if pmk is not None:
                    blocks.append(Paragraph(Span(off, off + len(line.rstrip())), None, None, pmk, s[:80], "block"))
                elif self._is_trailer(s):
                    pass
                elif self._heading(s):
                    doc.headings.append(Token(s, Span(off + line.index(s[0]), off + len(line.rstrip()))))
                else:
                    blocks.append(Paragraph(Span(off, off + len(line.rstrip())), None, None, None, s[:80], "block"))
            prev_blank = False
        if marked:
            # Every paragraph and bullet of an IC/CUI document is a portion.
            doc.paragraphs = sorted(numbered + blocks, key=lambda p: p.span.start)
        elif numbered:
            doc.paragraphs = numbered
            # A marked block between numbered paragraphs is part of the previous one.
        else:
            doc.paragraphs = blocks
        # The signature: the last short all-letters line.
        for i in range(n - 1, start_idx - 1, -1):
            s = lines[i].strip()
            if not s:
                continue
            if rx(r"[A-Z][A-Za-z'.-]+(?: [A-Z][A-Za-z'.-]+){0,2}").fullmatch(s) and len(s) <= 30:
                doc.signature = Token(s, Span(starts[i] + lines[i].index(s), starts[i] + lines[i].index(s) + len(s)))
            break

    @staticmethod
    def _entire_text_mark(em: regex.Match, off: int) -> Marking:
        """`1. SECRET - ENTIRE TEXT.`: the whole-text mark of 1970s-80s
        cables, written without parentheses; it is paragraph 1's mark."""
        level = em["level"]  # a level name
        lt = Token(level, Span(off + em.start("level"), off + em.end("level")), em["level"])
        return Marking(raw=em["mark"], span=Span(off + em.start("mark"), off + em.end("mark")), level=level,
                       level_token=lt, controls=[Token("ENTIRE TEXT", Span(off + em.start("ctl"), off + em.end("ctl")),
                                                       em["ctl"])], form="portion")

    @staticmethod
    def _undo_pilcrow(num: int, raw: str, last: int, line: str) -> int:
        """Paragraph 1-9 written ¶1 and exported as 11-19: read it back as 1-9."""
        if len(raw) >= 2 and raw[0] == "1" and num > last + 3:
            alt = int(raw[1:])
            if last < alt <= last + 3 or (alt == last + 1):
                return alt
        return num

    @staticmethod
    def _heading(s: str) -> bool:
        if len(s) > 90 or s.endswith((".", ",", ";")):
            return False
        letters = [c for c in s if c.isalpha()]
        if not letters:
            return True  # rules such as "----- --"
        upper = sum(c.isupper() for c in letters) / len(letters)
        return upper > 0.8 or (len(s.split()) <= 8 and s[0].isupper() and not s.endswith(("?", "!")))

    @staticmethod
    def _is_trailer(s: str) -> bool:
        return bool(rx(r"(?:BT|NNNN|#\d+|SIPDIS|END SUMMARY\.?|\W+)").fullmatch(s))

    def _footer(self, doc: Document, lines: list[str], starts: list[int]) -> None:
        """The bottom banner: the last non-blank line, when it is only a marking."""
        for i in range(len(lines) - 1, max(-1, len(lines) - 6), -1):
            s = lines[i].strip()
            if not s:
                continue
            got = self.vocab.parse_banner(lines[i], starts[i])
            if got and not got[1].strip() and (got[0].form == "capco" or s.isupper()):
                if doc.banner is None or got[0].span != doc.banner.span:
                    doc.footer = got[0]
            return

    @staticmethod
    def _separators(doc: Document) -> None:
        """Record each marking's `/` separators once its span is final (a banner's
        span grows to the end of its line): syntax rules read them."""
        marks = doc.banners + [doc.footer, doc.subject_portion] + [p.portion for p in doc.paragraphs]
        for mk in marks:
            if mk is not None:
                mk.separators = marking_separators(doc.text[mk.span.start:mk.span.end], mk.span.start)

    def _placeholders(self, doc: Document) -> None:
        for m in self.vocab.placeholder_re.finditer(doc.text, doc.body_start or 0):
            doc.placeholders.append(Token(m.group(0), Span(m.start(), m.end())))

    def _date(self, doc: Document, override: dt.date | None) -> None:
        """The cable's own date (date-time group, dateline, archive metadata)
        wins; then --date; then the year of a cable id in the file name."""
        h = doc.header
        if h and h.dtg and h.dtg_date:
            doc.date = CableDate(h.dtg_date, "dtg", h.dtg.span)
            return
        # A dateline in the first lines: "Thursday, 29 March 2007, 06:00", "Cable dated: ..."
        head = doc.text[: doc.body_start or 3000][:3000]
        m = rx(r"(?i)(?:cable dated:?\s*|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s*)"
                         r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})").search(head)
        if m and m[2].upper() in MONTH_NAMES:
            try:
                doc.date = CableDate(dt.date(int(m[3]), MONTH_NAMES[m[2].upper()], int(m[1])), "dateline",
                                     Span(m.start(), m.end()))
                return
            except ValueError:
                pass
        # A date-time group away from the header (a second copy, a damaged header).
        m = DTG_LINE_RE.search(doc.text)
        got = dtg_date(m) if m else None
        if m and got:
            doc.date = CableDate(got, "dtg", Span(m.start("dtg"), m.end("dtg")))
            return
        # Archive metadata before the text: "Cable dated:2005-11-29T14:19:00", a
        # TSV/CSV column "2007-03-16 07:49:00".
        m = META_DATE_RE.search(head)
        if m:
            try:
                doc.date = CableDate(dt.date(int(m["y"]), int(m["m"]), int(m["d"])), "metadata",
                                     Span(m.start(), m.end()))
                return
            except ValueError:
                pass
        if doc.shape in ("capco", "cui"):
            # A memorandum-style document: "Date: 15 March 2023" near the top.
            dm = DATE_LINE_RE.search(doc.text, 0, min(len(doc.text), 3000))
            got = memo_date(dm["v"]) if dm else None
            if dm and got:
                doc.date = CableDate(got, "dateline", Span(dm.start("v"), dm.end("v")))
                return
        if override:
            doc.date = CableDate(override, "option")
            return
        stem = Path(doc.path).name
        fm = re.match(r"^(\d{2})[A-Z]", stem)
        if fm:
            yr = two_digit_year(int(fm[1]))
            doc.date = CableDate(dt.date(yr, 1, 1), "filename-year")

    def _has_categories(self, level: str | None) -> bool:
        lv = self.vocab.levels.get(level or "")
        return bool(lv and lv.categories)

    def _marked(self, doc: Document) -> bool:
        """An IC/ISOO- or CUI-marked document (banner `SECRET//NOFORN` or `CUI`, or
        an authority block / designation indicator without a banner), not a telegram."""
        if doc.header or doc.eo or doc.tags_line:
            return False
        b = doc.banner
        if b is not None:
            if b.form == "capco" or self._has_categories(b.level):
                return True
            # A bare level at top and bottom, with no post and serial: the ISOO layout.
            f = doc.footer
            return bool(f and f.level == b.level and not doc.post and not doc.sections)
        return any(k in doc.fields for k in MARKED_FIELDS)

    def _marked_field(self, doc: Document, lines: list[str], starts: list[int], i: int, line: str,
                      off: int) -> bool:
        """Read an authority-block or designation-indicator line in the body; True if it was one."""
        fm = self.vocab.field_re.match(line)
        if fm is None:
            return False
        if self._field_name(fm) == "Classified By":
            if doc.classified_by is None:
                self._scan_classified_by(doc, lines, starts, i, line, off)
            return True
        self._field(doc, fm, off)
        return True

    def _shape(self, doc: Document) -> str:
        """cable | capco | cui | unknown: which kind of document this is, so that
        only the rule set written for it runs.

        Telegram parts (routing header, E.O. line, TAGS, `POST 001234` on the
        banner line) make a cable, first. A CUI control marking, or a designation
        indicator or (CUI) portions on an unclassified document, make a CUI
        document. An IC-style banner or portion (`SECRET//NOFORN`, `(S//NF)`),
        an authority block without telegram parts, or a bare banner repeated at
        the bottom over marked blocks make a CAPCO-marked document. No marking
        at all is `unknown`.
        """
        b = doc.banner
        if doc.header or doc.eo or doc.tags_line or (b and b.form == "cable" and (doc.post or doc.sections)):
            return "cable"  # a telegram, whatever its banner says (a CUI cable is still a cable)
        if b and self._has_categories(b.level):
            return "cui"
        portions = [p.portion for p in doc.paragraphs if p.portion]
        portions += [doc.subject_portion] if doc.subject_portion else []
        levels = [b.level] if b else [m.level for m in portions]
        classified = any(self.vocab.is_classified(lv) for lv in levels)
        if not classified and ("Controlled By" in doc.fields or "CUI Category" in doc.fields or
                               any(self._has_categories(m.level) for m in portions)):
            return "cui"
        if b and b.form == "capco" or any("//" in m.raw for m in portions):
            return "capco"
        if "Derived From" in doc.fields or "Declassify On" in doc.fields:
            return "capco"
        if b:
            if doc.footer and portions and all(p.number is None for p in doc.paragraphs):
                return "capco"
            return "cable"
        return "capco" if portions else "unknown"


# Header fields that exports run together on one line: "NOFORN SIPDIS DEPT FOR
# NEA/MAG E.O. 12958: DECL: 12/21/2019 TAGS: PREL SUBJECT: ...".
# A lead-in and its first marked bullet on one line: "Key Points: -- (SBU) ...".
LEAD_IN_RE = regex.compile(r"(?P<lead>[^()\n]{1,60}:)\s*(?:-{1,2}|\*|\u2022)\s*\(\s*(?:U|C|S|TS|SBU)\b[^)]{0,20}\)")
# A bullet or lettered item that carries its own portion mark.
BULLET_MARK_RE = regex.compile(r"^\s*(?:-{1,2}|\*|\u2022|[a-zA-Z][.)]|\([a-z]\))\s*\(\s*(?:U|C|S|TS|SBU)\b[^)]{0,20}\)")
RUN_ON_MARK_RE = regex.compile(
    r"E\.\s?O\.\s?\d{5}\b|(?<![A-Za-z])(?:EO\s\d{5}\s+DECL|TAGS\s*:|SUBJECT\s*:|SUBJ\s*:|REFS?\s*:|"
    r"(?i:(?<!DE)CLASSIFIED\s+BY\b))"
    r"|(?<=[A-Z]{2})Classified\s+By\b"  # glued to the subject: "VISIT TO CAIROClassified By:"
    r"|(?<=\s)1\s?\.\s?\((?:U|C|S|TS|SBU)(?:/[A-Z]{1,3})?\)"  # paragraph 1 glued to the header
)


def split_run_on_header(lines: list[str], starts: list[int], limit: int = 120) -> tuple[list[str], list[int]]:
    """Split header lines that hold several fields into one virtual line per
    field (offsets stay exact), so the header parser sees each at a line start.

    Only the header area is split: it ends at the first numbered paragraph.
    """
    out_lines: list[str] = []
    out_starts: list[int] = []
    for i, line in enumerate(lines):
        if i >= limit or PARA_RE.match(line) and rx(r"\s*(?:¶|\[)?\d{1,3}\.").match(line):
            out_lines.extend(lines[i:])
            out_starts.extend(starts[i:])
            break
        cuts = []
        in_clby = False
        for m in RUN_ON_MARK_RE.finditer(line):
            is_clby = m.group(0)[:1] in "Cc"
            # Inside a Classified By statement only TAGS/SUBJECT or paragraph 1
            # start a new field: "Classified By: X, E.O. 12958, reasons 1.4 (b)" stays whole.
            ends_clby = m.group(0).upper().startswith(("TAGS", "SUBJ", "1"))
            if in_clby and (is_clby or not ends_clby):
                continue
            if line[:m.start()].strip():
                cuts.append(m.start())
            in_clby = is_clby or (in_clby and not ends_clby)
        if not cuts or len(line) > 2000:
            out_lines.append(line)
            out_starts.append(starts[i])
            continue
        prev = 0
        for c in cuts + [len(line)]:
            if c > prev:
                out_lines.append(line[prev:c])
                out_starts.append(starts[i] + prev)
            prev = c
    return out_lines, out_starts


def join_pieces(pieces: list[tuple[str, int]]):
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


REASON_SEC_RE = regex.compile(r"(?<![\d.])1\s*[./]\s*(?P<d>[45])(?![\d])")  # "1/4 (B)" is a typo seen in cables
_REASON_TOKEN = regex.compile(
    r"\s+|[(),/&.;:\[\]]|(?i:and|or)(?![a-z])|(?P<l>[a-zA-Z])(?![a-zA-Z])"
)


def find_reasons(text: str) -> tuple[tuple[str, int, int], list[tuple[str, int]], int] | None:
    """Find `1.4 (b) and (d)` in any of its spellings.

    Returns ((section, start, end), [(letter, offset)], start of the reason
    phrase) or None. Letters must stand alone: "1.4 b and d" yes, "1.4 billion" no.
    """
    for m in REASON_SEC_RE.finditer(text):
        pos = m.end()
        letters: list[tuple[str, int]] = []
        while pos < len(text):
            t = _REASON_TOKEN.match(text, pos)
            if not t or t.end() == pos:
                break
            if t["l"] and rx(r"\s*/\s*[A-Za-z]{2,}").match(text[t.end():t.end() + 8]):
                break  # "(S/NF)": a portion mark after the reasons, not a reason letter
            if t["l"]:
                letters.append((t["l"], t.start("l")))
            elif t.group(0) in ".;" and letters and rx(r"\s").match(text[t.end():t.end() + 1] or " "):
                break  # end of the sentence: "1.4 (b). I said..." stops here
            pos = t.end()
            if len(letters) > 8:
                break
        if letters:
            start = m.start()
            w = rx(r"(?i)(?:[,;.]?\s*(?:for|per|under)?\s*r\s?e\s?a\s?s\s?o\s?n\s?\(?s?\)?[\s:,]*(?:para\w*\s*)?)$").search(text[:start])
            return ("1." + m["d"], m.start(), m.end()), letters, (w.start() if w else start)
    return None


def parse(source: Source, date: dt.date | None = None, vocabulary: Vocabulary | None = None) -> Document:
    return Parser(vocabulary).parse(source, date)
