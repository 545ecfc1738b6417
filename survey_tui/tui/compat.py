"""Every private or undocumented Textual / textual-serve internal survey-tui relies on.

Pinned in pyproject.toml: textual==8.2.8 and textual-serve>=1.1.3,<2 (1.1.3 tested). Nothing
else in survey_tui may import a `textual._*` module, call or override a `_private` Textual
or textual-serve name, or depend on a file inside either package: it goes here, with a note
of the upstream issue or the missing public API it works around, and a test in
tests/test_compat.py that fails as soon as an upgrade no longer has what it relies on.

Importing this module imports neither Textual nor textual-serve (each shim imports what it
needs when it is called), so the `survey-tui serve` server, which runs no Textual app
itself, and the respondent start-up path (tests/test_layers.py) stay light.

Shims:
1. install_parser_filter: XTermParser.feed (textual._xterm_parser) — the paste guard.
2. lenient_driver_decoders: the drivers' module-level `getincrementaldecoder` — the byte guard.
3. filtered_keyboard_input: TextArea._replace_via_keyboard — the answer fields' length cap.
4. option_line_span: OptionList._index_to_line / _heights — the ranking page's scrolling.
5. textual-serve's package files (templates/app_index.html and static/) and Textual's
   web-driver wire protocol — the `survey-tui serve` server and its children.
"""

from __future__ import annotations

import functools
import importlib
from pathlib import Path
from typing import Callable

TEXTUAL_PINNED = "8.2.8"
TEXTUAL_SERVE_TESTED = "1.1.3"


# ------------------------------------------------------------------ 1. input parser feed
# No public API to filter what the terminal sends before Textual's input parser sees it
# (as of textual==8.2.8). Works around: inside a bracketed paste the parser leaves paste
# mode at an ESC and, when no known sequence follows, re-sends the characters after it as
# key presses (so pasted text could press Next/Submit/Quit). No upstream issue found for it;
# bracketed paste itself came with Textualize/textual#564.
# Relies on: textual._xterm_parser.XTermParser.feed(self, data: str) -> Iterable[Message],
# called once per read by every driver (linux, inline, web, and the test pilot's parser).

PARSER_MODULE = "textual._xterm_parser"
PARSER_CLASS = "XTermParser"
_FILTER_ATTR = "_survey_tui_input_filter"  # one filter per parser instance (in its __dict__)


def install_parser_filter(make_filter: Callable[[], Callable[[str], str]]) -> bool:
    """Pass every XTermParser's input through its own `make_filter()` first (once per process).

    The filter gets each chunk of decoded terminal input and returns what the parser should
    see; an empty result yields no events. Returns False if it was installed already.
    """
    parser_class = getattr(importlib.import_module(PARSER_MODULE), PARSER_CLASS)
    if getattr(parser_class.feed, "_survey_tui_filtered", False):
        return False
    feed = parser_class.feed

    def filtered_feed(self, data: str):
        if data:
            keep = self.__dict__.get(_FILTER_ATTR)
            if keep is None:
                keep = make_filter()
                setattr(self, _FILTER_ATTR, keep)
            data = keep(data)
            if not data:
                return iter(())
        return feed(self, data)

    filtered_feed._survey_tui_filtered = True
    filtered_feed.__wrapped__ = feed
    parser_class.feed = filtered_feed
    return True


# ------------------------------------------------------------------ 2. driver decoders
# Upstream: Textualize/textual#6456 (open: the drivers' input threads decode with a strict
# UTF-8 incremental decoder, so one non-UTF-8 byte ends the input thread; the proposed
# errors="replace" fixes, PRs #6496/#6498/#6624, were not merged as of textual==8.2.8).
# No public API to choose the decoder's error handler. Relies on: each driver module does
# `from codecs import getincrementaldecoder` and calls `getincrementaldecoder("utf-8")()`
# in its input thread, so replacing the module-level name changes the decoder it makes.

TERMINAL_DRIVER = "textual.drivers.linux_driver"  # imported by every terminal run anyway
WEB_DRIVER = "textual.drivers.web_driver"  # the one `survey-tui serve` runs the app with


def lenient_driver_decoders(errors: str, *, web: bool = False) -> list[str]:
    """Make the terminal driver (and the web driver if `web`) decode with `errors`
    (a codecs error handler name, registered by the caller). Idempotent; returns the
    modules patched by this call."""
    names = [TERMINAL_DRIVER] + ([WEB_DRIVER] if web else [])
    patched = []
    for name in names:
        module = importlib.import_module(name)
        if getattr(module.getincrementaldecoder, "_survey_tui_errors", None) == errors:
            continue
        lenient = functools.partial(_decoder_factory, module.getincrementaldecoder, errors)
        lenient._survey_tui_errors = errors
        module.getincrementaldecoder = lenient
        patched.append(name)
    return patched


