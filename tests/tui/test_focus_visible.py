"""Every Tab stop shows where the focus is: no invisible stop on a page's scroll body, and
the current-language link looks different focused, also without colour (NO_COLOR)."""

from __future__ import annotations

import pytest

from respondent_helpers import TOKEN, settle
from survey_tui.tui.respondent.app import make_app


async def _tab_stops(pilot, app, stops: int) -> None:
    """Press Tab `stops` times; each time the focus must be on a widget that shows it."""
    for _ in range(stops):
        await pilot.press("tab")
        await settle(pilot)
        # The body scrolls the focus into view after a refresh, animated: let both happen.
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        await pilot.wait_for_animation()
        widget = app.screen.focused
        assert widget is not None
        assert widget.id != "body", "the scroll body took the focus: nothing shows it"
        geometry = app.screen.find_widget(widget)  # scrolled into view, if only in part
        assert geometry.region.intersection(geometry.clip).area, widget


def _text_style(widget) -> tuple[bool, bool, bool]:
    style = widget.rich_style
    return bool(style.bold), bool(style.reverse), bool(style.underline)


@pytest.mark.parametrize("page", ["welcome", "theme:0", "review", "code"])
async def test_tab_never_stops_on_a_scroll_body(store, kela, page):
    store.create_round("r1", kela, state="open", access="codes")
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if page != "welcome":
            app.session.ranking_confirmed = True
            app.goto(page)
            await settle(pilot)
        await _tab_stops(pilot, app, 8)


@pytest.mark.parametrize("no_color", [False, True])
async def test_current_language_link_shows_focus(store, open_round, monkeypatch, no_color):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        current = app.screen.query_one("#lang-fi")
        other = app.screen.query_one("#lang-en")
        idle = _text_style(current)
        current.focus()
        await settle(pilot)
        focused = _text_style(current)
        assert focused != idle
        other.focus()
        await settle(pilot)
        assert _text_style(current) == idle
        # Focus on the other link is not mistaken for "current language" either.
        assert _text_style(other) != idle and _text_style(other) != focused
