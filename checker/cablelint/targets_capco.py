"""Targets of IC (CAPCO) and CUI markings: the banner, the bottom banner and
each portion mark alike, their tokens, sub-markings (CAPCO D.1), REL TO lists
and registered codes (`codes.<NAMES>`)."""
from __future__ import annotations

from typing import Callable

from .document import Document, Marking, Token
from .target_codes import codes_of
from .target_items import Item, marking as _marking, portions as _portions


def _banner(d: Document) -> list[Item]:
    return _marking(d.banner, "the banner")


def _banners(d: Document) -> list[Item]:
    return _banner(d) + _marking(d.footer, "the bottom banner")


def _markings(d: Document) -> list[Item]:
    """Every marking: the banner, the bottom banner and each portion mark."""
    return _banners(d) + _portions(d)


def _per_marking(get: Callable[[Marking], list[Token]], which: Callable[[Document], list[Item]] = _markings,
                 with_level: bool = False) -> Callable[[Document], list[Item]]:
    """One Item per marking whose value is a list of its Tokens (for order and repeats)."""
    def items(d: Document) -> list[Item]:
        out = []
        for it in which(d):
            m: Marking = it.value
            toks = ([m.level_token] if with_level and m.level_token else []) + get(m)
            if toks:
                out.append(Item(toks, m.span, m, it.label))
        return out
    return items


def _flat(get: Callable[[Marking], list[Token]], which: Callable[[Document], list[Item]] = _markings,
          raw: bool = False) -> Callable[[Document], list[Item]]:
    """One Item per Token of the chosen markings; `raw`: the value as written (NF, not NOFORN)."""
    def items(d: Document) -> list[Item]:
        return [Item(" ".join(t.raw.upper().split()) if raw else t.value, t.span, t, it.label)
                for it in which(d) for t in get(it.value)]
    return items


def _rel_lists(d: Document) -> list[Item]:
    """Each portion's REL TO country list (a portion written `REL` alone shares the banner's)."""
    return [Item([t.value for t in it.value.rel_to], it.span, it.value, it.label)
            for it in _portions(d) if it.value.rel_to]


def sub_markings(entry: str) -> list[str]:
    """An entry and the sub-markings it names, by the Register's syntax (CAPCO D.1):
    a hyphen joins a marking to its sub-markings, a space lists sub-compartments.
    `SI-ABC-G PXYZ` names SI, SI-ABC, SI-G and SI-G PXYZ; `HCS-P JJJ XYZ` names
    HCS, HCS-P, HCS-P JJJ and HCS-P XYZ. So a banner that writes compartments
    together still carries each portion's own."""
    parts = entry.split("-")
    head = parts[0].strip()
    out = [head]
    for part in parts[1:]:
        words = part.split()
        if not words:
            continue
        sub = f"{head}-{words[0]}"
        out.append(sub)
        out += [f"{sub} {w}" for w in words[1:]]
    return out


def _atoms(which: Callable[[Document], list[Item]]) -> Callable[[Document], list[Item]]:
    """Every entry of the chosen markings with its sub-markings (see `sub_markings`)."""
    def items(d: Document) -> list[Item]:
        return [Item(a, t.span, t, it.label) for it in which(d) for t in it.value.tokens
                for a in sub_markings(" ".join(t.value.upper().split()))]
    return items


CAPCO_TARGETS: dict[str, Callable[[Document], list[Item]]] = {
    "markings": _markings,
    "portions.atoms": _atoms(_portions),
    "banner.atoms": _atoms(_banner),
    "markings.tokens": _per_marking(lambda m: m.tokens, with_level=True),
    "markings.words": _flat(lambda m: ([m.level_token] if m.level_token else []) + m.tokens, raw=True),
    "markings.controls": _flat(lambda m: m.controls),
    "markings.unknown": _flat(lambda m: m.unknown),
    "markings.categories": _per_marking(lambda m: m.categories),
    "banners.tokens": _flat(lambda m: m.tokens, _banners, raw=True),
    "portions.tokens": _flat(lambda m: m.tokens, _portions, raw=True),
    "portions.levels": _flat(lambda m: [m.level_token] if m.level_token else [], _portions, raw=True),
    "rel_to": _per_marking(lambda m: m.rel_to),
    "rel_to.codes": _flat(lambda m: m.rel_to),
    "banner.rel_to": _flat(lambda m: m.rel_to, _banner),
    "portions.rel_to": _rel_lists,
    "banner.categories": _flat(lambda m: m.categories, _banner),
    "portions.categories": _flat(lambda m: m.categories, _portions),
    "categories.specified": lambda d: [it for it in _flat(lambda m: m.categories)(d)
                                       if str(it.value).startswith("SP-")],
}


def code_target(name: str) -> Callable[[Document], list[Item]] | None:
    """`codes.<NAMES>` (each marking's list, for order and repeats), `codes.each.<NAMES>`
    (every code of every marking), `banner.codes.<NAMES>` (the banner's codes),
    `portions.codes.<NAMES>` (each portion's list, portions listing none left out)
    and `portions.codes.each.<NAMES>` (every code of every portion)."""
    for prefix, make in (("codes.each.", lambda g: _flat(g)), ("codes.", lambda g: _per_marking(g)),
                         ("banner.codes.", lambda g: _flat(g, _banner)),
                         ("portions.codes.each.", lambda g: _flat(g, _portions)),
                         ("portions.codes.", lambda g: _per_marking(g, _portions))):
        if name.startswith(prefix) and len(name) > len(prefix):
            return make(codes_of(name[len(prefix):]))
    return None
