"""The result cache's failures stay small (issue 15's "nothing lost"): one
shard's write error loses that shard's new entries only; hits re-stamped
after a touch are written out as the run goes, not held to the end; the
temporary files of killed runs are swept, never a live one."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from cablelint import cache, cachedir
from test_cache import _corpus
from test_cache_spill import KEY, _hits, _put_all, _segments, _stamp


def _failing_for(monkeypatch, bad: int) -> list[str]:
    """Writes of shard `bad`'s files raise OSError (a full disk, a refused
    name); the names of those refused are returned as they come."""
    refused: list[str] = []
    real = cache.write_atomic

    def write(path: Path, data: bytes) -> None:
        if path.parent.parent.name == "results" and path.name.startswith(f"{bad:03d}."):
            refused.append(path.name)
            raise OSError(28, "No space left on device")
        real(path, data)
    monkeypatch.setattr(cache, "write_atomic", write)
    return refused


def test_one_shards_write_error_loses_that_shard_only(tmp_path: Path, monkeypatch, capsys) -> None:
    files = _corpus(tmp_path / "cables", 80)
    rc = cache.ResultCache(tmp_path / "cache", KEY)
    bad = rc._shard_of(os.path.abspath(files[0]))
    mine = [p for p in files if rc._shard_of(os.path.abspath(p)) == bad]
    monkeypatch.setattr(cache, "SPILL_BYTES", 3000)  # spills mid-run, then the final merge
    refused = _failing_for(monkeypatch, bad)
    _put_all(rc, files)
    assert any(n.endswith(cache.SEGMENT) for n in refused)  # a mid-run spill of the bad shard failed...
    spilled = {p.name[:3] for p in _segments(tmp_path)}
    assert len(spilled) > 1 and f"{bad:03d}" not in spilled  # ...and the other shards' spills went on
    monkeypatch.setattr(cache, "SPILL_BYTES", 10 ** 9)
    rc.put_packed(str(files[0]), _stamp(files[0]), None)  # held to the end
    rc.save()
    assert rc.write_errors >= 2 and f"{bad:03d}.pickle" in refused  # the final merge of it failed too
    said = capsys.readouterr().err
    assert f"could not write {rc.write_errors} of its shards" in said and "linted again next run" in said  # not swallowed
    assert _hits(tmp_path / "cache", files) == len(files) - len(mine)  # every other shard was written
    assert not _segments(tmp_path / "cache")


def test_a_failed_merge_leaves_its_segments_for_the_next_run(tmp_path: Path, monkeypatch) -> None:
    files = _corpus(tmp_path / "cables", 60)
    rc = cache.ResultCache(tmp_path / "cache", KEY)
    bad = rc._shard_of(os.path.abspath(files[0]))
    monkeypatch.setattr(cache, "SPILL_BYTES", 1)  # every entry spilled as a segment
    _put_all(rc, files)
    refused = _failing_for(monkeypatch, bad)
    rc.save()  # every merge but the bad shard's
    assert refused == [f"{bad:03d}.pickle"]
    assert {p.name[:3] for p in _segments(tmp_path / "cache")} == {f"{bad:03d}"}
    assert _hits(tmp_path / "cache", files) == len(files)  # the segments still answer


def test_hits_re_stamped_after_a_touch_are_written_as_the_run_goes(tmp_path: Path, monkeypatch) -> None:
    """A fresh checkout changes every file's stamp, not its content: the
    re-stamped entries are spilled like new ones, so they do not pile up
    until save (memory growing with the corpus)."""
    files = _corpus(tmp_path / "cables", 100)
    rc = cache.ResultCache(tmp_path / "cache", KEY)
    _put_all(rc, files)
    rc.save()
    for p in files:
        os.utime(p, ns=(p.stat().st_atime_ns, p.stat().st_mtime_ns + 10 ** 9))
    monkeypatch.setattr(cache, "SPILL_BYTES", 2000)
    again = cache.ResultCache(tmp_path / "cache", KEY)
    most = 0
    real = again._check

    def check(*a):
        nonlocal most
        got = real(*a)
        most = max(most, sum(len(v) for v in again._new.values()))
        return got
    monkeypatch.setattr(again, "_check", check)
    hits = again.find_all([str(p) for p in files])
    assert hits.count == len(files) and _segments(tmp_path / "cache")  # spilled during the look-up
    assert most < 20, most  # a few entries held at a time, not the corpus
    hits.close()
    again.save()
    stamps = {k: e[:3] for n in range(cache.SHARDS) for k, e in cache._load(again._file(n)).items()}
    assert all(stamps[os.path.abspath(p)] == cache.stamp_of(p.stat()) for p in files)  # re-stamped on disk


def _tmp(folder: Path, name: str, pid: int, age: float) -> Path:
    p = folder / f".{name}.{pid}.{time.monotonic_ns()}.tmp"
    p.write_bytes(b"half a shard")
    then = time.time() - age
    os.utime(p, (then, then))
    return p


def _dead_pid() -> int:
    """A pid no process has: a child that has exited and been reaped."""
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_temporary_files_are_swept_live_ones_kept(tmp_path: Path) -> None:
    folder = tmp_path / "results" / "k"
    folder.mkdir(parents=True)
    dead, live = _dead_pid(), os.getppid()
    old_dead = _tmp(folder, "001.pickle", dead, 2 * cachedir.TMP_GONE_AGE)
    young_dead = _tmp(folder, "002.pickle", dead, 1)  # a writer elsewhere may share the folder: too young
    live_busy = _tmp(folder, "003.pickle", live, 2 * cachedir.TMP_GONE_AGE)  # a slow concurrent write
    ancient = _tmp(folder, "004.pickle", live, 2 * cachedir.TMP_MAX_AGE)  # no write takes an hour
    mine = _tmp(folder, "005.pickle", os.getpid(), 2 * cachedir.TMP_GONE_AGE)
    other = folder / ".notes.tmp"  # no pid in the name: kept until TMP_MAX_AGE
    other.write_bytes(b"x")
    (folder / "006.pickle").write_bytes(b"x")
    assert cachedir.sweep_tmp(folder) == 2
    assert not old_dead.exists() and not ancient.exists()
    assert young_dead.exists() and live_busy.exists() and mine.exists() and other.exists()
    assert (folder / "006.pickle").exists()


def test_save_sweeps_its_folder_and_the_caches_own(tmp_path: Path) -> None:
    files = _corpus(tmp_path / "cables", 4)
    rc = cache.ResultCache(tmp_path / "cache", KEY)
    rc.dir.mkdir(parents=True)
    (tmp_path / "cache" / "engines").mkdir()
    dead = _dead_pid()
    left = [_tmp(rc.dir, "000.pickle", dead, 600), _tmp(tmp_path / "cache" / "engines", "e.pickle", dead, 600)]
    _put_all(rc, files)
    rc.save()
    assert not any(p.exists() for p in left)
    assert _hits(tmp_path / "cache", files) == len(files)


def test_the_sweep_never_touches_a_users_files_in_the_cache_folder(tmp_path: Path) -> None:
    """--cache-dir . puts the cache folder in the user's project: only the
    folders cablelint makes are swept, and only the names it writes."""
    root = tmp_path / "proj"
    (root / "sub").mkdir(parents=True)
    dead = _dead_pid()
    users = [root / ".notes.tmp", root / "sub" / ".draft.tmp", root / ".tmp",
             _tmp(root, "mine.txt", dead, 2 * cachedir.TMP_MAX_AGE),  # a cache-like name, but in the user's folder
             _tmp(root / "sub", "x.pickle", dead, 2 * cachedir.TMP_MAX_AGE)]
    for p in users[:3]:
        p.write_bytes(b"user's")
        os.utime(p, (time.time() - 2 * cachedir.TMP_MAX_AGE,) * 2)
    rc = cache.ResultCache(root, KEY)
    rc.dir.mkdir(parents=True)
    (root / "engines").mkdir()
    (root / "engines" / ".notes.tmp").write_bytes(b"not a cache name")
    ours = _tmp(root / "engines", "e.pickle", dead, 2 * cachedir.TMP_GONE_AGE)
    assert cachedir.sweep_cache(root, rc.dir) == 1
    assert not ours.exists() and (root / "engines" / ".notes.tmp").exists()
    assert all(p.exists() for p in users)


def test_no_process_is_probed_on_windows(tmp_path: Path, monkeypatch) -> None:
    """os.kill(pid, 0) ends the process on Windows: there only age sweeps."""
    monkeypatch.setattr(cachedir.sys, "platform", "win32")
    monkeypatch.setattr(cachedir.os, "kill", lambda *a: pytest.fail(f"os.kill{a}"))
    folder = tmp_path / "k"
    folder.mkdir()
    young = _tmp(folder, "a.pickle", _dead_pid(), 2 * cachedir.TMP_GONE_AGE)
    old = _tmp(folder, "b.pickle", _dead_pid(), 2 * cachedir.TMP_MAX_AGE)
    assert cachedir.sweep_tmp(folder) == 1 and young.exists() and not old.exists()


def test_a_cold_look_up_keeps_nothing_per_file(tmp_path: Path) -> None:
    """Nothing stored under the run key (a cold run): no shard is read and the
    hits' per-file bits are never made."""
    paths = [str(tmp_path / f"c{i}.txt") for i in range(1000)]
    rc = cache.ResultCache(tmp_path / "cache", KEY)
    hits = rc.find_all(paths)
    assert hits.count == 0 and rc.misses == 1000 and not hits._bits and not hits._runs
    assert 5 not in hits and hits.take(5, paths[5]) is None
    files = _corpus(tmp_path / "cables", 3)
    _put_all(rc, files)
    rc.save()
    hits = cache.ResultCache(tmp_path / "cache", KEY).find_all([*paths[:2], str(files[1])])
    assert hits.count == 1 and 2 in hits and 0 not in hits and len(hits._bits) == 1  # a bit a file
    hits.close()


def test_a_cache_folder_that_cannot_be_made_holds_nothing_up(tmp_path: Path, monkeypatch) -> None:
    """A read-only checkout: every spill fails, and the entries it could not
    write are let go (a miss next run), not held on and on."""
    files = _corpus(tmp_path / "cables", 60)
    monkeypatch.setattr(cache, "SPILL_BYTES", 2000)
    monkeypatch.setattr(cache, "prepare_dir", lambda root: False)
    rc = cache.ResultCache(tmp_path / "cache", KEY)
    most = 0
    for p in files:
        rc.put_packed(str(p), _stamp(p), None)
        most = max(most, sum(len(v) for v in rc._new.values()))
    rc.save()
    assert most < 20 and not rc._new and not (tmp_path / "cache").exists()
