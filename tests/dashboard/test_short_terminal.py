"""At 80x24 the new-round form shows its buttons and the codes screen its reminder list."""

from __future__ import annotations

from textual.widgets import Button, Static

from dash_data import make


async def test_new_round_form_fits_80x24(dash_store):
    app = make(dash_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        buttons = list(app.screen.query(Button))
        assert buttons and all(b.region.bottom <= 23 and b.region.height >= 1 for b in buttons)  # above the footer


async def test_codes_screen_shows_several_reminder_names_at_80x24(dash_store):
    dash_store.add_codes("spring", labels=[f"Kunta {i:02d}" for i in range(12)])
    app = make(dash_store)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#rounds")
        table.move_cursor(row=table.get_row_index("spring"))
        await pilot.press("k")
        await pilot.pause()
        shown = app.screen.query_one("#reminders-scroll").region
        names = str(app.screen.query_one("#reminders", Static).render()).splitlines()
        assert len(names) >= 12 and shown.height >= 5 and shown.bottom <= 23
        assert app.screen.query_one("#add", Button).region.bottom <= shown.y  # the form above it, all in view
