"""Whole respondent journeys through the Textual app, checked against the store."""

from __future__ import annotations

from stored import stored_responses
from survey_tui.tui.respondent.app import make_app
from survey_tui.tui.respondent.draft import Session

from respondent_helpers import TOKEN, settle, start_answering, type_text


def stored(store, slug="r1"):
    return stored_responses(store, slug)


async def _answer_all(pilot, app, first_answer: str, third_answer: str) -> None:
    """Theme 1 first question, theme 3 question; next through all pages to the ranking."""
    await start_answering(pilot)
    assert app.page == "theme:0"
    await type_text(pilot, first_answer)
    await pilot.press("ctrl+n")
    await settle(pilot)
    await pilot.press("ctrl+n")
    await settle(pilot)
    assert app.page == "theme:2"
    await type_text(pilot, third_answer)
    for _ in range(3):
        await pilot.press("ctrl+n")
        await settle(pilot)
    assert app.page == "ranking"


async def test_full_flow_in_finnish(store, open_round):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Hyväksyn ja aloitan" in str(app.screen.query_one("#start").text)
        await _answer_all(pilot, app, "Koulutus äöå ÄÖÅ", "Pikaviesti ä")
        assert "Teemojen tärkeysjärjestys" in str(app.screen.query_one(".heading").render())
        await pilot.press("enter")  # keep the order as shown
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.page == "review"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.page == "thanks"
    [rec] = stored(store)
    assert rec["language"] == "fi"
    assert rec["answers"] == {"q1a": "Koulutus äöå ÄÖÅ", "q3": "Pikaviesti ä"}
    assert rec["ranking"] == ["tiedottaminen", "tunteminen", "kanavat", "henkilot", "ymmarrys"]
    assert store.count_drafts("r1") == 0


