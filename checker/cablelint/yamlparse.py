"""The libyaml parse behind yamlio.load_yaml: mappings and sequences that
remember their line (yamlio's `_Map`, `_Seq`), duplicate keys refused,
aliases sized, every syntax error raised as `file:line:col`. Its own module
so that PyYAML (~12 ms to import) loads only when a file is really parsed.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .yamltree import _Map, _Seq

# libyaml's parser when PyYAML has it (it nearly always does): the rule sets
# are thousands of lines and the pure-Python parser alone costs ~0.4 s a run.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Base):  # type: ignore[misc, valid-type]
    _resolver_memo: dict[str, tuple[tuple[str, Any], ...]] = {}  # per class: see `_resolvers`

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        """PyYAML's `Resolver.resolve`, its scalar case without a list built per
        call: the C parser asks it for each of a rule file's ~10,000 scalars."""
        if kind is not yaml.ScalarNode or self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        if implicit[0]:
            first = value[:1]
            tried = self._resolver_memo.get(first)
            for tag, regexp in tried if tried is not None else _resolvers(type(self), first):
                if regexp.match(value):
                    return tag
        return self.DEFAULT_SCALAR_TAG


def _resolvers(cls: type, first: str) -> tuple[tuple[str, Any], ...]:
    """The implicit resolvers `Resolver.resolve` tries for a scalar starting
    with `first`, in its order, kept in the class's own memo."""
    table = cls.yaml_implicit_resolvers  # type: ignore[attr-defined]
    got = cls._resolver_memo[first] = tuple(table.get(first, []) + table.get(None, []))  # type: ignore[attr-defined]
    return got


_STR_TAG = "tag:yaml.org,2002:str"


def _value(loader: _LineLoader, node: Any) -> Any:
    """`construct_object(node, deep=True)`; a plain text scalar (most of a rule
    file) directly, as `construct_yaml_str` would give it."""
    if type(node) is yaml.ScalarNode and node.tag == _STR_TAG:
        return node.value
    return loader.construct_object(node, deep=True)


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> _Map:
    m = _Map()
    m.line = node.start_mark.line + 1
    m.key_lines = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = _value(loader, key_node)
        if key in m:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        m[key] = _value(loader, value_node)
        m.key_lines[key] = key_node.start_mark.line + 1
    return m


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> _Seq:
    s = _Seq(_value(loader, child) for child in node.value)
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


_TextLoader._resolver_memo = {}  # its own: its resolvers differ
_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in _LineLoader.yaml_implicit_resolvers.items()}


def parse(text: str, path: str | Path, error: type[Exception], *, text_scalars: bool = False) -> Any:
    """yamlio.load_yaml's work (its docstring says what it gives)."""
    loader = (_TextLoader if text_scalars else _LineLoader)(text)  # SafeLoader: no python/object
    try:
        node = loader.get_single_node()
        if "&" in text or 2 * len(text) + 2 > MAX_YAML_NODES:  # (no anchor, no alias: no more values than ~characters)
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
    scalar = yaml.ScalarNode

    def size(n: Any) -> int:
        if id(n) in sizes:
            return sizes[id(n)]
        kids = [c for pair in n.value for c in pair] if isinstance(n, yaml.MappingNode) else \
            n.value if isinstance(n, yaml.SequenceNode) else []
        total = 1
        for c in kids:  # a scalar (most nodes) is one value: no call
            total += 1 if type(c) is scalar else size(c)
        if total > MAX_YAML_NODES:
            raise error(f"{path}:{n.start_mark.line + 1}: invalid YAML: aliases expand to more than "
                        f"{MAX_YAML_NODES:,} values")
        sizes[id(n)] = total
        return total

    if node is not None:
        size(node)
