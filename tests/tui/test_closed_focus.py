"""Closed questions show where the focus is, by text style as well as colour (so also under
NO_COLOR), and every Tab stop of their pages is a visible control."""

from __future__ import annotations

import pytest
from textual.widgets import RadioSet, SelectionList

from closed_kinds_q import kinds_q
from respondent_helpers import TOKEN, settle
from survey_tui.tui.respondent.app import make_app
from test_focus_visible import _tab_stops


def _style(style) -> tuple[bool, bool]:
    return bool(style.bold), bool(style.reverse)


def _radio_label_style(radio: RadioSet):
    selected = radio.query_one(".-selected")
    return _style(selected.get_component_rich_style("toggle--label"))


def _list_highlight_style(selections: SelectionList):
    return _style(selections.get_component_rich_style("option-list--option-highlighted"))


@pytest.mark.parametrize("no_color", [False, True])
async def test_choices_show_focus_without_colour(store, monkeypatch, no_color):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    store.create_round("r1", kinds_q(), state="open")
    app = make_app(store, "r1", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.goto("theme:0")
        await settle(pilot)
        for radio in (app.screen.query_one("#choice-adopted", RadioSet), app.screen.query_one("#choice-works", RadioSet)):
            radio.focus()
            await settle(pilot)
            focused = _radio_label_style(radio)
            app.screen.query_one("#next").focus()
            await settle(pilot)
            assert focused == (True, True) and _radio_label_style(radio) != focused
        app.goto("theme:1")
        await settle(pilot)
        selections = app.screen.query_one(SelectionList)
        selections.focus()
        await settle(pilot)
        focused = _list_highlight_style(selections)
        app.screen.query_one("#next").focus()
        await settle(pilot)
        assert focused == (True, True) and _list_highlight_style(selections) != focused


@pytest.mark.parametrize("page", ["theme:0", "theme:1"])
async def test_tab_stops_on_closed_pages_are_visible(store, page):
    store.create_round("r1", kinds_q(), state="open")
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.goto(page)
        await settle(pilot)
        await _tab_stops(pilot, app, 8)
