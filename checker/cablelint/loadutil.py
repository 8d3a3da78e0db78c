"""Small validation helpers shared by the rule-set loader and its parts
(eras, conditions): every problem is a RuleSetError naming `file:line`."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .dates import parse_date
from .rule import RuleSetError
from .yamlio import line_of


def err(path: Path, obj: Any, msg: str, key: str | None = None) -> RuleSetError:
    line = line_of(obj, key or None)
    return RuleSetError(f"{path}:{line}: {msg}" if line else f"{path}: {msg}")


def close_to(word: str, choices: Any) -> str | None:
    """The one of `choices` that `word` is likely a typo of (`mesage`: message), or None."""
    import difflib  # only a rule set with an unknown key pays for it

    got = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.75)
    return got[0] if got else None


def did_you_mean(word: str, choices: Any) -> str:
    """' (did you mean `message`?)' for a likely typo of one of `choices`, else ''."""
    meant = close_to(word, choices)
    return f" (did you mean `{meant}`?)" if meant else ""


def check_type(path: Path, obj: Any, key: str, typ: Any, where: str) -> None:
    if key in obj and not isinstance(obj[key], typ) or (typ is int and isinstance(obj.get(key), bool)):
        names = " or ".join(t.__name__ for t in (typ if isinstance(typ, tuple) else (typ,)))
        want = {"str": "text", "list": "a list", "dict": "a mapping", "int": "a whole number",
                "bool": "true or false"}
        nice = " or ".join(want.get(n, n) for n in names.split(" or "))
        raise err(path, obj, f"{where}: `{key}` must be {nice}, not {type(obj[key]).__name__}", key)


def date_value(path: Path, obj: Any, key: str, where: str) -> dt.date:
    v = obj[key]
    try:
        return parse_date(v)
    except ValueError:
        raise err(path, obj, f"{where}: `{key}` must be a date YYYY-MM-DD, not {v!r}", key) from None
