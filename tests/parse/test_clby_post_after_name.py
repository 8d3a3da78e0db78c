"""A Classified By name followed by a comma and the post ("Jane Roe, Embassy Oslo"):
the post is not part of the name (markings.yaml post_words; inspect audit s7c)."""
from __future__ import annotations

import pytest

from cablelint import make_engine
from cablelint.source import Source

HEAD = "C O N F I D E N T I A L OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\nSUBJECT: TALKS\n\n"


def _name_title(statement: str) -> tuple[str | None, str | None]:
    cb = make_engine().parse(Source(path="t.txt", text=HEAD + statement + "\n\n1. (C) Text.\n")).classified_by
    return (cb.name.value if cb.name else None), (cb.title.value if cb.title else None)


@pytest.mark.parametrize("statement, name", [
    ("Classified By: Political Counselor Jane Roe, Embassy Oslo, for reasons 1.4 (b) and (d).", "Jane Roe"),
    ("CLASSIFIED BY: POLITICAL COUNSELOR JANE ROE, U.S. EMBASSY OSLO, REASONS 1.4 (B,D)", "JANE ROE"),
    ("Classified By: Ambassador John Q. Doe, Jr., for reasons 1.4 (b) and (d).", "John Q. Doe, Jr."),
    ("Classified By: DCM Luis G, Moreno, for reasons 1.4 (b) and (d).", "Luis G, Moreno"),
    ("Classified By: Ambassador John Q. Doe, Jr., Embassy Oslo, for reasons 1.4 (b) and (d).", "John Q. Doe, Jr"),
    ("Classified By: Political Counselor Jane Roe, US Embassy Oslo, for reasons 1.4 (b) and (d).", "Jane Roe"),
])
def test_the_post_after_a_comma_ends_the_name(statement: str, name: str) -> None:
    got, title = _name_title(statement)
    assert got is not None and got.rstrip(".") == name.rstrip(".")
    assert title is not None and "Embassy" not in title and "EMBASSY" not in title
