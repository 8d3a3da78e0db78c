"""Stage 3, the routing header: the telegram's transmission lines above the
banner (VZCZC, precedence and DTG, ZNY, DE, FM/TO/INFO, address lists) read
into `Document.header`. Each line's kind is a pure function of its text,
memoised: routing lines repeat across the cables of an archive.
"""
from __future__ import annotations

import regex

from ..document import Document, RoutingHeader, Span, Token
from ..rx import rx
from ..vocabulary import Vocabulary
from . import memo
from .dating import DTG_RE, dtg_date
from .labels import labels
from .lines import Line

ROUTING_RE = rx(r"^(?:VZCZC|DE R[A-Z]{3}|[OPRZ]{2}\s+R[A-Z]{4}|NNNN|BT\s*$|#\d+)")
SECURITY_RE = rx(r"^\s*(?P<sec>ZN[YR]\s+[A-Z]{5})\b")
# The characters of an address line (RUEHC/SECSTATE WASHDC, AMEMBASSY PARIS 1234): it holds no other.
ADDRESS_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/ .,&()'-"
SPACED_START_RE = rx(r"^\s*(?:[A-Z]\s){3,}")
# What a ROUTING_RE line can start with (after blanks), besides a precedence (O, P, R, Z) or a digit.
ROUTING_FIRST = frozenset("VDNB#")
PRECEDENCE_LETTERS = frozenset("ZOPR")


# DTG_RE's groups by number (a group looked up by name costs several times more).
_DTG, _PREC = DTG_RE.groupindex["dtg"], DTG_RE.groupindex["prec"]


def routing_line(doc: Document, line: Line, vocab: Vocabulary) -> bool:
    """Read a routing-header line (DTG, ZNY, VZCZC, FM/TO/INFO, an address
    continuation) into doc.header; False when the line is none of these.
    Only read_top calls it, before any banner is found (a DTG counts then)."""
    kind, m = _route_kind(line.text, vocab)
    if not kind or kind == "address" and not doc.header:
        return False
    off, h = line.start, doc.header
    h = doc.header = h or RoutingHeader(Span(off, off + len(line.text)))
    if kind == "dtg" and h.dtg is None:
        (d1, d2), (p1, p2) = m.span(_DTG), m.span(_PREC)
        h.dtg = Token(line.text[d1:d2], Span(off + d1, off + d2))
        h.dtg_date = dtg_date(m)
        if p2 > p1:
            h.precedence = Token(line.text[p1:p2].strip(), Span(off + p1, off + p2))
    elif kind == "security":
        h.security = Token(" ".join(m["sec"].split()), Span(off + m.start("sec"), off + m.end("sec")))
    elif kind == "label" and m[1] == "FM" and h.from_ is None:
        at = line.text.index(m[2])
        h.from_ = Token(m[2], Span(off + at, off + at + len(m[2])))
    return True


# _route_kind's answers by line text (routing lines repeat across cables: BT, ZNY CCCCC ZZH, FM AMEMBASSY X).
_ROUTE_MEMO = memo.TextMemo()


def _route_kind(text: str, vocab: Vocabulary) -> tuple[str, regex.Match | None]:
    """What routing line `text` is, a pure function of it (memoised): `dtg`,
    `security` (ZNY), `routing` (VZCZC, DE, NNNN), `label` (FM/TO/INFO, with its
    match), `address` (a continuation of an address list), or ''."""
    if len(text) > memo.MEMO_TEXT_MAX:
        return _route_kind_of(text, vocab)
    known = _ROUTE_MEMO.table(vocab)
    got = known.get(text)
    if got is None:
        got = known[text] = _route_kind_of(text, vocab)
    return got


def _route_kind_of(text: str, vocab: Vocabulary) -> tuple[str, regex.Match | None]:
    """_route_kind unmemoised. Each pattern is tried only for the first
    characters it can match: a DTG opens with a precedence or a digit, a ZNY
    line with Z, a routing line with one of ROUTING_RE's first letters."""
    s = text.strip()
    lab = labels(vocab)
    if _may_route(s, lab.routing_first):
        c = s[:1]
        if c.isdigit() or c in PRECEDENCE_LETTERS:
            m = DTG_RE.match(text)
            if m:
                return "dtg", m
        if c == "Z":
            m = SECURITY_RE.match(text)
            if m:
                return "security", m
        if (c in PRECEDENCE_LETTERS or c in ROUTING_FIRST) and ROUTING_RE.match(s):
            return "routing", None
        fm = lab.routing.match(s) if c in lab.routing_first else None
        if fm:
            return "label", fm
    if _is_address(s) and not (s[1:2].isspace() and SPACED_START_RE.match(text)) and not _banner_starts(text, vocab):
        return "address", None
    return "", None


def _is_address(s: str) -> bool:
    """Whether the stripped line `s` is an address line: only ADDRESS_CHARS (a str.strip, no regex call)."""
    return bool(s) and not s.strip(ADDRESS_CHARS)


def _may_route(s: str, routing_first: frozenset[str]) -> bool:
    """Whether the stripped line `s` can be a DTG, ZNY, routing or FM/TO/INFO
    line, by its first two characters (most address lines are not: RUEHC/...);
    `routing_first`: the first letters of the routing labels (labels.Labels)."""
    c, c2 = s[:1], s[1:2]
    if not c:
        return False
    if c in PRECEDENCE_LETTERS:  # "P 110117Z", "RR RUEHC", "ZNY CCCCC"; c2 may be "" or blank
        return c2 in PRECEDENCE_LETTERS or c2 in "N" or c2.isspace() or c in routing_first
    return c.isdigit() or c in ROUTING_FIRST or c in routing_first


def _banner_starts(text: str, vocab: Vocabulary) -> bool:
    """vocab.banner_re.match(text), tried only when the line opens with a level's
    initial or the `//` of a non-US marking (most address lines open with RUEH)."""
    c = text.lstrip(" \t")[:1]
    return (c in vocab.banner_initials or c == "/") and vocab.banner_re.match(text) is not None
