"""The CAPCO rule set (rules/capco.yaml) and the parsing of IC-style documents.

- running prose full of "(a)", "(S)", "(C)", "(U)", "(see below)" gives no
  finding: only a mark at the start of a paragraph or bullet is a portion;
- (the examples in examples/capco: tests/test_examples.py, with the capco
  set alone and with the default sets, and that they fire every CAPCO rule)
- the parser reads the authority block, bullets and marking tokens at their
  exact spans.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from cablelint import lint_text
from cablelint.api import make_engine
from cablelint.parse import parse
from cablelint.source import Source, read

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "capco"

PROSE = """\
SECRET//NOFORN

Classified By: Jane Q. Analyst, Director, Office of Harbor Studies
Reason: 1.4(c)
Declassify On: 20491231

(U) The board met twice (see below). Its options were (a) to wait, (b) to
(S) split the works, or (c) to stop; the draft called them (S), (C) and (U)
options, and (see annex) the old budget line (S) is closed.

(S//NF) The contractor (a joint venture) is late; item (C) of the plan, the
(U) "public" part, and heading (S) of the budget (see below) slipped too.
(C) Rows marked (C) in the table are unchanged.

- (C) A bullet that mentions (S) and (U) and (see below).
- (U) A bullet that mentions (a), (b) and (c).

SECRET//NOFORN
"""


def test_prose_with_incidental_parentheses_gives_no_finding() -> None:
    assert lint_text(PROSE, path="prose.txt") == []
    doc = parse(Source("prose.txt", PROSE))
    assert doc.shape == "capco"
    # Five portions: two paragraphs and two bullets start with a mark; lines
    # that begin with "(S)" or "(C)" inside a paragraph are not portions.
    marks = [(doc.source.line_col(p.span.start)[0], p.portion.raw) for p in doc.paragraphs]
    assert marks == [(7, "U"), (11, "S//NF"), (15, "C"), (16, "U")]


def test_a_line_starting_with_a_mark_is_a_portion_only_after_a_blank_line() -> None:
    # In PROSE, "(S) split the works" (line 8) and "(C) Rows marked" (line 13)
    # continue their paragraphs; after a blank line "(C) Rows" starts a portion.
    text = PROSE.replace("slipped too.\n(C) Rows", "slipped too.\n\n(C) Rows")
    doc = parse(Source("p.txt", text))
    starts = [doc.source.line_col(p.span.start)[0] for p in doc.paragraphs]
    assert starts == [7, 11, 14, 16, 17]
    assert lint_text(text, path="p.txt") == []


def test_authority_block_lines_are_read_separately() -> None:
    doc = parse(read(str(EXAMPLES / "derivative_rel_clean.txt")))
    assert doc.classified_by.authority.value == "Jane Q. Analyst, Director, Office of Harbor Studies"
    assert doc.fields["Derived From"].value == "Multiple Sources"
    assert doc.declassify_on.exemptions[0].value == "25X6"
    assert [k for k, _ in doc.field_list] == ["Derived From", "Declassify On"]
    memo = make_engine(["capco"]).parse(read(str(EXAMPLES / "memo_prose_clean.txt")))
    assert [r.value for r in memo.classified_by.reasons] == ["c", "d"]
    assert memo.fields["Reason"].value == "1.4(c) and (d)"
    assert memo.date.value.isoformat() == "2024-02-14"


def test_marking_tokens_have_exact_spans() -> None:
    text = "SECRET//REL TO USA, GBR\n\n(S//NF/OC) Text.\n\n- (C//REL TO USA, GBR) A bullet.\n\nSECRET//REL TO USA, GBR\n"
    doc = parse(Source("t.txt", text))
    assert [(t.value, text[t.span.start:t.span.end]) for t in doc.banner.tokens] == [("REL TO", "REL TO USA, GBR")]
    assert [text[t.span.start:t.span.end] for t in doc.banner.rel_to] == ["USA", "GBR"]
    portions = [p.portion for p in doc.paragraphs]
    assert [[text[t.span.start:t.span.end] for t in m.tokens] for m in portions] == [["NF", "OC"], ["REL TO USA, GBR"]]
    assert [p.kind for p in doc.paragraphs] == ["block", "bullet"]
    assert doc.footer is not None and doc.footer.span.start == text.rindex("SECRET")


@pytest.mark.parametrize("banner,expected", [
    ("SECRET///NOFORN", "`///` is not a separator"),
    ("SECRET//NOFORN//", "no marking on one side"),
    ("TOP SECRET//ORCON//NOFORN", "`//` between two dissemination control entries"),
    ("SECRET/NOFORN", "a single `/` between classification and dissemination control"),
])
def test_separator_problems(banner: str, expected: str) -> None:
    text = f"{banner}\n\n(S//NF) Text.\n\n{banner}\n"
    got = [f for f in lint_text(text, path="b.txt", select=["CL718"]) if f.line == 1]
    assert len(got) == 1 and expected in got[0].message, [f.message for f in got]


def test_sci_and_tetragraphs_are_known() -> None:
    text = ("TOP SECRET//SI/TK//REL TO USA, AUS, CAN, GBR, NZL, FVEY\n\n"
            "(TS//SI//REL TO USA, AUS, CAN, GBR, NZL, FVEY) Text.\n\n"
            "TOP SECRET//SI/TK//REL TO USA, AUS, CAN, GBR, NZL, FVEY\n")
    rules = {f.rule for f in lint_text(text, path="t.txt")}
    # Only the missing authority block is reported: SI, TK and FVEY are registered.
    assert rules == {"CL724", "CL725", "CL726"}


def test_enumerated_sub_paragraphs_are_portions_but_wrapped_prose_is_not() -> None:
    text = """\
SECRET//NOFORN

Classified By: Jane Q. Analyst, Director, Office of Harbor Studies
Reason: 1.4(c)
Declassify On: 20491231

(S//NF) The board had three options, listed
(a) to (c) below; it chose (b).

(a) (S//NF) Wait for the spring.
(b) (U) Split the works in two phases.
(c) Stop the works.

SECRET//NOFORN
"""
    doc = parse(Source("e.txt", text))
    assert [(doc.source.line_col(p.span.start)[0], p.portion.raw if p.portion else None) for p in doc.paragraphs] \
        == [(7, "S//NF"), (10, "S//NF"), (11, "U"), (12, None)]
    assert [(f.line, f.rule) for f in lint_text(text, path="e.txt")] == [(12, "CL704")]
