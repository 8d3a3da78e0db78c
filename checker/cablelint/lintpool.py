"""Linting a list of files: the result cache first, then this process or
worker processes, with the same results either way. A text file that is no
cable nor marked document (no banner, header field or portion mark: a
README, requirements.txt) is skipped, not flagged: `lint_one` returns None
for it.

Results come back in the order of the files and are streamed (one file at a
time through `imap`, fed at most WINDOW files ahead of the results taken;
the cache's hits wait on disk, hitspool.py), so memory does not grow with
the corpus. Workers send
back findings only, packed as the result cache keeps them (cache.pack: plain
tuples, no flagged text): the parent never receives a cable's text (6.3 KB
pickled per cable when the whole Source came back); `fill_matched` re-reads a file when an output needs its flagged text,
and `sourcemap.SourceMap` reads it for excerpts and masking.

Parallel by default, as ruff is: `jobs=None` uses every core once at least
AUTO_MIN_FILES files need linting (fewer do not pay for starting the
workers); `jobs=1` keeps everything in this process.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from . import cache
from .document import Document
from .findings import Finding
from .source import InputError, Source, decode

if TYPE_CHECKING:
    from pathlib import Path

    from .engine import Engine
    from .sourcemap import SourceMap

AUTO_MIN_FILES = 200  # below this a worker pool costs more than it saves (~60 ms to start 2 workers)
WINDOW = 2048  # files handed to the workers beyond the results taken (~1 KB a waiting result)

_ENGINE: Engine | None = None
_SUMMARIZE: "Summarize | None" = None
_KEEP_MATCHED = True
_STAMP = True  # whether the run has a result cache: each file's entry stamped (stat, sha256: ~20 us a cable)
# (engine, Document) -> a picklable record of the document (the HTML report's
# year, post, level: htmlreport.summary.summarize), made from the one parse
Summarize = Callable[["Engine", Document], Any]


class Crash(Exception):
    """A bug met while linting one file: reported (exit 3), and the run goes on."""


# (path, findings (packed by cache.pack in a worker) or None when skipped, (size, mtime_ns, inode,
# sha256) or None when not cacheable, error, summary)
Result = tuple[str, "list[Finding] | bytes | None", "tuple[int, int, str] | None", "InputError | Crash | None", Any]


UNMARKED = "not a cable or marked document: no banner, header field or portion mark"  # why an unmarked file is skipped


def unmarked(doc: Document) -> bool:
    """No sign of a cable or a marked document: no routing header, banner,
    E.O./TAGS/SUBJECT/Classified By or other header field, no portion mark."""
    if doc.shape != "unknown" or doc.header or doc.banner or doc.banners or doc.footer:
        return False
    if doc.eo or doc.tags_line or doc.subject or doc.classified_by or doc.fields or doc.declassify_on:
        return False
    return not any(p.portion for p in doc.paragraphs)


def lint_one(engine: Engine, src: Source) -> list[Finding] | None:
    """The findings of one document, or None when it is not one to lint."""
    return engine.lint_source(src, skip=unmarked)


def lint_summarized(engine: Engine, src: Source, summarize: Summarize | None) -> tuple[list[Finding] | None, Any]:
    """lint_one, and the document's summary record from the same parse when
    `summarize` is given (None for a document that is not linted, and for a
    list of markings: it is not parsed as a document). The one code path of
    `check` (Engine.lint_source: marking lists, CAPCO/CUI pages, the time
    budget), so `report` finds what `check` finds."""
    if summarize is None:
        return lint_one(engine, src), None
    docs: list[Document] = []  # the document lint_source parsed (none for a list of markings)
    found = engine.lint_source(src, skip=unmarked, seen=docs.append)
    return found, (summarize(engine, docs[0]) if found is not None and docs else None)


def resolve_jobs(jobs: int | None, pending: int) -> int:
    """Worker count: `jobs` as given (0: one per core), or by default every
    core when there are enough files to pay for the workers."""
    cores = os.cpu_count() or 1
    if jobs is None:
        return cores if pending >= AUTO_MIN_FILES else 1
    return cores if jobs <= 0 else jobs


def _holds_protected(plist: Any, text: str) -> bool:
    """Whether a protected term occurs in `text`; a protect pattern that runs
    too long counts as one (the engine reports it as CL003), so the file is
    never cached."""
    try:
        return next(iter(plist.finditer(text)), None) is not None
    except TimeoutError:
        return True


def _read(path: str) -> tuple[bytes, os.stat_result | None]:
    """A file's bytes, and its stat when the run has a result cache to stamp
    its entry with (taken on the open file: one path look-up, no pathlib
    object); the messages are those of a stat then `source.read_bytes`."""
    try:
        with open(path, "rb", buffering=0) as fh:
            st = os.fstat(fh.fileno()) if _STAMP else None
            return fh.readall(), st
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None


def _lint_path(path: str) -> Result:
    """Read, lint and stamp one file (in a worker, or in this process)."""
    engine = _ENGINE
    assert engine is not None
    try:
        data, st = _read(path)
        src = decode(data, path, engine.options.get("encoding"))
    except InputError as exc:
        return path, None, None, exc, None
    try:
        found, summary = lint_summarized(engine, src, _SUMMARIZE)
    except Exception as exc:  # noqa: BLE001 - one file's bug must not stop the others
        return path, None, None, Crash(f"{type(exc).__name__}: {exc}"), None
    plist = engine.options.get("protect")
    # A file holding a protected term is never cached: a message or span
    # quoting it must not sit in clear on disk; nor one whose name holds one
    # (CL614): the cache is keyed by the path.
    cacheable = st is not None and (not plist or not (_holds_protected(plist, src.text) or
                                                      _holds_protected(plist, path)))
    stamp = (*cache.stamp_of(st), cache.content_digest(data)) if cacheable else None  # type: ignore[arg-type]
    if found is None:
        return path, None, stamp, None, None
    # A worker sends its findings packed (cache.pack: plain tuples, no flagged text): ~7 us a file
    # to pickle and ~10 to read back against ~19 and ~16 as dataclasses, and the parent stores the
    # packed blob in the result cache as it came instead of packing the findings again.
    return path, found if _KEEP_MATCHED else cache.pack(found), stamp, None, summary


def _worker_init(engine: Engine | None, summarize: Summarize | None = None, stamp: bool = True) -> None:
    global _ENGINE, _SUMMARIZE, _KEEP_MATCHED, _STAMP
    if engine is not None:  # spawn: the engine comes pickled; fork: it is inherited
        _ENGINE, _SUMMARIZE, _STAMP = engine, summarize, stamp
    _KEEP_MATCHED = False  # the text stays in the worker


def _run(engine: Engine, files: Iterator[str], count: int, jobs: int, summarize: Summarize | None,
         stamp: bool = True) -> Iterator[Result]:
    """The results of the `count` files of `files`, in their order; `files`
    is gone through lazily (no list of the files to lint is made). `stamp`:
    the files' result-cache stamps are wanted (a run with the cache)."""
    global _ENGINE, _SUMMARIZE, _STAMP
    _ENGINE, _SUMMARIZE, _STAMP = engine, summarize, stamp
    try:
        if jobs <= 1:
            yield from map(_lint_path, files)
            return
        import multiprocessing as mp  # only big runs pay for it

        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        spawn = ctx.get_start_method() != "fork"
        if not spawn:  # see _first_here
            yield _first_here(next(files))
            count -= 1
            if not count:
                return
        chunk = max(1, min(32, count // (jobs * 16)))
        window = Window(files, max(WINDOW, chunk))  # a whole chunk must be able to go
        with ctx.Pool(jobs, initializer=_worker_init,
                      initargs=(engine if spawn else None, summarize if spawn else None, stamp)) as pool:
            try:
                for result in pool.imap(_lint_path, window, chunksize=chunk):
                    yield result
                    window.taken()
            finally:
                window.close()  # before the pool's exit joins its feeder, which may wait in the window
    finally:
        _ENGINE, _SUMMARIZE, _STAMP = None, None, True


class Window:
    """The files handed to `pool.imap`, at most `size` ahead of the results
    taken: imap's feeder (a thread) would otherwise give the workers every
    file at once, and their results would wait in this process while it is
    busy (writing the result cache out, a slow output): memory growing with
    the corpus. `size` must be at least imap's chunk size."""

    def __init__(self, items: Iterator[str], size: int) -> None:
        import threading

        self._items, self._free, self._closed = items, threading.Semaphore(size), False

    def __iter__(self) -> Iterator[str]:
        for item in self._items:
            self._free.acquire()
            if self._closed:
                return
            yield item

    def taken(self) -> None:
        """One result is taken: one more file may go."""
        self._free.release()

    def close(self) -> None:
        """No more files (a run stopped early): the feeder, if waiting, ends."""
        self._closed = True
        self._free.release()


def _first_here(path: str) -> Result:
    """The first file, linted in this process before the workers fork: the
    patterns the parser compiles on first use and its memos are then made
    once and inherited, not once per worker (~25 ms of CPU each); its
    findings lose their flagged text as a worker's do."""
    global _KEEP_MATCHED
    keep, _KEEP_MATCHED = _KEEP_MATCHED, False
    try:
        return _lint_path(path)
    finally:
        _KEEP_MATCHED = keep


def lint_files(engine: Engine, files: Sequence[str], jobs: int | None = None, cache_root: Path | None = None,
               summarize: Summarize | None = None
               ) -> Iterator[tuple[str, list[Finding] | None, InputError | Crash | None, Any]]:
    """(path, findings or None when skipped, read error or crash, summary) per
    file, in the order of `files`. Findings from the cache or from workers
    carry no `matched` text. With `summarize` every file is parsed (its
    summary needs the document), so the result cache is not read."""
    results = None
    fingerprint = getattr(engine, "fingerprint", None)
    if cache_root is not None and fingerprint and summarize is None:
        results = cache.ResultCache(cache_root, fingerprint)
    # the hits wait on disk (hitspool), read back as their files are reported
    hits = results.find_all(files) if results is not None else None
    count = len(files) - (hits.count if hits is not None else 0)
    pending = iter(files) if hits is None else (f for i, f in enumerate(files) if i not in hits)
    linted = _run(engine, pending, count, resolve_jobs(jobs, count), summarize, results is not None) \
        if count else iter(())
    try:
        for i, f in enumerate(files):
            got = hits.take(i, f) if hits is not None else None
            if got is not None:
                yield f, None if got[0] is None else cache.unpack(got[0], got[1], f), None, None
                continue
            _, found, stamp, exc, summary = next(linted)  # the worker's copy of the path: f is the same
            packed = found if isinstance(found, bytes) else None  # from a worker (_lint_path)
            if packed is not None:
                found = cache.unpack(packed, f, f)  # this run's string, shared with its lists, not a copy per file
            if results is not None and stamp is not None:
                if packed is not None:
                    results.put_packed(f, stamp, packed)
                else:
                    results.put(f, stamp, found)
            yield f, found, exc, summary
    finally:
        if hasattr(linted, "close"):
            linted.close()
        if hits is not None:
            hits.close()
        if results is not None:
            results.save()


def protected_rule_ids(rules: dict[str, Any]) -> set[str]:
    """Rules whose flagged text is itself a name to protect (protected_terms,
    a pattern with `protected: true`): the output mask is built from it."""
    from .checks.kinds import KINDS

    return {r.id for r in rules.values()
            if r.params.get("protected") or getattr(KINDS.get(r.kind), "PROTECTED_MATCH", False)}


def fill_matched(findings: list[Finding], sources: SourceMap, only: set[str] | None = None) -> None:
    """Put back the flagged text of findings that came without it (from the
    cache or a worker), for the outputs that need it: baselines and their
    fingerprints (SARIF, GitLab), --show-matches, the mask (`only` the
    protected rules' findings then)."""
    for f in findings:
        if only is not None and f.rule not in only:
            continue
        if not f.matched and f.end > f.start:
            src = sources.get(f.path)
            if src is not None:
                f.matched = src.text[f.start:f.end]
        if f.related:
            fill_matched(f.related, sources)
