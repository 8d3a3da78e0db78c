"""The result cache and the engine cache (issue 15): a warm run gives the
same report as a cold one, a change to a file or a rule set is seen, and
nothing protected or flagged is stored in clear."""
from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from cablelint import cache, enginecache, lintpool as pool, seal
from cablelint.api import make_config
from cablelint.cli import main
from cablelint.ruleset import rules_dir
from cablelint.findings import Finding, Severity
from cablelint.session import Session

CABLE = """C O N F I D E N T I A L PARIS 000{n:03d}
E.O. 12958: DECL: 01/30/2014
TAGS: PREL FR
SUBJECT: (U) CACHE TEST
Classified By: DCM Jane Roe, reasons 1.4 (b) and (d)

1. {mark} Poloff met {name} on Monday.
"""


def _corpus(folder: Path, n: int = 6) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = folder / f"c{i:03d}.txt"
        name = "Ottilie Vandermeer" if i % 3 == 0 else "the minister"
        p.write_text(CABLE.format(n=i, mark="(C)" if i % 2 else "", name=name), encoding="utf-8")
        out.append(p)
    return out


def _run(capsys, *args: str) -> tuple[int, str]:
    code = main(["check", "--isolated", "--date", "2004-01-30", "-f", "concise", "-q", *args])
    return code, capsys.readouterr().out


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_warm_run_gives_the_same_report_and_hits(tmp_path: Path, capsys) -> None:
    files = _corpus(tmp_path / "cables")
    cdir = tmp_path / "cache"
    cold = _run(capsys, "--cache-dir", str(cdir), str(tmp_path / "cables"))
    assert (cdir / ".gitignore").read_text().strip().endswith("*") and (cdir / "CACHEDIR.TAG").is_file()
    warm = _run(capsys, "--cache-dir", str(cdir), str(tmp_path / "cables"))
    assert cold == warm and "CL102" in cold[1]
    engine = Session.build(make_config(None, date="2004-01-30"), cache_root=cdir).engine
    results = cache.ResultCache(cdir, engine.fingerprint)
    assert all(results.get(str(f)) is not cache.MISS for f in files)  # the CLI's run key is the API's too


def test_a_changed_file_is_linted_again_and_a_touched_one_hits(tmp_path: Path, capsys) -> None:
    files = _corpus(tmp_path / "cables", 2)
    cdir = tmp_path / "cache"
    _run(capsys, "--cache-dir", str(cdir), str(files[0]))
    engine = Session.build(make_config(None, date="2004-01-30"), cache_root=cdir).engine
    st = files[0].stat()
    os.utime(files[0], ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))  # same content, new mtime
    results = cache.ResultCache(cdir, engine.fingerprint)
    assert results.get(str(files[0])) is not cache.MISS and results.hits == 1
    files[0].write_text(CABLE.format(n=0, mark="(C)", name="the minister"), encoding="utf-8")  # the missing mark is added
    results = cache.ResultCache(cdir, engine.fingerprint)
    assert results.get(str(files[0])) is cache.MISS
    code, out = _run(capsys, "--cache-dir", str(cdir), str(files[0]))
    assert "CL102" not in out


