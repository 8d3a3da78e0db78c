"""The marking vocabulary: levels, controls and how markings are spelled.

The words themselves are data (rules/markings.yaml, extendable by a rule
set's `vocabulary:` block); this module turns them into lookup tables and
parses banner lines and portion marks into `Marking` values.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml

from .rx import rx
from .document import Marking, Span, Token


def rules_dir() -> Path:
    """Where the shipped rule sets live: inside the installed package
    (cablelint/rules, mapped from the top-level rules/ by pyproject), or the
    top-level rules/ of a source checkout (editable installs)."""
    here = Path(__file__).resolve().parent
    for cand in (here / "rules", here.parents[1] / "rules"):
        if (cand / "markings.yaml").is_file():
            return cand
    raise FileNotFoundError(f"cablelint: shipped rules not found beside {here}; reinstall cablelint")


@dataclass
class Level:
    name: str
    rank: int
    banner: list[str]
    portion: list[str]
    categories: bool = False  # markings at this level carry category markings (CUI//SP-CTI)


@dataclass
class Control:
    name: str
    banner: list[str]
    portion: list[str]
    level: str | None = None
    implies: list[str] = field(default_factory=list)
    cui: bool = False  # a CUI limited dissemination control (ends the category markings)


def _spaced(word: str) -> str:
    """A regex for a banner word written plain or letter-spaced."""
    parts = []
    for ch in word:
        if ch == " ":
            parts.append(r"\s+")
        else:
            parts.append(regex.escape(ch) + r"[ ]?")
    return "".join(parts).rstrip("?").rstrip("[ ]")


class Vocabulary:
    """Lookup tables built from one or more vocabulary mappings."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.levels: dict[str, Level] = {}
        self.controls: dict[str, Control] = {}
        self.caption_words: set[str] = set()
        self.title_words: set[str] = set()
        self.extend(data)

    def extend(self, data: dict[str, Any]) -> None:
        for lv in data.get("levels", []) or []:
            self.levels[lv["name"]] = Level(
                lv["name"], int(lv.get("rank", 0)), list(lv.get("banner", [lv["name"]])),
                list(lv.get("portion", [])), bool(lv.get("categories", False)),
            )
        for c in data.get("controls", []) or []:
            self.controls[c["name"]] = Control(
                c["name"], list(c.get("banner", [c["name"]])), list(c.get("portion", [c["name"]])),
                c.get("level"), list(c.get("implies", [])), bool(c.get("cui", False)),
            )
        self.caption_words |= {w.upper() for w in data.get("caption_words", []) or []}
        self.title_words |= {w.upper() for w in data.get("title_words", []) or []}
        self._build()

    def _build(self) -> None:
        self.banner_level: dict[str, str] = {}
        self.portion_level: dict[str, str] = {}
        for lv in self.levels.values():
            for a in lv.banner:
                self.banner_level[_norm(a)] = lv.name
            for a in lv.portion:
                self.portion_level[_norm(a)] = lv.name
        self.banner_control: dict[str, str] = {}
        self.portion_control: dict[str, str] = {}
        for c in self.controls.values():
            for a in c.banner:
                self.banner_control[_norm(a)] = c.name
            for a in c.portion:
                self.portion_control[_norm(a)] = c.name
        aliases = sorted(self.banner_level, key=len, reverse=True)
        alt = "|".join(_spaced(a) for a in aliases)
        # A banner line starts with a level, spaced or not, and the level is a
        # whole word (so SECRETARY is not SECRET).
        self.banner_re = regex.compile(
            rf"^[ \t]*(?P<level>{alt})(?![A-Za-z])", regex.IGNORECASE
        )
        ctl = sorted(self.banner_control, key=len, reverse=True)
        self.banner_control_re = regex.compile(
            r"(?<![A-Za-z])(" + "|".join(_spaced(a) for a in ctl) + r")(?![A-Za-z])",
            regex.IGNORECASE,
        )

    def rank(self, level: str | None) -> int | None:
        lv = self.levels.get(level or "")
        return lv.rank if lv else None

    def level_from_banner_text(self, text: str) -> str | None:
        return self.banner_level.get(_norm(text))

    def is_classified(self, level: str | None) -> bool:
        r = self.rank(level)
        return r is not None and r > 0

    # -- markings -------------------------------------------------------
    def parse_banner(self, line: str, offset: int) -> tuple[Marking, str, int] | None:
        """Parse a banner at the start of `line` (which begins at `offset`).

        Returns the marking and the rest of the line after the level and any
        CAPCO-style categories (with its offset), or None when the line does
        not start with a level.
        """
        m = self.banner_re.match(line)
        if not m:
            return None
        lvl_raw = m.group("level")
        level = self.banner_level.get(_norm(lvl_raw))
        spaced = bool(rx(r"[A-Z] [A-Z] [A-Z]").search(lvl_raw))
        lt = Token(level or lvl_raw, Span(offset + m.start("level"), offset + m.end("level")), lvl_raw)
        mk = Marking(raw="", span=lt.span, level=level, level_token=lt, spaced=spaced)
        pos = m.end("level")
        rest = line[pos:]
        if rx(r"\s*/").match(rest):
            mk.form = "capco"
            cm = rx(r"[^\s(][^()]*?(?=\s{2,}|\s*$)").match(rest.lstrip()) if rest.strip() else None
            lead = len(rest) - len(rest.lstrip())
            cats = rest.strip() if cm is None else cm.group(0)
            self._parse_categories(cats, offset + pos + lead, mk, portion=False)
            end = pos + lead + len(cats)
            mk.raw = line[m.start("level"):end].strip()
            mk.span = Span(offset + m.start("level"), offset + end)
            return mk, line[end:], offset + end
        mk.raw = lvl_raw
        return mk, rest, offset + pos

    def scan_controls(self, text: str, offset: int, mk: Marking) -> None:
        """Add control words found anywhere in `text` (cable banner remainder)."""
        for m in self.banner_control_re.finditer(text):
            name = self.banner_control.get(_norm(m.group(1)))
            if name and all(c.value != name for c in mk.controls):
                mk.controls.append(Token(name, Span(offset + m.start(1), offset + m.end(1)), m.group(1)))

    def parse_portion(self, content: str, offset: int) -> Marking | None:
        """Parse the inside of a portion mark such as `S//NF` or `C - ENTIRE TEXT`.

        Returns None when the first element is neither a level nor a control
        that stands for one (so "(a)" or "(see below)" are not marks).
        """
        stripped = content.strip()
        if not stripped or len(stripped) > 60:
            return None
        lead = len(content) - len(content.lstrip())
        mk = Marking(raw=stripped, span=Span(offset + lead, offset + lead + len(stripped)), form="portion")
        # (`-ENTIRE`: the 1970s whole-text mark written `C-ENTIRE TEXT`)
        first = rx(r"[A-Za-z]+(?:[ -][A-Za-z]+)*?(?=\s*(?://|/|-\s|\s-|-(?=ENTIRE\b)|,|$))").match(stripped)
        if not first:
            return None
        word = _norm(first.group(0))
        if word in self.portion_level:
            mk.level = self.portion_level[word]
            mk.level_token = Token(mk.level, Span(mk.span.start, mk.span.start + first.end()), first.group(0))
            rest_at = first.end()
        else:
            # A standalone control such as (SBU) or (SBU/N) sets the level too.
            whole = _norm(rx(r"\s*//\s*").split(stripped)[0])
            name = self.portion_control.get(whole) or self.portion_control.get(word)
            ctl = self.controls.get(name or "")
            if not ctl or not ctl.level:
                return None
            mk.level = ctl.level
            rest_at = 0
        self._parse_categories(stripped[rest_at:], mk.span.start + rest_at, mk, portion=True)
        return mk

    def _parse_categories(self, text: str, offset: int, mk: Marking, portion: bool) -> None:
        table = self.portion_control if portion else self.banner_control
        alt = self.banner_control if portion else self.portion_control
        lv = self.levels.get(mk.level or "")
        with_categories = bool(lv and lv.categories)
        ldc_seen = False
        rel_open = False
        for sep in rx(r"\s*(//|/|\s-\s|-\s|\s-)\s*").finditer(text):
            mk.separators.append(Token(sep.group(1), Span(offset + sep.start(1), offset + sep.end(1))))
        for part in rx(r"[^/]+").finditer(text):
            raw = part.group(0)
            seg = raw.strip().strip("-").strip()
            if not seg:
                continue
            s0 = offset + part.start() + raw.find(seg)
            tok_span = Span(s0, s0 + len(seg))
            rel = rx(r"(?i)REL(?:EASABLE)?(?:\s+TO)?\b[\s:]*(.*)$").match(seg)
            if rel and (rel.group(1) or seg.upper() == "REL"):
                if not any(c.value == "REL TO" for c in mk.controls):
                    mk.controls.append(Token("REL TO", tok_span, seg))
                mk.tokens.append(Token("REL TO", tok_span, seg))
                ldc_seen = True
                base = s0 + rel.start(1)
                for cm in rx(r"[A-Za-z]+").finditer(rel.group(1)):
                    mk.rel_to.append(Token(cm.group(0).upper(), Span(base + cm.start(), base + cm.end()), cm.group(0)))
                rel_open = True
                continue
            n = _norm(seg)
            if rel_open and n not in table and n not in alt and rx(r"[A-Z]{2,4}(?:\s*,\s*[A-Z]{2,4})*").fullmatch(seg):
                # Legacy "(S/REL TO NATO/AUS)": a slash inside the REL TO list.
                for cm in rx(r"[A-Z]{2,4}").finditer(seg):
                    mk.rel_to.append(Token(cm.group(0), Span(s0 + cm.start(), s0 + cm.end()), cm.group(0)))
                continue
            name = table.get(n) or alt.get(n)
            if name is None and portion and n in self.portion_level and mk.level is None:
                mk.level = self.portion_level[n]
                continue
            mk.tokens.append(Token(name or seg.upper(), tok_span, seg))
            is_ldc = name is not None and self.controls[name].cui
            block = len(rx(r"/{2,}").findall(text[:part.start()]))
            if with_categories and not is_ldc and (seg.upper().startswith("SP-") or block <= 1 and not ldc_seen):
                # CUI: what stands between the control marking and the first
                # dissemination control, in the first `//` block, is a category
                # marking (32 CFR 2002.20(b)(2)); later unknown words are not.
                mk.categories.append(Token(seg.upper(), tok_span, seg))
                continue
            ldc_seen = ldc_seen or is_ldc
            if name is None:
                mk.unknown.append(Token(seg, tok_span, seg))
                continue
            ctl = self.controls[name]
            if all(c.value != name for c in mk.controls):
                mk.controls.append(Token(name, tok_span, seg))
            for imp in ctl.implies:
                if all(c.value != imp for c in mk.controls):
                    mk.controls.append(Token(imp, tok_span, seg))


def _norm(text: str) -> str:
    """Lookup key: upper case, white space removed (so spaced banners match)."""
    return rx(r"\s+").sub("", text.upper())


@functools.lru_cache(maxsize=1)
def default_vocabulary_data() -> dict[str, Any]:
    with open(rules_dir() / "markings.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def default_vocabulary() -> Vocabulary:
    return Vocabulary(default_vocabulary_data())
