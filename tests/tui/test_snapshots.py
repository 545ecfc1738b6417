"""Every respondent page at 80x24 in Finnish (pytest --snapshot-update to regenerate)."""

from __future__ import annotations

import pytest

from respondent_helpers import TOKEN
from survey_tui.tui.respondent.app import make_app


@pytest.fixture
def app_for(store, kela):
    def make(access: str = "open"):
        store.create_round("r1", kela, state="open", access=access)
        return make_app(store, "r1", lang="fi", token=TOKEN)

    return make


async def _settle(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_welcome(snap_compare, app_for):
    assert snap_compare(app_for(), terminal_size=(80, 24))


def test_code_entry(snap_compare, app_for):
    async def run_before(pilot):
        await pilot.press("enter")
        await _settle(pilot)
        await pilot.press(*"VÄÄRÄ")
        await pilot.press("enter")
        await _settle(pilot)

    assert snap_compare(app_for("codes"), terminal_size=(80, 24), run_before=run_before)


def test_theme_page(snap_compare, app_for):
    async def typed(pilot):
        await pilot.press("enter")
        await _settle(pilot)
        pilot.app.goto("theme:1")
        await _settle(pilot)
        keys = ["space" if ch == " " else ch for ch in "Yhteiset tapaamiset, äöå"]
        await pilot.press(*keys)
        await _settle(pilot)

    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=typed)


def test_ranking(snap_compare, app_for):
    async def run_before(pilot):
        pilot.app.goto("ranking")
        await _settle(pilot)
        await pilot.press("down", "down", "shift+up")
        await _settle(pilot)

    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=run_before)


def test_review(snap_compare, app_for):
    async def run_before(pilot):
        app = pilot.app
        app.session.answers.update({"q1a": "Koulutusta ja tiedotusta.", "q3": "Pikaviestin, äöå."})
        app.session.ranking_confirmed = True
        app.goto("review")
        await _settle(pilot)

    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=run_before)


def test_thanks(snap_compare, app_for):
    async def run_before(pilot):
        app = pilot.app
        app.session.answers["q1a"] = "Kiitos ä"
        app.session.ranking_confirmed = True
        app.goto("review")
        await _settle(pilot)
        await pilot.press("ctrl+s")
        await _settle(pilot)
        assert app.page == "thanks"

    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=run_before)


def test_quit_confirm(snap_compare, app_for):
    async def run_before(pilot):
        await pilot.press("enter")
        await _settle(pilot)
        await pilot.press(*"luonnos")
        await pilot.press("ctrl+q")
        await _settle(pilot)

    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=run_before)
