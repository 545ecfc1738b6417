"""`kind: short` questions: a one-line field that never stores a line break."""

from __future__ import annotations

from textual import events

from respondent_helpers import TOKEN, settle, start_answering, type_text
from survey_tui.questionnaire import from_dict
from survey_tui.tui.respondent.app import make_app


def short_q():
    return from_dict(
        {
            "id": "short",
            "languages": ["en"],
            "title": {"en": "Short survey"},
            "themes": [
                {
                    "id": "a",
                    "title": {"en": "Theme A"},
                    "questions": [
                        {"id": "name", "prompt": {"en": "Your unit?"}, "kind": "short", "max_length": 20},
                        {"id": "more", "prompt": {"en": "Anything else?"}, "kind": "short"},
                    ],
                }
            ],
        }
    )


async def test_short_answer_is_one_line_and_enter_moves_on(store):
    store.create_round("s", short_q(), state="open")
    app = make_app(store, "s", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        first = app.screen.query_one("#text-name")
        assert first.has_focus
        assert first.size.height == 1  # one line inside the border
        await type_text(pilot, "North")
        await pilot.press("enter")  # no line break: on to the next field
        await settle(pilot)
        assert first.text == "North"
        second = app.screen.query_one("#text-more")
        assert second.has_focus
        await pilot.press("x", "enter")  # the last field: on to the Next button
        await settle(pilot)
        assert app.screen.query_one("#next").has_focus
        assert second.text == "x"
        await pilot.press("enter")
        await settle(pilot)
        assert app.page == "review"


async def test_pasted_line_breaks_become_spaces_and_the_cap_holds(store):
    store.create_round("s", short_q(), state="open")
    app = make_app(store, "s", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        app.post_message(events.Paste("one\r\ntwo\nthree\rfour and much more"))
        await settle(pilot)
        area = app.screen.query_one("#text-name")
        assert area.text == "one two three four a"  # 20 characters, no line break
        counter = " ".join(str(w.render()) for w in app.screen.query("#answer-name .counter"))
        assert "20 / 20" in counter and "at most 20 characters" in counter
        await pilot.pause(0.1)
        assert app.session.answers["name"] == "one two three four a"
