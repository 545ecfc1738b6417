"""The quit dialog's "discard my draft": the draft leaves the database at once, keeping it still works."""

from __future__ import annotations

import pytest

from respondent_helpers import TOKEN, fully_shown, screen_lines, settle, shows_text, start_answering, type_text
from survey_tui.errors import StoreBusy
from survey_tui.i18n import t
from survey_tui.tui.respondent.app import make_app
from survey_tui.tui.respondent.quit_confirm import QuitConfirmScreen


async def _typed_and_saved(pilot, app, text: str = "luonnos") -> None:
    await start_answering(pilot)
    await type_text(pilot, text)
    app.save_draft(wait=True)  # what the debounce timer does after a pause
    assert app.store.load_draft("r1", TOKEN)["answers"] == {"q1a": text}


async def _open_dialog(pilot, app) -> QuitConfirmScreen:
    await pilot.press("ctrl+q")
    await settle(pilot)
    assert isinstance(app.screen, QuitConfirmScreen)
    return app.screen


def _exit_message(app) -> str:
    return " ".join(str(r) for r in app._exit_renderables)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_discard_deletes_the_draft_and_quits_without_the_code(store, open_round, size):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await _typed_and_saved(pilot, app)
        screen = await _open_dialog(pilot, app)
        for selector in ("#cancel", "#quit", "#discard", ".dialog-hints"):
            assert fully_shown(app, screen.query_one(selector)), selector
        assert TOKEN in "\n".join(screen_lines(app))  # the code shows without scrolling
        assert screen.focused is screen.query_one("#cancel")  # the safe choice first
        await pilot.press("tab", "tab")
        assert screen.focused is screen.query_one("#discard")
        await pilot.press("enter")
        await settle(pilot)
        assert app._exit
        message = _exit_message(app)
        assert message == t("fi", "quit_discarded") and TOKEN not in message
        assert app.store.load_draft("r1", TOKEN) is None
    assert store.load_draft("r1", TOKEN) is None and store.count_drafts("r1") == 0
    assert app.return_code in (None, 0)


async def test_discard_before_the_first_save_leaves_no_draft_behind(store, open_round):
    """Typed, then discarded before the debounce saved it: no draft appears later."""
    app = make_app(store, "r1", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        await type_text(pilot, "second thoughts")
        # Opening the page saved an empty draft; the typing waits for the debounce.
        assert app._draft_timer is not None and store.load_draft("r1", TOKEN)["answers"] == {}
        screen = await _open_dialog(pilot, app)
        assert str(screen.query_one("#discard").label) == "Discard my draft"
        screen.query_one("#discard").press()
        await settle(pilot)
        assert _exit_message(app) == t("en", "quit_discarded")
        assert app._draft_timer is None
        # Whatever would still try to write the draft writes nothing now.
        app.save_draft(wait=True)
        app.goto("theme:1")
        await settle(pilot)
        assert store.count_drafts("r1") == 0
    assert app.keep_draft_after_run() is False  # not even after a crash
    assert store.count_drafts("r1") == 0


async def test_escape_and_keep_answering_keep_the_draft(store, open_round):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _typed_and_saved(pilot, app)
        await _open_dialog(pilot, app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.page == "theme:0" and not isinstance(app.screen, QuitConfirmScreen)
        assert store.load_draft("r1", TOKEN)["answers"] == {"q1a": "luonnos"}
        await _open_dialog(pilot, app)
        await pilot.press("enter")  # "Jatka vastaamista" has the focus
        await settle(pilot)
        assert app.page == "theme:0" and not app._exit
        assert store.load_draft("r1", TOKEN)["answers"] == {"q1a": "luonnos"}


async def test_quit_keeps_the_draft_and_its_code(store, open_round):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _typed_and_saved(pilot, app)
        await type_text(pilot, " lisää")
        screen = await _open_dialog(pilot, app)
        assert TOKEN in " ".join(str(w.render()) for w in screen.query(".para"))
        await pilot.press("right")  # arrows move between the buttons too
        assert screen.focused is screen.query_one("#quit")
        await pilot.press("enter")
        await settle(pilot)
        assert app._exit and not app._exit_renderables
    assert store.load_draft("r1", TOKEN)["answers"] == {"q1a": "luonnos lisää"}


async def test_a_refused_delete_keeps_the_dialog_and_says_so(store, open_round, monkeypatch):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        await _typed_and_saved(pilot, app)

        def busy(slug, token):
            raise StoreBusy("database is locked")

        monkeypatch.setattr(store, "delete_draft", busy)
        screen = await _open_dialog(pilot, app)
        await pilot.press("left")  # from the first button back round to the last
        assert screen.focused is screen.query_one("#discard")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and not app._exit
        assert fully_shown(app, screen.query_one("#discard-error"))
        assert shows_text(app, t("fi", "quit_discard_failed"))
        for selector in ("#cancel", "#quit", "#discard"):
            assert fully_shown(app, screen.query_one(selector)), selector
        assert not app.draft_discarded
        monkeypatch.undo()
        assert screen.focused is screen.query_one("#discard")  # try again from where it was
        # press(), not Enter: Textual ignores Enter on a button within 0.2 s of its last press.
        screen.focused.press()
        await settle(pilot)
        assert app._exit and store.count_drafts("r1") == 0


async def test_nothing_to_discard_before_answering(store, open_round):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await _open_dialog(pilot, app)
        assert not screen.query("#discard")
        assert "mitään ei ole tallennettu" in " ".join(str(w.render()) for w in screen.query(".para"))
        await pilot.press("escape")
        await settle(pilot)
        assert app.page == "welcome"


async def test_resumed_draft_can_be_discarded(store, open_round):
    store.save_draft("r1", TOKEN, {"v": 1, "answers": {"q1a": "vanha"}, "page": "theme:0"})
    app = make_app(store, "r1", lang="fi", resume=TOKEN.lower())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.page == "theme:0"
        screen = await _open_dialog(pilot, app)
        screen.query_one("#discard").press()
        await settle(pilot)
        assert app._exit
    assert store.load_draft("r1", TOKEN) is None and store.count_drafts("r1") == 0


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_each_button_shows_the_focus_also_without_colour(store, open_round, monkeypatch, size):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await _typed_and_saved(pilot, app)
        screen = await _open_dialog(pilot, app)
        seen = []
        for _ in range(3):
            reversed_ = [b.id for b in screen.query("Button") if b.rich_style.reverse]
            assert reversed_ == [screen.focused.id]
            seen.append(screen.focused.id)
            await pilot.press("tab")
            await settle(pilot)
        assert seen == ["cancel", "quit", "discard"] and screen.focused.id == "cancel"


async def test_discard_after_the_submit_went_through_claims_nothing(store, open_round):
    """The dialog opened while a submit was running; the submit won: the answers are stored."""
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _typed_and_saved(pilot, app)
        screen = await _open_dialog(pilot, app)
        app.session.submitted = True  # what the submit worker sets under the draft lock
        screen.query_one("#discard").press()
        await settle(pilot)
        assert not app._exit and not app._exit_renderables
        assert not isinstance(app.screen, QuitConfirmScreen)
        assert not app.draft_discarded
