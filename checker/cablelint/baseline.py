"""Baselines: adopt cablelint on an existing archive without fixing it first.

A finding is identified by content, never by position: the rule, the file
(relative to the baseline's directory, `../` included), a SHA-256 of the flagged text
(whitespace collapsed, upper-cased) and the occurrence index of that
(rule, text) pair in the file. Inserting lines or moving paragraphs keeps
every identity; fixing a finding makes its entry stale. The text itself is
never stored: it may be classified. A renamed or moved file keeps its
entries when the match is strong: a file the baseline does not name takes
those of a file that is gone when, the path aside, at least three match, at
least half of each file's, and one of them is that file's own (no other file
of the baseline has it); a file with fewer entries gets them back from
`--write-baseline` (`apply`).

Findings whose flagged text is a protected term (rules of a kind that says
so, `protected_terms`: CL601, and rules marked `protected: true`: CL608, a
name beside "(strictly) protect") are never baselined. An unsalted hash of a
name lets anyone holding the baseline confirm a guessed name, and no salt
both hides it and matches again on the next run; nor should a leak of a
protected name ever be accepted as known. `write` leaves them out, `apply`
always reports them, and their SARIF/GitLab fingerprint (`fingerprints`) is
rule, file and occurrence index only. Callers pass the run's `rules` so
the baseline can tell these rules apart.

The file is JSON with one entry per line, sorted, with no timestamps, so it
diffs and merges cleanly. It is written only on request (--write-baseline).
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

from .lintpool import protected_rule_ids
from .findings import Finding
from .rule import Rule
from .yamlio import line_of, load_yaml

FORMAT_VERSION = 1
ENTRY_KEYS = {"path", "rule", "text_sha256", "occurrence"}
PROTECTED = "protected"  # text_sha256 of a protected-term finding: no hash, never written


class BaselineError(Exception):
    """A baseline that cannot be read; str() is `file:line: what is wrong`."""


@dataclass(frozen=True, order=True)
class Entry:
    path: str
    rule: str
    text_sha256: str
    occurrence: int

    def to_json(self) -> str:
        return json.dumps({"occurrence": self.occurrence, "path": self.path, "rule": self.rule,
                           "text_sha256": self.text_sha256}, sort_keys=True, ensure_ascii=False)

    def describe(self) -> str:
        return f"{self.path}: {self.rule} (occurrence {self.occurrence + 1})"

    @property
    def fingerprint(self) -> str:
        """One opaque string for formats that want a single id (SARIF, GitLab)."""
        key = f"{self.path}\0{self.rule}\0{self.text_sha256}\0{self.occurrence}"
        # surrogatepass: any file name (surrogate escapes) and any str of the API (lone surrogates)
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def normalise(text: str) -> str:
    return " ".join(text.split()).upper()


def text_hash(text: str) -> str:
    # surrogatepass: a lone surrogate (possible through the API) must not crash the hash
    return hashlib.sha256(normalise(text).encode("utf-8", "surrogatepass")).hexdigest()


def rel_path(path: str, base: Path) -> str:
    """A finding's path relative to `base` (posix), `../` included when the
    baseline sits in a subfolder, so the baseline works on another checkout;
    absolute only when no relative path exists (another drive on Windows)."""
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base))
    except ValueError:  # another drive on Windows
        return Path(os.path.abspath(path)).as_posix()
    return Path(rel).as_posix()


def protected_rules(rules: Mapping[str, Rule] | Iterable[Rule] | None) -> frozenset[str]:
    """Ids of the rules whose flagged text is a protected term (their kind sets
    PROTECTED_MATCH, or the rule says `protected: true`): never hashed, never
    baselined, masked in every output."""
    if rules is None:
        return frozenset()
    values = rules.values() if isinstance(rules, Mapping) else rules
    return frozenset(protected_rule_ids({r.id: r for r in values}))


def entries(findings: Iterable[Finding], base: Path,
            rules: Mapping[str, Rule] | Iterable[Rule] | None = None) -> list[tuple[Finding, Entry]]:
    """Each finding with its content identity. Occurrences count in text order,
    so two identical flagged texts keep distinct entries whatever moves. A
    finding of a protected-term rule (see `protected_rules`) gets the
    PROTECTED marker instead of a hash, numbered among that rule's findings."""
    secret = protected_rules(rules)
    seen: dict[tuple[str, str, str], int] = {}
    out = []
    for f in sorted(findings, key=lambda f: (f.path, f.start, f.line, f.column, f.rule)):
        h = PROTECTED if f.rule in secret else text_hash(f.matched)
        key = (f.path, f.rule, h)
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append((f, Entry(rel_path(f.path, base), f.rule, h, n)))
    return out


