"""What Session.build (session.py) does before it builds the engine: the
rule sets chosen, each once (`rulesets`); the selectors checked against the
rules loaded (`check_selectors`); a protect list or baseline path refused
when it is no regular file (`regular_files`). Kept apart from the session,
which holds the run itself."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Iterable

from .config import Config, ConfigError
from .rule import Rule, RuleSet
from .selection import names_any


def rulesets(specs: Iterable[str | RuleSet]) -> list[RuleSet]:
    """The chosen rule sets, each once: a set that another listed set extends
    (`rules: [state, ./house.yaml]` where house extends state) is dropped, in
    whatever order they are listed, so no rule runs twice and the child's
    changes (disabled rules, severities, lists) are the ones in force."""
    from .ruleset import load as load_ruleset

    sets = [s if isinstance(s, RuleSet) else load_ruleset(s) for s in specs]
    out: list[RuleSet] = []
    for s in sets:
        me = s.lineage[0] if s.lineage else s.path
        if any(me in t.lineage[1:] for t in sets):
            continue  # an ancestor of another listed set: run through it
        if any((o.lineage[0] if o.lineage else o.path) == me for o in out):
            continue  # listed twice
        out.append(s)
    return out


def check_selectors(cfg: Config, rules: dict[str, Rule]) -> None:
    """A selector that matches no loaded rule is a typo or a missing rule set:
    fail loudly rather than silently select nothing."""
    groups = [("select", cfg.select), ("ignore", cfg.ignore), ("extend-select", cfg.extend_select)]
    groups += [(f"severity.{k}", [k]) for k in cfg.severity]
    groups += [(f"per-file-ignores.{g}", v) for g, v in cfg.per_file_ignores.items()]
    for key, sels in groups:
        for sel in sels:
            if not names_any(sel, rules.values()):
                raise ConfigError(f"{cfg.where(key)}: no rule matches {sel!r} in `{key.split('.')[0]}` "
                                  "(give a rule id, an id prefix such as CL2, or a rule name)")


def startup_done() -> None:
    """The engine is ready: the collector that `cablelint` (cli.run) paused
    for the start-up runs again (cli.resume_gc; nothing for the API)."""
    cli = sys.modules.get(f"{__package__}.cli")
    if cli is not None:
        cli.resume_gc()


def is_protect_list(value: Any) -> bool:
    """isinstance(value, protect.ProtectList) without importing protect.py: an
    object of that class exists only once the module is loaded."""
    mod = sys.modules.get(f"{__package__}.protect")
    return mod is not None and isinstance(value, mod.ProtectList)


def regular_files(paths: Iterable[Any], what: str) -> None:
    """A FIFO or device as --protect or --baseline would block the run: refuse it."""
    for p in paths:
        if isinstance(p, (str, Path)):
            if not str(p):
                raise ConfigError(f"{what}: an empty path (an unset variable?)")
            if os.path.exists(p) and not os.path.isfile(p):
                raise ConfigError(f"{p}: not a regular file (a folder, FIFO or device cannot be a {what})")
