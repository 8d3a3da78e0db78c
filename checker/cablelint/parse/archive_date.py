"""Date evidence from the archive's own row: `3/10/2005 16:26`.

The Cablegate archive dates each cable in its metadata (the CSV's date
column, `id: 16485 / date: 4/29/2004 15:25 / refid: 04BOGOTA4332`), and
exports leave that row in the text as debris: in a row of its own, or run
into a header line (05PRAGUE356 l.13 `C..3/10/2005 16:26 C O N F I D E N T I
A L PRAGUE 000356`). It is the archive's date of the cable, better than the
file name's year alone, but a row may belong to another cable (10ASUNCION71's
preamble quotes 09ASUNCION13's row), so it is taken only when it can be this
cable's: its year is the cable id's year in the file name, and a cable id
written in the row is the file's own. Read last, after every date the text
gives itself (parse/dating.py), and noted (`archive-date`).
"""
from __future__ import annotations

import datetime as dt

from ..document import CableDate, Repair, Span
from ..rx import rx

# `m/d/yyyy h:mm` (the archive's form), not inside a longer run of digits or slashes.
ARCHIVE_DATE_RE = rx(r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d{2})[ \t]+\d{1,2}:\d{2}(?![\d:])")
# A cable id (09ASUNCION13) in the rest of the archive's row after its date.
ROW_ID_RE = rx(r"(?<![A-Z0-9])(?P<id>\d{2}[A-Z]{3,}\d{1,6})(?![A-Z0-9])")
# How much of the row after the date may name the cable (characters): `,03THEHAGUE2835,`, `refid: ...`.
ROW_REACH = 40


def archive_date(head: str, name: str) -> CableDate | None:
    """The archive's date in `head` (the text before the body) when it can be
    the cable's (`name`: the file's name, a cable id and an extension); as
    `metadata` evidence spanned on the date."""
    if "/" not in head:
        return None
    cable_id = name.partition(".")[0]
    if ROW_ID_RE.fullmatch(cable_id) is None:
        return None  # no cable id to check the row against
    m = ARCHIVE_DATE_RE.search(head)
    if m is None or m["y"][2:] != cable_id[:2]:
        return None
    named = ROW_ID_RE.search(head, m.end(), m.end() + ROW_REACH)
    if named is not None and named["id"] != cable_id:
        return None
    try:
        return CableDate(dt.date(int(m["y"]), int(m["m"]), int(m["d"])), "metadata", Span(m.start(), m.end()))
    except ValueError:
        return None


def archive_date_note(text: str, found: CableDate) -> Repair | None:
    """The note that the date `found` was read from the archive's row (None
    for a date read from anything else)."""
    if found.source != "metadata" or found.span is None or found.value is None \
            or ARCHIVE_DATE_RE.match(text, found.span.start) is None:
        return None
    return Repair("archive-date", found.span, f"date {found.value.isoformat()} read from the archive's row "
                                              "(its date and time): the text gives no date of its own")
