"""`cablelint inspect` as text: what the parser read from one document."""
from __future__ import annotations


def _at(line: int | None) -> str:
    """ (line N), or nothing for a part the parser did not place."""
    return f" (line {line})" if line is not None else ""


def inspect_text(d: dict) -> str:
    """The document's dict (document_dict.py) as lines; a part not found is
    `none` (`unknown` for the date), never Python's None."""
    c = d["classification"]
    marking = " ".join(str(w) for w in [c.get("level"), *(c.get("caveats") or [])] if w)
    source = f" (from {d['date_source']})" if d["date"] else ""
    out = [f"{d['path']}",
           f"  date:           {d['date'] or 'unknown'}{source}",
           f"  shape:          {d['shape']}",
           f"  classification: {marking or 'none'}{_at(c.get('line'))}"]
    if d.get("transmission"):
        out.append(f"  transmission:   {d['transmission']}")
    eo = d.get("eo")
    years = f" {eo['decl_years']} years from the cable date" if eo and eo.get("decl_years") else ""
    out.append(f"  E.O.:           {eo['order'] or 'no order'} {eo['declassify_on']!r} -> {eo['decl_kind']}{years}"
               f"{' ' + str(eo['decl_date']) if eo['decl_date'] else ''}{_at(eo['line'])}" if eo
               else "  E.O.:           none")
    dng = eo.get("downgrade") if eo else None
    if dng:
        out.append(f"  downgrade:      {_downgrade_text(dng)}")
    out.append(f"  TAGS:           {' '.join(d['tags']) or 'none'}")
    out.append(f"  SUBJECT:        {d['subject'] or 'none'}")
    out.append(f"  REF:            {' | '.join(d['refs']) or 'none'}")
    cb = d.get("classified_by")
    out.append(f"  Classified By:  {cb['name']!r} ({cb['title'] or 'no title'}) reasons "
               f"{' '.join(str(w) for w in (cb['section'], ','.join(cb['reasons'])) if w) or 'none'}"
               f"{_at(cb['line'])}" if cb else "  Classified By:  none")
    if cb and cb.get("office"):
        out.append(f"  office:         {cb['office']}")
    dv = d.get("derived_from")
    if dv:
        out.append(f"  Derived From:   {dv['source']!r} reasons {','.join(dv['reasons']) or 'none'}{_at(dv['line'])}")
    secs = ", ".join(f"{s['number']}/{s['total']}@{s['line']}" for s in d["sections"])
    out.append(f"  sections:       {secs or 'none'}")
    paras = ", ".join(f"{_number(p)}({p['portion'] or p.get('kind') or '?'})@{p['line']}" for p in d["paragraphs"])
    out.append(f"  paragraphs:     {paras or 'none'}")
    out.append(f"  headings:       {len(d['headings'])}; placeholders: {d['placeholders']}; "
               f"signature: {d['signature'] or 'none'}")
    wc = d.get("whole_copy")
    if wc:
        at = ", ".join(map(str, wc["lines"]))
        out.append(f"  whole copy:     the banner's line {wc['banner_line']} written again on line(s) {at}")
    for note in d.get("notes") or []:
        out.append(f"  note:           {note}")
    return "\n".join(out)


def _number(p: dict) -> str:
    """A paragraph's number as inspect shows it: `-` for none, `4-14` for a range."""
    if p["number"] is None:
        return "-"
    return f"{p['number']}-{p['number_last']}" if "number_last" in p else str(p["number"])


def _downgrade_text(dng: dict) -> str:
    """A downgrading instruction as read: "to CONFIDENTIAL on 2032-08-01", or what of it was not read."""
    level, date = dng.get("level"), dng.get("date")
    if not level and not date:
        return "DNG written; no level or date read from it"
    return (f"to {level}" if level else "to a level not named") + (f" on {date}" if date else ", no date given")