def test_a_changed_rule_file_rebuilds_the_engine_and_its_findings(tmp_path: Path, capsys) -> None:
    files = _corpus(tmp_path / "cables", 1)
    for name in ("state.yaml", "markings.yaml"):
        shutil.copy(rules_dir() / name, tmp_path / name)
    house = tmp_path / "house.yaml"
    house.write_text((rules_dir() / "state.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    cdir = tmp_path / "cache"
    _, before = _run(capsys, "--cache-dir", str(cdir), "--rules", str(house), str(files[0]))
    text = house.read_text(encoding="utf-8")
    assert "CL102" in before and "\n  - id: CL102\n" in text
    head, tail = text.split("\n  - id: CL102\n", 1)
    msg_at = tail.index("    message:")
    end = tail.index("\n", msg_at)
    house.write_text(head + "\n  - id: CL102\n" + tail[:msg_at] + '    message: "RENAMED MESSAGE"' + tail[end:],
                     encoding="utf-8")
    _, after = _run(capsys, "--cache-dir", str(cdir), "--rules", str(house), str(files[0]))
    assert "RENAMED MESSAGE" in after and "RENAMED MESSAGE" not in before


def test_no_protected_term_nor_flagged_text_is_stored(tmp_path: Path, capsys) -> None:
    files = _corpus(tmp_path / "cables", 4)
    plist = tmp_path / "names.txt"
    plist.write_text("Ottilie Vandermeer\n", encoding="utf-8")
    cdir = tmp_path / "cache"
    args = ["--cache-dir", str(cdir), "--protect", str(plist), "-r", "state", "-r", "release",
            "--as-of", "2010-01-01", str(tmp_path / "cables")]
    cold = _run(capsys, *args)
    warm = _run(capsys, *args)
    assert cold == warm and "CL601" in cold[1]
    stored = _all_bytes(cdir)
    assert b"Vandermeer" not in stored and b"Ottilie" not in stored
    assert list((cdir / "results").rglob("*.pickle"))  # the files without the name were cached
    # Without a protect list the name is ordinary text: cached, but only as spans, never quoted.
    _run(capsys, "--cache-dir", str(cdir), str(tmp_path / "cables"))
    spans = [f for shard in (cdir / "results").rglob("*.pickle")
             for entry in pickle.loads(seal.read(shard)).values() if entry[5]
             for f in cache.unpack(entry[5], entry[4], entry[4])]
    assert spans  # findings are stored, as spans...
    assert b"Vandermeer" not in _all_bytes(cdir / "results")  # ...never quoted
    assert files


def test_no_cache_writes_nothing(tmp_path: Path, capsys, monkeypatch) -> None:
    _corpus(tmp_path / "cables", 2)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CABLELINT_CACHE_DIR", raising=False)
    _run(capsys, "--no-cache", "cables")
    assert not (tmp_path / cache.DIR_NAME).exists()
    _run(capsys, "cables")
    assert (tmp_path / cache.DIR_NAME / "results").is_dir()  # the default place, in the current directory


def test_shards_are_replaced_atomically_and_keys_are_bounded(tmp_path: Path) -> None:
    a = cache.ResultCache(tmp_path, "k" * 64)
    b = cache.ResultCache(tmp_path, "k" * 64)
    found = Finding("one.txt", "CL101", "name", Severity.ERROR, "message", 1, 1, 1, 2, 0, 1, "flagged")
    a.put("one.txt", (1, 1, 1, b"h1"), [found])
    b.put("two.txt", (1, 1, 1, b"h2"), [found])
    a.save()
    b.save()  # a concurrent run: the last writer wins, the file is whole
    for shard in (tmp_path / "results").rglob("*.pickle"):
        assert isinstance(pickle.loads(seal.read(shard)), dict)
    assert not list(tmp_path.rglob("*.tmp"))
    for i in range(cache.MAX_KEYS + 3):
        c = cache.ResultCache(tmp_path, f"{i:02d}" + "k" * 62)
        c.put("x.txt", (1, 1, 1, b"h"), [])
        c.save()
    assert len(list((tmp_path / "results").iterdir())) == cache.MAX_KEYS


def test_a_damaged_cache_is_a_miss_not_an_error(tmp_path: Path, capsys) -> None:
    _corpus(tmp_path / "cables", 2)
    cdir = tmp_path / "cache"
    cold = _run(capsys, "--cache-dir", str(cdir), str(tmp_path / "cables"))
    for p in cdir.rglob("*.pickle"):
        p.write_bytes(b"not a pickle")
    assert _run(capsys, "--cache-dir", str(cdir), str(tmp_path / "cables")) == cold


def test_engine_cache_loads_without_the_rule_loader(tmp_path: Path) -> None:
    cfg = make_config(None)
    first = Session.build(cfg, cache_root=tmp_path).engine
    second = enginecache.cached_build(cfg, {}, lambda: pytest.fail("rebuilt instead of loaded"), tmp_path)
    assert first.fingerprint == second.fingerprint and first.fingerprint
    assert sorted(second.rules) == sorted(first.rules)


def test_workers_send_no_text_and_the_parent_fills_it_when_asked(tmp_path: Path) -> None:
    files = [str(p) for p in _corpus(tmp_path / "cables", 3)]
    session = Session.build(make_config(None, date="2004-01-30"))
    pool._ENGINE = session.engine
    pool._worker_init(None)  # as in a forked worker
    try:
        packed = pool._lint_path(files[0])[1]
    finally:
        pool._ENGINE, pool._KEEP_MATCHED = None, True
    assert isinstance(packed, bytes)  # packed as the result cache stores findings: plain tuples
    found = cache.unpack(packed, files[0], files[0])
    assert found and all(f.matched == "" for f in found)
    run = session.lint(files, jobs=2)
    alone = session.lint(files, jobs=1)
    assert [(f.path, f.rule, f.start, f.matched) for f in run.findings] == \
        [(f.path, f.rule, f.start, f.matched) for f in alone.findings]
    assert any(f.matched for f in run.findings)
    assert set(run.sources) == set(files) and run.sources[files[0]].text.startswith("C O N F")


def test_default_jobs_use_every_core_only_for_big_runs() -> None:
    cores = os.cpu_count() or 1
    assert pool.resolve_jobs(None, 10) == 1
    assert pool.resolve_jobs(None, pool.AUTO_MIN_FILES) == cores
    assert pool.resolve_jobs(1, 10_000) == 1 and pool.resolve_jobs(0, 1) == cores


def test_protected_rules_get_their_flagged_text_back_for_the_mask(tmp_path: Path) -> None:
    files = [str(p) for p in _corpus(tmp_path / "cables", 3)]
    plist = tmp_path / "names.txt"
    plist.write_text("Ottilie Vandermeer\n", encoding="utf-8")
    cfg = make_config(None, date="2004-01-30", rules=["state", "release"], protect=[str(plist)], as_of="2010-01-01")
    run = Session.build(cfg).lint(files, jobs=2, need_matched=False)
    flagged = [f for f in run.findings if f.rule == "CL601"]
    assert flagged and all(f.matched == "Ottilie Vandermeer" for f in flagged)
    assert all(not f.matched for f in run.findings if f.rule == "CL102")  # no output asked for those


def test_a_cached_finding_keeps_its_related_findings_under_the_run_s_path(tmp_path: Path) -> None:
    c = cache.ResultCache(tmp_path, "r" * 64)
    part = Finding("./a.txt", "CL502", "n", Severity.WARNING, "part", 3, 1, 3, 2, 10, 11, "x")
    whole = Finding("./a.txt", "CL502", "n", Severity.WARNING, "1 more like it", 1, 1, 1, 2, 0, 1, "y",
                    related=[part])
    (tmp_path / "a.txt").write_text("y\n\nx\n", encoding="utf-8")
    st = (tmp_path / "a.txt").stat()
    c.put(str(tmp_path / "a.txt"), (*cache.stamp_of(st), b"h"), [whole])
    c.save()
    got = cache.ResultCache(tmp_path, "r" * 64).get(str(tmp_path / "a.txt"))
    assert got[0].message == "1 more like it" and got[0].related[0].message == "part"
    assert got[0].matched == got[0].related[0].matched == ""


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_without_the_cache_hashes_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    """The result cache's stamp (a stat and the content's sha256, ~20 us a
    cable) is made only when there is a cache to write it to; the findings
    are the same either way."""
    files = [str(p) for p in _corpus(tmp_path / "cables", 4)]
    hashed: list[int] = []
    digest = cache.content_digest
    monkeypatch.setattr(cache, "content_digest", lambda data: hashed.append(len(data)) or digest(data))
    monkeypatch.setattr(pool, "AUTO_MIN_FILES", 1)
    session = Session.build(make_config(None, date="2004-01-30"), cache_root=tmp_path / "cache")  # a fingerprint
    plain = [(f, [x.sort_key() for x in got or []]) for f, got, _, _ in
             pool.lint_files(session.engine, files, jobs=jobs, cache_root=None)]
    assert not hashed
    cached = [(f, [x.sort_key() for x in got or []]) for f, got, _, _ in
              pool.lint_files(session.engine, files, jobs=1, cache_root=tmp_path / "cache")]
    assert len(hashed) == len(files) and cached == plain and any(found for _, found in plain)
