"""Marking-level checks without a document.

`cablelint marking 'SECRET//NF'` and `lint_marking()` validate one banner or
portion mark and give its canonical banner and portion forms; a file that
holds only markings (a list of portion marks, the caption lines of a slide,
each marking alone on its line) is checked for the markings themselves.

Why a separate path: a lone marking is not a document, so the document rules
(banner at top and bottom, authority block, every paragraph marked, roll-up)
would all fire on it and say nothing useful. Only the rules a rule set tags
`marking` (grammar, vocabulary, companions, floors and ceilings of one
marking) run here; they are the same rules, with the same ids, as in a
whole document.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .checks import Context
from .checks.syntax import block_values, classify
from .document import CableDate, Document, Marking, Paragraph
from .findings import Finding
from .records import Record
from .rx import rx
from .source import Source
from .vocabulary import marking_separators

if TYPE_CHECKING:
    from .engine import Engine
    from .vocabulary import Vocabulary

MARKING_TAG = "marking"
MAX_LINES = 200  # a list of markings, not a document: more lines than this is not one


class MarkingResult(Record):
    """One marking checked on its own: what it is, its canonical forms, the findings.
    A plain value class, not a @dataclass (records.py says why)."""

    __slots__ = ("text", "kind", "banner", "portion", "findings")
    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's

    def __init__(self, text: str, kind: str, banner: str | None = None, portion: str | None = None,
                 findings: list[Finding] | None = None) -> None:
        self.text = text
        self.kind = kind  # 'banner', 'portion' or 'unreadable'
        self.banner = banner  # canonical banner form (SECRET//NOFORN)
        self.portion = portion  # canonical portion form ((S//NF))
        self.findings = [] if findings is None else findings


def read_marking(line: str, offset: int, vocab: "Vocabulary") -> tuple[str, Marking] | None:
    """A line that is one marking and nothing else: `(S//NF)` or `SECRET//NOFORN`."""
    s = line.strip()
    lead = len(line) - len(line.lstrip())
    if s.startswith("(") and s.endswith(")") and s.count("(") == 1:
        mk = vocab.parse_portion(s[1:-1], offset + lead + 1)
        if mk is None:
            return None
        kind = "portion"
    else:
        got = vocab.parse_banner(line, offset)
        if got is None or got[1].strip():
            return None
        kind, mk = "banner", got[0]
    # The `/` runs as written, as the parser records them for the syntax rules.
    mk.separators = marking_separators(mk.raw, mk.span.start)
    return kind, mk


def marking_lines(source: Source, vocab: "Vocabulary") -> list[tuple[str, Marking]] | None:
    """Every non-blank line's marking when the text holds only markings, else None."""
    out = []
    for n in range(1, source.line_count + 1):
        text = source.line_text(n)
        if not text.strip():
            continue
        if len(out) >= MAX_LINES:
            return None
        got = read_marking(text, source.line_span(n)[0], vocab)
        if got is None:
            return None
        out.append(got)
    return out or None


def marking_shape(mk: Marking, vocab: "Vocabulary") -> str:
    """'cui' for a CUI control marking (a level with categories), else 'capco'."""
    lv = vocab.levels.get(mk.level or "")
    return "cui" if lv is not None and lv.categories else "capco"


def marking_document(source: Source, kind: str, mk: Marking, engine: "Engine") -> Document:
    """A document made of this one marking, so the rules see it as a banner or a portion.
    A lone marking has no date of its own: it is judged as of the run's date (--date, else
    today), so era rules such as CUI's legacy markings can run on it."""
    shape = marking_shape(mk, engine.vocab)
    when = CableDate(engine.date or engine.as_of, "option")
    if kind == "banner":
        return Document(source=source, shape=shape, banner=mk, banners=[mk], date=when)
    para = Paragraph(span=mk.span, portion=mk, text="", kind="block")
    return Document(source=source, shape=shape, paragraphs=[para], date=when)


def marking_engine(engine: "Engine") -> "Engine":
    """The engine's rule sets cut down to their marking-level rules (built once per engine)."""
    cached = getattr(engine, "_marking_engine", None)
    if cached is None:
        sets = [rs.replace(rules=[r for r in rs.rules if MARKING_TAG in r.tags])
                for rs in engine.rulesets]
        # type(engine): importing the engine here would be a cycle (it imports this module)
        cached = type(engine)(sets, engine.selection, engine.date, engine.as_of, engine.options)
        engine._marking_engine = cached
    return cached


def lint_marking_lines(engine: "Engine", source: Source, marks: list[tuple[str, Marking]]) -> list[Finding]:
    """Each marking of a markings-only file checked on its own."""
    sub = marking_engine(engine)
    findings: list[Finding] = []
    for kind, mk in marks:
        findings += sub.lint_document(marking_document(source, kind, mk, sub))
    findings.sort(key=Finding.sort_key)
    return findings


def lint_marking(text: str, engine: "Engine") -> MarkingResult:
    """Check one banner or portion mark (`SECRET//NF`, `(S//NF)`) and give its canonical forms."""
    source = Source("<marking>", " ".join(text.split()))
    sub = marking_engine(engine)
    got = read_marking(source.text, 0, sub.vocab)
    if got is None:
        return MarkingResult(text, "unreadable")
    kind, mk = got
    findings = sub.lint_document(marking_document(source, kind, mk, sub))
    banner, portion = canonical_forms(mk, sub, foreign=source.text.lstrip("( ").startswith("//"))
    return MarkingResult(text, kind, banner, portion, findings)


