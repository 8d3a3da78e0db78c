"""A cable lints the same whatever its line endings: CRLF (Windows), lone CR
(classic Mac OS) or LF. Every example under examples/ and, when ../shared is
present, every cable of the real corpus is linted as LF and converted to
CRLF; the findings (rule, line, column, end, message, and those folded into
each) must agree exactly. Also the mixed endings rule of source.from_text.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from cablelint.api import make_engine
from cablelint.engine import Engine
from cablelint.findings import Finding
from cablelint.ruletest import CABLE_EXTS
from cablelint.source import InputError, decode

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _key(f: Finding) -> tuple:
    return (f.rule, f.line, f.column, f.end_line, f.end_column, f.message,
            tuple(_key(r) for r in f.related))


def _lint(engine: Engine, data: bytes, path: str) -> list[tuple]:
    return sorted(_key(f) for f in engine.lint_source(decode(data, path)) or [])


def _lf(path: Path) -> bytes:
    return path.read_bytes().replace(b"\r\n", b"\n")


def _differences(engine: Engine, files: list[Path], newline: bytes) -> list[str]:
    """The files whose findings change when every LF becomes `newline`."""
    bad = []
    for f in files:
        data = _lf(f)
        want, got = _lint(engine, data, str(f)), _lint(engine, data.replace(b"\n", newline), str(f))
        if want != got:
            bad.append(f"{f.name}: LF {sorted(set(want) - set(got))} vs {sorted(set(got) - set(want))}")
    return bad


def _examples() -> list[Path]:
    return sorted(p for p in EXAMPLES.rglob("*") if p.is_file() and p.suffix in CABLE_EXTS)


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"], ids=["crlf", "cr"])
def test_examples_lint_alike_in_every_line_ending(newline: bytes) -> None:
    files = _examples()
    assert len(files) > 50
    assert _differences(make_engine(date="2026-01-01"), files, newline) == []


def test_corpus_lints_alike_in_crlf(corpus_dir: Path) -> None:
    files = sorted(corpus_dir.glob("*.txt"))
    assert _differences(make_engine(["state"], date="2026-01-01"), files, b"\r\n") == []


def test_cr_file_with_a_final_lf_is_still_read_as_cr_lines() -> None:
    """A Unix tool appending a final LF to a CR file must not make it one line
    (it did: "no LF at all" was the test); the LF stays part of the last line."""
    lf = _lf(EXAMPLES / "state" / "2011-eo13526-faulty.txt")
    engine = make_engine(["state"], date="2026-01-01")
    want = _lint(engine, lf, "x.txt")
    assert len(want) >= 3
    for mixed in (lf.replace(b"\n", b"\r") + b"\n", lf.replace(b"\n", b"\r").replace(b"\r", b"\r\n", 1)):
        src = decode(mixed, "x.txt")
        assert src.newline == "\r" and src.line_count == lf.count(b"\n") + 1
        assert _lint(engine, mixed, "x.txt") == want
        assert src.encode() == mixed  # the swap is its own inverse


@pytest.mark.parametrize("data,newline,lines", [
    (b"a\rb\rc\nd\r", "\r", 4),  # 3 lone CRs, 1 LF: CR lines, the LF inside line 3
    (b"a\nb\nc\rd\n", "\n", 4),  # the converse: LF lines, the CR inside line 3
    (b"a\rb\nc\rd\n", "\n", 3),  # a tie is not a majority: LF lines, as a CRLF file's stray CR
    (b"a\r\nb\r\nc\rd\r", "\n", 3),  # CRLF pairs count as LFs, not as lone CRs
])
def test_line_ending_majority(data: bytes, newline: str, lines: int) -> None:
    src = decode(data, "x.txt")
    assert (src.newline, src.line_count) == (newline, lines)
    assert src.encode() == data and len(src.text) == len(data)  # every offset the file's own


def test_bad_byte_in_a_mixed_cr_file_is_placed_on_its_cr_line() -> None:
    with pytest.raises(InputError) as got:
        decode(b"UNCLAS PARIS 1\rE.O. 12958: N/A\rCAF\xc9\r\n", "x.txt")
    assert (got.value.line, got.value.column) == (3, 4)


def test_bad_byte_after_a_utf8_bom_is_placed_at_its_own_column() -> None:
    with pytest.raises(InputError) as got:
        decode(b"\xef\xbb\xbfok\nbad \xff\n", "x.txt")
    assert (got.value.line, got.value.column) == (2, 5)
