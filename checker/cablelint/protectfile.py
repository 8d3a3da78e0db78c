"""Reading protect lists: plain-text and YAML protect files, bare terms from
the API or rule examples. Every error names the file and line; nothing of a
term's text appears in an error message but its position.
(protect.py holds the matching model these lists are built into.)"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Iterable, Sequence

import regex

from .protect import DEFAULT_PLACEHOLDER, MASK, MAX_TERM, Entry, ProtectError, ProtectList
from .termtrie import term_key

_YAML_KEYS = {"placeholder", "terms", "patterns", "kind", "name", "description"}


def _check_term(text: Any, where: str) -> str:
    if not isinstance(text, str):
        raise ProtectError(f"{where}: a term must be text, not {type(text).__name__}")
    t = text.strip()
    if not t:
        raise ProtectError(f"{where}: empty term")
    if not regex.search(r"\w", t) or not term_key(t):
        raise ProtectError(f"{where}: a term needs at least one letter or digit")
    if len(t) > MAX_TERM:
        raise ProtectError(f"{where}: term longer than {MAX_TERM} characters")
    return t


def _check_pattern(text: Any, where: str) -> str:
    if not isinstance(text, str) or not text:
        raise ProtectError(f"{where}: a pattern must be non-empty text")
    try:
        rx = regex.compile(text)
    except regex.error as exc:  # the message names the position, never the pattern text
        raise ProtectError(f"{where}: invalid regular expression ({exc.msg} at position {exc.pos})") from None
    if rx.fullmatch(""):
        raise ProtectError(f"{where}: the pattern matches empty text")
    return text


def _check_placeholder(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip() or "\n" in value:
        raise ProtectError(f"{where}: `placeholder` must be one line of non-blank text")
    return value


def _load_text(path: str, text: str, placeholder: str) -> list[Entry]:
    out = []
    for no, raw in enumerate(text.splitlines(), 1):
        where = f"{path}:{no}"
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("re:"):
            out.append(Entry(_check_pattern(line[3:].strip(), where), placeholder, where, "pattern"))
            continue
        line = regex.sub(r"\s+#.*$", "", line)  # trailing comment
        out.append(Entry(_check_term(line, where), placeholder, where, "term"))
    return out


def _load_yaml(path: str, text: str) -> list[Entry]:
    """Entries of a YAML protect file; every error names the file and line
    (scalars are kept as text: `12345` is an identifier, not a number)."""
    from .yamlio import line_of, load_yaml  # YAML loads only for a YAML protect list (start-up time)

    root = load_yaml(text, path, ProtectError, text_scalars=True)
    if root is None:
        return []
    if not isinstance(root, dict):
        raise ProtectError(f"{path}:{line_of(root) or 1}: a protect file is a mapping with "
                           "`terms:` and/or `patterns:`")

    def at(obj: Any, key: Any = None) -> str:
        return f"{path}:{line_of(obj, key) or 1}"

    for key in root:
        if key not in _YAML_KEYS:
            raise ProtectError(f"{at(root, key)}: unknown key `{key}` (allowed: {', '.join(sorted(_YAML_KEYS))})")
    if "kind" in root and root["kind"] != "protect":
        raise ProtectError(f"{at(root, 'kind')}: `kind` of a protect file must be `protect`")
    placeholder = DEFAULT_PLACEHOLDER
    if "placeholder" in root:
        placeholder = _check_placeholder(root["placeholder"], at(root, "placeholder"))
    out: list[Entry] = []
    for key, kind in (("terms", "term"), ("patterns", "pattern")):
        seq = root.get(key)
        if seq is None or seq == "":
            continue
        if not isinstance(seq, list):
            raise ProtectError(f"{at(root, key)}: `{key}` must be a list")
        for i, item in enumerate(seq):
            where = at(seq, i)
            ph = placeholder
            value = item
            if isinstance(item, dict):
                if set(item) - {kind, "placeholder"} or kind not in item:
                    raise ProtectError(f"{where}: each entry of `{key}` is text or a mapping with "
                                       f"`{kind}` and optional `placeholder`")
                if "placeholder" in item:
                    ph = _check_placeholder(item["placeholder"], where)
                value = item[kind]
            if kind == "term":
                out.append(Entry(_check_term(value, where), ph, where, "term"))
            else:
                out.append(Entry(_check_pattern(value, where), ph, where, "pattern"))
    return out


def load_file(path: str | Path) -> ProtectList:
    """Load one protect file, or raise ProtectError naming the file and line."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ProtectError(f"{p}: protect file not found") from None
    except IsADirectoryError:
        raise ProtectError(f"{p}: is a directory, not a protect file") from None
    except OSError as exc:
        raise ProtectError(f"{p}: cannot read protect file ({exc.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ProtectError(f"{p}:{line}: protect file is not UTF-8") from None
    if "\x00" in text:
        raise ProtectError(f"{p}:{text[:text.index(chr(0))].count(chr(10)) + 1}: NUL byte in protect file")
    if p.suffix.lower() in (".yaml", ".yml"):
        entries = _load_yaml(str(p), text)
    else:
        entries = _load_text(str(p), text, DEFAULT_PLACEHOLDER)
    if not entries:
        raise ProtectError(f"{p}: protect file lists no terms or patterns")
    plist = ProtectList(entries, [str(p)])
    _check_idempotent(plist)
    return plist


def _check_idempotent(plist: ProtectList) -> None:
    """A placeholder that is itself protected would make redaction loop."""
    for ph in sorted(plist.placeholders | {MASK}):
        for o in plist.finditer(ph):
            raise ProtectError(f"{o.entry.origin}: this entry matches the placeholder {ph!r}; "
                               "redacting would never finish")


def load(paths: Sequence[str | Path]) -> ProtectList:
    """Load and merge several protect files (the --protect options and the
    configuration's `protect` setting)."""
    plist = ProtectList()
    for p in paths:
        plist = plist.merged(load_file(p))
    if plist:
        _check_idempotent(plist)
    return plist


def from_terms(terms: Iterable[str], origin: str = "protect") -> ProtectList:
    """A protect list from bare terms (rule examples, the Python API)."""
    entries = [Entry(_check_term(t, f"{origin} #{i}"), DEFAULT_PLACEHOLDER, f"{origin} #{i}")
               for i, t in enumerate(terms, 1)]
    return ProtectList(entries, [origin])


@functools.lru_cache(maxsize=32)
def _cached_terms(terms: tuple[str, ...]) -> ProtectList:
    return from_terms(terms)


def coerce(value: Any) -> ProtectList | None:
    """The engine's `protect` option as a ProtectList: a ProtectList, a list of
    them, or a list of bare terms (as rule examples give)."""
    if value is None or isinstance(value, ProtectList):
        return value or None
    if isinstance(value, str):
        value = [value]
    items = list(value)
    if not items:
        return None
    if all(isinstance(v, ProtectList) for v in items):
        out = ProtectList()
        for v in items:
            out = out.merged(v)
        return out or None
    if all(isinstance(v, str) for v in items):
        return _cached_terms(tuple(items))
    raise TypeError("the protect option takes a ProtectList or a list of terms")
