"""Hostile runs end cleanly (issue 14, items 4-6 for the CLI and discovery):
no traceback, an exit code that says what happened (2 usage or I/O, 3 a bug),
no hang on a FIFO, no silent skip, any file name."""
from __future__ import annotations

import errno
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from cablelint import lintpool
from cablelint.cli import main
from cablelint.reporters import names as format_names

from test_cli_check import CABLE

BASE = ["check", "--isolated", "--date", "2004-01-30"]


@pytest.fixture()
def alarm():
    """Fail instead of hanging forever (a FIFO opened for reading blocks)."""
    def boom(*_):
        raise TimeoutError("cablelint blocked")
    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("cmd", [BASE, ["inspect", "--isolated"], ["redact", "--isolated", "--protect", "x"]])
def test_an_empty_path_is_an_error_not_the_current_folder(cmd, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.txt").write_text(CABLE, encoding="utf-8")
    assert main([*cmd, ""]) == 2
    assert "empty path" in capsys.readouterr().err


@pytest.mark.parametrize("flag", ["--protect", "--rules", "--baseline", "--config", "--output", "--write-baseline"])
def test_an_empty_option_value_is_an_error(flag, tmp_path, capsys) -> None:
    (tmp_path / "c.txt").write_text(CABLE, encoding="utf-8")
    cmd = BASE if flag != "--config" else ["check", "--date", "2004-01-30"]
    assert main([*cmd, flag, "", str(tmp_path / "c.txt")]) == 2
    assert "empty" in capsys.readouterr().err


def test_fifos_are_never_read(tmp_path: Path, capsys, alarm) -> None:
    (tmp_path / "c.txt").write_text(CABLE, encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert main([*BASE, "-f", "concise", str(tmp_path)]) == 1  # c.txt's findings; the FIFO skipped
    out, err = capsys.readouterr()
    assert "c.txt:" in out and "pipe.txt: skipped (not a regular file" in err
    assert main([*BASE, "-f", "json", str(fifo)]) == 1  # named: an error (CL001), not a hang
    (found,) = json.loads(capsys.readouterr().out)
    assert found["rule"] == "CL001" and "not a regular file" in found["message"]
    for flag in ("--protect", "--baseline"):
        assert main([*BASE, flag, str(fifo), str(tmp_path / "c.txt")]) == 2
        assert "not a regular file" in capsys.readouterr().err
    assert main(["check", "--config", str(fifo), str(tmp_path / "c.txt")]) == 2
    assert "not a regular file" in capsys.readouterr().err


def test_an_unreadable_folder_is_an_error(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "c.txt").write_text(CABLE.replace("Nobody marked", "(C) Marked"), encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "locked":  # root reads anything: simulate EACCES
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert main([*BASE, "-f", "concise", "--select", "CL001", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert "locked: cannot read this folder (Permission denied)" in err and "CL001" in out


def test_a_file_name_that_is_not_utf8(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"caf\xe9.txt")
    Path(name).write_text(CABLE, encoding="utf-8")
    for fmt in sorted(format_names()):
        assert main([*BASE, "-f", fmt, "."]) == 1, fmt
        out = capsys.readouterr().out
        assert "caf\ufffd.txt" in out or "caf%EF%BF%BD.txt" in out, fmt  # SARIF: a URI
        if fmt in ("json", "sarif", "gitlab"):
            json.loads(out)
    assert main([*BASE, "-f", "sarif", "-o", "r.sarif", "."]) == 1
    json.loads(Path("r.sarif").read_text(encoding="utf-8"))
    assert main([*BASE, "--write-baseline", "b.json", "."]) == 0
    capsys.readouterr()
    assert main([*BASE, "--baseline", "b.json", "-f", "json", "."]) == 0
    assert json.loads(capsys.readouterr().out) == []


class Full(io.StringIO):
    def write(self, s: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_stdout_ends_cleanly(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "c.txt").write_text(CABLE, encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", Full())
    monkeypatch.setattr("cablelint.cli.stdout_gone", lambda code=0: code)
    assert main([*BASE, str(tmp_path / "c.txt")]) == 2
    assert "cannot write the output: No space left on device" in capsys.readouterr().err


def test_a_closed_pipe_and_stdin_end_cleanly(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text(CABLE, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "cablelint", *BASE, "-f", "concise", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before cablelint writes (`cablelint ... | true`)
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0 and "Traceback" not in err, err
    code = ("import os, sys; os.close(0); sys.stdin = None; from cablelint.cli import main; "
            "raise SystemExit(main(['check', '--isolated', '-']))")
    got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert got.returncode == 2 and "stdin is closed" in got.stderr and "Traceback" not in got.stderr


def test_a_bug_on_one_file_is_exit_3_and_the_others_are_linted(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "a.txt").write_text(CABLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(CABLE, encoding="utf-8")
    real = lintpool.lint_one

    def buggy(engine, src):
        if src.path.endswith("a.txt"):
            raise KeyError("boom")
        return real(engine, src)

    monkeypatch.setattr(lintpool, "lint_one", buggy)
    assert main([*BASE, "-f", "concise", str(tmp_path)]) == 3
    out, err = capsys.readouterr()
    assert "b.txt:" in out and "a.txt:" not in out
    assert "internal error while linting" in err and "a.txt" in err and "please report" in err
    assert "Traceback" not in err


def test_a_release_rule_switched_off_by_the_config_is_named(tmp_path: Path, capsys) -> None:
    cfg = tmp_path / ".cablelint.yaml"
    cfg.write_text("rules: [state, release]\nignore: [CL601]\nas-of: 2024-01-01\ndate: 2004-01-30\n",
                   encoding="utf-8")
    (tmp_path / "c.txt").write_text(CABLE, encoding="utf-8")
    main(["check", "--config", str(cfg), "-f", "concise", "--exit-zero", str(tmp_path / "c.txt")])
    out = capsys.readouterr().out
    assert f"note: release review with rules switched off: CL601 by `ignore` in {cfg}:2" \
        in out
    main(["check", "--config", str(cfg), "-f", "json", "--exit-zero", str(tmp_path / "c.txt")])
    assert "CL601 by `ignore`" in capsys.readouterr().err
