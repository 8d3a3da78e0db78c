"""The CAPCO rule set (rules/capco.yaml) and the parsing of IC-style documents.

- running prose full of "(a)", "(S)", "(C)", "(U)", "(see below)" gives no
  finding: only a mark at the start of a paragraph or bullet is a portion;
- each faulty example in examples/capco gives exactly the findings of its
  sidecar, with the capco set alone and with the default sets (no noise
  from the state or cui sets), and together they fire every CAPCO rule;
- the parser reads the authority block, bullets and marking tokens at their
  exact spans.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from cablelint import lint_text
from cablelint.api import make_engine
from cablelint.parse import parse
from cablelint.ruleset import load
from cablelint.ruletest import check_example_file, read_expectation
from cablelint.source import Source, read

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "capco"
FAULTY = sorted(EXAMPLES.glob("*_faulty.txt"))
CLEAN = sorted(EXAMPLES.glob("*_clean.txt"))

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


def keys(findings) -> Counter:
    return Counter((f.line, f.rule) for f in findings)


def test_prose_with_incidental_parentheses_gives_no_finding() -> None:
    assert lint_text(PROSE, path="prose.txt") == []
    doc = parse(Source("prose.txt", PROSE))
    assert doc.shape == "capco"
    # Five portions: two paragraphs and two bullets start with a mark; lines
    # that begin with "(S)" or "(C)" inside a paragraph are not portions.
    marks = [(doc.source.line_col(p.span.start)[0], p.portion.raw) for p in doc.paragraphs]
    assert marks == [(7, "U"), (11, "S//NF"), (15, "C"), (16, "U")]


@pytest.mark.parametrize("cable", CLEAN, ids=lambda p: p.name)
def test_clean_examples_give_no_finding(cable: Path) -> None:
    assert make_engine().lint_source(read(str(cable))) == []
    assert read(str(cable)) and parse(read(str(cable))).shape == "capco"


@pytest.mark.parametrize("cable", FAULTY, ids=lambda p: p.name)
def test_faulty_examples_give_exactly_their_sidecar(cable: Path) -> None:
    failures = check_example_file(cable, load("capco"))
    assert not failures, "\n".join(map(str, failures))
    # The default sets (state, capco, cui) give the same: the others stay quiet.
    exp = read_expectation(cable)
    assert exp is not None and exp.findings
    assert keys(make_engine().lint_source(read(str(cable)))) == exp.findings


def test_the_faulty_examples_fire_every_capco_rule() -> None:
    fired = {rule for cable in FAULTY for _, rule in read_expectation(cable).findings}
    assert {r.id for r in load("capco").rules} <= fired


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
