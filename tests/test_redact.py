"""`cablelint redact`: line structure, encodings, line endings, atomic
writes, idempotence, --diff masking, and errors."""
from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from cablelint import redact as R
from cablelint.cli import main
from cablelint.protectfile import from_terms

CABLE = ("C O N F I D E N T I A L PARIS 000579\n"
         "E.O. 12958: DECL: 01/30/2014\n"
         "Classified By: POLITICAL COUNSELOR JOSIAH\n"
         "ROSENBLATT, REASONS 1.4 B/D\n"
         "\n"
         "1. (C) Rosenblatt's contact Michael \\\n"
         "Ambuehl met the fleece trader Lee.\n")
TERMS = ["Josiah Rosenblatt", "Rosenblatt", "Michael Ambuehl", "Lee"]


@pytest.fixture()
def protect_file(tmp_path: Path) -> Path:
    f = tmp_path / "names.txt"
    f.write_text("\n".join(TERMS) + "\n", encoding="utf-8")
    return f


def redacted(text: str) -> str:
    return from_terms(TERMS).redact(text)[0]


def test_wrapped_name_becomes_wrapped_placeholder() -> None:
    out = redacted(CABLE)
    assert out.splitlines() == [
        "C O N F I D E N T I A L PARIS 000579",
        "E.O. 12958: DECL: 01/30/2014",
        "Classified By: POLITICAL COUNSELOR XXXXXXXXXXXX",
        "XXXXXXXXXXXX, REASONS 1.4 B/D",
        "",
        "1. (C) XXXXXXXXXXXX's contact XXXXXXXXXXXX \\",
        "XXXXXXXXXXXX met the fleece trader XXXXXXXXXXXX.",
    ]


