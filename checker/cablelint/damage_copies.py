"""Detectors of export damage to the header's copy of a cable: header lines
the export dropped, a sentence-cased copy, a header or field written twice
(a cut first copy, a compressed second one), and a TAGS line the export
joined with other text.

Like `damage.py`, each detector is a pure function of the Document and the
rule's YAML parameters, returning a `damage.Damage` (counts and line numbers,
never text) or None; the `integrity` check kind runs them. Each first asks a
question the parsed Document answers at no cost (is SUBJECT there, are the
TAGS upper case, is there a second field label after the first), so a healthy
cable pays a few attribute reads, not a scan of its text.
"""
from __future__ import annotations

from typing import Any, Callable

from .damage import Damage, _line_no, _line_span, _lines_text
from .damage_index import index_of, line_end
from .document import Document, Span
from .checks import compile_param
from .rx import rx

_WORD = rx(r"\w+")

# The YAML parameters of these detectors (added to the integrity kind's PARAMS).
COPY_PARAMS: dict[str, tuple[Any, bool]] = {
    "flat_line": (str, False),
    "min_share": ((float, int), False),
    "line_forms": (dict, False),
    "min_signals": (int, False),
    "cased_line": (str, False),
    "labels": (dict, False),
    "passing": (str, False),
    "min_group": (int, False),
    "min_repeats": (int, False),
}
# The header lines `line_forms` can name, and the fields `labels` can (with their names in messages).
_LINES = ("banner", "eo", "tags_line")
_FIELD_NAMES = {"eo": "E.O. line", "classified_by": "Classified By line", "tags_line": "TAGS line"}
COPY_NEEDS = {"header_dropped": ["flat_line"], "sentence_cased": ["line_forms"],
              "header_copies": ["labels"], "tags_joined": ["passing"]}


def prepare_copies(p: dict[str, Any]) -> dict[str, Any]:
    """Compile the regex parameters once, when the rule set loads."""
    missing = [k for k in COPY_NEEDS.get(p["damage"], []) if k not in p]
    if missing:
        raise ValueError(f"damage {p['damage']!r} needs {', '.join(f'`{k}`' for k in missing)}")
    for key in ("flat_line", "passing", "cased_line"):
        if key in p:
            p["_" + key] = compile_param(p[key], key)
    for key, known in (("line_forms", _LINES), ("labels", _FIELD_NAMES)):
        if key in p:
            unknown = sorted(set(map(str, p[key])) - set(known))
            if unknown:
                raise ValueError(f"`{key}` names no header line {', '.join(unknown)} (use {', '.join(known)})")
            p["_" + key] = {str(k): compile_param(str(v), key) for k, v in p[key].items()}
    return p


def _body_line(doc: Document) -> int:
    """The body's first line, or past the last line when there is no body."""
    return index_of(doc).body_line or doc.source.line_count + 1


# -- header lines dropped ------------------------------------------------------------

def header_dropped(doc: Document, p: dict[str, Any]) -> Damage | None:
    """SUBJECT and Classified By both missing from a copy the export re-flowed
    (the body's paragraphs joined onto long lines: `min_share` of its
    characters on lines of `min_chars` or more) or whose header it flattened
    onto one line (`flat_line`, "Cable dated:"). Such copies lose the header
    lines between TAGS and the body: the telegram carried them, so their
    absence is the export's. A partial extract says so itself (CL902)."""
    if doc.subject is not None or doc.classified_by is not None or doc.partial:
        return None
    if "Derived From" in doc.fields or (doc.eo is None and doc.tags_line is None):
        return None
    src = doc.source
    body = _body_line(doc)
    flat = next((n for n in range(1, min(body, src.line_count + 1))
                 if p["_flat_line"].search(src.line_text(n))), None)
    if flat is not None:
        form, at = f"a header flattened onto line {flat}", flat
    else:
        share = _long_share(doc.source.lines()[body - 1:], p.get("min_chars", 200))
        if share < p.get("min_share", 0.5):
            return None
        form = f"a re-flowed copy ({round(share * 100)}% of the body on lines of {p.get('min_chars', 200)}+ characters)"
        at = _line_no(doc, doc.banner.span.start) if doc.banner else _line_no(doc, (doc.eo or doc.tags_line).span.start)
    return Damage(_line_span(doc, at), f"SUBJECT and Classified By are both missing from {form}")


