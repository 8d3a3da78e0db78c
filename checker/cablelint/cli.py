"""The `cablelint` command.

    cablelint [check] PATH...      lint cables (the default command)
    cablelint inspect PATH...      show the parsed document
    cablelint rules [--all]        list rule sets, or every rule
    cablelint rule ID              explain one rule
    cablelint test [PATH...]       run the examples kept with each rule

Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 usage,
configuration, rule-set or input errors that stop the run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path
from typing import Sequence

from . import __version__
from .api import input_error_finding
from .engine import Engine, Selection
from .files import DEFAULT_EXTENSIONS, discover
from .findings import Severity
from .reporters import Report, get as get_reporter, names as reporter_names
from .ruleset import RuleSetError, load, shipped
from .source import InputError, Source, decode, read

COMMANDS = ("check", "inspect", "rules", "rule", "test")


class UsageError(Exception):
    pass


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", "-r", action="append", metavar="NAME|FILE",
                   help="rule set to use (repeatable); default: state")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                   help="cable date, when the cable does not give one")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="cablelint", description="Lint diplomatic cables for "
                                 "classification-marking and redaction compliance.")
    ap.add_argument("--version", action="version", version=f"cablelint {__version__}")
    sub = ap.add_subparsers(dest="command")

    c = sub.add_parser("check", help="lint cables (the default command)")
    c.add_argument("paths", nargs="*", metavar="PATH", help="files or directories ('-' for stdin)")
    _add_common(c)
    c.add_argument("--format", "-f", default=None, help="output format: " + ", ".join(reporter_names()))
    c.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    c.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="review/release date (default today)")
    c.add_argument("--select", action="append", default=[], metavar="RULE", help="only these rules (id, prefix or name)")
    c.add_argument("--ignore", action="append", default=[], metavar="RULE", help="skip these rules")
    c.add_argument("--extend-select", action="append", default=[], metavar="RULE")
    c.add_argument("--fail-on", choices=["error", "warning", "info"], default="error",
                   help="lowest severity that makes the exit code 1 (default error)")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    c.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    c.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")
    c.add_argument("--show-matches", action="store_true", help="print flagged text (may be classified)")
    c.add_argument("--extensions", default=",".join(DEFAULT_EXTENSIONS),
                   help="file endings to lint in directories (default .txt,.cable,.tel)")
    c.add_argument("--stdin-filename", metavar="NAME", help="name for '-' input in the report")

    i = sub.add_parser("inspect", help="show the parsed document")
    i.add_argument("paths", nargs="+", metavar="PATH")
    _add_common(i)
    i.add_argument("--format", "-f", choices=["text", "json"], default="text")

    r = sub.add_parser("rules", help="list rule sets, or every rule with --all")
    r.add_argument("--all", action="store_true", help="list every rule of the chosen rule sets")
    r.add_argument("--rules", "-r", action="append", metavar="NAME|FILE")
    r.add_argument("--format", "-f", choices=["text", "json", "md"], default="text")

    d = sub.add_parser("rule", help="explain a rule")
    d.add_argument("ids", nargs="+", metavar="ID")
    d.add_argument("--rules", "-r", action="append", metavar="NAME|FILE")
    d.add_argument("--format", "-f", choices=["text", "json", "md"], default="text")

    t = sub.add_parser("test", help="run the examples kept with each rule")
    t.add_argument("paths", nargs="*", metavar="PATH", help="rule set files or folders (default: shipped)")
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    if not args_in or (args_in[0] not in COMMANDS and args_in[0] not in ("-h", "--help", "--version")):
        args_in = ["check"] + args_in
    parser = build_parser()
    try:
        args = parser.parse_args(args_in)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    try:
        return {"check": cmd_check, "inspect": cmd_inspect, "rules": cmd_rules, "rule": cmd_rule,
                "test": cmd_test}[args.command](args)
    except (RuleSetError, UsageError) as exc:
        print(f"cablelint: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("cablelint: interrupted", file=sys.stderr)
        return 130


def load_rulesets(specs: list[str] | None):
    return [load(s) for s in (specs or ["state"])]


def _use_color(choice: str, stream) -> bool:
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def cmd_check(args: argparse.Namespace) -> int:
    if not args.paths:
        raise UsageError("no paths given (try: cablelint seeds/ examples/)")
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in reporter_names()
                          else "concise")
    try:
        reporter = get_reporter(fmt)
    except KeyError:
        raise UsageError(f"unknown format {fmt!r} (formats: {', '.join(reporter_names())})") from None
    sel = Selection(select=args.select, ignore=args.ignore, extend_select=args.extend_select)
    engine = Engine(load_rulesets(args.rules), sel, date=args.date, as_of=args.as_of)
    start = time.perf_counter()
    exts = tuple(e if e.startswith(".") else "." + e for e in args.extensions.split(",") if e)
    paths = [p for p in args.paths if p != "-"]
    files, errors = discover(paths, exts)
    findings = [input_error_finding(e.split(":")[0], e) for e in errors]
    sources: dict[str, Source] = {}
    n = 0
    if "-" in args.paths:
        name = args.stdin_filename or "<stdin>"
        data = sys.stdin.buffer.read()
        n += 1
        try:
            src = decode(data, name)
            sources[name] = src
            findings.extend(engine.lint_source(src))
        except InputError as exc:
            findings.append(input_error_finding(name, str(exc)))
    for f in files:
        n += 1
        try:
            src = read(f)
        except InputError as exc:
            findings.append(input_error_finding(f, str(exc)))
            continue
        sources[f] = src
        findings.extend(engine.lint_source(src))
    findings.sort(key=lambda x: x.sort_key())
    out_stream = sys.stdout
    report = Report(findings=findings, rules=engine.rules, files=n, errors=errors,
                    elapsed=time.perf_counter() - start, sources=sources,
                    color=_use_color(args.color, out_stream) and not args.output,
                    show_matches=args.show_matches, version=__version__)
    text = reporter.render(report)
    if args.quiet and fmt == "concise":
        text = "".join(l + "\n" for l in text.splitlines()[:-1])
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        if not args.quiet:
            print(report.summary_line(), file=sys.stderr)
    else:
        out_stream.write(text)
    if args.exit_zero:
        return 0
    threshold = Severity.parse(args.fail_on)
    return 1 if any(f.severity >= threshold for f in findings) else 0


def cmd_inspect(args: argparse.Namespace) -> int:
    engine = Engine(load_rulesets(args.rules), date=args.date)
    files, errors = discover(args.paths)
    for e in errors:
        print(f"cablelint: error: {e}", file=sys.stderr)
    docs = []
    status = 2 if errors else 0
    for f in files:
        try:
            doc = engine.parse(read(f))
        except InputError as exc:
            print(f"cablelint: error: {exc}", file=sys.stderr)
            status = 2
            continue
        docs.append(doc.to_dict())
    if args.format == "json":
        print(json.dumps(docs, indent=2, ensure_ascii=False))
    else:
        for d in docs:
            print(_inspect_text(d))
    return status


def _inspect_text(d: dict) -> str:
    c = d["classification"]
    out = [f"{d['path']}",
           f"  date:           {d['date'] or 'unknown'} (from {d['date_source']})",
           f"  shape:          {d['shape']}",
           f"  classification: {c.get('level')} {' '.join(c.get('caveats') or [])} (line {c.get('line')})"]
    if d.get("transmission"):
        out.append(f"  transmission:   {d['transmission']}")
    eo = d.get("eo")
    out.append(f"  E.O.:           {eo['order']} {eo['declassify_on']!r} -> {eo['decl_kind']} "
               f"{eo['decl_date'] or ''} (line {eo['line']})" if eo else "  E.O.:           none")
    out.append(f"  TAGS:           {' '.join(d['tags']) or 'none'}")
    out.append(f"  SUBJECT:        {d['subject'] or 'none'}")
    cb = d.get("classified_by")
    out.append(f"  Classified By:  {cb['name']!r} reasons {cb['section']} {','.join(cb['reasons'])} "
               f"(line {cb['line']})" if cb else "  Classified By:  none")
    secs = ", ".join(f"{s['number']}/{s['total']}@{s['line']}" for s in d["sections"])
    out.append(f"  sections:       {secs or 'none'}")
    paras = ", ".join(f"{p['number'] if p['number'] is not None else '-'}({p['portion'] or '?'})@{p['line']}"
                      for p in d["paragraphs"])
    out.append(f"  paragraphs:     {paras or 'none'}")
    out.append(f"  headings:       {len(d['headings'])}; placeholders: {d['placeholders']}; "
               f"signature: {d['signature'] or 'none'}")
    return "\n".join(out)


def _all_rules(specs: list[str] | None):
    sets = load_rulesets(specs) if specs else [load(n) for n in shipped()]
    seen = {}
    for rs in sets:
        for r in rs.rules:
            seen.setdefault(r.id, r)
    return sets, seen


def cmd_rules(args: argparse.Namespace) -> int:
    sets, rules = _all_rules(args.rules)
    if not args.all:
        if args.format == "json":
            print(json.dumps([{"name": s.name, "description": s.description, "rules": len(s.rules),
                               "path": s.path} for s in sets], indent=2))
        else:
            for s in sets:
                print(f"{s.name:<12} {len(s.rules):>3} rules  {s.description}")
        return 0
    docs = [r.doc() for r in sorted(rules.values(), key=lambda r: r.id)]
    if args.format == "json":
        print(json.dumps(docs, indent=2, ensure_ascii=False))
    elif args.format == "md":
        print(rules_markdown(list(rules.values())))
    else:
        for d in docs:
            print(f"{d['id']}  {d['severity']:<7} {d['name']:<36} {d['summary']}")
    return 0


def cmd_rule(args: argparse.Namespace) -> int:
    _, rules = _all_rules(args.rules)
    by_name = {r.name: r for r in rules.values()}
    out = []
    status = 0
    for rid in args.ids:
        r = rules.get(rid) or by_name.get(rid)
        if r is None:
            print(f"cablelint: error: no rule {rid!r} (see `cablelint rules --all`)", file=sys.stderr)
            status = 2
            continue
        out.append(r)
    if args.format == "json":
        print(json.dumps([r.doc() for r in out], indent=2, ensure_ascii=False))
    elif args.format == "md":
        print(rules_markdown(out))
    else:
        for r in out:
            print(rule_text(r))
    return status


def rule_text(r) -> str:
    lines = [f"{r.id} {r.name} ({r.severity}, rule set {r.ruleset})", "", f"What it checks: {r.short_description}"]
    if r.why:
        lines += ["", "Why: " + r.why]
    if r.reference:
        lines += ["", "Reference: " + r.reference]
    for ex in r.examples:
        lines += ["", f"Example ({ex.kind}{', line ' + str(ex.line) if ex.line else ''}):"]
        lines += ["    " + l for l in ex.text.rstrip("\n").splitlines()]
    if r.fix:
        lines += ["", "How to fix: " + r.fix]
    return "\n".join(lines) + "\n"


def rules_markdown(rules) -> str:
    out = []
    for r in sorted(rules, key=lambda r: r.id):
        out += [f"## {r.id} {r.name}", "", f"*{r.severity}*, rule set `{r.ruleset}`, kind `{r.kind}`", "",
                f"**What it checks.** {r.short_description}", ""]
        if r.why:
            out += [f"**Why.** {r.why}", ""]
        if r.reference:
            out += [f"**Reference.** {r.reference}", ""]
        for ex in r.examples:
            out += [f"**{ex.kind.capitalize()} example**" + (f" (flagged at line {ex.line})" if ex.line else "") + ":",
                    "", "```", ex.text.rstrip("\n"), "```", ""]
        if r.fix:
            out += [f"**How to fix.** {r.fix}", ""]
    return "\n".join(out)


def cmd_test(args: argparse.Namespace) -> int:
    from .ruletest import test_ruleset

    specs: list[str] = []
    for p in args.paths or []:
        pp = Path(p)
        if pp.is_dir():
            specs += [str(x) for x in sorted(pp.glob("*.yaml")) if x.name != "markings.yaml"]
        else:
            specs.append(p)
    if not args.paths:
        specs = [str(p) for p in shipped().values()]
    total = 0
    failures = []
    for spec in specs:
        rs = load(spec)
        n, fails = test_ruleset(rs)
        total += n
        failures += fails
    for f in failures:
        print(str(f))
    print(f"{total - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0
