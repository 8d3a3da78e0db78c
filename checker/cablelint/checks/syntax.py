"""syntax: the grammar of a marking written with category separators, such as
`SECRET//NOFORN//EXDIS`, `(S//NF)` or `CUI//SP-CTI//NOFORN`.

The marking's text is split at the runs of `/` the parser recorded
(`Marking.separators`): `//` separates categories, a single `/` joins the
entries of one category. `blocks` lists the categories
in the order they must appear, each with a `name` and the entries it takes:
`values` (literals, or `list:NAME`), `parsed` (the entries the parser filed
under that list of the marking: `categories` for CUI category markings,
which no closed list holds) and/or `pattern` (a regex the whole entry must
match, upper case, single spaces). An entry belongs to the first block whose
`values` hold it, else the first whose `parsed` list has it, else the first
whose `pattern` matches.

`report` picks what the rule reports (default: all three):

- `separators`: spaces around a separator, three or more slashes, an empty
  category (placeholder slashes), a single `/` between two categories, a
  `//` inside one category;
- `order`: a category written after one that must follow it;
- `unknown`: an entry that no block takes;
- `entry_order` (not in the default): within one category, an entry written
  before one that comes earlier in its block's `values` list (the Register
  lists several entries of a category in its own order: ORCON/NOFORN). Each
  `values` list then holds the entries in that order.

Each problem is reported at the separator or entry at fault.
"""
from __future__ import annotations

from typing import Any, Iterable

import regex

from ..document import Span, Token
from ..rx import user_pattern
from ..vocabulary import marking_separators
from . import Context, Hit, norm

KIND = "syntax"
PARAMS = {"target": (str, True), "blocks": (list, True), "report": (list, False)}
PROBLEMS = ("separators", "order", "unknown", "entry_order")
DEFAULT_REPORT = ("separators", "order", "unknown")

Block = tuple[str, Any, Any, str]  # (name, values or "list:NAME", compiled pattern or None, parsed list)
PARSED = ("categories", "continued", "controls", "rel_to", "unknown")


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    out = dict(p)
    bad = sorted(set(p.get("report", PROBLEMS)) - set(PROBLEMS))
    if bad:
        raise ValueError(f"`report` takes {', '.join(PROBLEMS)}, not {bad[0]!r}")
    blocks: list[Block] = []
    for b in p["blocks"]:
        if not isinstance(b, dict) or "name" not in b or not ({"values", "pattern", "parsed"} & set(b)):
            raise ValueError("each of `blocks` needs a `name` and `values`, `parsed` and/or `pattern`")
        if b.get("parsed", "categories") not in PARSED:
            raise ValueError(f"block {b['name']}: `parsed` takes {', '.join(PARSED)}")
        vals = b.get("values", [])
        if not isinstance(vals, (list, str)):
            raise ValueError(f"block {b['name']}: `values` must be a list or list:NAME")
        try:
            pat = user_pattern(str(b["pattern"])) if "pattern" in b else None
        except regex.error as exc:
            raise ValueError(f"block {b['name']}: bad regex in `pattern`: {exc}") from None
        blocks.append((str(b["name"]), vals, pat, str(b.get("parsed", ""))))
    out["_blocks"] = blocks
    out["_report"] = set(p.get("report", DEFAULT_REPORT))
    return out


def block_values(p: dict[str, Any], ctx: Context) -> list[set[str]]:
    """Each block's literal entries, normalised (built once per rule set's lists)."""
    cache = p.setdefault("_values_cache", {})
    key = id(ctx.lists)
    if key not in cache:
        sets = []
        for _, vals, _, _ in p["_blocks"]:
            got = ctx.value(vals) if isinstance(vals, str) else vals
            sets.append({norm(v) for v in got})
        cache[key] = sets
    return cache[key]


def _ranks(p: dict[str, Any], ctx: Context) -> list[dict[str, int]]:
    """Each block's literal entries with their place in its list (for `entry_order`)."""
    cache = p.setdefault("_ranks_cache", {})
    key = id(ctx.lists)
    if key not in cache:
        cache[key] = [{norm(v): i for i, v in enumerate(ctx.value(vals) if isinstance(vals, str) else vals)}
                      for _, vals, _, _ in p["_blocks"]]
    return cache[key]


def _rank(ranks: dict[str, int], entry: str) -> int | None:
    """An entry's place in its block's list: the entry itself, else its leading
    words (REL TO USA, GBR -> REL), else its part before a hyphen (SI-G -> SI)."""
    words = norm(entry).split()
    for n in range(len(words), 0, -1):
        got = ranks.get(" ".join(words[:n]))
        if got is not None:
            return got
    return ranks.get(norm(entry).split("-")[0]) if "-" in entry else None


