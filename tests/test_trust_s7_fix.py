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


def _doc(text: str):  # type: ignore[no-untyped-def]
    from cablelint.parse import parse
    from cablelint.source import Source
    from cablelint.vocabulary import default_vocabulary
    return parse(Source(path="t.txt", text=text), default_vocabulary())


HEAD = "C O N F I D E N T I A L MADRID 000321\nE.O. 12958: DECL: 03/01/2014\nTAGS: PREL SP\n"
CLBY = "Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)\n\n"


def test_a_quoted_subject_in_the_body_does_not_replace_the_cables_own_that_ends_in_dots() -> None:
    text = (HEAD + "SUBJECT: SPAIN: WAITING FOR...\n\n" + CLBY
            + "1. (C) The Department's message, quoted below, set the scene.\n\n"
            + "2. (C) The text of that message follows:\n"
            + "SUBJECT: SPAIN: WAITING FOR THE NEW CABINET TO BE NAMED\n\n3. (C) End text.\n")
    doc = _doc(text)
    assert doc.subject.value == "SPAIN: WAITING FOR..."
    assert [r for r in doc.repairs if r.name == "whole-copy"] == []


def test_a_cut_subject_is_read_from_the_whole_copy_when_an_archive_row_opens_it_after_routing_lines() -> None:
    cut = HEAD + "SUBJECT: SPAIN: THE MINISTER SEES GERMAN\n...\n\n\n"
    row = ('12345,3/1/2004 10:00,04MADRID321,"Embassy Madrid",\nCONFIDENTIAL,,"VZCZCXYZ0001\n'
           'RUEHC/SECSTATE WASHDC PRIORITY","' + HEAD + "SUBJECT: SPAIN: THE MINISTER SEES GERMAN\n"
           "INFLUENCE ON THE RISE\n" + CLBY + "1. (C) Text.\n")
    doc = _doc(cut + row)
    assert doc.subject.value == "SPAIN: THE MINISTER SEES GERMAN INFLUENCE ON THE RISE"
    assert [r.detail for r in doc.repairs if r.name == "whole-copy"] == [
        "SUBJECT cut short on line 4: read from its whole copy"]


def test_the_caption_fix_goes_under_the_first_banner_only_when_a_bare_banner_recurs_as_a_page_mark() -> None:
    from cablelint import make_engine
    from cablelint.fixes import fix_source
    from cablelint.source import Source
    bare = "C O N F I D E N T I A L\n"
    text = (bare + "\nE.O. 12958: DECL: 03/01/2014\nTAGS: PREL SP\nSUBJECT: SPAIN: CAPTIONS\n\n" + CLBY
            + "1. (C//NF) The minister spoke of the plan.\n\n" + bare + "\n2. (C) He said no more.\n")
    fixed = fix_source(make_engine(), Source("t.txt", text), unsafe=True).text
    assert fixed.count(bare + "NOFORN\n") == 1
    assert fixed.startswith(bare + "NOFORN\n")


def _findings(numbers: list[int]) -> list:
    head = "UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL FR\nSUBJECT: MARKS\n\n"
    body = "".join(f"{n}. (U) The minister said that item {k} would wait.\n\n" for k, n in enumerate(numbers))
    return lint_text(head + body, path="t.txt", date="2007-05-01")


def _numbering(numbers: list[int]) -> list[str]:
    return [f.message for f in _findings(numbers) if f.rule == "CL502"]


def test_every_numbering_message_says_what_was_read() -> None:
    assert _numbering([2, 3]) == ["paragraph 2 comes first: number 1 is skipped"]
    assert _numbering([3, 4]) == ["paragraph 3 comes first: numbers 1 and 2 are skipped"]
    assert _numbering([4, 5]) == ["paragraph 4 comes first: numbers 1 to 3 are skipped"]
    assert _numbering([0, 2]) == ["paragraph 0 comes first: 1 was expected"]
    assert _numbering([1, 2, 4, 5]) == ["paragraph 4 follows 2: number 3 is skipped"]
    assert _numbering([1, 2, 5, 6]) == ["paragraph 5 follows 2: numbers 3 and 4 are skipped"]
    assert _numbering([1, 2, 6, 7]) == ["paragraph 6 follows 2: numbers 3 to 5 are skipped"]
    # A plain repeat is said as one; a number used earlier names the one it comes after.
    assert _numbering([1, 2, 2, 3]) == ["paragraph 2 has the same number as the one before it: 3 was expected"]
    assert _numbering([1, 2, 3, 2, 3, 4]) == ["paragraph 2 is used again after 3: 4 was expected"]
    # A lower number not used before (1, 3, 2): the gap's number comes late, an order (audit s8c-a
    # n=25); then 5 where 4 was due is a skip.
    assert _numbering([1, 3, 2, 5]) == [
        "paragraph 3 comes before 2 (line 10): the paragraphs are out of order; 1 more like it (line 12)"]
    # A paragraph numbered 0 in mid-sequence: what follows it follows 0, never "comes first".
    # A paragraph numbered 0 in mid-sequence: what follows it follows 0, never "comes first",
    # and numbers used before the 0 are not said skipped.
    f = next(f for f in _findings([1, 2, 0, 5]) if f.rule == "CL502")
    assert [f.message, *(r.message for r in f.related)] == [
        "paragraph 0 follows 2: 3 was expected; 1 more like it (line 12)", "paragraph 5 follows 0: 1 was expected"]
    # After a restart, a gap over numbers already used says what was expected, not what was skipped.
    f = next(f for f in _findings([1, 2, 3, 1, 2, 5]) if f.rule == "CL502")
    assert [r.message for r in f.related] == ["paragraph 5 follows 2: 3 was expected"]
