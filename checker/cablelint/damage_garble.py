"""A detector of a file garbled throughout in transmission: letters replaced
by symbols or by Q inside words ("Pr%sidejT", "SUMEARYQ A s5cce3sfU") all
through the text. Its header fields then read as unknown or missing (TAGS
"PGGV", a caption "SEFSITIVE"), which restates the damage.

Like the other detectors, a pure function of the Document and the rule's
YAML parameters (`garble`: what one replaced character looks like; `min_hits`:
how many make a file garbled throughout, not a stray slip), returning a
`Damage` with counts and line numbers, never the cable's text.
"""
from __future__ import annotations

from typing import Any

from .damage_index import Damage, line_no, line_span
from .document import Document


def garbled(doc: Document, p: dict[str, Any]) -> Damage | None:
    """At least `min_hits` matches of `garble` in the file. Each match holds
    one of `garble_chars` (the rule says so), so a file with fewer of them
    cannot have enough: counting them costs a fifth of the scan, which almost
    every cable then skips."""
    rx, need = p["_garble"], p.get("min_hits", 10)
    chars = p.get("garble_chars")
    if chars and sum(doc.text.count(c) for c in chars) < need:
        return None
    found = []
    for m in rx.finditer(doc.text):
        found.append(m.start())
        if len(found) >= need:
            first = line_no(doc, found[0])
            return Damage(line_span(doc, first), f"{need} or more characters replaced inside lower-case "
                          f"words, the first on line {first}")  # a garble in capitals is not counted: no "from"
    return None
