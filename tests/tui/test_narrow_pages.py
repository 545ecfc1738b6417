"""At 40 columns the buttons fit and the key hints are never cut."""

from __future__ import annotations

import pytest

from respondent_helpers import TOKEN, fully_shown, settle, shows_text
from survey_tui.i18n import t
from survey_tui.tui.respondent.app import make_app


def _buttons_whole(app) -> None:
    for button in app.screen.query("#actions Button"):
        if button.display:
            assert fully_shown(app, button), button.id
            assert shows_text(app, str(button.label)), button.label


def _hints_whole(app) -> None:
    hints = app.screen.query_one("#hints")
    assert fully_shown(app, hints)
    assert shows_text(app, str(hints.render())), str(hints.render())


@pytest.mark.parametrize("lang", ["fi", "en"])
async def test_review_and_ranking_at_40_columns(store, kela, lang):
    store.create_round("r1", kela, state="open", access="codes")
    app = make_app(store, "r1", lang=lang, token=TOKEN)
    async with app.run_test(size=(40, 16)) as pilot:
        await settle(pilot)
        app.session.ranking_confirmed = True
        app.goto("review")
        await settle(pilot)
        _buttons_whole(app)
        _hints_whole(app)
        assert str(app.screen.query_one("#submit").label) == t(lang, "submit_button_short")
        # A rejected code shows a third button: still all on screen.
        app.screen.show_submit_error("x", "CodeRejected")
        await settle(pilot)
        _buttons_whole(app)
        # A page opened from the review page has three buttons too.
        await pilot.press("R")
        await settle(pilot)
        assert app.page == "ranking"
        _buttons_whole(app)
        _hints_whole(app)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert app.page == "theme:0"
        _buttons_whole(app)
        _hints_whole(app)


async def test_labels_grow_back_when_the_terminal_widens(store, open_round):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(40, 16)) as pilot:
        await settle(pilot)
        app.session.ranking_confirmed = True
        app.goto("review")
        await settle(pilot)
        assert str(app.screen.query_one("#back").label) == "◀"
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert str(app.screen.query_one("#submit").label) == "Lähetä vastaukset"
        assert str(app.screen.query_one("#back").label) == "◀ Edellinen"
