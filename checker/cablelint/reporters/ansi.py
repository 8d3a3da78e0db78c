"""The terminal colours the reporters use: the ANSI codes colorama's `Fore`
and `Style` hold, without importing colorama (its package imports its
Windows console layer and ctypes: ~5 ms of every one-file run). Colour is
only written when `terminal.use_color` says the output is a terminal."""
from __future__ import annotations


class Fore:
    RED = "\x1b[31m"
    YELLOW = "\x1b[33m"
    BLUE = "\x1b[34m"
    CYAN = "\x1b[36m"


class Style:
    BRIGHT = "\x1b[1m"
    DIM = "\x1b[2m"
    RESET_ALL = "\x1b[0m"
