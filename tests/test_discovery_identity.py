"""Discovery tells a file found twice by its identity (device and inode),
so a link into another folder, two overlapping folders or a
case-insensitive file system's other spelling lint it once (a hard link's
names are files of their own, each linted); and it keeps
nothing per file but the packed list of paths (issue 15)."""
from __future__ import annotations

import gc
import os
import random
import tracemalloc
from pathlib import Path

import pytest

from cablelint import fileid
from cablelint import files as files_mod
from cablelint import pathlist
from cablelint.files import discover
from cablelint.pathlist import PathList
from cablelint.settings import Config


def _write(*paths: Path) -> None:
    for p in paths:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", encoding="utf-8")


def test_each_name_of_a_hard_link_is_linted(tmp_path: Path, monkeypatch) -> None:
    """A hard link is not dropped without a word: each name may fall under
    another configuration, so each is linted; one name met twice is once."""
    _write(tmp_path / "a" / "f.txt", tmp_path / "a" / "g.txt")
    os.link(tmp_path / "a" / "f.txt", tmp_path / "a" / "h.txt")
    os.link(tmp_path / "a" / "g.txt", tmp_path / "b.txt")
    monkeypatch.chdir(tmp_path)
    assert discover(Config(), ["a"]).files == ["a/f.txt", "a/g.txt", "a/h.txt"]
    assert discover(Config(), ["b.txt", "a", "b.txt"]).files == ["b.txt", "a/f.txt", "a/g.txt", "a/h.txt"]


def test_a_link_met_after_its_target_in_another_folder_is_linted_once(tmp_path: Path, monkeypatch) -> None:
    """The walk meets a/f.txt before b/link.txt: the target is remembered
    because a link points at it (found before the walk), not because every
    file is."""
    _write(tmp_path / "a" / "f.txt", tmp_path / "b" / "g.txt")
    os.symlink("../a/f.txt", tmp_path / "b" / "link.txt")
    os.symlink("g.txt", tmp_path / "b" / "a-link.txt")  # met before its target, in the same folder
    monkeypatch.chdir(tmp_path)
    assert discover(Config(), ["."]).files == ["./a/f.txt", "./b/a-link.txt"]


@pytest.mark.parametrize("args", [["top", "top/sub"], ["top/sub", "top"], ["top", "alias/sub"], ["top", "top"]])
def test_folders_that_hold_one_another_lint_each_file_once(tmp_path: Path, monkeypatch, args) -> None:
    _write(tmp_path / "top" / "f.txt", tmp_path / "top" / "sub" / "g.txt")
    os.symlink("top", tmp_path / "alias")
    monkeypatch.chdir(tmp_path)
    found = discover(Config(), args).files
    assert sorted(os.path.realpath(p) for p in found) == sorted(
        os.path.realpath(tmp_path / "top" / p) for p in ("f.txt", "sub/g.txt"))


def test_two_spellings_of_one_file_are_one_file(tmp_path: Path, monkeypatch) -> None:
    """As on a case-insensitive file system (macOS): 'Corpus/F.txt' and
    'corpus/f.txt' name one file; here a link spells the other case."""
    _write(tmp_path / "corpus" / "f.txt")
    os.symlink("corpus", tmp_path / "Corpus")
    os.symlink("f.txt", tmp_path / "corpus" / "F.txt")
    monkeypatch.chdir(tmp_path)
    assert discover(Config(), ["corpus/f.txt", "Corpus/F.txt", "Corpus", "corpus"]).files == ["corpus/f.txt"]


def test_without_an_inode_the_real_path_case_folded_tells(monkeypatch) -> None:
    st = os.stat_result((0o100644, 0, 0, 1, 0, 0, 1, 0, 0, 0))
    monkeypatch.setattr(files_mod.os.path, "normcase", str.lower)  # as on Windows
    assert fileid.identity(st, "/C/Corpus/F.txt") == fileid.identity(st, "/c/corpus/f.txt")


def _traced(folder: Path) -> tuple[int, int]:
    """(memory traced after discovery, its peak during it)."""
    gc.collect()
    tracemalloc.start()
    try:
        found = discover(Config(), [str(folder)])
        gc.collect()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(found.files) > 0
    return held, peak


@pytest.mark.parametrize("memory", [1 << 20, 512])
def test_discovery_keeps_a_few_bytes_a_file(tmp_path: Path, monkeypatch, memory: int) -> None:
    """A path is its name's characters and a NUL in the packed list; no set
    of every file (a str per file in a list and a set cost ~140 bytes); and
    a folder is read a chunk of names at a time, never listed whole as str
    objects (os.walk's list: ~70 bytes a name at discovery's peak). Past
    MEMORY_NAMES (`memory`) the list waits on disk: nothing a file is held."""
    monkeypatch.setattr(files_mod, "SEGMENT_NAMES", 256)  # the chunks (4096 names), smaller than the corpora here
    monkeypatch.setattr(pathlist, "SEGMENT_NAMES", 256)
    monkeypatch.setattr(pathlist, "BLOCK", 256)  # (4096 bytes) less than a segment, as with real corpora
    monkeypatch.setattr(pathlist, "MEMORY_NAMES", memory)
    for n, name in ((1000, "small"), (5000, "big")):
        for i in range(n):
            _write(tmp_path / name / f"c{i:05d}.txt")
    _traced(tmp_path / "big")  # what a first call makes once
    big, small = _traced(tmp_path / "big"), _traced(tmp_path / "small")
    held, peak = ((b - s) / 4000 for b, s in zip(big, small))
    assert held < (20 if memory > 5000 else 1) and peak < 45, (held, peak)


