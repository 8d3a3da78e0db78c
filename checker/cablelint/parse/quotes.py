"""Quoted material inside a paragraph (issue 9 item 5): the numbered
paragraphs of a letter or text a cable quotes are the quoted document's, not
the cable's own portions or paragraph numbering.

A quotation opens with "BEGIN TEXT" / "BEGIN QUOTE" on the line that
introduces it and closes at "END TEXT" / "END QUOTE"; a letter opens with its
salutation ("Dear Ms. Doe,") and closes at its complimentary close ("Yours
sincerely,") or an END TEXT. Only a quotation that is closed counts (a BEGIN
TEXT never closed ends where the next one begins); body.py
takes it as quoted only inside a paragraph of the cable (one is open).
"""
from __future__ import annotations

import regex

QUOTE_RE = regex.compile(
    r"(?im)(?P<text>\bbegin\s+(?:text|quote)\b)"
    r"|(?P<end>\bend\s+(?:of\s+)?(?:text|quote)\b)"
    r"|(?P<letter>^[ \t]*dear\s+[A-Z][^\n]{0,60}[,:][ \t]*\r?$)"
    r"|(?P<close>^[ \t]*(?:yours\s+(?:sincerely|faithfully|truly)|(?:very\s+truly|sincerely|respectfully)(?:\s+yours)?)"
    r"[ \t]*[,.]?[ \t]*\r?$)"
)


def regions(text: str, at: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the closed quotations from `at`: a line that
    starts in [start, end) is quoted. A quotation opened by BEGIN TEXT starts on
    the line after (the line that introduces it is the cable's); it ends where
    its closing words stand."""
    out: list[tuple[int, int]] = []
    opened: int | None = None
    kind = ""
    for m in QUOTE_RE.finditer(text, at):
        k = m.lastgroup
        if k == "text":  # opens a quotation (and drops one open before it: never closed)
            nl = text.find("\n", m.end())
            opened, kind = (len(text) if nl < 0 else nl + 1), k
        elif opened is None:
            if k == "letter":
                opened, kind = m.start(), k
        elif k == "end" or (k == "close" and kind == "letter"):
            if m.start() > opened:
                out.append((opened, m.start()))
            opened = None
    return out
