"""The words of quoted material and letters come from markings.yaml, and a
letter-form cable's salutation is not a portion (issue 9, fullaudit-a cause 9).
Short cables written for these tests."""
from __future__ import annotations

from cablelint import lint_text, make_engine
from cablelint.parse import parse
from cablelint.parse.quotes import is_salutation, regions
from cablelint.source import Source
from cablelint.vocabulary import Vocabulary, default_vocabulary, default_vocabulary_data

ENGINE = make_engine(rules=["state"])
LETTER = ("C O N F I D E N T I A L BERLIN 000138\n\nE.O. 12958: DECL: 01/29/2020\nTAGS: PREL GM\n"
          "SUBJECT: A LETTER TO THE SECRETARY\nClassified By: Ambassador Jane Doe. Reasons: 1.4 (b) and (d).\n\n"
          "Dear Madam Secretary,\n(SBU) I have just returned from a trip.\n\n(C) The ministers agreed.\n")


def test_a_salutation_is_not_a_portion_and_the_line_after_it_is() -> None:
    doc = parse(Source("x.txt", LETTER))
    assert [p.portion.raw if p.portion else None for p in doc.paragraphs] == ["SBU", "C"]
    assert [f.rule for f in lint_text(LETTER, "x.txt", engine=ENGINE) if f.rule == "CL102"] == []


def test_salutation_words_come_from_the_vocabulary() -> None:
    vocab = Vocabulary(default_vocabulary_data())
    assert is_salutation("Dear Madam Secretary,", vocab) and not is_salutation("Excellency,", vocab)
    vocab.extend({"salutation_words": ["YOUR"]})
    assert is_salutation("Your Excellency,", vocab)


def test_quotation_words_come_from_the_vocabulary() -> None:
    text = "a\nanfang text:\nx\nende text.\n"
    assert regions(text, 0, default_vocabulary()) == []
    vocab = Vocabulary(default_vocabulary_data())
    vocab.extend({"quote_begin_words": ["ANFANG TEXT"], "quote_end_words": ["ENDE TEXT"]})
    (start, end), = regions(text, 0, vocab)
    assert text[start:end] == "x\n"


def test_a_mark_after_a_one_word_label_ending_in_a_period_is_the_paragraphs() -> None:
    text = LETTER.split("Dear")[0] + "1. Summary.  (S/NF) The minister met us.\n\n2. (C) More.\n"
    doc = parse(Source("x.txt", text))
    assert [p.portion.raw if p.portion else None for p in doc.paragraphs] == ["S/NF", "C"]


def test_a_paragraphs_long_rel_mark_with_country_names_is_its_mark() -> None:
    mark = "S/REL FRANCE, BRITAIN, TURKEY, SAUDI ARABIA, JORDAN, AND QATAR"
    text = LETTER.split("Dear")[0] + f"1. (C) Summary.\n\n2. ({mark}) Drawing on paragraph 1, act.\n"
    doc = parse(Source("x.txt", text))
    assert [p.portion.raw if p.portion else None for p in doc.paragraphs] == ["C", mark]
    assert [t.value for t in doc.paragraphs[1].portion.rel_to][-1] == "QATAR"
