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

import os
import re
from pathlib import Path

from .reporters import names as format_names
from .settings import (DEFAULT_EXTENSIONS, KEYS, PYPROJECT, YAML_NAMES, Config, ConfigError, SettingError,
                       normalise, path_matches)

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Any, Callable
# yaml, tomllib and difflib load when a config file or an error needs them:
# most runs find no config file, and start-up time counts (issue 15).

__all__ = ["DEFAULT_EXTENSIONS", "Config", "ConfigError", "find_config", "load_config", "nearer", "nearest",
           "path_matches", "resolve"]


def find_config(start: Path | None = None) -> Path | None:
    """The nearest `.cablelint.yaml` or pyproject.toml with [tool.cablelint], walking up.

    Within one directory the dedicated file wins over pyproject.toml; a
    pyproject without a [tool.cablelint] table is skipped (it is some other
    project's file, not a decision about cablelint).
    """
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        found = _config_in(d)
        if found is not None:
            return found
    return None


def _config_in(d: Path) -> Path | None:
    """The configuration file of folder `d` itself, if it has one."""
    for name in YAML_NAMES:
        if (d / name).is_file():
            return d / name
    py = d / PYPROJECT
    return py if py.is_file() and _has_tool_table(py) else None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
        if "cablelint" not in text:
            return False  # most pyproject.toml files: no TOML parse, nor tomllib's import (~5 ms)
        import tomllib

        data = tomllib.loads(text)
    except (OSError, ValueError):  # ValueError: UnicodeDecodeError, tomllib.TOMLDecodeError
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
    from .yamlio import line_of, load_yaml

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
        import tomllib

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
    import difflib

    close = difflib.get_close_matches(key, list(KEYS), n=1)
    return f" (did you mean `{close[0]}`?)" if close else f" (known: {', '.join(KEYS)})"


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
        _set(cfg, key, raw_key, value, base, err)
    return cfg


def _set(cfg: Config, key: str, raw_key: str, value: Any, base: Path,
         err: Callable[[str, str], ConfigError]) -> None:
    """One setting of the file into `cfg`: checked and converted by
    settings.normalise (as a flag's or the API's value is, with a file's
    strictness: text only), then what only a file needs: its relative paths
    made relative to its folder, the format name checked where it is written."""
    attr = key.replace("-", "_")
    try:
        value = normalise(attr, value, name=raw_key, text_only=True)
    except SettingError as exc:
        raise err(exc.key, str(exc)) from None
    if key in ("rules", "protect"):
        value = [_resolve(base, n, always=key == "protect") for n in value]
    elif key == "format" and value not in format_names():
        raise err(raw_key, f"unknown format {value!r} (formats: {', '.join(format_names())})")
    setattr(cfg, attr, value)


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


def nearer(cfg: Config, folder: str, cache: dict[Path, Path | None]) -> Config | None:
    """The configuration in effect for files in `folder` when it is not `cfg`
    itself: the nearest file to the folder, with cfg's command-line settings
    applied on top (ruff's model). None when `cfg` is not `nested` (--config,
    --isolated, the API) or is already the nearest."""
    if not cfg.nested:
        return None
    found = nearest(Path(folder or "."), cache)
    if found is None or (cfg.path is not None and found.resolve() == cfg.path.resolve()):
        return None
    out = load_config(found)
    for origin, settings in cfg.overrides:
        out = out.with_overrides(origin, **settings)
    return out


def nearest(directory: Path, cache: dict[Path, Path | None]) -> Path | None:
    """find_config for a folder, memoised per folder and for every folder met
    walking up, so a run over a deep tree looks at each folder once."""
    directory = directory.resolve()
    if directory not in cache:
        own = _config_in(directory)
        up = directory.parent
        cache[directory] = own if own is not None or up == directory else nearest(up, cache)
    return cache[directory]