async def test_full_flow_in_english(store, open_round):
    app = make_app(store, "r1", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "I agree, start" in str(app.screen.query_one("#start").text)
        await start_answering(pilot)
        assert "Theme 1 / 5" in str(app.screen.query_one("#header").render())
        await type_text(pilot, "Åbo, Jyväskylä")
        for _ in range(5):
            await pilot.press("ctrl+n")
            await settle(pilot)
        assert app.page == "ranking"
        await pilot.press("down", "shift+up")  # theme 2 becomes most important
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.page == "review"
        hints = str(app.screen.query_one("#hints").render())
        assert "Ctrl+S submit" in hints
        await pilot.click("#submit")
        await settle(pilot)
        assert app.page == "thanks"
        assert "stored without identifying data" in " ".join(
            str(w.render()) for w in app.screen.query(".para")
        )
    [rec] = stored(store)
    assert rec["language"] == "en"
    assert rec["answers"] == {"q1a": "Åbo, Jyväskylä"}
    assert rec["ranking"][:2] == ["tunteminen", "tiedottaminen"]


async def test_ranking_reordered_with_keys(store, open_round):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.goto("ranking")  # jump straight to the ranking page
        await settle(pilot)
        rank = app.screen.query_one("#rank-list")
        # order: tiedottaminen tunteminen kanavat henkilot ymmarrys
        await pilot.press("shift+down")  # tiedottaminen -> 2
        await pilot.press("ctrl+down")  # tiedottaminen -> 3
        await pilot.press("down")  # highlight henkilot (position 4)
        await pilot.press("1")  # henkilot -> 1
        await pilot.press("end", "plus")  # ymmarrys 5 -> 4
        await pilot.press("home", "down", "minus")  # tunteminen 2 -> 3
        await pilot.pause()
        expected = ["henkilot", "kanavat", "tunteminen", "ymmarrys", "tiedottaminen"]
        assert rank.order == expected
        assert app.session.ranking == expected
        assert "1. Yhteistyöhön mukaan oikeat henkilöt" in str(rank.get_option_at_index(0).prompt)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.page == "thanks"
    assert stored(store)[0]["ranking"] == expected


async def test_resume_after_app_closed_midway(store, open_round):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        await type_text(pilot, "Eka ää")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await type_text(pilot, "Toinen öö")  # saved by the debounce or on quit
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert TOKEN in " ".join(str(w.render()) for w in app.screen.query(".para"))
        await pilot.click("#quit")
        await settle(pilot)
    assert app._exit_renderables is not None or app.return_code in (None, 0)
    saved = store.load_draft("r1", TOKEN)
    assert saved["answers"] == {"q1a": "Eka ää", "q2a": "Toinen öö"}
    assert saved["page"] == "theme:1"

    app2 = make_app(store, "r1", lang="fi", resume=TOKEN.lower())
    async with app2.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app2.page == "theme:1"
        assert app2.session.token == "TEST-TOKEN-0000" or app2.session.token.replace("-", "") == "TESTTOKEN0000"
        assert app2.screen.query_one("#text-q2a").text == "Toinen öö"
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert app2.screen.query_one("#text-q1a").text == "Eka ää"
        app2.goto("ranking")
        await settle(pilot)
        await pilot.press("enter", "ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app2.page == "thanks"
    [rec] = stored(store)
    assert rec["answers"] == {"q1a": "Eka ää", "q2a": "Toinen öö"}
    assert store.count_drafts("r1") == 0


async def test_resume_from_welcome_input(store, open_round, kela):
    earlier = Session(kela, "r1", "ABCD-EFGH-JKLM", "en", answers={"q5": "Yhteinen näkemys"}, page="theme:4")
    store.save_draft("r1", earlier.token, earlier.to_draft())
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#resume-input").focus()
        await type_text(pilot, "abcdefghjkx")
        await pilot.press("enter")
        await settle(pilot)
        assert app.page == "welcome"
        assert "Tällä koodilla ei löytynyt" in str(app.screen.query_one("#resume-error").render())
        app.screen.query_one("#resume-input").value = "abcd efgh jklm"
        await pilot.press("enter")
        await settle(pilot)
        assert app.page == "theme:4"
        assert app.session.lang == "en"  # the draft's language wins
        assert app.screen.query_one("#text-q5").text == "Yhteinen näkemys"
        assert app.session.token == "ABCD-EFGH-JKLM"


async def test_resume_with_the_continue_link_from_the_keyboard(store, open_round, kela):
    earlier = Session(kela, "r1", "ABCD-EFGH-JKLM", "fi", answers={"q2a": "Kesken jäänyt"}, page="theme:1")
    store.save_draft("r1", earlier.token, earlier.to_draft())
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#resume-input").focus()
        await type_text(pilot, "ABCD-EFGH-JKLM")
        await pilot.press("tab")  # to the Continue link next to the field
        assert app.focused is app.screen.query_one("#resume")
        await pilot.press("enter")
        await settle(pilot)
        assert app.page == "theme:1"
        assert app.screen.query_one("#text-q2a").text == "Kesken jäänyt"


async def test_back_and_forth_past_the_welcome_page_keeps_two_screens_at_most(store, open_round):
    # The welcome page is the app's first (base) screen; later pages replace the one above it.
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(3):
            await start_answering(pilot)
            assert app.page == "theme:0"
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert app.page == "theme:1"
            await pilot.press("ctrl+p", "ctrl+p")
            await settle(pilot)
            assert app.page == "welcome"
            assert len(app.screen_stack) <= 2
        await pilot.click("#lang-en")
        await settle(pilot)
        assert "I agree, start" in str(app.screen.query_one("#start").text)
        await start_answering(pilot)
        assert "Theme 1 / 5" in str(app.screen.query_one("#header").render())
        assert len(app.screen_stack) == 2


async def test_draft_saved_on_page_change_and_while_typing(store, open_round, monkeypatch):
    from survey_tui.tui.respondent import app as app_module

    monkeypatch.setattr(app_module, "DRAFT_DEBOUNCE", 0.05)
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        assert store.load_draft("r1", TOKEN)["page"] == "theme:0"
        await type_text(pilot, "kesken")
        await pilot.pause(0.2)  # past the debounce, then the draft worker
        await settle(pilot)
        assert store.load_draft("r1", TOKEN)["answers"] == {"q1a": "kesken"}
        # No transaction is left open while the respondent types.
        assert not store.conn.in_transaction


async def test_language_switch_on_welcome(store, open_round):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.click("#lang-en")
        await settle(pilot)
        assert app.session.lang == "en"
        assert "I agree, start" in str(app.screen.query_one("#start").text)
        assert "Themes for developing cooperation" in str(app.screen.query_one("#header").render())
        await start_answering(pilot)
        await type_text(pilot, "x")
        for _ in range(5):
            await pilot.press("ctrl+n")
            await settle(pilot)
        await pilot.press("enter", "ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert stored(store)[0]["language"] == "en"


async def test_back_and_next_buttons_work_with_the_mouse(store, open_round):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        assert app.page == "theme:0"
        await pilot.click("#next")
        await settle(pilot)
        assert app.page == "theme:1"
        await pilot.click("#back")
        await settle(pilot)
        assert app.page == "theme:0"


async def test_unknown_resume_code_is_a_toast_on_the_first_screen(store, open_round):
    app = make_app(store, "r1", lang="fi", resume="NOPE-NOPE-NOPE", token=TOKEN)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert app.page == "welcome"
        toasts = [n for n in app._notifications if n.severity == "warning"]
        assert [n.message for n in toasts] == ["Tällä koodilla ei löytynyt keskeneräistä vastausta. Tarkista koodi."]
        assert app.screen.query("Toast")  # shown on the welcome page, not only far below the fold


async def test_resume_code_of_another_open_round_typed_on_the_welcome_page(store, open_round, kela):
    store.create_round("r2", kela, state="open")
    earlier = Session(kela, "r2", "WXYZ-EFGH-JKLM", "fi", answers={"q3": "Toisen kierroksen luonnos"}, page="theme:2")
    store.save_draft("r2", earlier.token, earlier.to_draft())
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#resume-input").focus()
        await type_text(pilot, "wxyz-efgh-jklm")
        await pilot.press("enter")
        await settle(pilot)
        assert (app.session.slug, app.page) == ("r2", "theme:2")
        assert app.screen.query_one("#text-q3").text == "Toisen kierroksen luonnos"
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await settle(pilot)
    assert store.count_drafts("r2") == 1 and store.count_drafts("r1") == 0
