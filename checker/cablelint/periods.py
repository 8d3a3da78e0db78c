"""A declassification period's date ("DECL: TWENTY YEARS"): the cable's date
plus its years, set by the engine once it has resolved the cable's date (the
parser reads the years only: the cable's date may come from --date).
"""
from __future__ import annotations

from .dates import add_years
from .document import Document


def period_dates(doc: Document) -> None:
    """Set the date of each DECL period of `doc` from its resolved date (none without a day)."""
    cd = doc.date
    if cd is None or cd.value is None or cd.source == "filename-year":
        return  # no day to count from: unknown, or only the year of a cable id in the file name
    for dv in (doc.eo.decl if doc.eo else None, doc.declassify_on):
        if dv is not None and dv.kind == "period" and dv.years:
            dv.date = add_years(cd.value, dv.years)

