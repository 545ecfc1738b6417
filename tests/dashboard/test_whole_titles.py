"""Issue 16: whole titles at 120 columns, and every rounds-table column at 80x24.

Read from the text the screen draws (so a title cut by the layout, a word broken across
lines or a column past the right edge shows), in the three catalog languages.
"""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable, OptionList, Static

from dash_data import make
from survey_tui.questionnaire import load_shipped
from survey_tui.tui.dashboard.rounds import COLUMNS
from survey_tui.tui.dashboard.words import say

LANGS = ("en", "fi", "sv")


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def theme_titles(lang: str) -> list[str]:
    q = load_shipped("kela-sosiaalitoimi")
    return [q.text(theme.title, lang) for theme in q.themes]


def item_titles(lang: str) -> list[str]:
    q = load_shipped("kela-sosiaalitoimi")
    return [q.text(item.title, lang) for item in q.ranking.items]


async def _open(pilot, slug: str, *keys: str) -> None:
    await pilot.pause()
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(slug))
    await pilot.pause()
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
    await pilot.pause()


def test_the_shipped_titles_are_the_long_ones_this_checks():
    # The check below is only worth something if the titles are longer than the old cut
    # (50 characters at 120 columns in the charts, 60 in the themes tree).
    assert max(len(t) for lang in LANGS for t in item_titles(lang)) > 60
    assert max(len(t) for lang in LANGS for t in theme_titles(lang)) > 60


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tab", ["1", "2"], ids=["priorities", "positions"])
async def test_charts_show_every_title_whole_at_120(closed_spring, lang, tab):
    app = make(closed_spring, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "spring", "v", tab)
        lines = screen_lines(app)
        for title in item_titles(lang):
            # On one line, as the bar's label (right-aligned against the chart's frame).
            assert any(line.rstrip().find(title + "┤") >= 0 for line in lines), (title, "\n".join(lines))
        assert not any("…┤" in line for line in lines)


async def test_charts_cut_titles_at_80_and_keep_the_bars(closed_spring):
    app = make(closed_spring)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot, "spring", "v")
        labels = [line.split("┤")[0].strip() for line in screen_lines(app) if "┤" in line]
        assert len(labels) == len(item_titles("en"))
        longest = max(item_titles("en"), key=len)
        assert f"{longest[:39]}…" in labels  # cut, with the mark, at 80 - BAR_ROOM columns
        # What is left beside the labels is the chart: at least 30 columns of bar room.
        frame = next(line for line in screen_lines(app) if "┌" in line)
        assert frame.rstrip().rindex("┐") - frame.index("┌") >= 30


@pytest.mark.parametrize("lang", LANGS)
async def test_themes_tree_shows_every_title_whole_at_120(closed_spring, lang):
    app = make(closed_spring, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "spring", "t")
        region = app.screen.query_one("#questions", OptionList).region
        lines = screen_lines(app)[region.y:region.bottom]
        # The tree's text inside its border, line by line: a title wraps between words only.
        tree = " ".join(" ".join(line[region.x + 1:region.right - 1].split()) for line in lines)
        for title in theme_titles(lang):
            assert title in tree, (title, tree)
        assert "…" not in tree


def _table_text(app) -> tuple[list[str], list[str]]:
    """The rounds table's header lines and row lines as drawn (cut at the screen's edge)."""
    table = app.screen.query_one(DataTable)
    lines = screen_lines(app)[table.region.y:table.region.bottom]
    return lines[:table.header_height], lines[table.header_height:table.header_height + table.row_count]


def _assert_every_column_shown(app, store) -> None:
    table = app.screen.query_one(DataTable)
    width = app.screen.size.width
    assert table.virtual_size.width <= width, "the table scrolls sideways: a column is past the edge"
    heads, rows = _table_text(app)
    header_words = " ".join(heads).split()
    for _key, label in COLUMNS:
        for word in say(app.lang, label).split():
            assert word in header_words, (word, heads)
    for slug, line in zip(table.rows, rows):
        questionnaire = store.get_round(slug.value).questionnaire.id
        shown = line.split()
        assert shown[0] == slug.value or (shown[0].endswith("…") and slug.value.startswith(shown[0][:-1]))
        last = shown[-1]
        assert last == questionnaire or (last.endswith("…") and questionnaire.startswith(last[:-1]))


@pytest.mark.parametrize("lang", LANGS)
async def test_rounds_table_keeps_every_column_at_80x24(dash_store, lang):
    app = make(dash_store, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        _assert_every_column_shown(app, dash_store)
        _heads, rows = _table_text(app)
        if lang != "fi":  # Finnish headers are longer: there the questionnaire column is cut
            for line in rows:
                assert line.split()[-1] == "kela-sosiaalitoimi", rows


async def test_rounds_table_cuts_a_long_slug_rather_than_a_column(dash_store):
    kela = dash_store.get_round("spring").questionnaire
    slug = "a-rather-long-round-name-for-spring-2026"
    dash_store.create_round(slug, kela, state="open", closes=dt.date(2025, 10, 31))
    app = make(dash_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot, slug)
        _assert_every_column_shown(app, dash_store)
        _heads, rows = _table_text(app)
        assert any(line.startswith(slug[:8]) and "…" in line.split()[0] for line in rows), rows
        # The detail line below the table still names the round whole.
        assert str(app.screen.query_one("#round-detail", Static).render()).startswith(f"{slug}: kela-sosiaalitoimi")


async def test_rounds_table_refits_when_the_terminal_is_resized(dash_store):
    app = make(dash_store)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.cell_padding == 1 and table.header_height == 1  # roomy: as before
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        _assert_every_column_shown(app, dash_store)
        await pilot.resize_terminal(120, 24)
        await pilot.pause()
        await pilot.pause()
        assert table.cell_padding == 1 and table.header_height == 1
