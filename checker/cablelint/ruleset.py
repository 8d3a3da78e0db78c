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

import os
from pathlib import Path
from typing import Any

import regex

from . import eras
from .autofix import FixSpec, parse_spec
from .checks.kinds import KINDS
from .checks.values import check_message
from .conditions import WHEN_KEYS
from .findings import Severity
from .loadutil import check_type, close_to, date_value, did_you_mean, err
from .rule import DEFAULT_RULESETS, Example, Rule, RuleSet, RuleSetError
from .targets import resolve
from .vocab_schema import known_names, validate_vocabulary
from .vocabulary import default_vocabulary_data, rules_dir
from .yamlio import line_of, read_yaml
from .rx import check_pattern, rx
from .rx import shipped as loading_shipped

__all__ = ["DEFAULT_RULESETS", "RuleSetError", "TOP_KEYS", "find", "load", "shipped"]

TOP_KEYS = {"name", "description", "version", "extends", "applies", "eras", "era_overrides", "example_files", "lists",
            "extend_lists", "vocabulary", "disable", "severity", "rules", "kind"}
RULE_META = {"id", "name", "severity", "kind", "message", "when", "summary", "why", "fix", "reference",
             "examples", "tags", "supersedes", "autofix"}
TOP_TYPES = {"name": str, "description": str, "rules": list, "eras": list, "era_overrides": dict,
             "example_files": list, "lists": dict, "extend_lists": dict, "vocabulary": dict, "disable": list,
             "severity": dict, "applies": dict}
