"""Findings a reviewer can trust (issue 9, audits s7): each test on short text written here."""
from __future__ import annotations

from cablelint import lint_text

HEAD = ("UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL FR\nSUBJECT: MARKS\n\n")


def _rules(text: str) -> list[tuple[str, int, str]]:
    return [(f.rule, f.line, f.message) for f in lint_text(text, path="t.txt", date="2007-05-01")]


def test_a_letter_standing_for_the_opening_parenthesis_is_a_malformed_mark_not_an_unknown_one() -> None:
    got = _rules(HEAD + "1. (U) One.\n\n2.QU) Two.\n")
    assert [r for r in got if r[0] in ("CL103", "CL118")] == [
        ("CL118", 8, "the portion mark of paragraph 2 is written 'QU)' without its opening parenthesis")]


def test_an_unknown_mark_is_quoted_as_the_file_writes_it() -> None:
    got = [m for r, _, m in _rules(HEAD + "1. (U) One.\n\n2. XY) Two.\n\n3. (Q) Three.\n") if r == "CL103"]
    assert got == ["portion mark XY) of paragraph 2 is not a known marking",
                   "portion mark (Q) of paragraph 3 is not a known marking"]


# -- a cut copy, then the whole cable (CL909 / CL911) -------------------------------------

SECRET = "S E C R E T PARIS 000579\n"
HEAD7 = "E.O. 12958: DECL: 01/30/2014\nTAGS: PREL FR\n"
CLBY = "Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)\n\n"
PARAS = ("1. (S/NF) The minister said that the talks on the budget would resume next week in Lyon.\n\n"
         "2. (S) He said that the other members of the cabinet had not yet been told of the plan.\n")


def _warnings(text: str) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in lint_text(text, path="t.txt", date="2004-01-30")
            if f.severity.name.lower() in ("error", "warning")]


def test_dots_that_the_whole_copy_writes_too_are_the_drafters_and_the_cut_is_further_on() -> None:
    # The subject ends in the drafter's own "..." (the whole copy ends it so too);
    # the export cut the REF line, and a CSV row's field opens the whole copy's banner.
    cut = (SECRET + HEAD7 + "SUBJECT: (U) THE MINISTER LOOKS FOR\nSOMEONE...\n\n"
           + "REF: PARIS 12 AND EARLIER...\n\n\n\"\n")
    row = "12345,1/30/2004 15:33,04PARIS579,\"Embassy Paris\",SECRET,04PARIS12,\"ROUTING\n"
    whole = ("\",\"" + SECRET + HEAD7 + "SUBJECT: (U) THE MINISTER LOOKS FOR\nSOMEONE...\n"
             + "REF: PARIS 12 AND EARLIER\n" + CLBY + PARAS)
    cuts = ("CL909", "CL911")
    assert [w for w in _warnings(cut + row + whole) if w[0] in cuts] == [("CL911", 7)]
    # With no later copy the dots are a cut of the header (CL909, first cut line).
    assert [w for w in _warnings(cut) if w[0] in cuts] == [("CL909", 5)]


def _routing(n: int) -> str:
    return "".join(f"AMEMBASSY POST{i} \n" for i in range(n))


def test_a_cut_copy_then_a_long_metadata_block_then_the_whole_cable_is_one_cut_copy() -> None:
    # The REF list cut ("C..."), the archive's metadata and the routing header again
    # (more than 24 lines), then the whole cable; the caption fix goes under both banners.
    cut = SECRET + "\n" + HEAD7 + "SUBJECT: (U) TALKS\n\nREF: A. PARIS 12\n     B. PARIS 13\n     C...\n\n\n"
    meta = "id: 12345\ndate: 1/30/2004\nrefid: 04PARIS579\nclassification: SECRET\nheader:\n" + _routing(22)
    whole = ("\n--- header ends ---\n\n" + SECRET + "\n" + HEAD7 + "SUBJECT: (U) TALKS\n\nREF: A. PARIS 12\n"
             "     B. PARIS 13\n     C. PARIS 14\n\n" + CLBY + PARAS)
    text = cut + meta + whole
    found = lint_text(text, path="t.txt", date="2004-01-30")
    assert [(f.rule, f.line) for f in found if f.rule in ("CL909", "CL911", "CL105")] == [("CL911", 9), ("CL105", 54)]
    from cablelint import make_engine
    from cablelint.fixes import fix_source
    from cablelint.source import Source
    fixed = fix_source(make_engine(), Source("t.txt", text), unsafe=True).text
    assert fixed.count(SECRET + "NOFORN\n") == 2
    # Paragraphs between the dots and the banner again: the text went on, no cut copy.
    body = cut.replace("     C...\n", "     C. PARIS 14...\n") + CLBY + PARAS * 8 + SECRET + PARAS
    assert "CL911" not in {r for r, _ in _warnings(body)}


# -- inspect: the SUBJECT ---------------------------------------------------------------------

def _doc(text: str):
    from cablelint.parse import parse
    from cablelint.source import Source
    from cablelint.vocabulary import default_vocabulary
    return parse(Source(path="t.txt", text=text), default_vocabulary())