def _long_share(lines: list[str], min_chars: int) -> float:
    total = sum(len(t) for t in lines)
    return sum(len(t) for t in lines if len(t) >= min_chars) / total if total else 0.0


# -- a sentence-cased copy -------------------------------------------------------------

def sentence_cased(doc: Document, p: dict[str, Any]) -> Damage | None:
    """The header lines the parser read are in sentence case ("S e c r e t",
    "E.o. 12958: decl:", "Tags: prel, pgov"): each `line_forms` pattern says
    how one of them (banner, eo, tags_line) looks in such a copy, and at
    least `min_signals` match. Every real header writes them in capitals, so
    the export changed the case (the body often keeps its own). The message
    names every header line in that form (`cased_line`), not only the
    signals: the export changed them all (passing lines, SUBJECT, REF)."""
    if doc.tags_line is not None and not any(t.raw[:1].islower() for t in doc.tags[:1]):
        return None  # most cables: an upper-case first TAG settles it
    src = doc.source
    hits = []
    for name, rx in p["_line_forms"].items():
        part = getattr(doc, name)
        span = part.span if part is not None else None
        if span is not None and rx.search(src.line_text(_line_no(doc, span.start))):
            hits.append(_line_no(doc, span.start))
    if len(hits) < p.get("min_signals", 2):
        return None
    lines = sorted(set(hits) | set(_cased_lines(doc, p, min(hits))))
    return Damage(_line_span(doc, lines[0]), f"{len(lines)} lines of the header are written in sentence case "
                  f"({_runs_text(lines)})")


def _cased_lines(doc: Document, p: dict[str, Any], first_hit: int) -> list[int]:
    """The lines from the banner (or the first signal) up to the Classified
    By line or the body that are in sentence case (`cased_line`). The
    Classified By statement is left out: drafters wrote it in mixed case, so
    its small letters prove no export's change."""
    cased = p.get("_cased_line")
    if cased is None:
        return []
    start = min(first_hit, _line_no(doc, doc.banner.span.start)) if doc.banner is not None else first_hit
    end = _body_line(doc)
    if not doc.paragraphs:  # no body read: up to the last header field read, not into the prose
        fields = [doc.subject, doc.tags_line, doc.eo, *doc.refs]
        end = max([first_hit] + [_line_no(doc, f.span.end - 1) for f in fields if f is not None]) + 1
    if doc.classified_by is not None and start < _line_no(doc, doc.classified_by.span.start) < end:
        end = _line_no(doc, doc.classified_by.span.start)
    return [n for n in range(start, min(end, doc.source.line_count + 1)) if cased.search(doc.source.line_text(n))]


def _runs_text(lines: list[int]) -> str:
    """Sorted line numbers as runs: "lines 6, 9, 10, 12-14" (every line named, the runs kept short)."""
    runs: list[list[int]] = []
    for n in lines:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    shown = ", ".join(str(a) if a == b else f"{a}, {b}" if b == a + 1 else f"{a}-{b}" for a, b in runs)
    return f"line{'s' if len(lines) > 1 else ''} {shown}"


# -- a header written twice ------------------------------------------------------------

def header_copies(doc: Document, p: dict[str, Any]) -> Damage | None:
    """A header field written twice before the body, the two copies unlike:
    a cut first copy and then the whole one on a line of its own
    ("CLASSIFIED BY: ... Department / of State." and the same with its
    reasons), or a second copy of the header run onto one line after a
    complete first one. The export spliced two copies; what is missing from
    the copy the parser read is not the drafter's omission. `labels` maps
    each field (eo, classified_by) to its label pattern. A first copy that
    ends in an elision mark (`cut_line`) is a header the export cut (CL909)."""
    src = doc.source
    last = min(_body_line(doc), p.get("max_line", 80), src.line_count)
    stop = line_end(doc, last)
    for name, rx in p["_labels"].items():
        first = _field_span(doc, name)
        start = line_end(doc, _line_no(doc, first.end)) if first is not None else stop
        m = rx.search(doc.text, start, stop) if start < stop else None
        if m is None or _cut_between(doc, p, first.start, m.start()):
            continue
        how = _copy_kind(doc, first, m.start())
        if how:
            again = _line_no(doc, m.start())
            return Damage(_line_span(doc, again), f"the {_FIELD_NAMES.get(name, name)} is written twice (line "
                          f"{_line_no(doc, first.start)} and line {again}): {how}")
    return None


