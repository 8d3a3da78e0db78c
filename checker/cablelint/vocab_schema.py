"""The schema of the marking vocabulary (rules/markings.yaml and a rule set's
`vocabulary:` block): what each entry may hold, its defaults, and the
validation that turns YAML into plain data with `file:line` errors, so that
`Vocabulary` never meets a missing key or a wrong type.

Separate from the rule-set loader, which uses it, and from `vocabulary.py`,
which builds lookup tables from what it returns, so neither imports the other.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import regex

from .rule import RuleSetError
from .rx import check_pattern
from .yamlio import line_of

# -- the marking vocabulary (rules/markings.yaml, a rule set's `vocabulary:`) --
# Each kind of entry: {key: (type, default)}; `...` marks a required key, None
# a list that defaults to [name].
VOCAB_ENTRIES: dict[str, dict[str, tuple[Any, Any]]] = {
    "levels": {"name": (str, ...), "rank": (int, 0), "banner": (list, None), "portion": (list, []),
               "categories": (bool, False), "owner": (str, None), "downgrade": (list, [])},
    "controls": {"name": (str, ...), "banner": (list, None), "portion": (list, None), "level": (str, None),
                 "implies": (list, []), "cui": (bool, False), "patterns": (list, [])},
    "fields": {"name": (str, ...), "spellings": (list, None), "free_text": (bool, False), "marking": (bool, False)},
}
VOCAB_WORDS = ("caption_words", "title_words", "title_joiners", "name_suffixes", "title_qualifiers", "post_words", "standalone_lower_words", "person_tag_words", "tag_lists", "tags_labels",
               "subject_labels", "ref_labels", "routing_labels", "passing_words", "trailer_words", "reference_words",
               "paragraph_words", "topic_labels", "heading_words", "quote_begin_words", "quote_end_words", "repeat_openers",
               "salutation_words", "closing_words", "handling_lines", "citing_posts")
VOCAB_PATTERNS = ("title_patterns", "decl_exemption_patterns", "placeholder_patterns", "note_patterns",
                  "partial_notice_patterns", "banner_preamble_patterns", "elision_patterns", "ref_body_patterns",
                  "archive_row_patterns")
VOCAB_KEYS = set(VOCAB_ENTRIES) | set(VOCAB_WORDS) | set(VOCAB_PATTERNS)
# Keys whose value may be written `null` (a control that sets no level).
NULLABLE = {"level", "owner"}
_TYPE_WORDS = {str: "text", int: "a whole number", bool: "true or false", list: "a list", dict: "a mapping"}


def known_names(base: dict[str, Any], merged: dict[str, Any]) -> dict[str, set[str]]:
    """Level and control names a rule set's vocabulary may refer to: the shipped
    ones (`base`) and those its parents added (`merged`)."""
    return {k: {e["name"] for e in base.get(k, []) + merged.get(k, [])} for k in ("levels", "controls")}


class _Checker:
    """The `file:line` errors of one vocabulary mapping (`where`: its name in messages)."""

    def __init__(self, path: Path, where: str) -> None:
        self.path, self.where = path, where

    def fail(self, obj: Any, key: Any, msg: str) -> RuleSetError:
        line = line_of(obj, key)
        return RuleSetError(f"{self.path}:{line}: {msg}" if line else f"{self.path}: {msg}")

    def texts(self, owner: Any, key: Any, value: Any, what: str) -> list[str]:
        """A list of non-empty texts."""
        if not isinstance(value, list):
            raise self.fail(owner, key, f"{what} must be a list, not {type(value).__name__}")
        for i, v in enumerate(value):
            if not isinstance(v, str) or not v.strip():
                raise self.fail(value, i, f"{what}: each entry must be non-empty text, not {v!r}")
        return [str(v) for v in value]

    def patterns(self, owner: Any, key: Any, value: Any, what: str) -> list[str]:
        """A list of regexes, each compiled once here so a bad one names its line."""
        pats = self.texts(owner, key, value, what)
        for i, pat in enumerate(pats):
            try:
                check_pattern(pat)
            except regex.error as exc:
                raise self.fail(value, i, f"{what}: bad regex {pat!r}: {exc}") from None
        return pats

    def top(self, data: Any, top_level: bool) -> None:
        """The mapping itself: its type, its keys and (a file of its own) its kind."""
        where = self.where
        if not isinstance(data, dict):
            raise self.fail(data, None, f"{where}: must be a mapping of {', '.join(sorted(VOCAB_KEYS))}")
        allowed = VOCAB_KEYS | ({"kind"} if top_level else set())
        for k in data:
            if k not in allowed:
                raise self.fail(data, k, f"{where}: unknown key `{k}` (allowed: {', '.join(sorted(allowed))})")
        if top_level and data.get("kind", "vocabulary") != "vocabulary":
            raise self.fail(data, "kind", f"{where}: this file is not a vocabulary (kind: vocabulary)")

    def entry(self, key: str, spec: dict[str, tuple[Any, Any]], seq: list, i: int) -> dict[str, Any]:
        """One level, control or field, every key of `spec` filled in."""
        e = seq[i]
        what = f"{self.where}: {key} #{i + 1}"
        if not isinstance(e, dict):
            raise self.fail(seq, i, f"{what} must be a mapping with `name` ({', '.join(spec)})")
        if isinstance(e.get("name"), str):
            what = f"{self.where}: {key[:-1]} {e['name']}"
        for k in e:
            if k not in spec:
                raise self.fail(e, k, f"{what}: unknown key `{k}` (allowed: {', '.join(spec)})")
        entry: dict[str, Any] = {}
        for k, (typ, default) in spec.items():
            if k not in e:
                if default is ...:
                    raise self.fail(e, None, f"{what}: missing `{k}`")
                entry[k] = [entry["name"]] if default is None and typ is list else \
                    (list(default) if isinstance(default, list) else default)
            else:
                entry[k] = self.value(e, k, typ, what)
        return entry

    def value(self, e: dict, k: str, typ: Any, what: str) -> Any:
        """One written key of an entry, checked against its type."""
        v = e[k]
        if k in NULLABLE and v is None:
            return None
        if typ is list:
            check = self.patterns if k == "patterns" else self.texts
            return check(e, k, v, f"{what}: `{k}`")
        if not isinstance(v, typ) or (typ is int and isinstance(v, bool)) or (typ is str and not v.strip()):
            raise self.fail(e, k, f"{what}: `{k}` must be {_TYPE_WORDS[typ]}, not {v!r}")
        return v

    def references(self, data: dict, out: dict[str, Any], names: dict[str, set[str]]) -> None:
        """A control's `level` and `implies` name a level and controls that exist."""
        where = self.where
        for i, c in enumerate(out.get("controls", [])):
            src = data["controls"][i]
            if c["level"] is not None and c["level"] not in names["levels"]:
                raise self.fail(src, "level", f"{where}: control {c['name']}: no level named {c['level']!r} "
                                              f"(levels: {', '.join(sorted(names['levels']))})")
            for imp in c["implies"]:
                if imp not in names["controls"]:
                    raise self.fail(src, "implies", f"{where}: control {c['name']}: `implies` names no control {imp!r}")