def test_idempotent() -> None:
    once = redacted(CABLE)
    assert redacted(once) == once
    assert from_terms(TERMS).redact(once)[1] == 0


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_in_place_keeps_encoding_and_line_endings(tmp_path: Path, protect_file: Path, encoding: str,
                                                  bom: bytes, newline: str) -> None:
    f = tmp_path / "cable.txt"
    text = CABLE.replace("\n", newline)
    f.write_bytes(bom + text.encode(encoding))
    os.chmod(f, 0o640)
    assert main(["redact", "--protect", str(protect_file), "--in-place", "-q", str(f)]) == 0
    data = f.read_bytes()
    assert data.startswith(bom)
    assert data == bom + redacted(CABLE).replace("\n", newline).encode(encoding)  # CR-only lines read as lines
    assert data.count(newline.encode(encoding)) == text.count(newline)
    assert (f.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cable.txt", "names.txt"]  # no temp file left
    # A second run changes nothing and does not rewrite the file.
    mtime = f.stat().st_mtime_ns
    assert main(["redact", "--protect", str(protect_file), "--in-place", "-q", str(f)]) == 0
    assert f.read_bytes() == data and f.stat().st_mtime_ns == mtime


def test_stdout_is_the_redacted_file(tmp_path: Path, protect_file: Path, capfdbinary) -> None:
    f = tmp_path / "cable.txt"
    f.write_bytes(CABLE.replace("\n", "\r\n").encode())
    assert main(["redact", "--protect", str(protect_file), str(f)]) == 0
    out, err = capfdbinary.readouterr()
    assert out == redacted(CABLE.replace("\n", "\r\n")).encode()
    assert f.read_bytes() == CABLE.replace("\n", "\r\n").encode()  # without --in-place/-o nothing is written
    assert b"1 of 1 file" in err


def test_output_dir_keeps_tree_and_originals(tmp_path: Path, protect_file: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(CABLE, encoding="utf-8")
    (src / "sub" / "b.txt").write_text("UNCLASSIFIED\nNothing protected here.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["redact", "--protect", str(protect_file), "-o", str(out), "-q", str(src)]) == 0
    assert (out / "a.txt").read_text(encoding="utf-8") == redacted(CABLE)
    assert (out / "sub" / "b.txt").read_text(encoding="utf-8") == "UNCLASSIFIED\nNothing protected here.\n"
    assert (src / "a.txt").read_text(encoding="utf-8") == CABLE
    # -o pointing at the input's own folder would overwrite it: refused.
    assert main(["redact", "--protect", str(protect_file), "-o", str(src), "-q", str(src / "a.txt")]) == 2
    assert (src / "a.txt").read_text(encoding="utf-8") == CABLE


def test_diff_masks_removed_lines(tmp_path: Path, protect_file: Path, capsys) -> None:
    f = tmp_path / "cable.txt"
    f.write_text(CABLE, encoding="utf-8")
    assert main(["redact", "--protect", str(protect_file), "--diff", str(f)]) == 1  # something would change
    out = capsys.readouterr().out
    assert out.startswith(f"--- a/{f}\n+++ b/{f}\n@@ ")
    assert "-Classified By: POLITICAL COUNSELOR [PROTECTED]\n-[PROTECTED], REASONS 1.4 B/D\n" in out
    assert "+Classified By: POLITICAL COUNSELOR XXXXXXXXXXXX\n+XXXXXXXXXXXX, REASONS 1.4 B/D\n" in out
    assert " E.O. 12958: DECL: 01/30/2014\n" in out  # context lines
    for word in ("JOSIAH", "ROSENBLATT", "AMBUEHL", " LEE"):
        assert word not in out.upper()
    assert f.read_text(encoding="utf-8") == CABLE  # --diff alone writes nothing
    # With --show-matches the removed text is shown as it is.
    assert main(["redact", "--protect", str(protect_file), "--diff", "--show-matches", str(f)]) == 1
    assert "-Classified By: POLITICAL COUNSELOR JOSIAH\n-ROSENBLATT, REASONS" in capsys.readouterr().out


def test_diff_of_unchanged_file_is_empty(tmp_path: Path, protect_file: Path, capsys) -> None:
    f = tmp_path / "clean.txt"
    f.write_text("UNCLASSIFIED\nNothing here.", encoding="utf-8")
    assert main(["redact", "--protect", str(protect_file), "--diff", str(f)]) == 0
    assert capsys.readouterr().out == ""


def test_no_partial_file_when_the_write_fails(tmp_path: Path, protect_file: Path, monkeypatch) -> None:
    f = tmp_path / "cable.txt"
    f.write_text(CABLE, encoding="utf-8")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(R.os, "replace", boom)
    assert main(["redact", "--protect", str(protect_file), "--in-place", "-q", str(f)]) == 2
    assert f.read_text(encoding="utf-8") == CABLE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cable.txt", "names.txt"]


def test_errors_exit_2(tmp_path: Path, protect_file: Path, capsys) -> None:
    f = tmp_path / "cable.txt"
    f.write_text(CABLE, encoding="utf-8")
    assert main(["redact", "--isolated", str(f)]) == 2
    assert "needs a protect list" in capsys.readouterr().err
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"UNCLAS\n\x00\x01\x02")
    assert main(["redact", "--protect", str(protect_file), "-q", str(binary)]) == 2
    assert f"{binary}:2: binary file" in capsys.readouterr().err
    assert main(["redact", "--protect", str(protect_file), "--in-place", "-o", str(tmp_path / "o"), str(f)]) == 2
    assert main(["redact", "--protect", str(protect_file), str(tmp_path / "missing.txt")]) == 2


def test_protect_from_config(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "names.txt").write_text("Josiah Rosenblatt\n", encoding="utf-8")
    (tmp_path / ".cablelint.yaml").write_text("protect: [names.txt]\n", encoding="utf-8")
    f = tmp_path / "cable.txt"
    f.write_text(CABLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["redact", "-q", "cable.txt"]) == 0
    assert "POLITICAL COUNSELOR XXXXXXXXXXXX\nXXXXXXXXXXXX, REASONS" in capsys.readouterr().out


@pytest.mark.parametrize("codec,bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
])
def test_source_records_the_exact_codec_and_encodes_back(codec: str, bom: bytes) -> None:
    """Regression: a BOM file was recorded as plain 'utf-16'/'utf-32', which
    cannot tell the byte order, so redact kept its own BOM table; the Source
    now round-trips every encoding itself, and redact uses it."""
    from cablelint.source import decode

    raw = bom + CABLE.replace("\n", "\r\n").encode(codec)
    src = decode(raw, "c.txt")
    assert (src.encoding, src.bom) == (codec, bool(bom))
    assert src.encode() == raw
    r = R.redact_source(src, from_terms(TERMS))
    assert r.data == bom + redacted(CABLE.replace("\n", "\r\n")).encode(codec)
    assert R.redact_source(decode(r.data, "c.txt"), from_terms(TERMS)).data == r.data  # idempotent


def test_unreadable_input_is_named_by_source_read(tmp_path: Path, protect_file: Path, capsys) -> None:
    """redact reads through source.read, so its errors are those of `check`."""
    d = tmp_path / "dir.txt"
    d.mkdir()
    missing = tmp_path / "missing.txt"
    assert main(["redact", "--protect", str(protect_file), "-q", str(missing)]) == 2
    assert str(missing) in capsys.readouterr().err
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"UNCLAS\nJos\xe9\n")
    assert main(["redact", "--protect", str(protect_file), "-q", str(bad)]) == 2
    assert f"{bad}:2:4: not UTF-8" in capsys.readouterr().err


# -- --in-place write hazards (issue 14): each left the name somewhere or lost an edit --------

def _one(tmp_path: Path, name: str = "c.txt") -> Path:
    f = tmp_path / name
    f.write_text(CABLE, encoding="utf-8")
    return f


