"""The marks an export writes where it cut text short come from the
vocabulary (rules/markings.yaml `elision_patterns`, review s7 item 4): the
REF reader (a list cut short, read from its whole copy), the paragraph
reader (a cut paragraph left out for its whole copy) and the damage
detectors (a header line cut, CL909; the words before a cut, CL911) take them
from the rule set's vocabulary, so a rule set that adds a mark is read
everywhere. Short texts written for these tests."""
from __future__ import annotations

import functools

from cablelint.damage_index import elision_end
from cablelint.parse import parse
from cablelint.parse.cutwords import words_before_cut
from cablelint.parse.labels import labels
from cablelint.parse.lines import Line
from cablelint.parse.refs import read_ref_items
from cablelint.source import Source
from cablelint.vocabulary import Vocabulary, default_vocabulary, default_vocabulary_data


@functools.cache
def with_mark(mark: str) -> Vocabulary:
    """The shipped vocabulary with one more elision mark: one for the whole
    file (each new Vocabulary leaves per-vocabulary memos, test_flat_memory)."""
    v = Vocabulary(default_vocabulary_data())
    v.extend({"elision_patterns": [mark]})
    return v


def test_the_shipped_marks_are_three_dots_or_more_and_the_ellipsis() -> None:
    cut = labels(default_vocabulary()).elision_end
    for text in ("C. OS...", "C. OS....  ", "Classified By: Am…", "..."):
        assert cut.search(text), text
    for text in ("C. OS..", "C. OS... 308", "1.4 (b)."):
        assert not cut.search(text), text


def test_a_rule_sets_own_mark_is_read_by_the_parser_and_the_detectors() -> None:
    v = with_mark(r"\[CUT\]")
    assert labels(v).elision_end.search("C. OS [CUT]") and not labels(default_vocabulary()).elision_end.search(
        "C. OS [CUT]")
    assert elision_end(v) is labels(v).elision_end and elision_end(None) is labels(default_vocabulary()).elision_end
    line = "REF: A. OSLO 1010 B. OSLO 4 [CUT]"
    assert words_before_cut(line, len(line), elision_end(v), 8) == ["1010", "B.", "OSLO", "4"]
    assert words_before_cut(line, len(line), elision_end(None), 8)[-1] == "[CUT]"  # not a mark of the shipped vocabulary


CUT_REFS = ("UNCLAS OSLO 000123\nE.O. 12958: N/A\nTAGS: PREL NO\nSUBJECT: TALKS\nREF: A. OSLO 1010\n"
            "     B. OS{mark}\nid: 123\nheader:\nUNCLAS OSLO 000123\nE.O. 12958: N/A\n"
            "TAGS: PREL NO\nSUBJECT: TALKS\nREF: A. OSLO 1010\n     B. OSLO 437\n\n1. (U) Text.\n")


def test_a_ref_list_cut_by_the_vocabularys_mark_is_read_from_its_whole_copy() -> None:
    doc = parse(Source("x.txt", CUT_REFS.format(mark=" [CUT]")), with_mark(r"\[CUT\]"))
    assert [t.value for t in doc.refs] == ["A. OSLO 1010", "B. OSLO 437"]
    assert [r.name for r in doc.repairs] == ["whole-copy", "cut-copy"]  # the cut line named too
    plain = parse(Source("x.txt", CUT_REFS.format(mark=" [CUT]")))
    assert [r.name for r in plain.repairs] == []  # the shipped vocabulary has no such mark


CUT_PARA = ("UNCLAS OSLO 000123\nE.O. 12958: N/A\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"
            "1. (U) The minister sa{mark}\nid: 123\nheader:\nUNCLAS OSLO 000123\nE.O. 12958: N/A\n"
            "TAGS: PREL NO\nSUBJECT: TALKS\n\n1. (U) The minister said the talks on the budget went on "
            "late into the night.\n\n2. (U) Text.\n")


def test_a_paragraph_cut_by_the_vocabularys_mark_is_left_out_for_its_whole_copy() -> None:
    doc = parse(Source("x.txt", CUT_PARA.format(mark=" [CUT]")), with_mark(r"\[CUT\]"))
    assert [p.number for p in doc.paragraphs] == [1, 2]
    assert "whole-copy" in [r.name for r in doc.repairs]
    plain = parse(Source("x.txt", CUT_PARA.format(mark=" [CUT]")))
    assert [p.number for p in plain.paragraphs] == [1, 1, 2]  # the shipped vocabulary has no such mark
    dots = parse(Source("x.txt", CUT_PARA.format(mark="...")))
    assert [p.number for p in dots.paragraphs] == [1, 2]  # the shipped marks


def test_the_drafters_dots_written_again_in_the_copy_are_the_vocabularys_marks() -> None:
    cut = CUT_PARA.format(mark=". [CUT]").replace("said the talks", "sa. The talks")
    doc = parse(Source("x.txt", cut), with_mark(r"\[CUT\]"))
    assert [p.number for p in doc.paragraphs] == [1, 2]  # a mark after a sentence's end, the copy goes on: a cut
    drafted = CUT_PARA.format(mark=". [CUT]").replace("said the talks", "sa. [CUT] the talks")
    doc = parse(Source("x.txt", drafted), with_mark(r"\[CUT\]"))
    assert [p.number for p in doc.paragraphs] == [1, 1, 2]  # the copy writes the mark too: the drafter's


def _lines(text: str) -> list[Line]:
    out, at = [], 0
    for t in text.split("\n"):
        out.append(Line(t, at))
        at += len(t) + 1
    return out


def test_a_ref_items_letter_cut_by_the_vocabularys_mark_ends_the_list() -> None:
    for mark, vocab in (("....", default_vocabulary()), ("…", default_vocabulary()), (".…", default_vocabulary()),
                        ("[CUT]", with_mark(r"\[CUT\]")), (".[CUT]", with_mark(r"\[CUT\]"))):
        items = read_ref_items(_lines(f"REF: A. OSLO 1010\n     B. OSLO 4\n     C{mark}\nid: 123"), 0, vocab)
        assert [(t.value, t.span.start, t.span.end) for t in items] == [
            ("B. OSLO 4", 23, 32), (f"C{mark}", 38, 43 + len(mark) - 4)], mark
    for mark in ("[CUT]", ".."):  # no mark of the shipped vocabulary: no item
        items = read_ref_items(_lines(f"REF: A. OSLO 1010\n     B. OSLO 4\n     C{mark}\nid: 123"), 0,
                               default_vocabulary())
        assert [t.value for t in items] == ["B. OSLO 4"], mark