def validate_vocabulary(path: Path, data: Any, known: dict[str, set[str]] | None = None,
                        top_level: bool = False) -> dict[str, Any]:
    """Check a vocabulary mapping and return it as plain data with every default
    filled in, so that Vocabulary never meets a missing key or a wrong type;
    a problem is a RuleSetError naming file and line. `known`: the level and
    control names already defined (a control's `level` and `implies` must name
    one); `top_level`: the mapping is a file of its own (`kind: vocabulary`)."""
    chk = _Checker(path, "vocabulary" if not top_level else "markings")
    chk.top(data, top_level)
    out: dict[str, Any] = {}
    for key in VOCAB_WORDS:
        if key in data:
            out[key] = chk.texts(data, key, data[key], f"{chk.where}: `{key}`")
    for key in VOCAB_PATTERNS:
        if key in data:
            out[key] = chk.patterns(data, key, data[key], f"{chk.where}: `{key}`")
    names = {k: set((known or {}).get(k, ())) for k in VOCAB_ENTRIES}
    for key, spec in VOCAB_ENTRIES.items():
        if key not in data:
            continue
        seq = data[key]
        if not isinstance(seq, list):
            raise chk.fail(data, key, f"{chk.where}: `{key}` must be a list of mappings, not {type(seq).__name__}")
        out[key] = [chk.entry(key, spec, seq, i) for i in range(len(seq))]
        names[key] |= {e["name"] for e in out[key]}
    chk.references(data, out, names)
    return out
