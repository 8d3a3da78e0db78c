"""Reading cable files: bytes to text, and offsets to 1-based line/column.

Offsets everywhere in cablelint are code-point offsets into the decoded text
exactly as it was read (CRLF kept), so a finding's span can be cut out of, or
rewritten in, the original file without any re-mapping.

One exception, offset for offset: a file whose lines end in a lone CR (classic
Mac OS) is read with its CRs and LFs swapped, so that the parser, the rules
and the line index see its lines (Python's universal newlines read them so
too); a CR and an LF are one code point each, so every offset, line and
column is the file's own, and `Source.encode` swaps them back: the swap is
its own inverse, so even a fixed text goes back byte for byte. A file is read
so when its lone CRs (not part of a CRLF) outnumber its LFs: a CR file to
which a Unix tool appended one final LF is still a CR file, and that LF (read
as a CR) stays part of its line, as a lone CR inside a file with LF or CRLF
endings does.
"""
from __future__ import annotations

import bisect
import codecs
from pathlib import Path

from .records import Record


class InputError(Exception):
    """A file that cannot be read as a cable. str() is `file[:line[:col]]: what
    is wrong`; the parts are kept too, so a CL001 finding is built from them
    rather than from parsing the text back (a path may hold a colon)."""

    def __init__(self, path: str, reason: str, line: int | None = None, column: int | None = None) -> None:
        self.path, self.reason, self.line, self.column = str(path), reason, line, column
        where = ":".join([self.path] + [str(n) for n in (line, column) if n is not None])
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):  # pickles (multiprocessing) despite the keyword-rich __init__
        return (InputError, (self.path, self.reason, self.line, self.column))


class _Caches:
    """Source's caches: slots of their own, so Source's `__slots__` are its
    fields alone, which Record compares, prints and pickles."""

    __slots__ = ("_lines", "_low")


class Source(_Caches, Record):
    """The decoded text of one input and its line index. `encoding` is the
    exact codec of the bytes after the BOM (utf-8, utf-16-le, utf-32-be...)
    and `bom` whether the file began with one, so `encode` can write the text
    back byte for byte as it came. A Record, not a @dataclass (records.py
    says why): `==`, the repr and pickling by its fields; the caches are none
    of them. `newline` is "\r" for a file read with its CRs and LFs swapped
    (`from_text`): `encode` swaps them back."""

    __slots__ = ("path", "text", "encoding", "bom", "line_starts", "newline")
    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's

    def __init__(self, path: str, text: str, encoding: str = "utf-8", bom: bool = False,
                 line_starts: list[int] | None = None, newline: str = "\n") -> None:
        self.path, self.text, self.encoding, self.bom, self.newline = path, text, encoding, bom, newline
        if not line_starts:
            line_starts = [0]
            find = text.find
            pos = find("\n")
            while pos != -1:
                line_starts.append(pos + 1)
                pos = find("\n", pos + 1)
        self.line_starts = line_starts
        # every line's text, cut once on first use: rules and detectors ask for
        # each line several times (670,000 slices per 2,000 cables)
        self._lines: list[str] | None = None
        # the text as UTF-8 with ASCII letters lowered (prefilter.lowered), made once: the parser's
        # placeholder scan and the integrity detectors' case-blind pre-checks both read it
        self._low: bytes | None = None

    def low(self) -> bytes:
        """`prefilter.lowered(self.text)`, computed on first use."""
        if self._low is None:
            self._low = self.text.encode("utf-8", "surrogatepass").lower()
        return self._low

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def encode(self, text: str | None = None) -> bytes:
        """`text` (default: this source's own) in the input's encoding: same
        codec, byte order and BOM; line endings are the text's own, CR again
        for a file read with its CRs and LFs swapped."""
        text = self.text if text is None else text
        body = (text if self.newline == "\n" else text.translate(_SWAP)).encode(self.encoding)
        return (_BOM_OF[self.encoding] if self.bom else b"") + body

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        idx = bisect.bisect_right(self.line_starts, offset) - 1
        return idx + 1, offset - self.line_starts[idx] + 1

    def line_text(self, line: int) -> str:
        """Text of a 1-based line without its line ending."""
        if line >= 1:
            return (self._lines or self.lines())[line - 1]
        start = self.line_starts[line - 1]  # as slicing always did for 0 and below
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def line_span(self, line: int) -> tuple[int, int]:
        start = self.line_starts[line - 1]
        return start, start + len(self.line_text(line))

    def line_bounds(self, offset: int) -> tuple[int, int]:
        """(start, end) of the line holding code-point `offset`, its line ending left out:
        the one line look-up the readers share (not a find of "\n" of their own)."""
        return self.line_span(self.line_col(offset)[0])

    def lines(self) -> list[str]:
        """Every line without its line ending (the list is kept: do not change it)."""
        if self._lines is None:  # the pieces between the "\n"s that line_starts marks: one split in C
            lines = self.text.split("\n")
            self._lines = [t.rstrip("\r") for t in lines] if "\r" in self.text else lines
        return self._lines