def test_a_handling_sentence_glued_to_the_subject_is_cut_in_each_wording_with_its_period() -> None:
    for caveat in ("Sensitive but Unclassified. Please handle accordingly.",
                   "SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY."):
        for after in ("\n", " 1.(SBU) The market fell.\n"):
            text = "UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: ECON FR\nSUBJECT: MARKETS FALL " + caveat + after
            doc = _doc(text)
            assert doc.subject.value == "MARKETS FALL", (caveat, after)
            cut = [text[r.span.start:r.span.end] for r in doc.repairs if r.name == "glued-caveat"]
            assert cut == [caveat]
    # The words inside a subject that goes on are the subject's.
    text = "UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: ECON FR\nSUBJECT: PLEASE HANDLE ACCORDINGLY, SAYS MINISTER\n"
    assert _doc(text).subject.value == "PLEASE HANDLE ACCORDINGLY, SAYS MINISTER"


def test_a_subject_cut_short_is_read_from_the_whole_copy_and_the_repair_says_so() -> None:
    def cable(subject: str, again: str) -> str:
        cut = "C O N F I D E N T I A L PARIS 000579\n" + HEAD7 + "SUBJECT: (C) THE MINISTER SEES GERMAN\n" + subject
        meta = "\n\n\nid: 12345\nrefid: 04PARIS579\n\n"
        whole = ("C O N F I D E N T I A L PARIS 000579\n" + HEAD7 + "SUBJECT: (C) THE MINISTER SEES GERMAN\n" + again
                 + CLBY + "1. (C) Text.\n")
        return cut + meta + whole
    doc = _doc(cable("INFLU...\n", "INFLUENCE ON THE RISE\n"))
    assert doc.subject.value == "(C) THE MINISTER SEES GERMAN INFLUENCE ON THE RISE"
    assert [r.detail for r in doc.repairs if r.name == "whole-copy"] == [
        "SUBJECT cut short on line 4: read from its whole copy"]
    # The later copy ends in the same dots: the drafter's, the subject stands as written.
    assert _doc(cable("SOMEONE...\n", "SOMEONE...\n")).subject.value == "(C) THE MINISTER SEES GERMAN SOMEONE..."
    # A later subject that does not go on from the cut one is another text's.
    assert _doc(cable("INFLU...\n", "TRADE\n")).subject.value == "(C) THE MINISTER SEES GERMAN INFLU..."


def test_a_section_banner_written_again_among_the_header_fields_is_listed() -> None:
    banner = "S E C R E T SECTION 01 OF 02 PARIS 000579"
    text = (banner + "\n\nNOFORN\n\n" + HEAD7 + "SUBJECT: (C) TALKS\n\nClassified By: Ambass...\n\n"
            + banner + " NOFORN SIPDIS E.O. 12958: DECL: 01/30/2014 TAGS: PREL FR\n"
            + "1. (S) The minister spoke.\n\n2. (S) He left.\n\n" + banner.replace("01 OF", "02 OF") + "\n\n3. (S) End.\n")
    doc = _doc(text)
    line = lambda off: text.count("\n", 0, off) + 1  # noqa: E731
    # ... and its section counted once, the copy's (copies.settle_copy)
    assert [(s.number, line(s.span.start)) for s in doc.sections] == [(1, 11), (2, 16)]
    assert [line(b.span.start) for b in doc.banners] == [1, 11, 16]
    # The cut statement does not run on into the banner after it.
    assert line(doc.classified_by.span.end) == 9 and [p.number for p in doc.paragraphs] == [1, 2, 3]


# -- paragraph numbering (CL502) ---------------------------------------------------------------

def _numbering(numbers: list[int]) -> list[tuple[int, str]]:
    body = "".join(f"{n}. (U) The minister said that item {k} would wait.\n\n" for k, n in enumerate(numbers))
    text = HEAD + body
    return [(f.line, f.message) for f in lint_text(text, path="t.txt", date="2007-05-01") if f.rule == "CL502"]


def test_a_lower_number_where_the_next_was_due_is_one_slip_and_the_messages_say_what_was_found() -> None:
    # 11, 2, 13: one slip, no knock-on "13 is skipped".
    assert _numbering(list(range(1, 12)) + [2, 13, 14]) == [(28, "paragraph 2 is used again after 11: 12 was expected")]
    assert _numbering([1, 2, 3, 5, 6]) == [(12, "paragraph 5 follows 3: number 4 is skipped")]
    assert _numbering([1, 2, 5, 6]) == [(10, "paragraph 5 follows 2: numbers 3 and 4 are skipped")]
    assert _numbering([1, 2, 3, 2, 3, 4]) == [(12, "paragraph 2 is used again after 3: 4 was expected")]


def test_an_unknown_tag_that_is_another_schemes_country_code_suggests_the_state_tag() -> None:
    text = "UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL SYR VZ XQZW\nSUBJECT: TALKS\n\n1. (U) Text.\n"
    got = [f.message for f in lint_text(text, path="t.txt", date="2009-03-01") if f.rule == "CL404"]
    assert got == ["TAG SYR is not a known subject, program, country or organization TAG "
                   "(did you mean SY (Syria)?); 2 more on this line"]
    f = next(f for f in lint_text(text, path="t.txt", date="2009-03-01") if f.rule == "CL404")
    assert [r.message for r in f.related][:1] == [
        "TAG VZ is not a known subject, program, country or organization TAG (did you mean VE (Venezuela)?)"]
