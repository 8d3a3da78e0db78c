"""The engine cache: a run's rule sets, vocabulary and compiled patterns,
pickled, so a warm start skips the YAML parse, validation and ~80 regex
compiles (the `regex` module pickles a pattern's compiled code: loading one
costs ~25 us against ~1 ms to compile it).

An entry is found by the hash of the settings that build the engine
(`engine_parts`: rule set specs, selection, severities, dates, protect
lists by content, options, cablelint's code) and is valid while every YAML
file the loader read when it was built (rule sets, their `extends`
parents, markings.yaml) has the same content: editing a rule file rebuilds
it. The same hash plus those files' hashes is the engine's `fingerprint`,
the run key of the result cache.
"""
from __future__ import annotations

import copyreg
import io
import os
import pickle
import time
from pathlib import Path

from . import cache, seal

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:
    from typing import Any, Callable

    from .config import Config
    from .engine import Engine


def engine_parts(cfg: Config, options: dict[str, Any]) -> dict[str, Any] | None:
    """The settings that build the engine, as plain values; None when they
    cannot be named stably (rule sets or a protect list given as objects
    through the API), which turns both caches off for the run."""
    specs = list(cfg.rules or ())
    protect = cfg.protect if isinstance(cfg.protect, list) else None
    if any(not isinstance(s, str) for s in specs) or protect is None:
        return None
    try:
        # the encoding as the settings give it (Session.build copies it into the options)
        shown_options = repr(sorted((k, repr(v)) for k, v in options.items() if k != "encoding"))
        protect_files = [(os.path.abspath(p), cache.file_digest(Path(p).read_bytes())) for p in protect]
    except OSError:
        return None  # a missing protect list is reported by the build itself
    return {"code": cache.code_stamp(), "cwd": os.getcwd(), "rules": specs,
            "select": list(cfg.select), "ignore": list(cfg.ignore), "extend_select": list(cfg.extend_select),
            "severity": sorted((k, int(v)) for k, v in cfg.severity.items()),
            "date": cfg.date and cfg.date.isoformat(),
            # the engine's default is today (date.today() as text, without importing datetime)
            "as_of": cfg.as_of.isoformat() if cfg.as_of else time.strftime("%Y-%m-%d"),
            "protect": protect_files, "options": shown_options,
            "encoding": options["encoding"] if "encoding" in options else getattr(cfg, "encoding", None)}


_HELD: set[tuple[str, str, tuple[int, int, int]]] = set()  # (path, digest, stamp) this process found to hold


def _deps_hold(deps: list[tuple[str, str]], stamps: dict[str, tuple[int, int, int]] | None = None) -> bool:
    """Whether every rule file still has the content it had when the engine
    was built. A file whose size, mtime and inode are those `stamps` (the
    brief's) recorded, or that this process has already found unchanged
    (a run that misses the result cache asks twice: the brief, then the
    engine), costs a stat, not a read and a hash (~300 KB of YAML)."""
    try:
        for p, digest in deps:
            stamp = cache.stamp_of(os.stat(p))
            if (p, digest, stamp) in _HELD:
                continue
            if (stamps is None or stamps.get(p) != stamp) and cache.file_digest(Path(p).read_bytes()) != digest:
                return False
            _HELD.add((p, digest, stamp))
        return True
    except OSError:
        return False