def from_text(path: str, text: str, encoding: str = "utf-8", bom: bool = False) -> Source:
    """The Source of a decoded text: one whose lines end in a lone CR (its
    lone CRs outnumber its LFs: classic Mac OS) is read with CR and LF
    swapped, the same offsets, and remembers to swap them back (Source.encode)."""
    if cr_lines(text):
        return Source(path, text.translate(_SWAP), encoding=encoding, bom=bom, newline="\r")
    return Source(path, text, encoding=encoding, bom=bom)


_SWAP = str.maketrans("\r\n", "\n\r")


def cr_lines(text: str) -> bool:
    """Whether a text's lines end in a lone CR: its lone CRs (not before an LF)
    outnumber its LFs. A majority, not "no LF at all", so that one LF a tool
    appended to a CR file does not make it one line."""
    if "\r" not in text:
        return False
    lf = text.count("\n")
    return text.count("\r") - text.count("\r\n") > lf


_BOMS = (  # (BOM, codec that decodes it, exact codec after it); UTF-32 LE before UTF-16 LE (a prefix)
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
_BOM_OF = {exact: bom for bom, _, exact in _BOMS}


def first_text(src: Source) -> tuple[int, int] | None:
    """(start, end) of the first line that is not blank, without its leading
    and trailing blanks, or None for a blank text: where a finding about the
    whole document (a missing part, no rule set) points."""
    for line in range(1, src.line_count + 1):
        text = src.line_text(line)
        if text.strip():
            start = src.line_starts[line - 1]
            return start + len(text) - len(text.lstrip()), start + len(text.rstrip())
    return None


def _position(before: str, cr: bool = False) -> tuple[int, int]:
    """1-based line and column (code points, as SARIF's unicodeCodePoints) of
    the character that follows the decoded text `before`; `cr`: the
    file's lines end in a lone CR (from_text)."""
    nl = "\r" if cr else "\n"
    return before.count(nl) + 1, len(before) - (before.rfind(nl) + 1) + 1


def _cr_lines(data: bytes) -> bool:
    """`cr_lines` judged on a UTF-8 file's bytes (no other character's UTF-8
    holds a CR or LF byte), for the position of an undecodable byte."""
    return b"\r" in data and data.count(b"\r") - data.count(b"\r\n") > data.count(b"\n")


def decode(data: bytes, path: str, fallback: str | None = None) -> Source:
    """Decode a cable's bytes, or raise InputError naming the file and line.

    UTF-8 is expected; a BOM selects UTF-8/16/32. Binary data (NUL bytes
    without a UTF-16/32 BOM) and undecodable bytes are refused, never guessed,
    unless the run names the encoding of its files that are not UTF-8
    (`fallback`: cp1252, latin-1; `--encoding` or the top configuration's
    `encoding:`, which every reader passes from its engine's options, never
    module state: an API call after a CLI run reads as it was told): such a file is read in it and written back in
    it (`Source.encode`), its columns counted in code points as for UTF-8.
    """
    for bom, enc, exact in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                # utf-8-sig counts exc.start from after its BOM, utf-16/32 from the file's first byte
                at = exc.start + (len(bom) if enc == "utf-8-sig" else 0)
                before = data[len(bom):at].decode(exact, "replace")
                whole = data.decode(enc, "replace")  # the code points, not the bytes: UTF-16's 0x0D byte is no CR
                line, col = _position(before, cr_lines(whole))
                raise InputError(path, f"not valid {enc.upper()} text ({exc.reason})", line, col) from None
            return from_text(path, text, encoding=exact, bom=True)
    if b"\x00" in data[:8192]:
        line = data[: data.index(b"\x00")].count(b"\r" if _cr_lines(data) else b"\n") + 1
        raise InputError(path, "binary file (NUL byte), not a cable", line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if fallback is not None:
            return _fallback(data, path, fallback)
        line, col = _position(data[: exc.start].decode("utf-8"), _cr_lines(data))  # valid up to the bad byte
        raise InputError(path, f"not UTF-8 (byte 0x{data[exc.start]:02x}); re-encode the file as UTF-8",
                         line, col) from None
    return from_text(path, text)


def _fallback(data: bytes, path: str, encoding: str) -> Source:
    """A file that is not UTF-8, read in the run's encoding (decode)."""
    try:
        return from_text(path, data.decode(encoding), encoding=encoding)
    except UnicodeDecodeError as exc:
        line, col = _position(data[: exc.start].decode(encoding, "replace"), _cr_lines(data))
        raise InputError(path, f"not UTF-8 nor {encoding} (byte 0x{data[exc.start]:02x})", line, col) from None


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes; unreadable paths raise InputError (the result cache
    hashes the bytes before they are decoded)."""
    p = Path(path)
    try:
        return p.read_bytes()
    except IsADirectoryError:
        raise InputError(str(p), "is a directory") from None
    except FileNotFoundError:
        raise InputError(str(p), "no such file") from None
    except PermissionError:
        raise InputError(str(p), "permission denied") from None
    except OSError as exc:
        raise InputError(str(p), f"cannot read ({exc.strerror})") from None


def read(path: str | Path, fallback: str | None = None) -> Source:
    """Read and decode one file (`fallback`: see decode); unreadable paths raise InputError."""
    return decode(read_bytes(path), str(path), fallback)
