"""`cablelint redact`: replace every protected occurrence with its placeholder.

    cablelint redact --protect names.txt cable.txt            # redacted text to stdout
    cablelint redact --protect names.txt --diff cables/       # what would change
    cablelint redact --protect names.txt --in-place cables/   # rewrite the files
    cablelint redact --protect names.txt -o out/ cables/      # write copies to out/

The rewrite keeps everything but the protected text: each line part of an
occurrence becomes the placeholder, so a name wrapped over two lines becomes
a placeholder on each line with the line break (and any trailing backslash)
kept; the encoding (UTF-8, UTF-8/16/32 with BOM) and line endings (CRLF) are
those of the input; a file is replaced atomically (a temporary file in the
same folder, then os.replace), never left half written. A second run
changes nothing, because no placeholder may match a protected entry (the
protect-file loader refuses one that does).

--diff prints a unified diff. Its removed lines would show the protected
text, so they are printed masked ([PROTECTED]) unless --show-matches is
given; the added lines show the placeholders. Nothing is written with
--diff unless --in-place or -o is given as well.
"""
from __future__ import annotations

import argparse
import difflib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from .atomic import WriteError, write_in_place, write_temp
from .files import DEFAULT_EXTENSIONS, discover
from .protect import ProtectList
from .source import InputError, Source, decode, read


class RedactError(Exception):
    """A file that cannot be redacted safely; the message names the file."""


@dataclass
class Redacted:
    path: str
    original: str
    text: str
    count: int
    data: bytes  # the redacted text, encoded as the input was
    raw: bytes = b""  # the input as read (what --in-place checks the file still holds)

    @property
    def changed(self) -> bool:
        return self.text != self.original


def redact_source(src: Source, plist: ProtectList) -> Redacted:
    """Redact one decoded input (source.read / source.decode, which raise
    InputError naming the file); the bytes to write are encoded by the
    Source as the input was (codec, byte order, BOM)."""
    try:
        text, n = plist.redact(src.text)
    except TimeoutError:
        raise RedactError(f"{src.path}: a protect-list pattern ran too long on this file; nothing was "
                          "written (rewrite the pattern without nested repetition)") from None
    left = next(plist.finditer(text), None)
    if left is not None:  # cannot happen with a validated protect list; refuse rather than leak
        line = text.count("\n", 0, left.start) + 1
        raise RedactError(f"{src.path}:{line}: a protected entry ({left.entry.origin}) is still there after "
                          "redaction; nothing was written")
    return Redacted(src.path, src.text, text, n, src.encode(text), src.encode(src.text))


