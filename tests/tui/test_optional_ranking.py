"""An optional ranking (require_all: false): the review shows exactly what submit stores."""

from __future__ import annotations

from stored import stored_responses
import pytest

from respondent_helpers import TOKEN, settle
from survey_tui.questionnaire import from_dict
from survey_tui.tui.respondent.app import make_app


@pytest.fixture
def optional_q():
    return from_dict(
        {
            "id": "opt",
            "languages": ["en"],
            "title": {"en": "Optional ranking"},
            "themes": [
                {"id": t, "title": {"en": f"Theme {t.upper()}"}, "questions": [{"id": f"q{t}", "prompt": {"en": "?"}}]}
                for t in ("a", "b")
            ],
            "ranking": {"prompt": {"en": "Rank."}, "items": "themes", "require_all": False},
        }
    )


def review_text(screen) -> str:
    return "\n".join(str(w.render()) for w in screen.query(".review-answer"))


async def test_an_untouched_optional_ranking_is_shown_and_stored_as_not_ranked(store, optional_q):
    store.create_round("o", optional_q, state="open")
    app = make_app(store, "o", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.goto("ranking")
        await settle(pilot)
        await pilot.press("ctrl+n")  # past the ranking without touching it
        await settle(pilot)
        assert app.page == "review"
        text = review_text(app.screen)
        assert "(not ranked: no ranking is stored unless you rank or confirm the themes)" in text
        assert "1. Theme A" not in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.page == "thanks"
    [rec] = stored_responses(store, "o")
    assert rec["ranking"] == []


async def test_a_confirmed_optional_ranking_is_listed_and_stored(store, optional_q):
    store.create_round("o", optional_q, state="open")
    app = make_app(store, "o", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.goto("ranking")
        await settle(pilot)
        await pilot.press("down", "shift+up", "ctrl+n")  # Theme B first
        await settle(pilot)
        text = review_text(app.screen)
        assert "1. Theme B\n2. Theme A" in text and "not ranked" not in text
        await pilot.press("ctrl+s")
        await settle(pilot)
    [rec] = stored_responses(store, "o")
    assert rec["ranking"] == ["b", "a"]


def test_plain_review_of_an_unranked_optional_ranking(store, optional_q):
    from test_plain import Script

    from survey_tui.plain import run_plain

    store.create_round("o", optional_q, state="open")
    io = Script(["y", "", "", "", "y"])  # consent, two empty answers, no ranking, submit
    assert run_plain(store, "o", lang="en", prompter=io, token=TOKEN) == 0
    ranking = io.text.split("Summary of your answers:")[1].split("Ranking:")[1]
    assert ranking.lstrip().startswith("(not ranked") and "1. Theme A" not in ranking
    [rec] = stored_responses(store, "o")
    assert rec["ranking"] == []
