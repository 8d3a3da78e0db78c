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


UNMARKED = "Nobody marked this paragraph, so it must be flagged by the linter as an error."


def state_cable(unmarked: str = UNMARKED, faults: str = "all") -> str:
    """A State cable banner CONFIDENTIAL (letter-spaced). `faults` "all": a
    paragraph without a portion mark (`unmarked`, its text, starting "Nobody
    marked"), one marked SECRET above the banner (errors) and a made-up tag,
    XXZZ (CL404, a warning); "tag": the made-up tag only, both paragraphs
    marked (C); "none": neither."""
    para = unmarked if faults == "all" else "(C) " + unmarked.replace("Nobody marked", "Somebody marked", 1)
    level = "(S)" if faults == "all" else "(C)"
    tags = "PREL, FR" if faults == "none" else "PREL, XXZZ, FR"
    return f"""\
C O N F I D E N T I A L STATE 012345

E.O. 12958: DECL: 01/30/2014
TAGS: {tags}
SUBJECT: (C) TALKS WITH THE MINISTER

Classified By: POLITICAL COUNSELOR JANE DOE, FOR REASONS 1.4 B AND D

(C) The minister met the delegation and set out his views on trade.

{para}

{level} This paragraph is classified above the banner of the cable.

C O N F I D E N T I A L
"""
