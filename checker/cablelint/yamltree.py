"""The values `yamlio.load_yaml` gives for YAML mappings and sequences: a dict
and a list that remember their lines. A leaf module: the YAML parser
(yamlparse.py), the rule snapshot (rulesnapshot.py) and yamlio all build
them, and the engine cache pickles them as plain dicts and lists.
"""
from __future__ import annotations


class _Map(dict):
    """A YAML mapping that remembers the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class _Seq(list):
    """A YAML sequence that remembers its line and the line of each item."""

    line: int = 0
    item_lines: list[int]