def _decoder_factory(original, errors: str, encoding: str):
    return functools.partial(original(encoding), errors=errors)


# ------------------------------------------------------------------ 3. TextArea input
# No public API to filter or cut what the user types or pastes into a TextArea before it
# reaches the document (TextArea has no max_length, and Changed arrives after the edit,
# too late for a 1 MB paste; as of textual==8.2.8). Relies on: TextArea._on_key,
# _on_paste and the clipboard paste action all insert through
# TextArea._replace_via_keyboard(self, insert, start, end) -> EditResult | None, and the
# API methods (insert, replace, load_text) do not.

TEXT_AREA_HOOK = "_replace_via_keyboard"


def filtered_keyboard_input(cls):
    """Class decorator for a TextArea subclass that defines
    `filter_keyboard_input(self, insert, start, end) -> str | None`: typed and pasted text
    goes through it first; None means no edit at all."""
    original = getattr(cls, TEXT_AREA_HOOK, None)
    if not callable(original):  # an upgrade renamed the hook: fail at import, never uncapped
        raise RuntimeError(f"{cls.__name__}: TextArea.{TEXT_AREA_HOOK} is gone (see survey_tui/tui/compat.py)")

    def _replace_via_keyboard(self, insert, start, end):
        insert = self.filter_keyboard_input(insert, start, end)
        if insert is None:
            return None
        return original(self, insert, start, end)

    setattr(cls, TEXT_AREA_HOOK, _replace_via_keyboard)
    return cls


# ------------------------------------------------------------------ 4. OptionList lines
# No public API for where an option sits in an OptionList, in lines, or how many lines a
# wrapped option takes (as of textual==8.2.8; OptionList.scroll_to_highlight scrolls only
# the list itself, not a container it sits in). Relies on the private properties
# OptionList._index_to_line (option index -> first line) and OptionList._heights
# (option index -> lines), both dicts, refreshed by the properties themselves.


def option_line_span(option_list, index: int) -> tuple[int, int] | None:
    """(first line, number of lines) of option `index` inside the list's content, or None
    if the list has not laid it out."""
    line = option_list._index_to_line.get(index)
    if line is None:
        return None
    return line, option_list._heights[index]


# ------------------------------------------------------------------ 5. textual-serve and the web driver
# textual-serve's Server only serves an app command it runs through a shell, with its own
# page and the client's address in its log; survey-tui serve has its own aiohttp server and
# borrows textual-serve's page template and static files (the terminal in the browser) and
# speaks Textual's web-driver protocol with the child itself. No public API for either as
# of textual==8.2.8 / textual-serve==1.1.3: the files are package data (Server takes
# statics_path/templates_path relative to its own module), and the protocol is what
# textual.drivers.web_driver.WebDriver writes and textual_serve.app_service.AppService reads.

SERVE_TEMPLATE = "app_index.html"  # in textual_serve/templates/, a jinja2 template
# The names SERVE_TEMPLATE reads: those textual_serve/server.py Server.handle_index passes,
# and ping_url, which it reads but the Server leaves undefined.
SERVE_TEMPLATE_CONTEXT = ("application", "app_websocket_url", "font_size", "config", "ping_url")
WEB_DRIVER_CLASS = "textual.drivers.web_driver:WebDriver"  # the value for TEXTUAL_DRIVER
WEB_PRELUDE = b"__GANGLION__\n"  # the web driver's first line: the app is up
WEB_PRELUDE_LINES = 10  # how many lines AppService reads looking for it
PACKET_DATA, PACKET_META, PACKET_PACKED = b"D", b"M", b"P"  # type byte, 4-byte big-endian size, payload


def textual_serve_dir() -> Path:
    """textual-serve's package folder (templates/ and static/ are in it)."""
    import textual_serve

    return Path(textual_serve.__file__).parent


def serve_templates_dir() -> Path:
    return textual_serve_dir() / "templates"


def serve_static_dir() -> Path:
    return textual_serve_dir() / "static"


def web_driver_environment(width: int, height: int) -> dict[str, str]:
    """The variables textual-serve's AppService._build_environment sets for an app child."""
    from importlib.metadata import version

    return dict(
        TEXTUAL_DRIVER=WEB_DRIVER_CLASS,
        TEXTUAL_FPS="60",
        TEXTUAL_COLOR_SYSTEM="truecolor",
        TERM_PROGRAM="textual",
        TERM_PROGRAM_VERSION=version("textual-serve"),
        COLUMNS=str(width),
        ROWS=str(height),
    )


def web_packet(kind: bytes, payload: bytes) -> bytes:
    """One packet to the web driver's stdin (what AppService.encode_packet writes)."""
    return kind + len(payload).to_bytes(4, "big") + payload
