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
import hashlib
import hmac
import os
from pathlib import Path

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
    """This user's key, made on first use; None when it cannot be read or made
    (then the caches neither trust nor write anything)."""
    path = Path(folder) / KEY_NAME
    try:
        with open(path, "rb") as fh:
            key = fh.read()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(32))
        with open(path, "rb") as fh:  # another process may have won the race: its key is the key
            key = fh.read()
        return key if len(key) >= 32 else None
    except OSError:
        try:
            with open(path, "rb") as fh:
                key = fh.read()
            return key if len(key) >= 32 else None
        except OSError:
            return None


def secret() -> bytes | None:
    return _secret(str(secret_dir()))


def seal(payload: bytes) -> bytes | None:
    """`payload` with its seal in front; None when there is no secret (do not write)."""
    key = secret()
    if key is None:
        return None
    return MAGIC + hmac.new(key, payload, hashlib.sha256).digest() + payload


def unseal(blob: bytes) -> bytes | None:
    """The payload of a blob this user sealed; None for anything else."""
    key = secret()
    head = len(MAGIC) + TAG_BYTES
    if key is None or len(blob) < head or not blob.startswith(MAGIC):
        return None
    payload = blob[head:]
    want = hmac.new(key, payload, hashlib.sha256).digest()
    return payload if hmac.compare_digest(want, blob[len(MAGIC):head]) else None


def read(path: Path) -> bytes | None:
    """The payload of the sealed file at `path`; None when it is missing,
    unreadable, or not sealed by this user (then it is a miss, never loaded)."""
    try:
        with open(path, "rb") as fh:
            return unseal(fh.read())
    except OSError:
        return None
