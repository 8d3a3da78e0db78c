"""rules/snapshot.json: the shipped rule files parsed ahead of time
(rulesnapshot.py). It must be current, give exactly the tree the YAML parse
gives, and never stand in for a file whose bytes differ."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cablelint import build_snapshot, rulesnapshot, yamlio
from cablelint.rule import RuleSetError
from cablelint.seal import sha256
from cablelint.ruleset import load
from cablelint.vocabulary import rules_dir
from cablelint.yamlparse import parse


def _same(a, b, where: str = "") -> None:
    """Equal values, equal types (a _Map stays a _Map, a date a date), equal lines."""
    assert type(a) is type(b), where
    if isinstance(a, yamlio._Map):
        assert (a.line, a.key_lines, list(a)) == (b.line, b.key_lines, list(b)), where
        for k in a:
            _same(a[k], b[k], f"{where}/{k}")
    elif isinstance(a, yamlio._Seq):
        assert (a.line, a.item_lines, len(a)) == (b.line, b.item_lines, len(b)), where
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{where}/{i}")
    else:
        assert a == b, where


def test_the_snapshot_is_current() -> None:
    """Fails after a rule file is edited until `python -m cablelint.rulesnapshot` is run."""
    assert build_snapshot.snapshot_path().read_text(encoding="utf-8") == build_snapshot.build(), \
        "rules/snapshot.json is stale: run `python -m cablelint.build_snapshot`"


@pytest.mark.parametrize("name", sorted(p.name for p in rules_dir().glob("*.yaml")))
def test_a_shipped_file_read_through_the_snapshot_is_the_parsed_file(name: str) -> None:
    path = rules_dir() / name
    got = yamlio.read_yaml(path, RuleSetError)
    served = rulesnapshot.lookup(path, sha256(path.read_bytes()).hexdigest())
    assert got is not None and served is not None  # the snapshot holds it
    _same(got, parse(path.read_text(encoding="utf-8"), path, RuleSetError), name)
    assert got is not yamlio.read_yaml(path, RuleSetError)  # each caller gets its own tree


def _as_shipped(monkeypatch, folder: Path) -> None:
    """Let `folder` stand for the shipped rules folder (the only one whose snapshot is trusted)."""
    monkeypatch.setattr(rulesnapshot, "_SHIPPED", [folder.resolve()])
    monkeypatch.setattr(rulesnapshot, "_READ", {})


def test_an_edited_rule_file_is_parsed_not_taken_from_the_snapshot(tmp_path: Path, monkeypatch) -> None:
    """Same name, other bytes, beside the snapshot: the file's own lines, and its errors at its own file:line."""
    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(rules_dir() / rulesnapshot.NAME, folder)
    shutil.copy(rules_dir() / "cui.yaml", folder)
    _as_shipped(monkeypatch, folder)
    unedited = folder / "cui.yaml"
    assert rulesnapshot.lookup(unedited, sha256(unedited.read_bytes()).hexdigest()) is not None  # the snapshot is live
    edited = folder / "state.yaml"
    edited.write_text("# a comment line moves every line down\n" + (rules_dir() / "state.yaml").read_text(
        encoding="utf-8"), encoding="utf-8")
    assert rulesnapshot.lookup(edited, sha256(edited.read_bytes()).hexdigest()) is None
    got = yamlio.read_yaml(edited, RuleSetError)
    shipped = yamlio.read_yaml(rules_dir() / "state.yaml", RuleSetError)
    assert got == shipped and got.key_lines["rules"] == shipped.key_lines["rules"] + 1
    first_rule = got["rules"][0]
    edited.write_text(edited.read_text(encoding="utf-8").replace(f"id: {first_rule['id']}\n",
                                                                 f"id: {first_rule['id']}\n    bogus: 1\n", 1),
                      encoding="utf-8")
    with pytest.raises(RuleSetError, match=rf"^{edited}:\d+: .*bogus"):
        load(str(edited))