def _entry_order(entries: list, classes: list, ranks: list[dict[str, int]], base: int,
                 where: str) -> Iterable[Hit]:
    """Entries of one category out of their list's order: ORCON/NOFORN, not NOFORN/ORCON."""
    prev: tuple[int, int, str] | None = None  # (block, rank, entry) of the last ranked entry
    for (s0, _, e), c in zip(entries, classes):
        r = _rank(ranks[c], e) if c is not None else None
        if r is None:
            continue
        if prev is not None and prev[0] == c and r < prev[1]:
            lead = len(e) - len(e.lstrip())
            yield Hit(Span(base + s0 + lead, base + s0 + lead + len(e.strip())), {
                "value": e.strip(), "where": where,
                "problem": f"{e.strip()} must come before {prev[2]} (the Register's order within a category)"})
            continue
        prev = (c, r, e.strip())


def classify(entry: str, at: int, marking: Any, p: dict[str, Any], values: list[set[str]]) -> int | None:
    """The block an entry (starting at offset `at`) belongs to, or None."""
    e = norm(entry)
    for i, vs in enumerate(values):
        if e in vs:
            return i
    for i, (_, _, _, parsed) in enumerate(p["_blocks"]):
        if parsed and any(t.span.start == at for t in getattr(marking, parsed, None) or ()):
            return i
    for i, (_, _, pat, _) in enumerate(p["_blocks"]):
        if pat is not None and pat.fullmatch(e):
            return i
    return None


Entry = tuple[int, int, str]  # (start, end, text) relative to the marking's text


def _entries(raw: str, seps: list[Token], base: int) -> list[Entry]:
    """The entries between the separators, each with its offsets in `raw`."""
    entries, at = [], 0
    for sep in seps + [None]:
        end = sep.span.start - base if sep else len(raw)
        entries.append((at, end, raw[at:end]))
        at = sep.span.end - base if sep else at
    return entries


def _separator_hits(seps: list[Token], entries: list[Entry], classes: list[int | None],
                    names: list[str], where: str) -> Iterable[Hit]:
    """Spaces around a separator, three or more slashes, an empty category,
    `/` between categories and `//` inside one."""
    for k, sep in enumerate(seps):
        s = sep.raw
        slashes = s.strip()
        span = sep.span
        kind = "//" if len(slashes) >= 2 else "/"
        if s != slashes:
            yield Hit(span, {"value": s, "where": where,
                             "problem": f"spaces around `{slashes}` (write it with no spaces)"})
        if len(slashes) > 2:
            yield Hit(span, {"value": s, "where": where,
                             "problem": f"`{slashes}` is not a separator (use `//` between categories)"})
        left, right = entries[k], entries[k + 1]
        if not left[2].strip() or not right[2].strip():
            yield Hit(span, {"value": s, "where": where,
                             "problem": f"`{slashes}` with no marking on one side (an empty category)"})
            continue
        a, b = classes[k], classes[k + 1]
        if a is None or b is None:
            continue
        if kind == "/" and a != b:
            yield Hit(span, {"value": s, "where": where,
                             "problem": f"a single `/` between {names[a]} and {names[b]} "
                                        "(categories are separated by `//`)"})
        elif kind == "//" and a == b:
            yield Hit(span, {"value": s, "where": where,
                             "problem": f"`//` between two {names[a]} entries "
                                        "(entries of one category are joined by `/`)"})


def _order_hits(entries: list[Entry], classes: list[int | None], names: list[str], base: int,
                where: str) -> Iterable[Hit]:
    """A category written after one that must follow it."""
    last = None
    for (s0, e0, e), c in zip(entries, classes):
        if c is None:
            continue
        if last is not None and c < last:
            yield Hit(Span(base + s0, base + e0), {
                "value": e.strip(), "where": where,
                "problem": f"{e.strip()} ({names[c]}) must come before the {names[last]} category"})
            continue
        last = c


def _unknown_hits(entries: list[Entry], classes: list[int | None], base: int, where: str) -> Iterable[Hit]:
    """An entry that no block takes."""
    for (s0, e0, e), c in zip(entries, classes):
        if c is None and e.strip():
            lead = len(e) - len(e.lstrip())
            yield Hit(Span(base + s0 + lead, base + s0 + lead + len(e.strip())), {
                "value": e.strip(), "where": where,
                "problem": f"`{e.strip()}` is not a registered marking"})


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    values = block_values(p, ctx)
    names = [b[0] for b in p["_blocks"]]
    want = p["_report"]
    text = ctx.doc.text
    for it in ctx.items(p["target"]):
        base, raw = it.span.start, text[it.span.start:it.span.end]
        seps: list[Token] = getattr(it.value, "separators", None)
        if seps is None or it.span != getattr(it.value, "span", None):  # not a marking: split it here
            seps = marking_separators(raw, base)
        entries = _entries(raw, seps, base)
        classes = [classify(e, base + s0 + len(e) - len(e.lstrip()), it.value, p, values) if e.strip() else None
                   for s0, _, e in entries]
        if "separators" in want:
            yield from _separator_hits(seps, entries, classes, names, it.label)
        if "order" in want:
            yield from _order_hits(entries, classes, names, base, it.label)
        if "entry_order" in want:
            yield from _entry_order(entries, classes, _ranks(p, ctx), base, it.label)
        if "unknown" in want:
            yield from _unknown_hits(entries, classes, base, it.label)
