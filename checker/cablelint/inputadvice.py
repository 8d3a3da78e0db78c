"""What to do about an input that could not be read (CL001): advice for
each cause, shown as the finding's fix (`= fix:` in the full output) in
place of the rule's general text. A missing file wants its path checked,
an unreadable one its permissions, a binary one leaving out, a mis-encoded
one re-encoding: one sentence for all of them fits none.

The causes are the reasons source.py, files.py and lintpool.py give, by
their first words.
"""
from __future__ import annotations

from .loadutil import close_to
import os

from .cliargs import COMMANDS

_EXCLUDE = "or leave it out (`exclude:` in the configuration, or not among the paths given)"
ADVICE = (  # (the reason's first words, advice)
    ("no such file", "Check the path for a typo; the file may have moved, or the path be relative to another "
                     "folder than the one cablelint runs in."),
    ("permission denied", f"Give your user read permission on the file (`ls -l` shows who may read it), {_EXCLUDE}."),
    ("cannot read this folder", "Give your user read and search permission on the folder (`chmod u+rx`), or leave "
                                "it out of the paths given."),
    ("is a directory", "Name the folder as a path to lint its cables; a folder cannot be read as one file."),
    ("binary file", "This is no text file (an image, a PDF, a word-processor file; or UTF-16 text without its "
                    f"byte-order mark): save it as plain text (UTF-8), {_EXCLUDE}."),
    ("not UTF-8 nor", "The file is in neither UTF-8 nor the encoding `--encoding` names: give the right one, or "
                      f"re-encode it as UTF-8, {_EXCLUDE}."),
    ("not UTF-8", "Re-encode the file as UTF-8 (for example `iconv -f cp1252 -t utf-8`, if it was written on "
                  "Windows), or name its encoding (`--encoding cp1252`, or `encoding:` in the run's top configuration: "
                  f"the file is then read and fixed in it), {_EXCLUDE}."),
    ("not valid UTF-", "The file's byte-order mark names a Unicode encoding its bytes do not follow: re-encode it "
                       f"as UTF-8, {_EXCLUDE}."),
    ("not a regular file", "Name a regular file: a FIFO or device is never read (pipe it in with `-` instead)."),
    ("an empty path", "Give the path; an empty argument is often a variable that is not set."),
)
GENERAL = f"Check that the file can be read (the system's reason is in the message), {_EXCLUDE}."


def advice(path: str, reason: str) -> str:
    """The fix to show for an input `path` that could not be read for `reason`."""
    text = next((a for start, a in ADVICE if reason.startswith(start)), GENERAL)
    if reason.startswith("no such file"):
        meant = _command_meant(path)
        if meant:
            text = f"`{path}` is no file nor command: did you mean `cablelint {meant}`? " + text
    return text


def _command_meant(path: str) -> str | None:
    """The subcommand a missing bare word is one slip off (`chek`: check): a
    word that is not a command is taken as a path, as in ruff."""
    if os.sep in path or "/" in path or "." in path:
        return None
    return close_to(path.lower(), COMMANDS)
