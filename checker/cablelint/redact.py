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
--diff unless --in-place or -o is given as well; then the exit code is 1
when something would change, so `redact --diff` can gate CI.

The files are those `cablelint check` would lint (one discovery, files.py):
the configuration's exclude and extensions, .gitignore, and never a protect
list or configuration file. `-o DIR` keeps each input's relative path
(`target_paths`).
"""
from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable, TextIO

from .atomic import WriteError, discard, write_in_place, write_temp
from .files import Discovery
from .reporters import masked_lead, masked_path
from .source import InputError, Source, decode, read
from .textdiff import lines, unified

if TYPE_CHECKING:  # `cablelint --help` lists this command's options without loading protect lists
    from .protect import ProtectList


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
        discard(tmp)
        raise


def unified_diff(r: Redacted, plist: ProtectList, show_matches: bool, context: int = 3) -> str:
    """A unified diff of the redaction. The removed lines come from a masked
    copy of the original (same line structure) unless show_matches."""
    a, b = lines(r.original), lines(r.text)
    shown = a if show_matches else lines(plist.mask(r.original))
    name = r.path if show_matches else masked_path(r.path, r.path, plist.mask)
    try:
        return unified(name, a, b, shown_a=shown, context=context)
    except ValueError:  # the masker keeps line structure; never print the original instead
        raise RedactError(f"{r.path}: cannot mask the diff") from None


def _redacted_name(plist: "ProtectList") -> Callable[[str], str]:
    """A relative path with protected names replaced by their placeholders (a
    separator inside a placeholder would make a folder: it becomes `_`)."""
    def rename(rel: str) -> str:
        parts = Path(rel).parts
        return str(Path(*(plist.redact(p)[0].replace(os.sep, "_") for p in parts))) if parts else rel
    return rename


def target_paths(paths: list[str], files: list[str], out_dir: Path,
                 rename: Callable[[str], str] = lambda rel: rel) -> dict[str, Path]:
    """Where `-o DIR` writes each input: under DIR at the input's relative path.
    With one folder given, its files keep their path inside it (`-o out in/`
    writes out/sub/a.txt); with one file, its name; with several paths, each
    keeps the path as given (out/a/x.txt, out/b/x.txt), so two inputs of the
    same name never overwrite each other. `rename` redacts protected names out
    of the relative path (a copy's file name must not carry what its text may
    not); two inputs that would land on one name are an error."""
    given = [p for p in paths if p and p != "-"]
    out: dict[str, Path] = {}
    for f in files:
        if len(given) == 1 and os.path.isdir(given[0]):
            rel = os.path.relpath(f, given[0])
        elif len(given) == 1:
            rel = os.path.basename(f)
        else:
            rel = os.path.relpath(os.path.abspath(f))
            if rel.startswith(".."):  # outside the current folder: its absolute path, rooted in DIR
                rel = os.path.splitdrive(os.path.abspath(f))[1].lstrip(os.sep)
        target = out_dir / rename(rel)
        if target in out.values():
            raise RedactError(f"-o {out_dir}: two inputs would be written to the same file once their names "
                              "are redacted; redact them in separate runs")
        out[f] = target
    return out


def _output_dir(args: argparse.Namespace) -> Path | None:
    if args.output_dir is None:
        return None
    if not args.output_dir:
        raise RedactError("-o: an empty path (an unset variable?)")
    out = Path(args.output_dir)
    if out.exists() and not out.is_dir():
        raise RedactError(f"-o {args.output_dir}: not a folder (-o names the folder to write the copies in)")
    return out


def run(args: argparse.Namespace, plist: ProtectList, found: Discovery, stdout: TextIO | None = None,
        stderr: TextIO | None = None, plist_for: Callable[[str], ProtectList] | None = None,
        encoding: str | None = None) -> int:
    """The `redact` command over the files the run's discovery found; returns
    the exit code (0 done, 1 --diff found something to change, 2 errors).
    `plist` masks messages (every list in play); `plist_for(path)` is the
    protect list of the configuration nearest to a file (default `plist`);
    `encoding` the run's, of a file that is not UTF-8 (source.decode)."""
    plist_for = plist_for or (lambda _path: plist)
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if args.in_place and args.output_dir is not None:
        raise RedactError("--in-place and -o/--output-dir cannot be used together")
    if not args.paths:
        raise RedactError("no paths given")
    out_dir = _output_dir(args)
    status = 0
    for e in found.errors:
        print(f"cablelint: error: {plist.mask(str(e))}", file=stderr)
        status = 2
    results: list[tuple[Redacted, Path | None, ProtectList]] = []
    if "-" in args.paths:
        raw = (getattr(sys.stdin, "buffer", None) or sys.stdin).read()
        raw = raw.encode("utf-8") if isinstance(raw, str) else raw
        try:
            results.append((redact_source(decode(raw, "<stdin>", encoding), plist), None, plist))
        except (InputError, RedactError) as exc:
            print(f"cablelint: error: {plist.mask(str(exc))}", file=stderr)
            status = 2
    targets = target_paths(args.paths, found.files, out_dir, _redacted_name(plist)) if out_dir is not None else {}
    for f in found.files:
        try:
            own = plist_for(f)
            results.append((redact_source(read(f, encoding), own), targets.get(f), own))
        except (InputError, RedactError) as exc:
            print(f"cablelint: error: {plist.mask(str(exc))}", file=stderr)
            status = 2
    delivered, written = _deliver(args, results, out_dir, plist, stdout, stderr)
    status = max(status, delivered)
    total = sum(r.count for r, _, _ in written)  # a failed write redacted nothing: it is not counted
    changed = sum(r.changed for r, _, _ in written)
    if not args.quiet:
        where = " (in place)" if args.in_place else f" (written to {out_dir})" if out_dir else ""
        print(f"cablelint: {total} protected occurrence{'s' * (total != 1)} redacted in {changed} of "
              f"{len(results)} file{'s' * (len(results) != 1)}{where}", file=stderr)
    if args.in_place or (args.diff and out_dir is None):
        _names_left(results, plist, stderr)
    if status == 0 and args.diff and not (args.in_place or out_dir is not None) and changed:
        return 1  # --diff gates CI: something would change
    return status


