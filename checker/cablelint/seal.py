"""Seals on what the caches pickle: a folder of pickles is only trusted when this user wrote it.

Unpickling runs code named in the data, so a `.cablelint_cache/` committed to
a repository (or a shared --cache-dir) written by someone else must never be
loaded. Every pickle the caches write is prefixed with an HMAC-SHA256 of its
bytes under a per-user secret kept outside the cache folder
($CABLELINT_SECRET_DIR, else $XDG_CACHE_HOME/cablelint, else
~/.cache/cablelint; created with mode 0600); a blob whose seal does not verify
is read as a miss. Without a usable secret nothing is loaded or written.
"""
from __future__ import annotations

import functools
import os
from _operator import _compare_digest as compare_digest  # hmac.compare_digest without OpenSSL
from pathlib import Path

try:  # the interpreter's own SHA-256: hashlib and hmac load OpenSSL (~4 ms of a one-file run)
    from _sha256 import sha256  # Python 3.11
except ImportError:  # pragma: no cover - 3.12 renamed it; a build without it has hashlib's
    try:
        from _sha2 import sha256
    except ImportError:
        from hashlib import sha256

MAGIC = b"CLS1"  # format of a sealed blob: MAGIC, 32-byte tag, payload
TAG_BYTES = 32
KEY_NAME = "cache-secret"


def secret_dir() -> Path:
    """Where the secret lives: never inside a cache folder a repository can carry."""
    explicit = os.environ.get("CABLELINT_SECRET_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cablelint"


@functools.lru_cache(maxsize=4)
def _secret(folder: str) -> bytes | None:
    """This user's key, made on first use; None when it cannot be read or made,
    or when the file is not this user's own (then the caches neither trust nor
    write anything)."""
    path = Path(folder) / KEY_NAME
    key = _own_key(path)
    if key is not None:
        return key
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        tmp = path.with_name(f".{KEY_NAME}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(32))
        try:
            os.link(tmp, path)  # whole or absent: a concurrent run's key, if it won, is the key
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
    except OSError:
        return None
    return _own_key(path)


def _own_key(path: Path) -> bytes | None:
    """The key at `path` when this user owns it and no one else may read or
    write it (a key shipped in a checkout, or made by another account, is no
    secret of this user's: a planted cache could be sealed with it)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        getuid = getattr(os, "getuid", None)
        if (getuid is not None and st.st_uid != getuid()) or st.st_mode & 0o077:
            return None
        key = fh.read()
    return key if len(key) >= 32 else None


def secret() -> bytes | None:
    return _secret(str(secret_dir()))


def _tag(key: bytes, payload: bytes, place: str) -> bytes:
    """The MAC binds the payload to its place (the file's folder and name), so a
    sealed blob cannot be replayed as another cache file."""
    return hmac_sha256(key, place.encode("utf-8", "surrogatepass") + b"\0", payload)


_BLOCK = 64  # SHA-256's block size, in bytes
_INNER = bytes(x ^ 0x36 for x in range(256))
_OUTER = bytes(x ^ 0x5C for x in range(256))


def hmac_sha256(key: bytes, *parts: bytes) -> bytes:
    """HMAC-SHA256 (RFC 2104) of the concatenated `parts`, the value
    `hmac.new(key, b"".join(parts), "sha256").digest()` gives, without
    loading OpenSSL (tests/test_seal.py compares the two)."""
    if len(key) > _BLOCK:
        key = sha256(key).digest()
    key = key.ljust(_BLOCK, b"\0")
    inner = sha256(key.translate(_INNER))
    for part in parts:
        inner.update(part)
    outer = sha256(key.translate(_OUTER))
    outer.update(inner.digest())
    return outer.digest()


def seal(payload: bytes, place: str = "") -> bytes | None:
    """`payload` with its seal in front; None when there is no secret (do not write)."""
    key = secret()
    if key is None:
        return None
    return MAGIC + _tag(key, payload, place) + payload


def unseal(blob: bytes, place: str = "") -> bytes | None:
    """The payload of a blob this user sealed for `place`; None for anything else."""
    key = secret()
    head = len(MAGIC) + TAG_BYTES
    if key is None or len(blob) < head or not blob.startswith(MAGIC):
        return None
    payload = blob[head:]
    want = _tag(key, payload, place)
    return payload if compare_digest(want, blob[len(MAGIC):head]) else None


def place_of(path: Path) -> str:
    """What a cache file's seal is bound to: its folder's and its own name."""
    return f"{path.parent.name}/{path.name}"


def read(path: Path) -> bytes | None:
    """The payload of the sealed file at `path`; None when it is missing,
    unreadable, or not sealed by this user for this place (then it is a
    miss, never loaded)."""
    try:
        with open(path, "rb") as fh:
            return unseal(fh.read(), place_of(path))
    except OSError:
        return None
