"""Property tests (hypothesis, few examples: the suite stays fast; the long
run is tests/fuzz/fuzz.py): lint never raises, spans lie inside the text,
JSON and SARIF stay valid, redact is idempotent and leaves no occurrence in
any spelling of the matching model."""
from __future__ import annotations

import json
import unicodedata

from hypothesis import HealthCheck, given, settings, strategies as st

from cablelint import make_engine, protect, protectfile
from cablelint.reporters import Report, get
from cablelint.source import Source

NAMES = ["Josiah Rosenblatt", "Dmitri Orlov"]
PLIST = protectfile.from_terms(NAMES)
ENGINE = make_engine(rules=["state", "release"], protect=PLIST)
HEAD = "CONFIDENTIAL PARIS 000579\nE.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\nSUBJECT: T\n\n1. (C) "
SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])

cable_text = st.one_of(
    st.text(max_size=300),
    st.builds(lambda a, b: HEAD + a + "\n2. (C) " + b, st.text(max_size=200), st.text(max_size=200)),
)


@SETTINGS
@given(cable_text)
def test_lint_never_raises_and_spans_are_inside(text: str) -> None:
    found = ENGINE.lint_source(Source("p.txt", text))
    for f in found:
        assert 0 <= f.start <= f.end <= len(text)
        assert 1 <= f.line <= f.end_line and f.column >= 1


@SETTINGS
@given(cable_text)
def test_json_and_sarif_stay_valid(text: str) -> None:
    src = Source("p.txt", text)
    report = Report(ENGINE.lint_source(src), ENGINE.rules, files=1, sources={"p.txt": src})
    report.mask = protect.masker(PLIST, [src])
    for fmt in ("json", "sarif", "gitlab"):
        json.loads(get(fmt).render(report))


# A spelling of a name under the model: per character and between the parts.
_INVISIBLE = ["", "", "", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "&shy;"]
_BETWEEN = [" ", "  ", "\n", "-\n", " \\\n", "_", ".", "-", "\u2013", "&nbsp;", "\u00a0", "*", "%20", "\r\n"]
_LOOKALIKE = {"o": "\u043e", "a": "\u0430", "e": "\u0435", "i": "\u0456", "O": "\u039f"}


@st.composite
def spelling(draw) -> str:
    words = draw(st.sampled_from(NAMES)).split()
    out = []
    for w in words:
        chars = []
        for ch in w:
            ch = draw(st.sampled_from([ch, ch.upper(), ch.lower(), _LOOKALIKE.get(ch, ch),
                                       unicodedata.normalize("NFD", ch + "\u0301")]))
            chars.append(ch + draw(st.sampled_from(_INVISIBLE)))
        out.append("".join(chars).rstrip("\u202e"))
    return draw(st.sampled_from(_BETWEEN)).join(out)


@SETTINGS
@given(st.text(alphabet="abc ,.\n", max_size=40), spelling(), st.text(alphabet="xyz ,.\n", max_size=40))
def test_every_spelling_found_redacted_idempotently(before: str, name: str, after: str) -> None:
    text = before + " " + name + " " + after
    assert next(PLIST.finditer(text), None) is not None, name
    once, n = PLIST.redact(text)
    assert n >= 1 and next(PLIST.finditer(once), None) is None
    assert PLIST.redact(once) == (once, 0)
    assert once.startswith(before) and once.endswith(after)
