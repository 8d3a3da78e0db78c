"""The texts of a run's inputs, read only when an output asks for one.

A corpus run keeps no cable text in memory: the reporters look a file up
here for an excerpt (`full`, `grouped`), the masker for wrapped protected
names, `lintpool.fill_matched` for flagged text; each is read again from disk
then, and the last few are kept. Text given on stdin cannot be read again,
so it is held.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping

TYPE_CHECKING = False  # typing's constant without importing typing (~4 ms of a one-file run)
if TYPE_CHECKING:  # the reader loads when a text is first asked for (a run the result cache answers: never)
    from typing import Iterator

    from .source import Source

KEEP = 4  # files kept after reading: reporters ask for one file's findings in a row


class SourceMap(Mapping[str, "Source"]):
    """path -> Source for every readable input, in the order linted."""

    def __init__(self, every: bool = False, encoding: str | None = None) -> None:
        # every: any path may be asked for (a streamed run, whose reporters ask
        # only for linted files): no dict of a corpus's paths is kept;
        # encoding: the run's, of a file that is not UTF-8 (source.decode)
        self._every, self._encoding = every, encoding
        self._paths: dict[str, None] = {}
        self._held: dict[str, Source] = {}
        self._recent: OrderedDict[str, Source | None] = OrderedDict()

    def add(self, path: str, source: Source | None = None) -> None:
        """A readable input; `source` is held in memory (stdin), else re-read on demand."""
        if source is not None or not self._every:
            self._paths[path] = None
        if source is not None:
            self._held[path] = source

    def __getitem__(self, path: str) -> Source:
        if path not in self._paths and not self._every:
            raise KeyError(path)
        got = self._held.get(path) or self._read(path)
        if got is None:
            raise KeyError(path)
        return got

    def _read(self, path: str) -> Source | None:
        if path in self._recent:
            self._recent.move_to_end(path)
            return self._recent[path]
        from .source import InputError, read

        try:
            src: Source | None = read(path, self._encoding)
        except InputError:  # changed since it was linted: no excerpt rather than a crash
            src = None
        self._recent[path] = src
        if len(self._recent) > KEEP:
            self._recent.popitem(last=False)
        return src

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def __contains__(self, path: object) -> bool:
        return path in self._paths or (self._every and isinstance(path, str))
