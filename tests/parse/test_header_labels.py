"""Header labels found where exports put them, on short texts written here."""
from __future__ import annotations

from cablelint.parse import parse
from cablelint.source import Source
from cablelint.vocabulary import default_vocabulary

V = default_vocabulary()
TOP = "C O N F I D E N T I A L ROME 000123\n\nE.O. 12958: DECL: 01/02/2019\nTAGS: PREL IT\n"


def _parse(text: str):
    return parse(Source(path="t.txt", text=text), V)


def test_derived_from_run_on_after_ref():
    doc = _parse(TOP + "SUBJECT: A VISIT REF: A. ROME 12 B. ROME 40 Derived from: DSCG 05-1, B,D\n\n1. (C) Text.\n")
    assert doc.fields["Derived From"].value.startswith("DSCG 05-1")
    assert doc.subject.value == "A VISIT"


def test_long_line_header_split_up_to_paragraph_one():
    body = " ".join(["Words of the body text here."] * 100)
    doc = _parse(TOP + "SUBJECT: A VISIT REF: ROME 12 Classified By: Ambassador Jane Doe for reasons 1.4 (b) "
                 "and (d) 1.(C) " + body + "\n")
    assert doc.classified_by is not None
    assert [r.value for r in doc.classified_by.reasons] == ["b", "d"]
    assert any(r.name == "run-on-header" for r in doc.repairs)


def test_long_prose_line_without_paragraph_one_left_whole():
    body = " ".join(["Words of the body text here."] * 100)
    doc = _parse(TOP + "SUBJECT: A VISIT\n\n" + body + " Classified By: someone else\n")
    assert not any(r.name == "run-on-header" for r in doc.repairs)


def test_label_split_over_a_line_break():
    doc = _parse(TOP + "SUBJECT: A VISIT TO THE PORT CLASSIFIED\n\nBY: Jane Doe, Ambassador. REASON: 1.4 (b), (d)\n\n"
                 "1. (C) Text.\n")
    assert doc.subject.value == "A VISIT TO THE PORT"
    assert [r.value for r in doc.classified_by.reasons] == ["b", "d"]
    assert any(r.name == "split-label" for r in doc.repairs)


def test_declassified_does_not_join_by():
    doc = _parse(TOP + "SUBJECT: PAPERS DECLASSIFIED\n\nBY: the archive.\n\n1. (C) Text.\n")
    assert doc.classified_by is None


def test_reasons_after_blank_lines_and_teletype_page_header():
    doc = _parse(TOP + "SUBJECT: A VISIT\n\nCLASSIFIED BY: POLITICAL COUNSELOR JANE DOE, REASONS\n\n\n\n"
                 "PAGE 02 RUEHRO0123 C O N F I D E N T I A L\n1.4 (B) AND (D).\n\n1. (C) Text.\n")
    assert [r.value for r in doc.classified_by.reasons] == ["b", "d"]


CLBY_TOP = TOP + "SUBJECT: A VISIT\n\n"


def test_mark_after_reasons_is_the_lone_paragraphs():
    doc = _parse(CLBY_TOP + "Classified By: Ambassador Jane Doe for reasons 1.4 (b) and (d) (C)\n\n"
                 "On April 10 we met the minister and delivered the points.\n")
    assert [r.value for r in doc.classified_by.reasons] == ["b", "d"]
    assert [p.portion.level for p in doc.paragraphs] == ["CONFIDENTIAL"]
    assert any(r.name == "mark-after-reasons" for r in doc.repairs)


def test_mark_after_reason_sentence_period():
    doc = _parse(CLBY_TOP + "Classified By: Jane Doe, Counselor, for reasons 1.4(b) and (d). (S)\n\n"
                 "We met the minister.\n")
    assert [p.portion.level for p in doc.paragraphs] == ["SECRET"]


def test_reason_letter_after_and_is_not_a_mark():
    doc = _parse(CLBY_TOP + "Classified By: Jane Doe, Counselor, for reasons 1.4 (b) and (c)\n\n1. (C) Text.\n")
    assert [r.value for r in doc.classified_by.reasons] == ["b", "c"]
    assert not any(r.name == "mark-after-reasons" for r in doc.repairs)


