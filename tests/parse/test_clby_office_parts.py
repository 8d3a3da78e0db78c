"""The SMART Classified By's position against its office when a part after a comma only
qualifies the position (Acting, a.i.), is a degree after the name (PhD), or continues a comma
list closed by "and" inside the position (review s10, should-fix 3)."""
from __future__ import annotations

import pytest

from inspect_helpers import name_title_office

# A header the statements follow: banner, E.O. line, TAGS and SUBJECT.
OSLO = "CONFIDENTIAL\nOSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"


@pytest.mark.parametrize("statement, name, title, office", [
    # a qualifier before the position is the position's
    ("Classified By: Jane Roe, Acting, Political Counselor, State; REASON: 1.4(B)",
     "Jane Roe", "Acting, Political Counselor", "State"),
    ("Classified By: Jane Roe, Acting, Political Counselor; REASON: 1.4(B)",
     "Jane Roe", "Acting, Political Counselor", None),
    # and after it: no office is left
    ("Classified By: Jane Roe, Deputy Chief of Mission, Acting; REASON: 1.4(B)",
     "Jane Roe", "Deputy Chief of Mission, Acting", None),
    ("Classified By: Jane Roe, Deputy Chief of Mission, Acting, Embassy Oslo; REASON: 1.4(B)",
     "Jane Roe", "Deputy Chief of Mission, Acting", "Embassy Oslo"),
    # "ad interim" in its other spellings, from the same data
    ("Classified By: Jane Roe, Charge d'Affaires, A. I., State; REASON: 1.4(B)",
     "Jane Roe", "Charge d'Affaires, A. I.", "State"),
    # a degree after the name is the name's, as "Jr." is: no position
    ("Classified By: Jane Roe, PhD, Political Counselor, State; REASON: 1.4(B)",
     "Jane Roe, PhD", "Political Counselor", "State"),
    ("Classified By: Jane Roe, Ph.D., Political Counselor, State; REASON: 1.4(B)",
     "Jane Roe, Ph.D.", "Political Counselor", "State"),
    # a comma list closed by "and" inside the position is no cut
    ("Classified By: Jane Roe, Counselor for Political, Economic, and Military Affairs; REASON: 1.4(B)",
     "Jane Roe", "Counselor for Political, Economic, and Military Affairs", None),
    ("Classified By: Jane Roe, Counselor for Political, Economic, and Military Affairs, State; REASON: 1.4(B)",
     "Jane Roe", "Counselor for Political, Economic, and Military Affairs", "State"),
    # no list of the position's without a joining word before it: the agency is the office
    ("Classified By: Jane Roe, Political Counselor, State, and Embassy Oslo; REASON: 1.4(B)",
     "Jane Roe", "Political Counselor", "State, and Embassy Oslo"),
    # as before: the position, then the agency and office
    ("Classified By: Jane Roe, Political Counselor, Embassy Oslo, State; REASON: 1.4(B)",
     "Jane Roe", "Political Counselor", "Embassy Oslo, State"),
])
def test_the_position_keeps_its_qualifiers_and_lists(statement: str, name: str, title: str,
                                                     office: str | None) -> None:
    assert name_title_office(OSLO, statement) == (name, title, office)


def test_an_and_part_after_the_position_alone_is_the_office() -> None:
    # "X, and Y" with no list items between is not read as the position's list
    got = name_title_office(OSLO, "Classified By: Jane Roe, Ambassador, and Embassy Oslo; REASON: 1.4(B)")
    assert got == ("Jane Roe", "Ambassador", "and Embassy Oslo")
