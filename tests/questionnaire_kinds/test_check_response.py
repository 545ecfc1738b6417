"""check_response per kind: each bad value one line; hidden questions' answers dropped, not
refused; the stored texts of a response and their values read back."""

from __future__ import annotations

import pytest

from kinds_data import kinds_data
from survey_tui.questionnaire import check_response, check_value, decoded, from_dict, stored_texts

Q = from_dict(kinds_data(), "k.yaml", complete=True)
GOOD = {"adopted": "yes", "channels": ["mail", "phone"], "works": 4, "staff": 12, "hours": 7.5}


def check(answers, ranking=None, language="fi"):
    return check_response(Q, answers, ranking if ranking is not None else ["practice", "barriers"], language)


def test_a_good_response_of_every_kind_has_no_problem():
    assert check(GOOD) == []
    assert check({**GOOD, "works": "dont_know", "channels": ["chat"], "channels_other": "Teams"}) == []
    assert check({"adopted_other": "Sometimes", "why": "no time"}) == []  # other text instead of an option
    assert check({"adopted": "no", "stopped": "money", "why": "time", "staff": 3.0, "hours": 2}) == []


BAD = [
    ("unknown option", {"adopted": "maybe"}, "answer to 'adopted': unknown option 'maybe'"),
    ("two options in a single", {"adopted": ["yes", "no"]}, "answer to 'adopted' must be one option id, not several"),
    ("option and other text in a single", {"adopted": "yes", "adopted_other": "also"},
     "answer to 'adopted': choose one option or write the other text, not both"),
    ("single as a number", {"adopted": 1}, "answer to 'adopted' must be an option id (text)"),
    ("multiple as text", {"adopted": "yes", "channels": "phone"}, "answer to 'channels' must be a list of option ids"),
    ("multiple unknown option", {"adopted": "yes", "channels": ["fax"]}, "answer to 'channels': unknown option 'fax'"),
    ("multiple twice", {"adopted": "yes", "channels": ["mail", "mail"]}, "answer to 'channels' chooses 'mail' twice"),
    ("multiple too many (other counts)", {"adopted": "yes", "channels": ["mail", "phone"], "channels_other": "x"},
     "answer to 'channels' has 3 choices, at most 2 allowed"),
    ("scale outside", {"adopted": "yes", "works": 6}, "answer to 'works' must be a whole number from 1 to 5, got 6"),
    ("scale as text", {"adopted": "yes", "works": "4"}, "answer to 'works' must be a whole number from 1 to 5, got '4'"),
    ("scale half", {"adopted": "yes", "works": 2.5}, "answer to 'works' must be a whole number from 1 to 5, got 2.5"),
    ("scale true", {"adopted": "yes", "works": True}, "answer to 'works' must be a whole number from 1 to 5, got True"),
    ("number below", {"adopted": "yes", "staff": -1}, "answer to 'staff' is -1, less than the minimum 0"),
    ("number above", {"adopted": "yes", "staff": 501}, "answer to 'staff' is 501, more than the maximum 500"),
    ("number with decimals", {"adopted": "yes", "staff": 2.5}, "answer to 'staff' must be a whole number, got 2.5"),
    ("number too many decimals", {"adopted": "yes", "hours": 2.25}, "answer to 'hours' has more than 1 decimals: 2.25"),
    ("number as text", {"adopted": "yes", "staff": "12"}, "answer to 'staff' must be a number, got '12'"),
    ("number not finite", {"adopted": "yes", "hours": float("nan")}, "answer to 'hours' must be a number, got nan"),
    ("other text not allowed", {"adopted": "yes", "works_other": "x"}, "unknown question id 'works_other'"),
    ("other text too long", {"adopted_other": "x" * 301}, "answer to 'adopted_other' is 301 characters, more than 300"),
    ("other text not text", {"adopted_other": 3}, "answer to 'adopted_other' must be text"),
    ("required closed question", {"channels": ["mail"]}, "question 'adopted' is required"),
    ("open answer not text", {"adopted": "no", "stopped": ["a"]}, "answer to 'stopped' must be text"),
]


@pytest.mark.parametrize("answers,expected", [(a, e) for _, a, e in BAD], ids=[n for n, _, _ in BAD])
def test_each_bad_value_is_one_line(answers, expected):
    assert check(answers) == [expected]


def test_dont_know_only_where_the_scale_allows_it():
    data = kinds_data()
    data["themes"][0]["questions"][3].pop("dont_know")
    q = from_dict(data)
    assert check_value(q.question("works"), "dont_know") == [
        "answer to 'works': \"dont_know\" is not a choice of this question"]
    assert check_value(Q.question("works"), "dont_know") == []


def test_other_text_on_a_question_without_other():
    data = kinds_data()
    data["themes"][0]["questions"][0].pop("other")
    q = from_dict(data)
    assert check_response(q, {"adopted_other": "x"}, ["practice", "barriers"], "fi") == [
        "question 'adopted' has no other text (other: true is not set)",
        "question 'adopted' is required",
    ]


def test_every_problem_of_a_response_at_once():
    found = check({"adopted": "maybe", "channels": ["fax", "fax"], "works": 9, "staff": 1.5, "nope": "x"})
    assert found == [
        "unknown question id 'nope'",
        "answer to 'adopted': unknown option 'maybe'",
        "answer to 'channels': unknown option 'fax'",
        "answer to 'channels': unknown option 'fax'",
        "answer to 'channels' chooses 'fax' twice",
        "answer to 'works' must be a whole number from 1 to 5, got 9",
        "answer to 'staff' must be a whole number, got 1.5",
    ]


def test_hidden_questions_answers_are_dropped_not_refused():
    # "stopped" is shown only after "no", the barriers theme after "no" or "partly"
    hidden = {"adopted": "yes", "stopped": ["not even text"], "why": 42}
    assert check(hidden) == []
    assert dict(stored_texts(Q, hidden)) == {"adopted": "yes"}
    shown = {"adopted": "partly", "why": "time"}
    assert dict(stored_texts(Q, shown)) == {"adopted": "partly", "why": "time"}


def test_stored_texts_and_back():
    answers = {"adopted": "yes", "channels": ["phone", "chat"], "channels_other": "Teams", "works": "dont_know",
               "staff": 12, "hours": 7.5}
    texts = dict(stored_texts(Q, answers))
    # a multiple answer in the questionnaire's order; numbers as plain text
    assert texts == {"adopted": "yes", "channels": '["phone","chat"]', "channels_other": "Teams",
                     "works": "dont_know", "staff": "12", "hours": "7.5"}
    assert decoded(Q, texts) == answers
    assert decoded(Q, {"works": "3", "staff": "oops"}) == {"works": 3}  # a damaged cell is left out


def test_problems_in_finnish_and_swedish():
    from survey_tui import i18n

    i18n.set_coordinator_lang("fi")
    assert check({"adopted": "maybe"}) == ["vastaus kysymykseen 'adopted': tuntematon vaihtoehto 'maybe'"]
    i18n.set_coordinator_lang("sv")
    assert check({"adopted": "maybe"}) == ["svaret på 'adopted': okänt alternativ 'maybe'"]
