"""Fields the s5c inspect audit found misread, each on a short text written for the test:
a SMART-form Classified By with the title also written before the name, and a mail export's
preamble whose metadata banner comes before the cable's own banner."""
from __future__ import annotations

import pytest

from inspect_helpers import name_and_title

HEAD = "C O N F I D E N T I A L OSLO 000123\nE.O. 12958: DECL: 01/30/2019\nTAGS: PREL NO\n"


@pytest.mark.parametrize("line, name, title", [
    # The SMART statement (name, title, agency, office) after a leading title: the name is the name's words.
    ("CLASSIFIED BY: Ambassador Jane Q. Roe, Ambassador, State, Front Office; REASON: 1.4(B), (D)",
     "Jane Q. Roe", "Ambassador, State, Front Office"),
    ("CLASSIFIED BY: Ambassador Roe, Ambassador, State, EXEC; REASON: 1.4(B)", "Roe", "Ambassador, State, EXEC"),
    # Unchanged: the SMART form without a leading title, and a title then a name then an office.
    ("CLASSIFIED BY: Jane Roe, Deputy Political Counselor, State, POL; REASON: 1.4(B)",
     "Jane Roe", "Deputy Political Counselor, State, POL"),
    ("CLASSIFIED BY: Jane Roe, Ambassador, reasons 1.4 (b)", "Jane Roe", "Ambassador"),
])
def test_a_smart_statement_after_a_leading_title(line: str, name: str, title: str) -> None:
    assert name_and_title(HEAD, line) == (name, title)
