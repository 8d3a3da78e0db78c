"""The settings of a run and where each came from: `Config`, and its one
merge, `Config.with_overrides` (the command line, the API's keywords and a
configuration file all go through it), with the value normalisation every
origin shares, and `path_matches` for the globs of `exclude` and
`per-file-ignores`. Reading configuration files is `config.py`.
"""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path, PurePosixPath

from .findings import Severity

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    import datetime as dt
    from typing import Any

YAML_NAMES = (".cablelint.yaml", ".cablelint.yml")
DEFAULT_EXTENSIONS = (".txt", ".cable", ".tel")
PYPROJECT = "pyproject.toml"
FAIL_ON = ("error", "warning", "info")

# key -> (kind, what the error message says it must be)
KEYS: dict[str, str] = {
    "rules": "names",  # rule set names or files
    "select": "names",
    "ignore": "names",
    "extend-select": "names",
    "severity": "severity-map",
    "per-file-ignores": "glob-map",
    "exclude": "names",
    "extensions": "names",
    "fail-on": "level",
    "min-severity": "level",
    "format": "text",
    "date": "date",
    "as-of": "date",
    "protect": "names",
    "encoding": "codec",
}


class ConfigError(Exception):
    """A configuration that cannot be used; str() is `file:line: what is wrong`."""


# Setting (with underscores) -> how an override merges with the file's value.
SETTINGS: dict[str, str] = {
    "rules": "replace", "select": "replace", "ignore": "add", "extend_select": "add", "severity": "add",
    "per_file_ignores": "add", "exclude": "add", "extensions": "replace", "fail_on": "replace",
    "min_severity": "replace", "format": "replace", "date": "replace", "as_of": "replace", "protect": "add",
    "encoding": "replace",
}


def dotted(exts: list[str]) -> list[str]:
    """File endings as compared: with their dot, lower case (`TXT` -> `.txt`)."""
    return [(e if e.startswith(".") else "." + e).lower() for e in exts]