def _names_left(results: list[tuple[Redacted, Path | None, ProtectList]], plist: ProtectList,
                stderr: TextIO) -> None:
    """Warn of each file whose own name holds a protected term: redact rewrites
    the text, never renames a file unasked, and the file would be published
    under that name (a release review reports it: CL614). The name is masked."""
    from .checks.protected_terms import file_name

    for r, _, own in results:
        if r.path == "<stdin>":
            continue
        try:
            held = next(iter(own.finditer(file_name(r.path))), None) is not None
        except TimeoutError:
            held = True
        if held:
            print(f"cablelint: warning: {masked_path(r.path, r.path, plist.mask)}: the file name still holds a protected term "
                  "(redact never renames a file: rename it, or write copies under redacted names with -o DIR)",
                  file=stderr)


def _deliver(args: argparse.Namespace, results: list[tuple[Redacted, Path | None, ProtectList]],
             out_dir: Path | None, plist: ProtectList, stdout: TextIO,
             stderr: TextIO) -> tuple[int, list[tuple[Redacted, Path | None, ProtectList]]]:
    """Print the diffs, write the files (in place or under -o DIR) or print the
    redacted text; returns 2 when a write failed or was refused (else 0) and
    the results delivered (a file refused or not written is not among them)."""
    writing = args.in_place or out_dir is not None
    many = len(results) > 1
    status = 0
    done = []
    for r, target, own in results:
        if args.diff:
            stdout.write(unified_diff(r, own, args.show_matches))
        if not writing:
            if not args.diff:
                _write_stdout(stdout, r, own, many, args.show_matches)
            done.append((r, target, own))
            continue
        if r.path == "<stdin>":  # stdin: nowhere to write but stdout
            if not args.diff:
                _write_stdout(stdout, r, plist, False, args.show_matches)
            done.append((r, target, own))
            continue
        if args.in_place and not r.changed:
            done.append((r, target, own))
            continue
        dest = Path(r.path) if args.in_place else target
        if not args.in_place and dest.exists() and dest.resolve() == Path(r.path).resolve():
            print(f"cablelint: error: {masked_path(r.path, r.path, plist.mask)}: -o would overwrite the input; use --in-place",
                  file=stderr)
            status = 2
            continue
        try:
            if args.in_place:
                write_in_place(dest, r.data, r.raw, follow_symlinks=getattr(args, "follow_symlinks", False),
                               hard_links=getattr(args, "hard_links", False))
            else:
                write_atomic(dest, r.data, like=Path(r.path))
        except WriteError as exc:  # a hard link, a symlink, a file changed or deleted meanwhile
            print(f"cablelint: error: {exc if args.show_matches else masked_lead(str(exc), str(dest), plist.mask)}",
                  file=stderr)
            status = 2
            continue
        except OSError as exc:
            print(f"cablelint: error: {masked_path(str(dest), str(dest), plist.mask)}: cannot write ({exc.strerror})", file=stderr)
            status = 2
            continue
        done.append((r, target, own))
    return status, done


def _write_stdout(stdout: TextIO, r: Redacted, plist: ProtectList, header: bool, show: bool) -> None:
    """The redacted text, byte for byte as the file would be written."""
    buf: BinaryIO | None = getattr(stdout, "buffer", None)
    if header:
        head = f"==> {r.path if show else masked_path(r.path, r.path, plist.mask)} <==\n"
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
    p.add_argument("--diff", action="store_true",
                   help="print a unified diff (removed text masked); exit 1 when something would change")
    p.add_argument("--show-matches", action="store_true",
                   help="show the protected text in the diff's removed lines")
    p.add_argument("--quiet", "-q", action="store_true", help="no summary on stderr")
    return p