def _category_rule(engine: "Engine", shape: str) -> tuple[Any, Any] | None:
    """The first marking-level `syntax` rule of a rule set for this shape (CUI or CAPCO): its
    blocks give the category order, which differs between the two (CUI puts categories first)."""
    for rs in engine.rulesets:
        if shape not in (rs.applies or {}).get("shape", [shape]):
            continue
        for r in rs.rules:
            if r.kind == "syntax" and MARKING_TAG in r.tags:
                return r, rs
    return None


def _entry_forms(tok: Any, mk: Marking, vocab: "Vocabulary") -> tuple[str, str]:
    """An entry's banner and portion spelling (NOFORN / NF; REL TO USA, GBR both ways)."""
    if tok.value == "REL TO":
        codes = [c.value for c in mk.rel_to]
        ordered = (["USA"] if "USA" in codes else []) + sorted(
            {c for c in codes if c != "USA"}, key=lambda c: (len(c), c))
        text = "REL TO " + ", ".join(ordered) if ordered else "REL"
        return text, text
    ctl = vocab.controls.get(tok.value)
    if ctl is None:
        word = " ".join(tok.raw.upper().split())
        return word, word
    return (ctl.banner or [ctl.name])[0], (ctl.portion or ctl.banner or [ctl.name])[0]


def canonical_forms(mk: Marking, engine: "Engine", foreign: bool = False) -> tuple[str | None, str | None]:
    """The marking written the Register's way: categories in order, `//` between them, `/` inside;
    `foreign`: a non-US, NATO or JOINT marking, written after a leading `//`."""
    lv = engine.vocab.levels.get(mk.level or "")
    if lv is None:
        return None, None
    found = _category_rule(engine, marking_shape(mk, engine.vocab))
    doc = Document(source=Source("<marking>", ""))
    groups: dict[int, list[tuple[int, str, str]]] = {}
    for pos, tok in enumerate(mk.tokens):
        b, p = _entry_forms(tok, mk, engine.vocab)
        block, rank = 99, pos
        if found is not None:
            rule, rs = found
            values = block_values(rule.params, Context(doc, engine.vocab, rs.lists, rs.eras, engine.as_of))
            got = classify(b, tok.span.start, mk, rule.params, values)
            if got is not None:
                block = got
                listed = rule.params["_blocks"][got][1]
                seq = list(Context(doc, engine.vocab, rs.lists, rs.eras, engine.as_of).value(listed)
                           if isinstance(listed, str) else listed)
                rank = next((i for i, v in enumerate(seq) if v in (b, p, tok.value)), 1000 + pos)
        groups.setdefault(block, []).append((rank, b, p))
    bparts, pparts = [], []
    for block in sorted(groups):
        entries = sorted(groups[block])
        bparts.append("/".join(e[1] for e in entries))
        pparts.append("/".join(e[2] for e in entries))
    b_level = (lv.banner or [lv.name])[0]
    p_level = (lv.portion or [lv.name])[0]
    if mk.owner is not None:  # a non-US or JOINT marking: `//GBR SECRET`, `//JOINT S CAN GBR USA`
        co = mk.owner.raw.split()[1:] if mk.owner.value == "JOINT" else []
        b_level = " ".join([mk.owner.value, b_level, *co])
        p_level = " ".join([mk.owner.value, p_level, *co])
    lead = "//" if foreign else ""
    banner = lead + "//".join([b_level] + bparts)
    portion = "(" + lead + "//".join([p_level] + pparts) + ")"
    return rx(r"\s+").sub(" ", banner), portion


# -- `cablelint marking MARKING...` ------------------------------------------------

def add_parser(sub: Any) -> None:
    """The `marking` subcommand (cli.py adds it, as it adds `redact`)."""
    m = sub.add_parser("marking", help="check one banner or portion mark and print its canonical form")
    m.add_argument("markings", nargs="+", metavar="MARKING", help="e.g. 'SECRET//NF' or '(S//NF)'")
    m.add_argument("--rules", "-r", action="append", metavar="NAME|FILE",
                   help="rule sets whose marking-level rules to run (default: the shipped ones)")
    m.add_argument("--format", "-f", choices=["text", "json"], default="text")


def result_dict(res: MarkingResult) -> dict[str, Any]:
    return {"marking": res.text, "kind": res.kind, "banner": res.banner, "portion": res.portion,
            "findings": [{"rule": f.rule, "name": f.name, "severity": str(f.severity), "column": f.column,
                          "end_column": f.end_column, "message": f.message} for f in res.findings]}


def result_text(res: MarkingResult) -> str:
    if res.kind == "unreadable":
        return f"{res.text}: not a banner or portion mark this vocabulary can read"
    lines = [f"{res.text}: {res.kind}", f"  banner form:  {res.banner}", f"  portion form: {res.portion}"]
    lines += [f"  col {f.column}: {f.severity} {f.rule} {f.message} [{f.name}]" for f in res.findings]
    if not res.findings:
        lines.append("  no findings")
    return "\n".join(lines)


def run(args: Any, engine: "Engine") -> int:
    """Print each marking's canonical forms and findings; 1 when any has an error or cannot be read."""
    import json

    results = [lint_marking(m, engine) for m in args.markings]
    if args.format == "json":
        print(json.dumps([result_dict(r) for r in results], indent=2))
    else:
        print("\n".join(result_text(r) for r in results))
    bad = any(r.kind == "unreadable" or any(str(f.severity) == "error" for f in r.findings) for r in results)
    return 1 if bad else 0
