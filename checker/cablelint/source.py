"""Reading cable files: bytes to text, and offsets to 1-based line/column.

Offsets everywhere in cablelint are code-point offsets into the decoded text
exactly as it was read (CRLF kept), so a finding's span can be cut out of, or
rewritten in, the original file without any re-mapping.
"""
from __future__ import annotations

import bisect
import codecs
from dataclasses import dataclass, field
from pathlib import Path


class InputError(Exception):
    """A file that cannot be read as a cable; the message names file and line."""


@dataclass(slots=True)
class Source:
    """The decoded text of one input and its line index."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    line_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.line_starts:
            starts = [0]
            find = self.text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self.line_starts = starts
        if "\r\n" in self.text[:2000]:
            self.newline = "\r\n"

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        idx = bisect.bisect_right(self.line_starts, offset) - 1
        return idx + 1, offset - self.line_starts[idx] + 1

    def line_text(self, line: int) -> str:
        """Text of a 1-based line without its line ending."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def line_span(self, line: int) -> tuple[int, int]:
        start = self.line_starts[line - 1]
        return start, start + len(self.line_text(line))

    def lines(self) -> list[str]:
        return [self.line_text(i) for i in range(1, len(self.line_starts) + 1)]


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, path: str) -> Source:
    """Decode a cable's bytes, or raise InputError naming the file and line.

    UTF-8 is expected; a BOM selects UTF-8/16/32. Binary data (NUL bytes
    without a UTF-16/32 BOM) and undecodable bytes are refused, never guessed.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: not valid {enc.upper()} text ({exc.reason})") from None
            return Source(path, text, encoding=enc, bom=True)
    if b"\x00" in data[:8192]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(f"{path}:{line}: binary file (NUL byte), not a cable")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"{path}:{line}:{col}: not UTF-8 (byte 0x{data[exc.start]:02x}); "
            "re-encode the file as UTF-8"
        ) from None
    return Source(path, text, encoding="utf-8")


def read(path: str | Path) -> Source:
    """Read and decode one file; unreadable paths raise InputError."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{p}: is a directory") from None
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except PermissionError:
        raise InputError(f"{p}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    return decode(data, str(path))
