"""The declassification instruction of an E.O. line or a Declassify On line."""
from __future__ import annotations

import datetime as dt

from ..document import DeclValue, Token, Span
from ..marking_forms import lookup_key
from ..rx import rx
from ..vocabulary import Vocabulary, default_vocabulary
from .dating import parse_date_value
from .memo import MEMO_MAX, MEMO_TEXT_MAX


def _exemption_value(raw: str) -> str:
    """Canonical exemption code: `1.6 X5` -> X5, `XGDS-2` -> XGDS2, `50X1-HUM` kept."""
    v = rx(r"\s+").sub("", raw.upper()).replace("1.6", "")
    if not rx(r"\d\dX").match(v):
        v = v.replace("-", "")
    return v


# parse_decl's answers at offset 0 by text, per exemption pattern (DECL values
# repeat across cables: every cable of a day has the same date); bounded.
_MEMO: dict[tuple[str, object], DeclValue] = {}


def parse_decl(rest: str, offset: int, vocabulary: Vocabulary | None = None) -> DeclValue:
    """Parse what follows the E.O. number (or a Declassify On value); the
    exemption codes it may carry are the vocabulary's (memoised by text: a
    pure function of it, placed at `offset`)."""
    v = vocabulary or default_vocabulary()
    if len(rest) > MEMO_TEXT_MAX:
        return _parse_decl(rest, offset, v)
    key = (rest, v.built)
    got = _MEMO.get(key)
    if got is None:
        if len(_MEMO) >= MEMO_MAX:
            _MEMO.clear()
        got = _MEMO[key] = _parse_decl(rest, 0, v)
    return _shifted(got, offset)


def _shifted(d: DeclValue, off: int) -> DeclValue:
    ex = [Token(t.value, Span(t.span.start + off, t.span.end + off), t.raw) for t in d.exemptions]
    dng = d.downgrade and Token(d.downgrade.value, Span(d.downgrade.span.start + off, d.downgrade.span.end + off),
                                d.downgrade.raw)
    return DeclValue(d.kind, d.raw, Span(d.span.start + off, d.span.end + off), d.date, d.date_format, ex,
                     d.invalid_date, dng, d.downgrade_date, d.years)


# A downgrading instruction ("DNG: CO 08/01/2032": to CONFIDENTIAL on that date), alone or beside the
# DECL one ("DECL: 01/26/2031; DNG: CO 01/26/2021"): up to a `;` or a DECL after it, or the end.
DNG_RE = rx(r"(?i)(?<![A-Z])DNG\b\s*:?\s*(?:TO\s+)?(?P<level>[A-Z]+(?![\w/]))?[^;]*?(?=\s*(?:;|(?<![A-Z])DECL|$))")


def _downgrade(raw: str, offset: int, vocabulary: Vocabulary) -> tuple[Token, dt.date | None, str] | None:
    """The downgrading instruction in `raw` (at `offset`): a Token of the
    level it names (its name; the code as written when the vocabulary knows
    no such level), its date, and `raw` with it blanked (offsets kept); None
    when it holds none."""
    m = DNG_RE.search(raw)
    if m is None:
        return None
    code = m["level"] or ""
    level = vocabulary.downgrade_level.get(lookup_key(code), code.upper()) if code else ""
    date = parse_date_value(m.group(0), 0)[0]
    tok = Token(level, Span(offset + m.start(), offset + m.end()), m.group(0))
    return tok, date, raw[:m.start()] + " " * (m.end() - m.start()) + raw[m.end():]


def _parse_decl(rest: str, offset: int, vocabulary: Vocabulary) -> DeclValue:
    raw = rest.rstrip().rstrip("\\").rstrip()
    span = Span(offset, offset + len(raw))
    dng = _downgrade(raw, offset, vocabulary) if "DNG" in raw.upper() else None
    if dng is None:
        return _declassify(raw, span, offset, vocabulary)
    tok, date, left = dng
    part = _decl_part(left)
    if part is None:  # a downgrading instruction only: no declassification instruction to judge
        d = DeclValue("downgrade", raw, span)
    else:  # the DECL instruction beside it: its own text and span, the DNG part left out
        lo, hi = part
        d = _declassify(left[lo:hi], Span(offset + lo, offset + hi), offset + lo, vocabulary)
    d.downgrade, d.downgrade_date = tok, date
    return d


