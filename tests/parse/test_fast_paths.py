"""The parse stage's fast paths (issue 9: parse speed) answer as the slower
tests they stand for, on texts written for these tests, damaged forms too."""
from __future__ import annotations

import regex

from cablelint.parse import memo
from cablelint.rx import rx
from cablelint.vocabulary import default_vocabulary

HEADS = [
    "", "no notice here\n", "THIS IS A PARTIAL EXTRACT OF A CABLE\n", "Partial\nExtract", "partial  extract",
    "¶ curly \u2019 Partial Extract \u00e9t\u00e9",
    "the full text of the original cable is not available.",
    "FULL TEXT OF THE ORIGINAL CABLE IS NOT AVAILABLE\r\n", "\u0130 partial extract \u212a",
    "full text of the original cable i\u017f not available", "PART\u0130AL EXTRACT", "a\r\nb partial-extract", "xxxxx (b)(1) [REDACTED]",
]


def test_search_head_agrees_with_the_pattern() -> None:
    v = default_vocabulary()
    plain = rx(r"BEGIN TEXT|END QUOTE")  # case counts: needles looked for as written
    for pattern in (v.partial_notice_re, v.placeholder_re, plain, rx(r"(?i)\(b\)\s*\(\d\)")):
        for text in HEADS + [h.upper() for h in HEADS] + ["x BEGIN TEXT y", "begin text"]:
            for end in range(0, len(text) + 1):
                want = pattern.search(text, 0, end) is not None
                assert memo.search_head(pattern, text, end) is want, (pattern.pattern, text, end)


def test_search_head_without_needles_asks_the_pattern() -> None:
    anything = regex.compile(r"\w+")
    assert memo.search_head(anything, "abc", 3) and not memo.search_head(anything, "...", 3)


LINES = [
    "", " ", "BT", "BT.", "BT..", "Bt", "bt", "NNNN", "NNNN\r", "SIPDIS", "SIPDIS.", "Sipdis", "SIPDISX", "END SUMMARY",
    "END SUMMARY.", "End Summary.", "END  SUMMARY", "END CABLE TEXT", "#1234", "#12a", "# 12", "-----", "...", "_",
    "_x", "(C)", "1. (C) The talks.", "[11.](#) (C) debris", "11.(C)glued", "C O N F I D E N T I A L",
    "The minister said so.", "\u00e9t\u00e9", "\u2014\u2014", "\u00b6", "¶1. (S) text", "PARIS 00000579  002 OF 004",
    "VZCZCXYZ0001", "  VZCZC", "DE RUEHFR #0579/01 1231456", "DE RUEHC", "xDE RUEHC", "\tDE RUEHCX 1", "de rueh",
    "BT\r\n", "  BT", "E.O. 12958: DECL: 1/1/2019", "SUBJECT: (C) TEXT\r",
]


def test_is_trailer_agrees_with_the_trailer_pattern() -> None:
    from cablelint.parse.labels import labels
    from cablelint.parse.lines import is_trailer

    v = default_vocabulary()
    for s in LINES + [x.lower() for x in LINES] + [x.title() for x in LINES]:
        assert is_trailer(s, v) is (labels(v).trailer.fullmatch(s) is not None), s


def test_the_routing_opening_gate_passes_every_line_the_pattern_takes() -> None:
    from cablelint.parse.header import ROUTING_OPEN_RE, _routing_follows
    from cablelint.parse.lines import Line

    v = default_vocabulary()
    banner = Line("S E C R E T OSLO 000123", 0)
    for s in LINES + ["\u2028VZCZC", " \t DE RABCD x"]:
        # the gate (its literals before the pattern) finds a routing header where the pattern alone does
        assert _routing_follows([banner, Line(s, 30)], 0, v) is (ROUTING_OPEN_RE.match(s) is not None), s
    # a routing header that opens with its DE line, no VZCZC line before it
    lines = [banner, Line("", 30), Line("DE RUEHC #0123/01 0451234", 31), Line("ZNY SSSSS ZZH", 60),
             Line("E.O. 12958: DECL: 01/30/2019", 80)]
    assert _routing_follows(lines, 0, v)
    assert not _routing_follows(lines[:2] + lines[4:], 0, v)  # the E.O. line first: no routing header


