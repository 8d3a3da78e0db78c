"""Protected names in every spelling of the matching model (docs/robustness.md,
"protected names"): a family of spellings at a time, for the rule (CL601),
`redact`, every output format and `inspect`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cablelint import lint_text, protect as P, protectfile
from cablelint.cli import main
from cablelint.reporters import names as formats

TERMS = ["Josiah Rosenblatt", "José Martí", "Alliot-Marie", "J. D. Smith", "Dmitri Orlov"]

# family -> spellings (each is exactly the text that must be found and replaced)
FAMILIES = {
    "line wrap": ["JOSIAH\nROSENBLATT", "Josiah Rosen-\nblatt", "Josiah Rosen\nblatt", "Josiah-\nRosenblatt",
                  "JOSIAH \\\nROSENBLATT", "Alliot-\nMarie"],
    "invisible": ["Jo\u200bsiah Rosenblatt", "Josiah Rosen\u200dblatt", "Josiah\u200cRosenblatt",
                  "Josiah Rosen\u2060blatt", "Josiah Ros\ufeffenblatt", "Josiah Rosen\u00adblatt",
                  "Josiah \u202eRosen\u202cblatt", "Josiah\u2066Rosenblatt"],
    "accents": ["JOSE MARTI", "José Martí", "JOSÉ MARTÍ", "Jose\u0301 Marti\u0301", "Jósiah Rosenblätt"],
    "look-alikes": ["Jоsiah Rosenblatt", "JOSIAH ROSΕNBLATT", "Ｊｏｓｉａｈ Ｒｏｓｅｎｂｌａｔｔ",
                    "𝐉𝐨𝐬𝐢𝐚𝐡 𝐑𝐨𝐬𝐞𝐧𝐛𝐥𝐚𝐭𝐭", "Dmitrі Orlov"],
    "separators": ["Alliot Marie", "Alliot\u2013Marie", "Alliot\u2014Marie", "ALLIOT_MARIE", "Alliot\u2011Marie",
                   "J.D. Smith", "J D SMITH", "J.D.SMITH"],
    "order and wrappers": ["ROSENBLATT, JOSIAH", "Rosenblatt,Josiah", "josiah.rosenblatt",
                           "josiah_rosenblatt", "Josiah*Rosenblatt", "Josiah%20Rosenblatt"],
    "html": ["Josiah&nbsp;Rosenblatt", "Josiah Rosen&shy;blatt", "Josiah&#32;Rosenblatt",
             "Josiah&#xA0;Rosenblatt", "Jos&#105;ah Rosenblatt"],
    "letter-spaced": ["J O S I A H  R O S E N B L A T T", "R O S E N B L A T T, Josiah"],
}
ALL = [(fam, s) for fam, ss in FAMILIES.items() for s in ss]

HEAD = ("UNCLASSIFIED PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL FR\nSUBJECT: A TEST\n\n")


def cable(spelling: str) -> tuple[str, int]:
    text = HEAD + "1. Poloff met " + spelling + " (see mail) on Monday.\n"
    return text, text.index(spelling)


@pytest.fixture(scope="module")
def plist() -> P.ProtectList:
    return protectfile.from_terms(TERMS)


@pytest.mark.parametrize("family,spelling", ALL)
def test_rule_finds_the_exact_span(plist, family: str, spelling: str) -> None:
    text, at = cable(spelling)
    hits = [f for f in lint_text(text, rules=["release"], protect=plist) if f.rule == "CL601"]
    assert [(f.start, f.end) for f in hits] == [(at, at + len(spelling))], family


@pytest.mark.parametrize("family,spelling", ALL)
def test_redact_replaces_exactly_the_span(plist, family: str, spelling: str) -> None:
    text, at = cable(spelling)
    out, n = plist.redact(text)
    assert n == 1
    assert out.startswith(text[:at]) and out.endswith(text[at + len(spelling):]), family
    assert not list(plist.finditer(out))
    assert plist.redact(out) == (out, 0)  # idempotent


def test_no_new_match_in_ordinary_words(plist) -> None:
    text = ("Josiahs Rosenblatter; Marti Gras; J. D. Smithson; Alliot; Marie; Orlova; "
            "Dmitri the Orlovian; ROSEN BLATT (two words); jo siah rosenblatt")
    assert [text[o.start:o.end] for o in plist.finditer(text)] == []


@pytest.fixture(scope="module")
def spelled_files(tmp_path_factory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("spellings")
    body = HEAD + "".join(f"{i}. Poloff met {s} on Monday.\n" for i, (_, s) in enumerate(ALL, 1))
    (d / "c.txt").write_text(body, encoding="utf-8")
    p = d / "names.txt"
    p.write_text("\n".join(TERMS) + "\n", encoding="utf-8")
    return d / "c.txt", p


def leaks(plist: P.ProtectList, out: str) -> list[str]:
    """Every spelling found in `out` (as printed, and JSON strings decoded)."""
    texts = [out]
    for doc in [out] + out.splitlines():
        try:
            texts.append(json.dumps(json.loads(doc), ensure_ascii=False))
        except ValueError:
            pass
    found = [s for _, s in ALL if any(s in t for t in texts)]
    found += [t[o.start:o.end] for t in texts for o in plist.finditer(t)]
    return found


@pytest.mark.parametrize("fmt", formats())
def test_no_output_format_prints_any_spelling(plist, spelled_files, fmt: str, capsys) -> None:
    c, names_file = spelled_files
    main(["check", "--isolated", "--rules", "release", "--protect", str(names_file), "-f", fmt, str(c)])
    out = capsys.readouterr()
    assert out.out.count("CL601") >= len(ALL)
    assert leaks(plist, out.out + out.err) == []


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_inspect_prints_no_spelling(plist, spelled_files, tmp_path, fmt: str, capsys, monkeypatch) -> None:
    c, names_file = spelled_files
    signed = tmp_path / "signed.txt"
    signed.write_text(HEAD + "1. Text.\n" + "".join(s.replace("\n", " ") + "\n" for _, s in ALL), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["inspect", "--protect", str(names_file), "--format", fmt, str(c), str(signed)])
    out = capsys.readouterr()
    assert leaks(plist, out.out + out.err) == []
