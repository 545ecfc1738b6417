"""Closed questions in the respondent app, from the keyboard only: one test per kind, live
conditions, shuffled orders, drafts and the whole questionnaire to the store."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Input, RadioSet

from closed_kinds_q import kinds_q
from respondent_helpers import TOKEN, settle, shows_text, start_answering, type_text
from stored import stored_responses
from survey_tui.tui.respondent.app import make_app
from survey_tui.tui.respondent.check_set import CheckSet


@pytest.fixture
def kinds_round(store):
    store.create_round("r1", kinds_q(), state="open")
    return "r1"


def _shown(app, qid: str) -> bool:
    return app.screen.query_one(f"#answer-{qid}").display


async def _on_page(pilot, app, page: str) -> None:
    app.goto(page)
    await settle(pilot)


async def test_single_choice_from_the_keyboard(store, kinds_round):
    app = make_app(store, "r1", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        assert isinstance(app.focused, RadioSet)  # the first question takes the focus
        # Required and unanswered: Next stays and says so.
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.page == "theme:0"
        assert app.screen.query_one("#answer-adopted").has_class("-missing")
        assert shows_text(app, "This question needs an answer before you continue.")
        await pilot.press("down", "space")  # Yes -> Partly
        await settle(pilot)
        assert app.session.answers["adopted"] == "partly"
        assert not app.screen.query_one("#answer-adopted").has_class("-missing")
        # Typing an other answer chooses "Other" and drops the option: one or the other.
        app.screen.query_one("#other-adopted", Input).focus()
        await type_text(pilot, "Kokeilussa")
        await settle(pilot)
        assert app.session.answers["adopted"] is None
        assert app.session.answers["adopted_other"] == "Kokeilussa"
        assert app.screen.query_one("#choice-adopted", RadioSet).pressed_index == 3
        # Choosing an option again empties the other field.
        app.screen.query_one("#choice-adopted", RadioSet).focus()
        await pilot.press("up", "up", "up", "enter")
        await settle(pilot)
        assert app.session.answers["adopted"] == "yes"
        assert app.session.answers["adopted_other"] == ""
        assert app.screen.query_one("#other-adopted", Input).value == ""


async def test_multiple_choice_enforces_max_and_min_with_a_message(store, kinds_round):
    app = make_app(store, "r1", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _on_page(pilot, app, "theme:1")
        assert isinstance(app.focused, CheckSet)
        assert shows_text(app, "Choose 1–2.")
        await pilot.press("space", "down", "space", "down", "space")  # a third choice
        await settle(pilot)
        # Taken back, and said (not silently).
        assert app.session.answers["channels"] == ["phone", "mail"]
        assert app.screen.query_one("#answer-channels").selected == ["phone", "mail"]
        assert shows_text(app, "At most 2 can be chosen: remove a choice first.")
        # The other text counts as a choice too.
        app.screen.query_one("#other-channels", Input).focus()
        await type_text(pilot, "Teams")
        await settle(pilot)
        assert app.session.answer_problems(1) == {"channels": ("choices_too_many", {"max": 2})}
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.page == "theme:1"  # refused
        app.screen.query_one(CheckSet).focus()
        await pilot.press("up", "up", "space", "down", "space")  # phone and mail off
        await settle(pilot)
        assert app.session.answers["channels"] == []
        assert app.session.answer_problems(1) == {}
        assert not shows_text(app, "At most 2 can be chosen: remove a choice first.")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.page == "ranking"  # the meetings theme stays hidden: "meet" not chosen


async def test_multiple_choice_min(store):
    from closed_kinds_q import kinds_dict
    from survey_tui.questionnaire import from_dict

    data = kinds_dict()
    data["themes"][1]["questions"][0].update({"min": 2, "max": 3, "other": False})
    store.create_round("r1", from_dict(data), state="open")
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _on_page(pilot, app, "theme:1")
        await pilot.press("space", "ctrl+n")
        await settle(pilot)
        assert app.page == "theme:1"
        assert shows_text(app, "Valitse vähintään 2 (nyt 1).")
        await pilot.press("down", "space")
        await settle(pilot)
        assert not shows_text(app, "Valitse vähintään 2 (nyt 1).")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.page == "ranking"
        assert app.session.answers["channels"] == ["phone", "mail"]


async def test_scale_points_in_a_row_and_cant_say(store, kinds_round):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        assert shows_text(app, "1 = erittäin huonosti · 5 = erittäin hyvin")
        scale = app.screen.query_one("#choice-works", RadioSet)
        points = list(scale.children)
        assert [str(b.label) for b in points] == ["1", "2", "3", "4", "5", "en osaa sanoa"]
        assert len({b.region.y for b in points}) == 1  # one row
        assert points[-1].region.x - points[-2].region.right >= 3  # "can't say" apart
        scale.focus()
        await pilot.press("right", "right", "right", "space")
        await settle(pilot)
        assert app.session.answers["works"] == 4
        await pilot.press("right", "right", "enter")
        await settle(pilot)
        assert app.session.answers["works"] == "dont_know"


async def test_number_field_refuses_letters_and_says_its_bounds(store, kinds_round):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _on_page(pilot, app, "theme:1")
        assert shows_text(app, "Luku väliltä 0–100.")
        field = app.screen.query_one("#number-contacts", Input)
        field.focus()
        await type_text(pilot, "1x2")
        await settle(pilot)
        assert field.value == "12" and app.session.answers["contacts"] == 12  # no letters
        await type_text(pilot, "00")
        await pilot.press("enter")  # 1200: said on Enter, and Enter goes to the next field
        await settle(pilot)
        assert app.session.answers["contacts"] is None
        assert shows_text(app, "Suurin sallittu luku on 100.")
        assert app.focused is app.screen.query_one("#number-hours", Input)
        await type_text(pilot, "2,5")
        await settle(pilot)
        assert app.session.answers["hours"] == 2.5  # a decimal comma
        await type_text(pilot, "5")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.page == "theme:1"  # 1200 and 2,55 are refused
        assert shows_text(app, "Anna luku enintään 1 desimaalin tarkkuudella.")
        field.focus()  # the text is selected on focus: End, then take two digits off
        await pilot.press("end", "backspace", "backspace")
        await settle(pilot)
        assert not shows_text(app, "Suurin sallittu luku on 100.")
        assert app.session.answers["contacts"] == 12


async def test_conditions_show_and_hide_questions_and_themes_live(store, kinds_round):
    app = make_app(store, "r1", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        assert not _shown(app, "stopped")
        assert "Theme 1 / 2" in str(app.screen.query_one("#header").render())
        await pilot.press("down", "down", "space")  # No
        await settle(pilot)
        assert _shown(app, "stopped")
        await pilot.press("tab", "tab")
        await type_text(pilot, "No time")
        await settle(pilot)
        assert app.session.answers["stopped"] == "No time"
        app.screen.query_one("#choice-adopted").focus()
        await pilot.press("up", "up", "space")  # Yes: the follow-up question goes away
        await settle(pilot)
        assert not _shown(app, "stopped")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("down", "down", "down", "space")  # Meetings: the third theme appears
        await settle(pilot)
        assert "Theme 2 / 3" in str(app.screen.query_one("#header").render())
        assert app.session.pages()[:3] == ["theme:0", "theme:1", "theme:2"]
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.page == "theme:2"
        await type_text(pilot, "Well")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("enter", "ctrl+n")
        await settle(pilot)
        assert app.page == "review"
        # The hidden answer is neither shown for review nor stored.
        assert not shows_text(app, "No time")
        assert not shows_text(app, "What has stopped it?")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.page == "thanks"
    [rec] = stored_responses(store, "r1")
    assert "stopped" not in rec["answers"]
    assert rec["answers"]["adopted"] == "yes"
    assert json.loads(rec["answers"]["channels"]) == ["meet"]
    assert rec["answers"]["meetings"] == "Well"


async def test_whole_questionnaire_every_kind_to_the_store(store, kinds_round):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        await pilot.press("down", "space", "tab", "tab")  # Osittain; other field; follow-up
        await type_text(pilot, "Kiire")
        await pilot.press("tab", "right", "right", "space")  # scale: 3
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.page == "theme:1"
        await pilot.press("down", "space", "down", "down", "space", "tab")  # mail, meet
        await pilot.press("tab")
        await type_text(pilot, "7")
        await pilot.press("enter")
        await type_text(pilot, "1.5")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.page == "theme:2"
        await type_text(pilot, "Sujuvasti")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("enter", "ctrl+n")  # the ranking as shown
        await settle(pilot)
        assert app.page == "review"
        # Options by their titles, the scale point, numbers as Finnish writes them.
        lines = [str(s.render()) for s in app.screen.query(".review-answer")]
        assert lines[:7] == ["Osittain", "Kiire", "3", "Sähköposti\nTapaamiset", "7", "1,5", "Sujuvasti"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.page == "thanks"
    [rec] = stored_responses(store, "r1")
    assert rec["answers"] == {
        "adopted": "partly",
        "stopped": "Kiire",
        "works": "3",
        "channels": '["mail","meet"]',
        "contacts": "7",
        "hours": "1.5",
        "meetings": "Sujuvasti",
    }
    assert rec["ranking"] == ["t1", "t2", "t3"]
    assert store.count_drafts("r1") == 0


async def test_a_draft_keeps_closed_answers_and_the_shuffled_order(store):
    store.create_round("r1", kinds_q(shuffle=True), state="open")
    app = make_app(store, "r1", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        order = [str(b.label) for b in app.screen.query_one("#choice-adopted", RadioSet).children]
        ranking = list(app.session.ranking)
        await pilot.press("space")  # the first option shown
        await settle(pilot)
        first = app.session.answers["adopted"]
        app.session.answers.update({"works": "dont_know", "channels": ["chat"], "hours": 2.5})
        app.goto("theme:1")
        await settle(pilot)
        assert app.save_draft(wait=True)
    draft = store.load_draft("r1", TOKEN)
    assert draft["answers"] == {"adopted": first, "works": "dont_know", "channels": ["chat"], "hours": 2.5}
    app2 = make_app(store, "r1", lang="en", resume=TOKEN)
    async with app2.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app2.page == "theme:1"
        assert app2.session.answers == draft["answers"]
        assert app2.screen.query_one("#answer-channels").selected == ["chat"]
        assert app2.screen.query_one("#number-hours", Input).value == "2.5"
        assert app2.session.ranking == ranking  # the same order after the resume
        app2.goto("theme:0")
        await settle(pilot)
        radio = app2.screen.query_one("#choice-adopted", RadioSet)
        assert [str(b.label) for b in radio.children] == order
        assert radio.pressed_index == 0
        works = app2.screen.query_one("#choice-works", RadioSet)
        assert works.pressed_index == 5
        # The highlight starts on the chosen point, so a Space keeps the answer.
        assert list(works.children)[5].has_class("-selected")
        works.focus()
        await pilot.press("space")
        await settle(pilot)
        assert app2.session.answers["works"] == "dont_know"


async def test_shuffle_differs_between_respondents_and_is_never_stored(store):
    store.create_round("r1", kinds_q(shuffle=True), state="open")
    orders, rankings = set(), set()
    for n in range(8):
        app = make_app(store, "r1", lang="en", token=f"TOKE-N000-000{n}")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await start_answering(pilot)
            radio = app.screen.query_one("#choice-adopted", RadioSet)
            orders.add(tuple(str(b.label) for b in radio.children))
            rankings.add(tuple(app.session.ranking))
            assert str(radio.children[-1].label) == "Other, what?"  # "other" stays last
            seed = app.session.seed
            await pilot.press("space", "ctrl+n")
            await settle(pilot)
            await pilot.press("ctrl+n", "enter", "ctrl+n")
            await settle(pilot)
            assert app.page == "review"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.page == "thanks"
        dump = "\n".join(store.conn.iterdump())
        assert seed not in dump  # the draft (with the seed) is gone; the response has none
    assert len(orders) > 1 and len(rankings) > 1
    assert len(stored_responses(store, "r1")) == 8
