"""protected_terms: no entry of the protect list may appear unredacted.

The protect list is not rule data: it comes from the run (`--protect FILE`,
the configuration's `protect`, or an example's `protect:`), through the
engine option `protect`. Each occurrence is reported at its exact span,
which may run over two lines. The message cites the entry's file:line,
never the term itself. Without a protect list the rule cannot run (CL000).
With `look_in: path` the file's own name is searched instead (CL614).
"""
from __future__ import annotations

from typing import Any, Iterable

from ..document import Span
from . import CannotRun, Context, Hit

KIND = "protected_terms"
# entries: term | pattern | all (default); look_in: text (default) | path, the
# file's name (not the folders above it: the reviewer's own), reported at 1:1.
PARAMS = {"entries": (str, False), "look_in": (str, False)}
# The flagged text is a protected term: a baseline never hashes or keeps it (baseline.py).
PROTECTED_MATCH = True


def needs_protect_list(p: dict[str, Any]) -> bool:
    """The rule cannot run without the run's protect list (a release review
    without one fails: runreport.release_unprotected)."""
    return True


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    if p.get("entries", "all") not in ("term", "pattern", "all"):
        raise ValueError("`entries` must be term, pattern or all")
    if p.get("look_in", "text") not in ("text", "path"):
        raise ValueError("`look_in` must be text or path")
    return p


def protect_list(ctx: Context):
    """The run's protect list, or CannotRun when none was given."""
    from ..protectfile import coerce  # loaded by the runs that use it: not at start-up

    plist = coerce(ctx.options.get("protect"))
    if not plist:
        raise CannotRun("no protect list was given (--protect FILE)")
    return plist


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    plist = protect_list(ctx)
    want = p.get("entries", "all")
    if p.get("look_in") == "path":
        # `redact --in-place` rewrites the text, never the name: the file would be
        # published under it. One finding a file, at 1:1 (the name is in no line).
        for o in plist.finditer(file_name(ctx.doc.path)):
            if want == "all" or o.entry.kind == want:
                yield Hit(Span(0, 0), {"origin": o.entry.origin, "entry": o.entry.kind})
                return
        return
    for o in plist.finditer(ctx.doc.text):
        if want != "all" and o.entry.kind != want:
            continue
        yield Hit(Span(o.start, o.end), {"origin": o.entry.origin, "entry": o.entry.kind})


def file_name(path: str) -> str:
    """The last part of a path as linted (either separator: a Windows path from stdin's name)."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]
