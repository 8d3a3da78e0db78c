"""The body stage's reading state (body.py and the modules it splits into):
what the lines read so far say about the line at hand."""
from __future__ import annotations

from ..document import Paragraph
from ..rx import rx
from .lines import Line

# A paragraph's first line kept for messages (never printed by default).
TEXT_KEPT = 80
# A number this far past the last paragraph's may still be the next one after a blank line (lost paragraphs).
SKIP_MAX = 3
SENTENCE_END_RE = rx(r"[.:;!?\"')\]]\s*$")


class State:
    """What the lines read so far say about the line at hand (a plain class,
    not a @dataclass: records.py says why)."""

    __slots__ = ("marked", "last", "numbered", "blocks", "prev_blank", "after_field", "prev_bullet", "tight",
                 "in_list", "heading_para", "low")

    def __init__(self, marked: bool, last: int = 0, numbered: list[Paragraph] | None = None,
                 blocks: list[Paragraph] | None = None, prev_blank: bool = True, after_field: bool = False,
                 prev_bullet: bool = False, tight: bool = False, in_list: bool = False, heading_para: bool = False,
                 low: str = "") -> None:
        self.marked, self.last = marked, last
        self.numbered = [] if numbered is None else numbered
        self.blocks = [] if blocks is None else blocks
        self.prev_blank, self.after_field, self.prev_bullet = prev_blank, after_field, prev_bullet
        self.tight = tight  # paragraphs written "1.Text", no blank after the dot
        self.in_list = in_list  # "1) (C) ..." items inside a paragraph (a questionnaire) until the next "N." paragraph
        # the last paragraph's number stands on a heading; its mark may open the next line
        self.heading_para = heading_para
        self.low = low  # the document's text in lower case, offsets kept (textscan.lowered)

    def has(self, word: str, line: Line) -> bool:
        """Whether the lower-cased `line` holds `word` (lower case): looked up in
        the text lowered once, not by lowering every line. A line's text is the
        document's text at its offset (repair.py keeps offsets exact)."""
        return self.low.find(word, line.start, line.start + len(line.text)) >= 0
