"""Eras in a rule set: named date ranges with what each allows (DECL limits,
reasons, rules disabled or re-graded), grace windows inside them, and
`era_overrides` that change inherited values. Validated here, at load time,
with `file:line` errors, so the engine can trust every era it is given.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .findings import Severity
from .loadutil import check_type, date_value, err

def era(path: Path, e: Any) -> dict[str, Any]:
    if not isinstance(e, dict) or "name" not in e or "from" not in e or "to" not in e:
        raise err(path, e, "each era needs `name`, `from` and `to` (dates YYYY-MM-DD)")
    out = dict(e)
    out["_from"] = date_value(path, e, "from", f"era {e['name']}")
    out["_to"] = date_value(path, e, "to", f"era {e['name']}")
    if out["_to"] <= out["_from"]:
        raise err(path, e, f"era {e['name']}: `to` must be after `from`", "to")
    out["_key"] = e["name"]
    out["_map"] = e  # the YAML mapping, for file:line in later errors
    check_type(path, e, "grace", list, f"era {e['name']}")
    out["_grace"] = [grace(path, e, g) for g in e.get("grace") or []]
    return out


def grace(path: Path, era: Any, g: Any) -> dict[str, Any]:
    """A transition window inside an era: from `from` (default: the era's
    start) until `until` (exclusive), its keys replace the era's."""
    where = f"era {era['name']}: grace window"
    if not isinstance(g, dict) or "until" not in g:
        raise err(path, g if isinstance(g, dict) else era, f"{where} needs `until` (a date YYYY-MM-DD)")
    out = dict(g)
    out["_until"] = date_value(path, g, "until", where)
    out["_from"] = date_value(path, g, "from", where) if "from" in g else date_value(path, era, "from", f"era {era['name']}")
    if out["_until"] <= out["_from"]:
        raise err(path, g, f"{where}: `until` must be after `from`", "until")
    for k in ("name", "to", "grace"):
        if k in g:
            raise err(path, g, f"{where}: `{k}` cannot be changed inside a grace window", k)
    out["_map"] = g
    return out


def check_rule_refs(path: Path, eras: list[dict[str, Any]], known: set[str]) -> None:
    """Era (and grace) `severity` and `disable` must name real rules and severities,
    so a typo in the era table cannot silently leave a rule at full strength."""
    for era in eras:
        for part in [era] + list(era.get("_grace") or []):
            where = f"era {era['name']}" + (": grace window" if part is not era else "")
            src = part.get("_map", part)
            sev = part.get("severity") or {}
            dis = part.get("disable") or []
            if not isinstance(sev, dict):
                raise err(path, src, f"{where}: `severity` must map rule ids to severities", "severity")
            if not isinstance(dis, list):
                raise err(path, src, f"{where}: `disable` must be a list of rule ids", "disable")
            for rid in list(sev) + list(dis):
                if rid not in known:
                    key = "severity" if rid in sev else "disable"
                    raise err(path, src, f"{where}: `{key}` names no rule of this set: {rid!r}", key)
            for rid, v in sev.items():
                try:
                    Severity.parse(str(v))
                except ValueError as exc:
                    raise err(path, src, f"{where}: {rid}: {exc}", "severity") from None


def override(path: Path, over: Any, eras: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Change some values of inherited eras (an office's shorter DECL limit)
    without copying every era; the era boundaries themselves stay fixed."""
    by_name = {e["name"]: e for e in eras}
    out = [dict(e) for e in eras]
    for name, attrs in over.items():
        if name != "*" and name not in by_name:
            raise err(path, over, f"`era_overrides`: no era named {name!r} (eras: {', '.join(by_name) or 'none'})",
                       name)
        if not isinstance(attrs, dict):
            raise err(path, over, f"`era_overrides`: {name} must map era keys to values", name)
        fixed = sorted({"name", "from", "to", "grace"} & set(attrs))
        if fixed:
            raise err(path, attrs, f"`era_overrides`: {name}: `{fixed[0]}` cannot be changed (define `eras` instead)",
                       fixed[0])
        for e in out:
            if name in ("*", e["name"]):
                e.update(attrs)
    return out
