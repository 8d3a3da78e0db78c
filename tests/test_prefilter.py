"""Literal pre-checks of whole-text regexes (prefilter.py): the needles come
from the pattern, and a text without them has no match."""
from __future__ import annotations

import regex

from cablelint.prefilter import fold_blind, lowered, prefiltered


def test_needles_of_alternatives_and_repeats() -> None:
    pre = prefiltered(regex.compile(r"(?i)this record is a partial extract|full text of the cable"))
    assert pre.folded and set(pre.needles) == {"this record is a partial extract", "full text of the cable"}
    cut = prefiltered(regex.compile(r"(?:\w[ \t]?|^\s*)(?:\.{3,}|…)\s*$"))
    assert set(cut.needles) == {"...", "…"} and not cut.folded
    assert prefiltered(regex.compile(r"(?i)subject:\W*cancel(?:l)?ed")).needles == ("subject:",)


def test_possible_is_case_blind_only_for_case_blind_patterns() -> None:
    pre = prefiltered(regex.compile(r"(?i)partial extract"))
    assert pre.possible("¶1. THIS IS A PARTIAL EXTRACT") and not pre.possible("¶1. the whole cable")
    assert pre.possible("A Partial Extract", lowered("A Partial Extract"))
    exact = prefiltered(regex.compile(r"MISSING SECTION"))
    assert exact.possible("MISSING SECTION 2") and not exact.possible("missing section 2")


def test_no_precheck_when_the_needles_are_unknown_or_useless() -> None:
    assert prefiltered(regex.compile(r"\p{Lu}{3}")).needles is None  # regex-only syntax
    assert prefiltered(regex.compile(r"(?i)\bE\.? ?O")).needles is None  # single letters find every cable
    assert prefiltered(regex.compile(r"[[:alpha:]]+x")).needles is None  # a POSIX class
    assert prefiltered(regex.compile(r"(?i)café au lait")).needles is None  # case-blind, not ASCII
    assert prefiltered(regex.compile(r"\d+")).possible("anything")


def test_a_prefiltered_pattern_pickles_and_acts_as_its_pattern() -> None:
    import pickle
    pre = prefiltered(regex.compile(r"(?i)partial extract"))
    back = pickle.loads(pickle.dumps(pre))
    assert back.needles == pre.needles and back.search("A PARTIAL EXTRACT") is not None
    assert pre.pattern == r"(?i)partial extract"


def test_damage_index_lines_are_the_split_lines_and_built_once() -> None:
    from cablelint import make_engine
    from cablelint.damage_index import index_of
    from cablelint.source import Source
    engine = make_engine(rules=["state"])
    for text in ("UNCLAS PARIS 000579\r\nSUBJECT: TALKS\r\n\r\n1. (U) Text.\r\n", "A\n\nB", "", "one line"):
        doc = engine.parse(Source("<t>", text))
        lines = index_of(doc).lines
        assert [lines[i] for i in range(len(lines))] == text.split("\n")
        assert index_of(doc) is index_of(doc)
        assert index_of(doc).low == text.encode().lower()


def test_a_line_anchored_pattern_is_tried_only_where_lines_start_with_its_head() -> None:
    pre = prefiltered(regex.compile(r"(?m)^DE [A-Z]{4,7} ?#(?P<serial>\d{4})\b"))
    assert pre.head == "DE "
    assert prefiltered(regex.compile(r"^DE X")).head is None  # `^` of the text only
    assert prefiltered(regex.compile(r"(?im)^DE X")).head is None  # case-blind, one alternative: scanned as usual
    texts = ["DE RUEHFR #0579/01", "x\nDE RUEHFR #0579\nDE RUEHFR #0580 \nDE ", "", "DE", "MADE RUEHFR #0579",
             "DE RUEHFR #0579\r\nDE RUEHFRA#1234\nDE RUEHFR #12"]
    for text in texts:
        assert [m.span() for m in pre.scan(text)] == [m.span() for m in pre.rx.finditer(text)]
    # every line start (no literal in common; case-blind): CL907's archive notice
    notice = prefiltered(regex.compile(r"(?im)^\W*(?:subject:\W*)?cancel(?:l)?ed\W*$|^\W*(?:this|ref\w*) "
                                       r"(?:cable|message) (?:is )?(?:cancel(?:l)?ed|withdrawn)\b"))
    assert notice.head == ""
    assert prefiltered(regex.compile(r"(?m)^AB|CD")).head is None  # CD anywhere
    assert prefiltered(regex.compile(r"(?m)^AB|^CD")).head == ""
    for text in ["", "\n", "CANCELLED", "x\n-- cancelled --\n\n\nCancelled.\nThis cable is withdrawn now",
                 "\n\n  \n Canceled\r\nref cable cancelled\n", "not cancelled\n(cancelled)\nxcancelled"]:
        assert [m.span() for m in notice.scan(text)] == [m.span() for m in notice.rx.finditer(text)], text
    # a match running over the next line start: that line is not tried again, as finditer does
    spans = prefiltered(regex.compile(r"(?m)^AB[\s\S]*?Z"))
    assert [m.span() for m in spans.scan("AB\nAB Z\nAB Z")] == [m.span() for m in spans.rx.finditer("AB\nAB Z\nAB Z")]


def test_a_text_with_a_character_that_folds_to_ascii_is_always_scanned():
    """IGNORECASE matches 'ſ' (long s) to 's': the needle 'secret' is not in the
    lowered text, yet the pattern matches, so the pre-check must not rule it out."""
    p = prefiltered(regex.compile("secret", regex.IGNORECASE))
    text = "a \u017fecret"
    assert p.rx.search(text) is not None
    assert p.possible(text)


