"""Report, Discovery and FixOutcome are plain classes (a run the result cache
answers imports no dataclasses, findings._Record): they keep the `==` and the
repr their dataclasses gave (findings.fields_eq, fields_repr), review s7 item 6."""
from __future__ import annotations

import pytest

from cablelint.files import Discovery
from cablelint.findings import Finding, Severity
from cablelint.fixrun import FixOutcome
from cablelint.reporters import Report


def finding(line: int = 3) -> Finding:
    return Finding("a.txt", "CL101", "banner-missing", Severity.ERROR, "no banner", line, 1, line, 5)


def test_reports_with_the_same_fields_are_equal_whatever_paths_they_printed() -> None:
    a, b = Report([finding()], {}, files=2), Report([finding()], {}, files=2)
    a.path("a.txt")  # fills the private cache of the last path printed: no field
    assert a == b and not a != b
    assert a != Report([finding(4)], {}, files=2) and a != Report([finding()], {}, files=3)
    assert a != "Report"


def test_a_reports_repr_names_its_fields_not_its_cache() -> None:
    r = repr(Report([], {}, files=2, quiet=True))
    assert r.startswith("Report(findings=[], rules={}, files=2, ") and "quiet=True" in r and "_last_path" not in r


def test_discovery_and_fix_outcome_compare_and_show_their_fields() -> None:
    d, e = Discovery(), Discovery()
    assert d == e
    d.files.append("a.txt")
    assert d != e and repr(d) == "Discovery(files=['a.txt'], errors=[], notes=[])"
    f, g = FixOutcome(), FixOutcome()
    assert f == g
    g.stdin = b"text"
    assert f != g and repr(g) == "FixOutcome(results=[], stdin=b'text')"


@pytest.mark.parametrize("value", [Report([], {}), Discovery(), FixOutcome()])
def test_they_are_unhashable_as_their_mutable_dataclasses_were(value: object) -> None:
    with pytest.raises(TypeError):
        hash(value)
