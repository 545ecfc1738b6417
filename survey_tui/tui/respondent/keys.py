"""Shortcut keys that reach the app wherever it runs, and hints that name the ones that do.

In a browser (`survey-tui serve`) the browser keeps Ctrl+N, Ctrl+T, Ctrl+W and Ctrl+Q for
itself and may keep Ctrl+P and Ctrl+S (print, save page): a respondent pressing them opened
a window or closed the survey's tab. Every Ctrl shortcut of the respondent app therefore
also answers to Alt with the same letter, which reaches the terminal in browsers as in
terminals (tests/remote/test_browser_keys.py presses them through a real X keyboard), and
in a browser session the hints name the Alt keys only. The bindings have priority: an Alt
letter is printable, and a focused answer field would otherwise type it.
"""

from __future__ import annotations

import os
import re

from survey_tui.tui import compat

# Letters with a Ctrl shortcut in the respondent app (next, back, submit, quit, review).
LETTERS = "NPSQR"
_CTRL = re.compile(rf"\bCtrl\+([{LETTERS}])\b")


def browser_session() -> bool:
    """True in an app started by `survey-tui serve` for a browser."""
    return os.environ.get("TEXTUAL_DRIVER") == compat.WEB_DRIVER_CLASS


def with_alt(ctrl_key: str) -> str:
    """A binding's key list: "ctrl+n" -> "ctrl+n,alt+n"."""
    letter = ctrl_key.removeprefix("ctrl+")
    return f"{ctrl_key},alt+{letter}" if letter.upper() in LETTERS and len(letter) == 1 else ctrl_key


def shown(text: str, browser: bool | None = None) -> str:
    """A hint or message as this session should show it (Alt keys in a browser)."""
    if browser is None:
        browser = browser_session()
    return _CTRL.sub(r"Alt+\1", text) if browser else text
