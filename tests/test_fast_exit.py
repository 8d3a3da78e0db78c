"""The `cablelint` program (cli.run) pauses the collector for its start-up
and ends without the interpreter's teardown (issue 15): what it writes, its
exit code and `atexit` handlers are those of a normal exit."""
from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys

import cablelint

SRC = str(pathlib.Path(cablelint.__file__).parents[1])


def _program(tmp_path: pathlib.Path, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    from conftest import SEED

    cable = tmp_path / SEED.name
    if not cable.exists():
        shutil.copy(SEED, cable)
    argv = ["cablelint", "check", "--isolated", "--cache-dir", str(tmp_path / "cache"), *args, str(cable)]
    script = f"import sys; sys.path.insert(0, {SRC!r}); sys.argv = {argv!r}\n{code}\n"
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)


def test_the_report_and_exit_code_are_whole_after_the_quick_exit(tmp_path) -> None:
    for _ in range(2):  # the first run builds the engine, the second is answered by the result cache
        got = _program(tmp_path, "from cablelint.cli import run\nrun()", "-f", "json", "--fail-on", "info")
        assert got.returncode == 1, got.stderr  # the seed has findings
        assert json.loads(got.stdout)  # written whole: the buffer was flushed before the exit
        got = _program(tmp_path, "from cablelint.cli import run\nrun()", "-f", "json", "--exit-zero")
        assert got.returncode == 0 and json.loads(got.stdout)


def test_atexit_handlers_still_run(tmp_path) -> None:
    code = ("import atexit\natexit.register(lambda: print('handler ran', file=sys.stderr))\n"
            "atexit.register(lambda: print('and wrote', end=''))  # stdout is a pipe: buffered until flushed\n"
            "from cablelint.cli import run\nrun()")
    got = _program(tmp_path, code, "-q", "--exit-zero")
    assert got.returncode == 0 and "handler ran" in got.stderr and got.stdout.endswith("and wrote")
    assert got.stderr.count("handler ran") == 1


def test_the_collector_is_paused_for_the_start_up_and_on_again_for_the_lint(tmp_path) -> None:
    code = ("import gc\nfrom cablelint import cli, session\n"
            "build = session.Session.build.__func__\n"
            "def spy(cls, *a, **k):\n"
            "    print('before build', gc.isenabled(), file=sys.stderr)\n"
            "    got = build(cls, *a, **k)\n"
            "    print('after build', gc.isenabled(), file=sys.stderr)\n"
            "    return got\n"
            "session.Session.build = classmethod(spy)\n"
            "cli.run()")
    got = _program(tmp_path, code, "-q", "--exit-zero")
    assert "before build False" in got.stderr and "after build True" in got.stderr


def test_main_leaves_the_collector_alone(tmp_path) -> None:
    """main() is what the API and the tests call in-process: no pause, no exit."""
    code = ("import gc\nfrom cablelint.cli import main\n"
            "code = main(sys.argv[1:])\n"
            "print('collector on', gc.isenabled(), 'code', code)")
    got = _program(tmp_path, code, "-q", "--exit-zero")
    assert got.returncode == 0 and "collector on True code 0" in got.stdout


def test_a_thread_still_running_gets_the_normal_exit(tmp_path) -> None:
    code = ("import threading, time\n"
            "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done', file=sys.stderr))).start()\n"
            "from cablelint.cli import run\nrun()")
    got = _program(tmp_path, code, "-q", "--exit-zero")
    assert got.returncode == 0 and "thread done" in got.stderr  # the interpreter waited for it


def test_commands_that_build_no_session_turn_the_collector_on_again(tmp_path) -> None:
    """`cablelint rules` (like `test` and `rule`) never builds a Session, the
    place `check` resumes the collector: the command itself turns it on."""
    script = (f"import sys, gc; sys.path.insert(0, {SRC!r}); sys.argv = ['cablelint', 'rules']\n"
              "import atexit; atexit.register(lambda: print('gc', gc.isenabled(), file=sys.stderr))\n"
              "from cablelint.cli import run\nrun()")
    got = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert got.returncode == 0 and "gc True" in got.stderr, got.stderr
