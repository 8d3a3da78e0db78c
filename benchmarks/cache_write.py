"""CPU time of a cold run's result-cache writing alone (issue 15): every file
of DIR stored with `put_packed` (four findings each, ~650 bytes an entry as a
real cable's), then `save()`; then the warm look-up (`find_all`).

    python benchmarks/cache_write.py DIR [TIMES]   # TIMES > 1: each file also stored as FILE.1 ... (a bigger corpus)

Spills happen every cache.SPILL_BYTES as in a real run, so this shows how the
writing grows with the corpus (it was quadratic while a spill rewrote every shard).
"""
import os
import sys
import tempfile
import time
from pathlib import Path

from cablelint import cache
from cablelint.findings import Finding, Severity


def _findings(p: str, i: int) -> bytes:
    return cache.pack([
        Finding(p, "CL101", "banner-missing", Severity.ERROR, f"message number {i}", 1, 1, 1, 20, 0, 19, ""),
        Finding(p, "CL203", "portion-mark", Severity.WARNING, "another message", 7, 1, 7, 5, 300, 304, ""),
        Finding(p, "CL301", "decl-date", Severity.WARNING, "a third message, longer", 2, 1, 2, 30, 40, 70, ""),
        Finding(p, "CL405", "tags", Severity.INFO, "a fourth message about TAGS", 3, 1, 3, 9, 80, 89, "")])


def main(folder: str, times: int = 1) -> None:
    real = sorted(str(p) for p in Path(folder).rglob("*") if p.is_file())
    stamps = [(*cache.stamp_of(os.stat(p)), cache.content_digest(Path(p).read_bytes())) for p in real] * times
    paths = [p if k == 0 else f"{p}.{k}" for k in range(times) for p in real]
    blobs = [_findings(p, i) for i, p in enumerate(paths)]
    with tempfile.TemporaryDirectory() as d:
        rc = cache.ResultCache(Path(d), "b" * 64)
        t0 = time.process_time()
        for p, s, b in zip(paths, stamps, blobs):
            rc.put_packed(p, s, b)
        rc.save()
        cpu = time.process_time() - t0
        size = sum(f.stat().st_size for f in Path(d).rglob("*") if f.is_file())
        t1 = time.process_time()
        hits = cache.ResultCache(Path(d), "b" * 64).find_all(real)
        warm = time.process_time() - t1
        print(f"{len(paths)} files: cache writing {cpu:.2f} s CPU; cache {size / 1e6:.1f} MB; "
              f"find_all {warm:.2f} s CPU, hits {hits.count}")
        hits.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1)
