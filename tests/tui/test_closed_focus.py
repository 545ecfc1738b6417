"""Closed questions show where the focus is, by text style as well as colour (so also under
NO_COLOR), and every Tab stop of their pages is a visible control."""

from __future__ import annotations

import pytest
from textual.widgets import RadioSet

from closed_kinds_q import kinds_q
from respondent_helpers import TOKEN, settle, shows_text
from survey_tui.tui.respondent.app import make_app
from survey_tui.tui.respondent.check_set import CheckSet
from test_focus_visible import _tab_stops


def _style(style) -> tuple[bool, bool]:
    return bool(style.bold), bool(style.reverse)


def _label(button):
    return button.get_component_rich_style("toggle--label")


def _radio_label_style(radio):
    return _style(_label(radio.query_one(".-selected")))


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
        checks = app.screen.query_one(CheckSet)
        checks.focus()
        await settle(pilot)
        focused = _radio_label_style(checks)
        app.screen.query_one("#next").focus()
        await settle(pilot)
        assert focused == (True, True) and _radio_label_style(checks) != focused


@pytest.mark.parametrize("no_color", [False, True])
async def test_a_chosen_option_shows_without_colour(store, monkeypatch, no_color):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    store.create_round("r1", kinds_q(), state="open")
    app = make_app(store, "r1", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.session.answers.update({"adopted": "partly", "works": 5, "channels": ["mail"]})
        app.goto("theme:0")
        await settle(pilot)
        app.screen.query_one("#next").focus()
        await settle(pilot)
        for qid, on in (("adopted", 1), ("works", 4)):
            buttons = list(app.screen.query_one(f"#choice-{qid}", RadioSet).children)
            assert _label(buttons[on]).underline and _label(buttons[on]).bold
            assert not any(_label(b).underline for n, b in enumerate(buttons) if n != on)
        app.goto("theme:1")
        await settle(pilot)
        app.screen.query_one("#next").focus()
        await settle(pilot)
        boxes = app.screen.query_one(CheckSet).boxes
        assert [bool(_label(b).underline) for b in boxes] == [False, True, False, False]


async def test_long_option_titles_wrap_whole(store):
    from closed_kinds_q import kinds_dict
    from survey_tui.questionnaire import from_dict

    long = "Partly, in some of the teams but not all of them yet, and only for some benefits"
    data = kinds_dict()
    data["themes"][0]["questions"][0]["options"][1]["title"] = {"fi": long, "en": long}
    data["themes"][1]["questions"][0]["options"][1]["title"] = {"fi": long, "en": long}
    store.create_round("r1", from_dict(data), state="open")
    app = make_app(store, "r1", lang="en", token=TOKEN)
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        for page in ("theme:0", "theme:1"):
            app.goto(page)
            await settle(pilot)
            assert shows_text(app, long)  # every word on screen, none cut with "…"


@pytest.mark.parametrize("page", ["theme:0", "theme:1"])
async def test_tab_stops_on_closed_pages_are_visible(store, page):
    store.create_round("r1", kinds_q(), state="open")
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.goto(page)
        await settle(pilot)
        await _tab_stops(pilot, app, 8)


@pytest.mark.parametrize("width, row", [(80, True), (40, False)])
async def test_scale_is_a_row_with_room_and_a_column_without(store, width, row):
    store.create_round("r1", kinds_q(), state="open")
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        app.goto("theme:0")
        await settle(pilot)
        scale = app.screen.query_one("#choice-works", RadioSet)
        scale.focus()
        await settle(pilot)
        points = list(scale.children)
        assert (len({p.region.y for p in points}) == 1) is row
        # Every point, "can't say" too, lies inside the set: nothing hidden sideways.
        assert all(p.region.right <= scale.region.right for p in points)
