"""The marking vocabulary: levels, controls and how markings are spelled.

The words themselves are data (rules/markings.yaml, extendable by a rule
set's `vocabulary:` block, both checked by `vocab_schema.validate_vocabulary`);
this module turns them into lookup tables, once per Vocabulary (and its
regexes, each on first use: vocab_patterns.py), and parses banner lines and
portion marks into `Marking` values.
A level or control added through a rule set is therefore known everywhere
the parser looks for one.
"""
from __future__ import annotations

import functools
from typing import Any, Iterable

from .rule import RuleSetError
from .rx import rx, shipped
from .shipped import rules_dir  # noqa: F401  (its home before shipped.py; callers import it from here)
from .document import Marking, Span, Token
from .records import Record  # the plain value class base (records.py says why)
from .marking_forms import (EYES_LIST_RE, EYES_SEGMENT_RE, FOREIGN_OWNERS,  # noqa: F401
                            JOINT_LIST_RE, add_level_owner, lookup_key, read_foreign_portion,
                            read_next_sar_program, read_pattern_entry, read_space_separated_portion,
                            set_foreign_owner)
from .vocab_patterns import BUILDERS, SPACED_MIN_LETTERS, _alternation, long_level_keys  # noqa: F401

# Vocabulary keys that hold the words of the telegram's own lines (markings.yaml).
LINE_WORD_KEYS = ("tags_labels", "subject_labels", "ref_labels", "routing_labels", "passing_words", "trailer_words",
                  "quote_begin_words", "quote_end_words", "repeat_openers", "salutation_words", "closing_words",
                  "paragraph_words", "handling_lines")
# A run of slashes between the entries of a marking, with the blanks around it.
SEPARATOR_RE = rx(r"[ \t]*/+[ \t]*")


class Level(Record):
    """A classification level. A plain class, not a @dataclass: those cost
    ~0.5-1 ms each at every import (their methods are compiled then), and
    the vocabulary's two are loaded by every run that lints a file."""

    __slots__ = ("name", "rank", "banner", "portion", "categories", "owner", "downgrade")
    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's

    def __init__(self, name: str, rank: int = 0, banner: list[str] | None = None, portion: list[str] | None = None,
                 categories: bool = False, owner: str | None = None, downgrade: list[str] | None = None) -> None:
        self.name, self.rank = name, rank
        self.banner = [] if banner is None else banner
        self.portion = [] if portion is None else portion
        self.categories = categories  # markings at this level carry category markings (CUI//SP-CTI)
        self.owner = owner  # a level of another government or organisation (NATO SECRET: NATO)
        self.downgrade = [] if downgrade is None else downgrade  # its code in a DNG instruction ("DNG: CO ...")


class Control(Record):
    """A control marking (dissemination control, SCI, SAP...); plain, as Level."""

    __slots__ = ("name", "banner", "portion", "level", "implies", "cui", "patterns")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, name: str, banner: list[str] | None = None, portion: list[str] | None = None,
                 level: str | None = None, implies: list[str] | None = None, cui: bool = False,
                 patterns: list[str] | None = None) -> None:
        self.name = name
        self.banner = [] if banner is None else banner
        self.portion = [] if portion is None else portion
        self.level = level
        self.implies = [] if implies is None else implies
        self.cui = cui  # a CUI limited dissemination control (ends the category markings)
        # Regexes a whole entry may match instead of a fixed spelling: markings with
        # an open part, such as SCI compartments (SI-ABC), SAR program identifiers
        # (SAR-BP) or FGI country lists (FGI GBR NZL). Every control whose pattern
        # matches applies; the entry keeps its written value.
        self.patterns = [] if patterns is None else patterns


def _form_names(items: Iterable[Level | Control]) -> tuple[dict[str, str], dict[str, str]]:
    """(banner form -> name, portion form -> name) of levels or controls, the
    forms keyed by lookup_key (a later item's form wins, as it always did)."""
    banner: dict[str, str] = {}
    portion: dict[str, str] = {}
    for item in items:
        for a in item.banner:
            banner[lookup_key(a)] = item.name
        for a in item.portion:
            portion[lookup_key(a)] = item.name
    return banner, portion


