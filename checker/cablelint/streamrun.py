"""A check run streamed: findings linted file by file and written as they
come, so a corpus run holds counters, not findings (issue 15). What it
keeps per file is discovery's list of paths, packed (pathlist.PathList: a
file's name and 4 bytes), and, for the result cache's hits, their places in
a spool on disk (hitspool: two integers a file).

`Session.lint(stream=True)` takes this road when `can_stream` says the
output cannot differ from the report of the whole sorted list: files are
linted in path order (Finding.sort_key starts with the path), each file's
findings sorted, and the unreadable paths' and stdin's findings merged in
where they sort; `streamed_report` wraps the stream in a `Tally`, which
counts what the summary and the exit code need on the way.
"""
from __future__ import annotations

import heapq
import time
from typing import TYPE_CHECKING, Any, Iterator

from .findings import Finding, Severity
from .lintpool import fill_matched, lint_files, protected_rule_ids
from .reporters import Report, Tally
from .sourcemap import SourceMap

if TYPE_CHECKING:
    from .lintpool import Summarize
    from .pathlist import PathList
    from .progress import Progress
    from .session import CheckRun, Session


def can_stream(session: Session, baseline: Any = None, summarize: Summarize | None = None) -> bool:
    """One configuration (a nearer one's files would be linted apart), no
    baseline (it needs every finding), no summaries, and no mask, which is
    built from the whole run (protect lists, protected rules' flagged names)."""
    return (not session._children and baseline is None and summarize is None
            and not any(s.protect_list for s in session.sessions()) and not protected_rule_ids(session.rules()))


class Counted:
    """A streamed run's `linted`: how many files, not which (the report
    prints the count only); a list's `append` and `len`."""

    __slots__ = ("n",)

    def __init__(self) -> None:
        self.n = 0

    def append(self, _path: str) -> None:
        self.n += 1

    def __len__(self) -> int:
        return self.n


def streamed(session: Session, run: CheckRun, files: PathList, stdin: tuple[str, bytes] | None,
             jobs: int | None, need_matched: bool, bar: Progress | None, start: float) -> Iterator[Finding]:
    """The run's findings in sort order, file after file; the run's lists
    and time are complete once it is exhausted. Its SourceMap keeps no dict
    of the corpus's paths (reporters ask only for files linted), and its
    `linted` only counts them: `files` (sorted here, in place: a PathList
    merges its folders' runs, a walked folder already in order) is the one
    list of the corpus's paths a run holds."""
    run.sources = SourceMap(every=True, encoding=session.engine.options.get("encoding"))
    run.linted = Counted()  # type: ignore[assignment]
    files.sort()  # in place (discovery's list is the run's own): no second list of the corpus
    return _streamed(session, run, files, stdin, jobs, need_matched, bar, start)


def _streamed(session: Session, run: CheckRun, files: PathList, stdin: tuple[str, bytes] | None,
              jobs: int | None, need_matched: bool, bar: Progress | None, start: float) -> Iterator[Finding]:
    try:
        if stdin is not None:
            session._lint_stdin(run, *stdin)
            if bar:
                bar.advance()
        early = sorted(run.findings, key=Finding.sort_key)  # unreadable paths (CL001), stdin
        run.findings.clear()
        if need_matched:
            fill_matched(early, run.sources)
        by_file = _file_by_file(session, run, files, jobs, need_matched, bar)
        # (merged only when there is something to merge in: the merge computes every finding's sort key again)
        yield from heapq.merge(early, by_file, key=Finding.sort_key) if early else by_file
    finally:
        if bar:
            bar.close()
    run.elapsed = time.perf_counter() - start


def _file_by_file(session: Session, run: CheckRun, files: PathList, jobs: int | None, need_matched: bool,
                  bar: Progress | None) -> Iterator[Finding]:
    for f, got, exc, summary in lint_files(session.engine, files, jobs, session.cache_root):
        session._take(run, session, f, None, got, exc, summary)  # into run.findings, one file's buffer
        if bar:
            bar.advance()
        if run.findings:
            out = sorted(run.findings, key=Finding.sort_key)
            run.findings.clear()
            if need_matched:
                fill_matched(out, run.sources)
            yield from out


def streamed_report(session: Session, run: CheckRun, low: Severity, **view: Any) -> Report:
    """The Report of a streamed run: its findings a Tally over the stream (no
    mask: can_stream allowed none); files, time and skipped files filled in
    when the last finding has gone by."""
    assert run.stream is not None
    report = Report(findings=[], rules=session.rules(), sources=run.sources,
                    fail_on=Severity.parse(session.cfg.fail_on), min_severity=low, skipped=len(run.notes), **view)

    def done() -> None:
        report.files, report.elapsed, report.skipped = len(run.linted), run.elapsed, len(run.notes)

    report.findings = Tally(run.stream, low, done)
    return report
