"""Date evidence: what the text says about the cable's date, best first.

The parser only records the evidence (date-time group, dateline, archive
metadata, a memorandum's Date: line, the year of a cable id in the file
name); the engine resolves it with `--date` (`cablelint.dates.resolve`).
Also the date readers the header fields use (DECL values, DTGs).
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import regex

from ..document import CableDate, Span
from ..rx import rx
from .archive_date import archive_date
from .memo import first_in_head

MONTHS = {m: i for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)}
MONTH_NAMES = {
    "JANUARY": 1, "FEBRUARY": 2, "MARCH": 3, "APRIL": 4, "MAY": 5, "JUNE": 6, "JULY": 7,
    "AUGUST": 8, "SEPTEMBER": 9, "OCTOBER": 10, "NOVEMBER": 11, "DECEMBER": 12,
}
# A date-time group, `261454Z MAY 09` (also written `061354Z Sep 05`).
DTG = r"(?P<dtg>(?P<day>\d{2})(?P<hm>\d{4})Z\s+(?P<mon>[A-Za-z]{3})\s+(?P<yr>\d{2}))"
PRECEDENCE = r"(?:[ZOPR]{1,2}\s+){1,2}"
DTG_RE = rx(rf"^\s*(?P<prec>{PRECEDENCE})?{DTG}\b")
# A date-time group on a line of its own away from the header (a second copy).
DTG_LINE_RE = rx(rf"(?m)^[ \t]*{PRECEDENCE}{DTG}\s*$")
META_DATE_RE = rx(
    r"(?<![\d-])(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)[T ]\d{2}:\d{2}")
DATELINE_RE = rx(
    r"(?i)(?:cable dated:?\s*|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s*)"
    r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})")
# The date line of a memorandum-style (CAPCO/CUI) document.
DATE_LINE_RE = rx(r"(?im)^[ \t]*(?:Date|Dated)[ \t]*:[ \t]*(?P<v>\S.*?)[ \t]*\r?$")
# How far into the file a dateline or metadata date is looked for (characters).
HEAD_CHARS = 3000
# Numeric dates by the format they are written in. A DECL value is searched for
# the first of DECL_DATE_FORMATS; a memorandum `Date:` line may start with one
# of MEMO_DATE_FORMATS (after the spelled-out forms).
DATE_FORMATS = {
    "yyyy/mm/dd": rx(r"(?<!\d)(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?!\d)"),
    "mm/dd/yyyy": rx(r"(?<!\d)(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})(?!\d)"),
    "m/d/yy": rx(r"(?<!\d)(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2})(?!\d)"),
    "yyyymmdd": rx(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)"),
    "mm-dd-yyyy": rx(r"(?<!\d)(?P<m>\d{1,2})[.-](?P<d>\d{1,2})[.-](?P<y>\d{4})(?!\d)"),
    "yyyy-mm-dd": rx(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
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
    month = MONTHS.get(m["mon"].upper())
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


def _dateline(text: str, end: int, low: bytes | None = None) -> CableDate | None:
    """"Thursday, 29 March 2007, 06:00", "Cable dated: 29 March 2007", in
    `text[:end]` (`low`: prefilter.lowered(text), when the caller has it)."""
    m = first_in_head(DATELINE_RE, text, end, low)  # most heads hold no weekday's name: a look for it first
    if not m or m[2].upper() not in MONTH_NAMES:
        return None
    try:
        return CableDate(dt.date(int(m[3]), MONTH_NAMES[m[2].upper()], int(m[1])), "dateline", Span(m.start(), m.end()))
    except ValueError:
        return None


def _metadata(head: str) -> CableDate | None:
    """Archive metadata before the text: "Cable dated:2005-11-29T14:19:00", a TSV column."""
    m = META_DATE_RE.search(head)
    if not m:
        return None
    try:
        return CableDate(dt.date(int(m["y"]), int(m["m"]), int(m["d"])), "metadata", Span(m.start(), m.end()))
    except ValueError:
        return None


def _late_dtg(text: str) -> CableDate | None:
    """A date-time group away from the header (a second copy, a damaged header)."""
    if "Z " not in text:
        return None
    m = DTG_LINE_RE.search(text)
    got = dtg_date(m) if m else None
    return CableDate(got, "dtg", Span(m.start("dtg"), m.end("dtg"))) if m and got else None


def _memo(text: str) -> CableDate | None:
    dm = DATE_LINE_RE.search(text, 0, min(len(text), HEAD_CHARS))
    got = memo_date(dm["v"]) if dm else None
    return CableDate(got, "dateline", Span(dm.start("v"), dm.end("v"))) if dm and got else None


# A cable id's two-digit year at the start of the file name (09JAKARTA1369).
FILENAME_YEAR_RE = re.compile(r"(\d{2})[A-Z]")


def _filename_year(path: str) -> CableDate | None:
    fm = FILENAME_YEAR_RE.match(path.rpartition("/")[2] or Path(path).name)  # Path() only for an odd path
    return CableDate(dt.date(two_digit_year(int(fm[1])), 1, 1), "filename-year") if fm else None


def evidence(text: str, path: str, header_dtg: CableDate | None, body_start: int, memo: bool,
             low: bytes | None = None) -> list[CableDate]:
    """The best date the text gives (the first found of: the header's
    date-time group, a dateline, a DTG line elsewhere, archive metadata, a
    memorandum's `Date:` line (`memo`: CAPCO/CUI documents only), the
    archive's row when it can be this cable's (archive_date.py)), then the
    file name's year, which comes after a `--date` (the engine's). `low`:
    prefilter.lowered(text), when the caller has it (the dateline's pre-check)."""
    head = text[: body_start or HEAD_CHARS][:HEAD_CHARS]
    readers = (lambda: header_dtg, lambda: _dateline(text, len(head), low), lambda: _late_dtg(text),
               lambda: _metadata(head), lambda: _memo(text) if memo else None,
               lambda: archive_date(head, path.rpartition("/")[2]))
    found = next((d for d in (r() for r in readers) if d is not None), None)  # the best only: the rest is never used
    return [d for d in (found, _filename_year(path)) if d is not None]
