"""The cheap tests the header stages run before their regexes never turn a line away
that the regex would take (the gates must be supersets of what they guard)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from cablelint.parse.routing import DTG_RE, ROUTING_RE, SECURITY_RE, _may_route
from cablelint.parse.labels import labels
from cablelint.parse.lines import classify, may_open_field
from cablelint.parse.plain import banner_pairs, may_be_banner
from cablelint.parse.repair import RUN_ON_MARK_RE, line_may_hold_mark, may_hold_mark
from cablelint.vocabulary import default_vocabulary

LINES = [
    "", "   ", "E.O. 12958: DECL: 01/01/2019", "EO 12958 DECL: X1", "e.o. 12356: oadr", "[E.O. 13526: N/A",
    "TAGS: PREL PGOV", "AGS: PREL", "Tags: ECON", "[TAGS](#): PREL", "SUBJECT: A VISIT", "Subj: x", "UBJECT: X",
    "REF: STATE 1234", "REFS: A", "Classified By: Jane Doe for reasons 1.4 (b)", "CLASSIFIED BY AMB X",
    "CAIROClassified By: X", "SECRET STATE 123 1. (C) text", "1 . (U) text", "P 110117Z OCT 01", "RR RUEHC",
    "O 261454Z MAY 09", "ZNY CCCCC ZZH", "VZCZCXRO1234", "DE RUEHC #1234 2841234", "NNNN", "BT", "#1234",
    "FM SECSTATE WASHDC", "TO AMEMBASSY PARIS PRIORITY", "INFO USMISSION USNATO", "RUEHC/SECSTATE WASHDC",
    "AMEMBASSY ROME PRIORITY", "261454Z MAY 09", " \tP 110117Z OCT 01", "\u00a0TAGS: PREL", "\u017fUBJECT: x",
    "MO. 12958: DECL", "DEPT FOR NEA/MAG", "NOFORN SIPDIS", "C O N F I D E N T I A L STATE 1", "R(EF: x",
]


def test_may_hold_mark_lets_every_run_on_mark_through():
    for text in LINES + [f"NOFORN SIPDIS {x}" for x in LINES]:
        if RUN_ON_MARK_RE.search(text):
            assert may_hold_mark(text), text
    assert not may_hold_mark("AMEMBASSY ROME PRIORITY")
    assert not may_hold_mark(": DECL: 02/27/2021")  # an E.O. line's rest: no other field in it


def test_a_run_on_line_is_cut_as_before_the_sharper_gate():
    """The fields after a first one are still found: a TAG after a DECL, an E.O.
    written EO, a mark after a REF's citation with DECL later on the line."""
    from cablelint.parse.repair import _run_on_cuts
    cases = {"E.O. 12958: DECL: 03/20/2019 TAG PTER": [29], "NOFORN EO 12958 DECL: X1": [7],
             "REF: STATE 96423 (U) THE DECLARATION": [17], "E.O. 12958: DECL: 02/27/2021": []}
    for text, cuts in cases.items():
        assert _run_on_cuts(text) == cuts, text


def test_may_open_field_lets_every_eo_tags_subject_line_through():
    v = default_vocabulary()
    for text in LINES:
        if classify(text, v).name in ("eo", "tags", "subject"):
            assert may_open_field(text, v), text
    assert not may_open_field("DEPT FOR NEA/MAG", v)


def test_may_route_lets_every_routing_line_through():
    v = default_vocabulary()
    for text in LINES:
        s = text.strip()
        if DTG_RE.match(text) or SECURITY_RE.match(text) or ROUTING_RE.match(s) or labels(v).routing.match(s):
            assert _may_route(s, labels(v).routing_first), text
    assert not _may_route("RUEHC/SECSTATE WASHDC", labels(v).routing_first)


def _one_alternation(text: str, v) -> str:
    """What the recognisers' patterns at the line start say, tried in the
    table's order (written out here without the parser's first-character
    tests, which must change no answer): the first that matches takes the line."""
    from cablelint.parse.lines import CLBY_RE, EO_RE, PAGE_RE, para_start
    lab = labels(v)
    if not text.strip():
        return "blank"
    if para_start(text) is not None:
        return "paragraph"
    recs = {"page": lambda t: (" OF " in t or " of 0" in t) and PAGE_RE.match(t),
            "eo": lambda t: t.lstrip("[ \t")[:1] in "EeMm" and EO_RE.match(t),
            "tags": lab.tags.match, "subject": lab.subject.match,
            "classified_by": lambda t: "lassified" in t.lower() and CLBY_RE.search(t),
            "ref": lab.ref.match, "field": lambda t: ":" in t and v.field_re.match(t)}
    return next((name for name, rec in recs.items() if rec(text)), "text")


