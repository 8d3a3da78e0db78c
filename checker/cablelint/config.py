"""Project configuration: `.cablelint.yaml` or `[tool.cablelint]` in pyproject.toml.

The nearest file, walking up from the current directory, wins; nothing is
merged across files (one file in effect, so `--show-config` can name it).
Keys are kebab-case (`extend-select`); snake_case is accepted too. Relative
paths in a config file (rule set files, protect files) are relative to the
file's directory. Every error names the config file and line, and the CLI
turns it into exit code 2.

    rules: [state, ./house.yaml]
    select: [CL2, portion-mark-missing]
    ignore: [CL503]
    extend-select: []
    severity: {CL201: warning}
    per-file-ignores: {"drafts/*.txt": [CL401, CL501]}
    exclude: ["archive/**"]
    extensions: [.txt, .cable]
    fail-on: warning
    min-severity: warning     # hide info findings (the summary still counts them)
    format: full
    date: 2004-01-30
    as-of: 2024-06-01
    protect: [protect.txt]
"""
from __future__ import annotations

import copy
import datetime as dt
import difflib
import fnmatch
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .findings import Severity
from .dates import parse_date
from .reporters import names as format_names
from .rule import DEFAULT_RULESETS
from .yamlio import line_of, load_yaml

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
}


class ConfigError(Exception):
    """A configuration that cannot be used; str() is `file:line: what is wrong`."""


# Setting (with underscores) -> how an override merges with the file's value.
SETTINGS: dict[str, str] = {
    "rules": "replace", "select": "replace", "ignore": "add", "extend_select": "add", "severity": "add",
    "per_file_ignores": "add", "exclude": "add", "extensions": "replace", "fail_on": "replace",
    "min_severity": "replace", "format": "replace", "date": "replace", "as_of": "replace", "protect": "add",
}


def dotted(exts: list[str]) -> list[str]:
    """File endings as compared: with their dot, lower case (`TXT` -> `.txt`)."""
    return [(e if e.startswith(".") else "." + e).lower() for e in exts]


def _split(value: Any) -> list[Any]:
    """A list from a list, or from one value or a comma list (`--ignore CL1,CL2`)."""
    items = [value] if isinstance(value, (str, Path)) or not isinstance(value, (list, tuple, set)) else value
    out: list[Any] = []
    for v in items:
        if isinstance(v, str):
            out += [p.strip() for p in v.split(",") if p.strip()]
        else:
            out.append(str(v) if isinstance(v, Path) else v)
    return out


def _concat(old: Any, new: Any) -> Any:
    if not isinstance(old, list) or not isinstance(new, list):
        return [old, new] if not isinstance(old, list) else old + [new]
    return old + new


def normalise(key: str, value: Any, origin: str) -> Any:
    """One setting's value as Config keeps it, whoever gave it."""
    try:
        if key == "severity":
            return {str(k): v if isinstance(v, Severity) else Severity.parse(str(v)) for k, v in value.items()}
        if key == "per_file_ignores":
            return {str(g): _split(v) for g, v in value.items()}
        if key in ("date", "as_of"):
            return value if isinstance(value, dt.date) else parse_date(value)
        if key in ("fail_on", "min_severity"):
            if str(value).lower() not in FAIL_ON:
                raise ValueError(f"must be one of {', '.join(FAIL_ON)}, not {value!r}")
            return str(value).lower()
        if key == "format":
            return str(value)
        if key == "protect" and not isinstance(value, (str, Path, list, tuple)):
            return value  # a loaded ProtectList
        values = _split(value)
        if key == "rules":  # names, files or loaded RuleSets
            return values
        if any(not isinstance(v, str) for v in values):
            raise ValueError(f"must be text or a list of text, not {value!r}")
        return dotted(values) if key == "extensions" else values
    except (ValueError, AttributeError, TypeError) as exc:
        raise ConfigError(f"{origin}: {exc}") from None


