"""The marking vocabulary is data: a bad `vocabulary:` block (or a bad
markings.yaml) is refused with file:line, and words a rule set adds are
known everywhere the parser looks for a marking."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cablelint import vocabulary
from cablelint.cli import main
from cablelint.engine import Engine
from cablelint.parse import parse, parse_decl
from cablelint.ruleset import RuleSetError, load
from cablelint.vocab_schema import validate_vocabulary
from cablelint.yamlio import read_yaml as _read_yaml


def read_yaml(path):
    return _read_yaml(path, RuleSetError)
from cablelint.source import Source
from cablelint.vocabulary import Vocabulary, default_vocabulary_data

from conftest import file_line_error

HEAD = "name: house\nextends: state\nvocabulary:\n"


def write(tmp_path: Path, vocab: str) -> Path:
    p = tmp_path / "house.yaml"
    p.write_text(HEAD + vocab + "rules: []\n", encoding="utf-8")
    return p


@pytest.mark.parametrize("vocab,line,words", [
    # the reviewer's case: a control without `name` was a KeyError traceback
    ("  controls:\n    - {banner: [HOUSEDIS]}\n", 5, "controls #1: missing `name`"),
    ("  controls:\n    - {name: HOUSEDIS, colour: red}\n", 5, "control HOUSEDIS: unknown key `colour`"),
    ("  controls:\n    - {name: HOUSEDIS, level: RESTRICTED}\n", 5, "no level named 'RESTRICTED'"),
    ("  controls:\n    - {name: HOUSEDIS, implies: [NOSUCH]}\n", 5, "`implies` names no control 'NOSUCH'"),
    ("  controls:\n    - {name: HOUSEDIS, banner: HOUSEDIS}\n", 5, "`banner` must be a list"),
    ("  controls:\n    - HOUSEDIS\n", 5, "controls #1 must be a mapping"),
    ("  levels:\n    - {name: RESTRICTED, rank: high}\n", 5, "`rank` must be a whole number"),
    ("  levels:\n    - {name: RESTRICTED, rank: true}\n", 5, "`rank` must be a whole number"),
    ("  levels: RESTRICTED\n", 4, "`levels` must be a list of mappings"),
    ("  caption_words: [HOUSEDIS,\n     12]\n", 5, "each entry must be non-empty text, not 12"),
    ("  placeholder_patterns: ['[unclosed']\n", 4, "bad regex"),
    ("  fields:\n    - {spellings: [Handling]}\n", 5, "fields #1: missing `name`"),
    ("  colours: [red]\n", 4, "vocabulary: unknown key `colours`"),
])
def test_bad_vocabulary_names_file_and_line(tmp_path: Path, vocab: str, line: int, words: str) -> None:
    path = write(tmp_path, vocab)
    file_line_error(RuleSetError, lambda: load(str(path)), path, line, words, after=": ")


def test_bad_vocabulary_exits_2_without_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "  controls:\n    - {banner: [HOUSEDIS]}\n")
    cable = tmp_path / "c.txt"
    cable.write_text("UNCLAS PARIS 000579\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: X\n", encoding="utf-8")
    assert main(["check", "--isolated", "--rules", str(path), str(cable)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:5:" in err and "missing `name`" in err and "Traceback" not in err


def test_a_child_may_name_what_its_parent_added(tmp_path: Path) -> None:
    (tmp_path / "parent.yaml").write_text(
        "name: parent\nextends: state\nvocabulary:\n  levels:\n    - {name: RESTRICTED, rank: 1}\nrules: []\n",
        encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text("name: child\nextends: parent.yaml\nvocabulary:\n"
                     "  controls:\n    - {name: RDIS, level: RESTRICTED, implies: [NOFORN]}\nrules: []\n",
                     encoding="utf-8")
    rs = load(str(child))
    assert [c["name"] for c in rs.vocabulary["controls"]] == ["RDIS"]
    assert rs.vocabulary["levels"][0] == {"name": "RESTRICTED", "rank": 1, "banner": ["RESTRICTED"],
                                          "portion": [], "categories": False, "owner": None,
                                          "downgrade": []}


def test_markings_yaml_goes_through_the_line_numbered_loader(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "markings.yaml"
    bad.write_text("kind: vocabulary\nlevels:\n  - {name: SECRET, rank: 2}\ncontrols:\n  - {portion: [NF]}\n",
                   encoding="utf-8")
    monkeypatch.setattr(vocabulary, "rules_dir", lambda: tmp_path)
    default_vocabulary_data.cache_clear()
    try:
        with pytest.raises(RuleSetError, match=rf"^{bad}:5: markings: controls #1: missing `name`"):
            default_vocabulary_data()
    finally:
        monkeypatch.undo()
        default_vocabulary_data.cache_clear()
    shipped = default_vocabulary_data()
    assert all(isinstance(c, dict) and type(c) is dict for c in shipped["controls"])  # plain data
    assert {"levels", "controls", "fields", "caption_words"} <= set(shipped)


def test_the_shipped_markings_are_valid() -> None:
    path = vocabulary.rules_dir() / "markings.yaml"
    got = validate_vocabulary(path, read_yaml(path), top_level=True)
    assert {lv["name"] for lv in got["levels"]} >= {"UNCLASSIFIED", "SECRET", "TOP SECRET"}


# -- words added through a rule set work everywhere ------------------------------
HOUSE = {
    "levels": [{"name": "RESTRICTED", "rank": 1, "banner": ["RESTRICTED"], "portion": ["R"], "categories": False}],
    "controls": [{"name": "HOUSEDIS", "banner": ["HOUSEDIS"], "portion": ["HD"], "level": None, "implies": [],
                  "cui": False}],
    "caption_words": ["HOUSEDIS"],
    "title_patterns": [r".*-ATTACHE"],
    "fields": [{"name": "Handling", "spellings": ["Handling", "Handle As"]}],
    "decl_exemption_patterns": [r"HX\d"],
    "placeholder_patterns": [r"#{4,}"],
}


class HouseParser:
    """The parser with the HOUSE words added to its vocabulary."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab

    def parse(self, source: Source):
        return parse(source, self.vocab)


