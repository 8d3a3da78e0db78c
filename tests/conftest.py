"""Shared test fixtures.

The real-cable corpus lives outside the repository, in ../shared (CI has it;
a fresh clone does not). Tests that need it skip with a reason, unless
CABLELINT_REQUIRE_CORPUS=1 (set by .ci/run) turns the skip into a failure.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CABLELINT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "real"
INDEX = SHARED / "corpus" / "index.tsv"
SEED = ROOT / "seeds" / "000_711929c1ae99c3c4.txt"


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
