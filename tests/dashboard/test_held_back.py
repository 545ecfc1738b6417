"""A response that arrives after results were shown is held back in every dashboard view."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from dash_data import fill, make


async def _open(pilot, app, slug: str, key: str):
    from textual.widgets import DataTable

    await pilot.pause()
    table = app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(slug))
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()
    return app.screen


def _answers(screen) -> list[str]:
    options = screen.query_one("#answers", OptionList)
    return sorted(str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
                  if not options.get_option_at_index(i).disabled)


async def test_a_late_response_changes_no_view_and_is_counted_as_held_back(closed_spring):
    app = make(closed_spring)
    async with app.run_test(size=(120, 40)) as pilot:
        before = _answers(await _open(pilot, app, "spring", "t"))
    assert before
    fill(closed_spring, "spring", 1, offset=50)  # a late import into the closed round
    app = make(closed_spring)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot, app, "spring", "t")
        assert _answers(screen) == before
        assert "1 later response(s) held back until 5 have arrived" in str(screen.query_one("#prompt", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        texts = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "First choices of 6 respondents" in texts and "1 later response(s) held back" in texts
