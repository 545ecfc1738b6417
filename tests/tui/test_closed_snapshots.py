"""Each closed kind's page at 80x24 in Finnish, and the review of closed answers
(pytest --snapshot-update to regenerate; look at the SVGs before committing)."""

from __future__ import annotations

import pytest

from respondent_helpers import TOKEN, settle, type_text
from survey_tui.questionnaire import from_dict
from survey_tui.tui.respondent.app import make_app


def _t(fi: str, en: str) -> dict[str, str]:
    return {"fi": fi, "en": en}


OPTIONS = [
    {"id": "yes", "title": _t("Kyllä", "Yes")},
    {"id": "partly", "title": _t("Osittain", "Partly")},
    {"id": "no", "title": _t("Ei", "No")},
    {"id": "dont_know", "title": _t("En osaa sanoa", "Don't know")},
]

CHANNELS = [
    {"id": "phone", "title": _t("Puhelin", "Phone")},
    {"id": "mail", "title": _t("Sähköposti", "E-mail")},
    {"id": "chat", "title": _t("Pikaviestin", "Chat")},
    {"id": "meet", "title": _t("Yhteiset tapaamiset", "Joint meetings")},
]


def _theme(tid: str, title: str, question: dict) -> dict:
    return {"id": tid, "title": _t(title, title), "context": _t("", ""), "questions": [question]}


@pytest.fixture
def app_for(store):
    q = from_dict(
        {
            "id": "snap",
            "version": "1",
            "languages": ["fi", "en"],
            "title": _t("Seurantakysely", "Follow-up"),
            "intro": _t("Johdanto.", "Intro."),
            "consent": _t("Suostumus.", "Consent."),
            "closing": _t("Kiitos.", "Thanks."),
            "themes": [
                _theme("t1", "Tiedottaminen", {
                    "id": "adopted", "kind": "single", "required": True, "other": True, "options": OPTIONS,
                    "prompt": _t("Onko toimintatapa otettu käyttöön tiimissänne?", "Adopted in your team?"),
                }),
                _theme("t2", "Kanavat", {
                    "id": "channels", "kind": "multiple", "min": 1, "max": 2, "other": True, "options": CHANNELS,
                    "prompt": _t("Mitä yhteydenpitokanavia käytätte?", "Which channels do you use?"),
                }),
                _theme("t3", "Yhteistyö", {
                    "id": "works", "kind": "scale", "min": 1, "max": 5, "dont_know": True,
                    "labels": {1: _t("erittäin huonosti", "very poorly"), 5: _t("erittäin hyvin", "very well")},
                    "prompt": _t("Kuinka hyvin yhteistyö toimii nyt?", "How well does cooperation work now?"),
                }),
                _theme("t4", "Määrät", {
                    "id": "contacts", "kind": "number", "min": 0, "max": 200,
                    "prompt": _t("Montako yhteydenottoa tiimiinne tulee viikossa?", "Contacts a week?"),
                }),
            ],
        }
    )
    store.create_round("r1", q, state="open")
    return lambda: make_app(store, "r1", lang="fi", token=TOKEN)


def _page(page: str, *keys: str, text: str = ""):
    async def run_before(pilot):
        pilot.app.goto(page)
        await settle(pilot)
        await pilot.press(*keys)
        if text:
            await type_text(pilot, text)
        await settle(pilot)

    return run_before


def test_single_choice_page(snap_compare, app_for):
    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=_page("theme:0", "down", "space"))


def test_multiple_choice_page_refusing_a_third(snap_compare, app_for):
    keys = ("space", "down", "down", "down", "space", "up", "space")
    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=_page("theme:1", *keys))


def test_scale_page(snap_compare, app_for):
    keys = ("right", "right", "right", "space")
    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=_page("theme:2", *keys))


def test_number_page_out_of_bounds(snap_compare, app_for):
    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=_page("theme:3", text="250"))


def test_number_page_said_on_enter(snap_compare, app_for):
    async def run_before(pilot):
        await _page("theme:3", text="250")(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=run_before)


def test_review_of_closed_answers(snap_compare, app_for):
    async def run_before(pilot):
        app = pilot.app
        app.session.answers.update(
            {"adopted_other": "Kokeilussa", "channels": ["mail", "meet"], "works": "dont_know", "contacts": 12}
        )
        app.goto("review")
        await settle(pilot)

    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=run_before)
