"""A message never quotes the cable's own words (quoting.py): a custom rule's
`{value}` or named group on a target of prose or names prints as
`[cable text]`; marking tokens (a TAG, a portion mark) are quoted as before."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cablelint import api, quoting
from cablelint.cli import main
from cablelint.vocabulary import Vocabulary, default_vocabulary, default_vocabulary_data

CABLE = """UNCLAS FICTION CITY 000124
E.O. 13526: N/A
TAGS: PREL FR
SUBJECT: SOURCE ZORBALOV MET THE AMBASSADOR

1. (U) Text.
"""
RULES = r"""
kind: ruleset
name: quoting-test
description: rules whose messages quote what they flag
rules:
  - id: QQ101
    name: source-named
    severity: error
    kind: pattern
    target: lines
    forbid: 'SOURCE (?P<who>[A-Z]+)'
    message: "line names {value} ({who}) on {where}"
    autofix: {replace: "SOURCE {who|lower}", safe: false}
  - id: QQ102
    name: subject-said
    severity: warning
    kind: pattern
    target: subject
    match: 'NOTHING'
    message: "subject reads {value}"
  - id: QQ103
    name: tag-quoted
    severity: info
    kind: pattern
    target: tags
    forbid: 'FR'
    message: "TAG {value} quoted"
"""


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    cable, rules = tmp_path / "cable.txt", tmp_path / "quoting.yaml"
    cable.write_text(CABLE, encoding="utf-8")
    rules.write_text(RULES, encoding="utf-8")
    return cable, rules


def test_free_text_values_print_as_cable_text(files, capsys) -> None:
    cable, rules = files
    main(["check", "--isolated", "--no-cache", "-r", str(rules), "--date", "2012-03-05", "-f", "json", str(cable)])
    got = {f["rule"]: f["message"] for f in json.loads(capsys.readouterr().out)}
    assert got["QQ101"] == "line names [cable text] ([cable text]) on line 4"
    assert got["QQ102"] == "subject reads [cable text]"
    assert got["QQ103"] == "TAG FR quoted"  # a marking token, as the shipped rules quote them


def test_the_fix_and_show_matches_still_get_the_text(files) -> None:
    cable, rules = files
    eng = api.make_engine([api.load_ruleset(str(rules))], date="2012-03-05")
    f = next(f for f in api.lint_text(CABLE, engine=eng) if f.rule == "QQ101")
    assert f.matched == "SOURCE ZORBALOV"  # what --show-matches prints
    assert [e.replacement for e in f.fix.edits] == ["SOURCE zorbalov"]


def test_which_targets_are_free_text() -> None:
    v = default_vocabulary()
    for target in ("lines", "body.lines", "subject", "paragraphs.unmarked", "classified_by.name", "signature",
                   "fields.POC", "fieldlines.Derived From", "fields.classified by", "fields.Controlled By",
                   "tags_line", "fields.Drafted By", "a.target.added.later"):
        assert quoting.free_text(target, v), target
    for target in ("tags", "portions", "decl.exemptions", "fieldlines.Declassify On", "fields.CUI Category",
                   "banner.controls.NOFORN", "portions.codes.REL TO", "markings.tokens", None):
        assert not quoting.free_text(target, v), target
    # A field is the cable's words unless the vocabulary marks it `marking: true`.
    own = Vocabulary(default_vocabulary_data())
    own.extend({"fields": [{"name": "Drafted By", "spellings": ["Drafted By"]},
                           {"name": "Serial", "spellings": ["Serial"], "marking": True}]})
    assert quoting.free_text("fields.Drafted By", own) and not quoting.free_text("fields.Serial", own)


VALUE_RULES = r"""
kind: ruleset
name: quoting-values
description: messages that quote values other than {value}
vocabulary:
  fields:
    - {name: Drafted By}
rules:
  - id: QQ201
    name: agree-other
    severity: error
    kind: agreement
    target: subject
    against: classified_by.name
    message: "subject {value} differs from {other} expected {expected}"
  - id: QQ202
    name: absence-hint
    severity: error
    kind: absence
    target: classified_by.name
    hints:
      - {match: '(\w+)$', hint: 'surname \1'}
    message: "no classifier name {value} allowed, {hint}"
  - id: QQ203
    name: banner-against-subject
    severity: error
    kind: agreement
    target: banner
    against: subject
    message: "banner {value} differs from {other} ({expected})"
  - id: QQ301
    name: drafted
    severity: error
    kind: pattern
    target: fields.Drafted By
    forbid: '.+'
    message: "drafter {value}"
  - id: QQ302
    name: controlled
    severity: error
    kind: pattern
    target: fields.Controlled By
    forbid: '.+'
    message: "controlled by {value}"
"""
VALUE_CABLE = """CONFIDENTIAL

E.O. 12958: DECL: 01/27/2021
TAGS: PREL TU
SUBJECT: SOURCE ZORBALOV MET THE AMBASSADOR
Drafted By: POL:MZORBALOV
Controlled By: Office of Mehmet Zorbalov

Classified By: Ambassador James Jeffrey, reasons 1.4 (b) and (d)

1. (C) Poloff met Mehmet Zorbalov on January 27.

CONFIDENTIAL
"""


def test_every_value_taken_from_the_cables_words_is_masked(tmp_path: Path, capsys) -> None:
    # agreement's {other}/{expected} come from `against`, absence's {hint} from
    # the value; a field a rule set adds, and Controlled By, hold names.
    (tmp_path / "c.txt").write_text(VALUE_CABLE, encoding="utf-8")
    (tmp_path / "r.yaml").write_text(VALUE_RULES, encoding="utf-8")
    main(["check", "--isolated", "--no-cache", "-r", str(tmp_path / "r.yaml"), "--date", "2011-01-28",
          "-f", "json", str(tmp_path / "c.txt")])
    got = {f["rule"]: f["message"] for f in json.loads(capsys.readouterr().out)}
    assert got == {"QQ201": "subject [cable text] differs from [cable text] expected [cable text]",
                   "QQ202": "no classifier name [cable text] allowed, [cable text]",  # the whole hint
                   "QQ203": "banner CONFIDENTIAL differs from [cable text] ([cable text])",
                   "QQ301": "drafter [cable text]", "QQ302": "controlled by [cable text]"}


def test_no_shipped_rule_quotes_the_cables_words() -> None:
    """The shipped messages quote marking tokens only, so none of them changes."""
    v = default_vocabulary()
    for name in ("state", "release", "capco", "cui"):
        for rule in api.load_ruleset(name).rules:
            quoted = quoting.quoted_keys(rule, v)
            assert not any("{" + k in rule.message for k in quoted), rule.id
