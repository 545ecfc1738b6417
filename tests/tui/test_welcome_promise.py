"""The welcome page: the resume code on first sight, and the promise in plain words."""

from __future__ import annotations

import pytest

from respondent_helpers import TOKEN, fully_shown, screen_lines, settle, shows_text
from survey_tui.i18n import t
from survey_tui.tui.respondent.app import make_app

PROMISE_WORDS = {
    "fi": ("ei nimeäsi, koodiasi, vastausaikaa, tietokonettasi", "vähintään 7 vastaajan ryhmistä",
           "vasta, kun vastausaika on päättynyt", "vain jatkokoodillasi", "voit poistaa luonnoksen"),
    "en": ("no name, code, time, computer", "groups of at least 7 respondents",
           "only after answering has closed", "only with your resume code", "you can discard it"),
}


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
@pytest.mark.parametrize("lang", ["fi", "en"])
async def test_resume_code_shows_without_scrolling(store, open_round, lang, size):
    app = make_app(store, "r1", lang=lang, token=TOKEN)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#body").scroll_y == 0
        assert fully_shown(app, app.screen.query_one("#token"))
        assert TOKEN in "\n".join(screen_lines(app))


@pytest.mark.parametrize("lang", ["fi", "en"])
async def test_promise_says_what_against_whom_with_the_rounds_minimum(store, kela, lang):
    store.create_round("r1", kela, state="open", min_group=7)
    app = make_app(store, "r1", lang=lang, token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        promise = app.screen.query_one("#promise")
        text = str(promise.render())
        assert text == t(lang, "promise_text", min_group=7)
        for words in PROMISE_WORDS[lang]:
            assert words in " ".join(text.split()), words
        assert TOKEN not in text  # the code is shown once, at the top
        promise.scroll_visible(animate=False, immediate=True)
        await settle(pilot)
        assert fully_shown(app, promise)
        assert shows_text(app, t(lang, "promise_text", min_group=7))


def test_promise_is_short():
    """Five short sentences at most: a respondent reads it, not a policy."""
    for lang in ("fi", "en"):
        text = t(lang, "promise_text", min_group=5)
        assert len(text) <= 420, (lang, len(text))
        assert text.count(". ") + 1 <= 5
