"""Colour follows --color, NO_COLOR and FORCE_COLOR; on Windows colorama turns
the console's ANSI mode on before any colour is written."""
from __future__ import annotations

import io
import sys
import types

from cablelint import terminal


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_choice_and_environment(monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert terminal.use_color("always", io.StringIO()) and not terminal.use_color("never", _Tty())
    assert terminal.use_color("auto", _Tty()) and not terminal.use_color("auto", io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not terminal.use_color("auto", _Tty())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert terminal.use_color("auto", io.StringIO())


def test_windows_console_is_fixed_only_when_colour_is_written(monkeypatch) -> None:
    calls: list[str] = []
    fake = types.SimpleNamespace(just_fix_windows_console=lambda: calls.append("fixed"))
    monkeypatch.setitem(sys.modules, "colorama", fake)
    monkeypatch.setattr(terminal.sys, "platform", "win32")
    assert not terminal.use_color("never", _Tty()) and calls == []
    assert terminal.use_color("always", io.StringIO()) and calls == ["fixed"]
    monkeypatch.setattr(terminal.sys, "platform", "linux")
    assert terminal.use_color("always", io.StringIO()) and calls == ["fixed"]
