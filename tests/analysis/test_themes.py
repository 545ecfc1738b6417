"""Theme summaries: answered/blank counts, sanitised shuffled answers, keywords, codes."""

from __future__ import annotations

import json
import random

import pytest

from survey_tui.analysis.themes import theme_summaries
from survey_tui.questionnaire import from_dict

QUESTIONNAIRE = {
    "id": "mini",
    "version": "1",
    "languages": ["fi", "en"],
    "title": {"fi": "Mini", "en": "Mini"},
    "themes": [
        {
            "id": "koulutus",
            "title": {"fi": "Koulutus", "en": "Training"},
            "questions": [
                {"id": "q1", "prompt": {"fi": "Miten?", "en": "How?"}},
                {"id": "q2", "prompt": {"fi": "Mitä muuta?", "en": "What else?"}},
            ],
        },
        {
            "id": "kanavat",
            "title": {"fi": "Kanavat", "en": "Channels"},
            "questions": [{"id": "q3", "prompt": {"fi": "Mikä kanava?", "en": "Which channel?"}}],
        },
    ],
    "ranking": {"prompt": {"fi": "Järjestä", "en": "Rank"}},
}

HOSTILE = "\x1b[2JTyhjennä ruutu [link=x]klikkaa[/link] \x1b]52;c;ZXZpbA==\x07loppu"

RESPONSES = [
    {"id": "r1", "language": "fi", "answers": {"q1": "Koulutukset auttaisivat.", "q2": "", "q3": "Chatti"}, "ranking": []},
    {"id": "r2", "language": "fi", "answers": {"q1": "Lisää koulutusta, koulutusta!", "q2": None}, "ranking": []},
    {"id": "r3", "language": "en", "answers": {"q1": "Short training sessions", "q3": "   "}, "ranking": []},
    {"id": "r4", "language": "en", "answers": {"q1": "Sessions online", "q3": HOSTILE}, "ranking": []},
    {"id": "r5", "language": "fi", "answers": {}, "ranking": []},
]
# q1: answered r1 r2 r3 r4 = 4, blank r5 = 1
# q2: answered nobody ("" and None are blank) = 0, blank 5
# q3: answered r1 r4 = 2 ("   " is blank), blank 3

CODED = [
    {"response_id": "r1", "question_id": "q1", "label": "koulutus"},
    {"response_id": "r2", "question_id": "q1", "label": "koulutus"},
    {"response_id": "r3", "question_id": "q1", "label": "lyhyt"},
    {"response_id": "r4", "question_id": "q3", "label": "\x1b[31mvaarallinen"},
    {"response_id": "r1", "question_id": "zz", "label": "unknown question"},
]


@pytest.fixture
def mini():
    return from_dict(QUESTIONNAIRE)


def test_answered_and_blank_counts(mini):
    koulutus, kanavat = theme_summaries(mini, iter(RESPONSES), CODED, "fi", random.Random(1))
    assert [(q.id, q.answered, q.blank) for q in koulutus.questions] == [("q1", 4, 1), ("q2", 0, 5)]
    assert [(q.id, q.answered, q.blank) for q in kanavat.questions] == [("q3", 2, 3)]
    assert koulutus.title == "Koulutus" and kanavat.title == "Kanavat"
    assert theme_summaries(mini, RESPONSES, [], "en")[0].title == "Training"


def test_hostile_answer_is_sanitised_and_markup_kept_literally(mini):
    _, kanavat = theme_summaries(mini, RESPONSES, [], "fi", random.Random(1))
    answers = kanavat.questions[0].answers
    assert sorted(answers) == sorted(["Chatti", "Tyhjennä ruutu [link=x]klikkaa[/link] loppu"])
    assert all("\x1b" not in a and "\x07" not in a for a in answers)
    assert not any("[2J" in a or "52;c" in a for a in answers)


def test_answers_are_shuffled_with_the_given_rng(mini):
    responses = [
        {"id": f"r{i}", "language": "fi", "answers": {"q1": f"vastaus {i:02d}"}, "ranking": []} for i in range(40)
    ]
    first = theme_summaries(mini, responses, [], "fi", random.Random(1))[0].questions[0].answers
    again = theme_summaries(mini, responses, [], "fi", random.Random(1))[0].questions[0].answers
    other = theme_summaries(mini, responses, [], "fi", random.Random(2))[0].questions[0].answers
    in_order = tuple(f"vastaus {i:02d}" for i in range(40))
    assert first == again and sorted(first) == list(in_order)
    assert first != in_order and first != other


def test_keywords_per_theme_use_each_answers_language(mini):
    koulutus, _ = theme_summaries(mini, RESPONSES, [], "fi", random.Random(1))
    # r1 "Koulutukset", r2 "koulutusta" (twice, counted once) -> koulutus 2 (Finnish lemmas)
    # r3 "sessions", r4 "Sessions" -> session 2 (English lemmas; Finnish would give "sessio")
    assert koulutus.keywords == (("koulutus", 2), ("session", 2))


def test_codes_counted_per_theme_with_a_sanitised_example(mini):
    koulutus, kanavat = theme_summaries(mini, RESPONSES, CODED, "fi", random.Random(1))
    assert [(c.label, c.count) for c in koulutus.codes] == [("koulutus", 2), ("lyhyt", 1)]
    # example: the shortest coded answer -> r1's text is shorter than r2's
    assert koulutus.codes[0].example == "Koulutukset auttaisivat."
    assert koulutus.codes[1].example == "Short training sessions"
    (code,) = kanavat.codes
    assert code.label == "vaarallinen" and code.count == 1
    assert code.example == "Tyhjennä ruutu [link=x]klikkaa[/link] loppu"


def test_to_dict_shape(mini):
    koulutus, kanavat = theme_summaries(mini, RESPONSES, CODED, "fi", random.Random(1))
    d = koulutus.to_dict()
    assert d == {
        "id": "koulutus",
        "title": "Koulutus",
        "questions": [{"id": "q1", "answered": 4, "blank": 1}, {"id": "q2", "answered": 0, "blank": 5}],
        "keywords": [["koulutus", 2], ["session", 2]],
        "codes": [["koulutus", 2], ["lyhyt", 1]],
    }
    full = kanavat.to_dict(include_answers=True)
    assert sorted(full["questions"][0]["answers"]) == ["Chatti", "Tyhjennä ruutu [link=x]klikkaa[/link] loppu"]
    assert full["code_examples"] == {"vaarallinen": "Tyhjennä ruutu [link=x]klikkaa[/link] loppu"}
    assert "\x1b" not in json.dumps(full, ensure_ascii=False)


def test_no_responses(mini):
    koulutus, kanavat = theme_summaries(mini, [], [], "fi")
    assert [(q.answered, q.blank, q.answers) for q in koulutus.questions] == [(0, 0, ()), (0, 0, ())]
    assert koulutus.keywords == () and kanavat.codes == ()
