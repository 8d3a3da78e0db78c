"""The body stage's cheap scans find what the patterns they stand for find
(issue 9, parse speed): glued-number candidates found from their dot, the
text lowered through Latin-1, letters counted by bytes. Texts written for these tests."""
from __future__ import annotations

import sys

import regex
from hypothesis import given, settings, strategies as st

from cablelint.parse import parse
from cablelint.parse.bodystate import State
from cablelint.parse.plain import of_matters
from cablelint.parse.quotes import regions
from cablelint.parse.textscan import TO_ASCII_LOWER, hot_offsets, lowered as _lowered, lowered_source
from cablelint.source import Source
from cablelint.vocabulary import default_vocabulary
from cablelint.parse.glued import BARE_GLUED_RE, GLUED_RE, candidates
from cablelint.parse.lines import _letters_upper, is_heading, para_start

GLUED_TEXTS = [
    "The talks ended. 4. (C) The minister said so.\n", "x12.(C) y 1234. (S) z 5.(U)\n", "a. 5. The b! 12.  Next\n",
    "see para 2. 3. (SBU) More. 1. Ok\n", "\u0661\u0662. (C) arabic digits 7.\t(S/NF) x\n", "99999. (C) long run\n",
    "said. 10.   Amb met\n(C) 2. (C)\n", ") 7. Xy\n\"  8. Ab\n",
]


def _expected(text: str, at: int, bare: bool) -> list[int]:
    got = {m.start() for m in GLUED_RE.finditer(text, at)}
    if bare:
        got |= {m.start() for m in BARE_GLUED_RE.finditer(text, at)}
    return sorted(c for c in got if c and text[c - 1] in " \t")  # only after a blank can one be inside a line


def test_glued_candidates_are_where_the_glued_patterns_match() -> None:
    for text in GLUED_TEXTS:
        for at in range(len(text)):
            for bare in (False, True):
                assert candidates(text, at, bare) == _expected(text, at, bare), (text, at, bare)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789. \t()CSUNFab/!?\"')]Ttx\n\u0663", max_size=60))
def test_glued_candidates_on_any_text(text: str) -> None:
    for bare in (False, True):
        assert candidates(text, 0, bare) == _expected(text, 0, bare)


def test_lowered_through_latin1_finds_the_same_ascii_words() -> None:
    for text in ["CLASSIFIED BY ¶ À Élodie SECTION", "Dear Ms. Doe,\nYOURS SINCERELY,", "curly \u2019 QUOTE İ"]:
        fast, slow = _lowered(text, True), _lowered(text, False)
        assert len(fast) == len(slow) == len(text)
        for word in ("classified", "section", "dear", "yours sincerely", "quote", "élodie"[1:]):
            assert fast.find(word) == slow.find(word), (text, word)


def test_letters_and_capitals_are_counted_alike_for_any_text() -> None:
    for s in ["KEY POINTS", "Key Points:", "----- --", "Résumé ÉTÉ", "", "12 (C) A.B."]:
        assert _letters_upper(s) == (sum(map(str.isalpha, s)), sum(map(str.isupper, s)))
    assert is_heading("KEY POINTS") and is_heading("----") and not is_heading("The talks went well.")


def test_a_paragraph_number_after_blanks_and_what_follows_it() -> None:
    assert para_start("   4. (C) Text").number == 4
    assert para_start("\t\u20285. Text").number == 5
    assert para_start("   Text 4. (C)") is None
    assert para_start("2002 MADRID 1234") is None and para_start("10:30 meeting") is None
    assert para_start("7.") is not None and para_start("7 ") is None and para_start("7.5 percent") is None


