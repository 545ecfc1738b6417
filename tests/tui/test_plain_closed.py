"""--plain with closed questions: each kind asked line by line, bad entries asked again with
one clear line, conditions applied as the answers come, no escape sequences."""

from __future__ import annotations

import json

from closed_kinds_q import kinds_q
from stored import stored_responses
from survey_tui.i18n import t
from survey_tui.plain import run_plain
from survey_tui.questionnaire import load_shipped
from test_plain import TOKEN, Script


def _no_escapes(io: Script) -> None:
    text = io.text
    assert "\x1b" not in text and "\x9b" not in text and "\r" not in text


def test_every_kind_line_by_line_with_bad_entries_asked_again(store):
    store.create_round("r1", kinds_q(), state="open")
    io = Script(
        [
            "y",
            "",  # required single: refused
            "9",  # no such option
            "3",  # No
            "No time",  # the follow-up, shown after "No"
            "7",  # not a point
            "?",  # can't say
            "1,2,3",  # more than max
            "x",  # not numbers
            "4, 5",  # Meetings and Other
            "Teams",
            "-3",  # below min
            "12",
            "2.55",  # too many decimals
            "2,5",
            "Well",  # the Meetings theme, shown after "Meetings"
            "3 1 2",
            "y",
        ]
    )
    assert run_plain(store, "r1", lang="en", prompter=io, token=TOKEN) == 0
    text = io.text
    # Numbered options, the scale with its end labels and "can't say", bounds, the hints.
    for line in (
        "1. Yes", "2. Partly", "3. No", "4. Other, what?",
        "Type the number of your choice (required):",
        "1 = very poorly", "5 = very well", "? = can't say",
        "Type a number from 1 to 5, or ? = can't say (optional, empty = skip):",
        "Choose 1–2.", "Type the numbers separated by commas (optional, empty = skip):",
        "A number from 0 to 100.", "A number, at least 0. Decimals with a point or a comma.",
    ):
        assert line in text, line
    # Each bad entry: one clear line, then the same question again.
    for line in (
        "This question needs an answer before you continue.",
        "Type a number from 1 to 4.",
        "Type a whole number from 1 to 5, or ? = can't say.",
        "At most 2 can be chosen: remove a choice first.",
        "Type numbers from 1 to 5, separated by commas, each once (e.g. 1, 3).",
        "The smallest number allowed is 0.",
        "Use at most 1 digit(s) after the decimal point.",
    ):
        assert line in text, line
    assert "Theme 3 / 3: Meetings" in text
    # The review says the options' titles.
    assert "  No\n" in text and "  Meetings\n  Other: Teams" in text and "  can't say" in text
    _no_escapes(io)
    [rec] = stored_responses(store, "r1")
    assert rec["answers"] == {
        "adopted": "no",
        "stopped": "No time",
        "works": "dont_know",
        "channels": '["meet"]',
        "channels_other": "Teams",
        "contacts": "12",
        "hours": "2.5",
        "meetings": "Well",
    }
    assert rec["ranking"] == ["t3", "t1", "t2"]


def test_conditions_leave_questions_and_themes_unasked(store):
    store.create_round("r1", kinds_q(), state="open")
    io = Script(["y", "1", "", "2", "", "", "2 1 3", "y"])  # Yes; E-mail only
    assert run_plain(store, "r1", lang="en", prompter=io, token=TOKEN) == 0
    assert "What has stopped it?" not in io.text
    assert "How do meetings work?" not in io.text
    assert "Theme 3" not in io.text
    [rec] = stored_responses(store, "r1")
    assert rec["answers"] == {"adopted": "yes", "channels": '["mail"]'}
    assert rec["ranking"] == ["t2", "t1", "t3"]
    _no_escapes(io)


def test_a_resumed_plain_answer_keeps_and_clears_closed_answers(store):
    store.create_round("r1", kinds_q(), state="open")
    io = Script(["y", "2", "Kiire", "4"])  # then the script ends
    assert run_plain(store, "r1", lang="fi", prompter=io, token=TOKEN) == 1
    assert store.load_draft("r1", TOKEN)["answers"] == {"adopted": "partly", "stopped": "Kiire", "works": 4}
    resumed = Script(["k", "", "", "-", "", "", "", "1 2 3", "k"])
    assert run_plain(store, "r1", lang="fi", resume=TOKEN, prompter=resumed) == 0
    assert "Tallennettu vastauksesi: Osittain" in resumed.text
    assert "Tallennettu vastauksesi: 4 (erittäin" not in resumed.text  # 4 has no label
    assert "Tallennettu vastauksesi: 4" in resumed.text
    assert "; Enter = pidä tallennettu, - = tyhjennä" in resumed.text
    [rec] = stored_responses(store, "r1")
    assert rec["answers"] == {"adopted": "partly", "stopped": "Kiire"}  # the scale emptied with -


def test_kela_seuranta_whole_in_finnish(store):
    store.create_round("r1", load_shipped("kela-seuranta"), state="open")
    lines = [
        "k",
        # tiedottaminen: p4 no -> what stopped it; p5 yes; p6 skipped; q1a-c
        "3", "Ei resursseja", "2", "1", "?", "", "", "Tiedote", "", "",
        # tunteminen: p3 partly -> what stopped it (skipped); q2a, q2b
        "2", "", "5", "", "",
        # kanavat: p1 can't say; a bad point, then 4; q3
        "4", "9", "4", "",
        # henkilot
        "",
        # ymmarrys: p2 yes
        "1", "3", "",
        "1 2 3 4 5",
        "k",
    ]
    io = Script(lines)
    assert run_plain(store, "r1", lang="fi", prompter=io, token=TOKEN) == 0
    assert "Kirjoita kokonaisluku väliltä 1–5, tai ? = en osaa sanoa." in io.text
    asked, review = io.text.split(t("fi", "plain_review_heading"))
    assert asked.count("Mikä on estänyt") == 2 == review.count("Mikä on estänyt")  # after "no" and "partly"
    _no_escapes(io)
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
    assert json.dumps(rec)  # plain values


def test_shuffled_options_and_ranking_are_numbered_as_shown(store):
    from survey_tui.domain.session import Session

    q = kinds_q(shuffle=True)
    store.create_round("r1", q, state="open")
    io = Script(["y", "1", "", "", "", "", "", "1 2 3", "y"])  # the first option and order shown
    assert run_plain(store, "r1", lang="en", prompter=io, token=TOKEN) == 0
    # Read the order this respondent was shown back from the lines written.
    titles = {o.id: o.title["en"] for o in q.question("adopted").options}
    first_shown = io.text.split("Has the practice been adopted?\n1. ", 1)[1].split("\n", 1)[0]
    ranking_lines = io.text.split("Themes:\n", 1)[1].split("\nType", 1)[0].split("\n")
    themes = {t.id: t.title["en"] for t in q.themes}
    [rec] = stored_responses(store, "r1")
    assert titles[rec["answers"]["adopted"]] == first_shown
    assert [f"{n}. {themes[i]}" for n, i in enumerate(rec["ranking"], 1)] == ranking_lines
    # Over respondents the orders differ (a seed each), never stored with the response.
    orders = {tuple(o.id for o in Session(q, "r1", "T", "en").option_order(q.question("adopted"))) for _ in range(12)}
    assert len(orders) > 1
    assert all(len(order) == 3 for order in orders)  # "other" is not an option: it stays last
