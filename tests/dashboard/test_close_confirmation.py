"""The close confirmation says what closing loses, as `survey-tui round close` does."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from dash_data import make


async def ask_to_close(pilot, slug: str) -> str:
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(slug))
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()
    return str(pilot.app.screen.query_one("#question", Static).render())


async def test_close_confirmation_counts_the_drafts_it_deletes(dash_store):
    dash_store.save_draft("spring", "AAAA-BBBB-CCCC", {"answers": {}})
    dash_store.save_draft("spring", "DDDD-EEEE-FFFF", {"answers": {}})
    app = make(dash_store)
    async with app.run_test(size=(80, 24)) as pilot:
        question = await ask_to_close(pilot, "spring")
        assert question.startswith("Close round spring (6 responses)?")
        assert "2 unfinished drafts will be deleted" in question
        await pilot.press("n")
        await pilot.pause()
        question = await ask_to_close(pilot, "autumn")
        assert question.startswith("Close round autumn (2 responses)?")
        assert "no unfinished drafts" in question
        await pilot.press("y")
        await pilot.pause()
    assert dash_store.get_round("autumn").state == "closed"
    assert dash_store.get_round("spring").state == "open"
