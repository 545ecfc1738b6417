"""Export progress and errors, the Codes screen's words and header, and the
round view's footer below the minimum group size."""

from __future__ import annotations

from textual.widgets import Checkbox, DataTable, Input, ProgressBar, Select, Static

from dash_data import make

from survey_tui.tui.dashboard.confirm import ConfirmScreen


async def select(pilot, slug: str) -> None:
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(slug))
    await pilot.pause()


async def test_export_bar_hidden_until_started_and_after_a_failure(closed_spring, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    app = make(closed_spring, results_dir=tmp_path / "results")
    async with app.run_test(size=(80, 24)) as pilot:
        await select(pilot, "spring")
        await pilot.press("e")
        await pilot.pause()
        bar = app.screen.query_one("#progress", ProgressBar)
        assert not bar.display
        app.screen.query_one("#folder", Input).value = str(blocker / "out")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#export-status", Static).render())
        assert status.startswith("Not exported:") and f"{blocker} is a file" in status
        assert not bar.display
        # A failure while writing names the file too, not only the reason.
        (tmp_path / "taken" / "responses.csv").mkdir(parents=True)
        app.screen.query_one("#folder", Input).value = str(tmp_path / "taken")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Something of that name is there: the earlier export is replaced only when confirmed.
        assert isinstance(app.screen, ConfirmScreen)
        assert "responses.csv exists (an earlier export)" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#export-status", Static).render())
        assert status.startswith(f"Not exported: {tmp_path / 'taken'}") and "is a folder" in status, status
        assert not bar.display
        # A good folder afterwards: shown while running, full when done.
        app.screen.query_one("#folder", Input).value = str(tmp_path / "ok")
        await pilot.press("ctrl+s")
        assert bar.display
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert bar.display and bar.progress == bar.total


async def test_codes_screen_names_the_round_and_explains_an_empty_submit(dash_store):
    app = make(dash_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await select(pilot, "autumn")
        await pilot.press("k")
        await pilot.pause()
        screen = app.screen
        assert screen.sub_title == "Codes · autumn"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(screen.query_one("#codes-error", Static).render())
        assert error == "Error: give a number of codes (more than 0) or labels separated by commas"
        screen.query_one("#count", Input).value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(screen.query_one("#codes-error", Static).render())
        assert error == "Error: the number of codes must be more than 0, got 0"
        assert dash_store.list_codes("autumn") == []


async def test_below_min_group_footer_offers_no_tab_keys(closed_spring):
    app = make(closed_spring)
    async with app.run_test(size=(80, 24)) as pilot:
        await select(pilot, "autumn")
        await pilot.press("v")
        await pilot.pause()
        shown = {b.key for (_, b, enabled, _) in app.screen.active_bindings.values() if enabled and b.show}
        assert shown == {"escape"}
        await select_back_and_view(pilot, "spring")
        shown = {b.key for (_, b, enabled, _) in app.screen.active_bindings.values() if enabled and b.show}
        assert {"1", "2", "3"} <= shown


async def select_back_and_view(pilot, slug: str) -> None:
    await pilot.press("escape")
    await pilot.pause()
    await select(pilot, slug)
    await pilot.press("v")
    await pilot.pause()


async def test_export_folder_focused_on_open_and_excel_option(closed_spring, tmp_path):
    app = make(closed_spring, results_dir=tmp_path / "results")
    async with app.run_test(size=(80, 24)) as pilot:
        await select(pilot, "spring")
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        folder = screen.query_one("#folder", Input)
        assert screen.focused is folder
        # Typing replaces the suggested folder (it is selected on focus).
        typed = str(tmp_path / "typed")
        await pilot.press(*typed)
        assert folder.value == typed
        fmt = screen.query_one("#format", Select)
        assert fmt.value == "csv"  # the default, as the CLI's
        await pilot.press("shift+tab", "enter", "down", "enter")  # the format list: the next one, ; CSV
        await pilot.pause()
        assert fmt.value == "excel"
        assert folder.value == typed  # a typed folder stays when the format changes
        assert screen.query_one("#charts", Checkbox).disabled  # charts go with CSV only
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    raw = (tmp_path / "typed" / "responses.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw[3:].split(b"\r\n", 1)[0]
    assert b";" in header and b"," not in header
    assert not (tmp_path / "results").exists()


async def test_codes_for_a_round_people_answer_without_codes_are_confirmed_first(dash_store):
    assert dash_store.get_round("autumn").access == "open" and dash_store.count_responses("autumn") == 2
    app = make(dash_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await select(pilot, "autumn")
        await pilot.press("k")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#count", Input).value = "2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(screen.query_one("#codes-error", Static).render())
        assert error.startswith("Warning:") and "Press Ctrl+S again" in error
        assert dash_store.list_codes("autumn") == [] and dash_store.get_round("autumn").access == "open"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(dash_store.list_codes("autumn")) == 2 and dash_store.get_round("autumn").access == "codes"
