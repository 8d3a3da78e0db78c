"""The `codes.<NAMES>` targets: the country and organisation codes that a
marking's controls list (REL TO's countries, `DISPLAY ONLY AFG, IRQ`, `FGI GBR
NZL`, the owners of `(//CAN GBR S)` or a NATO level, `USA/CAN/GBR EYES ONLY`),
so that the roll-up and order rules of every such list are data over the
generic kinds (`subset`, `list_order`, `vocabulary`). `targets.resolve` builds
the `codes.<NAMES>` family of targets on `codes_of`.
"""
from __future__ import annotations

from typing import Callable

from .document import Marking, Span, Token
from .rx import rx

CODE_RE = rx(r"\b[A-Z]{3,4}\b")


def _control_codes(m: Marking, name: str) -> list[Token]:
    """The codes the control `name` lists in a marking, once each: REL TO's
    countries, or the three- and four-letter words of the entry the control
    was read from other than the control's own words (`DISPLAY ONLY AFG, IRQ`,
    `FGI GBR NZL`, the owners `CAN GBR` of `(//CAN GBR S)`, `USA/CAN/GBR EYES ONLY`)."""
    if name == "REL TO":
        toks = list(m.rel_to)
    else:
        stop = set(name.split())
        toks = []
        for t in m.controls:
            if t.value != name:
                continue
            for c in CODE_RE.finditer(t.raw.upper()):
                if c.group(0) not in stop:
                    lo, hi = min(t.span.start + c.start(), t.span.end), min(t.span.start + c.end(), t.span.end)
                    toks.append(Token(c.group(0), Span(lo, hi), c.group(0)))
    seen: set[str] = set()
    return [t for t in toks if not (t.value in seen or seen.add(t.value))]


def codes_of(names: str) -> Callable[[Marking], list[Token]]:
    """The codes of several controls (`DISPLAY ONLY|REL TO`), a code twice only when two of them list it."""
    want = [n.strip() for n in names.split("|") if n.strip()]
    return lambda m: [t for n in want for t in _control_codes(m, n)]
