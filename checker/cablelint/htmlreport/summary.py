"""The per-document record a corpus report needs besides the findings:
when, where from and at what level a cable was written.

The engine parses each document once and throws the Document away; a
`DocSummary` is the small, picklable part of it that a run carries out
(see `Session.lint(summarize=...)` and `lintpool.lint_summarized`), so worker processes can send it
back and a 250k-cable run never keeps the parsed documents.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import regex

from ..checks import Context
from ..document import Document
from ..rx import rx

# A cable id in a file name: 05PARIS579, 85RIYADH16919, 09STATE12345.
_CABLE_ID = rx(r"(?:^|[^A-Z0-9])\d{2}([A-Z][A-Z]+?)\d+(?:[^A-Z0-9]|$)")
POST_WORDS = "posts.yaml"  # package data beside this module: the routing-header words around a post's name


class PostWordsError(ValueError):
    """A posts.yaml that cannot be used; str() is `file:line: what is wrong`."""


@dataclass(frozen=True, slots=True)
class PostWords:
    """posts.yaml, compiled: `before` matches the label and post-kind words in
    front of a post's name; `aliases` maps the start of a name to the post."""

    before: Any
    aliases: tuple[tuple[str, str], ...]


def load_post_words(text: str, path: str) -> PostWords:
    """Parse and check posts.yaml (every key known, lists and mappings of text)."""
    from ..yamlio import line_of, load_yaml  # yaml loads when a report needs it, not to build the CLI

    data = load_yaml(text, path, PostWordsError)
    if not isinstance(data, dict) or set(data) != {"labels", "prefixes", "aliases"}:
        raise PostWordsError(f"{path}:1: needs exactly the keys labels, prefixes and aliases")
    for key in ("labels", "prefixes"):
        if not isinstance(data[key], list) or not data[key] or not all(isinstance(w, str) for w in data[key]):
            raise PostWordsError(f"{path}:{line_of(data, key)}: `{key}` must be a list of words")
    aliases = data["aliases"]
    if not isinstance(aliases, dict) or not all(isinstance(v, str) for kv in aliases.items() for v in kv):
        raise PostWordsError(f"{path}:{line_of(data, 'aliases')}: `aliases` maps an address word to a post name")

    def alt(words: list[str]) -> str:
        return "|".join(r"\s+".join(map(regex.escape, w.split())) for w in sorted(words, key=len, reverse=True))

    before = regex.compile(rf"^(?:(?:{alt(data['labels'])})\s+)?(?:{alt(data['prefixes'])})\s+")
    return PostWords(before, tuple((k.upper(), v.upper()) for k, v in aliases.items()))


@functools.cache
def post_words() -> PostWords:
    """The shipped posts.yaml, read once per process (report workers too)."""
    return load_post_words(resources.files(__package__).joinpath(POST_WORDS).read_text(encoding="utf-8"),
                           POST_WORDS)


@dataclass(slots=True, frozen=True)
class DocSummary:
    path: str
    year: int | None  # the cable's year (None: its date is unknown)
    date: str | None  # YYYY-MM-DD, or YYYY when only the year is known
    era: str | None  # the era label of the first rule set with eras that knows the date
    post: str | None  # the originating post (PARIS, STATE), None when not found
    level: str | None  # the banner's level (None: no banner was read)
    shape: str


def post_of(doc: Document) -> str | None:
    """The originating post: the banner's `POST 000123`, else the routing
    header's FM line without its AMEMBASSY-like prefix (posts.yaml), else the
    cable id in the file name (05PARIS579.txt). The State Department is 'STATE'."""
    if doc.post is not None and doc.post.value.strip():
        return doc.post.value.strip().upper()
    frm = doc.header.from_ if doc.header is not None else None
    if frm is not None and frm.value.strip():
        words = post_words()
        name = words.before.sub("", frm.value.strip().upper())
        return next((post for start, post in words.aliases if name.startswith(start)), name or None)
    m = _CABLE_ID.search(Path(doc.path).stem.upper())
    return m.group(1) if m else None


def era_of(engine, doc: Document) -> str | None:
    """The era (its label) of the document's date under the first rule set
    that has eras; None when the date is unknown or spans eras."""
    for rs in engine.rulesets:
        if rs.eras:
            era = Context(doc, engine.vocab, rs.lists, rs.eras, engine.as_of).era
            return str(era.get("label", era["name"])) if era else None
    return None


def summarize(engine, doc: Document) -> DocSummary:
    """The report's record of one parsed document (a module-level function,
    so worker processes can be handed it)."""
    d = doc.date
    if d.value is None:
        year, date = None, None
    elif d.source == "filename-year":
        year, date = d.value.year, str(d.value.year)
    else:
        year, date = d.value.year, d.value.isoformat()
    return DocSummary(path=doc.path, year=year, date=date, era=era_of(engine, doc), post=post_of(doc),
                      level=doc.level, shape=doc.shape)