class SettingError(ValueError):
    """A setting's value that cannot be used; `key` says where (`severity.CL201`),
    so a file's error can name that line."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def _typename(value: Any) -> str:
    for typ, name in ((bool, "true/false"), (dict, "a mapping"), (list, "a list"), (str, "text"),
                      ((int, float), "a number")):
        if isinstance(value, typ):
            return name
    return type(value).__name__


def _split(name: str, value: Any, text_only: bool) -> list[Any]:
    """A list from a list, or from one value or a comma list (`--ignore CL1,CL2`);
    `text_only`: every item must be text (a file's values)."""
    many = isinstance(value, (list, tuple, set))
    if text_only and not (isinstance(value, str) or many and all(isinstance(v, str) for v in value)):
        raise SettingError(name, f"`{name}` must be a list of text, not {_typename(value)}")
    out: list[Any] = []
    for v in (value if many else [value]):
        if isinstance(v, str) and not v.strip():
            raise SettingError(name, f"`{name}`: an empty value (an unset variable?)")
        if isinstance(v, str):
            out += [p.strip() for p in v.split(",") if p.strip()]
        else:
            out.append(str(v) if isinstance(v, Path) else v)
    return out


def _concat(old: Any, new: Any) -> Any:
    if not isinstance(old, list) or not isinstance(new, list):
        return [old, new] if not isinstance(old, list) else old + [new]
    return old + new


def _level(name: str, value: Any) -> str:
    text = str(value).lower() if isinstance(value, (str, Severity)) else None
    if text not in FAIL_ON:
        raise SettingError(name, f"`{name}` must be one of {', '.join(FAIL_ON)}, not {value!r}")
    return text


def _severity_map(name: str, value: Any, text_only: bool) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise SettingError(name, f"`{name}` must be a mapping of rule to severity, not {_typename(value)}")
    out = {}
    for sel, sev in value.items():
        try:
            if isinstance(sev, Severity) and not text_only:
                out[str(sel)] = sev
                continue
            if not isinstance(sev, str):
                raise ValueError(sev)
            out[str(sel)] = Severity.parse(sev)
        except ValueError:
            raise SettingError(f"{name}.{sel}", f"`{name}.{sel}`: unknown severity {sev!r} "
                                                "(use error, warning or info)") from None
    return out


def _glob_map(name: str, value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise SettingError(name, f"`{name}` must be a mapping of glob to rule list, not {_typename(value)}")
    out = {}
    for glob, rules in value.items():
        try:
            if not isinstance(glob, str):
                raise SettingError(name, "")
            out[glob] = _split(f"{name}.{glob}", rules, text_only=True)  # rule selectors: text, whoever gives them
        except SettingError:
            raise SettingError(f"{name}.{glob}", f"`{name}`: {glob!r} must map to a list of rules") from None
    return out


def _codec(name: str, value: Any) -> str:
    """An encoding for the files that are not UTF-8: one Python knows, and one
    whose bytes map to code points one by one or as UTF-8 does (a UTF-16 or
    UTF-32 file needs its BOM, which is read whatever this says)."""
    import codecs

    try:
        info = codecs.lookup(str(value))
    except LookupError:
        raise SettingError(name, f"`{name}`: unknown encoding {value!r} (e.g. cp1252, latin-1)") from None
    if not isinstance(value, str) or info.name.startswith(("utf-16", "utf-32")) or not _byte_per_char(info):
        raise SettingError(name, f"`{name}`: {value!r} cannot be a cable's encoding: not a single-byte text "
                                 f"encoding (e.g. cp1252, latin-1)")
    return info.name


def _byte_per_char(info: Any) -> bool:
    """Whether a codec reads text one byte a character, as the README
    promises (UTF-8 passes: its files are read as UTF-8 first anyway). The
    bytes-to-bytes codecs (rot13, hex, base64) crashed a run; multibyte
    (shift_jis, utf-7) and escape codecs shift the columns and the spans."""
    if not getattr(info, "_is_text_encoding", True):
        return False
    try:
        for b in range(256):
            one = bytes([b]).decode(info.name, "replace")
            if len(one) != 1 or bytes([b, b]).decode(info.name, "replace") != one * 2:
                return False
        return len(b"\\u00e9+-A".decode(info.name, "replace")) == 9
    except (LookupError, TypeError, ValueError):
        return False


def normalise(key: str, value: Any, name: str | None = None, text_only: bool = False) -> Any:
    """One setting's value as Config keeps it, whoever gave it (a file, a flag,
    the API): the one place a value is checked and converted (comma lists,
    extensions, dates, levels, severities). `name` is the setting as its
    origin spelt it, for the message; `text_only` is a file's strictness (the
    API may also pass loaded rule sets, a ProtectList, Severity values).
    A bad value raises SettingError."""
    name = name or key.replace("_", "-")
    kind = KEYS[key.replace("_", "-")]
    if kind == "severity-map":
        return _severity_map(name, value, text_only)
    if kind == "glob-map":
        return _glob_map(name, value)
    if kind == "level":
        return _level(name, value)
    if kind == "date":
        from .dates import parse_date  # here: a run from the result cache never loads the document model

        try:
            return parse_date(value)
        except ValueError:
            raise SettingError(name, f"`{name}` must be a date YYYY-MM-DD, not {value!r}") from None
    if kind == "codec":
        return _codec(name, value)
    if kind == "text":
        if not isinstance(value, str):
            raise SettingError(name, f"`{name}` must be text, not {_typename(value)}")
        return value
    if key == "protect" and not text_only and not isinstance(value, (str, Path, list, tuple)):
        return value  # a loaded ProtectList
    values = _split(name, value, text_only)
    if key != "rules" and any(not isinstance(v, str) for v in values):  # rules: names, files or RuleSets
        raise SettingError(name, f"`{name}` must be text or a list of text, not {value!r}")
    return dotted(values) if key == "extensions" else values


class Config:
    """The settings in effect, and where each one came from: `path`, the
    config file in effect, if any; `lines`, "key" or "key.sub" -> line in
    `path`; `origin`, key -> "file:line" or "--flag"; `overrides`, the
    (origin, settings) applied on top of the file, in order (a configuration
    found nearer to a linted file gets the same command-line settings);
    `nested`: look for a nearer configuration beside each linted file (ruff's
    model). A plain class, not a dataclass: a one-file run never imports
    dataclasses (records.py says why)."""

    def __init__(self, rules: list[str] | None = None, select: list[str] | None = None,
                 ignore: list[str] | None = None, extend_select: list[str] | None = None,
                 severity: dict[str, Severity] | None = None, per_file_ignores: dict[str, list[str]] | None = None,
                 exclude: list[str] | None = None, extensions: list[str] | None = None, fail_on: str = "error",
                 min_severity: str = "info", format: str | None = None, date: dt.date | None = None,
                 as_of: dt.date | None = None, protect: list[str] | None = None, path: Path | None = None,
                 lines: dict[str, int] | None = None, origin: dict[str, str] | None = None,
                 overrides: list[tuple[str, dict[str, Any]]] | None = None, nested: bool = False,
                 encoding: str | None = None) -> None:
        self.rules = [] if rules is None else rules
        self.select = [] if select is None else select
        self.ignore = [] if ignore is None else ignore
        self.extend_select = [] if extend_select is None else extend_select
        self.severity = {} if severity is None else severity
        self.per_file_ignores = {} if per_file_ignores is None else per_file_ignores
        self.exclude = [] if exclude is None else exclude
        self.extensions = [] if extensions is None else extensions
        self.fail_on, self.min_severity, self.format, self.date, self.as_of = fail_on, min_severity, format, date, as_of
        self.protect = [] if protect is None else protect
        self.path = path
        self.lines = {} if lines is None else lines
        self.origin = {} if origin is None else origin
        self.overrides = [] if overrides is None else overrides
        self.nested = nested
        self.encoding = encoding  # of a file that is not UTF-8 (source.decode), None: such a file is CL001

    def __eq__(self, other: object) -> bool:
        return vars(self) == vars(other) if other.__class__ is self.__class__ else NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"Config({', '.join(f'{k}={v!r}' for k, v in vars(self).items())})"

    def with_overrides(self, origin: str, **settings: Any) -> "Config":
        """A copy with `settings` (config keys with underscores) on top: the one
        merge of the command line, the API's keywords and the file. Settings that
        choose (rules, select, format...) replace; settings that add (ignore,
        extend_select, exclude, protect, severity, per_file_ignores) extend, so
        a flag never hides what the file asked for. Values are normalised here
        (comma lists, extensions, dates, severities); a bad one is a ConfigError
        naming `origin`."""
        out = object.__new__(type(self))  # copy.copy, without importing copy
        out.__dict__.update(self.__dict__)
        for f in ("rules", "select", "ignore", "extend_select", "exclude", "extensions", "protect"):
            value = getattr(self, f)
            setattr(out, f, value if not isinstance(value, list) else list(value))
        out.severity, out.per_file_ignores = dict(self.severity), dict(self.per_file_ignores)
        out.origin, out.overrides = dict(self.origin), list(self.overrides) + [(origin, dict(settings))]
        for key, value in settings.items():
            if value is None:
                continue
            if key not in SETTINGS:
                raise ConfigError(f"{origin}: unknown setting {key!r} (settings: {', '.join(SETTINGS)})")
            try:
                value = normalise(key, value)
            except SettingError as exc:
                raise ConfigError(f"{origin}: {exc}") from None
            kebab = key.replace("_", "-")
            if SETTINGS[key] == "add" and getattr(out, key):
                old = getattr(out, key)
                setattr(out, key, {**old, **value} if isinstance(old, dict) else _concat(old, value))
                out.origin[kebab] = f"{out.origin[kebab]} + {origin}" if kebab in out.origin else origin
            else:
                setattr(out, key, value)
                out.origin[kebab] = origin
        return out

    @property
    def root(self) -> Path:
        """Where relative globs are anchored: the config's directory, else the cwd."""
        return self.path.parent if self.path else Path.cwd()

    def where(self, key: str) -> str:
        """`file:line` (or the flag) that set a key, for errors found only later (unknown rules)."""
        top = key.split(".")[0]
        origin = self.origin.get(top, "")
        if origin.startswith("--") or self.path is None:
            return origin or top
        line = self.lines.get(key) or self.lines.get(top)
        return f"{self.path}:{line}" if line else str(self.path)

    def as_dict(self) -> dict[str, Any]:
        from .rule import DEFAULT_RULESETS  # here: a run the result cache answers needs no rule model

        return {
            "rules": self.rules or list(DEFAULT_RULESETS),
            "select": self.select,
            "ignore": self.ignore,
            "extend-select": self.extend_select,
            "severity": {k: str(v) for k, v in self.severity.items()},
            "per-file-ignores": self.per_file_ignores,
            "exclude": self.exclude,
            "extensions": self.extensions or list(DEFAULT_EXTENSIONS),
            "fail-on": self.fail_on,
            "min-severity": self.min_severity,
            "format": self.format,
            "date": self.date.isoformat() if self.date else None,
            "as-of": self.as_of.isoformat() if self.as_of else None,
            "protect": self.protect,
            "encoding": self.encoding,
        }

    def show(self) -> str:
        """The settings in effect, one per line, each with its origin (for --show-config)."""
        out = [f"# config file: {self.path if self.path else 'none (defaults)'}"]
        for key, value in self.as_dict().items():
            import yaml  # only --show-config needs it

            text = yaml.safe_dump({key: value}, default_flow_style=True, sort_keys=False, width=10_000)
            text = text.strip()[1:-1]  # drop the braces of the one-key mapping
            out.append(f"{text:<48} # {self.origin.get(key, 'default')}")
        return "\n".join(out) + "\n"


def path_matches(path: str, pattern: str, root: Path | None = None) -> bool:
    """Does a finding's path match a config glob?

    As for `exclude` in file discovery, a pattern matches at any depth
    (`drafts/*.txt` matches `x/drafts/a.txt`), against the path as given or
    relative to the config's directory; a pattern without a slash also
    matches the file name. A leading `/` anchors it at the config's
    directory. `*` crosses directories (fnmatch); `dir/` means everything
    under dir.
    """
    posix = Path(path).as_posix()
    anchored = pattern.startswith("/") and root is not None
    pat = pattern.lstrip("/") if anchored else pattern
    if pat.endswith("/"):
        pat += "*"
    rel = None
    if root is not None:
        try:
            r = os.path.relpath(os.path.abspath(path), root)
            rel = Path(r).as_posix() if not r.startswith("..") else None
        except ValueError:  # another drive on Windows
            rel = None
    if anchored:
        return rel is not None and fnmatch.fnmatchcase(rel, pat)
    pats = {pat}
    while pat.startswith("**/"):
        pat = pat[3:]
        pats.add(pat)
    cands = {posix, posix.removeprefix("./")} | ({rel} if rel else set())
    name = PurePosixPath(posix).name
    for p in pats:
        if any(fnmatch.fnmatchcase(c, p) or fnmatch.fnmatchcase(c, "*/" + p) for c in cands):
            return True
        if "/" not in p and fnmatch.fnmatchcase(name, p):
            return True
    return False
