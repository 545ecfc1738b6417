"""Each shim in survey_tui/tui/compat.py against the real Textual and textual-serve.

One test per shim: it fails as soon as an upgraded package no longer has the private name,
signature, call site or file the shim relies on, or the shim no longer takes effect on a
real object. A failure here means: read the note above that shim in compat.py, check the
upstream issue or whether a public API now exists, and fix the shim (or drop it).
"""

from __future__ import annotations

import codecs
import importlib
import inspect
import subprocess
import sys
from importlib.metadata import version
from types import SimpleNamespace

from textual import events
from textual.app import App
from textual.widgets import OptionList, TextArea
from textual.widgets.option_list import Option

from survey_tui.tui import byte_guard, compat, paste_guard


def _params(func) -> list[str]:
    return list(inspect.signature(func).parameters)


def _literal(data: bytes) -> str:
    """How a bytes constant is spelt in upstream source: b"__GANGLION__\\n"."""
    return 'b"' + data.decode("ascii").encode("unicode_escape").decode("ascii") + '"'


def test_the_pinned_versions_are_the_ones_installed():
    # The notes in compat.py were checked against these; a new version means re-checking them.
    assert version("textual") == compat.TEXTUAL_PINNED
    assert version("textual-serve").split(".")[0] == compat.TEXTUAL_SERVE_TESTED.split(".")[0]


def test_importing_compat_pulls_in_neither_textual_nor_textual_serve():
    code = "import sys, survey_tui.tui.compat\nprint(' '.join(m for m in ('textual', 'textual_serve') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# ------------------------------------------------------------------ 1. XTermParser.feed


def test_parser_filter_patches_the_parser_every_driver_uses():
    module = importlib.import_module(compat.PARSER_MODULE)
    parser_class = getattr(module, compat.PARSER_CLASS)
    paste_guard.install()
    feed = parser_class.feed
    assert getattr(feed, "_survey_tui_filtered", False)
    original = feed.__wrapped__
    assert _params(original) == ["self", "data"]
    assert "data" in inspect.getsource(original)
    # The drivers make their parser from this very class (patched on the class, it reaches them).
    for name in ("textual.drivers.linux_driver", "textual.drivers.web_driver", "textual.drivers.linux_inline_driver"):
        driver = importlib.import_module(name)
        assert driver.XTermParser is parser_class, name
        assert "XTermParser(" in inspect.getsource(driver)
    # On a real parser: the ESC and Ctrl+N inside the paste never reach it as keys.
    parser = parser_class()
    got = list(parser.feed(paste_guard.START + "a\x1b\x0eb" + paste_guard.END))
    got += list(parser.feed("x"))
    assert [type(e) for e in got] == [events.Paste, events.Key]
    assert got[0].text == "ab" and got[1].character == "x"
    assert compat.install_parser_filter(paste_guard.PasteFilter) is False  # once per process


# ------------------------------------------------------------------ 2. driver decoders


def test_driver_decoders_are_the_module_names_the_input_threads_call():
    byte_guard.install()  # registers the error handler (and patches the terminal driver)
    compat.lenient_driver_decoders(byte_guard.ERRORS, web=True)
    for name, cls in ((compat.TERMINAL_DRIVER, "LinuxDriver"), (compat.WEB_DRIVER, "WebDriver")):
        module = importlib.import_module(name)
        source = inspect.getsource(getattr(module, cls).run_input_thread)
        # The input thread makes its decoder from the module-level name, with no errors= of
        # its own (one would override ours: Textualize/textual#6456 proposes errors="replace").
        assert 'getincrementaldecoder("utf-8")()' in source, name
        lenient = module.getincrementaldecoder
        assert lenient._survey_tui_errors == byte_guard.ERRORS
        assert lenient.args[0] is codecs.getincrementaldecoder
        # On a real decoder: a Latin-1 byte is read as Latin-1, valid UTF-8 as before.
        decode = lenient("utf-8")().decode
        assert decode(b"ok \xe4b \xc3\xa4") == "ok \xe4b \xe4"
    assert compat.lenient_driver_decoders(byte_guard.ERRORS, web=True) == []  # idempotent


