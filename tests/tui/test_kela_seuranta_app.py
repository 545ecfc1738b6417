"""The shipped follow-up kela-seuranta answered whole in the respondent app, keys only, its
conditions ("what has stopped it?" only after "partly" or "no") applied live."""

from __future__ import annotations

from respondent_helpers import TOKEN, settle, shows_text, start_answering, type_text
from stored import stored_responses
from survey_tui.questionnaire import load_shipped
from survey_tui.tui.respondent.app import make_app


async def test_kela_seuranta_whole_from_the_keyboard(store):
    store.create_round("r1", load_shipped("kela-seuranta"), state="open")
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        screen = app.screen
        assert "Teema 1 / 5" in str(screen.query_one("#header").render())
        assert not screen.query_one("#answer-p4_obstacles").display
        # p4: no -> what has stopped it; scale 2.
        await pilot.press("down", "down", "space")
        await settle(pilot)
        assert screen.query_one("#answer-p4_obstacles").display
        await pilot.press("tab")
        await type_text(pilot, "Ei resursseja")
        await pilot.press("tab", "right", "space")
        # p5: yes (no follow-up); can't say, the last stop of the row (← wraps to it).
        await pilot.press("tab", "space", "tab", "left", "space")
        await settle(pilot)
        assert not screen.query_one("#answer-p5_obstacles").display
        # p6 left unanswered; q1a typed.
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "Tiedote")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.page == "theme:1"
        # p3: partly, follow-up left empty; scale 5.
        await pilot.press("down", "space", "tab", "tab", "left", "left", "space", "ctrl+n")
        await settle(pilot)
        assert app.page == "theme:2"
        # p1: can't say whether adopted; scale 4.
        await pilot.press("down", "down", "down", "space", "tab", "right", "right", "right", "space", "ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+n")  # henkilot: its open question only
        await settle(pilot)
        assert app.page == "theme:4"
        await pilot.press("space", "tab", "right", "right", "space", "ctrl+n")  # p2: yes; 3
        await settle(pilot)
        assert app.page == "ranking"
        await pilot.press("enter", "ctrl+n")
        await settle(pilot)
        assert app.page == "review"
        answers = [str(s.render()) for s in app.screen.query(".review-answer")]
        assert answers[:4] == ["Ei", "Ei resursseja", "2", "Kyllä"]
        assert "en osaa sanoa" in answers
        assert shows_text(app, "Ei resursseja")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.page == "thanks"
    [rec] = stored_responses(store, "r1")
    assert rec["answers"] == {
        "p4_adopted": "no",
        "p4_obstacles": "Ei resursseja",
        "p4_works": "2",
        "p5_adopted": "yes",
        "p5_works": "dont_know",
        "q1a": "Tiedote",
        "p3_adopted": "partly",
        "p3_works": "5",
        "p1_adopted": "dont_know",
        "p1_works": "4",
        "p2_adopted": "yes",
        "p2_works": "3",
    }
    assert rec["ranking"] == ["tiedottaminen", "tunteminen", "kanavat", "henkilot", "ymmarrys"]
