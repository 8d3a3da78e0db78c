"""parse/cutwords.py: the one test that a cut's last words are written again and
the text goes on, shared by copies.settle_copy ("written again whole") and
CL911 (damage_loss), each with its own limits. Short texts written for these tests."""
from __future__ import annotations

from cablelint.parse.cutwords import goes_on, plain, words_before_cut, written_again
from cablelint.parse.labels import labels
from cablelint.vocabulary import default_vocabulary

CUT = labels(default_vocabulary()).elision_end
GOES_ON = " and the rest of the sentence runs on for a good while after that."


def test_the_words_before_the_cut_hold_the_letters_asked_for_reading_back_over_lines() -> None:
    text = "first line here\n¶2. (C) The budget talks sta..."
    assert words_before_cut(text, len(text), CUT, 8) == ["talks", "sta"]
    assert words_before_cut(text, len(text), CUT, 9) == ["budget", "talks", "sta"]
    assert words_before_cut(text, len(text), CUT, 40) == ["first", "line", "here", "2.", "(C)", "The", "budget",
                                                          "talks", "sta"]  # all there is


def test_with_a_word_count_the_last_words_of_the_first_line_back_that_holds_any() -> None:
    text = "Summary\n-------\n¶1.  (C..."
    assert words_before_cut(text, len(text), CUT, 1, 3) == ["1.", "(C"]
    dots = "The budget talks sta\n..."
    assert words_before_cut(dots, len(dots), CUT, 1, 3) == ["budget", "talks", "sta"]


def test_the_words_are_written_again_when_the_text_goes_on_past_them() -> None:
    text = "cut: The budget talks sta...\nAGAIN\nThe  BUDGET\n¶talks started" + GOES_ON
    start = text.index("AGAIN")
    words = ["budget", "talks", "sta"]
    assert written_again(text, words, start, 40)
    assert not written_again(text, words, start, 400)  # too little text after them
    assert not written_again(text, ["budget", "walks", "sta"], start, 40)
    assert not written_again(text, [], start, 40)
    # a mark after them: the same words ending in the same dots
    dotted = "cut: Seeking someone...\nAGAIN\nSeeking someone..." + GOES_ON
    assert written_again(dotted, ["Seeking", "someone"], dotted.index("AGAIN"), 40, r"\s*(?:\.{3,}|…)")
    assert not written_again(text, words, start, 40, r"\s*(?:\.{3,}|…)")


def test_the_quick_check_on_the_last_word_lets_a_fold_blind_letter_through() -> None:
    # IGNORECASE matches the dotless i to I, which str.casefold does not: the pattern decides then
    text = "cut: the ınterım...\nAGAIN\nthe INTERIM" + GOES_ON
    assert written_again(text, ["the", "ınterım"], text.index("AGAIN"), 40)


def test_goes_on_and_plain_put_pilcrows_blanks_and_case_aside() -> None:
    assert plain("¶1. (C)  The\n minister sa") == "1. (C) THE MINISTER SA"
    assert goes_on("¶1. (C) The minister sa", "1. (C) the Minister said more")
    assert not goes_on("The minister sa", "The minister sa")
