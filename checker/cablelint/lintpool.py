"""Linting a list of files, in this process or in worker processes, with the
same results either way. A text file that is no cable nor marked document
(no banner, header field or portion mark: a README, requirements.txt) is
skipped, not flagged: `lint_one` returns None for it.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

from .document import Document
from .engine import Engine
from .findings import Finding
from .source import InputError, Source, read

_WORKER_ENGINE: Engine | None = None
_WORKER_SUMMARIZE: "Summarize | None" = None
# (engine, Document) -> a picklable record of the document (the HTML report's
# year, post, level: htmlreport.summary.summarize), made from the one parse
Summarize = Callable[[Engine, Document], Any]


class Crash(Exception):
    """A bug met while linting one file: reported (exit 3), and the run goes on."""


Result = tuple[str, Source | None, list[Finding] | None, InputError | Crash | None, Any]


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
    `summarize` is given (None for a document that is not linted)."""
    if summarize is None:
        return lint_one(engine, src), None
    doc = engine.parse(src)
    if unmarked(doc):
        return None, None
    return engine.lint_document(doc), summarize(engine, doc)


def _worker_init(engine: Engine | None, summarize: Summarize | None = None) -> None:
    global _WORKER_ENGINE, _WORKER_SUMMARIZE
    if engine is not None:  # spawn: the engine comes pickled; fork: it is inherited
        _WORKER_ENGINE, _WORKER_SUMMARIZE = engine, summarize


def _lint_path(engine: Engine, path: str, summarize: Summarize | None = None) -> Result:
    try:
        src = read(path)
    except InputError as exc:
        return path, None, None, exc, None
    try:
        found, summary = lint_summarized(engine, src, summarize)
        return path, src, found, None, summary
    except Exception as exc:  # noqa: BLE001 - one file's bug must not stop the others
        return path, src, None, Crash(f"{type(exc).__name__}: {exc}"), None


def _lint_in_worker(path: str) -> Result:
    assert _WORKER_ENGINE is not None
    return _lint_path(_WORKER_ENGINE, path, _WORKER_SUMMARIZE)


def lint_files(engine: Engine, files: list[str], jobs: int, summarize: Summarize | None = None) -> Iterator[Result]:
    """(path, source, findings or None, read error, summary) per file, in the
    order of `files`: in this process, or spread over `jobs` worker processes."""
    global _WORKER_ENGINE, _WORKER_SUMMARIZE
    if jobs <= 1 or len(files) < 64:
        for f in files:
            yield _lint_path(engine, f, summarize)
        return
    import multiprocessing as mp  # only big runs pay for it

    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else "spawn")
    _WORKER_ENGINE, _WORKER_SUMMARIZE = engine, summarize
    try:
        spawn = ctx.get_start_method() != "fork"
        with ctx.Pool(jobs, initializer=_worker_init,
                      initargs=(engine if spawn else None, summarize if spawn else None)) as pool:
            yield from pool.imap(_lint_in_worker, files, chunksize=max(1, min(64, len(files) // (jobs * 8))))
    finally:
        _WORKER_ENGINE, _WORKER_SUMMARIZE = None, None
