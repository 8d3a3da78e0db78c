"""The result cache: re-linting an unchanged file costs a stat, not a parse.

Like ruff's `.ruff_cache`: findings are stored per file under a *run key*,
the hash of everything that changes findings (cablelint's version and code,
the rule sets and vocabulary by content, the selection and severities,
--date/--as-of, the protect lists by content, engine options). A file hits
when its size, mtime and inode are those stored (one stat, no read), or,
failing that, when its content hash is (a `touch` or a checkout costs one
read, not a lint). Findings are stored as plain tuples packed per file,
decoded only when the file is reported.

Where: `--cache-dir DIR`, else $CABLELINT_CACHE_DIR, else `.cablelint_cache`
in the current directory; the folder holds a `.gitignore` of `*` and a
CACHEDIR.TAG, and file discovery never walks dot-folders. `--no-cache` (or
CABLELINT_NO_CACHE=1) turns it off. Entries are spread over 256 shards by
path, so a pre-commit run on one file reads one small shard; every file is
written atomically (temporary file + os.replace), so concurrent runs never
see a torn file (a lost entry is only a miss). A big run writes its new
entries out every SPILL_BYTES, so memory does not grow with the corpus: each
spill as new *segment* files (one per shard it touches, named by time, pid
and a per-object token, so concurrent runs never collide), which look-ups
read after the shard's base file (newest wins); `save` merges each touched
shard's segments into its base once, so a run rewrites a shard once, not
once per spill (that was quadratic in the corpus). A crashed run's segments
are merged by the next run that writes the shard. Size is bounded: at most
MAX_KEYS run keys are kept (least recently used go), a shard with
MAX_SEGMENTS segments is merged at the next spill that touches it, and a
shard over MAX_SHARD_ENTRIES drops entries of files gone, then its oldest.
A write that fails (a full disk, a refused name) costs that shard's new
entries only, never the others'; hits re-stamped after a touch are written
out as new entries are (a checkout re-stamps a whole corpus); `save` sweeps
the temporary files killed runs left (cachedir.sweep_tmp).

What is stored never holds a protected term, nor any flagged text: a
finding is kept whole but for `matched` (re-read from the file by
`lintpool.fill_matched` when an output needs it), and the findings of a file that contains
a protected term are not cached.

Every pickle the caches write (result shards, engines, briefs, patterns) is
sealed with an HMAC under a per-user secret kept outside the cache folder
(seal.py): unpickling runs code, so a cache folder committed to a repository
or written by another user is read as a miss, never loaded.
"""
from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

from . import seal
from .cachedir import DIR_NAME, cache_root, evict, prepare_dir, sweep_cache  # noqa: F401 - callers import them from here
from .seal import sha256

try:  # hashlib's own blake2b, without the OpenSSL that importing hashlib loads
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a build without it
    from hashlib import blake2b
from .packing import pack, unpack  # noqa: F401 - the cache's codec, used as cache.pack/unpack
from .runkey import FORMAT, code_stamp, run_key  # noqa: F401 - what keys the caches, used as cache.code_stamp/run_key

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Any, Iterable, Sequence

    from .findings import Finding
    from .hitspool import Hits

SHARDS = 256
MAX_KEYS = 8  # run keys (settings x rule versions) kept side by side
MAX_SHARD_ENTRIES = 4096  # ~1M files over 256 shards
SPILL_BYTES = 8 << 20  # new entries held before they are written out as segments
MAX_SEGMENTS = 64  # a shard's segments before a spill merges them (a look-up reads at most this many more files)
SEGMENT = ".seg.pickle"  # NNN.<time ns>.<pid>.<token>.<count>.seg.pickle: shard NNN's entries of one spill

Entry = tuple  # (size, mtime_ns, inode, sha256 digest, path as linted, packed findings or None: skipped as no cable)
MISS = object()  # what `get` returns when the file must be linted


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder and os.replace it in:
    a concurrent reader sees the old file or the new one, never half of one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_sealed(path: Path, payload: bytes) -> bool:
    """`write_atomic` of a pickle under this user's seal; False (nothing
    written) when there is no secret to seal it with."""
    blob = seal.seal(payload, seal.place_of(path))
    if blob is None:
        return False
    write_atomic(path, blob)
    return True