@pytest.fixture(scope="module")
def house_parser() -> HouseParser:
    v = Vocabulary(default_vocabulary_data())
    v.extend(HOUSE)
    return HouseParser(v)


def test_an_added_level_is_read_in_every_banner_form(house_parser: HouseParser) -> None:
    for first in ("RESTRICTED PARIS 000579", "R E S T R I C T E D PARIS 000579",
                  "Cable dated:2005-11-29T14:19:00R E S T R I C T E D PARIS 000579",
                  "E S T R I C T E D PARIS 000579", "CLASSIFICATION: RESTRICTED"):
        doc = house_parser.parse(Source("x.txt", first + "\nTAGS: PREL\nSUBJECT: X\n\n1. (R) Text.\n"))
        assert doc.level == "RESTRICTED", first
        assert doc.paragraphs[0].portion.level == "RESTRICTED"
    doc = house_parser.parse(Source("x.txt", "RESTRICTED PARIS 000579\nTAGS: PREL\nSUBJECT: X\n\n"
                                              "1. RESTRICTED - ENTIRE TEXT.\n"))
    mk = doc.paragraphs[0].portion
    assert mk.level == "RESTRICTED" and [c.value for c in mk.controls] == ["ENTIRE TEXT"]


def test_added_caption_field_title_exemption_and_placeholder(house_parser: HouseParser) -> None:
    text = ("SECRET PARIS 000579\nHOUSEDIS\nE.O. 12958: DECL: HX3\nTAGS: PREL\nSUBJECT: X\n"
            "Handle As: eyes only\n\nClassified By: Naval-Attache Jane Doe, reasons 1.4 (b)\n\n"
            "1. (S) The ##### said so.\n")
    doc = house_parser.parse(Source("x.txt", text))
    assert [c.value for c in doc.captions] == ["HOUSEDIS"]
    assert doc.eo.decl.kind == "exemption" and [t.value for t in doc.eo.decl.exemptions] == ["HX3"]
    assert doc.fields["Handling"].value == "eyes only"
    assert doc.classified_by.title.value == "Naval-Attache" and doc.classified_by.name.value == "Jane Doe"
    assert [t.value for t in doc.placeholders] == ["#####"]
    assert parse_decl("HX3", 0).kind == "event"  # the shipped vocabulary does not know it


def test_an_engine_uses_the_rule_set_vocabulary(tmp_path: Path) -> None:
    path = write(tmp_path, "  levels:\n    - {name: RESTRICTED, rank: 1, portion: [R]}\n")
    doc = Engine([load(str(path))]).parse(Source("x.txt", "R E S T R I C T E D PARIS 000579\n\n1. (R) Text.\n"))
    assert doc.level == "RESTRICTED" and doc.paragraphs[0].portion.level == "RESTRICTED"


def test_inspect_shows_parser_repairs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cable = tmp_path / "c.txt"
    cable.write_text("Cable dated:2005-11-29T14:19:00C O N F I D E N T I A L CAIRO 008938\nTAGS: PREL\n"
                     "SUBJECT: X\n\n1. (C) Text.\n", encoding="utf-8")
    assert main(["inspect", str(cable)]) == 0
    out = capsys.readouterr().out
    assert "note:           banner-after-preamble (line 1): banner found inside line 1" in out
    assert "note:           spaced-banner (line 1): read as CONFIDENTIAL" in out
    assert main(["inspect", "--format", "json", str(cable)]) == 0
    (doc,) = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["line"], r["column"]) for r in doc["repairs"]] == [
        ("banner-after-preamble", 1, 32), ("spaced-banner", 1, 32)]
    # the span's end in the findings' convention: one past the spaced banner's last letter
    spaced = doc["repairs"][1]
    assert (spaced["end_line"], spaced["end_column"]) == (1, 32 + len("C O N F I D E N T I A L"))
    assert doc["notes"][0] == "banner-after-preamble (line 1): banner found inside line 1"


def test_levels_and_controls_compare_pickle_and_print_as_values() -> None:
    """Plain classes (not dataclasses: start-up time), with a dataclass's equality, repr and defaults."""
    import pickle

    from cablelint.vocabulary import Control, Level

    v = vocabulary.default_vocabulary()
    assert pickle.loads(pickle.dumps(v.levels)) == v.levels and pickle.loads(pickle.dumps(v.controls)) == v.controls
    assert Level("X") == Level("X", 0, [], [], False, None) != Level("X", rank=1)
    assert repr(Control("NF", portion=["NF"])) == ("Control(name='NF', banner=[], portion=['NF'], level=None, "
                                                   "implies=[], cui=False, patterns=[])")
    a, b = Control("A"), Control("B")
    assert a.banner is not b.banner  # a list of its own, as default_factory gave
