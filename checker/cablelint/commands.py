"""The subcommands besides `check`: `inspect`, `rules`, `rule`, `test`,
`redact` and `marking`; each imports what it uses when it runs."""
from __future__ import annotations

import argparse
import os

from .checkcmd import nothing_found, print_notes
from .cliargs import settings
from .terminal import UsageError, say, write


def cmd_redact(args: argparse.Namespace) -> int:
    from .redact import run as run_redact
    from .session import Session

    session = Session.build(settings(args))
    if not session.protect:
        raise UsageError("redact needs a protect list: --protect FILE (or `protect:` in the config)")
    found = session.discover(args.paths)  # meets the nearer configurations (and their protect lists)
    every = session.protect
    for s in session.sessions()[1:]:
        every = every.merged(s.protect)
    print_notes(args, found.notes, every.mask)
    return run_redact(args, every, found, plist_for=lambda f: session.for_folder(os.path.dirname(f)).protect,
                       encoding=session.engine.options.get("encoding"))


def cmd_marking(args: argparse.Namespace) -> int:
    from . import marking_check
    from .session import Session

    return marking_check.run(args, Session.build(settings(args)).engine)


def cmd_inspect(args: argparse.Namespace) -> int:
    import json

    from .inspect_view import inspect_text
    from .lintpool import UNMARKED, unmarked
    from .session import Session
    from .source import InputError, read

    session = Session.build(settings(args))
    found = session.discover(args.paths)
    mask0 = session.mask([])
    print_notes(args, found.notes, mask0)
    status = 0
    for e in found.errors:
        say(f"cablelint: error: {mask0(str(e))}")
        status = 2
    docs, texts, notes = [], [], list(found.notes)
    named = {os.path.normpath(p) for p in args.paths}
    for f in found.files:
        try:
            engine = session.for_folder(os.path.dirname(f)).engine
            doc = engine.parse(read(f, engine.options.get("encoding")))
        except InputError as exc:
            say(f"cablelint: error: {mask0(str(exc))}")
            status = 2
            continue
        skipped = unmarked(doc)
        if skipped and os.path.normpath(f) not in named:  # check skips it: so does inspect, found in a folder
            notes.append(f"{f}: skipped ({UNMARKED})")
            print_notes(args, notes[-1:], mask0)
            continue
        d = doc.to_dict()
        if skipped:  # named: shown, and told
            d["notes"] = [*d.get("notes", []), f"check skips this file ({UNMARKED})"]
        docs.append(d)
        texts.append(doc.text)
    mask = session.mask(texts)  # inspect prints names (Classified By, signature): mask them, wrapped parts too
    docs = [_masked_doc(d, mask) for d in docs]  # masked before dumping: JSON escapes a wrapped name's line break
    if args.format == "json":
        write(json.dumps(docs, indent=2, ensure_ascii=False) + "\n")
    else:
        write("".join(mask(inspect_text(d)) + "\n" for d in docs))  # again: a name may span two fields (TAGS)
    if not docs and status == 0 and not getattr(args, "quiet", False):
        say(nothing_found(notes, found.quiet_skips(session.cfg)))  # as check says it: silence would read as "fine"
    return status


def _masked_doc(d: dict, mask) -> dict:
    """One document's dict through the run's mask, its path as the reports
    mask paths (reporters.masked_path: two files whose names mask alike stay
    two). The mask leaves a masked path's tag alone, so the text rendered
    from this dict can go through the mask again."""
    from .reporters import masked_path

    return {mask(k): masked_path(v, v, mask) if k == "path" else mask(v) for k, v in d.items()}


def _all_rules(specs: list[str] | None):
    from .engine import known_rules
    from .ruleset import load, shipped
    from .session import rulesets

    sets = rulesets(specs) if specs else [load(n) for n in shipped()]
    return sets, known_rules(sets)


def cmd_rules(args: argparse.Namespace) -> int:
    import json

    from .catalogue import catalogue_markdown

    sets, rules = _all_rules(args.rules)
    if not args.all:
        if args.format == "json":
            write(json.dumps([{"name": s.name, "description": s.description, "rules": len(s.rules),
                                "path": s.path} for s in sets], indent=2) + "\n")
        else:
            write("".join(f"{s.name:<12} {len(s.rules):>3} rules  {s.description}\n" for s in sets))
        return 0
    docs = [r.doc() for r in sorted(rules.values(), key=lambda r: r.id)]
    if args.format == "json":
        write(json.dumps(docs, indent=2, ensure_ascii=False) + "\n")
    elif args.format == "md":
        write(catalogue_markdown(sets))  # docs/rules.md
    else:
        write("".join(f"{d['id']}  {d['severity']:<7} {d['name']:<36} {d['summary']}\n" for d in docs))
    return 0


def cmd_rule(args: argparse.Namespace) -> int:
    import json

    from .ruledoc import rule_markdown, rule_text

    _, rules = _all_rules(args.rules)
    by_name = {r.name: r for r in rules.values()}
    by_upper = {k.upper(): r for k, r in rules.items()}  # `rule cl207`: ids and names in any case
    out = []
    status = 0
    for rid in args.ids:
        r = rules.get(rid) or by_name.get(rid) or by_upper.get(rid.upper()) or by_name.get(rid.lower())
        if r is None:
            say(f"cablelint: error: no rule {rid!r} (see `cablelint rules --all`)")
            status = 2
            continue
        out.append(r)
    if args.format == "json":
        write(json.dumps([r.doc() for r in out], indent=2, ensure_ascii=False) + "\n")
    elif args.format == "md":
        write("\n".join(line for r in sorted(out, key=lambda r: r.id) for line in rule_markdown(r, "##")) + "\n")
    else:
        write("".join(rule_text(r) for r in out))
    return status


def cmd_test(args: argparse.Namespace) -> int:
    from .ruleset import load, shipped
    from .ruletest import rule_set_files, run_ruleset

    specs = rule_set_files(args.paths) if args.paths else [str(p) for p in shipped().values()]
    if not specs:
        raise UsageError(f"no rule sets found in {', '.join(args.paths)} (nothing to test)")
    total = passed = failed = 0  # examples run and passed; failing examples and other problems
    failures = []
    for spec in specs:
        got = run_ruleset(load(spec))
        total, passed, failed = total + got.run, passed + got.passed, failed + got.problems
        failures += got.failures
    write("".join(f"{f}\n" for f in failures) + f"{passed} passed, {failed} failed\n")
    if total == 0:
        say("cablelint: error: the rule sets hold no examples to test")
        return 1
    return 1 if failures else 0
