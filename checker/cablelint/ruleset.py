"""The rule-set loader: YAML in, validated RuleSets out, or an error that
names the file and line.

A rule set is a YAML mapping:

    name: state
    description: ...
    version: "1"
    extends: [base]            # other rule sets, by name or path
    applies: {shape: [cable]}  # when the set applies to a document
    eras: [...]                # date ranges and what each allows
    lists: {subject_tags: [...]}
    extend_lists: {country_tags: [XX]}   # add to an inherited list
    era_overrides: {eo13526: {decl_max_years: 10}}   # change inherited era values ("*": every era)
    vocabulary: {controls: [...]}        # more marking words
    disable: [CL104]           # drop inherited rules
    severity: {CL105: info}    # re-grade inherited rules
    rules: [...]

Each rule: id, name, severity, kind, message, the kind's parameters, and
optionally when, summary, why, fix, reference, examples, tags.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import regex
import yaml

from .checks.kinds import KINDS
from .dates import parse_date
from .findings import Severity
from .rule import Example, Rule, RuleSet
from .targets import resolve
from .vocabulary import rules_dir

TOP_KEYS = {"name", "description", "version", "extends", "applies", "eras", "era_overrides", "example_files", "lists",
            "extend_lists", "vocabulary", "disable", "severity", "rules", "kind"}
RULE_META = {"id", "name", "severity", "kind", "message", "when", "summary", "why", "fix", "reference",
             "examples", "tags", "supersedes"}
WHEN_KEYS = {"classified": bool, "levels": list, "shape": list, "eras": list, "not_eras": list,
             "date_from": (str, dt.date), "date_before": (str, dt.date), "present": list, "absent": list,
             "controls_any": list, "portion_controls_any": list, "era_flag": str, "release": bool, "partial": bool,
             "text_has": str, "text_lacks": str}
# The rule sets used when none is chosen: each checks only the documents of its
# `applies: {shape: ...}` (cables, CAPCO-marked, CUI), so together they pick the
# rule set by the shape of the document.
DEFAULT_RULESETS = ("state", "capco", "cui")
ID_RE = regex.compile(r"^[A-Z]{1,6}\d{2,4}$")
NAME_RE = regex.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class RuleSetError(Exception):
    """A rule set that cannot be used; str() is `file:line: what is wrong`."""


class _Map(dict):
    """A YAML mapping that remembers the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class _Seq(list):
    """A YAML sequence that remembers its line and the line of each item."""

    line: int = 0
    item_lines: list[int]


# libyaml's parser when PyYAML has it (it nearly always does): the rule sets
# are thousands of lines and the pure-Python parser alone costs ~0.4 s a run.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> _Map:
    m = _Map()
    m.line = node.start_mark.line + 1
    m.key_lines = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in m:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        m[key] = loader.construct_object(value_node, deep=True)
        m.key_lines[key] = key_node.start_mark.line + 1
    return m


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> _Seq:
    s = _Seq(loader.construct_object(child, deep=True) for child in node.value)
    s.line = node.start_mark.line + 1
    s.item_lines = [child.start_mark.line + 1 for child in node.value]
    return s


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    """A date-like scalar that is no real day (2004-13-01) is an error at its
    line, not a bare ValueError from deep inside PyYAML."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a valid date ({exc})", node.start_mark) from None


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


class _TextLoader(_LineLoader):
    """Every scalar but an empty one stays text: in a protect list `12345` is
    an identifier and `2004-01-30` a term, not a number or a date."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in _LineLoader.yaml_implicit_resolvers.items()}


