"""The seed cable: everything right in it is read right and left alone."""
from __future__ import annotations

import datetime as dt

from cablelint import lint_paths
from cablelint.parse import parse
from cablelint.source import read

from conftest import SEED


def test_seed_parsed_fields() -> None:
    doc = parse(read(SEED))
    assert doc.banner.level == "CONFIDENTIAL" and doc.banner.spaced
    assert [s.number for s in doc.sections] == [1] and doc.sections[0].total == 2
    assert doc.eo.order.value == "12958"
    assert doc.eo.decl.date == dt.date(2014, 1, 30)
    assert [t.value for t in doc.tags] == ["PREL", "PGOV", "FR", "RU"]
    cb = doc.classified_by
    assert cb.section.value == "1.4" and [r.value for r in cb.reasons] == ["b", "d"]
    assert "JOSIAH ROSENBLATT" in cb.authority.value and "REAS" not in cb.authority.value
    # [11.](#) .. 19. are paragraphs 1..9 once the pilcrow damage is undone.
    assert [p.number for p in doc.paragraphs] == list(range(1, 10))
    assert all(p.portion.level == "CONFIDENTIAL" for p in doc.paragraphs)
    assert doc.signature.value == "Leach"


def test_seed_findings_are_only_the_real_ones() -> None:
    findings = lint_paths([SEED], date=dt.date(2004, 1, 30))
    assert [(f.rule, f.line) for f in findings if f.severity.name != "INFO"] == [("CL405", 11)]
    ru = findings[[f.rule for f in findings].index("CL405")]
    assert ru.column == 36 and ru.end_column == 38  # the RU inside "[RU](#)"
