"""What a lint run becomes for its reader: `report(session, run)`, the Report
the formats render (masked, findings below min-severity hidden but
counted), `mask`, the run's one output mask over every protect list in play,
and `release_rules_off`, the release rules a configuration file or a flag
switched off (a release review says so in its summary; one without a protect
list fails). The streamed run's Report is
streamrun.streamed_report.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable

from .findings import Severity, split_by_severity
from .lintpool import protected_rule_ids
from .reporters import Report
from .selection import matches

if TYPE_CHECKING:
    from .session import CheckRun, Session


def mask(session: Session, sources: Iterable[Any], flagged: Iterable[str] = ()) -> Callable[[Any], Any]:
    """The run's one output mask: every protect list in play, wrapped name
    fragments of `sources` included (protect.masker), and the names that
    protected rules flagged without a list (`flagged`: CL608). The sources
    are read only when a protect list or a flagged name is in play."""
    lists = [s.protect_list for s in session.sessions() if s.protect_list]
    flagged = [t for t in flagged if t]
    masks = []
    if lists or flagged:
        from . import protect as protect_mod

        # one mask: the texts stream through; more: each reads them all
        sources = list(sources) if len(lists) + bool(flagged) > 1 else sources
        masks = [protect_mod.masker(p, sources) for p in lists]
        if flagged:
            masks.append(protect_mod.masker(None, sources, flagged))

    def masked(value: Any) -> Any:
        for m in masks:
            value = m(value)
        return value

    return masked


def release_rules_off(session: Session) -> list[str]:
    """Rules of the release rule set switched off by a configuration file or a
    flag (an `ignore`, or a `select` without them): a release review must say
    so in its summary, never drop them quietly. One entry per cause."""
    out: dict[str, list[str]] = {}
    for s in session.sessions():
        cfg, sel = s.cfg, s.engine.selection
        for rs in s.engine.rulesets:
            for r in rs.rules:
                if r.ruleset != "release" or sel.active(r):
                    continue
                key = "ignore" if any(matches(r, x) for x in sel.ignore) else "select"
                by = _set_by(cfg, key)
                if by:
                    out.setdefault(by, []).append(r.id)
    return sorted(f"{', '.join(sorted(ids))} by {by}" for by, ids in out.items())


def _set_by(cfg: Any, key: str) -> str:
    """Who set `key`: `ignore` in FILE:LINE, `--ignore` on the command line, or
    both (a list setting adds the flag's entries to the file's); "" for the
    API's own settings."""
    parts = cfg.origin.get(key, "").split(" + ")
    files = [p for p in parts if p and not p.startswith("--") and not p.startswith("lint_paths")]
    flags = sorted({p for p in parts if p.startswith("--")})
    said = [f"`{key}` in {cfg.where(key)}"] if files else []
    if flags:
        said.append(" or ".join(f"`{f}`" for f in flags) + " on the command line")
    return " or ".join(said)


def release_unprotected(session: Session, run: CheckRun | None = None) -> list[str]:
    """The release rules that need the protect list (their kind says so:
    CL601, CL607) active, without one, in a configuration that linted a file
    of `run` (`run.used`; every configuration met when no run is given):
    each then could not run on that file. A configuration that lints nothing
    (the release rules of a folder above the one checked) fails nothing."""
    from .checks.kinds import needs_protect_list

    out = set()
    for s in (run.used if run is not None else session.sessions()):
        if s.protect_list:
            continue
        sel = s.engine.selection
        out |= {r.id for rs in s.engine.rulesets for r in rs.rules
                if r.ruleset == "release" and sel.active(r) and needs_protect_list(r)}
    return sorted(out)


def report(session: Session, run: CheckRun, *, show_matches: bool = False, **view: Any) -> Report:
    """The Report of a run: masked (unless show_matches), findings below
    min-severity hidden but counted, fail-on known to the formats."""
    cfg = session.cfg
    low = Severity.parse(cfg.min_severity)
    if run.stream is not None:
        from .streamrun import streamed_report

        out = streamed_report(session, run, low, show_matches=show_matches, **view)
        notice_rules_off(session, out, run)
        return out
    shown, hidden = split_by_severity(run.findings, cfg.min_severity)
    out = Report(findings=shown, rules=session.rules(), files=len(run.linted), elapsed=run.elapsed,
                 sources=run.sources, show_matches=show_matches, suppressed=run.suppressed,
                 stale=[e.describe() for e in run.stale], fail_on=Severity.parse(cfg.fail_on),
                 hidden=hidden, min_severity=low, skipped=len(run.notes), **view)
    notice_rules_off(session, out, run)
    if not show_matches:
        secret = protected_rule_ids(out.rules)
        out.mask = mask(session, run.sources.values(), [f.matched for f in run.findings if f.rule in secret])
    return out


def notice_rules_off(session: Session, out: Report, run: CheckRun | None = None) -> None:
    """The summary's notice of the release rules switched off, if any, and the
    failure of a release review that could not look for protected names: it
    must not pass green (the user says `--ignore` to review without a list,
    and the notice then names it)."""
    off = release_rules_off(session)
    if off:
        out.notices.append("release review with rules switched off: " + ", ".join(off))
    out.failures.extend(run_failures(session, run))


def run_failures(session: Session, run: CheckRun | None = None) -> list[str]:
    """What fails the whole run whatever its findings (the one place that
    decides; `check`'s report and `report`'s page both ask here): a release
    review that could not look for protected names."""
    blind = release_unprotected(session, run)
    if not blind:
        return []
    ids = ", ".join(blind)
    return [f"release review without a protect list: protected names were not looked for "
            f"({ids} could not run); give --protect FILE, or --ignore {ids.replace(' ', '')} "
            "to review without one"]