def cached_build(cfg: Config, options: dict[str, Any], build: Callable[[], Engine],
                 root: Path | None, protect: Any = None) -> Engine:
    """`build()`, or the engine it built last time for the same settings and
    unchanged rule files. Sets `engine.fingerprint` (None: no result cache).
    `protect`: the run's protect list when the caller has loaded it."""
    parts = engine_parts(cfg, options)
    if parts is None:
        engine = build()
        engine.fingerprint = None
        return engine
    key = cache.run_key(parts)
    path = root / "engines" / f"{key[:32]}.pickle" if root is not None else None
    load_patterns(root)
    loaded = _load(path) if path is not None else None
    if loaded is not None:
        deps, engine = loaded
        if cfg.protect:  # never stored (its terms would sit on disk in clear): read again
            if protect is None:
                from .protectfile import load as load_protect

                protect = load_protect(cfg.protect)
            if protect:  # as the build sets it
                engine.options["protect"] = protect
        engine.fingerprint = cache.run_key({**parts, "deps": deps})
        _write_brief(root, key, deps, engine)
        return engine
    engine, deps = _build_recording(build)
    if path is not None and cache.prepare_dir(root):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            plist = engine.options.pop("protect", None)
            try:
                blob = _dumps((deps, engine))
            finally:
                if plist is not None:
                    engine.options["protect"] = plist
            cache.write_sealed(path, blob)
            cache.evict(path.parent, keep=cache.MAX_KEYS)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass  # an engine that cannot be stored is only rebuilt next time
    engine.fingerprint = cache.run_key({**parts, "deps": deps})
    if path is not None:
        _write_brief(root, key, deps, engine, fresh=True)
    return engine


# -- the engine's brief: what a run whose every file hits the result cache needs

def _brief_path(root: Path, key: str) -> Path:
    return root / "briefs" / f"{key[:32]}.pickle"


def _write_brief(root: Path, key: str, deps: list[tuple[str, str]], engine: Engine, fresh: bool = False) -> None:
    """Next to the engine pickle, what `quickcheck` needs to report a run that
    the result cache answers whole without loading the engine (nor the
    parser): the rule files read (to compute the run key), each rule's
    id, name, severity, kind, message and fix text (as reporters print them),
    the rules whose flagged text must be masked, and whether a release rule
    is switched off or looks for protected names (a notice or a failure only
    the full run words). Written when the
    engine is built, or when a loaded engine has none; no protected term."""
    path = _brief_path(root, key)
    if not fresh and seal.read(path) is not None:  # a foreign or damaged brief is replaced
        return
    from .checks.kinds import needs_protect_list
    from .lintpool import protected_rule_ids

    rules = engine.rules
    brief = {"deps": deps, "stamps": _stamps(deps),
             "rules": {r.id: (r.name, int(r.severity), r.kind, r.message, r.fix) for r in rules.values()},
             "protected": sorted(protected_rule_ids(rules)),
             "release_off": any(r.ruleset == "release" and not engine.selection.active(r) for r in rules.values()),
             # a release review's name rules: without a protect list (the quick run's case) the run fails
             "release_names": any(r.ruleset == "release" and engine.selection.active(r)
                                  and needs_protect_list(r)
                                  for r in rules.values())}
    try:
        if cache.prepare_dir(root):
            path.parent.mkdir(parents=True, exist_ok=True)
            cache.write_sealed(path, pickle.dumps(brief, protocol=pickle.HIGHEST_PROTOCOL))
            cache.evict(path.parent, keep=cache.MAX_KEYS)
    except (OSError, pickle.PicklingError):
        pass


def read_brief(cfg: Config, options: dict[str, Any], root: Path) -> tuple[str, dict[str, Any]] | None:
    """(the run key `cached_build` would give the engine, the brief) without
    building or loading the engine; None when the settings cannot be named,
    there is no brief, it is damaged, or a rule file changed since."""
    parts = engine_parts(cfg, options)
    if parts is None:
        return None
    try:
        brief = pickle.loads(seal.read(_brief_path(root, cache.run_key(parts))) or b"")
        deps = brief["deps"]
        if not isinstance(brief["rules"], dict) or not _deps_hold(deps, brief.get("stamps")):
            return None
    except Exception:  # noqa: BLE001 - missing, torn, or from another version: the full run decides
        return None
    return cache.run_key({**parts, "deps": deps}), brief


def _stamps(deps: list[tuple[str, str]]) -> dict[str, tuple[int, int, int]]:
    """The rule files' stamps now, for the brief, of those that still have
    the content hashed into `deps` (a file edited since is left out: hashed
    next time)."""
    out = {}
    for p, digest in deps:
        try:
            stamp = cache.stamp_of(os.stat(p))
            if (p, digest, stamp) in _HELD or cache.file_digest(Path(p).read_bytes()) == digest:
                out[p] = stamp
        except OSError:
            continue
    return out