@dataclass
class Config:
    """The settings in effect, and where each one came from."""

    rules: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    extensions: list[str] = field(default_factory=list)
    fail_on: str = "error"
    min_severity: str = "info"
    format: str | None = None
    date: dt.date | None = None
    as_of: dt.date | None = None
    protect: list[str] = field(default_factory=list)
    path: Path | None = None  # the config file in effect, if any
    lines: dict[str, int] = field(default_factory=dict)  # "key" or "key.sub" -> line in `path`
    origin: dict[str, str] = field(default_factory=dict)  # key -> "file:line" or "--flag"
    # (origin, settings) applied on top of the file, in order: a configuration
    # found nearer to a linted file gets the same command-line settings.
    overrides: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    nested: bool = False  # look for a nearer configuration beside each linted file (ruff's model)

    def with_overrides(self, origin: str, **settings: Any) -> "Config":
        """A copy with `settings` (config keys with underscores) on top: the one
        merge of the command line, the API's keywords and the file. Settings that
        choose (rules, select, format...) replace; settings that add (ignore,
        extend_select, exclude, protect, severity, per_file_ignores) extend, so
        a flag never hides what the file asked for. Values are normalised here
        (comma lists, extensions, dates, severities); a bad one is a ConfigError
        naming `origin`."""
        out = copy.copy(self)
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
            value = normalise(key, value, origin)
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
        }

    def show(self) -> str:
        """The settings in effect, one per line, each with its origin (for --show-config)."""
        out = [f"# config file: {self.path if self.path else 'none (defaults)'}"]
        for key, value in self.as_dict().items():
            text = yaml.safe_dump({key: value}, default_flow_style=True, sort_keys=False, width=10_000)
            text = text.strip()[1:-1]  # drop the braces of the one-key mapping
            out.append(f"{text:<48} # {self.origin.get(key, 'default')}")
        return "\n".join(out) + "\n"


def find_config(start: Path | None = None) -> Path | None:
    """The nearest `.cablelint.yaml` or pyproject.toml with [tool.cablelint], walking up.

    Within one directory the dedicated file wins over pyproject.toml; a
    pyproject without a [tool.cablelint] table is skipped (it is some other
    project's file, not a decision about cablelint).
    """
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        for name in YAML_NAMES:
            if (d / name).is_file():
                return d / name
        py = d / PYPROJECT
        if py.is_file() and _has_tool_table(py):
            return py
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        # A broken pyproject may still be ours: let load_config report it.
        try:
            return bool(re.search(r"^\s*\[\s*tool\s*\.\s*cablelint\b", path.read_text("utf-8", "replace"), re.M))
        except OSError:
            return False
    return isinstance(data.get("tool"), dict) and "cablelint" in data["tool"]


def load_config(path: Path) -> Config:
    """Read and validate one config file (YAML or pyproject.toml)."""
    path = Path(path)
    if path.exists() and not path.is_file():
        raise ConfigError(f"{path}: not a regular file (a folder, FIFO or device cannot be a config file)")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    if path.name == PYPROJECT or path.suffix == ".toml":
        data, lines = _read_toml(path, text)
    else:
        data, lines = _read_yaml(path, text)
    return _build(path, data, lines)


def _read_yaml(path: Path, text: str) -> tuple[dict[str, Any], dict[str, int]]:
    data = load_yaml(text, path, ConfigError)
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:{line_of(data) or 1}: a cablelint config must be a YAML mapping of settings")
    lines = {str(key): line_of(data, key) for key in data}
    for key, value in data.items():
        if isinstance(value, dict):
            for sub in value:
                lines[f"{key}.{sub}"] = line_of(value, sub)
    return dict(data), lines


_TABLE = re.compile(r"^\s*\[\s*([^\]\[]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_.-]+))\s*=""")


def _read_toml(path: Path, text: str) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ConfigError(f"{path}:{m.group(1) if m else 1}: invalid TOML: {exc}") from None
    data = doc.get("tool", {}).get("cablelint")
    if data is None:
        raise ConfigError(f"{path}: no [tool.cablelint] table")
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: `tool.cablelint` must be a table")
    # tomllib keeps no positions: find each key's line by scanning the text.
    lines: dict[str, int] = {}
    table: str | None = None
    for n, raw in enumerate(text.splitlines(), 1):
        m = _TABLE.match(raw)
        if m:
            name = re.sub(r"\s*\.\s*", ".", m.group(1)).replace('"', "")
            table = name[len("tool.cablelint"):].lstrip(".") if (
                name == "tool.cablelint" or name.startswith("tool.cablelint.")) else None
            if table:
                lines.setdefault(table.split(".")[0], n)
            continue
        k = _KEY.match(raw)
        if table is None or not k:
            continue
        key = next(g for g in k.groups() if g)
        full = f"{table}.{key}" if table else key
        lines.setdefault(full, n)
        lines.setdefault(full.split(".")[0], n)
    return data, lines


def _suggest(key: str) -> str:
    close = difflib.get_close_matches(key, list(KEYS), n=1)
    return f" (did you mean `{close[0]}`?)" if close else f" (known: {', '.join(KEYS)})"


def _names(value: Any) -> list[str] | None:
    """A list of strings; a single string (or comma list) is accepted as a list."""
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _resolve(base: Path, spec: str, always: bool) -> str:
    """A path from a config file, made relative to the config's directory."""
    looks_like_path = always or spec.endswith((".yaml", ".yml")) or "/" in spec or os.sep in spec
    p = Path(spec).expanduser()
    if not looks_like_path or p.is_absolute():
        return str(p) if looks_like_path else spec
    return os.path.normpath(base / p)