def _decl_part(left: str) -> tuple[int, int] | None:
    """Where the declassification instruction stands in `left` (the value with
    its DNG part blanked): separators between the two, and the bracket a
    parenthesised DNG part leaves ("DECL: 05/03/2012 (DNG: CO 05/03/2007)"),
    left out; None when nothing else is left."""
    seps = " \t;,."
    lo, hi = len(left) - len(left.lstrip(seps)), len(left.rstrip(seps))
    while lo < hi:
        opened, closed = left.count("(", lo, hi), left.count(")", lo, hi)
        lone = "(" if opened > closed else ")" if closed > opened else ""
        if lone and left[lo] == lone:
            lo = len(left) - len(left[lo + 1:].lstrip(seps))
        elif lone and left[hi - 1] == lone:
            hi = len(left[:hi - 1].rstrip(seps))
        else:
            break
    return (lo, hi) if lo < hi else None


def _declassify(raw: str, span: Span, offset: int, vocabulary: Vocabulary) -> DeclValue:
    """The declassification instruction `raw` (at `offset`; `span`: the whole value's)."""
    up = raw.upper()
    if not raw.strip():
        return DeclValue("missing", raw, span)
    if rx(r"^\s*N\s*/?\s*A\b").match(up):
        return DeclValue("na", raw, span)
    dm = rx(r"^\s*(?:DECL(?:ASSIFY(?:\s+ON)?)?)\s*:?\s*").match(up)
    body_at = dm.end() if dm else 0
    body = raw[body_at:]
    boff = offset + body_at
    if "DECLASSIFIED" in up:  # restamped at declassification: "DECLASSIFIED BY NARA 09/02/2009"
        return DeclValue("declassified", raw, span)
    if not body.strip(" \t;,.:"):  # "DECL:" and nothing after it (its DNG part read apart)
        return DeclValue("missing", raw, span)
    if rx(r"\s*(?:OADR|ORIGINATING AGENCY)").match(body.upper()):
        return DeclValue("oadr", raw, span)
    if rx(r"\s*N\s*/\s*A\b").match(body.upper()):
        return DeclValue("na", raw, span)
    ex = [Token(_exemption_value(m.group(0)), Span(boff + m.start(), boff + m.end()), m.group(0))
          for m in vocabulary.exemption_re.finditer(body)]
    date, fmt, dspan, invalid = parse_date_value(body, boff)
    if date or invalid:
        return DeclValue("date", raw, span, date=date, date_format=fmt, exemptions=ex, invalid_date=invalid)
    if ex:
        return DeclValue("exemption", raw, span, exemptions=ex)
    years = period_years(body)
    if years is not None:
        return DeclValue("period", raw, span, years=years)
    return DeclValue("event", raw, span)


# The number words of a period ("TEN YEARS", "TWENTY-FIVE YEARS"); digits are read as written.
_NUMBER_WORDS = {"ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5, "SIX": 6, "SEVEN": 7, "EIGHT": 8,
                 "NINE": 9, "TEN": 10, "FIFTEEN": 15, "TWENTY": 20, "TWENTY FIVE": 25, "THIRTY": 30}
# The whole value a length of time and nothing else ("TEN YEARS AFTER KOREAN UNIFICATION" is an event).
PERIOD_RE = rx(r"(?i)^\s*(?P<n>\d{1,2}|[A-Z]+(?:[- ][A-Z]+)?)\s+YEARS?\s*\.?\s*$")


def period_years(body: str) -> int | None:
    """The years of a DECL value that is a period alone ("TWENTY YEARS", "25
    YEARS"), or None: a declassification period counted from the cable's date
    (12958 sec. 1.6(b): the duration runs from the classification decision)."""
    m = PERIOD_RE.match(body)
    if m is None:
        return None
    n = m["n"]
    years = int(n) if n.isdigit() else _NUMBER_WORDS.get(" ".join(n.upper().replace("-", " ").split()))
    return years or None