ID_RE = rx(r"^[A-Z]{1,6}\d{2,4}$")
NAME_RE = rx(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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
    """The file of a rule-set spec: a path when it looks like one (a .yaml or
    .yml name, a folder separator) or names a file; otherwise a shipped name.
    A folder is never a rule set, so a folder `state/` in the working
    directory (a cable repository sorted by rule set) leaves `state` the
    shipped name."""
    p = Path(spec)
    cands = ([base / p] if base and not p.is_absolute() else []) + [p]
    for cand in cands:
        if cand.is_file():
            return cand
    pathlike = p.suffix in (".yaml", ".yml") or "/" in spec or os.sep in spec
    got = None if pathlike else shipped().get(spec)
    if got is not None:
        return got
    if any(c.is_dir() for c in cands):
        raise RuleSetError(f"{spec}: is a folder; a rule set is a YAML file (give a .yaml path, "
                           f"or a shipped name: {', '.join(shipped())})")
    if pathlike:
        raise RuleSetError(f"{spec}: rule set file not found")
    raise RuleSetError(f"unknown rule set {spec!r} (shipped: {', '.join(shipped())}; or give a .yaml path)")


def load(spec: str, base: Path | None = None, _chain: tuple[str, ...] = ()) -> RuleSet:
    """Load a rule set by shipped name or path, following `extends`."""
    path = find(spec, base)
    key = str(path.resolve())
    if key in _chain:
        raise RuleSetError(f"{path}: `extends` loops back to itself ({' -> '.join(_chain + (key,))})")
    data = read_yaml(path, RuleSetError)
    if not isinstance(data, dict):
        raise RuleSetError(f"{path}:1: a rule set must be a YAML mapping with `name` and `rules`")
    with loading_shipped(is_shipped(path)):  # a shipped set's regexes compile on first use (rx.py)
        return _build(data, path, _chain + (key,))


def is_shipped(path: Path) -> bool:
    """Whether `path` is one of the rule files cablelint ships (the suite compiles their every regex)."""
    try:
        return path.resolve().parent == rules_dir().resolve()
    except OSError:
        return False


def _extends(data: dict, path: Path) -> list[str]:
    """The top level checked (keys, kind, name, types); the sets it extends."""
    unknown = set(data) - TOP_KEYS
    if unknown:
        k = sorted(unknown)[0]
        raise err(path, data, f"unknown key `{k}`{did_you_mean(k, TOP_KEYS)} (allowed: {', '.join(sorted(TOP_KEYS))})",
                  k)
    if data.get("kind", "ruleset") != "ruleset":
        raise err(path, data, "this file is not a rule set (kind: ruleset)", "kind")
    for k in ("name",):
        if k not in data:
            raise err(path, data, f"missing `{k}`")
    for key, typ in TOP_TYPES.items():
        check_type(path, data, key, typ, "rule set")
    ext = data.get("extends", [])
    ext = [ext] if isinstance(ext, str) else ext
    if not isinstance(ext, list):
        raise err(path, data, "`extends` must be a rule set name, a path, or a list of them", "extends")
    return ext


def _inherit(rs: RuleSet, by_id: dict[str, Rule], path: Path, chain: tuple[str, ...]) -> None:
    """Load each parent set and take its rules, eras, lists, vocabulary and `applies`."""
    for parent_spec in rs.extends:
        parent = load(str(parent_spec), path.parent, chain)
        rs.lineage += [p for p in parent.lineage if p not in rs.lineage]
        for r in parent.rules:
            by_id[r.id] = r
        rs.eras = parent.eras or rs.eras
        rs.lists.update(parent.lists)
        _merge_vocab(rs.vocabulary, parent.vocabulary)
        rs.applies = parent.applies or rs.applies


def _own_settings(rs: RuleSet, data: dict, path: Path) -> None:
    """The set's own example files, `applies`, eras, lists and vocabulary, over the inherited ones."""
    # Example cables with `.expect` sidecars that `cablelint test` runs for this
    # set (not inherited: a child set is tested with its own files).
    rs.example_files = [str((path.parent / str(p)).resolve()) for p in data.get("example_files") or []]
    if "applies" in data:
        _validate_when(path, data["applies"], "applies")
        rs.applies = dict(data["applies"])
    if "eras" in data:
        rs.eras = [eras.era(path, e) for e in data["eras"]]
    if "era_overrides" in data:
        rs.eras = eras.override(path, data["era_overrides"], rs.eras)
    for k, v in (data.get("lists") or {}).items():
        rs.lists[k] = v
    for k, v in (data.get("extend_lists") or {}).items():
        if k not in rs.lists:
            raise err(path, data["extend_lists"], f"`extend_lists`: no inherited list named {k!r}", k)
        rs.lists[k] = list(rs.lists[k]) + list(v)
    if data.get("vocabulary"):
        own = validate_vocabulary(path, data["vocabulary"], known=known_names(default_vocabulary_data(), rs.vocabulary))
        _merge_vocab(rs.vocabulary, own)


def _disable_and_severity(by_id: dict[str, Rule], data: dict, path: Path) -> None:
    """`disable` and `severity`, each naming a rule the set has."""
    for rid in data.get("disable") or []:
        if rid not in by_id:
            raise err(path, data, f"`disable`: no rule {rid!r} to disable", "disable")
        del by_id[rid]
    for rid, sev in (data.get("severity") or {}).items():
        if rid not in by_id:
            raise err(path, data["severity"], f"`severity`: no rule {rid!r}", rid)
        try:
            by_id[rid] = by_id[rid].replace(severity=Severity.parse(str(sev)))
        except ValueError as exc:
            raise err(path, data["severity"], str(exc), rid) from None


def _build(data: dict, path: Path, chain: tuple[str, ...]) -> RuleSet:
    ext = _extends(data, path)
    rs = RuleSet(name=data["name"], description=data.get("description", ""),
                 version=str(data.get("version", "")), path=str(path), extends=list(ext))
    by_id: dict[str, Rule] = {}
    rs.lineage = [str(path.resolve())]
    _inherit(rs, by_id, path, chain)
    _own_settings(rs, data, path)
    for i, raw in enumerate(data.get("rules") or []):
        rule = _rule(path, raw, i, rs)
        by_id[rule.id] = rule
    known_ids = set(by_id)
    _disable_and_severity(by_id, data, path)
    eras.check_rule_refs(path, rs.eras, known_ids)
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


def _validate_when(path: Path, when: Any, where: str) -> None:
    if not isinstance(when, dict):
        raise err(path, when, f"{where}: must be a mapping of conditions")
    for k, v in when.items():
        if k not in WHEN_KEYS:
            raise err(path, when, f"{where}: unknown condition `{k}`{did_you_mean(k, WHEN_KEYS)} "
                                  f"(allowed: {', '.join(sorted(WHEN_KEYS))})", k)
        check_type(path, when, k, WHEN_KEYS[k], where)
        if k in ("date_from", "date_before"):
            when[k] = date_value(path, when, k, where)
        if k in ("text_has", "text_lacks"):
            try:
                check_pattern(v)
            except regex.error as exc:
                raise err(path, when, f"{where}: bad regex in `{k}`: {exc}", k) from None
        if k in ("present", "absent"):
            for t in v:
                if resolve(t) is None:
                    raise err(path, when, f"{where}: unknown target {t!r}", k)


def _required(path: Path, raw: Any, where: str) -> None:
    """Every rule's own keys, each text; a typo of one (`mesage:`) is named at
    its own line as an unknown key, with the key meant, not as a missing key."""
    for k in ("id", "name", "severity", "kind", "message"):
        if k not in raw:
            typo = close_to(k, [x for x in raw if x not in RULE_META])
            if typo is not None:
                raise err(path, raw, f"{where}: unknown key `{typo}` (did you mean `{k}`?)", typo)
            raise err(path, raw, f"{where}: missing `{k}`")
        check_type(path, raw, k, str, where)


def _rule(path: Path, raw: Any, index: int, rs: RuleSet) -> Rule:
    if not isinstance(raw, dict):
        raise err(path, raw, f"rule #{index + 1} must be a mapping")
    where = f"rule {raw.get('id', '#' + str(index + 1))}"
    _required(path, raw, where)
    if not ID_RE.match(raw["id"]):
        raise err(path, raw, f"{where}: id must be 1 to 6 capital letters then 2 to 4 digits, like CL201 or "
                             f"HSE2001, not {raw['id']!r}", "id")
    if not NAME_RE.match(raw["name"]):
        raise err(path, raw, f"{where}: name must be kebab-case, like banner-missing", "name")
    try:
        sev = Severity.parse(raw["severity"])
    except ValueError as exc:
        raise err(path, raw, f"{where}: {exc}", "severity") from None
    kind = KINDS.get(raw["kind"])
    if kind is None:
        raise err(path, raw, f"{where}: unknown kind {raw['kind']!r} (kinds: {', '.join(sorted(KINDS))})", "kind")
    params = {k: v for k, v in raw.items() if k not in RULE_META}
    for k, v in params.items():
        if k not in kind.PARAMS:
            known = set(kind.PARAMS) | RULE_META
            raise err(path, raw, f"{where}: unknown key `{k}` for kind {raw['kind']}{did_you_mean(k, known)} "
                                 f"(allowed: {', '.join(sorted(known))})", k)
        check_type(path, raw, k, kind.PARAMS[k][0], where)
    for k, (_, required) in kind.PARAMS.items():
        if required and k not in params:
            raise err(path, raw, f"{where}: kind {raw['kind']} needs `{k}`")
    for k in ("target", "against", "anchor"):
        if k in params and resolve(params[k]) is None:
            raise err(path, raw, f"{where}: unknown target {params[k]!r}", k)
    for k, v in params.items():
        for s in (v if isinstance(v, list) else [v]):
            if isinstance(s, str) and s.startswith("list:") and s[5:] not in rs.lists:
                raise err(path, raw, f"{where}: no list named {s[5:]!r} in this rule set", k)
    when = raw.get("when", {}) or {}
    _validate_when(path, when, f"{where}: when")
    try:
        prepared = kind.prepare(dict(params)) if hasattr(kind, "prepare") else params
    except ValueError as exc:
        raise err(path, raw, f"{where}: {exc}", _named_key(str(exc), params)) from None
    try:  # a placeholder its hits do not carry would print as written in every finding
        check_message(raw["message"], raw["kind"], prepared)  # prepared: a `forbid`'s compiled groups
    except ValueError as exc:
        raise err(path, raw, f"{where}: {exc}", "message") from None
    for k in ("summary", "why", "fix", "reference"):
        check_type(path, raw, k, str, where)
    examples = _examples(path, raw, where)
    check_type(path, raw, "supersedes", list, where)
    for sid in raw.get("supersedes") or []:
        if not isinstance(sid, str) or not ID_RE.match(sid):
            raise err(path, raw, f"{where}: `supersedes` lists rule ids such as CL202, not {sid!r}", "supersedes")
    return Rule(
        id=raw["id"], name=raw["name"], severity=sev, kind=raw["kind"], message=raw["message"].strip(),
        params=prepared, when=dict(when), summary=raw.get("summary", ""), why=(raw.get("why") or "").strip(),
        fix=(raw.get("fix") or "").strip(), reference=(raw.get("reference") or "").strip(), examples=examples,
        tags=list(raw.get("tags", [])), ruleset=rs.name, origin=f"{path}:{_line(raw)}",
        supersedes=list(raw.get("supersedes") or []), autofix=_autofix(path, raw, kind, where),
    )


def _named_key(message: str, params: dict[str, Any]) -> str | None:
    """The rule's key a kind's complaint is about, for its line: the first
    `key` in backticks that the rule holds (a bad regex in `forbid`); None
    (the rule's line) when it names none of them."""
    for word in message.split("`")[1::2]:
        if word in params:
            return word
    return None


def _autofix(path: Path, raw: Any, kind: Any, where: str) -> FixSpec | None:
    """The rule's `autofix:` block (autofix.py says what it may hold)."""
    if raw.get("autofix") is None:
        return None
    return parse_spec(raw["autofix"], kind, lambda msg: err(path, raw, f"{where}: {msg}", "autofix"))


def _examples(path: Path, raw: Any, where: str) -> list[Example]:
    ex = raw.get("examples")
    if ex is None:
        return []
    if not isinstance(ex, list):
        raise err(path, raw, f"{where}: `examples` must be a list of {{bad: ..}} / {{good: ..}} items", "examples")
    out = []
    for e in ex:
        if not isinstance(e, dict) or len({"bad", "good"} & set(e)) != 1:
            raise err(path, e if isinstance(e, dict) else raw,
                       f"{where}: each example has exactly one of `bad` or `good` (and, for bad, an optional `line`)")
        kind = "bad" if "bad" in e else "good"
        extra = set(e) - {"bad", "good", "line", "date", "as_of", "protect", "path"}
        if extra:
            raise err(path, e, f"{where}: unknown example key `{sorted(extra)[0]}`")
        if not isinstance(e[kind], str):
            raise err(path, e, f"{where}: the example text must be a string (use a | block)", kind)
        opts = {k: e[k] for k in ("date", "as_of", "protect", "path") if k in e}
        for k in ("date", "as_of"):
            if k in opts:
                opts[k] = date_value(path, e, k, f"{where}: example")
        out.append(Example(kind, e[kind], e.get("line"), _line(e, kind), opts))
    return out


