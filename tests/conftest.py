"""Shared test fixtures.

The real-cable corpus lives outside the repository, in ../shared (CI has it;
a fresh clone does not). Tests that need it skip with a reason, unless
CABLELINT_REQUIRE_CORPUS=1 (set by .ci/run) turns the skip into a failure.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CABLELINT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "real"
INDEX = SHARED / "corpus" / "index.tsv"
SEED = ROOT / "seeds" / "000_711929c1ae99c3c4.txt"

# The result and engine caches of every cablelint run in the suite (in-process
# and subprocesses) go to one throw-away folder, never into the checkout.
if "CABLELINT_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["CABLELINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="cablelint-test-cache-")
# The caches' seal secret (seal.py) too: the suite never writes to the user's ~/.cache.
if "CABLELINT_SECRET_DIR" not in os.environ:
    import tempfile

    os.environ["CABLELINT_SECRET_DIR"] = tempfile.mkdtemp(prefix="cablelint-test-secret-")


def need_shared(path: Path) -> Path:
    if path.exists():
        return path
    msg = f"{path} not found: the shared corpus is not beside this checkout"
    if os.environ.get("CABLELINT_REQUIRE_CORPUS") == "1":
        pytest.fail(msg + " (CABLELINT_REQUIRE_CORPUS=1 makes it mandatory)")
    pytest.skip(msg)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return need_shared(CORPUS)


@pytest.fixture(scope="session")
def corpus_index() -> Path:
    return need_shared(INDEX)


def file_line_error(error: type[Exception], call: Callable[[], Any], path: Path, line: int | str,
                    words: str, after: str = ":") -> str:
    """`call()` raises `error` whose message starts `path:line` and `after`
    (the loaders' `file:line: what is wrong`) and holds `words`; the message."""
    with pytest.raises(error) as exc:
        call()
    msg = str(exc.value)
    assert msg.startswith(f"{path}:{line}{after}"), msg
    assert words in msg, msg
    return msg