PAGE_LINES = LINES + [
    "PARIS 00000579  002 OF 004", "PARIS 00000579  002 OF 004 \\", "PARIS 00000579  002 OF 004\\\\",
    "  SAO PAULO 00000123  003.2 OF 005  \\  ", "Beijing 00002963 002 of 002", "PARIS 00000579  002 OF 004\r",
    "PARIS 00000579  002 OF 004\u2028", "PARIS 00000579  002 OF 004\x1c", "PARIS 00000579\t002\tOF\t004",
    "PARIS 00000579  002 OF 0045", "PARIS 00000579  002 OF 04", "VISIT OF THE MINISTER OF 2009",
    "THE TEXT GOES ON PARIS 00000579 002 OF 004", "PARIS 00000579  \u0662\u0660\u0660 OF \u0660\u0660\u0664",
]


def test_the_page_mark_ending_gate_passes_every_line_the_pattern_takes() -> None:
    from cablelint.parse.lines import PAGE_RE, Line, classify, ends_like_page_mark, page_mark

    v = default_vocabulary()
    for s in PAGE_LINES:
        if PAGE_RE.match(s):
            assert ends_like_page_mark(s), s
        gated = " OF " in s or " of 0" in s
        want = PAGE_RE.match(s) if gated else None
        got = page_mark(Line(s, 10))
        assert (got is None) is (want is None), s
        if want is not None:
            assert (got.number, got.total) == (int(want["n"]), int(want["m"]))
            assert classify(s, v).name in ("page", "paragraph"), s


DATELINES = [
    "", "Thursday, 29 March 2007, 06:00", "THURSDAY, 29 MARCH 2007", "thursday,29 march 2007", "Cable dated: 29 March 2007",
    "CABLE DATED:2 May 2009", "cable dated 2 May 2009", "Thursday 29 March 2007", "MONDAY, 1 Foo 2001", "Friday, x",
    "FR\u0130DAY, 1 May 2009", "Fr\u0131day, 1 May 2009", "Tue\u017fday, 1 May 2009", "Sunday, 30 February 2009",
    "head\nWednesday,\n3 June 2009\n", "no date here at all \u00e9t\u00e9", "ca ble dated: 1 May 2009", "Saturday,  7  July  1990",
]


def test_first_in_head_gives_the_patterns_match() -> None:
    """first_in_head's match is the pattern's own (not only whether there is
    one): the dateline reader reads its groups. Case-blind heads, fold-blind
    letters (U+0130, U+0131, U+017F) and heads cut short."""
    from cablelint.parse.dating import DATELINE_RE
    from cablelint.prefilter import lowered
    for pattern in (DATELINE_RE, default_vocabulary().partial_notice_re):
        for text in DATELINES + HEADS + ["été " + t for t in DATELINES]:
            for end in range(0, len(text) + 1):
                want = pattern.search(text, 0, end)
                for low in (None, lowered(text)):  # the needles looked for in the head, or in the text's lowered bytes
                    got = memo.first_in_head(pattern, text, end, low)
                    assert (want is None) is (got is None), (text, end, low)
                    assert want is None or (want.span(), want.groups()) == (got.span(), got.groups()), (text, end)


def test_dateline_reads_as_the_pattern_alone() -> None:
    from cablelint.parse import dating
    for text in DATELINES:
        m = dating.DATELINE_RE.search(text)
        want = None
        if m and m[2].upper() in dating.MONTH_NAMES:
            try:
                want = dating.dt.date(int(m[3]), dating.MONTH_NAMES[m[2].upper()], int(m[1]))
            except ValueError:
                want = None
        got = dating._dateline(text, len(text))
        assert (got.value if got else None) == want, text
        low = dating._dateline(text, len(text), text.encode("utf-8", "surrogatepass").lower())
        assert (low.value if low else None) == want, text


def test_lines_bisect_by_their_start_as_a_list_of_starts_does() -> None:
    """lines.LINE_START as bisect's key finds the index a list of every line's start gives."""
    from bisect import bisect_left, bisect_right
    from cablelint.parse.lines import LINE_START, Line
    for starts in ([], [0], [0, 5, 5, 9], [0, 1, 2, 40, 41, 100]):
        lines = [Line("x", s) for s in starts]
        for x in range(-1, 102):
            assert bisect_right(lines, x, key=LINE_START) == bisect_right(starts, x), (starts, x)
            assert bisect_left(lines, x, key=LINE_START) == bisect_left(starts, x), (starts, x)
