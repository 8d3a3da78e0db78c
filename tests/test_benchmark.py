"""The benchmark runs (on ~50 cables) so that it cannot rot; its timings are
printed, never asserted (a timed test fails on a busy machine, not on a slow
change)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SHARED, need_shared


def test_benchmark_runs_on_a_small_corpus(tmp_path: Path) -> None:
    gen = need_shared(SHARED / "bench" / "gen_corpus.py")
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--corpus", str(tmp_path / "c"),
                          "--count", "40", "--gen", str(gen), "--rounds", "1", "--one-file-repeat", "1",
                          "--no-release"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    for figure in ("baseline_regex.py --jobs 2", "cablelint (cold, default)", "ratio:", "warm re-run",
                   "in-process", "p95", "one file from process start"):
        assert figure in out.stdout, (figure, out.stdout)


def test_stages_prints_each_stage() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "stages.py"), str(ROOT / "examples" / "state")],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    for figure in ("'decode':", "'parse':", "'rules':", "ms/cable;"):
        assert figure in out.stdout, (figure, out.stdout)
