"""Pilot tests of the coordinator dashboard against a real SQLite file."""

from __future__ import annotations

import asyncio
import sys
import textwrap

from textual.widgets import DataTable, Input, OptionList, Static

from dash_data import make


def cell(app, slug: str, column: str) -> str:
    return str(app.screen.query_one(DataTable).get_cell(slug, column))


def filled_in(q):
    """The questionnaire with its fill-in placeholders replaced, as a coordinator would:
    a round of the shipped one is not opened while its intro says [contact details]."""
    from survey_tui.questionnaire import from_dict
    from survey_tui.questionnaire.placeholders import PLACEHOLDER_RE

    data = q.to_dict()
    data["intro"] = {lang: PLACEHOLDER_RE.sub("Liisa Virtanen, 040 123 4567", text) for lang, text in data["intro"].items()}
    return from_dict(data, "filled-in")


async def select_round(pilot, slug: str) -> None:
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(slug))
    await pilot.pause()


async def test_rounds_table_shows_counts_and_codes(dash_store):
    app = make(dash_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert cell(app, "spring", "responses") == "6"
        assert cell(app, "spring", "codes") == "0/4"
        assert cell(app, "spring", "rate") == "0%"
        assert cell(app, "spring", "days_left") == "11"  # closes 2025-03-21, today 2025-03-10
        assert cell(app, "autumn", "codes") == "-"


async def test_launch_follow_up_from_form(dash_store):
    app = make(dash_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await select_round(pilot, "spring")
        await pilot.press("f")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#slug", Input).has_focus
        # An invalid name is refused inline with the Store's message and nothing is created.
        await pilot.press(*"Bad Name", "ctrl+s")
        await pilot.pause()
        error = str(form.query_one("#form-error", Static).render())
        assert "invalid round name" in error
        assert [r.slug for r in dash_store.list_rounds()] == ["autumn", "spring"]
        form.query_one("#slug", Input).value = "spring-2"
        form.query_one("#closes", Input).value = "2025-04-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        rnd = dash_store.get_round("spring-2")
        assert rnd.follows == "spring"
        assert rnd.questionnaire == dash_store.get_round("spring").questionnaire
        assert rnd.access == "codes" and rnd.min_group == 5 and rnd.state == "draft"
        assert str(rnd.closes) == "2025-04-30"
        assert cell(app, "spring-2", "state") == "draft"


async def test_open_and_close_need_confirmation(dash_store):
    dash_store.create_round("later", filled_in(dash_store.get_round("spring").questionnaire))
    app = make(dash_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await select_round(pilot, "later")
        await pilot.press("o", "n")  # declined
        await pilot.pause()
        assert dash_store.get_round("later").state == "draft"
        await pilot.press("o", "y")
        await pilot.pause()
        assert dash_store.get_round("later").state == "open"
        assert cell(app, "later", "state") == "open"
        await pilot.press("c", "y")
        await pilot.pause()
        assert dash_store.get_round("later").state == "closed"


SUBMIT = textwrap.dedent(
    """
    import sys
    from survey_tui.store import Store
    store = Store(sys.argv[1])
    rnd = store.get_round("autumn")
    items = [i.id for i in rnd.questionnaire.ranking.items]
    import datetime as dt
    store.submit("autumn", {"q1a": "from another process"}, items, "en", today=dt.date(2025, 3, 10))
    store.close()
    """
)


async def test_count_changes_after_submit_from_another_process(dash_store):
    app = make(dash_store, refresh_seconds=0.2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert cell(app, "autumn", "responses") == "2"
        proc = await asyncio.create_subprocess_exec(sys.executable, "-c", SUBMIT, dash_store.path)
        assert await proc.wait() == 0
        for _ in range(50):
            await pilot.pause(0.1)
            if cell(app, "autumn", "responses") == "3":
                break
        assert cell(app, "autumn", "responses") == "3"


async def test_code_an_answer_and_see_the_count(closed_spring):
    app = make(closed_spring)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_round(pilot, "spring")
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        answers = screen.query_one("#answers", OptionList)
        assert answers.has_focus and answers.highlighted == 0
        await pilot.press("a", *"cost", "enter")
        await pilot.pause()
        codes = closed_spring.answer_codes("spring")
        assert [(c["question_id"], c["label"]) for c in codes] == [("q1a", "cost")]
        counts = str(screen.query_one("#tag-counts", Static).render())
        assert "cost: 1" in counts
        # Second answer: pick the existing label from the suggestions.
        await pilot.press("down", "down", "a", "down", "enter")
        await pilot.pause()
        assert len(closed_spring.answer_codes("spring")) == 2
        assert "cost: 2" in str(screen.query_one("#tag-counts", Static).render())
        # Remove it again (the only label on that answer is prefilled).
        await pilot.press("x", "enter")
        await pilot.pause()
        assert len(closed_spring.answer_codes("spring")) == 1
        assert "cost: 1" in str(screen.query_one("#tag-counts", Static).render())


async def test_answers_are_inert_text(closed_spring):
    app = make(closed_spring)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_round(pilot, "spring")
        await pilot.press("t")
        await pilot.pause()
        answers = app.screen.query_one("#answers", OptionList)
        prompts = [str(o.prompt) for o in answers.options if o.prompt is not None]
        hostile = [p for p in prompts if "not markup" in p]
        assert hostile == ["[bold red]not markup[/] evil"]


async def _results_views_say(store, slug: str, *phrases: str) -> None:
    app = make(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await select_round(pilot, slug)
        for key in ("v", "t"):
            await pilot.press(key)
            await pilot.pause()
            text = str(app.screen.query_one("#too-few", Static).render())
            assert all(phrase in text for phrase in phrases), text
            assert not app.screen.query(OptionList) and not app.screen.query("PlotextPlot")
            await pilot.press("escape")


async def test_below_min_group_shows_only_count(dash_store):
    # autumn still takes answers on the app's date: sealed, counts only
    await _results_views_say(dash_store, "autumn", "still takes answers", "sealed", "2 responses so far")
    dash_store.set_state("autumn", "closed")
    await _results_views_say(dash_store, "autumn", "has 2 responses", "only from 5 responses", "minimum group size")


async def test_add_codes_shows_them_once_and_reminders(dash_store):
    app = make(dash_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await select_round(pilot, "autumn")
        await pilot.press("k")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#labels", Input).value = "Kemi, Lahti"
        await pilot.press("ctrl+s")  # autumn is open to anyone and answered: asked once more
        await pilot.pause()
        assert "Press Ctrl+S again" in str(screen.query_one("#codes-error").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = screen.query_one("#new-codes").text.splitlines()
        assert len(shown) == 2 and shown[0].endswith("Kemi") and shown[1].endswith("Lahti")
        code = shown[0].split()[0]
        dash_store.check_code("autumn", code)  # a real, unused code
        assert "Kemi\nLahti" in str(screen.query_one("#reminders", Static).render())
        assert dash_store.get_round("autumn").access == "codes"


async def test_compare_two_rounds(closed_spring):
    from dash_data import fill

    app = make(closed_spring)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_round(pilot, "autumn")
        await pilot.press("m")
        await pilot.pause()
        head = str(app.screen.query_one("#compare-head", Static).render())
        # autumn has 2 responses: nothing is compared, and the message says why.
        assert "Not compared" in head and "minimum group size" in head
        await pilot.press("escape")
        fill(closed_spring, "autumn", 4, offset=8)
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        head = str(screen.query_one("#compare-head", Static).render())
        assert "spring (n = 6) -> autumn (n = 6)" in head
        assert screen.query_one("#compare-table", DataTable).row_count == 5
        assert "Kendall's tau:" in str(screen.query_one("#compare-notes", Static).render())


async def test_export_writes_files(closed_spring, tmp_path):
    app = make(closed_spring, results_dir=tmp_path / "results")
    async with app.run_test(size=(80, 24)) as pilot:
        await select_round(pilot, "spring")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#export-status", Static).render())
        bar = app.screen.query_one("#progress")
        assert bar.progress == bar.total
    out = tmp_path / "results" / "spring"
    assert f"Exported 6 responses to {out.resolve()}" in status
    assert "responses.csv" in status
    rows = (out / "responses.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 7  # header and six responses
    assert (out / "answers.csv").exists()


async def test_export_below_min_group_is_refused(dash_store, tmp_path):
    app = make(dash_store, results_dir=tmp_path / "results")
    async with app.run_test(size=(80, 24)) as pilot:
        await select_round(pilot, "autumn")
        await pilot.press("e", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#export-status", Static).render())
    assert status.startswith("Not exported:") and "minimum group size" in status
    assert not (tmp_path / "results" / "autumn").exists()
