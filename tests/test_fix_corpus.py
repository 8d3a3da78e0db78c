"""--fix on a copy of the real corpus (../shared; skipped without it): each
safe-fixable finding goes, no finding appears that was not there before, and
a second run changes no byte; the same for --unsafe-fixes.

Only cables with a fixable finding are copied (to tmp_path, never into the
repository): every one with a safe fix or a TAG fix, and the first 20 of
those whose only fixes are the structural unsafe ones (renumbering, a
caption), which are many; the others cannot change, and this keeps the test
fast.
"""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from cablelint.cli import main
from cablelint.config import Config
from cablelint.session import Session
from cablelint.source import read


def _lint(engine, folder: Path) -> list:
    return [f for p in sorted(folder.glob("*.txt")) for f in engine.lint_source(read(p))]


def _per_file_rule(findings) -> Counter:
    return Counter((Path(f.path).name, f.rule) for f in findings)


def _fix(folder: Path, *flags: str) -> bytes:
    assert main(["check", "--isolated", "--fix-only", *flags, str(folder)]) == 0
    return b"".join(p.read_bytes() for p in sorted(folder.glob("*.txt")))


def test_fix_on_a_copy_of_the_corpus(corpus_dir: Path, tmp_path: Path, capsys) -> None:
    engine = Session.build(Config()).engine
    fixes: dict[str, set] = {}
    for p in sorted(corpus_dir.glob("*.txt")):
        for f in engine.lint_source(read(p)):
            if f.fix is not None:
                fixes.setdefault(p.name, set()).add((f.rule, f.fix.safe))
    tags = {n for n, got in fixes.items() if any(safe or rule in ("CL403", "CL405") for rule, safe in got)}
    fixable = sorted(tags) + sorted(set(fixes) - tags)[:20]
    assert len(tags) >= 40
    for name in fixable:
        shutil.copy(corpus_dir / name, tmp_path / name)
    before = _lint(engine, tmp_path)
    safe_rules = {f.rule for f in before if f.fix is not None and f.fix.safe}
    assert safe_rules >= {"CL219", "CL923", "CL924"}

    once = _fix(tmp_path)
    after = _lint(engine, tmp_path)
    assert not [f for f in after if f.fix is not None and f.fix.safe]
    assert all(n == 0 for (_, rule), n in _per_file_rule(after).items() if rule in safe_rules)
    assert not _per_file_rule(after) - _per_file_rule(before)  # no new finding in any file
    assert _fix(tmp_path) == once  # a second --fix changes no byte

    capsys.readouterr()
    twice = _fix(tmp_path, "--unsafe-fixes")
    final = _lint(engine, tmp_path)
    refused = [line for line in capsys.readouterr().err.splitlines() if "fix not applied" in line]
    left = [f for f in final if f.fix is not None]
    assert len(left) == len(refused) < 10  # a fix is applied, or refused with its reason
    # Every ISO code is fixed, but in a damaged copy (a sentence-cased TAGS line) where the fixer refuses.
    assert Counter(f.rule for f in final)["CL405"] == sum(" CL405 fix not applied" in line for line in refused)
    assert not _per_file_rule(final) - _per_file_rule(before)
    assert _fix(tmp_path, "--unsafe-fixes") == twice
