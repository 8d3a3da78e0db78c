"""The real corpus (../shared/corpus/real): every cable parses, and the
banner level agrees with the archive's metadata on at least 99% of them.

The cables that disagree are listed in the failure message; most are pages
that carry another cable's text or have no banner at all in the export.
"""
from __future__ import annotations

import csv
from pathlib import Path

from cablelint.engine import Engine
from cablelint.ruleset import load
from cablelint.source import read


def _want(cls: str) -> str:
    return cls.split("//")[0]


def test_corpus_parses_and_levels_agree(corpus_dir: Path, corpus_index: Path) -> None:
    rows = list(csv.DictReader(corpus_index.open(encoding="utf-8"), delimiter="\t"))
    assert len(rows) >= 2000
    engine = Engine([load("state")])
    disagree = []
    for row in rows:
        doc = engine.parse(read(corpus_dir / f"{row['cable_id']}.txt"))
        got = doc.level
        if got == "LIMITED OFFICIAL USE":  # the archive files LOU under UNCLASSIFIED
            got = "UNCLASSIFIED"
        if got != _want(row["classification"]):
            disagree.append(f"{row['cable_id']}: index {row['classification']}, banner {doc.level}")
    share = 1 - len(disagree) / len(rows)
    assert share >= 0.99, f"{share:.2%} agree; disagreements:\n" + "\n".join(disagree)


def test_corpus_lints_without_crashing(corpus_dir: Path) -> None:
    engine = Engine([load("state")])
    files = sorted(corpus_dir.glob("*.txt"))
    total = 0
    for f in files:
        for finding in engine.lint_source(read(f)):
            assert finding.line >= 1 and finding.column >= 1
            assert (finding.end_line, finding.end_column) >= (finding.line, finding.column)
            total += 1
    assert total > 0
