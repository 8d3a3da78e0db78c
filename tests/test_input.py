"""Bad input is reported with its file and line, never crashes the run, and
is never rewritten."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from cablelint import lint_paths
from cablelint.source import InputError, decode, read

CABLE = "UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL FR\nSUBJECT: TEST\n\n1. (U) Text.\n"


def test_binary_file_is_a_cl001_finding(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"UNCLAS PARIS 1\nline two\n\x00\x01\x02")
    before = f.read_bytes()
    (finding,) = lint_paths([f])
    assert finding.rule == "CL001" and finding.line == 3
    assert "binary" in finding.message
    assert f.read_bytes() == before


def test_mis_encoded_file_names_line_and_column(tmp_path: Path) -> None:
    f = tmp_path / "latin1.txt"
    f.write_bytes("UNCLAS PARIS 1\nCAF\u00c9 OWNER\n".encode("latin-1"))
    (finding,) = lint_paths([f])
    assert (finding.rule, finding.line, finding.column) == ("CL001", 2, 4)
    assert "not UTF-8" in finding.message and "0xc9" in finding.message


def test_missing_path_is_reported(tmp_path: Path) -> None:
    (finding,) = lint_paths([tmp_path / "nope.txt"])
    assert finding.rule == "CL001" and "no such file" in finding.message


@pytest.mark.parametrize("enc,bom", [("utf-16", b""), ("utf-8", codecs.BOM_UTF8)])
def test_bom_and_utf16_are_decoded(enc: str, bom: bytes) -> None:
    src = decode(bom + CABLE.encode(enc), "x.txt")
    assert src.text.lstrip("\ufeff").startswith("UNCLAS") and src.bom


def test_crlf_keeps_columns_and_lines(tmp_path: Path) -> None:
    f = tmp_path / "crlf.txt"
    f.write_bytes(CABLE.replace("TAGS: PREL FR", "TAGS: PREL RU").replace("\n", "\r\n").encode())
    src = read(f)
    assert src.text.count("\r\n") == src.line_count - 1 and src.line_text(3) == "TAGS: PREL RU"
    findings = [x for x in lint_paths([f]) if x.rule == "CL405"]
    assert [(x.line, x.column, x.end_column) for x in findings] == [(3, 12, 14)]


@pytest.mark.parametrize("bom,codec", [(b"", "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")])
def test_lone_cr_line_endings_are_lines(tmp_path: Path, bom: bytes, codec: str) -> None:
    """A file whose lines end in a lone CR (classic Mac OS) lints as the LF one:
    same findings, same lines and columns (offsets are the file's own)."""
    text = CABLE.replace("TAGS: PREL FR", "TAGS: PREL RU")
    lf, cr = tmp_path / "lf.txt", tmp_path / "cr.txt"
    lf.write_bytes(bom + text.encode(codec))
    cr.write_bytes(bom + text.replace("\n", "\r").encode(codec))
    src = read(cr)
    assert src.line_count == text.count("\n") + 1 and src.line_text(3) == "TAGS: PREL RU"
    assert src.encode() == cr.read_bytes()  # written back with its CRs
    got = {(x.rule, x.line, x.column, x.end_line, x.end_column, x.message) for x in lint_paths([cr])}
    want = {(x.rule, x.line, x.column, x.end_line, x.end_column, x.message) for x in lint_paths([lf])}
    assert got == want and ("CL405", 3, 12, 3, 14) in {g[:5] for g in got}
    if not bom:  # the API's text is read so too
        from cablelint import lint_text

        assert {(x.rule, x.line, x.column) for x in lint_text(text.replace("\n", "\r"), "cr.txt")} == \
            {(x.rule, x.line, x.column) for x in lint_text(text, "cr.txt")}


def test_lone_cr_inside_lf_lines_stays_in_its_line() -> None:
    src = decode(b"UNCLAS PARIS 1\nE.O. 12958: N/A\rX\nTAGS: PREL\n", "x.txt")
    assert src.line_count == 4 and src.newline == "\n" and src.text.count("\r") == 1


def test_undecodable_byte_in_a_cr_file_is_placed_on_its_line(tmp_path: Path) -> None:
    f = tmp_path / "latin1.txt"
    f.write_bytes("UNCLAS PARIS 1\rCAF\u00c9 OWNER\r".encode("latin-1"))
    (finding,) = lint_paths([f])
    assert (finding.rule, finding.line, finding.column) == ("CL001", 2, 4)


def test_unreadable_path_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read(tmp_path)


@pytest.mark.parametrize("text", ["", "a", "a\n", "a\r\nb\r\n", "a\r\r\nb", "\n\n", "x\ry\nz\r", "one\ntwo\nthree"])
def test_line_text_is_the_slice_between_line_starts(text: str) -> None:
    """Source caches its lines (rules and detectors ask for each several times): same text as slicing."""
    from cablelint.source import Source

    src = Source("t.txt", text)
    ends = [s - 1 for s in src.line_starts[1:]] + [len(text)]
    want = [text[a:b].rstrip("\r") for a, b in zip(src.line_starts, ends)]
    assert [src.line_text(i) for i in range(1, src.line_count + 1)] == want == src.lines()
    assert src.line_span(src.line_count) == (src.line_starts[-1], src.line_starts[-1] + len(want[-1]))


@pytest.mark.parametrize("text", ["", "a", "a\n", "a\r\nb\r\n", "\n\n", "one\ntwo\nthree", "x ¶3. y\n\n¶4"])
def test_line_bounds_agree_with_finding_the_line_breaks(text: str) -> None:
    """line_bounds (the readers' shared look-up) gives, for every offset, the line start a
    search back for "\n" gives and the line end a search on for it gives, less a CR before it."""
    from cablelint.source import Source

    src = Source("t.txt", text)
    for at in range(len(text) + 1):
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        end -= text[end - 1:end] == "\r" and end > text.rfind("\n", 0, at) + 1
        assert src.line_bounds(at) == (text.rfind("\n", 0, at) + 1, end), at


def test_each_cause_of_cl001_has_its_own_fix(tmp_path: Path, monkeypatch, capsys) -> None:
    """The full output's `= fix:` of an unreadable input says what to do about
    its cause; only a mis-encoded file is told to re-encode."""
    from cablelint.cli import main

    monkeypatch.chdir(tmp_path)
    Path("bin.txt").write_bytes(b"UNCLAS PARIS 1\n\x00\x01")
    Path("latin1.txt").write_bytes("UNCLAS PARIS 1\nCAF\u00c9\n".encode("latin-1"))
    assert main(["check", "--isolated", "--no-cache", "nope.txt", "bin.txt", "latin1.txt", "chek"]) == 1
    out = capsys.readouterr().out
    fixes = dict(zip(re.findall(r"^(\S+?):\d+:\d+: error CL001", out, re.M), re.findall(r"^  = fix: (.*)$", out, re.M)))
    assert set(fixes) == {"nope.txt", "bin.txt", "latin1.txt", "chek"} and len(set(fixes.values())) == 4
    assert fixes["nope.txt"].startswith("Check the path") and "Re-encode" not in fixes["nope.txt"]
    assert "no text file" in fixes["bin.txt"] and fixes["latin1.txt"].startswith("Re-encode the file as UTF-8")
    assert fixes["chek"].startswith("`chek` is no file nor command: did you mean `cablelint check`?")


@pytest.mark.parametrize("reason,says", [
    ("permission denied", "read permission on the file"),
    ("cannot read this folder (Permission denied)", "permission on the folder"),
    ("not a regular file (a FIFO or device is never read)", "FIFO"),
    ("not valid UTF-16 text (truncated data)", "byte-order mark"),
    ("cannot read (Input/output error)", "the system's reason"),
])
def test_input_advice_by_cause(reason: str, says: str) -> None:
    from cablelint.inputadvice import advice

    assert says in advice("x.txt", reason)


def test_a_source_is_compared_printed_and_pickled_by_its_fields_not_its_caches() -> None:
    import pickle

    from cablelint.source import Source

    a, b = Source("x.txt", "a\nb\r\n", newline="\r"), Source("x.txt", "a\nb\r\n", newline="\r")
    a.lines(), a.low()  # caches filled on one side only
    assert a == b and a != Source("x.txt", "a\nb\r\n") and a != Source("y.txt", "a\nb\r\n", newline="\r")
    assert repr(a) == ("Source(path='x.txt', text='a\\nb\\r\\n', encoding='utf-8', bom=False, "
                       "line_starts=[0, 2, 5], newline='\\r')")
    back = pickle.loads(pickle.dumps(a))
    assert back == a and back.newline == "\r" and back.lines() == ["a", "b", ""]
    with pytest.raises(TypeError):
        hash(a)  # mutable, as the dataclass it replaces
