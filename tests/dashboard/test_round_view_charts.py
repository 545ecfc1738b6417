"""Round view charts on short terminals: every theme drawn, each with its own length."""

from __future__ import annotations

import pytest

from dash_data import make
from survey_tui.summary import round_ranking_stats


def chart_rows(chart, ends: bool = False) -> dict[str, int]:
    """Labelled rows of a rendered horizontal bar chart: label -> drawn bar length
    (or, with ends, where the bar ends: plotext may leave a blank cell where an
    empty first segment of a stacked bar starts)."""
    rows = {}
    for line in chart.render().plain.splitlines():
        label, tick, bar = line.partition("┤")
        if tick and label.strip():
            rows[label.strip()] = bar.rfind("█") + 1 if ends else bar.count("█")
    return rows


async def open_view(app, pilot, key: str):
    from textual.widgets import DataTable

    table = app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index("spring"))
    await pilot.press("v", key)
    await pilot.pause()
    return app.screen


@pytest.mark.parametrize("size", [(100, 12), (100, 13), (40, 12), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_first_choice_chart_draws_every_theme_with_its_count(closed_spring, size):
    stats = round_ranking_stats(closed_spring, "spring")
    app = make(closed_spring)
    async with app.run_test(size=size) as pilot:
        screen = await open_view(app, pilot, "1")
        rows = chart_rows(screen.query_one("#first-chart"))
        expected = {screen._short(it.id): it.first_choice for it in stats.items}
        assert set(rows) == set(expected)
        # Bar lengths in the same proportion as the counts (rounding: one cell).
        longest = max(rows.values())
        top = max(expected.values())
        for label, count in expected.items():
            assert abs(rows[label] - count * longest / top) <= 1, (label, rows)


@pytest.mark.parametrize("size", [(100, 12), (40, 12)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_position_chart_draws_every_theme_full_length(closed_spring, size):
    stats = round_ranking_stats(closed_spring, "spring")
    app = make(closed_spring)
    async with app.run_test(size=size) as pilot:
        screen = await open_view(app, pilot, "2")
        rows = chart_rows(screen.query_one("#position-chart"), ends=True)
        assert set(rows) == {screen._short(i) for i in stats.consensus}
        # Every respondent ranked every theme: each stacked bar is equally long.
        assert len(set(rows.values())) == 1 and min(rows.values()) > 0


async def test_short_terminal_scrolls_the_chart_from_the_keyboard(closed_spring):
    app = make(closed_spring)
    async with app.run_test(size=(100, 12)) as pilot:
        screen = await open_view(app, pilot, "1")
        scroller = screen.query_one("#priorities .chart-scroll")
        assert scroller.max_scroll_y > 0 and scroller.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.wait_for_scheduled_animations()
        assert scroller.scroll_y > 0


async def test_a_ranking_given_by_fewer_than_the_minimum_group_is_not_shown(tmp_path):
    from survey_tui.questionnaire import from_dict, load_shipped
    from survey_tui.store import Store

    data = load_shipped("kela-sosiaalitoimi").to_dict()
    data["ranking"]["require_all"] = False
    store = Store(tmp_path / "optional.db")
    store.create_round("spring", from_dict(data), state="closed", min_group=5)
    store.import_responses(
        "spring",
        [{"language": "fi", "answers": {"q3": "Chat"}, "ranking": ["henkilot", "kanavat"]}]
        + [{"language": "fi", "answers": {"q3": f"Vastaus {i}"}, "ranking": []} for i in range(5)],
    )
    app = make(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_view(app, pilot, "1")
        text = str(screen.query_one("#too-few").render())
        assert "fewer than 5 ranked the themes" in text
        assert not screen.query("#first-chart") and not screen.query("#stats-table")
    store.close()
