"""Pasted text stays text: control characters inside a bracketed paste never become keys.

Textual 8.2.8's input parser leaves paste mode for an ESC inside a paste and, when no known
sequence follows, re-sends the characters after it as key presses. A pasted
"idea ESC ^N ^N ^S" then pressed Next, Next and Submit; "ESC ^Q ^Q" quit the app, and
"abc ESC[31m def" came out in the wrong order. Terminals send pasted bytes verbatim, so any
copied text can carry these.

The guard filters what the terminal sends before the parser sees it: between the paste
start and end markers, ESC and the other C0/C1 control characters (except tab and line
breaks) are dropped, so the parser receives plain text inside the markers. Outside a paste
nothing is changed or delayed (a lone Escape key press still arrives at once). Installed
once per process by the respondent app and the dashboard (through
compat.install_parser_filter); tests/tui/test_paste_guard.py drives Textual's real parser
with hostile pastes.
"""

from __future__ import annotations

from survey_tui.sanitize import INPUT_CONTROLS
from survey_tui.tui import compat

START = "\x1b[200~"
END = "\x1b[201~"


class PasteFilter:
    """Stateful filter of one input stream (paste markers may be split across reads)."""

    def __init__(self) -> None:
        self.in_paste = False
        self._held = ""  # inside a paste: a possible start of the end marker
        self._tail = ""  # outside a paste: the last characters passed, to spot a split start marker

    def __call__(self, data: str) -> str:
        out: list[str] = []
        while data:
            if not self.in_paste:
                seen = self._tail + data
                at = seen.find(START)
                if at < 0:
                    out.append(data)
                    self._tail = seen[-(len(START) - 1):]
                    break
                cut = at + len(START) - len(self._tail)  # end of the marker within data
                out.append(data[:cut])
                data = data[cut:]
                self._tail = ""
                self.in_paste = True
            else:
                data = self._held + data
                self._held = ""
                at = data.find(END)
                if at < 0:
                    keep = _partial_suffix(data, END)
                    out.append(INPUT_CONTROLS.sub("", data[: len(data) - keep]))
                    self._held = data[len(data) - keep:]
                    break
                out.append(INPUT_CONTROLS.sub("", data[:at]) + END)
                data = data[at + len(END):]
                self.in_paste = False
        return "".join(out)


def _partial_suffix(text: str, marker: str) -> int:
    """Length of the longest end of text that could begin marker."""
    for size in range(min(len(marker) - 1, len(text)), 0, -1):
        if marker.startswith(text[-size:]):
            return size
    return 0


def install() -> None:
    """Route every Textual input parser's data through a PasteFilter (idempotent).

    How it reaches the parser (a patch of a private Textual class) is in compat."""
    compat.install_parser_filter(PasteFilter)
