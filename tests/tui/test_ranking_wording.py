"""Ranking words: "themes" only when the themes are ranked; no "1–1" key ranges."""

from __future__ import annotations

import pytest

from respondent_helpers import TOKEN, settle
from survey_tui.questionnaire import from_dict
from survey_tui.tui.respondent.app import make_app
from survey_tui.plain import run_plain
from test_plain import Script


def _questionnaire(items, themes: int = 1):
    return from_dict(
        {
            "id": "own",
            "languages": ["fi", "en"],
            "title": {"fi": "Oma", "en": "Own"},
            "intro": {"fi": "Johdanto.", "en": "Intro."},
            "themes": [
                {
                    "id": f"t{n}",
                    "title": {"fi": "Ainoa teema", "en": "Only theme"},
                    "questions": [{"id": f"q{n}", "prompt": {"fi": "Kysymys?", "en": "Question?"}}],
                }
                for n in range(themes)
            ],
            "ranking": {"prompt": {"fi": "Järjestä.", "en": "Rank."}, "items": items},
        }
    )


OWN_ITEMS = [
    {"id": "speed", "title": {"fi": "Nopeat vastaukset", "en": "Faster replies"}},
    {"id": "contacts", "title": {"fi": "Yhteystiedot", "en": "Contact lists"}},
    {"id": "forms", "title": {"fi": "Lomakkeet", "en": "Forms"}},
]
THEME_WORDS = ("teema", "theme")


async def _pages(store, q, lang) -> dict[str, str]:
    store.create_round("r1", q, state="open")
    app = make_app(store, "r1", lang=lang, token=TOKEN)
    seen = {}
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.goto("ranking")
        await settle(pilot)
        screen = app.screen
        seen["ranking"] = " ".join(str(w.render()) for w in screen.query("#body Static"))
        seen["ranking_hints"] = str(screen.query_one("#hints").render())
        await pilot.press("ctrl+n")  # not confirmed: the "incomplete" wording
        await settle(pilot)
        seen["ranking_error"] = str(screen.query_one("#rank-status").render())
        app.goto("review")
        await settle(pilot)
        seen["review"] = " ".join(str(w.render()) for w in app.screen.query("#body Static"))
        seen["review_hints"] = str(app.screen.query_one("#hints").render())
    return seen


@pytest.mark.parametrize("lang", ["fi", "en"])
async def test_own_items_are_not_called_themes(store, lang):
    seen = await _pages(store, _questionnaire(OWN_ITEMS), lang)
    ranking_words = " ".join([seen["ranking"], seen["ranking_error"]]).lower()
    assert not any(word in ranking_words for word in THEME_WORDS), ranking_words
    assert ("kohte" if lang == "fi" else "items") in ranking_words
    assert "1–3" in seen["ranking_hints"]
    # The review page's theme keys: one theme is "1", never "1–1".
    assert "1–1" not in seen["review_hints"]
    assert ("1 teemaan" if lang == "fi" else "1 go to theme") in seen["review_hints"]
    assert "theme" not in seen["review"].split("Only theme")[-1].lower()


async def test_ranked_themes_still_say_themes(store):
    seen = await _pages(store, _questionnaire("themes", themes=2), "fi")
    assert "Teemojen tärkeysjärjestys" in seen["ranking"]
    assert "teemat" in seen["ranking_error"].lower()


async def test_ranking_hint_offers_only_the_digit_keys_there_are(store):
    items = [{"id": f"i{n}", "title": {"fi": f"Kohde {n}", "en": f"Item {n}"}} for n in range(12)]
    seen = await _pages(store, _questionnaire(items), "en")
    assert "1–9 put in position" in seen["ranking_hints"]


def test_plain_mode_words_own_items(store):
    store.create_round("s", _questionnaire(OWN_ITEMS), state="open")
    io = Script(["y", "", "1 1", "2 1 3", "y"])
    assert run_plain(store, "s", lang="en", prompter=io, token=TOKEN) == 0
    assert "Items:" in io.text and "Type the item numbers" in io.text
    assert "Give each number 1–3 (or item id) exactly once." in io.text
    assert "theme numbers" not in io.text
