"""The ranking page on small terminals: the body scrolls, the highlighted item and the status
line stay in view while the respondent moves through and reorders the list."""

from __future__ import annotations

import pytest

from respondent_helpers import TOKEN, fully_shown, settle, shows_text
from survey_tui.tui.respondent.app import make_app
from survey_tui.tui.respondent.rank_list import RankList


def _highlighted_shown(app) -> bool:
    rank_list = app.screen.query_one(RankList)
    position = rank_list.highlighted + 1
    title = rank_list.titles[rank_list.order[rank_list.highlighted]]
    return shows_text(app, f"{position}. {title}")


def _status_shown(app) -> bool:
    status = app.screen.query_one("#rank-status")
    return fully_shown(app, status) and shows_text(app, str(status.render()))


@pytest.mark.parametrize("size", [(40, 12), (60, 16), (80, 18), (80, 24)])
async def test_highlight_and_status_stay_in_view(store, open_round, size):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.goto("ranking")
        await settle(pilot)
        assert _highlighted_shown(app) and _status_shown(app)
        for _ in range(4):
            await pilot.press("down")
            await settle(pilot)
            assert _highlighted_shown(app) and _status_shown(app)
        # Moving the last item up to the top, one place at a time, then back down.
        for key in ["shift+up"] * 4 + ["shift+down"] * 2:
            await pilot.press(key)
            await settle(pilot)
            assert _highlighted_shown(app), key
            assert _status_shown(app), key
            assert "on nyt sijalla" in str(app.screen.query_one("#rank-status").render())
        assert app.session.ranking[2] == "ymmarrys"  # moved to the top, then down twice
        await pilot.press("5")  # a digit puts it last: the body follows it
        await settle(pilot)
        assert app.session.ranking[-1] == "ymmarrys"
        assert _highlighted_shown(app) and _status_shown(app)
