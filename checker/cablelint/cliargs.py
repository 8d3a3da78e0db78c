"""The command line's meaning: which command runs, `quick_parse` (a common
`check` command line read without argparse), and `settings`, the
configuration file's settings with the flags on top. The argparse parser
of every subcommand is in cliparser.py."""
from __future__ import annotations

from .findings import Severity
from .settings import FAIL_ON
from .terminal import UsageError

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    import argparse
    from typing import Any

    from .config import Config

COMMANDS = ("check", "inspect", "rules", "rule", "test", "redact", "marking", "report")
REPORT_BUG = "this is a bug in cablelint: please report it with the command you ran"


# -- a `check` command line without argparse ---------------------------------
# argparse costs ~4 ms of every run (its import, gettext look-ups, a help
# formatter per option): a command line made only of the options below, each
# written whole (`--format json`, `--format=json`, `-f json`), with its paths
# in one run, is read here into what argparse would give. Anything else (an
# abbreviation, `-fjson`, `-qj 2`, `--`, a value starting with '-', --date,
# --as-of, --help, a bad choice or number) goes to argparse, which also
# words the errors. tests/test_cliargs.py checks that both read alike and that
# every option of the parser is here or among those left to argparse.
_SWITCHES = {"--exit-zero": "exit_zero", "--no-cache": "no_cache", "--show-config": "show_config",
             "--statistics": "statistics", "--quiet": "quiet", "-q": "quiet", "--show-source": "show_source",
             "--show-matches": "show_matches", "--isolated": "isolated", "--show-files": "show_files",
             "--show-symptoms": "show_symptoms", "--fix": "fix", "--unsafe-fixes": "unsafe_fixes", "--diff": "diff",
             "--fix-only": "fix_only"}
_VALUES = {"--format": "format", "-f": "format", "--output": "output", "-o": "output", "--cache-dir": "cache_dir",
           "--baseline": "baseline", "--write-baseline": "write_baseline", "--config": "config",
           "--extensions": "extensions", "--stdin-filename": "stdin_filename", "--audit": "audit",
           "--fail-on": "fail_on", "--min-severity": "min_severity", "--color": "color", "--jobs": "jobs",
           "-j": "jobs", "--encoding": "encoding"}
_LISTS = {"--rules": "rules", "-r": "rules", "--select": "select", "--ignore": "ignore",
          "--extend-select": "extend_select", "--severity-override": "severity_override", "--protect": "protect",
          "--exclude": "exclude"}
# The values of check's options that take a choice: cliparser gives argparse these (one table, no drift).
CHOICES = {"fail_on": FAIL_ON, "min_severity": FAIL_ON, "color": ("auto", "always", "never")}
LEFT_TO_ARGPARSE = ("-h", "--help", "--date", "--as-of")  # of check's options, those quick_parse never reads


def _defaults() -> dict[str, Any]:
    out: dict[str, Any] = {"command": "check", "paths": [], "date": None, "as_of": None}
    out.update(dict.fromkeys(_SWITCHES.values(), False))
    out.update(dict.fromkeys(_VALUES.values(), None))
    out.update({dest: [] for dest in _LISTS.values()}, rules=None)  # --color None: "auto" (report refuses one given)
    return out


def quick_parse(argv: list[str]) -> Namespace | None:
    """`argv` (starting with `check`) read as argparse would read it, or None
    when it is not a command line this reads (argparse then does)."""
    if not argv or argv[0] != "check":
        return None
    got = _defaults()
    paths_at = None  # where the one run of paths started
    i, n = 1, len(argv)
    while i < n:
        arg = argv[i]
        if not arg.startswith("-") or arg == "-":
            if paths_at is not None and paths_at != i - len(got["paths"]):
                return None  # paths in two runs: argparse refuses them (nargs='*')
            paths_at = i if paths_at is None else paths_at
            got["paths"].append(arg)
            i += 1
            continue
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in _SWITCHES and not eq:
            got[_SWITCHES[name]] = True
            i += 1
            continue
        if name not in _VALUES and name not in _LISTS:
            return None
        if not eq:
            if i + 1 >= n or (argv[i + 1].startswith("-") and argv[i + 1] != "-"):
                return None
            value, i = argv[i + 1], i + 2
        else:
            i += 1
        if value == "--":
            return None  # `--output=--`: argparse drops such a value; let it say so
        if name in _LISTS:
            dest = _LISTS[name]
            got[dest] = [*(got[dest] or []), value]
            continue
        dest = _VALUES[name]
        if dest in CHOICES and value not in CHOICES[dest]:
            return None
        if dest == "jobs":
            try:
                value = int(value)
            except ValueError:
                return None
        got[dest] = value
    return Namespace(**got)


class Namespace:
    """What argparse.Namespace is (attributes, `==`, `in`, a repr), without argparse."""

    def __init__(self, **kwargs: Any) -> None:
        self.__dict__.update(kwargs)

    def __eq__(self, other: object) -> bool:
        return vars(self) == vars(other) if hasattr(other, "__dict__") else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __contains__(self, key: str) -> bool:
        return key in self.__dict__

    def __repr__(self) -> str:
        return f"Namespace({', '.join(f'{k}={v!r}' for k, v in sorted(vars(self).items()))})"


def _severity_overrides(items: list[str]) -> dict[str, Severity]:
    out: dict[str, Severity] = {}
    for item in items:
        sel, eq, sev = item.partition("=")
        if not eq or not sel.strip():
            raise UsageError(f"--severity-override {item!r}: use RULE=SEVERITY, e.g. CL201=warning")
        try:
            out[sel.strip()] = Severity.parse(sev)
        except ValueError as exc:
            raise UsageError(f"--severity-override {item!r}: {exc}") from None
    return out


# (argparse attribute, setting, flag): flags that choose replace, flags that add extend (Config.with_overrides)
FLAGS = (("rules", "rules", "--rules"), ("select", "select", "--select"), ("ignore", "ignore", "--ignore"),
         ("extend_select", "extend_select", "--extend-select"), ("exclude", "exclude", "--exclude"),
         ("extensions", "extensions", "--extensions"), ("fail_on", "fail_on", "--fail-on"),
         ("min_severity", "min_severity", "--min-severity"), ("format", "format", "--format"),
         ("date", "date", "--date"), ("as_of", "as_of", "--as-of"), ("protect", "protect", "--protect"),
         ("encoding", "encoding", "--encoding"))


def settings(args: argparse.Namespace) -> Config:
    """The configuration file's settings with this command's flags on top."""
    from .config import resolve as resolve_config

    cfg = resolve_config(getattr(args, "config", None), getattr(args, "isolated", False))
    for attr, key, flag in FLAGS:
        value = getattr(args, attr, None)
        if value not in (None, []) and not (key == "format" and args.command != "check"):
            cfg = cfg.with_overrides(flag, **{key: value})
    overrides = getattr(args, "severity_override", None)
    if overrides:
        cfg = cfg.with_overrides("--severity-override", severity=_severity_overrides(overrides))
    return cfg