def test_hard_linked_file_is_refused_unless_told(tmp_path: Path, protect_file: Path, capsys) -> None:
    f = _one(tmp_path)
    other = tmp_path / "copy.keep"
    os.link(f, other)
    assert main(["redact", "--protect", str(protect_file), "--in-place", str(f)]) == 2
    err = capsys.readouterr().err
    assert "hard links" in err and "redacted in 0 of 1 file" in err
    assert f.read_text(encoding="utf-8") == CABLE
    assert main(["redact", "--protect", str(protect_file), "--in-place", "--hard-links", str(f)]) == 0
    assert other.read_text(encoding="utf-8") == redacted(CABLE) == f.read_text(encoding="utf-8")


def test_symlink_is_refused_unless_followed(tmp_path: Path, protect_file: Path, capsys) -> None:
    target = _one(tmp_path, "target.keep")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert main(["redact", "--protect", str(protect_file), "--in-place", str(link)]) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert link.is_symlink() and target.read_text(encoding="utf-8") == CABLE
    assert main(["redact", "--protect", str(protect_file), "--in-place", "--follow-symlinks", str(link)]) == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8") == redacted(CABLE)


@pytest.mark.parametrize("change", ["edit", "delete"])
def test_file_changed_or_deleted_during_the_run_is_left_alone(tmp_path: Path, protect_file: Path, change: str,
                                                              capsys, monkeypatch) -> None:
    f = _one(tmp_path)
    real = R.redact_source

    def meanwhile(src, plist):  # someone edits or deletes the file after it was read
        out = real(src, plist)
        if change == "edit":
            f.write_text(CABLE + "2. A late edit.\n", encoding="utf-8")
        else:
            f.unlink()
        return out

    monkeypatch.setattr(R, "redact_source", meanwhile)
    assert main(["redact", "--protect", str(protect_file), "--in-place", str(f)]) == 2
    err = capsys.readouterr().err
    assert ("changed during the run" if change == "edit" else "deleted during the run") in err
    assert "redacted in 0 of 1 file" in err
    if change == "edit":
        assert f.read_text(encoding="utf-8").endswith("2. A late edit.\n")
    else:
        assert not f.exists()


def test_mode_and_owner_kept(tmp_path: Path, protect_file: Path) -> None:
    f = _one(tmp_path)
    os.chmod(f, 0o640)
    before = f.stat()
    assert main(["redact", "--protect", str(protect_file), "--in-place", str(f)]) == 0
    after = f.stat()
    assert (after.st_mode, after.st_uid, after.st_gid) == (before.st_mode, before.st_uid, before.st_gid)
    assert after.st_ino != before.st_ino  # replaced atomically, not rewritten in place


def test_failed_writes_are_reported_and_not_counted(tmp_path: Path, protect_file: Path, capsys,
                                                    monkeypatch) -> None:
    (tmp_path / "in").mkdir()
    a, b = _one(tmp_path / "in", "a.txt"), _one(tmp_path / "in", "b.txt")
    real = os.replace

    def full_disk(src, dst):
        if str(dst).endswith("a.txt"):
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    assert main(["redact", "--protect", str(protect_file), "--in-place", str(tmp_path / "in")]) == 2
    err = capsys.readouterr().err
    assert "a.txt: cannot write (No space left on device)" in err
    assert "redacted in 1 of 2 files" in err
    assert a.read_text(encoding="utf-8") == CABLE and b.read_text(encoding="utf-8") == redacted(CABLE)
    assert not [p for p in (tmp_path / "in").iterdir() if p.name.endswith(".tmp")]


def test_output_dir_redacts_names_in_file_names(tmp_path: Path, protect_file: Path, capsys) -> None:
    """A copy written by -o must not carry in its file name what its text may
    not (issue 14: `redact -o` kept names in output file names); two inputs
    whose redacted names collide are an error, never an overwrite."""
    name = TERMS[0].split()[-1]
    src = tmp_path / "in"
    (src / name).mkdir(parents=True)
    (src / name / f"{name}_notes.txt").write_text(CABLE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["redact", "--protect", str(protect_file), "-o", str(out), "-q", str(src)]) == 0
    written = [p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()]
    assert len(written) == 1 and name.lower() not in written[0].lower()
    assert (out / written[0]).read_text(encoding="utf-8") == redacted(CABLE)
    (src / "XXXXXXXXXXXX").mkdir()
    (src / "XXXXXXXXXXXX" / "XXXXXXXXXXXX_notes.txt").write_text(CABLE, encoding="utf-8")
    assert main(["redact", "--protect", str(protect_file), "-o", str(tmp_path / "out2"), "-q", str(src)]) == 2
    assert not (tmp_path / "out2").exists() or not any((tmp_path / "out2").rglob("*.txt"))
