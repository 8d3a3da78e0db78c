"""Streamed reports and a cache that spills (issue 15): a corpus run writes
findings as files are linted and keeps counters, not findings, with output
byte-identical to the report built from the whole sorted list; the result
cache writes its new entries out as it goes."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from cablelint import cache
from cablelint.api import make_config
from cablelint.cli import main
from cablelint.findings import Finding, Severity
from cablelint.reporters import FORMATS, get
from cablelint.session import Session

from cables import short_cable


def _tree(root: Path) -> None:
    """Files whose walk order (a folder's files before its subfolders) is not
    their sorted order ('a/b/x.txt' < 'a/z.txt'), one unreadable, one no cable."""
    for i, rel in enumerate(["a/z.txt", "a/b/x.txt", "a/b/y.txt", "a-c.txt", "m.txt"]):
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(short_cable(i, "(C)" if i % 2 else ""), encoding="utf-8")
    (root / "a" / "readme.txt").write_text("no marking here\n", encoding="utf-8")
    (root / "a" / "bad.txt").write_bytes(b"\x00\x01binary")


def _both(root: Path, fmt: str, monkeypatch: pytest.MonkeyPatch, *extra: str) -> tuple[str, str, int]:
    """The same check streamed and from the whole list (--show-files turns streaming off
    and only adds notes on stderr)."""
    outs = []
    for more in ([], ["--show-files"]):
        monkeypatch.chdir(root)
        code = main(["check", "--isolated", "--no-cache", "--date", "2004-01-30", "-f", fmt, "-o", f"out-{len(outs)}",
                     *more, *extra, "a", "a-c.txt", "m.txt"])
        text = (root / f"out-{len(outs)}").read_text(encoding="utf-8")
        outs.append(re.sub(r'\[\d+\.\d+s\]|time="[\d.]+"', "[time]", text))
        outs.append(code)
    return outs[0], outs[2], outs[1] - outs[3]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_streamed_report_is_the_report_of_the_sorted_list(tmp_path: Path, monkeypatch, fmt: str) -> None:
    _tree(tmp_path)
    streamed, whole, code_diff = _both(tmp_path, fmt, monkeypatch)
    assert streamed == whole and code_diff == 0
    assert "CL502" in streamed or fmt == "junit"


def test_a_streamed_report_counts_what_it_does_not_show(tmp_path: Path, monkeypatch) -> None:
    _tree(tmp_path)
    streamed, whole, _ = _both(tmp_path, "concise", monkeypatch, "--min-severity", "error", "--fail-on", "info")
    assert streamed == whole and "not shown" in streamed


def test_a_streamed_report_shows_the_source_lines(tmp_path: Path, monkeypatch) -> None:
    _tree(tmp_path)
    streamed, whole, _ = _both(tmp_path, "full", monkeypatch, "--show-source")
    assert streamed == whole and "3. (U) A gap" in streamed


def test_stream_gives_the_sorted_findings_and_fills_the_run(tmp_path: Path) -> None:
    _tree(tmp_path)
    session = Session.build(make_config(None, date="2004-01-30"))
    paths = [str(tmp_path / "a"), str(tmp_path / "m.txt"), str(tmp_path / "gone.txt")]
    whole = session.lint(paths, jobs=1)
    run = session.lint(paths, jobs=1, stream=True, stdin=("<stdin>", short_cable(9, "").encode()))
    assert run.stream is not None and not run.linted  # nothing linted until it is gone through
    got = list(run.stream)
    assert got == sorted(got, key=Finding.sort_key)
    assert [f for f in got if f.path != "<stdin>"] == whole.findings
    assert any(f.path == "<stdin>" for f in got) and len(run.linted) == len(whole.linted) + 1
    assert sorted(run.notes) == sorted(whole.notes)  # linted in path order, so noted in it


def test_no_stream_when_the_output_needs_the_whole_run(tmp_path: Path) -> None:
    plist = tmp_path / "names.txt"
    plist.write_text("Jane Roe\n", encoding="utf-8")
    masked = Session.build(make_config(None, protect=[str(plist)]))
    assert not masked.can_stream() and masked.lint([str(plist)], stream=True).stream is None
    plain = Session.build(make_config(None))
    assert plain.can_stream() and not plain.can_stream(baseline="b.json")


def _finding(path: str, i: int) -> Finding:
    return Finding(path, "CL101", "name", Severity.ERROR, f"message {i}", 1, 1, 1, 2, 0, 1, "flagged")


def test_the_cache_spills_its_new_entries_and_keeps_them_all(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(cache, "SPILL_BYTES", 2000)
    files = []
    for i in range(40):
        p = tmp_path / "cables" / f"{i:02d}.txt"
        p.parent.mkdir(exist_ok=True)
        p.write_text(f"text {i}\n", encoding="utf-8")
        files.append(str(p))
    c = cache.ResultCache(tmp_path / "cache", "s" * 64)
    for i, f in enumerate(files):
        c.put(f, (*cache.stamp_of(os.stat(f)), b"h"), [_finding(f, i)])
        assert c._held <= cache.SPILL_BYTES  # written out, not held
    c.save()
    again = cache.ResultCache(tmp_path / "cache", "s" * 64)
    assert [again.get(f)[0].message for f in files] == [f"message {i}" for i in range(40)]
    assert again.get(files[0])[0].matched == ""  # never stored
    Path(files[1]).write_text("changed\n", encoding="utf-8")
    assert again.get(files[1]) is cache.MISS


def test_a_full_shard_drops_files_gone_then_its_oldest(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(cache, "MAX_SHARD_ENTRIES", 3)
    live = tmp_path / "live.txt"
    live.write_text("x", encoding="utf-8")
    shard = {str(tmp_path / "gone.txt"): (), "old": (), str(live): (), "new1": (), "new2": ()}
    assert list(cache.bounded(shard)) == [str(live)]  # "old", "new1", "new2" are no files either
    shard = {str(live): (), **{str(tmp_path / f"f{i}"): () for i in range(5)}}
    for i in range(5):
        (tmp_path / f"f{i}").write_text("x", encoding="utf-8")
    assert list(cache.bounded(shard)) == [str(tmp_path / f"f{i}") for i in (2, 3, 4)]


def test_every_streaming_format_has_chunks() -> None:
    streaming = {n for n in FORMATS if hasattr(get(n), "chunks")}
    assert streaming == set(FORMATS) - {"junit"}