def test_branches_splits_only_a_top_level_alternation_it_can_read() -> None:
    from cablelint.prefilter import branches

    assert branches(r"\((?<![A-Z]\()\s*S\)|(?i:\bby\s+compilation\b)|(?m:(?<=\w)\.\.\.$)") == [
        r"\((?<![A-Z]\()\s*S\)", r"(?i:\bby\s+compilation\b)", r"(?m:(?<=\w)\.\.\.$)"]
    assert branches(r"[|]|x") == ["[|]", "x"] and branches(r"[^]|]|z") == ["[^]|]", "z"]
    assert branches(r"a|(b|c)") == ["a", "(b|c)"] and branches("\\\\|x") == ["\\\\", "x"]
    for whole in (r"(?i)a|b", r"(a)|\1", r"(?P<n>a)|(?P=n)", r"\Qa|b\E", r"[[:alpha:]]|x", "abc", r"(a|b"):
        assert branches(whole) == [whole]


def test_anywhere_finds_what_the_whole_pattern_finds() -> None:
    from cablelint.prefilter import Anywhere, lowered

    pattern = r"\((?<![A-Za-z]\()\s*(?:S|SECRET)\s*\)|(?i:\bclassified\s+by\s+compilation\b)|(?m:(?<=\w)\.\.\.[ \t]*$)"
    texts = ["1. (S) Text.", "b(S) glued", "Classified BY  compilation", "cut off...\nnext", "cut off ...",
             "nothing here", "K(S)", "\u212aLASSIFIED by compilation", ""]
    for pattern in (pattern, r"\bSENSITIVE\b|(?i:protect)", r"(?i)\bsbu\b|\bnoforn\b"):
        for text in texts + ["SENSITIVE BUT", "insensitive", "PROTECT", "(SBU)", "sBu"]:
            want = regex.search(pattern, text) is not None
            assert Anywhere(pattern).found_in(text) == want, (pattern, text)
            assert Anywhere(pattern).found_in(text, lambda: lowered(text)) == want, (pattern, text)


def test_fold_blind_remembers_only_the_text_it_was_asked_about() -> None:
    """fold_blind keeps its last verdict (a document's rules ask about its text
    a dozen times): another text, even one of the same length, is read afresh."""
    blind, plain = "caf\u00e9 \u212aILO", "caf\u00e9 KILO"
    assert len(blind) == len(plain)
    for _ in range(2):
        assert fold_blind(blind) and fold_blind(blind)
        assert not fold_blind(plain) and not fold_blind(plain)
    assert fold_blind("".join(["caf\u00e9 ", "\u212aILO"]))  # equal, not the same object
    assert not fold_blind("ascii only")


def test_a_pattern_of_literal_alternatives_is_found_with_find_where_finditer_finds_it() -> None:
    """`starts` looks for a pattern that is only literal alternatives (CL902's
    archive notice) with str.find: the same starts as finditer, the first
    alternative written winning where several start, a match's text passed
    over, case-blind in the lowered text (offsets kept past non-ASCII), and
    the regex itself for a text with a letter IGNORECASE folds onto ASCII."""
    notice = prefiltered(regex.compile(r"(?i)this record is a partial extract|full text of the original"))
    assert notice.literals == ("this record is a partial extract", "full text of the original")
    assert prefiltered(regex.compile(r"(?i)abcx|abdx")).literals == ("abcx", "abdx")  # a prefix the parser factors
    assert prefiltered(regex.compile(r"abc|ab\d")).literals is None
    cases = {
        r"(?i)ab|abc": ["abcab", "ABC abc aBc", "", "xyz"],
        r"abc|ab": ["abcab", "ababc"],
        r"(?i)ab(?:c|cd)|abcd": ["abcd abc ABCD"],
        r"(fo|foo)o": ["foooo fooo foo"],
        r"(?i)this record is a partial extract|full text of the original": [
            "\u00e9\u2019 THIS RECORD IS A PARTIAL EXTRACT.\nThe FULL TEXT OF THE ORIGINAL... this record is a "
            "partial extract", "this record is a partial e\u212atract", "nothing here"],
        r"(?i)kelvin": ["\u212aelvin and kelvin", "KELVIN \u00e9"],
    }
    for pattern, texts in cases.items():
        pre = prefiltered(regex.compile(pattern))
        assert pre.literals is not None, pattern
        for text in texts:
            assert pre.starts(text) == [m.start() for m in pre.rx.finditer(text)], (pattern, text)
            assert pre.starts(text, lowered(text)) == pre.starts(text)


def test_a_pattern_whose_matches_start_with_a_few_characters_is_tried_only_where_they_stand() -> None:
    """CL917's garble (a Q or a symbol between lower-case letters) has no
    literal to pre-check: `scan` tries it where one of its first characters
    stands, with finditer's matches (the first `most` of them), and scans as
    finditer does when those characters are everywhere."""
    garble = prefiltered(regex.compile(r"(?<=[a-z])(?:Q(?!(?:s|t|re|ve|ll|d|m)\b)|[%$#!])(?=[a-z])|QQQ"))
    assert garble.firsts == "!#$%Q"
    assert prefiltered(regex.compile(r"a?bc")).firsts is None  # a match may start at b
    assert prefiltered(regex.compile(r"[^a]bc")).firsts is None
    assert prefiltered(regex.compile(r"(?i)qz")).firsts is None  # case-blind: not read
    texts = ["", "thQ word aQready Pr%sidejT s5cce$sful QQQQQ the Qs", "IRAQ " * 400 + "aQb",
             "no garble at all", "a#b\nc!d\n" * 3]
    for text in texts:
        spans = [m.span() for m in garble.rx.finditer(text)]
        assert [m.span() for m in garble.scan(text)] == spans, text[:40]
        assert [m.span() for m in garble.scan(text, 2)] == spans[:2]
