"""Stage 2 reader: the reasons written on a `Derived From:` line.

A derivatively classified cable names its source instead of a classifier, and
some add the 1.4 categories the source gives: `Derived from: DSCG 05-1, B,D`
(10TRIPOLI62), `DERIVED FROM: DSCG 05-1 B, D` (10LIMA97). Those letters are the
cable's reasons; the field's value stays as written (rules read the source from
it). Apart from clby.py, which reads a Classified By statement's own reasons
(and a `Derived from` written inside it), because this reads a field line.
"""
from __future__ import annotations

from ..document import Span, Token
from ..rx import rx
from .clby import find_reasons

# The 1.4 categories closing the value: one letter each, in parentheses or not, joined by commas,
# blanks, "and" or "&" (group `letters`), after a comma or, for two letters or more, a blank.
_TRAILING_RE = rx(r"(?i)(?:,\s*|\s+(?=\(?[a-h]\)?(?:\s*(?:,|and|&|/)\s*|\s+)\(?[a-h]\)?))"
                  r"(?P<letters>\(?[a-h]\)?(?:(?:\s*(?:,|and|&|/)\s*|\s+)\(?[a-h]\)?)*)[\s.;]*$")
_LETTER_RE = rx(r"(?i)(?<![a-z])[a-h](?![a-z])")


def derived_reasons(tok: Token) -> list[Token]:
    """The reason letters (lower case) of a Derived From field whose value is
    `tok`, each spanned in the text: a `1.4 (b), (d)` list, or the category
    letters that end the value after its source; none when the value holds
    no such list (`Multiple Sources`, `DSCG 05-1`)."""
    base, value = tok.span.start, tok.value
    if tok.raw is not None and tok.raw != value:
        return []  # a value the field reader rewrote: its offsets are not the text's
    rs = find_reasons(value)
    if rs:
        return [Token(lt.lower(), Span(base + a, base + a + 1), lt) for lt, a in rs[1]]
    m = _TRAILING_RE.search(value)
    if m is None or not value[:m.start()].strip():
        return []
    return [Token(lm.group(0).lower(), Span(base + m.start("letters") + lm.start(), base + m.start("letters") + lm.end()),
                  lm.group(0)) for lm in _LETTER_RE.finditer(m.group("letters"))]