# ------------------------------------------------------------------ 3. TextArea input


async def test_text_area_keyboard_hook_is_where_typing_and_pasting_insert():
    hook = getattr(TextArea, compat.TEXT_AREA_HOOK)
    assert _params(hook) == ["self", "insert", "start", "end"]
    for caller in (TextArea._on_key, TextArea._on_paste, TextArea.action_paste):
        assert f"self.{compat.TEXT_AREA_HOOK}(" in inspect.getsource(caller), caller.__name__

    @compat.filtered_keyboard_input
    class Upper(TextArea):
        def filter_keyboard_input(self, insert, start, end):
            return None if insert == "!" else insert.upper()

    class Host(App):
        def compose(self):
            yield Upper(id="area")

    async with Host().run_test() as pilot:
        area = pilot.app.query_one(Upper)
        area.focus()
        await pilot.press("a", "!", "b")
        pilot.app.post_message(events.Paste("cd"))  # as the driver sends it
        await pilot.pause()
        assert area.text == "ABCD"
        area.insert("e")  # the API is not filtered
        assert area.text == "ABCDe"

    class NoHook:  # what an upgrade that renamed the hook looks like
        pass

    try:
        compat.filtered_keyboard_input(NoHook)
    except RuntimeError:
        pass
    else:
        raise AssertionError("a missing hook must fail at import, not leave the fields uncapped")


# ------------------------------------------------------------------ 4. OptionList lines


async def test_option_line_span_reads_the_option_lists_line_map():
    for name in ("_index_to_line", "_heights"):
        assert isinstance(inspect.getattr_static(OptionList, name), property), name

    class Host(App):
        CSS = "OptionList { width: 14; height: auto; }"

        def compose(self):
            yield OptionList(Option("one"), Option("a long title that wraps"), Option("three"))

    async with Host().run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        option_list = pilot.app.query_one(OptionList)
        first = compat.option_line_span(option_list, 0)
        second = compat.option_line_span(option_list, 1)
        third = compat.option_line_span(option_list, 2)
        assert first == (0, 1)
        assert second[0] == 1 and second[1] > 1  # the long one wraps
        assert third == (1 + second[1], 1)
        assert compat.option_line_span(option_list, 9) is None


# ------------------------------------------------------------------ 5. textual-serve files, web-driver protocol


def test_serve_files_and_web_driver_protocol_are_what_serve_relies_on():
    from textual.drivers.web_driver import WebDriver
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    template = compat.serve_templates_dir() / compat.SERVE_TEMPLATE
    text = template.read_text(encoding="utf-8")
    for name in compat.SERVE_TEMPLATE_CONTEXT:
        assert "{{ " + name in text, name
    handle_index = inspect.getsource(Server.handle_index)
    for name in set(compat.SERVE_TEMPLATE_CONTEXT) - {"ping_url"}:
        assert f'"{name}"' in handle_index, name
    static = compat.serve_static_dir()
    assert (static / "js" / "textual.js").is_file()
    assert (static / "fonts" / "RobotoMono-VariableFont_wght.ttf").is_file()  # serve/page.py LOCAL_FONT

    # The web driver writes the prelude; textual-serve reads it within so many lines.
    assert _literal(compat.WEB_PRELUDE) in inspect.getsource(WebDriver)
    reader = inspect.getsource(AppService)
    assert _literal(compat.WEB_PRELUDE) in reader and f"range({compat.WEB_PRELUDE_LINES})" in reader
    for kind in (compat.PACKET_DATA, compat.PACKET_META, compat.PACKET_PACKED):
        assert _literal(kind) in reader
        assert AppService.encode_packet(kind, b"payload") == compat.web_packet(kind, b"payload")
    # The child's environment is textual-serve's own for an app process.
    theirs = AppService._build_environment(SimpleNamespace(debug=False), width=91, height=27)
    ours = compat.web_driver_environment(91, 27)
    assert {k: theirs[k] for k in ours} == ours
    driver_module, _, driver_class = compat.WEB_DRIVER_CLASS.partition(":")
    assert getattr(importlib.import_module(driver_module), driver_class) is WebDriver
