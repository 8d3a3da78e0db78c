"""Discovery resolves each file once (a file named twice, or through a link,
is linted once) without one lstat per path part for every file: a corpus of
symbolic links into an archive resolves each link's folder once."""
from __future__ import annotations

import os
from pathlib import Path

from cablelint.fileid import real_path


def test_realpath_of_links_is_osreal_path(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "f.txt").write_text("x", encoding="utf-8")
    os.symlink("../a/f.txt", tmp_path / "b" / "up.txt")  # `..`: left to os.path.realpath
    os.symlink(tmp_path / "a" / "f.txt", tmp_path / "b" / "abs.txt")
    os.symlink("f.txt", tmp_path / "a" / "rel.txt")
    os.symlink("rel.txt", tmp_path / "a" / "chain.txt")
    os.symlink("a", tmp_path / "c")  # a linked folder
    os.symlink("loop2", tmp_path / "b" / "loop1")
    os.symlink("loop1", tmp_path / "b" / "loop2")
    os.symlink("missing", tmp_path / "b" / "dangling.txt")
    monkeypatch.chdir(tmp_path)
    paths = [str(p) for p in sorted(tmp_path.glob("*/*"))] + ["b/up.txt", "c/chain.txt", "./a/rel.txt", "c/f.txt"]
    real_dirs: dict[str, str] = {}
    for p in paths:
        assert real_path(p, real_dirs) == os.path.realpath(p), p
    assert real_path("c/chain.txt", real_dirs) == str((tmp_path / "a" / "f.txt").resolve())


def test_a_walk_past_its_limit_stops_at_once(tmp_path: Path) -> None:
    """The cache-only path of a warm run asks for at most QUICK_MAX_FILES
    files: a corpus stops its walk there (the full run walks it once), and a
    walk within the limit finds what an unlimited one does."""
    import pytest

    from cablelint.files import TooMany, discover
    from cablelint.settings import Config

    for i in range(4):
        (tmp_path / f"c{i}.txt").write_text("x", encoding="utf-8")
    whole = discover(Config(), [str(tmp_path)])
    assert len(whole.files) == 4
    assert discover(Config(), [str(tmp_path)], limit=4).files == whole.files
    with pytest.raises(TooMany):
        discover(Config(), [str(tmp_path)], limit=2)


def test_a_file_found_twice_is_linted_once(tmp_path: Path, monkeypatch) -> None:
    """However it is reached: named again in another spelling, through a
    link beside it or in another folder, through a linked folder."""
    from cablelint.files import discover
    from cablelint.settings import Config

    (tmp_path / "a").mkdir()
    for name in ("f.txt", "g.txt"):
        (tmp_path / "a" / name).write_text("x", encoding="utf-8")
    os.symlink("f.txt", tmp_path / "a" / "link.txt")
    os.symlink("a", tmp_path / "c")
    monkeypatch.chdir(tmp_path)
    found = discover(Config(), ["a", "./a/f.txt", "a//g.txt", "c/g.txt", str(tmp_path / "a" / "f.txt")]).files
    assert found == ["a/f.txt", "a/g.txt"]
    assert discover(Config(), ["c/link.txt", "a"]).files == ["c/link.txt", "a/g.txt"]
