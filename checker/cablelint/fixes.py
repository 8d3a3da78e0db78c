"""Applying the rules' fixes to a cable: plan, apply, re-lint, repeat.

Each finding may carry a `Fix` (autofix.py: the rule's declared fix, one or
more edits). One pass lints the text, keeps the fixes allowed (safe ones;
unsafe ones too with --unsafe-fixes), and applies those that do not overlap:
in a fixed order (by position, then rule id), a fix that touches the text of
one already chosen waits for the next pass, which lints the fixed text again, so two
rules never write over each other and a deferred fix is re-made against the
text as it now stands. Passes repeat until no edit is left, up to `MAX_PASSES`
(then `capped` is set and the CLI says so). Nothing outside the edits' spans
changes: a rewrite is the original text with those spans replaced, written
back with the input's codec, BOM and line endings (`Source.encode`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .autofix import Edit, Fix, edit_where
from .document import Document
from .engine import Engine
from .findings import Finding
from .atomic import write_in_place
from .lintpool import resolve_jobs
from .source import InputError, Source, read
from .textdiff import lines, unified

MAX_PASSES = 10  # a fix that re-creates its own finding (a rule-set bug) stops here, with a message
PARSE_CHANGED = "it would change how the cable parses (paragraphs, marks or fields)"
NO_EFFECT = "it would not remove the finding (the parser does not read the inserted text there)"


@dataclass(frozen=True, slots=True)
class Applied:
    """One fix made to a file: its edits, the text each replaced, and where
    (line, column, end_line, end_column) in the text of the pass that made it."""

    rule: str
    name: str
    fix: Fix
    before: tuple[str, ...]
    where: tuple[tuple[int, int, int, int], ...]
    pass_no: int


@dataclass
class FixResult:
    source: Source  # as read
    text: str  # after every pass
    applied: list[Applied] = field(default_factory=list)
    passes: int = 0
    capped: bool = False
    rejected: list[tuple[Finding, str]] = field(default_factory=list)  # fixes refused, and why

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def changed(self) -> bool:
        return self.text != self.source.text


def _overlaps(a: Edit, b: Edit) -> bool:
    """Whether two edits touch the same text (two insertions at one point do)."""
    if a.start == a.end or b.start == b.end:
        return a.start == b.start or b.start < a.start < b.end or a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def _collide(a: Fix, b: Fix) -> bool:
    return any(_overlaps(x, y) for x in a.edits for y in b.edits)


def plan(findings: Iterable[Finding], unsafe: bool) -> list[tuple[Finding, Fix]]:
    """The fixes of one pass: allowed, deduplicated (two findings may ask for
    the same fix, as REL TO order does), in (start, end, rule) order, and
    none touching the text of an earlier one; the rest wait for the next pass."""
    chosen: list[tuple[Finding, Fix]] = []
    seen: set[tuple[Edit, ...]] = set()
    candidates = sorted((f for f in findings if f.fix is not None and (f.fix.safe or unsafe)),
                        key=lambda f: (f.fix.start, f.fix.end, f.rule, [e.replacement for e in f.fix.edits]))
    for f in candidates:
        fix = f.fix
        if fix.edits in seen or any(_collide(fix, c) for _, c in chosen):
            continue
        seen.add(fix.edits)
        chosen.append((f, fix))
    return chosen


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """`text` with each (non-overlapping) edit's span replaced."""
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out += [text[pos:e.start], e.replacement]
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def _with_text(source: Source, text: str) -> Source:
    return Source(source.path, text, encoding=source.encoding, bom=source.bom, newline=source.newline)


def _marking(m) -> tuple | None:
    if m is None:
        return None
    rel_to = sorted(str(getattr(t, "value", t)) for t in (getattr(m, "rel_to", None) or ()))
    return m.level, tuple(sorted(str(t.value) for t in m.controls)), tuple(rel_to)


def structure(doc: Document) -> tuple:
    """What a fix must never change in how the cable parses: its shape, which
    markings it has (banner, bottom banner, portions: their controls and REL
    TO as a set), its paragraphs (kind and portion level, in order; numbers
    aside), its fields and header lines. What fixes do change is left out:
    the banner's level (raising it is a fix), caption lines (adding one is),
    raw mark forms, TAG values, paragraph numbers."""
    cb = doc.classified_by
    top = [_marking(m)[1:] if m is not None else None for m in (doc.banner, doc.footer)]
    return (doc.shape, top, len(doc.banners),
            tuple((p.kind, _marking(p.portion)) for p in doc.paragraphs), len(doc.tags), doc.subject is not None,
            (doc.eo.decl.kind if doc.eo.decl else "") if doc.eo is not None else None,
            (cb.section.value if cb.section else None, tuple(sorted(r.value for r in cb.reasons))) if cb else None,
            tuple(sorted(doc.fields)), len(doc.sections))


def _key(f: Finding, text: str) -> tuple:
    """A fix's identity across passes (its offsets move when text before it changes)."""
    return (f.rule, tuple((text[e.start:e.end], e.replacement) for e in f.fix.edits))


