"""Calendar dates given by people: `--date`, `as-of` in a config, era
bounds and `when:` limits in a rule set, example and sidecar directives.

One parser for all of them, so every place accepts exactly the same
spelling, YYYY-MM-DD, and refuses the same things (a time of day, a week
date, "20040130"), whatever Python's own ISO parser would let through. Also the resolution of a
cable's date from what its text says (`resolve`), with --date.
"""
from __future__ import annotations

import datetime as dt
import re

from .document import CableDate

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: object) -> dt.date:
    """`value` as a date: a date (YAML and TOML give one for 2004-01-30), or
    text YYYY-MM-DD. Anything else - a datetime, a number, a bad day - is a
    ValueError whose message quotes the value; callers add file and line."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"not a date YYYY-MM-DD: {value!r}")


def resolve(evidence: list[CableDate], override: dt.date | None = None) -> CableDate:
    """The cable's date from the parser's evidence (best first): the text's own
    date wins; then `override` (--date); then the year of a cable id in the
    file name; else unknown."""
    for found in evidence:
        if found.source == "filename-year" and override is not None:
            break
        return found
    if override is not None:
        return CableDate(override, "option")
    return CableDate(None, "unknown")


def add_years(d: dt.date, years: int) -> dt.date:
    """`d` moved `years` on; 29 February to 28 February in a year without one
    (a DECL limit, a DECL period's date)."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)