def _plain(obj: Any) -> tuple[Any, tuple[Any]]:
    return (dict, (dict(obj),)) if isinstance(obj, dict) else (list, (list(obj),))


def _dumps(obj: Any) -> bytes:
    """The pickle of `obj`, the loader's line-numbered YAML mappings and
    sequences stored as plain dicts and lists: a lint needs no line numbers,
    and loading them back would import the rule loader's modules. (A
    dispatch table: the C pickler asks Python only about those two types.)"""
    from .yamltree import _Map, _Seq

    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, _Map: _plain, _Seq: _plain}
    pickler.dump(obj)
    return buf.getvalue()


def _load(path: Path) -> tuple[list[tuple[str, str]], Engine] | None:
    try:
        deps, engine = pickle.loads(seal.read(path) or b"")
    except Exception:  # noqa: BLE001 - missing, torn by an old version, unimportable class: rebuild
        return None
    if not _deps_hold(deps):
        return None
    try:
        os.utime(path)  # last use, for eviction
    except OSError:
        pass
    return deps, engine


def _build_recording(build: Callable[[], Engine]) -> tuple[Engine, list[tuple[str, str]]]:
    """Build the engine while the loader records the YAML files it reads,
    each with the digest of the bytes it read (a file edited during the
    build is then found changed next time, not cached as the new text)."""
    from . import yamlio

    outer, yamlio.READS = yamlio.READS, []
    try:
        engine = build()
        read = yamlio.READS
    finally:
        yamlio.READS = outer
    return engine, sorted({(os.path.abspath(p), digest) for p, digest in read})


def _patterns_file(root: Path) -> Path:
    return root / "patterns" / f"{cache.code_stamp()[:32]}.pickle"


_LOADED: set[Path] = set()  # the cache roots whose patterns this process has looked for
_TRUSTED: set[Path] = set()  # those whose pattern file was there and sealed by this user
MAX_PATTERNS = 4096  # past this the file keeps only the patterns of the last run


def load_patterns(root: Path | None) -> None:
    """Give rx() the patterns earlier runs compiled (the parser's module-level
    ones and those compiled on first use, which the engine pickle does not
    hold). Call it before the parser's modules are imported, so that their
    module-level rx() calls are hits (the CLI does, first thing in `check`);
    once per root and process. A missing, damaged or foreign file is ignored."""
    if root is None or root in _LOADED:
        return
    _LOADED.add(root)
    try:
        patterns = pickle.loads(seal.read(_patterns_file(root)) or b"")
    except Exception:  # noqa: BLE001 - missing, torn, foreign, or from another version: compile as usual
        return
    _TRUSTED.add(root)
    from . import rx

    if isinstance(patterns, dict):
        rx.preload({k: v for k, v in patterns.items() if _is_pattern_entry(k, v)})


def _is_pattern_entry(key: Any, value: Any) -> bool:
    """A (pattern, flags) key and a pickled pattern (rx unpickles it when asked,
    and compiles instead when the blob is not that pattern)."""
    return (isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str) and isinstance(key[1], int)
            and isinstance(value, bytes))


def save_patterns(root: Path | None) -> None:
    """Store the patterns rx() holds (those read at start-up and those this
    run compiled) when this run compiled one the file lacked: runs that use
    different rule sets add to the file rather than take turns rewriting it."""
    from . import rx

    if root is None:
        return
    path = _patterns_file(root)
    try:
        if root in _TRUSTED and not rx.any_new():
            return
        patterns = rx.known()
        if len(patterns) > MAX_PATTERNS:
            patterns = rx.compiled()
        if cache.prepare_dir(root):
            path.parent.mkdir(parents=True, exist_ok=True)
            cache.write_sealed(path, pickle.dumps(patterns, protocol=pickle.HIGHEST_PROTOCOL))
            cache.evict(path.parent, keep=2)
    except (OSError, pickle.PicklingError):
        pass
