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
    # CPU time, not wall time: a loaded machine must not fail a linear search
    # (~0.1-0.4 s); a quadratic one takes minutes. The alarm only stops a hang.
    t0 = time.process_time()
    with timelimit.Alarm() as alarm:
        alarm.arm(60.0)
        got = bn.banner_anywhere([Line("SECRET " + tail, 0)], V)
        alarm.disarm()
    assert got is None and time.process_time() - t0 < 2.0


@pytest.mark.skipif(not timelimit.available(), reason="needs setitimer in the main thread")
@pytest.mark.parametrize("lead", ["\t" * 200_000, ", \t" * 100_000, " " * 200_000, "\t \"" * 70_000],
                         ids=["tabs", "comma-blank-tab", "blanks", "tab-blank-quote"])
@pytest.mark.parametrize("after, found", [("SECRET PARIS 000123", True), ("SECRET x", False)], ids=["banner", "none"])
def test_a_blank_heavy_line_is_searched_in_linear_time(lead, after, found):
    # A tab is both the run-in form's delimiter and a blank: when the
    # delimiter was consumed, each tab of a run began a try that re-ate the
    # run, so a line with no banner took 29 s for 20,000 tabs. Tab-separated
    # exports have such runs.
    t0 = time.process_time()  # CPU time, as above
    with timelimit.Alarm() as alarm:
        alarm.arm(60.0)
        m = anywhere.find(lead + after, V)
        alarm.disarm()
    assert time.process_time() - t0 < 2.0
    # Blanks alone at the line's start are no delimiter (as in the one regex).
    found = found and not lead.startswith(" ")
    assert (m is not None and m.start("level") == len(lead)) if found else m is None


def _one_regex():
    """The combined regex anywhere.find replaced (before 77ffff1), kept here
    as the reference answer: its leftmost match is the banner."""
    from cablelint import vocab_patterns as vp
    from cablelint.rx import rx
    plain = vp._alternation(vp._plain_levels(V))
    spaced = "|".join(vp._letter_spaced(k) for k in vp.long_level_keys(V))
    return rx(rf"(?:(?<=CLASSIFICATION:\s*)(?P<level>{plain})\b"
              rf"|(?P<level>{spaced})(?=\s*(?:SECTION|[A-Z]{{3,}}|$))"
              rf"|(?<=^|[\t\",]\s*)(?P<level>{plain})"
              rf"(?=\s+(?:SECTION\s+\d+\s+OF\s+\d+\s+)?[A-Z][A-Z .'-]+\s+\d{{3,}}))")


def _key(m):
    return None if m is None else (m.start("level"), m.end("level"), m["level"])


def test_the_banner_found_is_the_one_regex_answer_on_made_up_lines():
    import random
    frags = ["S E C R E T", "SE C R E T", "E C R E T", "C O N F I D E N T I A L", "TOP S E C R E T",
             "U N C L A S S I F I E D", "SECRET", "CONFIDENTIAL", "UNCLAS", "TOP SECRET", "CLASSIFICATION:",
             "\t", "\t\t", '"', ",", " ", "  ", "PARIS", "SECTION 01 OF 02", "000123", "12", "N T", "C R", "x",
             "SECRETARY", "S", "E", "T", "\u00a0", "LIMITED OFFICIAL USE", "-", "'"]
    rnd, old = random.Random(9), _one_regex()
    lines = ["".join(rnd.choice(frags) + rnd.choice(["", " ", "\t"]) for _ in range(rnd.randint(1, 8)))
             for _ in range(20_000)]
    differ = [t for t in lines if _key(old.search(t)) != _key(anywhere.find(t, V))]
    assert differ == [] and sum(old.search(t) is not None for t in lines) > 1000