def _cut_between(doc: Document, p: dict[str, Any], start: int, end: int) -> bool:
    rx = p.get("_cut_line")
    lines = range(_line_no(doc, start), _line_no(doc, end))
    return rx is not None and any(rx.search(doc.source.line_text(n)) for n in lines)


def _copy_kind(doc: Document, first: Span, at: int) -> str | None:
    """How the second copy (its label at `at`) relates to the first: a cut
    first copy when the second starts its line and goes on where the first
    stopped; a run-on copy of the header when other header text leads up to
    it on its line and it repeats the first field."""
    src = doc.source
    line_start, line_end = src.line_span(_line_no(doc, at))
    one = _words(doc.text[first.start:src.line_span(_line_no(doc, first.end))[1]])
    two = _words(doc.text[at:line_end])
    if two[:len(one)] != one:
        return None
    if not doc.text[line_start:at].strip():
        return "a cut copy, then the whole field" if len(two) > len(one) else None
    return "the second in a copy of the header run onto one line"


def _field_span(doc: Document, name: str) -> Span | None:
    field = getattr(doc, name, None) if name in _FIELD_NAMES else None
    return field.span if field is not None else None


def _words(text: str) -> list[str]:
    """The words of a field, numbers compared by their last two digits: a copy
    is the same field whatever form its date is written in (`6/18/2019`,
    `06/18/19`), so fixing one copy's date form (CL219) keeps the diagnosis."""
    return [str(int(w) % 100) if w.isdigit() else w for w in _WORD.findall(text.upper())]


# -- a TAGS line joined with other text -------------------------------------------------

def tags_joined(doc: Document, p: dict[str, Any]) -> Damage | None:
    """The TAGS line holds text that is no TAG list: a group of `min_group`
    TAGs or more repeated `min_repeats` times in a row (a machine join of
    archive records), or the words of a passing line (`passing`: "DEPT FOR",
    its slashes lost). A drafter lists each TAG once; the TAG findings of that
    line restate the join (the region is the line)."""
    if doc.tags_line is None:
        return None
    src = doc.source
    n = _line_no(doc, doc.tags_line.span.start)
    size, times = p.get("min_group", 2), p.get("min_repeats", 3)
    group = _repeated_group([t.value for t in doc.tags], size, times) if len(doc.tags) >= size * times else None
    if group:
        what = f"a group of {group[0]} TAGs repeated {group[1]} times"
    elif p["_passing"].search(doc.text, doc.tags_line.span.start, doc.tags_line.span.end):
        what = "the words of a passing line"
    else:
        return None
    start, end = src.line_span(n)
    return Damage(_line_span(doc, n), f"the TAGS line ({n}) holds {what}", Span(start, end))


def _repeated_group(values: list[str], min_group: int, min_repeats: int) -> tuple[int, int] | None:
    """(size, times) of the first run of `size` values repeated `times` in a row."""
    if len(values) < min_group * min_repeats:
        return None
    for size in range(min_group, len(values) // min_repeats + 1):
        for i in range(len(values) - size * min_repeats + 1):
            times = 1
            while values[i + times * size:i + (times + 1) * size] == values[i:i + size]:
                times += 1
            if times >= min_repeats:
                return size, times
    return None


COPY_DETECTORS: dict[str, Callable[[Document, dict[str, Any]], Damage | None]] = {
    "header_dropped": header_dropped,
    "sentence_cased": sentence_cased,
    "header_copies": header_copies,
    "tags_joined": tags_joined,
}
