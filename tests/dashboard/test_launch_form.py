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


async def test_new_round_defaults_as_every_interface_and_a_follow_up_keeps_its_access(dash_store):
    # services.rounds.defaults: the same default as `round new` and the wizard.
    from survey_tui.services.rounds import DEFAULT_ACCESS

    dash_store.create_round("by-code", dash_store.get_round("spring").questionnaire, access="codes")
    app = make(dash_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#access", Select).value == DEFAULT_ACCESS
        app.screen.query_one("#slug", Input).value = "fresh"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert dash_store.get_round("fresh").access == DEFAULT_ACCESS
        table = app.screen.query_one("#rounds")
        table.move_cursor(row=table.get_row_index("by-code"))
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.query_one("#access", Select).value == "codes"
        app.screen.query_one("#slug", Input).value = "by-code-2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert dash_store.get_round("by-code-2").access == "codes"