def test_a_missing_or_damaged_snapshot_only_costs_a_parse(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "cui.yaml"
    shutil.copy(rules_dir() / "cui.yaml", path)
    good = (rules_dir() / rulesnapshot.NAME).read_text(encoding="utf-8")
    for text in (good, None, "{not json", '{"format": 999, "files": {}}', '{"format": 1, "files": []}'):
        snap = tmp_path / rulesnapshot.NAME
        snap.unlink(missing_ok=True)
        if text is not None:
            snap.write_text(text, encoding="utf-8")
        _as_shipped(monkeypatch, tmp_path)
        assert (rulesnapshot.lookup(path, sha256(path.read_bytes()).hexdigest()) is not None) == (text == good)
        _same(yamlio.read_yaml(path, RuleSetError), parse(path.read_text(encoding="utf-8"), path, RuleSetError))


def test_the_encoding_round_trips_every_value_kind() -> None:
    text = ("a: 1\nb: [x, 2.5, true, null, 2004-01-30]\nc:\n  d: {e: [1, [2]]}\n"
            "7: seven\nf: 'a \"quoted\" ü'\n")
    tree = parse(text, "t.yaml", RuleSetError)
    _same(rulesnapshot.decode(rulesnapshot.encode(tree)), tree)


def test_the_check_command_reports_a_stale_snapshot(tmp_path: Path, monkeypatch, capsys) -> None:
    """`python -m cablelint.build_snapshot --check` is what a hook runs; without it, the file is rewritten."""
    root = Path(rulesnapshot.__file__).parents[1]
    out = subprocess.run([sys.executable, "-m", "cablelint.build_snapshot", "--check"], capture_output=True,
                         text=True, cwd=root)
    assert out.returncode == 0, out.stderr
    stale = tmp_path / "snapshot.json"
    stale.write_text(build_snapshot.snapshot_path().read_text(encoding="utf-8").replace('"sha256": "', '"sha256": "0', 1),
                     encoding="utf-8")
    monkeypatch.setattr(build_snapshot, "snapshot_path", lambda: stale)
    assert build_snapshot.main(["--check"]) == 1 and "stale" in capsys.readouterr().err
    assert build_snapshot.main([]) == 0 and build_snapshot.main(["--check"]) == 0


def test_the_engine_cache_records_the_bytes_the_build_read(tmp_path: Path) -> None:
    """A rule file edited while the engine is built is found changed next run
    (its recorded digest is of the text the build used, not of the new one)."""
    from cablelint import enginecache

    house = tmp_path / "house.yaml"
    house.write_text("name: house\n", encoding="utf-8")

    def build() -> object:
        yamlio.read_yaml(house, RuleSetError)
        house.write_text("name: edited\n", encoding="utf-8")
        return object()

    _, deps = enginecache._build_recording(build)
    assert deps == [(str(house), sha256(b"name: house\n").hexdigest())]


def test_an_edit_beside_the_snapshot_takes_effect(tmp_path: Path, monkeypatch) -> None:
    """A rule folder that holds the snapshot (a source checkout, an installed
    package) with one file edited in place: the edit is what the loader sees."""
    folder = tmp_path / "rules"
    shutil.copytree(rules_dir(), folder)
    _as_shipped(monkeypatch, folder)
    text = (folder / "state.yaml").read_text(encoding="utf-8")
    (folder / "state.yaml").write_text(text.replace("severity: error", "severity: info", 1), encoding="utf-8")
    shipped = {r.id: r.severity for r in load(str(rules_dir() / "state.yaml")).rules}
    edited = {r.id: r.severity for r in load(str(folder / "state.yaml")).rules}
    assert shipped.keys() == edited.keys()
    assert [rid for rid in shipped if shipped[rid] != edited[rid]] != []
    here = [(r.id, r.severity, r.message, r.when) for r in load(str(folder / "cui.yaml")).rules]
    assert here == [(r.id, r.severity, r.message, r.when) for r in load("cui").rules]  # unedited: as shipped


def _doctored_copy(tmp_path: Path) -> tuple[Path, str]:
    """A copy of the shipped folder whose snapshot entry for cui.yaml keeps
    the file's digest but holds another tree (a snapshot from an older parser)."""
    import json

    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(rules_dir() / "cui.yaml", folder)
    data = json.loads((rules_dir() / rulesnapshot.NAME).read_text(encoding="utf-8"))
    data["files"]["cui.yaml"]["tree"] = ["m", 1, [["name", 1, "not what the file says"]]]
    (folder / rulesnapshot.NAME).write_text(json.dumps(data), encoding="utf-8")
    return folder / "cui.yaml", sha256((folder / "cui.yaml").read_bytes()).hexdigest()


def test_a_snapshot_beside_other_rule_files_is_not_trusted(tmp_path: Path, monkeypatch) -> None:
    path, digest = _doctored_copy(tmp_path)
    monkeypatch.setattr(rulesnapshot, "_READ", {})
    assert rulesnapshot.lookup(path, digest) is None
    _same(yamlio.read_yaml(path, RuleSetError), parse(path.read_text(encoding="utf-8"), path, RuleSetError))
    _as_shipped(monkeypatch, path.parent)  # the same files as the shipped folder: served, so the guard is what held
    assert rulesnapshot.lookup(path, digest)["name"] == "not what the file says"


def test_a_damaged_entry_is_parsed_instead(tmp_path: Path, monkeypatch) -> None:
    path, digest = _doctored_copy(tmp_path)
    damaged = (path.parent / rulesnapshot.NAME).read_text(encoding="utf-8").replace(
        '["name", 1, "not what the file says"]', '["name", 1]', 1)  # a key without its value
    (path.parent / rulesnapshot.NAME).write_text(damaged, encoding="utf-8")
    _as_shipped(monkeypatch, path.parent)
    assert rulesnapshot.lookup(path, digest) is None
    _same(yamlio.read_yaml(path, RuleSetError), parse(path.read_text(encoding="utf-8"), path, RuleSetError))


def test_a_key_the_snapshot_cannot_give_back_is_refused_when_built() -> None:
    tree = parse("2004-01-30: a date as a key\n", "t.yaml", RuleSetError)
    with pytest.raises(TypeError, match="mapping key"):
        rulesnapshot.encode(tree)
