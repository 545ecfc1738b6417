"""Keys typed in one burst and then a page key (a paste or typeahead over SSH, then Ctrl+N):
the page key is a priority binding, handled on arrival, while the characters before it still
wait in the field's queue. The page change saves the draft: it must hold what was typed
before the page key (a hang-up right after it keeps that draft; tests/remote/test_ssh_pty.py)."""

from __future__ import annotations

from textual import events

from survey_tui.tui.respondent.app import make_app

from respondent_helpers import TOKEN, settle, start_answering


def _burst(app, text: str, page_key: str) -> None:
    """Post the keys to the app at once, as a terminal read delivers them, without letting
    any of them be processed in between."""
    for ch in text:
        key = "space" if ch == " " else ch
        app.post_message(events.Key(key, ch))
    app.post_message(events.Key(page_key, None))


async def test_text_typed_just_before_ctrl_n_is_kept(store, open_round):
    app = make_app(store, "r1", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        assert app.page == "theme:0"
        _burst(app, "Yhteiset koulutuspaivat", "ctrl+n")
        await settle(pilot)
        assert app.page == "theme:1"
        assert app.session.answers["q1a"] == "Yhteiset koulutuspaivat"
        assert store.load_draft("r1", TOKEN)["answers"] == {"q1a": "Yhteiset koulutuspaivat"}
        _burst(app, "toinen", "ctrl+p")  # the same on the way back
        await settle(pilot)
        assert app.page == "theme:0"
        assert app.session.answers["q2a"] == "toinen"
        assert store.load_draft("r1", TOKEN)["answers"] == {"q1a": "Yhteiset koulutuspaivat", "q2a": "toinen"}