def load_yaml(text: str, path: str | Path, error: type[Exception], *, text_scalars: bool = False) -> Any:
    """Parse YAML (libyaml when available) for the rule sets, the config and
    protect files alike. Mappings and sequences remember their lines (see
    `line_of`), duplicate keys are refused, and a syntax error is raised as
    `error("file:line:col: invalid YAML: ...")`. `text_scalars`: keep every
    non-empty scalar as text."""
    loader = (_TextLoader if text_scalars else _LineLoader)(text)  # SafeLoader: no python/object
    try:
        node = loader.get_single_node()
        _check_expansion(node, path, error)  # aliases: a "billion laughs" is an error, not a hang
        return loader.construct_document(node) if node is not None else None
    except RecursionError:
        raise error(f"{path}: invalid YAML: nested too deeply") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise error(f"{where}: invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise error(f"{path}: invalid YAML: {exc}") from None
    finally:
        loader.dispose()


MAX_YAML_NODES = 1_000_000  # values a YAML file may expand to, aliases followed


def _check_expansion(node: Any, path: str | Path, error: type[Exception]) -> None:
    """Refuse a document whose aliases expand past MAX_YAML_NODES values; each
    node is sized once, so the check is linear in the file."""
    sizes: dict[int, int] = {}

    def size(n: Any) -> int:
        if id(n) in sizes:
            return sizes[id(n)]
        kids = [c for pair in n.value for c in pair] if isinstance(n, yaml.MappingNode) else \
            n.value if isinstance(n, yaml.SequenceNode) else []
        total = 1 + sum(size(c) for c in kids)
        if total > MAX_YAML_NODES:
            raise error(f"{path}:{n.start_mark.line + 1}: invalid YAML: aliases expand to more than "
                        f"{MAX_YAML_NODES:,} values")
        sizes[id(n)] = total
        return total

    if node is not None:
        size(node)


def line_of(obj: Any, key: Any = None) -> int:
    """The 1-based line of a value from `load_yaml`: of a mapping's `key`, of
    a sequence's item number `key`, else where the value starts; 0 for a
    scalar (no line is kept)."""
    if isinstance(obj, _Map):
        return obj.key_lines.get(key, obj.line) if key is not None else obj.line
    if isinstance(obj, _Seq):
        ok = isinstance(key, int) and 0 <= key < len(obj.item_lines)
        return obj.item_lines[key] if ok else obj.line
    return 0


def _line(obj: Any, key: str | None = None) -> int:
    return line_of(obj, key or None)


def shipped() -> dict[str, Path]:
    """Shipped rule sets by name."""
    out = {}
    for p in sorted(rules_dir().glob("*.yaml")):
        if p.stem != "markings":
            out[p.stem] = p
    return out


def find(spec: str, base: Path | None = None) -> Path:
    p = Path(spec)
    if p.suffix in (".yaml", ".yml") or "/" in spec or p.exists():
        for cand in ([base / p] if base and not p.is_absolute() else []) + [p]:
            if cand.is_file():
                return cand
        raise RuleSetError(f"{spec}: rule set file not found")
    got = shipped().get(spec)
    if got is None:
        raise RuleSetError(f"unknown rule set {spec!r} (shipped: {', '.join(shipped())}; or give a .yaml path)")
    return got


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleSetError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise RuleSetError(f"{path}: cannot read ({exc.strerror})") from None
    return load_yaml(text, path, RuleSetError)


def load(spec: str, base: Path | None = None, _chain: tuple[str, ...] = ()) -> RuleSet:
    """Load a rule set by shipped name or path, following `extends`."""
    path = find(spec, base)
    key = str(path.resolve())
    if key in _chain:
        raise RuleSetError(f"{path}: `extends` loops back to itself ({' -> '.join(_chain + (key,))})")
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise RuleSetError(f"{path}:1: a rule set must be a YAML mapping with `name` and `rules`")
    return _build(data, path, _chain + (key,))


def _err(path: Path, obj: Any, msg: str, key: str | None = None) -> RuleSetError:
    line = _line(obj, key)
    return RuleSetError(f"{path}:{line}: {msg}" if line else f"{path}: {msg}")


def _check_type(path: Path, obj: Any, key: str, typ: Any, where: str) -> None:
    if key in obj and not isinstance(obj[key], typ) or (typ is int and isinstance(obj.get(key), bool)):
        names = " or ".join(t.__name__ for t in (typ if isinstance(typ, tuple) else (typ,)))
        want = {"str": "text", "list": "a list", "dict": "a mapping", "int": "a whole number",
                "bool": "true or false"}
        nice = " or ".join(want.get(n, n) for n in names.split(" or "))
        raise _err(path, obj, f"{where}: `{key}` must be {nice}, not {type(obj[key]).__name__}", key)


def _date(path: Path, obj: Any, key: str, where: str) -> dt.date:
    v = obj[key]
    try:
        return parse_date(v)
    except ValueError:
        raise _err(path, obj, f"{where}: `{key}` must be a date YYYY-MM-DD, not {v!r}", key) from None


def _build(data: _Map, path: Path, chain: tuple[str, ...]) -> RuleSet:
    unknown = set(data) - TOP_KEYS
    if unknown:
        k = sorted(unknown)[0]
        raise _err(path, data, f"unknown key `{k}` (allowed: {', '.join(sorted(TOP_KEYS))})", k)
    if data.get("kind", "ruleset") != "ruleset":
        raise _err(path, data, "this file is not a rule set (kind: ruleset)", "kind")
    for k in ("name",):
        if k not in data:
            raise _err(path, data, f"missing `{k}`")
    _check_type(path, data, "name", str, "rule set")
    _check_type(path, data, "description", str, "rule set")
    _check_type(path, data, "rules", list, "rule set")
    _check_type(path, data, "eras", list, "rule set")
    _check_type(path, data, "era_overrides", dict, "rule set")
    _check_type(path, data, "example_files", list, "rule set")
    _check_type(path, data, "lists", dict, "rule set")
    _check_type(path, data, "extend_lists", dict, "rule set")
    _check_type(path, data, "vocabulary", dict, "rule set")
    _check_type(path, data, "disable", list, "rule set")
    _check_type(path, data, "severity", dict, "rule set")
    _check_type(path, data, "applies", dict, "rule set")
    ext = data.get("extends", [])
    ext = [ext] if isinstance(ext, str) else ext
    if not isinstance(ext, list):
        raise _err(path, data, "`extends` must be a rule set name, a path, or a list of them", "extends")

    rs = RuleSet(name=data["name"], description=data.get("description", ""),
                 version=str(data.get("version", "")), path=str(path), extends=list(ext))
    by_id: dict[str, Rule] = {}
    for parent_spec in ext:
        parent = load(str(parent_spec), path.parent, chain)
        for r in parent.rules:
            by_id[r.id] = r
        rs.eras = parent.eras or rs.eras
        rs.lists.update(parent.lists)
        _merge_vocab(rs.vocabulary, parent.vocabulary)
        rs.applies = parent.applies or rs.applies
    # Example cables with `.expect` sidecars that `cablelint test` runs for this
    # set (not inherited: a child set is tested with its own files).
    rs.example_files = [str((path.parent / str(p)).resolve()) for p in data.get("example_files") or []]
    if "applies" in data:
        _validate_when(path, data["applies"], "applies")
        rs.applies = dict(data["applies"])
    if "eras" in data:
        rs.eras = [_era(path, e) for e in data["eras"]]
    if "era_overrides" in data:
        rs.eras = _override_eras(path, data["era_overrides"], rs.eras)
    for k, v in (data.get("lists") or {}).items():
        rs.lists[k] = v
    for k, v in (data.get("extend_lists") or {}).items():
        if k not in rs.lists:
            raise _err(path, data["extend_lists"], f"`extend_lists`: no inherited list named {k!r}", k)
        rs.lists[k] = list(rs.lists[k]) + list(v)
    if data.get("vocabulary"):
        own = validate_vocabulary(path, data["vocabulary"], known=_known_vocab(rs.vocabulary))
        _merge_vocab(rs.vocabulary, own)
    for i, raw in enumerate(data.get("rules") or []):
        rule = _rule(path, raw, i, rs)
        by_id[rule.id] = rule
    known_ids = set(by_id)
    for rid in data.get("disable") or []:
        if rid not in by_id:
            raise _err(path, data, f"`disable`: no rule {rid!r} to disable", "disable")
        del by_id[rid]
    for rid, sev in (data.get("severity") or {}).items():
        if rid not in by_id:
            raise _err(path, data["severity"], f"`severity`: no rule {rid!r}", rid)
        try:
            by_id[rid].severity = Severity.parse(str(sev))
        except ValueError as exc:
            raise _err(path, data["severity"], str(exc), rid) from None
    _check_era_rule_refs(path, rs.eras, known_ids)
    names: dict[str, str] = {}
    for r in by_id.values():
        if r.name in names and names[r.name] != r.id:
            raise RuleSetError(f"{r.origin}: rule name {r.name!r} is used by {names[r.name]} too")
        names[r.name] = r.id
    rs.rules = sorted(by_id.values(), key=lambda r: r.id)
    return rs


def _merge_vocab(into: dict[str, Any], more: dict[str, Any]) -> None:
    for k, v in more.items():
        into.setdefault(k, [])
        into[k] = list(into[k]) + list(v)


# -- the marking vocabulary (rules/markings.yaml, a rule set's `vocabulary:`) --
# Each kind of entry: {key: (type, default)}; `...` marks a required key, None
# a list that defaults to [name].
VOCAB_ENTRIES: dict[str, dict[str, tuple[Any, Any]]] = {
    "levels": {"name": (str, ...), "rank": (int, 0), "banner": (list, None), "portion": (list, []),
               "categories": (bool, False)},
    "controls": {"name": (str, ...), "banner": (list, None), "portion": (list, None), "level": (str, None),
                 "implies": (list, []), "cui": (bool, False), "patterns": (list, [])},
    "fields": {"name": (str, ...), "spellings": (list, None)},
}
VOCAB_WORDS = ("caption_words", "title_words", "person_tag_words")
VOCAB_PATTERNS = ("title_patterns", "decl_exemption_patterns", "placeholder_patterns")
VOCAB_KEYS = set(VOCAB_ENTRIES) | set(VOCAB_WORDS) | set(VOCAB_PATTERNS)
_TYPE_WORDS = {str: "text", int: "a whole number", bool: "true or false", list: "a list", dict: "a mapping"}


def _known_vocab(merged: dict[str, Any]) -> dict[str, set[str]]:
    """Level and control names a rule set's vocabulary may refer to: the shipped
    ones and those its parents added."""
    from .vocabulary import default_vocabulary_data

    base = default_vocabulary_data()
    return {k: {e["name"] for e in base.get(k, []) + merged.get(k, [])} for k in ("levels", "controls")}


def validate_vocabulary(path: Path, data: Any, known: dict[str, set[str]] | None = None,
                        top_level: bool = False) -> dict[str, Any]:
    """Check a vocabulary mapping and return it as plain data with every default
    filled in, so that Vocabulary never meets a missing key or a wrong type;
    a problem is a RuleSetError naming file and line. `known`: the level and
    control names already defined (a control's `level` and `implies` must name
    one); `top_level`: the mapping is a file of its own (`kind: vocabulary`)."""
    where = "vocabulary" if not top_level else "markings"

    def fail(obj: Any, key: Any, msg: str) -> RuleSetError:
        line = line_of(obj, key)
        return RuleSetError(f"{path}:{line}: {msg}" if line else f"{path}: {msg}")

    if not isinstance(data, dict):
        raise fail(data, None, f"{where}: must be a mapping of {', '.join(sorted(VOCAB_KEYS))}")
    allowed = VOCAB_KEYS | ({"kind"} if top_level else set())
    for k in data:
        if k not in allowed:
            raise fail(data, k, f"{where}: unknown key `{k}` (allowed: {', '.join(sorted(allowed))})")
    if top_level and data.get("kind", "vocabulary") != "vocabulary":
        raise fail(data, "kind", f"{where}: this file is not a vocabulary (kind: vocabulary)")

    def texts(owner: Any, key: Any, value: Any, what: str) -> list[str]:
        if not isinstance(value, list):
            raise fail(owner, key, f"{what} must be a list, not {type(value).__name__}")
        for i, v in enumerate(value):
            if not isinstance(v, str) or not v.strip():
                raise fail(value, i, f"{what}: each entry must be non-empty text, not {v!r}")
        return [str(v) for v in value]

    out: dict[str, Any] = {}
    for key in VOCAB_WORDS:
        if key in data:
            out[key] = texts(data, key, data[key], f"{where}: `{key}`")
    for key in VOCAB_PATTERNS:
        if key in data:
            pats = texts(data, key, data[key], f"{where}: `{key}`")
            for i, pat in enumerate(pats):
                try:
                    regex.compile(pat)
                except regex.error as exc:
                    raise fail(data[key], i, f"{where}: `{key}`: bad regex {pat!r}: {exc}") from None
            out[key] = pats
    names = {k: set((known or {}).get(k, ())) for k in VOCAB_ENTRIES}
    for key, spec in VOCAB_ENTRIES.items():
        if key not in data:
            continue
        seq = data[key]
        if not isinstance(seq, list):
            raise fail(data, key, f"{where}: `{key}` must be a list of mappings, not {type(seq).__name__}")
        entries = []
        for i, e in enumerate(seq):
            what = f"{where}: {key} #{i + 1}"
            if not isinstance(e, dict):
                raise fail(seq, i, f"{what} must be a mapping with `name` ({', '.join(spec)})")
            if isinstance(e.get("name"), str):
                what = f"{where}: {key[:-1]} {e['name']}"
            for k in e:
                if k not in spec:
                    raise fail(e, k, f"{what}: unknown key `{k}` (allowed: {', '.join(spec)})")
            entry: dict[str, Any] = {}
            for k, (typ, default) in spec.items():
                if k not in e:
                    if default is ...:
                        raise fail(e, None, f"{what}: missing `{k}`")
                    entry[k] = [entry["name"]] if default is None and typ is list else \
                        (list(default) if isinstance(default, list) else default)
                    continue
                v = e[k]
                if k == "level" and v is None:
                    entry[k] = None
                elif typ is list:
                    entry[k] = texts(e, k, v, f"{what}: `{k}`")
                    if k == "patterns":
                        for j, pat in enumerate(entry[k]):
                            try:
                                regex.compile(pat)
                            except regex.error as exc:
                                raise fail(v, j, f"{what}: `patterns`: bad regex {pat!r}: {exc}") from None
                elif not isinstance(v, typ) or (typ is int and isinstance(v, bool)) or (typ is str and not v.strip()):
                    raise fail(e, k, f"{what}: `{k}` must be {_TYPE_WORDS[typ]}, not {v!r}")
                else:
                    entry[k] = v
            entries.append(entry)
            names[key].add(entry["name"])
        out[key] = entries
    for i, c in enumerate(out.get("controls", [])):
        src = data["controls"][i]
        if c["level"] is not None and c["level"] not in names["levels"]:
            raise fail(src, "level", f"{where}: control {c['name']}: no level named {c['level']!r} "
                                     f"(levels: {', '.join(sorted(names['levels']))})")
        for imp in c["implies"]:
            if imp not in names["controls"]:
                raise fail(src, "implies", f"{where}: control {c['name']}: `implies` names no control {imp!r}")
    return out


def _era(path: Path, e: Any) -> dict[str, Any]:
    if not isinstance(e, dict) or "name" not in e or "from" not in e or "to" not in e:
        raise _err(path, e, "each era needs `name`, `from` and `to` (dates YYYY-MM-DD)")
    out = dict(e)
    out["_from"] = _date(path, e, "from", f"era {e['name']}")
    out["_to"] = _date(path, e, "to", f"era {e['name']}")
    if out["_to"] <= out["_from"]:
        raise _err(path, e, f"era {e['name']}: `to` must be after `from`", "to")
    out["_key"] = e["name"]
    out["_map"] = e  # the YAML mapping, for file:line in later errors
    _check_type(path, e, "grace", list, f"era {e['name']}")
    out["_grace"] = [_grace(path, e, g) for g in e.get("grace") or []]
    return out


def _grace(path: Path, era: Any, g: Any) -> dict[str, Any]:
    """A transition window inside an era: from `from` (default: the era's
    start) until `until` (exclusive), its keys replace the era's."""
    where = f"era {era['name']}: grace window"
    if not isinstance(g, dict) or "until" not in g:
        raise _err(path, g if isinstance(g, dict) else era, f"{where} needs `until` (a date YYYY-MM-DD)")
    out = dict(g)
    out["_until"] = _date(path, g, "until", where)
    out["_from"] = _date(path, g, "from", where) if "from" in g else _date(path, era, "from", f"era {era['name']}")
    if out["_until"] <= out["_from"]:
        raise _err(path, g, f"{where}: `until` must be after `from`", "until")
    for k in ("name", "to", "grace"):
        if k in g:
            raise _err(path, g, f"{where}: `{k}` cannot be changed inside a grace window", k)
    out["_map"] = g
    return out


def _check_era_rule_refs(path: Path, eras: list[dict[str, Any]], known: set[str]) -> None:
    """Era (and grace) `severity` and `disable` must name real rules and severities,
    so a typo in the era table cannot silently leave a rule at full strength."""
    for era in eras:
        for part in [era] + list(era.get("_grace") or []):
            where = f"era {era['name']}" + (": grace window" if part is not era else "")
            src = part.get("_map", part)
            sev = part.get("severity") or {}
            dis = part.get("disable") or []
            if not isinstance(sev, dict):
                raise _err(path, src, f"{where}: `severity` must map rule ids to severities", "severity")
            if not isinstance(dis, list):
                raise _err(path, src, f"{where}: `disable` must be a list of rule ids", "disable")
            for rid in list(sev) + list(dis):
                if rid not in known:
                    key = "severity" if rid in sev else "disable"
                    raise _err(path, src, f"{where}: `{key}` names no rule of this set: {rid!r}", key)
            for rid, v in sev.items():
                try:
                    Severity.parse(str(v))
                except ValueError as exc:
                    raise _err(path, src, f"{where}: {rid}: {exc}", "severity") from None


def _override_eras(path: Path, over: Any, eras: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Change some values of inherited eras (an office's shorter DECL limit)
    without copying every era; the era boundaries themselves stay fixed."""
    by_name = {e["name"]: e for e in eras}
    out = [dict(e) for e in eras]
    for name, attrs in over.items():
        if name != "*" and name not in by_name:
            raise _err(path, over, f"`era_overrides`: no era named {name!r} (eras: {', '.join(by_name) or 'none'})",
                       name)
        if not isinstance(attrs, dict):
            raise _err(path, over, f"`era_overrides`: {name} must map era keys to values", name)
        fixed = sorted({"name", "from", "to", "grace"} & set(attrs))
        if fixed:
            raise _err(path, attrs, f"`era_overrides`: {name}: `{fixed[0]}` cannot be changed (define `eras` instead)",
                       fixed[0])
        for e in out:
            if name in ("*", e["name"]):
                e.update(attrs)
    return out


def _validate_when(path: Path, when: Any, where: str) -> None:
    if not isinstance(when, dict):
        raise _err(path, when, f"{where}: must be a mapping of conditions")
    for k, v in when.items():
        if k not in WHEN_KEYS:
            raise _err(path, when, f"{where}: unknown condition `{k}` (allowed: {', '.join(sorted(WHEN_KEYS))})", k)
        _check_type(path, when, k, WHEN_KEYS[k], where)
        if k in ("date_from", "date_before"):
            when[k] = _date(path, when, k, where)
        if k in ("text_has", "text_lacks"):
            try:
                regex.compile(v)
            except regex.error as exc:
                raise _err(path, when, f"{where}: bad regex in `{k}`: {exc}", k) from None
        if k in ("present", "absent"):
            for t in v:
                if resolve(t) is None:
                    raise _err(path, when, f"{where}: unknown target {t!r}", k)


def _rule(path: Path, raw: Any, index: int, rs: RuleSet) -> Rule:
    if not isinstance(raw, dict):
        raise _err(path, raw, f"rule #{index + 1} must be a mapping")
    where = f"rule {raw.get('id', '#' + str(index + 1))}"
    for k in ("id", "name", "severity", "kind", "message"):
        if k not in raw:
            raise _err(path, raw, f"{where}: missing `{k}`")
        _check_type(path, raw, k, str, where)
    if not ID_RE.match(raw["id"]):
        raise _err(path, raw, f"{where}: id must look like CL201 (letters then digits)", "id")
    if not NAME_RE.match(raw["name"]):
        raise _err(path, raw, f"{where}: name must be kebab-case, like banner-missing", "name")
    try:
        sev = Severity.parse(raw["severity"])
    except ValueError as exc:
        raise _err(path, raw, f"{where}: {exc}", "severity") from None
    kind = KINDS.get(raw["kind"])
    if kind is None:
        raise _err(path, raw, f"{where}: unknown kind {raw['kind']!r} (kinds: {', '.join(sorted(KINDS))})", "kind")
    params = {k: v for k, v in raw.items() if k not in RULE_META}
    for k, v in params.items():
        if k not in kind.PARAMS:
            allowed = ", ".join(sorted(set(kind.PARAMS) | RULE_META))
            raise _err(path, raw, f"{where}: unknown key `{k}` for kind {raw['kind']} (allowed: {allowed})", k)
        _check_type(path, raw, k, kind.PARAMS[k][0], where)
    for k, (_, required) in kind.PARAMS.items():
        if required and k not in params:
            raise _err(path, raw, f"{where}: kind {raw['kind']} needs `{k}`")
    for k in ("target", "against", "anchor"):
        if k in params and resolve(params[k]) is None:
            raise _err(path, raw, f"{where}: unknown target {params[k]!r}", k)
    for k, v in params.items():
        for s in (v if isinstance(v, list) else [v]):
            if isinstance(s, str) and s.startswith("list:") and s[5:] not in rs.lists:
                raise _err(path, raw, f"{where}: no list named {s[5:]!r} in this rule set", k)
    when = raw.get("when", {}) or {}
    _validate_when(path, when, f"{where}: when")
    try:
        prepared = kind.prepare(dict(params)) if hasattr(kind, "prepare") else params
    except ValueError as exc:
        raise _err(path, raw, f"{where}: {exc}") from None
    for k in ("summary", "why", "fix", "reference"):
        _check_type(path, raw, k, str, where)
    examples = _examples(path, raw, where)
    _check_type(path, raw, "supersedes", list, where)
    for sid in raw.get("supersedes") or []:
        if not isinstance(sid, str) or not ID_RE.match(sid):
            raise _err(path, raw, f"{where}: `supersedes` lists rule ids such as CL202, not {sid!r}", "supersedes")
    return Rule(
        id=raw["id"], name=raw["name"], severity=sev, kind=raw["kind"], message=raw["message"].strip(),
        params=prepared, when=dict(when), summary=raw.get("summary", ""), why=(raw.get("why") or "").strip(),
        fix=(raw.get("fix") or "").strip(), reference=(raw.get("reference") or "").strip(), examples=examples,
        tags=list(raw.get("tags", [])), ruleset=rs.name, origin=f"{path}:{_line(raw)}",
        supersedes=list(raw.get("supersedes") or []),
    )


def _examples(path: Path, raw: Any, where: str) -> list[Example]:
    ex = raw.get("examples")
    if ex is None:
        return []
    if not isinstance(ex, list):
        raise _err(path, raw, f"{where}: `examples` must be a list of {{bad: ..}} / {{good: ..}} items", "examples")
    out = []
    for e in ex:
        if not isinstance(e, dict) or len({"bad", "good"} & set(e)) != 1:
            raise _err(path, e if isinstance(e, dict) else raw,
                       f"{where}: each example has exactly one of `bad` or `good` (and, for bad, an optional `line`)")
        kind = "bad" if "bad" in e else "good"
        extra = set(e) - {"bad", "good", "line", "date", "as_of", "protect"}
        if extra:
            raise _err(path, e, f"{where}: unknown example key `{sorted(extra)[0]}`")
        if not isinstance(e[kind], str):
            raise _err(path, e, f"{where}: the example text must be a string (use a | block)", kind)
        opts = {k: e[k] for k in ("date", "as_of", "protect") if k in e}
        for k in ("date", "as_of"):
            if k in opts:
                opts[k] = _date(path, e, k, f"{where}: example")
        out.append(Example(kind, e[kind], e.get("line"), _line(e, kind), opts))
    return out