@pytest.mark.parametrize("memory", [1 << 20, 4])
def test_a_path_list_is_a_list_of_its_paths(monkeypatch, memory: int) -> None:
    """In memory, and spooled (past `memory` paths) and read back a few bytes at a time."""
    monkeypatch.setattr(pathlist, "SEGMENT_NAMES", 3)  # several packed segments a folder
    monkeypatch.setattr(pathlist, "MEMORY_NAMES", memory)
    monkeypatch.setattr(pathlist, "BLOCK", 5)  # a name cut by a block's edge, a UTF-8 character too
    rnd = random.Random(15)
    for _ in range(200):
        got, want = PathList(), []
        for _ in range(rnd.randrange(25)):
            prefix = rnd.choice(["", "a/", "a/b/", "a/b-", "b/", "A/"])
            name = "".join(rnd.choice("ab.-/x\u00e9\udce9") for _ in range(rnd.randint(1, 4)))  # + os.fsdecode's
            if prefix + name not in want:
                got.add(prefix, name)
                want.append(prefix + name)
        assert got == want and len(got) == len(want) and list(got) == want and repr(got) == repr(want)
        assert got._spool or memory > 4 or len(want) <= 8  # spooled past `memory` (when packed)
        assert [got[i] for i in range(-len(want), len(want))] == want + want if want else True
        got.sort()
        want.sort()
        assert list(got) == want and [got[i] for i in range(len(want))] == want
        got.append("z")
        assert list(got) == [*want, "z"]


def test_a_walk_of_nested_folders_sorts_as_its_list_would(tmp_path: Path, monkeypatch) -> None:
    """A folder's files come before its subfolders' in discovery (the order
    inspect and fix report in); the streamed check sorts them as a list."""
    _write(*(tmp_path / p for p in ("a.txt", "m/x.txt", "m/y/z.txt", "m-1.txt", "m.txt", "z.txt", "m0/q.txt")))
    monkeypatch.chdir(tmp_path)
    found = discover(Config(), ["."]).files
    assert list(found) == ["./a.txt", "./m-1.txt", "./m.txt", "./z.txt", "./m/x.txt", "./m/y/z.txt", "./m0/q.txt"]
    want = sorted(found)
    found.sort()
    assert list(found) == want


@pytest.mark.parametrize("memory", [1 << 20, 5])
def test_a_big_folder_read_in_chunks_comes_out_sorted(tmp_path: Path, monkeypatch, memory: int) -> None:
    """A folder's names are read and sorted a chunk at a time (never a list of
    them all): the walk still gives them in sorted order, dot-files and other
    extensions left out as before; so it does with the names and the list
    waiting on disk (past `memory` names), read back a few bytes at a time."""
    monkeypatch.setattr(files_mod, "SEGMENT_NAMES", 3)
    monkeypatch.setattr(pathlist, "MEMORY_NAMES", memory)
    monkeypatch.setattr(pathlist, "BLOCK", 7)
    names = [f"{c}{i}.txt" for i in range(7) for c in "zbxa"] + [".hidden.txt", "notes.md", "B.TXT"]
    random.Random(4).shuffle(names)
    _write(*(tmp_path / "c" / n for n in names), tmp_path / "c" / "sub" / "k.txt")
    found = discover(Config(), [str(tmp_path / "c")]).files
    want = sorted(n for n in names if n.lower().endswith(".txt") and not n.startswith("."))
    assert list(found) == [str(tmp_path / "c" / n) for n in want] + [str(tmp_path / "c" / "sub" / "k.txt")]


def test_the_look_for_links_skips_what_the_walk_skips(tmp_path: Path, monkeypatch) -> None:
    """The links are looked for before the walk, in the folders it walks:
    not in a git-ignored, hidden or package folder (a build output of a
    million files costs nothing)."""
    import subprocess

    _write(tmp_path / "a" / "f.txt", tmp_path / "out" / "x.txt", tmp_path / ".hid" / "y.txt",
           tmp_path / "node_modules" / "z.txt")
    (tmp_path / ".gitignore").write_text("out/\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    scanned: list[str] = []
    real = os.scandir

    def scandir(path):
        scanned.append(os.path.basename(os.path.normpath(path)))
        return real(path)
    monkeypatch.setattr(files_mod.os, "scandir", scandir)
    fileid._link_targets(str(tmp_path), files_mod.GitFiles(), files_mod._skip_dir)
    assert sorted(scanned) == sorted([tmp_path.name, "a"])


def test_gits_list_of_a_work_tree_is_held_as_hashes(tmp_path: Path) -> None:
    """A corpus inside a git work tree: the files git lists are 8 bytes each
    (their hashes), not a set of paths; membership and folders as before."""
    top = str(tmp_path)
    dirs = {top}
    listed = list(files_mod._listed(top, b"a/b/c.txt\0d.txt\0a/e f.txt\0", dirs))
    assert listed == [os.path.join(top, p) for p in ("a/b/c.txt", "d.txt", "a/e f.txt")]
    assert dirs == {top, os.path.join(top, "a"), os.path.join(top, "a/b")}
    kept = files_mod.Hashed(listed)
    assert all(p in kept for p in listed) and len(kept) == 3
    assert os.path.join(top, "a/c.txt") not in kept and top not in kept
