"""integrity: export damage, reported once per file as what it is.

`damage` names the detector (`damage.DETECTORS`): `foreign_text` (another
cable's text: serials in `claims` line patterns, the banner lines and the file
name's cable id disagree), `banner_lost` (a routing header's security line
and no banner line), `notice` (an archive notice matching `pattern`: a
partial extract, a cancellation), `missing_sections` (sections lost before the
last one seen, or a `notice` pattern), `truncated` (the text ends on a
`cut_mark` or in mid-sentence), `header_cut` (a header line before the body
ends in a word run into `cut_line`, an elision mark), `header_glued` (a
header line holding two field labels of `pattern`, or the banner and a
field, or a field label of `run_on` after another header line's text; a SUBJECT
on such a line ending on one of the `dangling` words, the next field after it, is named cut), `lower_case` (a lower-cased copy),
`repeated_body` (a run of lines repeated), `cut_recopied` (a line at or
after the body start cut by `cut_line`, the next line starting the cable
again: `recopy`; or a cut anywhere after the banner, whose line comes again
within `banner_reach` lines; either way the later copy holds the cut's last
`whole_tail` characters with `whole_after` more after them, or a body from
paragraph 1), `withheld` (a `placeholder` alone on a line where numbered
paragraphs are missing; with `heavy_release`, gaps in a release that withholds much,
reported only where a symptom rule sees them: `Damage.needs_symptom`), `spliced` (after a gap in the numbering, a paragraph
that opens mid-sentence in lower case, or text garbled in transmission, `garble`, before the gap), `dropped_chars` (`min_hits` of the `fixed` header
strings with a character missing, of routing lines run into their addressee,
`routing_glued`, and of SUBJECT words, `subject_words`), `tasked_body` (the routing header's FM
line names a post, `sender`, and the body tasks a post of another name,
`tasking`, as only the Department's cables do; both with a group `post`),
`garbled` (at least `min_hits` matches of `garble`, characters replaced
inside words, through the file), `garbled_label` (a header line that opens
with a garbled label, `pattern`); from `damage_copies.py`, damage to
the header's copy: `header_dropped` (SUBJECT and Classified By lost from a
re-flowed or flattened copy), `sentence_cased` (`min_signals` header lines in their
`line_forms`; the message names every header line in `cased_line`'s form), `header_copies` (a field
written twice, one copy cut or run on) and `tags_joined`. The message gets
`{detail}`: the evidence as counts and line numbers, never the cable's text.

`symptoms` lists the rules whose findings only follow from the damage: the
engine folds them into this finding (`fold.py`), within the whole file or,
with `scope: region`, within the damaged part only (a repeated copy).
`date_symptoms` are folded too when the cable date was read from the other
cable's part of the file (`foreign_text`): the rules that judge by the date;
`region_symptoms` only inside the damaged part, when the detector knows it
(`foreign_text`: the other cable's part after the file's own text, up to a
later claim of the file's own or, with `quote_end: true`, the end of a
quotation: markings.yaml's `quote_end_words`). `stand_intact` (a cut's
rules: `header_cut`, `cut_recopied`) names the symptoms that judge their own
line's text: on a line before the cut that the file writes again whole after
it, such a finding is the drafter's and stands (damage_loss.intact_before).
"""
from __future__ import annotations

from typing import Any, Iterable

from ..damage import DETECTORS as _DAMAGE, same_field_keys
from ..damage_copies import COPY_DETECTORS, COPY_PARAMS, prepare_copies
from ..damage_loss import dropped, intact_before
from ..fold import in_region
from ..prefilter import prefiltered
from . import compile_param, Context, Hit

DETECTORS = {**_DAMAGE, **COPY_DETECTORS}  # damage_copies.py: header lines dropped or copied, case, joined TAGS
# The detectors that read the rule set's vocabulary (its elision marks, its quote_end_words), called with it as a
# third argument.
READS_VOCAB = frozenset({"header_cut", "cut_recopied", "foreign_text"})

KIND = "integrity"
PARAMS = {
    "damage": (str, True),
    "symptoms": (list, False),
    "date_symptoms": (list, False),
    "region_symptoms": (list, False),
    "stand_intact": (list, False),
    "scope": (str, False),
    "pattern": (str, False),
    "notice": (str, False),
    "cut_mark": (str, False),
    "cut_line": (str, False),
    "run_on": (str, False),
    "max_line": (int, False),
    "min_words": (int, False),
    "min_letters": (int, False),
    "max_upper": ((float, int), False),
    "min_run": (int, False),
    "min_chars": (int, False),
    "min_paragraphs": (int, False),
    "max_garbled": (int, False),
    "max_restarts": (int, False),
    "trailer": (str, False),
    "archive_row": (str, False),
    "archive_reach": (int, False),
    "resumes": (str, False),
    "lost_note": (str, False),
    "resumed_note": (str, False),
    "file_id": (str, False),
    "claims": (list, False),
    "banner_serial": (str, False),
    "quote_end": (bool, False),
    "recopy": (str, False),
    "max_gap": (int, False),
    "banner_reach": (int, False),
    "whole_tail": (int, False),
    "whole_after": (int, False),
    "garble": ((str, list), False),  # a pattern, or patterns any of which is one (a rule adding to another's)
    "garble_chars": (str, False),
    "sender": (str, False),
    "tasking": (str, False),
    "placeholder": (str, False),
    "heavy_release": (int, False),
    "fixed": (list, False),
    "min_hits": (int, False),
    "subject_words": (int, False),
    "routing_glued": (str, False),
    "dangling": (list, False),
    "same_field": (list, False),
}
PARAMS.update(COPY_PARAMS)
SCANS = ("pattern", "notice", "cut_line", "run_on", "placeholder", "tasking", "routing_glued")
NEEDS = {"notice": ["pattern"], "truncated": ["cut_mark"], "header_cut": ["cut_line"], "header_glued": ["pattern"],
         "foreign_text": ["file_id", "claims", "banner_serial"], "cut_recopied": ["cut_line", "recopy"],
         "withheld": ["placeholder"], "dropped_chars": ["fixed"], "tasked_body": ["sender", "tasking"],
         "garbled": ["garble"], "garbled_label": ["pattern"]}


