"""Short cables written for the tests (real cables never enter the
repository: tests that read them take ../shared). Each is faulty on
purpose, in the ways its docstring says, so a run always has findings."""
from __future__ import annotations


def short_cable(serial: int, mark: str, *more: str) -> str:
    """A Paris cable of two paragraphs: the first unmarked when `mark` is ""
    (CL502) or marked `mark`, the second numbered 3 (a gap); each of `more`
    a paragraph after them, after a blank line. One `serial` for many files
    keeps them to a few distinct lines (the parser's memos of line texts then
    grow no further)."""
    text = f"""C O N F I D E N T I A L PARIS {serial:06d}
E.O. 12958: DECL: 01/30/2014
TAGS: PREL FR
SUBJECT: A SHORT CABLE
Classified By: DCM Jane Roe, reasons 1.4 (b) and (d)

1. {mark} Poloff met the minister on Monday.
3. (U) A gap in the numbering.
"""
    return text + "".join(f"\n{p}\n" for p in more)