def test_classify_answers_as_one_alternation_of_the_patterns():
    v = default_vocabulary()
    more = ["Beijing 00002963 002 of 002", "PARIS 00000579  002 OF 004", "Tags: ECON of 002", "x: Classified By: Y",
            "Derived From: DSCG 05-01", "REASON: 1.4 (b)", "\u2028E.O. 12958: DECL", "[[TAGS: PREL", " \x0bTAGS: X",
            "\u212aTAGS: x", "ref: lower", "Rome 00001 002 of 003"]
    for text in LINES + more + [f"NOFORN SIPDIS {x}" for x in LINES]:
        assert classify(text, v).name == _one_alternation(text, v), text


BANNERISH = [
    "SECRET", "S E C R E T", "Secret//NOFORN", "CONFIDENTIAL SECTION 01 OF 02", "c o n f i d e n t i a l",
    "UNCLAS SECTION 1", "TOP SECRET", "T O P SECRET", "LIMITED OFFICIAL USE", "NATO SECRET", "CUI",
    "  SECRET", "\tSENSITIVE BUT UNCLASSIFIED", "\u017fECRET", "S\u017fcret", "The minister", "the talks", "said",
    "Under the plan", "Control", "to be", "Secretary", "S", "U.S.", "T O", "Co", "cu", "Na", "Li",
]


def test_may_be_banner_lets_every_banner_line_through() -> None:
    v = default_vocabulary()
    pairs = banner_pairs(v)
    for text in BANNERISH:
        lead = text.lstrip(" \t")
        if lead[:1] in v.banner_initials and v.banner_re.match(text):
            assert may_be_banner(lead, pairs), text
    assert not may_be_banner("The minister", pairs) and not may_be_banner("said", pairs)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="SECRTOPNFIDAULBsecrtopnfidaulb \t\u017f\u212a/.", min_size=1, max_size=14))
def test_may_be_banner_on_any_text(text: str) -> None:
    v = default_vocabulary()
    lead = text.lstrip(" \t")
    if lead[:1] in v.banner_initials and v.banner_re.match(text):
        assert may_be_banner(lead, banner_pairs(v)), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="TAGSUBJECTREFtagsubjectref []:\t\u017f\u212a\u2028(#)", min_size=1, max_size=12))
def test_label_gates_on_any_text(text: str) -> None:
    """The two-character openings (labels.may_open) turn no label line away."""
    v = default_vocabulary()
    assert classify(text, v).name == _one_alternation(text, v), text


def _route_kind_ungated(text: str, v) -> str:
    """What a routing line is, every pattern tried in order (the parser's former
    reading, without the first-character tests, which must change no answer)."""
    import regex
    from cablelint.parse.routing import SPACED_START_RE
    s = text.strip()
    if _may_route(s, labels(v).routing_first):
        if DTG_RE.match(text):
            return "dtg"
        if SECURITY_RE.match(text):
            return "security"
        if ROUTING_RE.match(s):
            return "routing"
        if labels(v).routing.match(s):
            return "label"
    address = regex.match(r"^[A-Z0-9/ .,&()'-]+$", s)
    if address and not SPACED_START_RE.match(text) and not v.banner_re.match(text):
        return "address"
    return ""


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ZOPRNVDBTFMI#0129 /\t\u2028\x1c\u017fCSEUab()", min_size=0, max_size=14))
def test_routing_gates_on_any_text(text: str) -> None:
    from cablelint.parse.routing import _route_kind_of
    v = default_vocabulary()
    assert _route_kind_of(text, v)[0] == _route_kind_ungated(text, v), repr(text)


def test_routing_gates_on_routing_lines():
    from cablelint.parse.routing import _route_kind_of
    v = default_vocabulary()
    for text in LINES + ["//GBR SECRET", "  //SECRET", "S E C R E T", "SECRET", "RR RUEHC", "R 1 2"]:
        assert _route_kind_of(text, v)[0] == _route_kind_ungated(text, v), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="AZ 019\\\t.-x\u00a0\u0660\u2028", max_size=14))
def test_serial_is_the_search_it_replaces(text: str) -> None:
    from cablelint.parse.banner import SERIAL_RE, _serial
    want, got = SERIAL_RE.search(text), _serial(text)
    assert (want and (want.span(), want.span("serial"))) == (got and (got.span(), got.span("serial")))


_TAIL_WORDS = st.sampled_from(["for", "reasons", "Reasons", "FOR REAS ONS", "e.o. 12958", "E.O. 13526", "para 1.4", "(U)",
                               "per", "under", "nor", "fro", "John Doe", "Ambassador", ",", ";", ".", " ", "(", ")",
                               "\u017f", "\u00a0", "\x1c", "REASO", "NS", "reason(s)"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_TAIL_WORDS, max_size=7).map(" ".join))