def _build(path: Path, data: dict[str, Any], lines: dict[str, int]) -> Config:
    cfg = Config(path=path, lines={})
    base = path.parent

    def err(key: str, msg: str) -> ConfigError:
        line = lines.get(key) or lines.get(key.split(".")[0])
        return ConfigError(f"{path}:{line}: {msg}" if line else f"{path}: {msg}")

    for raw_key, value in data.items():
        if not isinstance(raw_key, str):
            raise err(str(raw_key), f"setting names must be text, not {raw_key!r}")
        key = raw_key.replace("_", "-")
        if key not in KEYS:
            raise err(raw_key, f"unknown setting `{raw_key}`{_suggest(key)}")
        line = lines.get(raw_key, 0)
        cfg.lines[key] = line
        for sub, sub_line in lines.items():
            if sub.startswith(raw_key + "."):
                cfg.lines[key + sub[len(raw_key):]] = sub_line
        cfg.origin[key] = f"{path}:{line}" if line else str(path)
        kind = KEYS[key]
        if kind == "names":
            names = _names(value)
            if names is None:
                raise err(raw_key, f"`{raw_key}` must be a list of text, not {_typename(value)}")
            if key == "rules":
                names = [_resolve(base, n, always=False) for n in names]
            elif key == "protect":
                names = [_resolve(base, n, always=True) for n in names]
            elif key == "extensions":
                names = dotted(names)
            setattr(cfg, key.replace("-", "_"), names)
        elif kind == "severity-map":
            if not isinstance(value, dict):
                raise err(raw_key, f"`{raw_key}` must be a mapping of rule to severity, not {_typename(value)}")
            for sel, sev in value.items():
                try:
                    if not isinstance(sev, str):
                        raise ValueError(sev)
                    cfg.severity[str(sel)] = Severity.parse(sev)
                except ValueError:
                    raise err(f"{raw_key}.{sel}", f"`{raw_key}.{sel}`: unknown severity {sev!r} "
                                                  "(use error, warning or info)") from None
        elif kind == "glob-map":
            if not isinstance(value, dict):
                raise err(raw_key, f"`{raw_key}` must be a mapping of glob to rule list, not {_typename(value)}")
            for glob, rules in value.items():
                names = _names(rules)
                if not isinstance(glob, str) or names is None:
                    raise err(f"{raw_key}.{glob}", f"`{raw_key}`: {glob!r} must map to a list of rules")
                cfg.per_file_ignores[glob] = names
        elif kind == "level":
            if not isinstance(value, str) or value.lower() not in FAIL_ON:
                raise err(raw_key, f"`{raw_key}` must be one of {', '.join(FAIL_ON)}, not {value!r}")
            setattr(cfg, key.replace("-", "_"), value.lower())
        elif kind == "text":
            if not isinstance(value, str):
                raise err(raw_key, f"`{raw_key}` must be text, not {_typename(value)}")
            if value not in format_names():
                raise err(raw_key, f"unknown format {value!r} (formats: {', '.join(format_names())})")
            cfg.format = value
        elif kind == "date":
            try:
                setattr(cfg, key.replace("-", "_"), parse_date(value))
            except ValueError:
                raise err(raw_key, f"`{raw_key}` must be a date YYYY-MM-DD, not {value!r}") from None
    return cfg


def _typename(value: Any) -> str:
    for typ, name in ((bool, "true/false"), (dict, "a mapping"), (list, "a list"), (str, "text"),
                      ((int, float), "a number")):
        if isinstance(value, typ):
            return name
    return type(value).__name__


def resolve(config_file: str | None = None, isolated: bool = False, start: Path | None = None) -> Config:
    """The configuration before command-line overrides: --config FILE, the
    discovered file, or the defaults (--isolated)."""
    if isolated:
        if config_file:
            raise ConfigError("--config and --isolated cannot be used together")
        return Config()
    if config_file is not None:
        if not str(config_file):
            raise ConfigError("--config: an empty path (an unset variable?)")
        return load_config(Path(config_file))
    found = find_config(start)
    cfg = load_config(found) if found else Config()
    cfg.nested = True  # a file nearer to a linted file wins for that file
    return cfg


def nearest(directory: Path, cache: dict[Path, Path | None]) -> Path | None:
    """find_config for a folder, memoised per folder (a run asks for every file)."""
    directory = directory.resolve()
    if directory not in cache:
        cache[directory] = find_config(directory)
    return cache[directory]


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
