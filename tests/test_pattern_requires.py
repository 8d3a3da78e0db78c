"""`requires` in pattern rules (issue 15): the release set's line patterns
search a keyword once per cable instead of scanning every line, and must
find exactly what the full scan finds."""
from __future__ import annotations

from pathlib import Path

import pytest

from cablelint.api import load_ruleset, make_engine
from cablelint.checks import pattern
from cablelint.source import Source, read


def _without_requires(rs):
    rules = [r.replace(params={k: v for k, v in r.params.items() if k not in ("requires", "_requires")})
             for r in rs.rules]
    return rs.replace(rules=rules)


def _same_findings(fast, full, texts, rules) -> int:
    """Both engines give the same findings on every text; how many are of `rules`."""
    seen = 0
    for src in texts:
        a = [(f.rule, f.start, f.end, f.message) for f in fast.lint_source(src)]
        b = [(f.rule, f.start, f.end, f.message) for f in full.lint_source(src)]
        assert a == b, src.path
        seen += sum(r in rules for r, *_ in a)
    return seen


def test_requires_hides_no_hit_of_the_release_line_patterns(corpus_dir: Path) -> None:
    shipped = load_ruleset("release")
    assert sum("_requires" in r.params for r in shipped.rules) >= 5
    fast = make_engine([shipped], as_of="2015-01-01")
    full = make_engine([_without_requires(shipped)], as_of="2015-01-01")
    texts = [read(p) for p in sorted(corpus_dir.iterdir())[:400] if p.is_file()]
    texts.append(Source("made.txt", "UNCLASSIFIED\n\n1. Call TEL: +33 1 43 12 22 22, fax (202) 647-4000, cell\n"
                                    "555.123.4567; e-mail j.doe@state.example; PPT NO. X1234567; DOB 01/02/1970.\n"
                                    "2. Our contact Jean Dupont (strictly protect) and Marie Curie, protect.\n"))
    flagged = _same_findings(fast, full, texts, ("CL608", "CL610", "CL611", "CL612", "CL613"))
    assert flagged >= 6  # the made-up cable alone flags each kind


def test_requires_is_refused_with_match() -> None:
    with pytest.raises(ValueError, match="requires"):
        pattern.prepare({"target": "lines", "match": "x", "requires": "y"})


def test_requires_hides_no_hit_of_the_state_line_patterns(corpus_dir: Path) -> None:
    """CL115 and CL921 (`lines` targets in the default run) find what a scan of every line finds."""
    shipped = load_ruleset("state")
    assert {r.id for r in shipped.rules if "_requires" in r.params} >= {"CL115", "CL921"}
    fast = make_engine([shipped])
    full = make_engine([_without_requires(shipped)])
    texts = [read(p) for p in sorted(corpus_dir.iterdir())[:300] if p.is_file()]
    texts.append(Source("made.txt", "UNCLASSIFIED\r\nE.O. 12958: N/A\r\nTAGS: [PREL](#) [FR](#)\r\nSUBJECT: T\r\n\r\n"
                                    "1. XXXXXXXXXXXX met Jean Dupont (strictly protect).\r\n[11.](#)\r\n\r\n"))
    assert _same_findings(fast, full, texts, ("CL115", "CL921")) >= 3


@pytest.mark.parametrize("pat,only", [
    (r"^a", True), (r"^(a|b)c", True), (r"^[|]x", True), (r"^[]|]x", True), (r"^a\|b", True),
    (r"^a|b", False), (r"(?m)^a", False), (r"a^", False), (r"(?x)^a # |", False),
])
def test_at_start_only(pat: str, only: bool) -> None:
    """A `forbid` pattern taken as anchored is tried once per item (`match`):
    an alternation outside the `^` or multi-line mode must keep `finditer`."""
    import regex
    assert pattern.at_start_only(pat, regex.compile(pat)) is only


def test_anchored_forbid_finds_what_finditer_finds() -> None:
    """`match` at the item's start gives finditer's hits, `\\K` included."""
    import regex
    rx = regex.compile(r"^[ \t]*\d\.[ \t]*\K\((?P<mark>[a-z ]+)\)")
    p = {"_forbid": rx, "_forbid_at_start": True}
    for raw in ["1. (c) text (s) more", "  2.(u ) x", "x 1. (c)", "", "3. (C)"]:
        assert [m.span() for m in pattern._forbidden(p, raw)] == [m.span() for m in rx.finditer(raw)]
