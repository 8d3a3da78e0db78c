"""Rule documentation from one source: the sections of a rule (what it
checks, message, when it runs, why, reference, examples, fix) are built once
and rendered for the terminal (`cablelint rule ID`), Markdown (`rule --format
md`, docs/rules.md) and SARIF (a rule descriptor's help). The engine's own
rules (CL000-CL002) are rules like any other here.
"""
from __future__ import annotations

from typing import Iterable

from .engine import ENGINE_RULES
from .rule import Rule, RuleSet


def every_rule(sets: Iterable[RuleSet]) -> dict[str, Rule]:
    """The engine's rules and those of `sets`, by id (first definition wins)."""
    out = dict(ENGINE_RULES)
    for rs in sets:
        for r in rs.rules:
            out.setdefault(r.id, r)
    return out


def sections(r: Rule) -> list[tuple[str, str]]:
    """(title, text) of the prose sections, in the order every renderer uses."""
    out = [("What it checks", r.short_description)]
    if r.why:
        out.append(("Why", " ".join(r.why.split())))
    if r.reference:
        out.append(("Reference", r.reference))
    if r.fix:
        out.append(("How to fix", r.fix))
    return out


def rule_text(r: Rule) -> str:
    """`cablelint rule ID`: a rule for the terminal."""
    lines = [f"{r.id} {r.name} ({r.severity}, rule set {r.ruleset})"]
    for title, text in sections(r):
        lines += ["", f"{title}: {text}"]
    for ex in r.examples:
        lines += ["", f"Example ({ex.kind}{', line ' + str(ex.line) if ex.line else ''}):"]
        lines += ["    " + line for line in ex.text.rstrip("\n").splitlines()]
    return "\n".join(lines) + "\n"


def sarif_help(r: Rule) -> tuple[str, str]:
    """(text, markdown) of a SARIF rule descriptor's `help`."""
    parts = sections(r)
    text = [parts[0][1]] + [f"{t}: {x}" for t, x in parts[1:]]
    md = [f"**{r.id} {r.name}**: {parts[0][1]}"] + [f"**{t}.** {x}" for t, x in parts[1:]]
    return "\n\n".join(text), "\n\n".join(md)


def anchor(rule: Rule) -> str:
    """The GitHub anchor of a rule's heading (`### CL101 banner-missing`)."""
    return f"{rule.id.lower()}-{rule.name}"


def cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def rule_markdown(r: Rule, level: str = "###") -> list[str]:
    """One rule in Markdown (docs/rules.md, `rule --format md`): the sections,
    with the message, the `when:` conditions and the examples."""
    parts = dict(sections(r))
    target = r.params.get("target") if isinstance(r.params, dict) else None
    how = f"kind `{r.kind}`" + (f", target `{target}`" if target else "")
    out = [f"{level} {r.id} {r.name}", "",
           f"*{r.severity}* · rule set `{r.ruleset}` · {how}", "",
           f"**What it checks.** {parts['What it checks']}", "",
           f"**Message.** `{' '.join(r.message.split())}`", ""]
    if r.when:
        conds = ", ".join(f"{k}: {v}" for k, v in r.when.items())
        out += [f"**Runs when.** {conds}", ""]
    out += [line for t in ("Why", "Reference") if t in parts for line in (f"**{t}.** {parts[t]}", "")]
    for ex in r.examples:
        label = "Flagged" if ex.kind == "bad" else "Accepted"
        at = f" (at line {ex.line})" if ex.line else ""
        opts = ", ".join(f"{k} {v}" for k, v in ex.options.items() if k != "protect")
        out += [f"{label} example{at}" + (f", with {opts}" if opts else "") + ":", "",
                "```text", ex.text.rstrip("\n"), "```", ""]
    if "How to fix" in parts:
        out += [f"**How to fix.** {parts['How to fix']}", ""]
    return out