def prepare(p: dict[str, Any]) -> dict[str, Any]:
    damage = p["damage"]
    if damage not in DETECTORS:
        raise ValueError(f"unknown damage {damage!r} (use {', '.join(sorted(DETECTORS))})")
    missing = [k for k in NEEDS.get(damage, []) if k not in p]
    if missing:
        raise ValueError(f"damage {damage!r} needs {', '.join(f'`{k}`' for k in missing)}")
    if p.get("scope", "file") not in ("file", "region"):
        raise ValueError("`scope` is `file` or `region`")
    out = dict(p)
    for key in ("cut_mark", "file_id", "banner_serial", "recopy", "trailer", "archive_row", "resumes", "garble",
                "sender"):
        if key in p:
            out["_" + key] = compile_param(_any_of(p[key], key), key)
    if "_garble" in out:  # scanned through the file (`garbled`): tried where its first characters stand
        out["_garble"] = prefiltered(out["_garble"])
    for key in SCANS:  # whole-text or header scans: a literal pre-check first (prefilter.py)
        if key in p:
            out["_" + key] = prefiltered(compile_param(p[key], key))
    for key in ("sender", "tasking"):
        if key in p and "post" not in compile_param(p[key], key).groupindex:
            raise ValueError(f"`{key}` needs a group named post, the post's name: (?P<post>...)")
    out["_claims"] = [_claim(c) for c in p.get("claims") or ()]
    if "fixed" in p:  # the fixed header strings with a character dropped, one scan for all
        out["_dropped"] = dropped([str(f) for f in p["fixed"]])
    if "dangling" in p:
        out["_dangling"] = frozenset(str(w).upper() for w in p["dangling"])
    if "same_field" in p:
        out["_same_field"] = same_field_keys(p["same_field"])
    return prepare_copies(out)


def _any_of(pattern: str | list[Any], key: str) -> str:
    """A pattern, or a list of patterns as one alternation: a YAML alias
    (`[*garble, ...]`) then shares one rule's definition and adds to it."""
    if isinstance(pattern, str):
        return pattern
    if not pattern or not all(isinstance(x, str) for x in pattern):
        raise ValueError(f"`{key}` is a regex or a non-empty list of regexes")
    return "|".join(f"(?:{x})" for x in pattern)


def _claim(c: Any) -> tuple[str, Any, int]:
    """One `claims` entry: {name, pattern with a `serial` group, digits kept}."""
    if not isinstance(c, dict) or not {"name", "pattern"} <= set(c):
        raise ValueError("each of `claims` is {name: ..., pattern: ... (with a (?P<serial>...) group), digits: N}")
    rx = compile_param(c["pattern"], "claims")
    if "serial" not in rx.groupindex:
        raise ValueError(f"claims pattern for {c['name']!r} has no (?P<serial>...) group")
    return str(c["name"]), prefiltered(rx), int(c.get("digits", 99))


def check(rule: Any, p: dict[str, Any], ctx: Context) -> Iterable[Hit]:
    """A list, not a generator: twenty detectors a cable, nearly all finding nothing."""
    damage = p["damage"]
    found = DETECTORS[damage](ctx.doc, p, ctx.vocab) if damage in READS_VOCAB else DETECTORS[damage](ctx.doc, p)
    if found is None:
        return ()
    stands = _stands(p, ctx, found)
    return [Hit(found.span, {"detail": found.detail, "_region": found.region, "_folds": _folds(p, found),
                             **({"_stands": stands} if stands else {}),
                             **({"_needs_symptom": True} if found.needs_symptom else {})},
                [Hit(at, {"detail": found.detail}) for at in found.evidence])]


def _stands(p: dict[str, Any], ctx: Context, found: Any) -> tuple[frozenset[str], tuple[tuple[int, int], ...]] | None:
    """`stand_intact`: the symptoms that judge their own line's text (a
    Classified By naming nobody), and the lines before the cut where they are
    the drafter's, not the cut's (`intact_before`); fold.py leaves them out."""
    rules = frozenset(p.get("stand_intact") or ())
    lines = intact_before(ctx.doc, found.span) if rules else ()
    return (rules, lines) if lines else None


def _folds(p: dict[str, Any], found: Any) -> frozenset[str]:
    """The rules this diagnosis folds (fold.py): `symptoms` in the whole file
    (or in the region with `scope: region`), `date_symptoms` when the date is
    suspect, `region_symptoms` inside the damaged region when it is known."""
    whole = set(p.get("symptoms") or ()) | (set(p.get("date_symptoms") or ()) if found.date_suspect else set())
    regional = set(p.get("region_symptoms") or ()) if found.region is not None else set()
    if p.get("scope") == "region" and found.region is not None:  # no region found: the whole file, as before
        regional, whole = regional | whole, set()
    return frozenset(whole | {in_region(r) for r in regional - whole})
