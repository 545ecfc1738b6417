"""A code rejected at submit: the advice fits why it was rejected."""

from __future__ import annotations

import pytest

from respondent_helpers import TOKEN, settle, start_answering
from survey_tui.errors import CodeRejected
from survey_tui.tui.respondent.app import make_app

USED_ADVICE = {"fi": "Anna toinen koodi", "en": "Enter a different code"}
COORDINATOR = {"fi": "ota yhteyttä kyselyn järjestäjään", "en": "contact the survey coordinator"}
AGAIN = {"fi": "Anna koodi uudelleen", "en": "Enter the code again"}


async def _submit_after(store, kela, lang, before_submit) -> tuple[str, bool]:
    """Answer with a valid code, run before_submit(code), submit; the error shown and
    whether the Enter code button is there."""
    store.create_round("r1", kela, state="open", access="codes")
    [(code, _)] = store.add_codes("r1", count=1)
    app = make_app(store, "r1", lang=lang, code=code, token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        app.session.ranking_confirmed = True
        app.goto("review")
        await settle(pilot)
        before_submit(code)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.page == "review"
        error = str(app.screen.query_one("#submit-error").render())
        button_shown = not app.screen.query_one("#enter-code").has_class("hidden")
    return " ".join(error.split()), button_shown


@pytest.mark.parametrize("lang", ["fi", "en"])
async def test_code_used_in_another_session_asks_for_another_code(store, kela, lang):
    def used_elsewhere(code):
        store.submit("r1", {}, [i.id for i in kela.ranking.items], "fi", code)

    error, button = await _submit_after(store, kela, lang, used_elsewhere)
    assert USED_ADVICE[lang] in error and COORDINATOR[lang] in error
    assert AGAIN[lang] not in error
    assert button  # the way to give that other code
    assert store.count_responses("r1") == 1  # only the other session's


@pytest.mark.parametrize("lang", ["fi", "en"])
async def test_unknown_code_at_submit_is_asked_again(store, kela, lang, monkeypatch):
    def unknown(code):
        def refuse(*args, **kwargs):
            raise CodeRejected("unknown code", "unknown")

        monkeypatch.setattr(store, "submit", refuse)

    error, button = await _submit_after(store, kela, lang, unknown)
    assert AGAIN[lang] in error and USED_ADVICE[lang] not in error
    assert button
