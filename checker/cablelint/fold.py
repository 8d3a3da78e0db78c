"""One cause, one finding: fold the findings that only follow from a diagnosed
export damage into the integrity finding that names the damage.

A rule of kind `integrity` lists its `symptoms` (rule ids) in the rule set;
its finding carries them as `folds`. After a document is checked, each
finding of a symptom rule that lies in the damage's scope (the whole file, or
the damaged `region`: each entry of `folds` says which, `in_region`) moves
into the diagnosis's `related` list, and the
message counts them. A reviewer then reads
"this file holds another cable's text" once, not six era errors that only
hold for the other cable. A diagnosis of a likely cause (`extra["needs_symptom"]`:
a release that withholds much, a gap CL502 reports) stands only when a symptom
falls in it. A cut's diagnosis may name lines its symptoms
stand on (`extra["stands"]`, the rule's `stand_intact`): a Classified By before
the cut that the whole copy writes again is judged as written. With `show` (`--show-symptoms`) the symptoms are
also reported one by one, each saying which diagnosis explains it.
"""
from __future__ import annotations

from collections import Counter

from .findings import Finding

REGION = "@region"  # suffix of a `folds` entry that folds only inside the diagnosis's region


def in_region(rule_id: str) -> str:
    """The `folds` entry for a symptom that follows from the damage only inside
    its region (a spliced cable's part, a repeated copy), not in the whole file."""
    return rule_id + REGION


def fold(findings: list[Finding], show: bool = False) -> list[Finding]:
    """The findings of one document after folding (order kept). A diagnosis
    (a finding with `folds`) that is itself a symptom of another one (a cut
    text inside a partial extract) folds into it; the first diagnosis in
    rule-id order that covers a symptom takes it."""
    causes = sorted((f for f in findings if f.folds), key=lambda f: (f.rule, f.start))
    if not causes:
        return findings
    roots = [c for c in causes if not any(o is not c and _names(o, c.rule) and not _names(c, o.rule)
                                          for o in causes)]
    # A diagnosis may come with related locations of its own (its evidence,
    # `Damage.evidence`): only what is folded in after them is counted.
    own = {id(c): len(c.related) for c in roots}
    out: list[Finding] = []
    for f in findings:
        cause = next((c for c in roots if c is not f and _covers(c, f)), None)
        if cause is None:
            out.append(f)
            continue
        cause.related.append(f)
        if show:
            out.append(_as_symptom(f, cause))
    for c in roots:
        if len(c.related) > own[id(c)]:
            c.message += _count_note(c.related[own[id(c)]:])
    # A likely cause that explains nothing here (`needs_symptom`: the symptom rule saw no break) is no finding.
    idle = [c for c in roots if len(c.related) == own[id(c)] and c.extra.get("needs_symptom")]
    if not idle:
        return out
    gone = {id(c) for c in idle}
    return [f for f in out if id(f) not in gone]


def _names(cause: Finding, rule_id: str) -> bool:
    return rule_id in cause.folds or in_region(rule_id) in cause.folds


def _covers(cause: Finding, f: Finding) -> bool:
    if f.path != cause.path or _stands(cause, f):
        return False
    if f.rule in cause.folds:
        return True
    if in_region(f.rule) not in cause.folds or cause.region is None:
        return False
    lo, hi = cause.region
    return lo <= f.start < hi


def _stands(cause: Finding, f: Finding) -> bool:
    """Whether `f` judges the text of a line the damage left whole (a cut's
    diagnosis: `extra["stands"]`, the rules and their lines): the drafter's."""
    stands = cause.extra.get("stands")
    return stands is not None and f.rule in stands[0] and any(lo <= f.start < hi for lo, hi in stands[1])


def _as_symptom(f: Finding, cause: Finding) -> Finding:
    """A copy of `f` whose message says which diagnosis explains it (`--show-symptoms`)."""
    return f.replace(message=f"{f.message} [symptom of {cause.rule} {cause.name}, line {cause.line}]",
                     related=[])


def _count_note(related: list[Finding]) -> str:
    by_rule = Counter(r.rule for r in related)
    rules = ", ".join(f"{rid} x{n}" if n > 1 else rid for rid, n in sorted(by_rule.items()))
    n = len(related)
    return f" ({n} finding{'s' if n != 1 else ''} that follow{'' if n != 1 else 's'} from it folded in: {rules})"
