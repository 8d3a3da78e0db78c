"""Mends of the review of trust2 (session 7): each test on short text written here."""
from __future__ import annotations

from cablelint import lint_text


def _tag_messages(tags: str) -> list[str]:
    text = f"UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: {tags}\nSUBJECT: TALKS\n\n1. (U) Text.\n"
    return [f.message for f in lint_text(text, path="t.txt", date="2009-03-01") if f.rule == "CL404"]


def test_an_english_word_of_the_subject_phrase_ending_the_tags_line_gets_no_country_suggestion() -> None:
    # ARE and CAN are ISO alpha-3 codes, but here words of the free phrase the export put on the line.
    assert _tag_messages("PREL PGOV ECON ETRD EFIN TALKS ARE STALLED IN TURKEY") == []
    assert _tag_messages("PREL PGOV ECON EFIN WHY TALKS ARE STALLED") == []
    assert _tag_messages("PREL PGOV ECON IT VOTE CAN WAIT UNTIL MONDAY") == []
    # The same code outside a phrase still gets its suggestion.
    assert _tag_messages("PREL ARE ECON") == [
        "TAG ARE is not a known subject, program, country or organization TAG (did you mean AE (United Arab Emirates)?)"]
