"""A declassification period's date ("DECL: TWENTY YEARS"): the cable's date
plus its years, set by the engine once it has resolved the cable's date (the
parser reads the years only: the cable's date may come from --date).
"""
from __future__ import annotations

import datetime as dt

from .document import Document

# Cable dates that are only a year (a cable id in the file name): no day to count a period from.
_YEAR_ONLY = frozenset({"filename-year", "unknown"})


def period_dates(doc: Document) -> None:
    """Set the date of each DECL period of `doc` from its resolved date (none without a day)."""
    cd = doc.date
    if cd is None or cd.value is None or cd.source in _YEAR_ONLY:
        return
    for dv in (doc.eo.decl if doc.eo else None, doc.declassify_on):
        if dv is not None and dv.kind == "period" and dv.years:
            dv.date = years_after(cd.value, dv.years)


def years_after(day: dt.date, years: int) -> dt.date:
    """`day` moved `years` on; 29 February to 28 February in a year without one."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
