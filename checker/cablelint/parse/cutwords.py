"""The one test that a cut's last words are written again and the text goes on.

An export that cut a first copy of the cable short (an elision mark run into
its last word) writes the whole cable again later. Two readers ask whether the
text after some offset holds what the cut took: `copies.settle_copy` (the
repair `cut-copy` says "written again whole") and CL911 (damage_loss: the cut
copy is dropped only when the later copy holds the cut; dots the drafter wrote
come again with the same mark). Both read the cut line's last words (back over
a line of dots alone), find them again (the cut word as a prefix; blanks,
case and pilcrows aside) and count the letters after them; each gives its own
limits (copies.py's constants, CL911's `whole_tail`/`whole_after` in
rules/state.yaml) and the elision marks of its vocabulary. `goes_on` is the
same test on a field or a paragraph's line read on its own (SUBJECT and
paragraph readers), and `plain` the form both sides are compared in.
"""
from __future__ import annotations

import regex

from ..prefilter import fold_blind


def plain(text: str) -> str:
    """`text` with pilcrows, blanks and case aside: its words upper-cased, one blank between."""
    return " ".join(text.replace("¶", " ").split()).upper()


def goes_on(stem: str, whole: str) -> bool:
    """Whether `whole` starts with the words of `stem` (what a cut copy held
    before its elision mark, the last word a prefix: the cut may fall inside a
    word) and says more, pilcrows, blanks and case aside: the whole copy's
    text of what was cut."""
    a, b = plain(stem), plain(whole)
    return bool(a) and b.startswith(a) and len(b) > len(a)


def words_before_cut(text: str, end: int, elision: regex.Pattern[str], tail: int, most: int = 0) -> list[str]:
    """The last words before the elision mark (`elision`) at the end of the
    line that ends at offset `end`, reading back over earlier lines until they
    hold `tail` characters (a line of dots alone: the line before it): the
    last `most` of them, or without `most` the fewest last ones that hold
    `tail` characters (all when the text before holds fewer). "¶" is
    dropped, as a copy may write a paragraph's or REF item's mark or not."""
    words: list[str] = []
    hi = end
    while True:
        lo = text.rfind("\n", 0, hi) + 1
        line = text[lo:hi].rstrip("\r")
        words[:0] = (elision.sub("", line) if hi == end else line).replace("¶", " ").split()
        if sum(map(len, words)) >= tail or lo == 0:
            break
        hi = lo - 1
    if most:
        return words[-most:]
    while len(words) > 1 and sum(map(len, words[1:])) >= tail:
        words.pop(0)
    return words


def written_again(text: str, words: list[str], start: int, after: int, mark: str = "") -> bool:
    """Whether `words` (the last one a prefix: the cut may fall inside a
    word), then the pattern text `mark`, are written again from offset
    `start` on, any case, blanks and pilcrows between, with at least `after`
    letters of text after them: the copy goes on where the cut stopped."""
    if not words:
        return False
    last, rest = words[-1], text[start:]
    if not fold_blind(last) and not fold_blind(rest) and last.casefold() not in rest.casefold():
        return False  # the pattern needs its last word: ~180 us of compiling spared (a case-blind match
        # is a case-folded substring, character by character, but for the FOLD_BLIND letters)
    # the words are the cable's: compiled here (regex's own cache), not kept in the rx() memo
    said = regex.compile(r"(?<!\w)" + r"\s+".join("¶?" + regex.escape(w) for w in words) + mark, regex.IGNORECASE)
    hit = said.search(text, start)
    return hit is not None and len("".join(text[hit.end():hit.end() + 4 * after].split())) >= after

