"""Unified diffs of a rewritten cable (`redact --diff`, `check --diff`), with
the lines shown through a mask so no protected term is printed."""
from __future__ import annotations

import difflib


def lines(text: str) -> list[str]:
    """Lines with their '\\n' kept (only '\\n' splits, as the masker counts lines)."""
    parts = text.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


def _range(lo: int, hi: int) -> str:
    n = hi - lo
    start = lo + 1 if n else lo
    return f"{start}" if n == 1 else f"{start},{n}"


def unified(name: str, a: list[str], b: list[str], shown_a: list[str] | None = None,
            shown_b: list[str] | None = None, context: int = 3) -> str:
    """The diff of lines `a` -> `b` as `patch` reads it (`--- a/NAME`,
    `+++ b/NAME`). The hunks are computed on the real lines and printed from
    `shown_a`/`shown_b` (masked copies with the same line structure); "" when
    nothing changed."""
    shown_a, shown_b = shown_a or a, shown_b or b
    if len(shown_a) != len(a) or len(shown_b) != len(b):
        raise ValueError("a masked copy must keep the line structure")
    out = [f"--- a/{name}\n", f"+++ b/{name}\n"]

    def emit(prefix: str, line: str) -> None:
        out.append(prefix + line if line.endswith("\n") else prefix + line + "\n\\ No newline at end of file\n")

    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        out.append(f"@@ -{_range(i1, i2)} +{_range(j1, j2)} @@\n")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                for line in shown_a[a1:a2]:
                    emit(" ", line)
                continue
            for line in shown_a[a1:a2]:
                emit("-", line)
            for line in shown_b[b1:b2]:
                emit("+", line)
    return "".join(out) if len(out) > 2 else ""
