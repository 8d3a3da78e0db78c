"""A detector of another cable's body under the file's header: the routing
header sends the cable from a post, but the body tasks another post by name
the way only the Department's instruction cables do ("Embassy Sanaa is
requested to approach ..."). A post reports and asks; it does not instruct
another embassy. The serials may all agree (the export kept the header's),
so CL901's comparison of claims does not see it.

Like the other detectors, a pure function of the Document and the rule's YAML
parameters (`sender`, `tasking`: regexes whose group `post` names a post),
returning a `Damage` with line numbers, never the cable's text.
"""
from __future__ import annotations

from typing import Any

from .damage_index import Damage, index_of, line_no, line_span
from .document import Document


def tasked_body(doc: Document, p: dict[str, Any]) -> Damage | None:
    """The routing header's FM line names a post (`sender`), and a line of the
    body tasks a post of another name (`tasking`): the body is another cable's."""
    head = doc.text[:doc.body_start] if doc.body_start else ""
    sent = p["_sender"].search(head)
    if sent is None or not index_of(doc).may_hold(p["_tasking"]):
        return None
    own = _name(sent.group("post"))
    for m in p["_tasking"].scan(doc.text):
        if m.start() < doc.body_start:
            continue
        other = _name(m.group("post"))
        if other and other not in own and own not in other:
            at, fm = line_no(doc, m.start()), line_no(doc, sent.start())
            return Damage(line_span(doc, at), f"the routing header sends the cable from a post (line {fm}), but "
                          f"line {at} instructs another post as the Department's cables do")
    return None


def _name(post: str) -> str:
    """A post's name compared without case, spaces or punctuation ("SAN JOSE", "San Jose")."""
    return "".join(c for c in post.lower() if c.isalpha())
