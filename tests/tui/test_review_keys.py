"""Keys on and around the review page: what the hints promise works."""

from __future__ import annotations

from respondent_helpers import TOKEN, settle
from survey_tui.tui.respondent.app import make_app


async def _review(pilot, app) -> None:
    app.session.ranking_confirmed = True
    app.goto("review")
    await settle(pilot)
    assert app.page == "review"


async def test_shift_r_opens_the_ranking_as_the_hint_says(store, open_round):
    app = make_app(store, "r1", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _review(pilot, app)
        assert "R ranking" in str(app.screen.query_one("#hints").render())
        await pilot.press("R")
        await settle(pilot)
        assert app.page == "ranking"


async def test_a_page_edited_from_review_leads_back_to_review(store, open_round):
    app = make_app(store, "r1", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.goto("theme:0")
        await settle(pilot)
        # Reached in order, not from the review page: no way "back" to a review not yet seen.
        assert "Ctrl+R" not in str(app.screen.query_one("#hints").render())
        assert not app.screen.query("#to-review")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.page == "theme:0"

        await _review(pilot, app)
        await pilot.press("2")  # edit theme 2
        await settle(pilot)
        assert app.page == "theme:1"
        assert "Ctrl+R back to review" in str(app.screen.query_one("#hints").render())
        assert app.screen.query_one("#to-review").region.height == 1  # a visible button too
        await pilot.press("ctrl+n")  # still on the way back after moving on a page
        await settle(pilot)
        assert app.page == "theme:2"
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.page == "review"

        await pilot.press("r")  # the ranking, edited from review, has the button as well
        await settle(pilot)
        await pilot.click("#to-review")
        await settle(pilot)
        assert app.page == "review"


async def test_home_and_end_scroll_the_review_page(store, open_round):
    app = make_app(store, "r1", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _review(pilot, app)
        body = app.screen.query_one("#body")
        assert body.max_scroll_y > 0 and body.scroll_y == 0
        await pilot.press("end")
        await settle(pilot)
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("home")
        await settle(pilot)
        assert body.scroll_y == 0
