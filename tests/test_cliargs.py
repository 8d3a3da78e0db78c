"""cliargs.quick_parse reads the common `check` command lines without
argparse (issue 15): exactly as argparse reads them, and not at all (None,
argparse then decides) the lines it does not know."""
from __future__ import annotations

import pytest

from cablelint.cli import build_parser
from cablelint.cliargs import CHOICES, LEFT_TO_ARGPARSE, _LISTS, _SWITCHES, _VALUES, quick_parse

READ = [
    ["check"],
    ["check", "a.txt"],
    ["check", "--exit-zero", "-f", "concise", "--cache-dir", "/tmp/c", "a.txt"],
    ["check", "a.txt", "b.txt", "--exit-zero", "-q"],
    ["check", "--format=json", "--output=out.json", "dir/", "-"],
    ["check", "-r", "state", "--rules", "./house.yaml", "--select", "CL2", "--select=CL3", "--ignore", "CL201", "x"],
    ["check", "--extend-select", "CL9", "--severity-override", "CL201=warning", "--protect", "p.txt", "x"],
    ["check", "--exclude", "*.bak", "--extensions", ".txt,.tel", "--config", "c.yaml", "--isolated", "x"],
    ["check", "--fail-on", "info", "--min-severity=warning", "--color", "never", "-j", "2", "x"],
    ["check", "--jobs=0", "--no-cache", "--show-config", "--statistics", "--show-source", "--show-matches", "x"],
    ["check", "--show-files", "--show-symptoms", "--fix", "--unsafe-fixes", "--diff", "--fix-only", "x"],
    ["check", "--audit", "a.jsonl", "--baseline", "b.json", "--write-baseline", "w.json", "--stdin-filename", "s", "-"],
    ["check", "-f", "json", "-f", "concise", "x"],  # the last one wins
    ["check", "--cache-dir", "", "x"],  # an empty value is a value
    ["check", "-o", "-", "x"],
]

NOT_READ = [
    [], ["inspect", "x"], ["check", "--help"], ["check", "-h"], ["check", "--exit", "x"],  # an abbreviation
    ["check", "-fjson", "x"], ["check", "-qf", "json", "x"], ["check", "--", "-x"], ["check", "a", "-q", "b"],
    ["check", "--date", "2004-01-30", "x"], ["check", "--as-of=2010-01-01", "x"], ["check", "--fail-on", "bad", "x"],
    ["check", "--jobs", "two", "x"], ["check", "--jobs", "-1", "x"], ["check", "--format"], ["check", "-o", "-q", "x"],
    ["check", "--exit-zero=1", "x"], ["check", "--unknown", "x"],
    ["check", "--output=--", "x"], ["check", "--config=--", "x"], ["check", "--select=--", "x"],  # argparse drops a -- value
]


@pytest.mark.parametrize("argv", READ, ids=" ".join)
def test_a_line_it_reads_it_reads_as_argparse_does(argv: list[str]) -> None:
    quick = quick_parse(argv)
    assert quick is not None
    assert vars(quick) == vars(build_parser("check").parse_args(argv))
    assert "paths" in quick and quick == build_parser("check").parse_args(argv)


@pytest.mark.parametrize("argv", NOT_READ, ids=" ".join)
def test_a_line_it_does_not_know_is_left_to_argparse(argv: list[str]) -> None:
    assert quick_parse(argv) is None


def test_every_option_of_check_is_read_or_left_to_argparse() -> None:
    """An option added to the parser must be added to quick_parse's tables
    (or to LEFT_TO_ARGPARSE): else its attribute would be missing."""
    ap = build_parser("check")
    check = next(a for a in ap._actions if a.dest == "command").choices["check"]
    known = set(_SWITCHES) | set(_VALUES) | set(_LISTS) | set(LEFT_TO_ARGPARSE)
    options = {s for a in check._actions for s in a.option_strings}
    assert options == known
    assert set(vars(quick_parse(["check"]))) == set(vars(ap.parse_args(["check"])))


def test_the_options_argparse_limits_to_choices_are_limited_alike_here() -> None:
    """quick_parse refuses a value outside CHOICES (argparse then words the
    error); an option given choices in the parser but missing from CHOICES
    would be read here whatever its value."""
    ap = build_parser("check")
    check = next(a for a in ap._actions if a.dest == "command").choices["check"]
    limited = {a.dest: tuple(a.choices) for a in check._actions if a.choices is not None}
    assert limited == CHOICES
    for dest, values in CHOICES.items():
        flag = next(a.option_strings[0] for a in check._actions if a.dest == dest)
        assert quick_parse(["check", flag, "bad", "x"]) is None
        assert all(getattr(quick_parse(["check", flag, v, "x"]), dest) == v for v in values)


def test_the_check_command_line_loads_no_argparse() -> None:
    import subprocess
    import sys

    code = ("import sys\nfrom cablelint.cliargs import quick_parse\n"
            "assert quick_parse(['check', '--exit-zero', '-f', 'concise', 'x'])\n"
            "print('argparse' in sys.modules, 'gettext' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
