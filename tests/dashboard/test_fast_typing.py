"""Keys that arrive in one burst (fast typing, a script, tmux send-keys) land in the fields
they were typed for: Tab moves the focus before the next key is delivered."""

from __future__ import annotations

from textual._xterm_parser import XTermParser
from textual.widgets import DataTable, Input

from dash_data import make


async def burst(pilot, data: str) -> None:
    """Send terminal input as one read, through Textual's real parser, with no pause between keys."""
    app = pilot.app
    for event in XTermParser().feed(data):
        app._driver.send_message(event)
    for _ in range(3):
        await pilot.pause()


async def test_follow_up_form_typed_in_one_burst(dash_store):
    app = make(dash_store)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("spring"))
        await pilot.press("f")
        await pilot.pause()
        form = app.screen
        await burst(pilot, "talvi\t\t2026-12-20\t2026-12-10")
        values = {name: form.query_one(f"#{name}", Input).value for name in ("slug", "questionnaire", "opens", "closes")}
        assert values == {"slug": "talvi", "questionnaire": "", "opens": "2026-12-20", "closes": "2026-12-10"}
        assert form.focused is form.query_one("#closes", Input)
        # Back again in the same burst: shift+tab is as prompt as tab.
        await burst(pilot, "\x1b[Z\x1b[Zq")
        assert form.query_one("#questionnaire", Input).value == "q"