def test_reason_tail_searches_as_the_whole_text_search(text: str) -> None:
    """The `$`-anchored searches started at the trailing run find what a search of the whole text finds."""
    from cablelint.parse import clby
    for pattern in (clby.AUTH_TAIL_RE, clby.REASON_WORDING_RE):
        want, got = pattern.search(text), clby._reason_tail(pattern, text)
        assert (want and want.span()) == (got and got.span()), (pattern.pattern, text)
    end = clby._AUTH_END_RE.search(text, clby._trailing_run(text, clby._AUTH_END_CHARS))
    assert end.span() == clby._AUTH_END_RE.search(text).span()


def test_line_may_hold_mark_lets_every_run_on_line_through():
    for text in LINES + [f"NOFORN SIPDIS {x}" for x in LINES] + ["REF: BRIEFING 2 (U) On Monday", "x EO 12958 DECL"]:
        if RUN_ON_MARK_RE.search(text):
            assert line_may_hold_mark(text), text
    assert not line_may_hold_mark("DEFENSE CHIEF GEORGIA NO. 5")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["E.", "O.", "EO", "12958", "DECL:", "03/20/2019", "TAG", "TAGS:", "AGS:", "SUBJ:", "REF:",
                                 "REFS", "STATE", "9643", "(U)", "(C)", "1.", "1", "Classified", "By", "CAIROClassified",
                                 "Derived", "from:", "PTER", "X", "/", " ", "\t", "\u017f"]), max_size=8).map(" ".join))
def test_line_may_hold_mark_on_any_line(text: str) -> None:
    if RUN_ON_MARK_RE.search(text):
        assert line_may_hold_mark(text), text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=" \t\u2028\u00a01.¶[]()C2x", max_size=10), min_size=1, max_size=6))
def test_header_end_as_the_patterns_say(texts: list[str]) -> None:
    """The header area ends at the first line both paragraph patterns take, the first-character test aside."""
    from cablelint.parse.lines import PARA_RE, Line
    from cablelint.parse.repair import NUMBERED_RE, _header_end
    lines = [Line(t, k * 20) for k, t in enumerate(texts)]
    want = next((k for k, t in enumerate(texts) if PARA_RE.match(t) and NUMBERED_RE.match(t)), len(texts))
    assert _header_end(lines) == want


def _plain_state(heading: bool, numbered: bool, text: str):
    from cablelint.document import Paragraph, Span
    from cablelint.parse.bodystate import State
    st = State(False, low=text.lower(), prev_blank=False, heading_para=heading)
    if numbered:
        st.numbered.append(Paragraph(Span(0, 1), 1))
    return st


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="SsCcTtUuNnaeh0123¶[-*\u2022().: \t", min_size=1, max_size=10), st.booleans(), st.booleans())
def test_the_body_gate_and_is_plain_ask_the_one_first_character_test(text: str, heading: bool, numbered: bool) -> None:
    """body.py passes over a line when plain.prose_by_lead says prose; is_plain
    asks it first, so the gate can never pass over a line is_plain would keep."""
    from cablelint.document import Document
    from cablelint.parse.lines import Line
    from cablelint.parse.plain import is_plain, prose_by_lead
    from cablelint.source import Source
    lead = text.lstrip(" \t")
    if not lead:
        return
    v = default_vocabulary()
    doc = Document(source=Source("x.txt", text))
    st = _plain_state(heading, numbered, text)
    if prose_by_lead(lead, st, v.banner_initials, banner_pairs(v)):
        assert is_plain(Line(text, 0), doc, st, v, hot=False), text


def test_prose_by_lead_tells_prose_from_what_may_start_something() -> None:
    from cablelint.parse.plain import prose_by_lead
    v = default_vocabulary()
    pairs, initials = banner_pairs(v), v.banner_initials
    still = _plain_state(False, True, "")
    assert prose_by_lead("the talks went on", still, initials, pairs)
    assert prose_by_lead("The minister said", still, initials, pairs)  # "Th" starts no level
    for lead in ("1. (C) text", "¶2. text", "[3.](#) text", "- (S) bullet", "(C) text", "a. item", "b) item",
                 "SECRET", "Confidential", "S E C R E T"):
        assert not prose_by_lead(lead, still, initials, pairs), lead
    waiting = _plain_state(True, True, "")  # a heading's paragraph waits for its mark: a banner initial may be it
    assert not prose_by_lead("The minister said", waiting, initials, pairs)