def file_digest(data: bytes) -> str:
    return sha256(data).hexdigest()


def content_digest(data: bytes) -> bytes:
    """A file's content identity in a result-cache entry (32 bytes, not 64 hex)."""
    return sha256(data).digest()


def stamp_of(st: os.stat_result) -> tuple[int, int, int]:
    """What proves a file unchanged without reading it: size, mtime in ns and
    inode (a file replaced by a checkout or an editor's rename gets a new one)."""
    return st.st_size, st.st_mtime_ns, st.st_ino


class ResultCache:
    """Findings per file for one run key: `find`/`get` before linting a file,
    `put` after, `save` once at the end of the run.

    An entry is (size, mtime_ns, inode, sha256 digest, path as linted, packed
    findings or None: skipped as no cable). New entries are held apart from
    the shards read for look-ups; once SPILL_BYTES of them are held they are
    written out as segments (no shard is read or rewritten), so a big cold
    run's memory stays flat and its writing linear; `save` merges each
    touched shard (re-read then, so a concurrent run's entries survive);
    `find_all` looks a corpus up shard by shard."""

    def __init__(self, root: Path, run_key: str) -> None:
        self.dir = root / "results" / run_key[:32]
        self._shards: dict[int, dict[str, Entry]] = {}  # read for look-ups
        self._new: dict[int, dict[str, Entry]] = {}  # to write
        self._held = 0  # bytes of new entries held since the last write
        self._spilled: set[int] = set()  # shards this run wrote segments of: merged by `save`
        self._listing: dict[int, list[Path]] | None = None  # segments seen by look-ups
        self._token = os.urandom(4).hex()  # two runs (or objects) of one process never share a name
        self._count = 0
        self.hits = self.misses = 0
        self.write_errors = 0  # shards whose entries could not be written (an OSError each)

    @staticmethod
    def _shard_of(key: str) -> int:
        return int.from_bytes(blake2b(key.encode("utf-8", "surrogatepass"), digest_size=2).digest(),
                              "big") % SHARDS

    def _file(self, n: int) -> Path:
        return self.dir / f"{n:03d}.pickle"

    def _segments(self) -> dict[int, list[Path]]:
        """This key's segment files by shard, oldest first (a name starts with
        its time); anything else in the folder is not one."""
        try:
            names = os.listdir(self.dir)
        except OSError:
            return {}
        found: dict[int, list[str]] = {}
        for name in names:
            if name.endswith(SEGMENT) and name[:3].isascii() and name[:3].isdigit() and name[3:4] == ".":
                found.setdefault(int(name[:3]), []).append(name)
        return {n: [self.dir / name for name in sorted(group)] for n, group in found.items()}

    def _stored(self) -> bool:
        """Whether this key holds a shard file at all (a cold run's holds none)."""
        try:
            return any(name.endswith(".pickle") for name in os.listdir(self.dir))
        except OSError:
            return False

    def _segments_of(self, n: int) -> list[Path]:
        if self._listing is None:
            self._listing = self._segments()
        return self._listing.get(n, [])

    def _read_shard(self, n: int, segments: list[Path] | None = None) -> dict[str, Entry]:
        """Shard n's base file and then its segments, a later entry of a file
        replacing an earlier one (and moved last: the newest are what `bounded` keeps)."""
        shard = _load(self._file(n))
        for path in self._segments_of(n) if segments is None else segments:
            newer = _load(path)
            for key in newer.keys() & shard.keys():
                del shard[key]
            shard.update(newer)
        return shard

    def find(self, path: str) -> Any:
        """The stored entry's (packed findings or None, path as linted) when
        the file is unchanged, else MISS: a stat proves it unchanged; when the
        stamp moved (a touch, a checkout) the content hash decides, and an
        unchanged file is re-stamped."""
        key = os.path.abspath(path)
        n = self._shard_of(key)
        shard = self._shards.get(n)
        if shard is None:
            shard = self._shards[n] = self._read_shard(n)
        return self._check(shard.get(key), path, key, n)

    def find_all(self, paths: Sequence[str]) -> Hits:
        """`find` for many files, gone through once in order: each file's
        index and path go to its shard's bucket on disk (buckets.Buckets),
        then shard after shard is read and its files looked up, each shard
        forgotten once done; the hits go to a spool on disk as
        found (hitspool.Hits): a corpus's look-ups hold neither the whole
        cache, nor its hits, nor its paths (a bit a file)."""
        from .buckets import Buckets
        from .hitspool import Hits

        self._listing = self._segments()
        count = len(paths)
        hits = Hits(count)
        if not self._listing and not self._stored():
            self.misses += count  # a cold run: nothing stored under this key, nothing kept per file
            return hits
        buckets = Buckets()
        try:
            for i, path in enumerate(paths):
                buckets.add(self._shard_of(os.path.abspath(path)), i, path)
            for n in buckets.shards():
                shard = self._read_shard(n)
                for i, path in buckets.shard(n):
                    key = os.path.abspath(path)
                    got = self._check(shard.get(key), path, key, n)
                    if got is not MISS:
                        hits.add(i, got[0], got[1], path)
        finally:
            buckets.close()
        hits.written()
        return hits

    def _check(self, entry: Entry | None, path: str, key: str, n: int) -> Any:
        if entry is None or len(entry) != 6:
            self.misses += 1
            return MISS
        try:
            stamp = stamp_of(os.stat(path))
        except OSError:
            self.misses += 1
            return MISS
        if stamp != entry[:3]:
            try:
                with open(path, "rb") as fh:
                    digest = content_digest(fh.read())
            except OSError:
                self.misses += 1
                return MISS
            if digest != entry[3]:
                self.misses += 1
                return MISS
            self._hold(n, key, (*stamp, *entry[3:]))
        self.hits += 1
        return entry[5], entry[4]

    def get(self, path: str) -> Any:
        """`find`, decoded: the stored findings (None: skipped as no cable), or MISS."""
        got = self.find(path)
        if got is MISS or got[0] is None:
            return got if got is MISS else None
        return unpack(got[0], got[1], path)

    def put(self, path: str, stamp: tuple[int, int, int, bytes], found: Iterable[Finding] | None) -> None:
        """Store a file's findings (None: skipped) under the (size, mtime_ns,
        inode, sha256 digest) read by the worker."""
        self.put_packed(path, stamp, None if found is None else pack(found))

    def put_packed(self, path: str, stamp: tuple[int, int, int, bytes], packed: bytes | None) -> None:
        """`put` of findings a worker has already packed (`pack`)."""
        key = os.path.abspath(path)
        self._hold(self._shard_of(key), key, (*stamp, path, packed))

    def _hold(self, n: int, key: str, entry: Entry) -> None:
        """Keep a new entry (a file linted, or a hit re-stamped after a touch
        or a checkout) until SPILL_BYTES are held, then write them all out: a
        warm run over a freshly checked-out corpus re-stamps every file, and
        holding those until `save` grew with the corpus."""
        self._new.setdefault(n, {})[key] = entry
        self._held += 2 * len(key) + 200 + (len(entry[5]) if entry[5] else 0)
        if self._held > SPILL_BYTES:
            self._write()

    def _write(self, final: bool = False) -> bool:
        """Write the held entries out and forget them: mid-run as one new
        segment per shard (a shard with MAX_SEGMENTS already is merged
        instead); at the end (`final`) merged, with every segment of the
        shards this run touched, into each shard's base file. One shard's
        OSError (a full disk, a file the folder refuses) loses that shard's
        new entries only: the others are still written, and a merge that
        failed leaves its segments for the next run. False when the folder
        cannot be written, or there is no secret to seal with: nothing is
        written that could not be trusted back."""
        try:
            ready = prepare_dir(self.dir.parents[1])
            if ready:
                self.dir.mkdir(parents=True, exist_ok=True)
                segments = self._segments()
        except OSError:
            ready = False
        if not ready:  # a read-only folder: only the next run's hits are lost, and nothing piles up
            self._forget(final)
            return False
        try:
            for n in sorted(self._new.keys() | self._spilled if final else self._new.keys()):
                try:
                    if not self._write_shard(n, segments.get(n, []), final):
                        return False
                except OSError:
                    self.write_errors += 1  # this shard's entries are lost (a miss next run), not the rest
            return True
        finally:
            self._forget(final)

    def _write_shard(self, n: int, old: list[Path], final: bool) -> bool:
        """Shard n's held entries as a new segment, or merged into its base;
        False when there is no secret to seal with (then no shard can be)."""
        new = self._new.get(n, {})
        if final or len(old) >= MAX_SEGMENTS:
            return not (new or old) or self._merge(n, old, new)
        if not write_sealed(self._segment_file(n), _dumps(new)):
            return False
        self._spilled.add(n)
        return True

    def _forget(self, final: bool) -> None:
        self._new.clear()
        self._held = 0
        if final:
            self._spilled.clear()  # merged, or left for the next run that writes the shard

    def _segment_file(self, n: int) -> Path:
        self._count += 1
        return self.dir / f"{n:03d}.{time.time_ns():020d}.{os.getpid()}.{self._token}.{self._count}{SEGMENT}"

    def _merge(self, n: int, segments: list[Path], new: dict[str, Entry]) -> bool:
        """Shard n's base, its `segments` and `new` (newest last) as its base
        file, and the segments merged removed; a segment a concurrent run adds
        meanwhile stays for the next merge, one merged twice costs nothing."""
        shard = self._read_shard(n, segments)
        for key in new.keys() & shard.keys():
            del shard[key]
        shard.update(new)
        if not write_sealed(self._file(n), _dumps(bounded(shard))):
            return False
        for path in segments:
            path.unlink(missing_ok=True)
        return True

    def save(self) -> None:
        """Write the held entries and merge this run's segments; errors (a
        full disk, a read-only folder) only cost the next run its hits."""
        wrote = not (self._new or self._spilled) or self._write(final=True)
        if self.write_errors:  # a partial failure is said, not swallowed (a wholly read-only folder is by design)
            import sys

            print(f"cablelint: warning: the result cache could not write {self.write_errors} of its shards in "
                  f"{self.dir}: their files will be linted again next run", file=sys.stderr)
        if not wrote:
            return
        try:
            os.utime(self.dir)  # the key's last use, for eviction (an all-hit run uses it too)
        except OSError:
            return
        try:
            evict(self.dir.parent, keep=MAX_KEYS)
            self.sweep()
        except Exception:  # noqa: BLE001 - upkeep of the cache never fails a lint
            pass

    def sweep(self) -> int:
        """Remove the temporary files killed runs left in this key's folder and
        the cache's own folders (cachedir.sweep_cache)."""
        return sweep_cache(self.dir.parents[1], self.dir)


def _load(path: Path) -> dict[str, Entry]:
    """A shard or segment file's entries; {} when it is missing, damaged, or
    not sealed by this user (another user's or a repository's file is never unpickled)."""
    payload = seal.read(path)
    if payload is None:
        return {}
    try:
        loaded = pickle.loads(payload)
    except (pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return {}  # a miss, never an error
    return loaded if isinstance(loaded, dict) else {}


def _dumps(entries: dict[str, Entry]) -> bytes:
    return pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)


def bounded(shard: dict[str, Entry]) -> dict[str, Entry]:
    """At most MAX_SHARD_ENTRIES entries: those of files gone go first, then
    the oldest (a shard's entries are in the order they were stored)."""
    if len(shard) <= MAX_SHARD_ENTRIES:
        return shard
    kept = {k: v for k, v in shard.items() if os.path.exists(k)}
    return dict(list(kept.items())[-MAX_SHARD_ENTRIES:])
