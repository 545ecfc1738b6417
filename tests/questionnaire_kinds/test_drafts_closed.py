"""Drafts and resume keep closed answers: sealed in the store under the resume code, restored
into a new session with the same values, and the submit stores them as answers.encode texts."""

from __future__ import annotations

from kinds_data import kinds_data
from survey_tui.domain import session as sessions
from survey_tui.questionnaire import from_dict
from survey_tui.services import respond

Q = from_dict(kinds_data(), "k.yaml", complete=True)
CLOSED = {"adopted": "no", "stopped": "money", "channels": ["chat"], "channels_other": "Teams",
          "works": "dont_know", "staff": 12, "hours": 7.5}


def test_a_draft_restores_every_closed_value(store):
    store.create_round("k", Q, state="open")
    token = respond.new_resume_code()
    first = sessions.Session.begin(Q, "k", token, "fi")
    first.answers.update(CLOSED)
    first.page = "theme:1"
    assert sessions.save(store, first)

    # The blob in the file is sealed: no answer is readable without the resume code.
    blob = store._read("SELECT data FROM drafts", ())[0][0]
    assert b"Teams" not in bytes(blob) and b"dont_know" not in bytes(blob)

    again = sessions.Session.begin(Q, "k", "", "en")
    assert sessions.load(store, again, token.lower())
    assert again.answers == CLOSED
    assert again.page == "theme:1" and again.lang == "fi"
    assert again.option_order(Q.question("channels")) == first.option_order(Q.question("channels"))


def test_a_draft_value_that_does_not_fit_is_left_out(store):
    store.create_round("k", Q, state="open")
    token = respond.new_resume_code()
    store.save_draft("k", token, {"v": 1, "answers": {"adopted": "maybe", "works": 4, "staff": "12", "channels": ["mail"]},
                                  "ranking": [], "language": "fi", "page": "theme:0"})
    again = sessions.Session.begin(Q, "k", "", "fi")
    assert sessions.load(store, again, token)
    assert again.answers == {"works": 4, "channels": ["mail"]}


def test_the_resumed_session_submits_its_closed_answers(store):
    store.create_round("k", Q, state="open")
    token = respond.new_resume_code()
    first = sessions.Session.begin(Q, "k", token, "fi")
    first.answers.update(CLOSED)
    sessions.save(store, first)
    again = sessions.Session.begin(Q, "k", "", "fi")
    sessions.load(store, again, token)
    again.ranking_confirmed = True
    outcome = respond.submit(store, again)
    assert outcome.stored, outcome.message
    assert store.count_responses("k") == 1
    assert store.count_drafts("k") == 0
    # One response is below any minimum group, so it is read from the file as it is.
    assert dict(store._read("SELECT question_id, text FROM answers", ())) == {"adopted": "no", "stopped": "money", "channels": '["chat"]',
                              "channels_other": "Teams", "works": "dont_know", "staff": "12", "hours": "7.5"}
