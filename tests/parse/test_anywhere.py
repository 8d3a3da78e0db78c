"""The fallback banner of a damaged export (parse/anywhere.py): the same
banner the one combined regex found, in time linear in the line."""
from __future__ import annotations

import time

import pytest

from cablelint import timelimit
from cablelint.parse import anywhere, banner as bn
from cablelint.parse.lines import Line
from cablelint.vocabulary import default_vocabulary

V = default_vocabulary()


@pytest.mark.parametrize("text, level, start", [
    ("Cable dated:2009-01-01C O N F I D E N T I A L CAIRO 008938", "C O N F I D E N T I A L", 22),
    ("\tSECRET PARIS 000123", "SECRET", 1),
    ('"UNCLAS SECTION 01 OF 02 ROME 000456', "UNCLAS", 1),
    ("CLASSIFICATION: SECRET", "SECRET", 16),
    ("SS E C R E T", "S E C R E T", 1),
    ("x O N F I D E N T I A L", "O N F I D E N T I A L", 2),
    ("TOP S E C R E T STATE 001", "TOP S E C R E T", 0),
    # Two forms in one line: the leftmost wins, whichever form it is.
    ("N A T O S E C R E T ROME, CLASSIFICATION: SECRET", "N A T O S E C R E T", 0),
    ("CLASSIFICATION: SECRET then S E C R E T", "SECRET", 16),
    ("a,SECRET ROME 0045 and C O N F I D E N T I A L", "SECRET", 2),
])
def test_the_leftmost_fallback_banner_is_found(text, level, start):
    m = anywhere.find(text, V)
    assert m is not None and (m["level"], m.start("level")) == (level, start)


@pytest.mark.parametrize("text", ["SECRET meeting notes", "the secret service", "SECRETARY CLINTON 000123",
                                  "S E C R E T A R Y", "N T N T N T N T"])
def test_prose_holds_no_fallback_banner(text):
    assert anywhere.find(text, V) is None


@pytest.mark.skipif(not timelimit.available(), reason="needs setitimer in the main thread")
@pytest.mark.parametrize("tail", ["A" * 2_000_000, "A B" * 700_000, "THE TOWN IN THE NORTH. " * 90_000,
                                  "C R E T " * 60_000], ids=["letters", "letters-and-blanks", "capitals-prose", "needles"])
def test_a_huge_line_is_searched_in_linear_time(tail):
    # One 2 MB line after a level took ~3 s (each character tried every
    # branch), a run of capitals and blanks minutes (a quadratic backtrack):
    # a 20 MB file took 30 s just to be found no cable.
    t0 = time.monotonic()
    with timelimit.Alarm() as alarm:
        alarm.arm(2.0)
        got = bn.banner_anywhere([Line("SECRET " + tail, 0)], V)
        alarm.disarm()
    assert got is None and time.monotonic() - t0 < 2.0