def _keep_structure(engine: Engine, current: Source, chosen: list, want: tuple) -> tuple[list, list]:
    """(kept, rejected): the pass's fixes that leave the parsed structure as
    it was; when all together change it, each is tried alone."""
    def same(fixes: list) -> bool:
        edits = [e for _, fix in fixes for e in fix.edits]
        return structure(engine.parse(_with_text(current, apply_edits(current.text, edits)))) == want

    if same(chosen):
        return chosen, []
    kept = [c for c in chosen if same([c])]
    rejected = [c for c in chosen if c not in kept]
    if kept and not same(kept):  # fixes that are harmless alone but not together: one per pass
        kept = kept[:1]
    return kept, rejected


def _lint(engine: Engine, src: Source, keep: Callable[[Finding], bool]) -> list[Finding]:
    return [f for f in engine.lint_source(src) if keep(f)]


def fix_source(engine: Engine, source: Source, *, unsafe: bool = False,
               keep: Callable[[Finding], bool] = lambda f: True, max_passes: int = MAX_PASSES) -> FixResult:
    """Lint and fix `source` until no allowed fix is left (or `max_passes`).
    `keep` drops findings the run does not report (per-file-ignores), so
    their fixes are not applied either. Never applied (listed in `rejected`):
    a fix that would change how the cable parses (structure()), and one that
    does not remove its own finding (the same fix is asked for again after
    it: a caption the parser cannot see where it was put)."""
    result = FixResult(source, source.text)
    current, findings = source, _lint(engine, source, keep)
    want = structure(engine.parse(source))
    refused: set[tuple] = set()
    for n in range(1, max_passes + 1):
        chosen = plan((f for f in findings if f.fix is not None and _key(f, current.text) not in refused), unsafe)
        if not chosen:
            return result
        chosen, changed = _keep_structure(engine, current, chosen, want)
        rejected = [(f, PARSE_CHANGED) for f, _ in changed]
        nxt = _with_text(source, apply_edits(current.text, [e for _, fix in chosen for e in fix.edits]))
        nxt_findings = _lint(engine, nxt, keep)
        again = {_key(f, nxt.text) for f in nxt_findings if f.fix is not None}
        futile = [c for c in chosen if _key(c[0], current.text) in again and c[0].fix.edits[0].start ==
                  c[0].fix.edits[0].end]  # an insertion asked for again: it did not take
        if futile:
            chosen = [c for c in chosen if c not in futile]
            rejected += [(f, NO_EFFECT) for f, _ in futile]
            nxt = _with_text(source, apply_edits(current.text, [e for _, fix in chosen for e in fix.edits]))
            nxt_findings = _lint(engine, nxt, keep)
        for f, why in rejected:
            refused.add(_key(f, current.text))
            result.rejected.append((f, why))
        result.passes = n
        for f, fix in chosen:
            result.applied.append(Applied(f.rule, f.name, fix, tuple(current.text[e.start:e.end] for e in fix.edits),
                                          tuple(edit_where(current, e) for e in fix.edits), n))
        current, findings = nxt, nxt_findings
        result.text = current.text
    result.capped = any(f.fix is not None and (f.fix.safe or unsafe) and _key(f, current.text) not in refused
                        for f in findings)
    return result


_WORK: tuple | None = None  # (engine, unsafe, keep) of fix_files, inherited by forked workers


def _fix_path(path: str) -> FixResult | None:
    engine, unsafe, keep = _WORK
    try:
        src = read(path, engine.options.get("encoding"))
    except InputError:
        return None  # the lint run reports it (CL001)
    return fix_source(engine, src, unsafe=unsafe, keep=keep)


def fix_files(engine: Engine, files: list[str], *, unsafe: bool = False,
              keep: Callable[[Finding], bool] = lambda f: True, jobs: int | None = 1) -> list[FixResult]:
    """fix_source over files (unreadable ones left out), in their order, in
    this process or in worker processes as `check --jobs` says (None: every
    core from lintpool.AUTO_MIN_FILES files on). Workers are forked, so they
    inherit the engine and `keep` (a closure over the run's settings); where
    fork is missing (Windows, macOS spawn) fixing stays in this process."""
    global _WORK
    import multiprocessing as mp

    n = resolve_jobs(jobs, len(files))
    _WORK = (engine, unsafe, keep)
    try:
        if n <= 1 or len(files) < 2 or "fork" not in mp.get_all_start_methods():
            return [r for r in map(_fix_path, files) if r is not None]
        with mp.get_context("fork").Pool(n) as pool:
            chunk = max(1, min(16, len(files) // (n * 8)))
            return [r for r in pool.imap(_fix_path, files, chunksize=chunk) if r is not None]
    finally:
        _WORK = None


def write(result: FixResult) -> None:
    """Replace the file atomically with the fixed text, encoded as it was read
    (codec, BOM; the line endings are the text's own) and with its mode; a file
    changed since it was read, or a link, is left alone (atomic.WriteError)."""
    src = result.source
    write_in_place(Path(result.path), src.encode(result.text), src.encode(src.text))


def diff(result: FixResult, name: str, mask: Callable[[str], str]) -> str:
    """The unified diff of a fix, both sides through the run's mask (a
    protected term is never printed; the mask keeps the line structure)."""
    a, b = lines(result.source.text), lines(result.text)
    return unified(name, a, b, shown_a=lines(mask(result.source.text)), shown_b=lines(mask(result.text)))
