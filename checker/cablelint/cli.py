"""The `cablelint` command.

    cablelint [check] PATH...      lint cables (the default command)
    cablelint inspect PATH...      show the parsed document
    cablelint rules [--all]        list rule sets, or every rule
    cablelint rule ID              explain one rule
    cablelint test [PATH...]       run the examples kept with each rule
    cablelint redact PATH...       replace protected names with placeholders

Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 usage,
configuration, rule-set or input errors that stop the run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from . import baseline as baseline_mod
from .config import Config, ConfigError, resolve as resolve_config
from .dates import parse_date
from .engine import Engine
from .files import discover
from .findings import Severity
from .reporters import Report, get as get_reporter, names as reporter_names
from .reporters.common import statistics_text
from .runner import build_engine, run_check
from .protect import ProtectError, ProtectList, load as load_protect, masker
from .redact import RedactError, add_parser as add_redact_parser, run as run_redact
from . import marking_check
from .ruleset import DEFAULT_RULESETS, RuleSetError, load, shipped
from .source import InputError, read

COMMANDS = ("check", "inspect", "rules", "rule", "test", "redact", "marking")


class UsageError(Exception):
    pass


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", "-r", action="append", metavar="NAME|FILE",
                   help="rule set to use (repeatable); default: state, capco and cui, "
                        "each for the documents of its shape")
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
    c.add_argument("--format", "-f", default=None, help="output format: " + ", ".join(reporter_names()) +
                   " (default full; github when GITHUB_ACTIONS=true)")
    c.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    c.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="review/release date (default today)")
    c.add_argument("--select", action="append", default=[], metavar="RULE",
                   help="only these rules (id, prefix such as CL2, or name; repeatable or comma list)")
    c.add_argument("--ignore", action="append", default=[], metavar="RULE", help="skip these rules")
    c.add_argument("--extend-select", action="append", default=[], metavar="RULE",
                   help="add rules to the selection")
    c.add_argument("--severity-override", action="append", default=[], metavar="RULE=SEVERITY",
                   help="re-grade a rule, e.g. CL201=warning (repeatable)")
    c.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="skip files matching GLOB (adds to the config's exclude)")
    c.add_argument("--fail-on", choices=["error", "warning", "info"], default=None,
                   help="lowest severity that makes the exit code 1 (default error)")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    c.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                   help="lint in N worker processes (0: one per CPU); results are the same")
    c.add_argument("--config", metavar="FILE", help="use this config file (.cablelint.yaml or pyproject.toml)")
    c.add_argument("--isolated", action="store_true", help="ignore all config files")
    c.add_argument("--show-config", action="store_true",
                   help="print the settings in effect and the file they came from, then exit")
    c.add_argument("--statistics", action="store_true", help="print the number of findings per rule")
    c.add_argument("--baseline", metavar="FILE", help="hide findings recorded in this baseline file")
    c.add_argument("--write-baseline", metavar="FILE",
                   help="record the current findings in FILE (then exit 0); nothing else writes it")
    c.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    c.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")
    c.add_argument("--show-matches", action="store_true",
                   help="print flagged text (may be classified); also turns off protect-list masking")
    c.add_argument("--protect", action="append", default=[], metavar="FILE",
                   help="protect list: names that must never appear unredacted, nor in any output "
                        "(repeatable; adds to the config's `protect`)")
    c.add_argument("--extensions", default=None,
                   help="file endings to lint in directories (default .txt,.cable,.tel)")
    c.add_argument("--stdin-filename", metavar="NAME", help="name for '-' input in the report")

    i = sub.add_parser("inspect", help="show the parsed document")
    i.add_argument("paths", nargs="+", metavar="PATH")
    _add_common(i)
    i.add_argument("--format", "-f", choices=["text", "json"], default="text")
    i.add_argument("--protect", action="append", default=[], metavar="FILE",
                   help="mask the names of these protect lists in the output (adds to the config's)")

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
    add_redact_parser(sub)
    marking_check.add_parser(sub)
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
                "test": cmd_test, "redact": cmd_redact, "marking": cmd_marking}[args.command](args)
    except (RuleSetError, UsageError, ConfigError, baseline_mod.BaselineError, ProtectError, RedactError) as exc:
        print(f"cablelint: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("cablelint: interrupted", file=sys.stderr)
        return 130


def load_rulesets(specs: list[str] | None):
    """The chosen rule sets; by default state, capco and cui, each gated by document shape."""
    return [load(s) for s in (specs or DEFAULT_RULESETS)]


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


def _split(values: list[str]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def check_config(args: argparse.Namespace) -> Config:
    """The config file's settings with the command line on top: flags that
    choose (--select, --rules, --format...) replace, flags that add
    (--ignore, --extend-select, --exclude, --severity-override) extend."""
    cfg = resolve_config(args.config, args.isolated)

    def took(key: str, flag: str) -> None:
        cfg.origin[key] = flag if key not in cfg.origin else f"{cfg.origin[key]} + {flag}"

    if args.rules:
        cfg.rules = list(args.rules)
        cfg.origin["rules"] = "--rules"
    if args.select:
        cfg.select = _split(args.select)
        cfg.origin["select"] = "--select"
    for key, more, flag in (("ignore", args.ignore, "--ignore"), ("extend-select", args.extend_select,
                                                                  "--extend-select"),
                            ("exclude", args.exclude, "--exclude")):
        if more:
            attr = key.replace("-", "_")
            setattr(cfg, attr, getattr(cfg, attr) + (_split(more) if key != "exclude" else list(more)))
            took(key, flag)
    for item in args.severity_override:
        sel, eq, sev = item.partition("=")
        if not eq or not sel.strip():
            raise UsageError(f"--severity-override {item!r}: use RULE=SEVERITY, e.g. CL201=warning")
        try:
            cfg.severity[sel.strip()] = Severity.parse(sev)
        except ValueError as exc:
            raise UsageError(f"--severity-override {item!r}: {exc}") from None
        cfg.origin["severity"] = "--severity-override" if "severity" not in cfg.origin else \
            cfg.origin["severity"].split(" + ")[0] + " + --severity-override"
    if args.extensions:
        cfg.extensions = [e if e.startswith(".") else "." + e for e in _split([args.extensions])]
        cfg.origin["extensions"] = "--extensions"
    for key, value, flag in (("fail-on", args.fail_on, "--fail-on"), ("format", args.format, "--format"),
                             ("date", args.date, "--date"), ("as-of", args.as_of, "--as-of")):
        if value is not None:
            setattr(cfg, key.replace("-", "_"), value)
            cfg.origin[key] = flag
    if args.protect:  # adds: a protect list never hides another
        cfg.protect = list(cfg.protect) + list(args.protect)
        took("protect", "--protect")
    return cfg


def cmd_check(args: argparse.Namespace) -> int:
    cfg = check_config(args)
    if args.show_config:
        sys.stdout.write(cfg.show())
        return 0
    if not args.paths:
        raise UsageError("no paths given (try: cablelint seeds/ examples/)")
    if args.baseline and args.write_baseline:
        raise UsageError("--baseline and --write-baseline cannot be used together")
    fmt = cfg.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "full")
    try:
        reporter = get_reporter(fmt)
    except KeyError:
        raise UsageError(f"unknown format {fmt!r} (formats: {', '.join(reporter_names())})") from None
    engine = build_engine(cfg)  # the run's one engine; it loads the protect lists (config and --protect)
    plist = engine.options.get("protect")
    stdin = None
    if "-" in args.paths:
        stdin = (args.stdin_filename or "<stdin>", sys.stdin.buffer.read())
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    run = run_check(cfg, args.paths, engine=engine, stdin=stdin, baseline=args.baseline, progress=sys.stderr,
                    jobs=jobs)
    if args.write_baseline:
        n, kept = baseline_mod.write(Path(args.write_baseline), run.findings, run.linted, rules=run.engine.rules)
        extra = f" (kept {kept} for files not linted in this run)" if kept else ""
        print(f"cablelint: wrote {n} baseline entr{'y' if n == 1 else 'ies'} for {len(run.linted)} "
              f"file{'s' * (len(run.linted) != 1)} to {args.write_baseline}{extra}", file=sys.stderr)
        return 0
    out_stream = sys.stdout
    report = Report(findings=run.findings, rules=engine.rules, files=len(run.linted), elapsed=run.elapsed,
                    sources=run.sources, color=_use_color(args.color, out_stream) and not args.output,
                    show_matches=args.show_matches, statistics=args.statistics, quiet=args.quiet,
                    suppressed=run.suppressed, stale=[e.describe() for e in run.stale], version=__version__)
    flagged = [f.matched for f in run.findings if f.rule in baseline_mod.protected_rules(engine.rules)]
    if (plist or flagged) and not args.show_matches:
        # The single masking point: every format prints through report.safe(). The
        # line parts of names wrapped in these files are masked too, so a message
        # quoting one line never shows half a name; so are names a rule flagged (CL608).
        report.mask = masker(plist, run.sources.values(), flagged)
    if args.statistics:
        as_json = fmt in ("json", "json-lines")
        text = statistics_text(report, as_json=as_json)
        if not args.quiet and not as_json:
            text += report.summary_line() + "\n"
    else:
        text = reporter.render(report)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:  # a usage error (exit 2), not "findings" (exit 1)
            raise UsageError(f"cannot write the report to {args.output}: {exc.strerror or exc}") from None
    else:
        out_stream.write(text)
    if not args.quiet and (args.output or getattr(reporter, "MACHINE", False)) and not args.statistics:
        # Machine formats keep stdout parseable: the summary goes to stderr.
        for s in report.stale:
            print(f"cablelint: stale baseline entry: {report.safe(s)}", file=sys.stderr)
        print(report.summary_line(), file=sys.stderr)
    if args.exit_zero:
        return 0
    threshold = Severity.parse(cfg.fail_on)
    return 1 if any(f.severity >= threshold for f in run.findings) else 0


def protect_list(flags: list[str], cfg: Config | None) -> ProtectList:
    """The protect lists of the configuration and of --protect, merged (both
    add: a protect list never hides another). ProtectError -> exit 2."""
    paths = list(cfg.protect if cfg is not None else []) + list(flags or [])
    return load_protect(paths)


def cmd_redact(args: argparse.Namespace) -> int:
    cfg = resolve_config(args.config, args.isolated)
    plist = protect_list(args.protect, cfg)
    if not plist:
        raise UsageError("redact needs a protect list: --protect FILE (or `protect:` in the config)")
    return run_redact(args, plist)


def cmd_marking(args: argparse.Namespace) -> int:
    return marking_check.run(args, Engine(load_rulesets(args.rules)))


def cmd_inspect(args: argparse.Namespace) -> int:
    engine = Engine(load_rulesets(args.rules), date=args.date)
    files, errors = discover(args.paths)
    for e in errors:
        print(f"cablelint: error: {e}", file=sys.stderr)
    docs = []
    texts = []
    status = 2 if errors else 0
    for f in files:
        try:
            doc = engine.parse(read(f))
        except InputError as exc:
            print(f"cablelint: error: {exc}", file=sys.stderr)
            status = 2
            continue
        docs.append(doc.to_dict())
        texts.append(doc.text)
    plist = protect_list(args.protect, resolve_config(None, False))
    # inspect prints names (Classified By, signature): mask them, wrapped parts included
    mask = masker(plist, texts)
    if args.format == "json":  # mask values before dumping: JSON escapes a wrapped name's line break
        print(json.dumps(mask(docs), indent=2, ensure_ascii=False))
    else:
        for d in docs:
            print(mask(_inspect_text(d)))
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
    out.append(f"  Classified By:  {cb['name']!r} ({cb['title'] or 'no title'}) reasons {cb['section']} "
               f"{','.join(cb['reasons'])} "
               f"(line {cb['line']})" if cb else "  Classified By:  none")
    secs = ", ".join(f"{s['number']}/{s['total']}@{s['line']}" for s in d["sections"])
    out.append(f"  sections:       {secs or 'none'}")
    paras = ", ".join(f"{p['number'] if p['number'] is not None else '-'}({p['portion'] or '?'})@{p['line']}"
                      for p in d["paragraphs"])
    out.append(f"  paragraphs:     {paras or 'none'}")
    out.append(f"  headings:       {len(d['headings'])}; placeholders: {d['placeholders']}; "
               f"signature: {d['signature'] or 'none'}")
    for note in d.get("notes") or []:
        out.append(f"  note:           {note}")
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
        from .catalogue import catalogue_markdown

        sys.stdout.write(catalogue_markdown(sets))  # docs/rules.md
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