def write_atomic(target: Path, data: bytes, like: Path | None = None) -> None:
    """Write `data` to `target` through a temporary file in the same folder and
    os.replace, so a reader (or a crash) never sees a partial file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = write_temp(target, data)
    try:
        mode_from = like if like is not None and like.exists() else (target if target.exists() else None)
        if mode_from is not None:
            os.chmod(tmp, mode_from.stat().st_mode & 0o7777)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _lines(text: str) -> list[str]:
    """Lines with their '\\n' kept (only '\\n' splits, as the masker counts lines)."""
    parts = text.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


def unified_diff(r: Redacted, plist: ProtectList, show_matches: bool, context: int = 3) -> str:
    """A unified diff of the redaction. The removed lines come from a masked
    copy of the original (same line structure) unless show_matches."""
    a, b = _lines(r.original), _lines(r.text)
    shown = a if show_matches else _lines(plist.mask(r.original))
    if len(shown) != len(a):  # the masker keeps line structure; never print the original instead
        raise RedactError(f"{r.path}: cannot mask the diff")
    name = r.path if show_matches else plist.mask(r.path)
    out = [f"--- a/{name}\n", f"+++ b/{name}\n"]

    def emit(prefix: str, line: str) -> None:
        out.append(prefix + line if line.endswith("\n") else prefix + line + "\n\\ No newline at end of file\n")

    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        out.append(f"@@ -{_range(i1, i2)} +{_range(j1, j2)} @@\n")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                for line in shown[a1:a2]:
                    emit(" ", line)
                continue
            for line in shown[a1:a2]:
                emit("-", line)
            for line in b[b1:b2]:
                emit("+", line)
    return "".join(out) if len(out) > 2 else ""


def _range(lo: int, hi: int) -> str:
    n = hi - lo
    start = lo + 1 if n else lo
    return f"{start}" if n == 1 else f"{start},{n}"


def _targets(paths: list[str], extensions: tuple[str, ...]) -> tuple[list[tuple[str, Path]], list[str]]:
    """(file, its path relative to the output folder) for every input file."""
    out: list[tuple[str, Path]] = []
    errors: list[str] = []
    for raw in paths:
        files, errs = discover([raw], extensions)
        errors += errs
        base = Path(raw)
        for f in files:
            rel = Path(f).relative_to(base) if base.is_dir() else Path(Path(f).name)
            out.append((f, rel))
    return out, errors


def run(args: argparse.Namespace, plist: ProtectList, stdout: TextIO | None = None,
        stderr: TextIO | None = None) -> int:
    """The `redact` command; returns the exit code (0 done, 2 errors)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if args.in_place and args.output_dir:
        raise RedactError("--in-place and -o/--output-dir cannot be used together")
    if not args.paths:
        raise RedactError("no paths given")
    exts = tuple(e if e.startswith(".") else "." + e for e in (args.extensions or ",".join(DEFAULT_EXTENSIONS)).split(",") if e)
    inputs, errors = _targets([p for p in args.paths if p != "-"], exts)
    status = 0
    for e in errors:
        print(f"cablelint: error: {e}", file=stderr)
        status = 2
    results: list[tuple[Redacted, Path | None]] = []
    if "-" in args.paths:
        raw = (getattr(sys.stdin, "buffer", None) or sys.stdin).read()
        raw = raw.encode("utf-8") if isinstance(raw, str) else raw
        try:
            results.append((redact_source(decode(raw, "<stdin>"), plist), None))
        except (InputError, RedactError) as exc:
            print(f"cablelint: error: {exc}", file=stderr)
            status = 2
    for f, rel in inputs:
        try:
            results.append((redact_source(read(f), plist), rel))
        except (InputError, RedactError) as exc:
            print(f"cablelint: error: {exc}", file=stderr)
            status = 2
    out_dir = Path(args.output_dir) if args.output_dir else None
    writing = args.in_place or out_dir is not None
    total = changed = 0
    many = len(results) > 1
    for r, rel in results:
        if args.diff:
            stdout.write(unified_diff(r, plist, args.show_matches))
        if writing:
            if rel is None:  # stdin: nowhere to write but stdout
                if not args.diff:
                    _write_stdout(stdout, r, plist, False, args.show_matches)
                total, changed = total + r.count, changed + r.changed
                continue
            target = Path(r.path) if args.in_place else out_dir / rel
            if not args.in_place and target.exists() and target.resolve() == Path(r.path).resolve():
                print(f"cablelint: error: {r.path}: -o would overwrite the input; use --in-place", file=stderr)
                status = 2
                continue
            if args.in_place and not r.changed:
                continue
            try:
                if args.in_place:
                    write_in_place(r.path, r.data, r.raw, follow_symlinks=getattr(args, "follow_symlinks", False),
                                   hard_links=getattr(args, "hard_links", False))
                else:
                    write_atomic(target, r.data, like=Path(r.path))
            except WriteError as exc:  # each failed write is reported; only files written count
                print(f"cablelint: error: {plist.mask(str(exc)) if not args.show_matches else exc}", file=stderr)
                status = 2
                continue
            except OSError as exc:
                print(f"cablelint: error: {plist.mask(str(target))}: cannot write ({exc.strerror})", file=stderr)
                status = 2
                continue
        elif not args.diff:
            _write_stdout(stdout, r, plist, many, args.show_matches)
        total, changed = total + r.count, changed + r.changed
    if not args.quiet:
        where = " (in place)" if args.in_place else f" (written to {out_dir})" if out_dir else ""
        print(f"cablelint: {total} protected occurrence{'s' * (total != 1)} redacted in {changed} of "
              f"{len(results)} file{'s' * (len(results) != 1)}{where}", file=stderr)
    return status


def _write_stdout(stdout: TextIO, r: Redacted, plist: ProtectList, header: bool, show: bool) -> None:
    """The redacted text, byte for byte as the file would be written."""
    buf: BinaryIO | None = getattr(stdout, "buffer", None)
    if header:
        head = f"==> {r.path if show else plist.mask(r.path)} <==\n"
        if buf is not None:
            stdout.flush()
            buf.write(head.encode("utf-8"))
        else:
            stdout.write(head)
    if buf is not None:
        stdout.flush()
        buf.write(r.data)
        buf.flush()
    else:
        stdout.write(r.text)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("redact", help="replace protected names with placeholders (stdout, --diff, --in-place, -o)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories ('-' for stdin)")
    p.add_argument("--protect", action="append", default=[], metavar="FILE",
                   help="protect list (text: one term per line; or YAML); repeatable; adds to the config's")
    p.add_argument("--in-place", "-i", action="store_true", help="rewrite the files (atomically)")
    p.add_argument("--follow-symlinks", action="store_true", help="with --in-place: rewrite a symlink's target")
    p.add_argument("--hard-links", action="store_true",
                   help="with --in-place: rewrite a hard-linked file in place (every link gets the redaction)")
    p.add_argument("--output-dir", "-o", metavar="DIR", help="write redacted copies under DIR")
    p.add_argument("--diff", action="store_true", help="print a unified diff (removed text masked)")
    p.add_argument("--show-matches", action="store_true",
                   help="show the protected text in the diff's removed lines")
    p.add_argument("--extensions", default=None, help="file endings to redact in directories (default .txt,.cable,.tel)")
    p.add_argument("--config", metavar="FILE", help="config file whose `protect` list to use")
    p.add_argument("--isolated", action="store_true", help="ignore config files")
    p.add_argument("--quiet", "-q", action="store_true", help="no summary on stderr")
    return p
