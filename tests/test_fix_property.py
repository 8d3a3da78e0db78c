"""Property: damage a clean cable in the ways the fixes know (debris, pilcrow
numbers, a wrapped REASONS, mark form, an ISO TAG, a DECL date out of its era's form), fix it, and get the clean
cable back: every fix is idempotent, nothing outside the damaged spans moves
(the body text is random), and the cable parses to the same structure."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings, strategies as st

from cablelint.engine import Engine
from cablelint.fixes import fix_source
from cablelint.ruleset import load
from cablelint.source import decode

ENGINE = Engine([load("state")], date=dt.date(2004, 1, 30))
WORDS = st.text(alphabet="ABCDEFGHIJ abcdefghij,", min_size=1, max_size=30).map(lambda s: "Text " + s.strip() + ".")


@st.composite
def damaged(draw) -> tuple[str, str]:
    """(clean cable, the same cable damaged)."""
    n = draw(st.integers(1, 6))
    levels = draw(st.lists(st.sampled_from(["U", "C"]), min_size=n, max_size=n))
    texts = draw(st.lists(WORDS, min_size=n, max_size=n))
    debris, pilcrow, iso = draw(st.booleans()), draw(st.booleans()), draw(st.booleans())
    cut = draw(st.sampled_from([None, 1, 2, 3, 4, 5]))
    forms = draw(st.lists(st.sampled_from(["", "lower", "spaced"]), min_size=n, max_size=n))
    decl = draw(st.sampled_from(["01/30/2014", "1/30/2014", "01/30/14", "1/30/14", "01-30-2014"]))

    def cable(damage: bool) -> str:
        tags = "[PREL](#) [FR](#) " if damage and debris else "PREL FR "
        tags += "RU" if damage and iso else "RS"
        reasons = "REASONS" if not (damage and cut) else "REASONS"[:cut] + "\n" + "REASONS"[cut:]
        head = (f"C O N F I D E N T I A L PARIS 000579\n\nE.O. 12958: DECL: {decl if damage else '01/30/2014'}\n"
                f"TAGS: {tags}\n"
                f"SUBJECT: (U) A TEST\n\nClassified By: POLCOUNS JOHN DOE, FOR {reasons} 1.4 B/D\n")
        paras = []
        for i in range(n):
            num = f"1{i + 1}" if damage and pilcrow else str(i + 1)
            mark = levels[i]
            if damage and forms[i] == "lower":
                mark = mark.lower()
            elif damage and forms[i] == "spaced":
                mark = f" {mark} "
            paras.append(f"\n{num}. ({mark}) {texts[i]}\n")
        return head + "".join(paras)

    return cable(False), cable(True)


def structure(text: str):
    doc = ENGINE.parse(decode(text.encode(), "p.txt"))
    cb = doc.classified_by
    return (doc.banner.level, [t.value for t in doc.tags], doc.subject.value if doc.subject else None,
            (cb.section.value, [r.value for r in cb.reasons]) if cb else None,
            [(p.number, p.portion.level if p.portion else None) for p in doc.paragraphs])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_fixing_restores_the_clean_cable(pair: tuple[str, str]) -> None:
    clean, broken = pair
    fixed = fix_source(ENGINE, decode(broken.encode(), "p.txt"), unsafe=True)
    assert fixed.text == clean  # only the damaged spans changed, and back to what they were
    assert not fixed.capped
    again = fix_source(ENGINE, decode(fixed.text.encode(), "p.txt"), unsafe=True)
    assert again.text == fixed.text and not again.applied  # idempotent
    want = structure(clean)
    got = structure(broken)
    assert got[0] == want[0] and got[2:] == want[2:]  # the parser read through the damage alike
    assert structure(fixed.text) == want
    safe_only = fix_source(ENGINE, decode(broken.encode(), "p.txt"))
    assert all(a.fix.safe for a in safe_only.applied)
    assert safe_only.text == clean.replace("FR RS", "FR RU") if "RU" in broken.split("SUBJECT")[0] else clean
