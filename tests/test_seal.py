"""Cache pickles are sealed (seal.py): a cache folder this user did not write,
such as one committed to a repository, is never unpickled; runs stay right."""
from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from cablelint import cache, enginecache, seal
from cablelint.cli import main

CABLE = """C O N F I D E N T I A L PARIS 000123
E.O. 12958: DECL: 01/30/2014
TAGS: PREL FR
SUBJECT: (U) SEAL TEST
Classified By: DCM Jane Roe, reasons 1.4 (b) and (d)

1. Poloff met the minister on Monday.
"""


class _Planted:
    """Unpickling this creates `marker`: what a hostile cache file would run."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (self.marker,))


def _run(capsys, cdir: Path, target: Path) -> str:
    main(["check", "--isolated", "--date", "2004-01-30", "-f", "concise", "-q", "--cache-dir", str(cdir), str(target)])
    return capsys.readouterr().out


@pytest.fixture()
def secret_dir(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "secret"
    monkeypatch.setenv("CABLELINT_SECRET_DIR", str(folder))
    seal._secret.cache_clear()
    yield folder
    seal._secret.cache_clear()


def test_seal_round_trip_and_foreign_blobs_refused(secret_dir: Path, monkeypatch, tmp_path: Path) -> None:
    blob = seal.seal(b"payload")
    assert blob is not None and seal.unseal(blob) == b"payload"
    assert (secret_dir / seal.KEY_NAME).stat().st_mode & 0o077 == 0  # readable by this user only
    assert seal.unseal(blob[:-1] + b"X") is None  # tampered payload
    assert seal.unseal(pickle.dumps({"a": 1})) is None  # a plain pickle, as an old or hostile file holds
    monkeypatch.setenv("CABLELINT_SECRET_DIR", str(tmp_path / "other-user"))
    assert seal.unseal(blob) is None  # sealed by someone else


def test_planted_cache_files_are_never_unpickled(secret_dir: Path, tmp_path: Path, capsys) -> None:
    cable = tmp_path / "cables" / "a.txt"
    cable.parent.mkdir()
    cable.write_text(CABLE, encoding="utf-8")
    cdir = tmp_path / "cache"
    expected = _run(capsys, cdir, cable)
    assert "CL102" in expected
    marker = tmp_path / "pwned"
    hostile = pickle.dumps(_Planted(str(marker)))
    planted = [p for p in cdir.rglob("*.pickle")]
    assert {p.relative_to(cdir).parts[0] for p in planted} == {"results", "engines", "briefs", "patterns"}
    for p in planted:  # as a repository that commits .cablelint_cache/ could
        p.write_bytes(hostile)
    assert _run(capsys, cdir, cable) == expected
    assert not marker.exists()
    # What this run wrote is sealed; what it did not need to read was left alone.
    assert all(seal.read(p) is not None or p.read_bytes() == hostile for p in cdir.rglob("*.pickle"))


def test_a_planted_result_shard_and_engine_are_misses(secret_dir: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    results = cache.ResultCache(tmp_path / "cache", "k" * 64)
    shard = results._file(results._shard_of(os.path.abspath("a.txt")))
    shard.parent.mkdir(parents=True)
    shard.write_bytes(pickle.dumps(_Planted(str(marker))))
    engine_file = tmp_path / "engine.pickle"
    engine_file.write_bytes(pickle.dumps(_Planted(str(marker))))
    assert results.find("a.txt") is cache.MISS
    assert enginecache._load(engine_file) is None
    assert not marker.exists()


def test_without_a_secret_nothing_is_cached(tmp_path: Path, monkeypatch, capsys) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CABLELINT_SECRET_DIR", str(blocker / "sub"))
    seal._secret.cache_clear()
    try:
        cable = tmp_path / "a.txt"
        cable.write_text(CABLE, encoding="utf-8")
        first = _run(capsys, tmp_path / "cache", cable)
        assert _run(capsys, tmp_path / "cache", cable) == first and "CL102" in first
        assert not list((tmp_path / "cache").rglob("*.pickle"))
        assert seal.seal(b"x") is None
    finally:
        seal._secret.cache_clear()


def test_a_sealed_blob_cannot_be_replayed_as_another_file(secret_dir: Path) -> None:
    blob = seal.seal(b"payload", "results/001.pickle")
    assert seal.unseal(blob, "results/001.pickle") == b"payload"
    assert seal.unseal(blob, "engines/abc.pickle") is None


def test_a_key_others_can_read_or_write_is_no_secret(secret_dir: Path) -> None:
    assert seal.seal(b"x") is not None  # makes the key, mode 0600
    key_file = secret_dir / seal.KEY_NAME
    key_file.chmod(0o644)  # as a key committed to a checkout would come out
    seal._secret.cache_clear()
    assert seal.secret() is None and seal.seal(b"x") is None
    key_file.chmod(0o600)
    seal._secret.cache_clear()
    assert seal.secret() is not None


def test_the_seal_is_the_standard_hmac_sha256() -> None:
    """seal.hmac_sha256 (written out so a one-file run never loads OpenSSL)
    gives what the hmac module gives, for short, block-sized and long keys."""
    import hashlib
    import hmac

    for key in (b"", b"k", os.urandom(32), os.urandom(64), os.urandom(65), os.urandom(200)):
        for parts in ((), (b"",), (b"a/b.pickle\0", b"payload" * 50), (os.urandom(1000),)):
            assert seal.hmac_sha256(key, *parts) == hmac.new(key, b"".join(parts), hashlib.sha256).digest()
    assert seal.sha256(b"abc").hexdigest() == hashlib.sha256(b"abc").hexdigest()