def test_hot_offsets_are_every_place_of_the_words_is_plain_looks_for() -> None:
    text = "A\nparis 00000579 002 of 004\nDeclassified by x; CLASSIFIED BY y OF z\n"
    low = _lowered(text, True)
    of, lassified = text.index(" of 0"), low.index("lassified")
    want = sorted([of, lassified, low.index("lassified", lassified + 1)])
    assert hot_offsets(text, low, 0) == want and hot_offsets(text, low, want[-1] + 1) == []
    assert hot_offsets(text, low, 0, clby=False) == [of]


def test_an_of_in_prose_matters_only_where_a_page_mark_or_a_heading_may_need_it() -> None:
    state = State(False)
    assert not of_matters("THE MINISTER OF FINANCE SAID THAT THE", state)
    assert of_matters("PARIS 00000579  002 OF 004", state) and of_matters("PARIS 00000579  002 OF 004 \\", state)
    assert of_matters("THE TEXT GOES ON PARIS 00000579 002 OF 004 AND ON", state)  # a page mark run into the text
    assert of_matters("\u20285. THE MINISTER OF FINANCE", state)  # other blanks: para_start reads through U+2028
    state.heading_para = True
    assert of_matters("THE MINISTER OF FINANCE SAID THAT THE", state)


def test_a_line_of_prose_with_of_after_a_paragraph_reads_as_before() -> None:
    text = "1. (C) Text one.\nTHE MINISTER OF FINANCE\nPARIS 00000579  002 OF 004\nmore text\n\n2. (C) Two.\n"
    doc = parse(Source(path="t.txt", text=text))
    assert [p.number for p in doc.paragraphs] == [1, 2]
    assert [(s.number, s.total, s.kind) for s in doc.sections] == [(2, 4, "page")]


def test_only_the_kelvin_sign_lowers_to_ascii_outside_ascii() -> None:
    # textscan.lowered_source leaves every other non-ASCII character as written
    assert [c for c in map(chr, range(128, sys.maxunicode + 1))
            if len(c.lower()) == 1 and c.lower().isascii()] == [TO_ASCII_LOWER]


def test_a_character_lowered_keeps_what_the_quotation_patterns_ask_of_it() -> None:
    # letter, digit, word character, blank: what quotes.py's tails and word starts test
    word, blank = regex.compile(r"\w"), regex.compile(r"\s")
    for c in map(chr, range(128, sys.maxunicode + 1)):
        low = c.lower()
        if len(low) == 1 and low != c:
            assert (c.isalnum(), bool(word.match(c)), bool(blank.match(c))) == \
                (low.isalnum(), bool(word.match(low)), bool(blank.match(low))), hex(ord(c))


LOWER_TEXTS = [
    "CLASSIFIED BY \u00b6 \u00c0 \u00c9lodie SECTION\n", "Dear Ms. Doe,\nYOURS SINCERELY,\n",
    "curly \u2019 QUOTE \u0130 BEGIN TEXT:\nDEAR \u0425\u0410\u041d,\nText.\nEND TEXT\n",
    "\u201cBEGIN QUOTE\u201d\nDear \u00c9mile:\nSincerely,\n", "Dear \u212aim,\nVERY TRULY YOURS\n",
    "lone \ud800 surrogate DEAR SIR,\nRespectfully\n",
]


def test_the_source_lowered_finds_the_words_and_quotations_where_lowered_does() -> None:
    vocab = default_vocabulary()
    for text in LOWER_TEXTS:
        fast, slow = lowered_source(Source(path="t.txt", text=text), True), _lowered(text, True)
        assert len(fast) == len(slow) == len(text)
        for w in ("classified", "section", "dear", "yours sincerely", "quote", "begin", "end", "of 0", "sincerely"):
            assert [i for i in range(len(text)) if fast.startswith(w, i)] == \
                [i for i in range(len(text)) if slow.startswith(w, i)], (text, w)
        assert regions(fast, 0, vocab) == regions(slow, 0, vocab), text
    assert lowered_source(Source(path="t.txt", text=LOWER_TEXTS[4]), True) == _lowered(LOWER_TEXTS[4], True)
