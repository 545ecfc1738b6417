"""The dashboard shows every share with its count and interval: the round view's closed
questions and statistics, and the compare screen's changes with words for chance."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from stats_data import ELEVEN, followup
from test_compare_chance import NEW_FIRST, OLD_FIRST, rankings

from survey_tui.questionnaire import load_shipped


def make(store):
    from survey_tui.tui.dashboard.app import make_dashboard

    return make_dashboard(store, lang="en", today=dt.date(2025, 3, 10), rng=random.Random(7))


@pytest.fixture
def closed_round(store, kela):
    store.create_round("f1", followup(kela), state="closed")
    store.import_responses("f1", [{"language": "en", "answers": a, "ranking": r}
                                  for a, r in zip(ELEVEN, rankings(OLD_FIRST))])
    return store


async def open_round(app, pilot, slug: str):
    from textual.widgets import DataTable

    table = app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(slug))
    await pilot.press("v")
    await pilot.pause()
    return app.screen


def texts(screen, selector: str) -> str:
    return "\n".join(str(s.render()) for s in screen.query(selector))


async def test_round_view_shows_closed_questions_with_counts_and_intervals(closed_round):
    from textual.widgets import DataTable, TabbedContent

    app = make(closed_round)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_round(app, pilot, "f1")
        await pilot.press("4")
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "closed"
        shown = texts(screen, ".closed-text")
        assert "Yes                5 / 11 = 45% (95% CI 21–72%)" in shown
        assert "Other (own words)  1 / 11 = 9% (95% CI 2–38%)" in shown
        assert "Top box (4–5): 5 / 9 = 56% (95% CI 27–81%)" in shown
        assert "Can't say: 2 / 11 = 18% (95% CI 5–48%)" in shown
        assert "4 answered, fewer than the minimum group of 5: no figures are shown." in shown
        # One bar chart per question with rows; none for the withheld number question.
        assert [c.id for c in screen.query("BarChart") if (c.id or "").startswith("closed-chart")] == [
            "closed-chart-0", "closed-chart-1", "closed-chart-2"]
        await pilot.press("3")
        await pilot.pause()
        table = screen.query_one("#stats-table", DataTable)
        cells = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert "5 / 11 = 45% (21–72%)" in cells  # first choices with their count and interval


async def test_round_view_without_closed_questions_offers_no_key_4(store, kela):
    store.create_round("plain", kela, state="closed")
    store.import_responses("plain", [{"language": "en", "answers": {}, "ranking": r} for r in rankings(OLD_FIRST)])
    app = make(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_round(app, pilot, "plain")
        assert not screen.query("TabPane#closed")
        assert screen.check_action("tab", ("closed",)) is False
        assert screen.check_action("tab", ("statistics",)) is True


async def test_compare_screen_shows_counts_and_words(store, kela):
    from textual.widgets import DataTable, Static

    store.create_round("kevat", kela, state="closed")
    store.import_responses("kevat", [{"language": "fi", "answers": {}, "ranking": r} for r in rankings(OLD_FIRST)])
    store.create_round("seuranta", load_shipped("kela-seuranta"), state="closed", follows="kevat")
    store.import_responses("seuranta", [{"language": "fi", "answers": {}, "ranking": r} for r in rankings(NEW_FIRST)])
    app = make(store)
    async with app.run_test(size=(160, 50)) as pilot:
        from survey_tui.tui.dashboard.compare import CompareScreen

        await app.push_screen(CompareScreen("seuranta"))
        for _ in range(20):
            await pilot.pause()
            if app.screen.query_one("#compare-table", DataTable).row_count:
                break
        table = app.screen.query_one("#compare-table", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        first = next(row for row in rows if row[0].startswith("Sharing information"))
        assert first[1:3] == ["0 / 11 = 0% (0–26%)", "8 / 12 = 67% (39–86%)"]
        notes = str(app.screen.query_one("#compare-notes", Static).render())
        assert "Changes and chance" in notes
        assert "0 / 11 = 0% (0–26%) → 8 / 12 = 67% (39–86%): +67 pp" in notes
        assert "larger than chance alone would usually give" in notes
        assert "within what chance alone could give" in notes
        assert "permutation test, exact" in notes


async def test_theme_browser_lists_only_free_text_questions(closed_round):
    from textual.widgets import OptionList

    app = make(closed_round)
    async with app.run_test(size=(120, 40)) as pilot:
        from textual.widgets import DataTable

        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("f1"))
        await pilot.press("t")
        for _ in range(10):
            await pilot.pause()
            if app.screen.query("#questions"):
                break
        ids = [opt.id for opt in app.screen.query_one("#questions", OptionList).options if opt.id]
        assert "q3" in ids and not {"adopted", "channels", "works", "staff"} & set(ids)
