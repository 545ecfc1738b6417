"""The new-round form at 80x24: errors readable in full, defaults as the CLI's."""

from __future__ import annotations

from textual.widgets import Input, Select, Static

from dash_data import make


async def test_long_error_is_wholly_visible_at_80x24(dash_store):
    app = make(dash_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#slug", Input).value = "x1"
        form.query_one("#questionnaire", Input).value = "nonexistent"
        await pilot.press("ctrl+s")
        for _ in range(3):
            await pilot.pause()
        error = form.query_one("#form-error", Static)
        text = str(error.render())
        assert text.startswith("Error: unknown questionnaire 'nonexistent' (shipped:") and text.endswith("pass a file path instead")
        geometry = form.find_widget(error)
        # Several lines at this width, every one of them inside the dialog's visible area.
        assert geometry.region.height >= 2
        assert geometry.region.intersection(geometry.clip) == geometry.region
