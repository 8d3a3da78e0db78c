"""A number opening a line that ends a reference or date the export wrapped
("... in paragraph" / "5. The ...", "... on Jan" / "6. He said"): not a new
paragraph (issue 9, fullaudit-a cause 4). Short cables written for these tests."""
from __future__ import annotations

from cablelint import lint_text, make_engine
from cablelint.parse import parse
from cablelint.source import Source

ENGINE = make_engine(rules=["state"])
SECRET = ("S E C R E T PARIS 000579\n\nE.O. 12958: DECL: 01/30/2018\nTAGS: PREL FR\nSUBJECT: (U) A DEMARCHE\n"
          "Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)\n\n")


def findings(text: str) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in lint_text(text, "x.txt", engine=ENGINE) if f.rule in ("CL102", "CL502")]


def test_a_number_after_a_line_ending_in_paragraph_continues_the_sentence() -> None:
    body = ("1. (S) Summary. Posts may use the points in paragraph\n\n4.The points are short.\n\n"
            "2. (S) The demarche.\n")
    doc = parse(Source("x.txt", SECRET + body))
    assert [p.number for p in doc.paragraphs] == [1, 2]
    assert findings(SECRET + body) == []


def test_a_number_after_a_wrapped_month_continues_the_date() -> None:
    body = "1. (C) Summary. The minister met protesters on Jan\n\n2. He said little.\n\n2. (C) More.\n"
    assert [p.number for p in parse(Source("x.txt", SECRET + body)).paragraphs] == [1, 2]


def test_a_finished_sentence_before_the_number_still_starts_a_paragraph() -> None:
    body = "1. (C) We met in May.\n\n2. He said little.\n"
    assert [p.number for p in parse(Source("x.txt", SECRET + body)).paragraphs] == [1, 2]
    assert findings(SECRET + body) == [("CL102", 10)]


def test_a_marked_number_after_a_reference_word_is_a_paragraph() -> None:
    body = "1. (C) See the points in paragraph\n\n2. (C) The points.\n"
    assert [p.number for p in parse(Source("x.txt", SECRET + body)).paragraphs] == [1, 2]


def test_the_words_come_from_the_vocabulary() -> None:
    from cablelint.vocabulary import default_vocabulary
    assert {"paragraph", "jan", "no."} <= default_vocabulary().reference_words


def test_a_subject_ending_in_a_month_does_not_hide_paragraph_1() -> None:
    text = "UNCLAS SAN JOSE 001226\n\nE.O. 12958: N/A\nTAGS: ETRD CS\nSUBJECT: NO VOTE UNTIL\nFEBRUARY\n\n1. The vote.\n\n2. More.\n"
    assert [p.number for p in parse(Source("x.txt", text)).paragraphs] == [1, 2]


def test_a_number_after_a_reference_word_that_the_next_number_follows_is_a_paragraph() -> None:
    body = "1. (S) See the points in paragraph\n\n3. The points.\n\n4. (S) More.\n"
    assert [p.number for p in parse(Source("x.txt", SECRET + body)).paragraphs] == [1, 3, 4]


def test_a_number_alone_after_a_paragraph_word_of_the_vocabulary_is_the_references() -> None:
    from cablelint.vocabulary import Vocabulary, default_vocabulary, default_vocabulary_data
    # "... in Abs." / "2." / "3. (S) ...": the 2 alone is the reference's only when "abs" names a paragraph
    body = "1. (S) See the points in Abs.\n\n2.\n\n3. (S) More.\n"
    vocab = Vocabulary(default_vocabulary_data())
    assert [p.number for p in parse(Source("x.txt", SECRET + body), vocab).paragraphs] == [1, 2, 3]
    vocab.extend({"paragraph_words": ["ABS"]})
    assert [p.number for p in parse(Source("x.txt", SECRET + body), vocab).paragraphs] == [1, 3]
    assert "paragraph" in default_vocabulary().line_words["paragraph_words"]