def fingerprints(findings: Iterable[Finding], base: Path,
                 rules: Mapping[str, Rule] | Iterable[Rule] | None = None) -> dict[int, str]:
    """id(finding) -> fingerprint, for reporters (pass the report's rules, so
    no protected term is hashed into one)."""
    return {id(f): e.fingerprint for f, e in entries(findings, base, rules)}


def render(items: Iterable[Entry]) -> str:
    rows = sorted(set(items))
    body = ",\n".join("    " + e.to_json() for e in rows)
    return ('{\n  "cablelint_baseline": %d,\n  "entries": [\n%s%s  ]\n}\n'
            % (FORMAT_VERSION, body, "\n" if rows else ""))


def write(path: Path, findings: Iterable[Finding], linted: Iterable[str],
          rules: Mapping[str, Rule] | Iterable[Rule] | None = None) -> tuple[int, int]:
    """Write the baseline for `findings`, leaving out protected-term findings
    (count them with `protected_rules`). Entries of an existing baseline for
    files not linted in this run are kept, so a partial run (one pre-commit
    batch) cannot drop them, except those of protected-term rules (an older
    version hashed the term) and those of files that no longer exist (renamed:
    the new name has its own entries now). Returns (entries written, entries kept)."""
    path = Path(path)
    base = path.parent
    secret = protected_rules(rules)
    new = [e for _, e in entries(findings, base, rules) if e.text_sha256 != PROTECTED]
    kept: list[Entry] = []
    if path.exists():
        done = {rel_path(p, base) for p in linted}
        kept = [e for e in load(path) if e.path not in done and e.rule not in secret and (base / e.path).exists()]
    # A file name that is not valid UTF-8 (lone surrogates in Python) is kept
    # as a JSON \\udcXX escape, which loads back to the same name; a temporary
    # file and os.replace so that a failed write never leaves half a baseline.
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(render(new + kept).encode("utf-8", "backslashreplace"))
    os.replace(tmp, path)
    return len(new), len(kept)


def load(path: Path) -> list[Entry]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline ({exc})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
    except RecursionError:  # hostile nesting ([[[[...]]]]): an error, not a traceback
        raise BaselineError(f"{path}:1: not a cablelint baseline (nested too deeply)") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise BaselineError(f"{path}:1: not a cablelint baseline (expected {{\"entries\": [...]}})")
    if data.get("cablelint_baseline") != FORMAT_VERSION:
        raise BaselineError(f"{path}:1: unsupported baseline version {data.get('cablelint_baseline')!r}")
    out = []
    for i, raw in enumerate(data["entries"]):
        problem = None
        if not isinstance(raw, dict) or set(raw) != ENTRY_KEYS:
            problem = f"a baseline entry needs exactly {', '.join(sorted(ENTRY_KEYS))}"
        elif not all(isinstance(raw[k], str) for k in ("path", "rule", "text_sha256")) or \
                not isinstance(raw["occurrence"], int) or isinstance(raw["occurrence"], bool):
            problem = "path, rule and text_sha256 must be text, occurrence a number"
        if problem:
            raise BaselineError(f"{_entry_line(path, text, i)}: {problem}")
        out.append(Entry(raw["path"], raw["rule"], raw["text_sha256"], raw["occurrence"]))
    return out


def _entry_line(path: Path, text: str, index: int) -> str:
    """`file:line` of entry `index`; only needed for an error, so the slow
    line-keeping YAML parse (JSON is YAML) runs only then."""
    try:
        line = line_of(load_yaml(text, path, BaselineError)["entries"], index)
    except Exception:  # the JSON parsed; a YAML quirk must not hide the real error
        line = 0
    return f"{path}:{line}" if line else f"{path}: entry {index + 1}"


