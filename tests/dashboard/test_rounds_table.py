"""The rounds table after changes made while it is shown."""

from __future__ import annotations

from textual.widgets import DataTable

from dash_data import make


def shown_row(app, slug: str) -> str:
    """The row as drawn on screen (so cut-off text shows)."""
    table = app.screen.query_one(DataTable)
    y = table.get_row_index(slug) + 1  # below the header
    return "".join(seg.text for seg in app.screen.query_one(DataTable).render_line(y))


async def test_closing_a_round_widens_the_state_column(dash_store):
    app = make(dash_store)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("spring"))
        await pilot.press("c", "y")
        await pilot.pause()
        assert dash_store.get_round("spring").state == "closed"
        assert " closed " in shown_row(app, "spring")
        assert table.columns["state"].content_width >= len("closed")


async def test_no_days_left_for_a_closed_or_past_round(dash_store):
    import datetime as dt

    from dash_data import TODAY

    kela = dash_store.get_round("spring").questionnaire
    dash_store.create_round("past", kela, state="open", closes=TODAY - dt.timedelta(days=3))
    dash_store.create_round("last-day", kela, state="open", closes=TODAY)
    app = make(dash_store)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert str(table.get_cell("spring", "days_left")) == "11"
        assert str(table.get_cell("past", "days_left")) == "-"
        assert str(table.get_cell("last-day", "days_left")) == "0"  # still accepting today
        table.move_cursor(row=table.get_row_index("spring"))
        await pilot.press("c", "y")
        await pilot.pause()
        assert str(table.get_cell("spring", "days_left")) == "-"
