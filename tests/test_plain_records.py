"""Report, Discovery and FixOutcome are plain classes (a run the result cache
answers imports no dataclasses, cablelint.records): they keep the `==` and the
repr their dataclasses gave (records.fields_eq, fields_repr), review s7 item 6."""
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
    assert d != e and repr(d) == "Discovery(files=['a.txt'], errors=[], notes=[], other_ext=0, extensions=[])"
    f, g = FixOutcome(), FixOutcome()
    assert f == g
    g.stdin = b"text"
    assert f != g and repr(g) == "FixOutcome(results=[], stdin=b'text')"


@pytest.mark.parametrize("value", [Report([], {}), Discovery(), FixOutcome()])
def test_they_are_unhashable_as_their_mutable_dataclasses_were(value: object) -> None:
    with pytest.raises(TypeError):
        hash(value)


# -- the document model, Source, Rule and RuleSet, Context (issue 15: no @dataclass on a one-file run)

def test_spans_are_frozen_values() -> None:
    import pickle

    from cablelint.document import Span

    s = Span(3, 7)
    assert s == Span(3, 7) and s != Span(3, 8) and hash(s) == hash(Span(3, 7)) and len({s, Span(3, 7)}) == 1
    assert repr(s) == "Span(start=3, end=7)" and pickle.loads(pickle.dumps(s)) == s
    with pytest.raises(AttributeError):
        s.start = 4  # type: ignore[misc]


def test_document_values_keep_a_dataclass_equality_defaults_and_replace() -> None:
    from cablelint.document import Document, Marking, Span, Token
    from cablelint.source import Source

    t = Token("NOFORN", Span(0, 6))
    assert t.raw == "NOFORN" and Token("NF", Span(0, 2), "nf").raw == "nf"  # raw defaults to the value
    m = Marking("SECRET", Span(0, 6), "SECRET")
    assert m.controls == [] and m.controls is not Marking("S", Span(0, 1)).controls  # a list of its own
    m2 = m.replace(controls=[t])
    assert m2.controls == [t] and m.controls == [] and m2.raw == "SECRET" and m2 != m
    with pytest.raises(TypeError):
        hash(m)  # mutable, as the dataclass was
    with pytest.raises(TypeError):
        m.replace(nothing=1)
    doc = Document(Source("a.txt", "x\n"))
    assert doc.date.source == "unknown" and doc.replace(shape="capco").shape == "capco" and doc.shape == "cable"
    assert doc == Document(Source("a.txt", "x\n")) and repr(doc).startswith("Document(source=Source(path='a.txt'")


def test_a_source_compares_and_pickles_by_its_text_not_its_caches() -> None:
    import pickle

    from cablelint.source import Source

    a, b = Source("a.txt", "one\ntwo\n"), Source("a.txt", "one\ntwo\n")
    a.lines(), a.low()
    assert a == b and a.line_starts == [0, 4, 8] and pickle.loads(pickle.dumps(a)) == b
    assert "_lines" not in repr(a) and Source("a.txt", "x", line_starts=[0]).line_starts == [0]


def test_rules_and_rule_sets_replace_as_dataclasses_did() -> None:
    import pickle

    from cablelint.findings import Severity
    from cablelint.rule import Rule, RuleSet

    r = Rule("CL1", "one", Severity.ERROR, "presence", "msg")
    assert r.params == {} and r.replace(severity=Severity.INFO).severity is Severity.INFO
    assert r.severity is Severity.ERROR
    rs = RuleSet("s", "", "1", "s.yaml", [r])
    assert rs.replace(rules=[]).rules == [] and rs.rules == [r] and pickle.loads(pickle.dumps(rs)) == rs


def test_a_context_replaced_shares_its_caches_but_not_its_verdicts() -> None:
    import datetime as dt

    from cablelint.checks import Context
    from cablelint.document import Document
    from cablelint.source import Source

    ctx = Context(Document(Source("a.txt", "")), None, {}, [], dt.date(2020, 1, 1))  # type: ignore[arg-type]
    ctx.held["k"] = True
    c2 = ctx.replace(_era={"name": "x"})
    assert c2._era == {"name": "x"} and ctx._era is None and c2._items is ctx._items and c2._scans is ctx._scans
    assert c2.held == {} and c2.options is ctx.options


# -- what a cheaper Span must keep (issue 9/15, spanfast): a tuple subclass or another layout would break these

def test_a_span_is_made_by_position_or_keyword_and_replaced_as_a_frozen_dataclass() -> None:
    from cablelint.document import Span

    s = Span(start=3, end=7)
    assert s == Span(3, 7) and s.replace(end=9) == Span(3, 9) and s == Span(3, 7)  # the copy, not s, changed
    with pytest.raises(TypeError):
        Span(3)  # type: ignore[call-arg]
    with pytest.raises(AttributeError):
        del s.end
    with pytest.raises(AttributeError):
        s.other = 1  # type: ignore[attr-defined]


def test_a_span_is_no_tuple_it_equals_orders_or_unpacks_as() -> None:
    """The deep document dump, JSON encoders and `isinstance(x, tuple)` tests read
    a Span as a value of its own: a tuple subclass would print [3, 7] there."""
    from cablelint.document import Span

    s = Span(3, 7)
    assert not isinstance(s, tuple) and s != (3, 7) and (3, 7) != s and hash(s) == hash((3, 7))
    assert len({s, (3, 7)}) == 2  # same hash, never equal
    with pytest.raises(TypeError):
        s < Span(4, 5)  # type: ignore[operator]  # no order, as the frozen dataclass had none
    with pytest.raises(TypeError):
        start, end = s  # type: ignore[misc]


def test_a_spans_pickle_is_the_one_the_result_cache_stored() -> None:
    """cache.py keeps pickled Documents and findings: a Span pickles as
    `Span(start, end)` rebuilt by its constructor, the form older caches hold."""
    import pickle

    from cablelint.document import Span

    s = Span(3, 7)
    assert s.__reduce__() == (Span, (3, 7))
    old = b"\x80\x04\x95'\x00\x00\x00\x00\x00\x00\x00\x8c\x12cablelint.document\x94\x8c\x04Span\x94\x93\x94K\x03K\x07\x86\x94R\x94."
    assert pickle.dumps(s, protocol=4) == old and pickle.loads(old) == s


def test_a_paragraph_is_the_same_made_with_its_text_by_position_or_keyword() -> None:
    """numbered._paragraph passes `text` by position (no keyword dict per paragraph)."""
    import pickle

    from cablelint.document import Paragraph, Span, Token

    tok = Token("1", Span(0, 1))
    a = Paragraph(Span(0, 9), 1, tok, None, "text")
    b = Paragraph(Span(0, 9), 1, tok, None, text="text")
    assert a == b and a.kind == "numbered" and a.marked_items == 0 and a.number_last is None
    assert pickle.loads(pickle.dumps(a)) == a and a.replace(text="x").text == "x" and a.text == "text"