@dataclass
class Applied:
    findings: list[Finding]  # not in the baseline: these are reported
    suppressed: int  # hidden by the baseline
    stale: list[Entry]  # entries for linted files that matched nothing


def apply(path: Path, findings: list[Finding], linted: Iterable[str],
          relevant: Callable[[str, str], bool] | None = None,
          rules: Mapping[str, Rule] | Iterable[Rule] | None = None) -> Applied:
    """Hide baselined findings; a protected-term finding is never hidden (an
    entry left for one by an older version is stale). An entry counts as
    stale only if its file was linted in this run and `relevant(file, rule)`
    says the rule could have fired there (selected, not per-file-ignored), so
    linting a subset of files or rules never reports the rest as fixed. A file
    renamed or moved since keeps its entries (`_renamed`)."""
    path = Path(path)
    known = set(load(path))
    base = path.parent
    used: set[Entry] = set()
    unmatched: list[tuple[Finding, Entry]] = []
    for f, e in entries(findings, base, rules):
        if e in known and e.text_sha256 != PROTECTED:
            used.add(e)
        else:
            unmatched.append((f, e))
    hidden = _renamed(unmatched, known, used, base)
    keep = sorted((f for f, _ in unmatched if id(f) not in hidden), key=Finding.sort_key)
    done = {rel_path(p, base): p for p in linted}
    stale = sorted(e for e in known - used
                   if e.path in done and (relevant is None or relevant(done[e.path], e.rule)))
    return Applied(keep, len(findings) - len(keep), stale)


# A file the baseline does not name takes the entries of a file that is gone
# only on a strong match: at least RENAME_MIN entries, and at least RENAME_SHARE
# both of the gone file's entries and of the new file's findings.
RENAME_SHARE = 0.5
RENAME_MIN = 3

_Key = tuple[str, str, int]  # an entry with its path aside: (rule, text hash, occurrence)


def _key(e: Entry) -> _Key:
    return e.rule, e.text_sha256, e.occurrence


def _renamed(unmatched: list[tuple[Finding, Entry]], known: set[Entry], used: set[Entry], base: Path) -> set[int]:
    """ids of the findings hidden because their file was renamed or moved: a
    linted file with no entry of its own, and a file of the baseline that no
    longer exists (a file not linted but still there never lends its entries).
    Entries match by content, the path aside, and a gone file's entries go to
    the new file that matches most of them when the match is strong
    (`_same_file`): template cables share their slips (DECL: OADR, the E.O.
    line, a caveat), and a withdrawn cable's one or two entries must not hide
    the same slip in a new cable from another post. The entries taken are
    added to `used`."""
    named = {e.path for e in known}
    owners: dict[tuple[str, str], set[str]] = {}
    for e in known:
        owners.setdefault((e.rule, e.text_sha256), set()).add(e.path)
    gone: dict[str, set[Entry]] = {}
    for e in known - used:
        if not (base / e.path).exists():
            gone.setdefault(e.path, set()).add(e)
    new: dict[str, list[tuple[Finding, Entry]]] = {}
    for f, e in unmatched:
        if e.path not in named and e.text_sha256 != PROTECTED:
            new.setdefault(e.path, []).append((f, e))
    hidden: set[int] = set()
    for p in sorted(new):
        if not gone:
            break
        mine = {_key(e) for _, e in new[p]}
        best = max(sorted(gone), key=lambda o: len(mine & {_key(e) for e in gone[o]}))
        theirs = {_key(e) for e in gone[best]}
        if _same_file(mine, theirs, best, owners):
            hidden |= {id(f) for f, e in new[p] if _key(e) in theirs}
            used |= {e for e in gone.pop(best) if _key(e) in mine}
    return hidden


def _same_file(mine: set[_Key], theirs: set[_Key], gone: str, owners: dict[tuple[str, str], set[str]]) -> bool:
    """Whether a new file's findings (`mine`) show it is the gone file renamed:
    at least RENAME_MIN entries shared, at least RENAME_SHARE of each side,
    and one shared entry that no other file of the baseline has (a slip of
    that cable's own, not of its template)."""
    share = mine & theirs
    return (len(share) >= RENAME_MIN and len(share) >= RENAME_SHARE * max(len(mine), len(theirs))
            and any(owners.get(k[:2]) == {gone} for k in share))
