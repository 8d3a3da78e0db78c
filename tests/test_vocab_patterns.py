"""vocab_patterns: the vocabulary's regexes are built on first use, and the
control scanner finds exactly what the alternation of every control word
(spaced letter by letter) finds, without compiling it."""
from __future__ import annotations

import pickle
import random

import regex

from cablelint import vocab_patterns
from cablelint.vocab_patterns import ControlScanner, _FOLDS
from cablelint.vocabulary import Vocabulary, default_vocabulary, default_vocabulary_data


def test_ignorecase_folds_are_what_regex_does() -> None:
    """`_FOLDS` is every non-ASCII character regex's IGNORECASE lets stand for an ASCII letter or digit."""
    keys = regex.compile(r"[A-Z0-9\-]", regex.IGNORECASE)  # what a key's characters match
    either = regex.compile(r"[A-Za-z]", regex.IGNORECASE)  # what the look-ahead's letters match
    found = {chr(c) for c in range(128, 0x110000) if either.fullmatch(chr(c))}
    assert found == set(_FOLDS)
    for ch, letter in _FOLDS.items():
        assert bool(keys.fullmatch(ch)) == bool(regex.fullmatch(letter, ch, regex.IGNORECASE))


def _texts(keys: list[str], n: int, seed: int) -> list[str]:
    """Short texts of control words (spaced, lower-cased, cut short) among letters, blanks and look-alikes."""
    rnd = random.Random(seed)
    alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-/ ,.()\n\t_\u00e9\u00b2" + "".join(_FOLDS)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(1, 6)):
            if rnd.random() < 0.5:
                k = rnd.choice(keys)
                k = " ".join(k) if rnd.random() < 0.3 else k
                k = k.lower() if rnd.random() < 0.3 else k
                parts.append(k[:rnd.randint(1, len(k))] if rnd.random() < 0.2 else k)
            else:
                parts.append("".join(rnd.choice(alpha) for _ in range(rnd.randint(0, 5))))
        out.append("".join(parts))
    return out


def test_control_scanner_finds_what_the_alternation_finds() -> None:
    v = default_vocabulary()
    scanner = v.control_scanner
    assert scanner is not None
    texts = _texts(list(v.banner_control), 6000, 15) + [
        "SECRET NOFORN", "N O F O R N", "NOFORNX NOFORN-", "SBU-NF", "LIMDIS\u212a", "EXDIS  NODIS", "NO FORN",
        "SENSITIVE BUT UNCLASSIFIED NOFORN", "S E N S I T I V E S E C U R I T Y I N F O R M A T I O N\u212a",
        "A" * 5000, ""]
    for t in texts:
        assert scanner.spans(t) == [m.span(1) for m in v.banner_control_re.finditer(t)], t


def test_unusual_control_words_fall_back_to_the_alternation() -> None:
    data = default_vocabulary_data()
    v = Vocabulary({**data, "controls": [*data["controls"], {**data["controls"][0], "name": "X.Y",
                                                            "banner": ["X.Y"], "portion": []}]})
    assert not ControlScanner.usable(list(v.banner_control)) and v.control_scanner is None
    mk = v.parse_banner("SECRET//X.Y", 0)
    assert mk is not None and [c.value for c in mk[0].controls] == ["X.Y"]


def test_patterns_are_built_on_first_use_and_rebuilt_on_extend() -> None:
    v = Vocabulary(default_vocabulary_data())
    assert not set(vocab_patterns.BUILDERS) & set(v.__dict__)
    assert v.field_re.match("Reason: 1.4 (b)")
    assert "field_re" in v.__dict__
    back = pickle.loads(pickle.dumps(v))
    assert "field_re" in back.__dict__ and "note_re" not in back.__dict__ and back.note_re is v.note_re
    v.extend({"fields": [{"name": "Handling", "spellings": ["Handling"]}]})
    assert "field_re" not in v.__dict__ and v.field_re.match("Handling: x")