BANNER = "UNCLAS ROME 000123\n\nSIPDIS\n\n"


def test_tags_without_label_after_eo_line():
    doc = _parse(BANNER + "E.O. 12958: N/A\nEFIN, ECON, PGOV, IT\n\nSUBJECT: A VISIT\n\n1. (U) Text.\n")
    assert [t.value for t in doc.tags] == ["EFIN", "ECON", "PGOV", "IT"]
    assert any(r.name == "unlabelled-tags" for r in doc.repairs)


def test_caption_words_after_eo_line_are_not_tags():
    doc = _parse(BANNER + "E.O. 12958: N/A\nNOFORN SIPDIS\n\nSUBJECT: A VISIT\n\n1. (U) Text.\n")
    assert doc.tags_line is None


def test_tag_label_run_on_after_decl_value():
    doc = _parse("C O N F I D E N T I A L ROME 000123\n\nE.O. 12958: DECL: 03/20/2019 TAG PTER, PGOV, IT\n\n"
                 "SUBJECT: A VISIT\n\n1. (C) Text.\n")
    assert [t.value for t in doc.tags] == ["PTER", "PGOV", "IT"]
    assert str(doc.eo.decl.date) == "2019-03-20"


def test_caption_one_letter_off_under_banner():
    doc = _parse("UNCLAS ROME 000123\n\nSENSITVE, SIPDIS\n\nE.O. 12958: N/A\nTAGS: ECON IT\nSUBJECT: PORTS\n\n"
                 "1. (SBU) Text.\n")
    sbu = [c for c in doc.captions if c.raw == "SENSITVE"]
    assert sbu and doc.text[sbu[0].span.start:sbu[0].span.end] == "SENSITVE"
    assert any(r.name == "caption-typo" for r in doc.repairs)


def test_word_two_letters_off_or_after_fields_is_no_caption():
    doc = _parse("UNCLAS ROME 000123\n\nSENSTVE, SIPDIS\n\nE.O. 12958: N/A\nTAGS: ECON IT\nSUBJECT: PORTS\n\n"
                 "1. (SBU) Text.\n")
    assert not any(r.name == "caption-typo" for r in doc.repairs)
    doc = _parse("UNCLAS ROME 000123\n\nE.O. 12958: N/A\nTAGS: ECON IT\nSUBJECT: PORTS\nSENSITVE\n\n1. (SBU) Text.\n")
    assert not any(r.name == "caption-typo" for r in doc.repairs)


def test_one_edit():
    from cablelint.parse.banner import one_edit
    assert one_edit("SENSITVE", "SENSITIVE") and one_edit("SENSITIVF", "SENSITIVE")
    assert not one_edit("SENSTVE", "SENSITIVE") and not one_edit("SENSITIVE", "SENSITIVE")


def test_labels_are_rebuilt_when_only_line_words_are_extended():
    """A vocabulary extended with a line word alone (its field patterns unchanged)
    gets new label patterns, not the ones cached for its earlier words."""
    from cablelint.parse.labels import labels
    from cablelint.vocabulary import Vocabulary, default_vocabulary_data

    v = Vocabulary(default_vocabulary_data())
    assert not labels(v).routing.match("ZZROUTE ABC")
    v.extend({"routing_labels": ["ZZROUTE"]})
    assert labels(v).routing.match("ZZROUTE ABC")


def test_memos_of_a_vocabulary_start_again_when_it_is_extended():
    """Every parse memo is keyed on the vocabulary's build (vocab.built), so an
    extension that leaves the field patterns as they were still takes effect."""
    from cablelint.parse.fields import _caption_phrase_re
    from cablelint.vocabulary import Vocabulary, default_vocabulary_data

    v = Vocabulary(default_vocabulary_data())
    assert not _caption_phrase_re(v).search("ZZ SPECIAL HANDLING")
    v.extend({"caption_words": ["ZZ SPECIAL HANDLING"]})
    assert _caption_phrase_re(v).search("ZZ SPECIAL HANDLING")