def qualifier_key(word: str) -> str:
    """A title qualifier as compared: upper case, its dots and blanks dropped
    ("a.i.", "A. I.", "ai" are one qualifier)."""
    return "".join(c for c in word.upper() if c not in ". \t\n\\")


def marking_separators(text: str, offset: int) -> list[Token]:
    """The `/` runs between a marking's entries, blanks included, as written
    (`SECRET // NOFORN` has ` // `): the syntax rules judge them."""
    if "/" not in text:
        return []
    seps = [Token(m.group(0), Span(offset + m.start(), offset + m.end())) for m in SEPARATOR_RE.finditer(text)]
    if "EYES" in text:  # the slashes of `USA/CAN/GBR EYES ONLY` join countries, not entries
        inside = [(offset + m.start(), offset + m.end()) for m in EYES_LIST_RE.finditer(text)]
        seps = [t for t in seps if not any(a < t.span.start < b for a, b in inside)]
    return seps


class Vocabulary:
    """Lookup tables and patterns built from one or more vocabulary mappings
    (as `vocab_schema.validate_vocabulary` returns them: every key filled in)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.levels: dict[str, Level] = {}
        self.controls: dict[str, Control] = {}
        self.caption_words: set[str] = set()
        self.title_words: set[str] = set()
        self.title_joiners: set[str] = set()  # title words that only join others (FOR, OF)
        self.citing_posts: set[str] = set()  # posts a citation names besides the cable's own (STATE)
        self.name_suffixes: set[str] = set()  # "Jr" after a name's comma: still the name
        # "Acting", "a.i." after a position's comma: still the position (dots and blanks dropped: AI)
        self.title_qualifiers: set[str] = set()
        self.post_words: set[str] = set()  # "Embassy Bamako" after a name's comma: the post, not the name
        self.standalone_lower_words: set[str] = set()  # "de", "for": a line break before them is no broken word
        self.person_tag_words: set[str] = set()
        # The rule sets' lists of TAGS (by name) and the TAGS they hold (`learn_tags`):
        # a bare person TAG's name ends at a known TAG ("OVIP SMITH JOHN FR": FR).
        self.tag_lists: list[str] = []
        self.known_tags: frozenset[str] = frozenset()
        self.reference_words: set[str] = set()  # lower case, as written (a dot included)
        self.topic_labels: set[str] = set()
        self.heading_words: set[str] = set()  # upper case: the words of a body's section headings (SUMMARY)
        # Labels and words of the telegram's own lines (the parser's line recognisers).
        self.line_words: dict[str, list[str]] = {k: [] for k in LINE_WORD_KEYS}
        self.title_patterns: list[str] = []
        self.fields: dict[str, list[str]] = {}  # canonical field name -> spellings
        # Fields whose values are marking tokens (Declassify On, Reason), lower case: a
        # message may quote them; any other field's value prints as [cable text] (quoting.py).
        self.marking_fields: set[str] = set()
        self.decl_exemption_patterns: list[str] = []
        self.placeholder_patterns: list[str] = []
        self.note_patterns: list[str] = []
        self.partial_notice_patterns: list[str] = []
        self.banner_preamble_patterns: list[str] = []
        self.elision_patterns: list[str] = []  # where text was cut: "...", "…"
        self.ref_body_patterns: list[str] = []  # the body's openings run on after a REF: "Per REFTEL", "NOTE:"
        self.archive_row_patterns: list[str] = []  # the archive's row after the cable: "0 02/23/2009 7601 PGOV,EG"
        self.extend(data)

    def learn_tags(self, lists: dict[str, Any]) -> None:
        """Add the TAGS of a rule set's lists named in `tag_lists` (a mapping's
        keys): the parser reads a bare person TAG's name up to a known TAG.
        Without them (a vocabulary alone) the name is read by its shape only."""
        known = {str(w).upper() for name in self.tag_lists for w in (lists.get(name) or ())}
        if known - self.known_tags:
            self.known_tags = self.known_tags | known

    def extend(self, data: dict[str, Any]) -> None:
        """Add more words (a rule set's `vocabulary:`); a level, control or field
        of an existing name replaces it."""
        for lv in data.get("levels", []):
            self.levels[lv["name"]] = Level(**lv)
        for c in data.get("controls", []):
            self.controls[c["name"]] = Control(**c)
        for f in data.get("fields", []):
            self.fields[f["name"]] = list(f["spellings"])
            marking = f.get("marking") and not f.get("free_text")
            (self.marking_fields.add if marking else self.marking_fields.discard)(f["name"].lower())
        self.caption_words |= {w.upper() for w in data.get("caption_words", [])}
        self.title_words |= {w.upper() for w in data.get("title_words", [])}
        self.title_joiners |= {w.upper() for w in data.get("title_joiners", [])}
        self.citing_posts |= {w.upper() for w in data.get("citing_posts", [])}
        self.name_suffixes |= {w.upper() for w in data.get("name_suffixes", [])}
        self.title_qualifiers |= {qualifier_key(w) for w in data.get("title_qualifiers", [])}
        self.post_words |= {w.upper() for w in data.get("post_words", [])}
        self.standalone_lower_words |= {w.lower() for w in data.get("standalone_lower_words", [])}
        self.person_tag_words |= {w.upper() for w in data.get("person_tag_words", [])}
        self.tag_lists.extend(w for w in data.get("tag_lists", []) if w not in self.tag_lists)
        self.reference_words |= {w.lower() for w in data.get("reference_words", [])}
        self.topic_labels |= {w.upper() for w in data.get("topic_labels", [])}
        self.heading_words |= {w.upper() for w in data.get("heading_words", [])}
        for key in LINE_WORD_KEYS:
            mine = self.line_words[key]
            mine.extend(w for w in data.get(key, []) if w not in mine)
        for key in ("title_patterns", "decl_exemption_patterns", "placeholder_patterns", "note_patterns",
                    "partial_notice_patterns", "banner_preamble_patterns", "elision_patterns", "ref_body_patterns",
                    "archive_row_patterns"):
            mine = getattr(self, key)
            mine.extend(p for p in data.get(key, []) if p not in mine)
        self._build()

    def _build(self) -> None:
        # A new object per build: caches of what is built from the words (parse.labels) check it.
        self.built: object = object()
        self.banner_level, self.portion_level = _form_names(self.levels.values())
        # The level a downgrading instruction names ("DNG: CO 08/01/2032"): its DNG code, or a US
        # level's banner or portion form ("DNG: C ...", "DNG: CONFIDENTIAL ...").
        self.downgrade_level = {lookup_key(a): lv.name for lv in self.levels.values() if lv.owner is None
                                for a in lv.banner + lv.portion}
        self.downgrade_level.update({lookup_key(a): lv.name for lv in self.levels.values() for a in lv.downgrade})
        self.banner_control, self.portion_control = _form_names(self.controls.values())
        for name in BUILDERS:  # the regexes built from the old words, rebuilt on first use
            self.__dict__.pop(name, None)
        # The characters a banner line can start with (after blanks): a cheap test before banner_re.
        self.banner_initials = frozenset(c for a in self.banner_level for c in (a[:1].upper(), a[:1].lower()))
        # Caption lines: every word of a caption phrase may stand alone on one
        # ("SENSITIVE BUT UNCLASSIFIED" lets "BUT" through); single caption words
        # may lead a passing line they were run into (`caption_lead_re`).
        self.caption_parts = self.caption_words | {w for p in self.caption_words for w in p.split()}
        self.field_name_of = {" ".join(s.lower().split()): name for name, sp in self.fields.items() for s in sp}
        long_keys = long_level_keys(self)
        # The strings one of which every fallback banner (parse/anywhere.py) holds (a plain level as
        # written; the third and fourth letters of a letter-spaced one, the first gap that must be
        # open): a line with none of them is not searched. A needle holding another is left out.
        needles = {a for lv in self.levels.values() for a in lv.banner} | {f"{k[2]} {k[3]}" for k in long_keys}
        self.banner_anywhere_needles = tuple(sorted(n for n in needles if not any(m != n and m in n for m in needles)))
        # The same level words with the first letter lost (`O N F I D E N T I A L`).
        self.lost_first_letter = {k[1:]: self.banner_level[k] for k in long_keys if k[1:] not in self.banner_level}

    def __getattr__(self, name: str) -> Any:
        """A regex built from the words (vocab_patterns.BUILDERS), compiled the
        first time it is asked for and then kept as a plain attribute."""
        make = BUILDERS.get(name)
        if make is None or "built" not in self.__dict__:  # (unpickling: nothing set yet)
            raise AttributeError(name)
        got = self.__dict__[name] = make(self)
        return got

    def may_start_banner(self, text: str) -> bool:
        """Whether `text` can start with a banner level at all (banner_re would be tried)."""
        return text.lstrip(" \t")[:1] in self.banner_initials

    def rank(self, level: str | None) -> int | None:
        lv = self.levels.get(level or "")
        return lv.rank if lv else None

    def level_from_damaged_text(self, text: str) -> str | None:
        """A level as parse/anywhere.py finds it, the first letter perhaps lost."""
        key = lookup_key(text)
        return self.banner_level.get(key) or self.lost_first_letter.get(key)

    def is_classified(self, level: str | None) -> bool:
        r = self.rank(level)
        return r is not None and r > 0

    def is_title_word(self, word: str) -> bool:
        """A word of a classifier's title (`COUNSELOR`, `EUR/PRA`), upper case."""
        return word in self.title_words or self.title_re.fullmatch(word) is not None

    def field_name(self, written: str) -> str:
        """The canonical name of a field however it is written (`Reasons` -> Reason)."""
        key = " ".join(written.split())
        return self.field_name_of.get(key.lower(), key)

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
        level = self.banner_level.get(lookup_key(lvl_raw))
        spaced = bool(rx(r"[A-Z] [A-Z] [A-Z]").search(lvl_raw))
        lt = Token(level or lvl_raw, Span(offset + m.start("level"), offset + m.end("level")), lvl_raw)
        mk = Marking(raw="", span=lt.span, level=level, level_token=lt, spaced=spaced)
        pos = m.end("level")
        start = m.start("owner") if m.group("owner") else m.start("level")
        if m.group("owner"):
            jl = JOINT_LIST_RE.match(line, pos) if m.group("owner").upper() == "JOINT" else None
            set_foreign_owner(mk, m.group("owner"), offset + m.start("owner"), jl.group(0) if jl else "")
            pos = jl.end() if jl else pos
        elif level and line[m.start("level") - 2:m.start("level")] == "//":  # `//NATO SECRET`: owned by NATO
            add_level_owner(self, mk)
        rest = line[pos:]
        if rx(r"\s*/").match(rest) or m.group("owner") or start > len(line) - len(line.lstrip()):
            mk.form = "capco"
            cm = rx(r"[^\s(][^()]*?(?=\s{2,}|\s*$)").match(rest.lstrip()) if rest.strip() else None
            lead = len(rest) - len(rest.lstrip())
            cats = rest.strip() if cm is None else cm.group(0)
            self._parse_categories(cats, offset + pos + lead, mk, portion=False)
            end = pos + lead + len(cats)
            mk.raw = line[start:end].strip()
            mk.span = Span(offset + start, offset + end)
            return mk, line[end:], offset + end
        mk.raw = lvl_raw
        return mk, rest, offset + pos

    def scan_controls(self, text: str, offset: int, mk: Marking) -> None:
        """Add control words found anywhere in `text` (cable banner remainder)."""
        scanner = self.control_scanner
        found = scanner.spans(text) if scanner is not None else [m.span(1) for m in self.banner_control_re.finditer(text)]
        for a, b in found:
            name = self.banner_control.get(lookup_key(text[a:b]))
            if name and all(c.value != name for c in mk.controls):
                mk.controls.append(Token(name, Span(offset + a, offset + b), text[a:b]))

    def parse_portion(self, content: str, offset: int, longest: int = 60) -> Marking | None:
        """Parse the inside of a portion mark such as `S//NF` or `C - ENTIRE TEXT`
        (`offset`: where `content` starts in the document). Longer than `longest`
        it is prose, not a mark (a paragraph's own mark may be longer: its place vouches).

        Returns None when the first element is neither a level nor a control
        that stands for one (so "(a)" or "(see below)" are not marks).
        """
        stripped = content.strip()
        if not stripped or len(stripped) > longest:
            return None
        lead = len(content) - len(content.lstrip())
        fm = rx(rf"//(?:{FOREIGN_OWNERS}[ ]+)?").match(stripped)
        if fm:
            return read_foreign_portion(self, stripped, offset + lead, fm)
        mk = Marking(raw=stripped, span=Span(offset + lead, offset + lead + len(stripped)), form="portion")
        # (`-ENTIRE`: the 1970s whole-text mark written `C-ENTIRE TEXT`)
        first = rx(r"[A-Za-z]+(?:[ -][A-Za-z]+)*?(?=\s*(?://|/|-\s|\s-|-(?=ENTIRE\b)|,|$))").match(stripped)
        if not first:
            return None
        word = lookup_key(first.group(0))
        if word not in self.portion_level and word not in self.portion_control:
            spaced = read_space_separated_portion(self, stripped, mk)
            if spaced is not None:
                return spaced
        if word in self.portion_level:
            mk.level = self.portion_level[word]
            mk.level_token = Token(mk.level, Span(mk.span.start, mk.span.start + first.end()), first.group(0))
            rest_at = first.end()
        else:
            # A standalone control such as (SBU) or (SBU/N) sets the level too.
            whole = lookup_key(rx(r"\s*//\s*").split(stripped)[0])
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
        for part in (EYES_SEGMENT_RE if "EYES" in text else rx(r"[^/]+")).finditer(text):
            raw = part.group(0)
            seg = raw.strip().strip("-").strip()
            if not seg:
                continue
            s0 = offset + part.start() + raw.find(seg)
            tok_span = Span(s0, s0 + len(seg))
            rel = rx(r"(?i)(?:AUTHORIZED\s+FOR\s+)?REL(?:EASABLE|EASE)?(?:\s+TO)?\b[\s:]*(.*)$").match(seg)
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
            n = lookup_key(seg)
            if rel_open and n not in table and n not in alt and rx(r"[A-Z]{2,4}(?:\s*,\s*[A-Z]{2,4})*").fullmatch(seg):
                # Legacy "(S/REL TO NATO/AUS)": a slash inside the REL TO list.
                for cm in rx(r"[A-Z]{2,4}").finditer(seg):
                    mk.rel_to.append(Token(cm.group(0), Span(s0 + cm.start(), s0 + cm.end()), cm.group(0)))
                continue
            name = table.get(n) or alt.get(n)
            if name is None and read_pattern_entry(self, seg, tok_span, mk):
                continue
            one_slash = rx(r"(?<!/)/\s*$").search(text[:part.start()]) is not None
            if name is None and read_next_sar_program(self, seg, tok_span, mk, one_slash):
                continue
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


@functools.lru_cache(maxsize=1)
def default_vocabulary_data() -> dict[str, Any]:
    """rules/markings.yaml, read and checked like a rule set (errors name file:line)."""
    path = rules_dir() / "markings.yaml"
    from .vocab_schema import validate_vocabulary  # the loader (and YAML) only when the engine is built
    from .yamlio import read_yaml

    with shipped():  # its patterns compile on first use (the suite compiles each: rx.py)
        return validate_vocabulary(path, read_yaml(path, RuleSetError), top_level=True)


@functools.lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """The shipped vocabulary, built once and shared: do not `extend` it; build
    `Vocabulary(default_vocabulary_data())` for a vocabulary of your own."""
    return Vocabulary(default_vocabulary_data())
