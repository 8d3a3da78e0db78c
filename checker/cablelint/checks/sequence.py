"""sequence: numbering that must run 1, 2, 3... without gaps or repeats.

By default each item is a number (or has a `number`, as paragraphs do).
With `totals: true` each item is an `n OF m` mark (`SECTION nn OF mm` banners
and `nnn OF mmm` page lines): every number within its total, one total for
the whole document, and the marks of kind `banner` in order without gaps
(page lines repeat on every page); `require_all: true` instead reports the
numbers up to the total that never appear.

Plain numbering re-synchronises after a break (see `_breaks`), so one cause
is one finding; `group: document` keeps only the first break and lists the
later ones as its related locations.

Plain numbering can read the text between two items (paragraphs carry
their number's position), each by a parameter because the forms are the
rule set's words, not Python's:
- `glued`: a regex with a group `n`, a number written inside the text rather
  than at a line start (glued after a sentence or a heading by the export, or
  written "18," or "4 (C)"): when the missing numbers stand there in order, the
  gap is the parser's, not the drafter's, and the numbering re-synchronises;
- `reference_before`: a regex for the words that take a number ("paragraph",
  a month): a number right after one is a reference, not a paragraph. It
  rejects a glued candidate, and an item that breaks the numbering when the
  item after it goes on as expected (a wrapped "in paragraph / 5." is skipped);
- `withheld_gaps: true`: a line holding only a placeholder (the vocabulary's
  `placeholder_patterns`) between the two numbers, or as the previous
  paragraph's whole text, or a placeholder that ends the previous paragraph
  after a finished sentence (at most a heading's dashes between: a re-flowed
  copy runs it onto that paragraph's line), is withheld text: it accounts
  for the gap. A placeholder inside a sentence (a withheld name) does not.

Two parameters say when plain numbering is the cable's own scheme and not
one sequence: `max_restarts` (numbering that goes back to a lower number
more often, a form numbered part by part) and `keyed_above` (a first
number further past `start`, answers keyed to another document's
paragraphs); such numbering is not compared.

A gap whose missing numbers all turn up later, before the numbering goes
back below them (1, 2, 3, 4, 6, 5, 7: a drafter moved an item after
numbering), is an order, not a loss: with `out_of_order` (the words, naming
`{before}`, the missing numbers, and `{line}`, where the number due stands)
it is reported once, at the number that came early, and the missing numbers
are taken silently when they come. A restart (1, 2, 4, 5, then a nested
1, 2, 3) ends the search: its 3 is another list's.

Fix function (`autofix: {function: renumber}`, plain numbering only): at a
gap, the numbers from the flagged item on rewritten as the expected number,
+1, +2... by position, so one fix closes it. Never safe: the gap may be a
lost paragraph rather than a wrong number.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

from ..damage_withheld import withheld_at
from . import Context, Hit, compile_param

KIND = "sequence"
PARAMS = {"target": (str, True), "start": (int, False), "totals": (bool, False), "require_all": (bool, False),
          "glued": (str, False), "reference_before": (str, False), "withheld_gaps": (bool, False),
          "max_restarts": (int, False), "keyed_above": (int, False), "out_of_order": (str, False)}
_BETWEEN = ("glued", "reference_before", "withheld_gaps")
_PLAIN = _BETWEEN + ("max_restarts", "keyed_above", "out_of_order")


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    if p.get("require_all") and not p.get("totals"):
        raise ValueError("`require_all` needs `totals: true` (it compares the numbers with their total)")
    if p.get("totals") and "start" in p:
        raise ValueError("`start` is for plain numbering; `n OF m` marks start at 1")
    if p.get("totals") and any(k in p for k in _PLAIN):
        raise ValueError("`glued`, `reference_before`, `withheld_gaps`, `max_restarts`, `keyed_above` and "
                         "`out_of_order` are for plain numbering")
    if "out_of_order" in p:  # a wrong placeholder fails here, with the rule's file and line, not in every run
        try:
            p["out_of_order"].format(before="5", line=1)
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(f"`out_of_order` '{p['out_of_order']}' may name only {{before}} and {{line}} "
                             f"({type(exc).__name__}: {exc})") from None
    if "glued" in p:
        p["_glued"] = compile_param(p["glued"], "glued")
        if "n" not in p["_glued"].groupindex:
            raise ValueError("`glued` needs a group named n, the number: (?P<n>\\d{1,3})")
    if "reference_before" in p:
        p["_reference"] = compile_param(f"(?:{p['reference_before']})\\Z", "reference_before")
    return p


class _Between:
    """The document text the `glued`, `reference_before` and `withheld_gaps`
    parameters read between two numbered items."""

    __slots__ = ("text", "glued", "reference", "placeholder", "first_lo")

    def __init__(self, text: str, glued: Any = None, reference: Any = None, placeholder: Any = None,
                 first_lo: int = 0) -> None:
        self.text, self.glued, self.reference, self.placeholder = text, glued, reference, placeholder
        self.first_lo = first_lo  # where glued numbers before the first item may stand

    def glued_upto(self, lo: int, hi: int, expected: int, found: int) -> int:
        """The number expected once the numbers glued into text[lo:hi], in
        order from `expected`, are counted (unchanged when there are none)."""
        if self.glued is None:
            return expected
        for m in self.glued.finditer(self.text, lo, hi):
            if int(m.group("n")) == expected and not self.is_reference(m.start()):
                expected += 1
                if expected == found:
                    break
        return expected

    def is_reference(self, at: int) -> bool:
        """The number at `at` follows a word that takes a number (whitespace,
        a pilcrow and line breaks between them do not count)."""
        if self.reference is None:
            return False
        before = self.text[max(0, at - 80):at].rstrip(" \t\r\n¶")
        return self.reference.search(before) is not None

    def withheld(self, lo: int, hi: int) -> bool:
        """A placeholder in text[lo:hi] alone on its line, or ending the text
        after a finished sentence (`damage_withheld.withheld_at`, as CL912 reads
        it): withheld text stands where the numbers are missing."""
        return self.placeholder is not None and withheld_at(self.text, lo, hi, self.placeholder) is not None


def _between(p: dict[str, Any], ctx: Context) -> _Between | None:
    if not any(k in p for k in _BETWEEN):
        return None
    d = ctx.doc
    first_lo = d.classified_by.span.start if d.classified_by else d.body_start
    return _Between(d.text, p.get("_glued"), p.get("_reference"),
                    ctx.vocab.placeholder_re if p.get("withheld_gaps") else None, min(first_lo, d.body_start))


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    items = ctx.items(p["target"])
    if p.get("totals"):
        items = [it for it in items if getattr(it.value, "total", None) is not None]
        yield from (_missing_sections(items) if p.get("require_all") else _sections(items))
        return
    start = p.get("start", 1)
    numbers = [n for n in map(_number, items) if n is not None]
    if numbers == list(range(start, start + len(numbers))):
        return  # 1, 2, 3... as due (nearly every cable): no break to find, nor a scheme of its own
    if _own_scheme(items, p):
        return
    yield from _breaks(items, start, _between(p, ctx), _moved_words(p, ctx))


def _moved_words(p: dict[str, Any], ctx: Context) -> Callable[[int, int, Any], str] | None:
    """The rule's `out_of_order` words for numbers lo..hi that come late, lo
    at `span` (None: the rule reads every gap as a skip)."""
    words = p.get("out_of_order")
    if words is None:
        return None
    return lambda lo, hi, span: words.format(before=_listed(lo, hi), line=ctx.doc.source.line_col(span.start)[0])


def _own_scheme(items: list, p: dict[str, Any]) -> bool:
    """Numbering that is not one sequence from `start`: it goes back more than
    `max_restarts` times (a form answered part by part, each part numbered
    from 1), or its first number lies more than `keyed_above` past `start`
    (answers numbered after a tasker's paragraphs, "25. (SBU) THE COUNTRY'S
    TIP SITUATION"; no drafter skips 24 paragraphs by a slip, and text lost
    before it is the CL9xx detectors' to name)."""
    numbers = [n for n in map(_number, items) if n is not None]
    if not numbers:
        return False
    # Keyed numbering is not checked for gaps from its first number either: the
    # answers follow the tasker's paragraphs and skip those that ask nothing
    # (10SANAA295: 25-30, then 33 under a new heading, the tasker's own 33).
    # Checking from numbers[0] (the s5 review's 6, 7, 9 case) added exactly
    # that one finding on the real corpus, a false alarm; a gap in keyed
    # answers cannot be told from an answer left out on purpose.
    if "keyed_above" in p and numbers[0] > p.get("start", 1) + p["keyed_above"]:
        return True
    # A number repeated (1, 2, 2, 3, 3) is a slip to report, not a restart.
    return "max_restarts" in p and sum(b < a for a, b in zip(numbers, numbers[1:])) > p["max_restarts"]


def _number(it: Any) -> int | None:
    return getattr(it.value, "number", it.value)


def _end(it: Any) -> int:
    """The last number an item stands for: a paragraph numbered as a range
    (`4-14. (U)`, Paragraph.number_last) stands for all of them, so the
    numbering goes on after its last; any other item, its number."""
    last = getattr(it.value, "number_last", None)
    return last if last is not None else _number(it)


def _span(it: Any) -> Any:
    """Where an item's number stands (a paragraph's number token, else the item)."""
    return it.value.number_token.span if getattr(it.value, "number_token", None) else it.span


def _breaks(items: list, start: int, between: _Between | None = None,
            moved: Callable[[int, int, Any], str] | None = None) -> Iterable[Hit]:
    """One Hit per break in the numbering, re-synchronised after each: the
    numbers go on from the one found (a gap is reported once, not at every
    later number), and a run that restarts (a nested list, a repeated copy)
    ends silently when the numbering it interrupted resumes, and a lower
    number where the next was due (1, 2, 2, 4; 11, 2, 13) is one slip when
    the numbering goes on past it. With `between`,
    the text between two items can explain a break (see the module doc);
    with `moved`, a gap whose numbers come later is one break, an order (the
    numbers `late` then pass silently)."""
    expected, outer, stood_for = start, None, None
    seen: set[int] = set()
    late: set[int] = set()  # numbers reported as coming late, not yet read
    last: int | None = None  # the number read before (None: none yet)
    numbered = [it for it in items if _number(it) is not None]
    prev: Any = None  # the span of the last number read as a paragraph's
    for i, it in enumerate(numbered):
        num = _number(it)
        span = _span(it)
        if num in late:
            late.discard(num)
            seen.add(num)
            prev, last = span, num
            continue
        if between is not None and num not in (expected, outer, stood_for):
            if _is_reference(between, numbered, i, span, expected):
                continue
            expected = _explained(between, prev, span, expected, num)
        prev = span
        if num in (expected, outer, stood_for):
            outer = outer if num == expected else None  # a nested run goes on, or the outer numbering resumes
            expected, stood_for, last = _end(it) + 1, None, num
            seen.add(num)
            continue
        # 1, 2, 2, 4 or 11, 2, 13: a lower number stood for the expected one should the next follow it
        # (one slip, one break)
        stood_for = expected + 1 if num < expected else None
        values = {"found": num, "expected": expected, "problem": _problem(num, expected, seen, last, start)}
        comes = _comes_later(numbered, i, expected, num, between, late) if moved and num > expected else None
        if comes is not None:
            late.update(range(expected, num))
            values["problem"] = moved(expected, num - 1, comes)
        if num > expected:
            values["_renumber"] = _renumber_from(numbered, i, expected)
        yield Hit(span, values)
        if num < expected and outer is None:
            outer = expected  # the interrupted numbering, should it resume
        seen.add(num)
        expected, last = _end(it) + 1, num


def _comes_later(numbered: list, i: int, expected: int, num: int, between: _Between | None,
                 late: set[int]) -> Any:
    """Where `expected` stands when all the numbers expected..num-1, skipped
    at item i, come after it before the numbering goes back below `expected`
    (a restart: a nested list, a repeated copy; not a number already `late`);
    else None. A number written as a reference ("in paragraph" / "5.") is not one."""
    missing, first = set(range(expected, num)), None
    for it in numbered[i + 1:]:
        n = _number(it)
        span = _span(it)
        if n in missing and not (between is not None and between.is_reference(span.start)):
            missing.discard(n)
            first = span if n == expected else first
            if not missing:
                return first
        elif n < expected and n not in late:
            return None
    return None


def _problem(num: int, expected: int, seen: set[int], last: int | None, start: int) -> str:
    """What is wrong with number `num` where `expected` was due, said plainly:
    what it follows (the number read before, or one glued into the text
    between) and what was skipped or expected ("follows 9: number 10 is
    skipped", "is used again after 6: 7 was expected"). Only a number with
    none read before it comes first; after a 0 mid-sequence it follows 0. A
    gap whose numbers were used earlier (1, 2, 0, 5) is not said skipped."""
    where = "comes first" if last is None and expected == start else f"follows {expected - 1}"
    if num > expected and seen.isdisjoint(range(expected, num)):
        return f"{where}: {_skipped(expected, num - 1)}"
    if num == last:
        return f"has the same number as the one before it: {expected} was expected"
    if num in seen:
        return f"is used again after {expected - 1}: {expected} was expected"
    return f"{where}: {expected} was expected"


def _listed(lo: int, hi: int) -> str:
    """The numbers lo..hi as a reader says them: "5", "5 and 6", "5 to 8"."""
    return str(lo) if lo == hi else f"{lo} {'and' if hi == lo + 1 else 'to'} {hi}"


def _skipped(lo: int, hi: int) -> str:
    """The numbers lo..hi that are missing, said as a reader would: "number 3
    is skipped", "numbers 3 and 4 are skipped", "numbers 3 to 6 are skipped"."""
    return f"number {lo} is skipped" if lo == hi else f"numbers {_listed(lo, hi)} are skipped"


def _is_reference(between: _Between, numbered: list, i: int, span: Any, expected: int) -> bool:
    """An item that breaks the numbering, written right after a word that takes a
    number, while the next item goes on as expected (or none follows): the end of a
    wrapped sentence ("in paragraph" / "5."), not a paragraph."""
    nxt = _number(numbered[i + 1]) if i + 1 < len(numbered) else expected
    return nxt == expected and between.is_reference(span.start)


def _explained(between: _Between, prev: Any, span: Any, expected: int, num: int) -> int:
    """The number expected at this item once the text since the previous one is
    read: the numbers glued into it, or `num` itself when a withheld passage
    stands where the missing numbers would be."""
    if num <= expected:
        return expected
    lo = prev.end if prev is not None else between.first_lo
    expected = between.glued_upto(min(lo, span.start), span.start, expected, num)
    if expected < num and between.withheld(prev.start if prev is not None else 0, span.start):
        return num
    return expected


def _renumber_from(numbered: list, i: int, first: int) -> list | None:
    """Edits numbering items i.. as first, first+1...: each number token's
    text replaced (None when the items carry no number token, or one is a
    range, `4-14.`, whose renumbering is the drafter's to decide)."""
    out = []
    for j, it in enumerate(numbered[i:]):
        token = getattr(it.value, "number_token", None)
        if token is None or getattr(it.value, "number_last", None) is not None:
            return None
        if it.value.number != first + j:
            out.append(((token.span.start, token.span.end), str(first + j)))
    return out


FIXES = {"renumber": lambda hit, ctx: hit.values.get("_renumber")}


def _missing_sections(items: list) -> Iterable[Hit]:
    """`require_all`: every section up to the declared total appears (banner or page mark)."""
    if not items:
        return
    total = max(it.value.total for it in items)
    seen = {it.value.number for it in items}
    missing = [n for n in range(1, total + 1) if n not in seen]
    if missing and all(n <= total for n in seen):
        yield Hit(items[0].span, {"total": total, "found": len(seen),
                                  "missing": ", ".join(f"{n:02d}" for n in missing)})


def _sections(items: list) -> Iterable[Hit]:
    totals: dict[int, int] = {}
    for it in items:
        s = it.value
        totals[s.total] = totals.get(s.total, 0) + 1
    main_total = max(totals, key=lambda t: (totals[t], t)) if totals else None
    last_banner = 0
    for it in items:
        s = it.value
        v = {"found": s.number, "total": s.total, "expected": last_banner + 1}
        if s.number < 1 or s.total < 1 or s.number > s.total:
            yield Hit(it.span, {**v, "problem": f"section {s.number} of {s.total} is out of range"})
            continue
        if s.total != main_total:
            yield Hit(it.span, {**v, "problem": f"total {s.total} disagrees with {main_total} elsewhere"})
            continue
        if getattr(s, "kind", "banner") == "banner":
            if s.number != last_banner + 1 and s.number != last_banner:
                yield Hit(it.span, {**v, "problem": f"section {s.number} follows section {last_banner}"})
            last_banner = max(last_banner, s.number)
