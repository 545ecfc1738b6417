"""The quit confirmation on small terminals: its buttons and hint always show, the text scrolls."""

from __future__ import annotations

import pytest

from respondent_helpers import TOKEN, fully_shown, screen_lines, settle, shows_text, start_answering, type_text
from survey_tui.tui.respondent.app import make_app


@pytest.mark.parametrize("size", [(40, 12), (60, 16), (80, 24)])
async def test_quit_dialog_keeps_its_buttons(store, open_round, size):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        await type_text(pilot, "luonnos")
        await pilot.press("ctrl+q")
        await settle(pilot)
        screen = app.screen
        for selector in ("#quit", "#cancel", "#discard", ".dialog-hints"):
            assert fully_shown(app, screen.query_one(selector)), selector
        text = "\n".join(screen_lines(app))
        # Button labels whole, not cut to the button's width.
        assert "Lopeta" in text and "Jatka vastaamista" in text and "Poista luonnos" in text
        assert TOKEN in text  # the resume code shows before any scrolling
        body = screen.query_one("#dialog-text")
        if size == (40, 12):
            assert body.max_scroll_y > 0  # the text does not fit: it scrolls
        # Scrolling with the focus on a button reaches the end of the text (the command line).
        for _ in range(6):
            await pilot.press("pagedown")
        await settle(pilot)
        assert "--resume" in "\n".join(screen_lines(app))
        assert shows_text(app, "eikä sitä voi palauttaa.")  # the last words: what discarding means
        assert screen.focused is screen.query_one("#cancel")
        await pilot.press("enter")  # keep answering
        await settle(pilot)
        assert app.page == "theme:0"
