"""Round comparison: matched items, changes, tau, unmatched ids and warnings."""

from __future__ import annotations

import json
import random

import pytest

from survey_tui.analysis.compare import compare_rounds
from survey_tui.analysis.ranking import ranking_stats
from survey_tui.analysis.themes import theme_summaries
from survey_tui.questionnaire import from_dict


def _questionnaire(qid: str, version: str, themes: list[str]):
    return from_dict(
        {
            "id": qid,
            "version": version,
            "languages": ["fi", "en"],
            "title": {"fi": "K", "en": "Q"},
            "themes": [
                {
                    "id": t,
                    "title": {"fi": f"Teema {t}", "en": f"Theme {t}"},
                    "questions": [{"id": f"q{t}", "prompt": {"fi": "?", "en": "?"}}],
                }
                for t in themes
            ],
            "ranking": {"prompt": {"fi": "Järjestä", "en": "Rank"}},
        }
    )


def _responses(rankings, texts):
    return [
        {"id": f"r{i}", "language": "fi", "answers": answers, "ranking": ranking}
        for i, (ranking, answers) in enumerate(zip(rankings, texts))
    ]


# Old round, items a b c: 3 x (a b c), 1 x (b a c); n = 4
#   first choice share a 3/4 = 0.75, b 1/4 = 0.25; mean rank a (1*3 + 2)/4 = 1.25, b (2*3 + 1)/4 = 1.75
#   consensus a b c
# New round, items a b d: 3 x (b a d), 1 x (a b d); n = 4
#   share a 0.25, b 0.75; mean rank a 1.75, b 1.25; consensus b a d
# changes (new - old): a share -0.5, mean +0.5; b share +0.5, mean -0.5
# tau over the common items a, b: old a>b, new b>a -> -1
OLD_RANKINGS = [["a", "b", "c"]] * 3 + [["b", "a", "c"]]
NEW_RANKINGS = [["b", "a", "d"]] * 3 + [["a", "b", "d"]]
OLD_TEXTS = [
    {"qa": "Koulutus auttaa", "qb": "Palaverit", "qc": "x"},
    {"qa": "Koulutusta lisää", "qb": "Palaverit ja chatti"},
    {"qa": "Tiedotteet"},
    {"qa": "Tiedotteet ja koulutus"},
]
NEW_TEXTS = [
    {"qa": "Chatti", "qb": "Palaverit", "qd": "y"},
    {"qa": "Chatti toimii", "qb": "Palaverit"},
    {"qa": "Koulutus"},
    {"qa": "Koulutus ja chatti"},
]


@pytest.fixture
def rounds():
    old_q = _questionnaire("kysely", "1", ["a", "b", "c"])
    new_q = _questionnaire("kysely", "2", ["a", "b", "d"])
    old_stats = ranking_stats(OLD_RANKINGS, ["a", "b", "c"])
    new_stats = ranking_stats(NEW_RANKINGS, ["a", "b", "d"])
    old_themes = theme_summaries(old_q, _responses(OLD_RANKINGS, OLD_TEXTS), [], "fi", random.Random(1))
    new_themes = theme_summaries(new_q, _responses(NEW_RANKINGS, NEW_TEXTS), [], "fi", random.Random(1))
    return old_q, old_stats, old_themes, new_q, new_stats, new_themes


def test_changed_item_set_is_warned_and_listed(rounds):
    cmp = compare_rounds(*rounds, lang="en")
    assert cmp.same_questionnaire is False
    assert cmp.unmatched_items == ("c", "d")
    assert cmp.unmatched_questions == ("qc", "qd")
    assert cmp.warnings == (
        "Questionnaire kysely versions differ: 1 (old) and 2 (new).",
        "Ranked items only in the old round: c",
        "Ranked items only in the new round: d",
        "Questions only in the old round: qc",
        "Questions only in the new round: qd",
    )
    fi = compare_rounds(*rounds, lang="fi")
    assert "Järjestettäviä kohtia vain vanhalla kierroksella: c" in fi.warnings


def test_changes_per_matched_item(rounds):
    cmp = compare_rounds(*rounds, lang="fi")
    assert (cmp.old_n, cmp.new_n) == (4, 4)
    a, b = cmp.items
    assert a["id"] == "a" and a["title"] == "Teema a" and b["id"] == "b"
    assert set(a) == {
        "id", "title",
        "first_choice_share_old", "first_choice_share_new", "first_choice_share_change",
        "mean_rank_old", "mean_rank_new", "mean_rank_change",
        "first_choice", "mean_rank_test",  # the counts behind each change, its interval and p
    }
    assert (a["first_choice"]["old"]["k"], a["first_choice"]["old"]["n"], a["first_choice"]["new"]["k"]) == (3, 4, 1)
    assert (a["mean_rank_test"]["n_old"], a["mean_rank_test"]["n_new"]) == (4, 4)
    assert a["first_choice"]["within_chance"] is True and a["mean_rank_test"]["within_chance"] is True
    assert (a["first_choice_share_old"], a["first_choice_share_new"]) == (0.75, 0.25)
    assert a["first_choice_share_change"] == pytest.approx(-0.5)
    assert (a["mean_rank_old"], a["mean_rank_new"]) == (1.25, 1.75)
    assert a["mean_rank_change"] == pytest.approx(0.5)
    assert b["first_choice_share_change"] == pytest.approx(0.5)
    assert b["mean_rank_change"] == pytest.approx(-0.5)
    assert cmp.tau == -1.0


def test_keyword_shift_per_common_theme(rounds):
    cmp = compare_rounds(*rounds, lang="fi")
    assert set(cmp.keywords) == {"a", "b"}
    # theme a, 4 answers each round. old: koulutus 3 (1, 2, 4), tiedote 2 (3, 4)
    # new: chatti 3 (1, 2, 4), koulutus 2 (3, 4)
    shift = cmp.keywords["a"]
    assert shift["appeared"] == [["chatti", 3]]
    assert shift["faded"] == [["tiedote", 2]]
    assert shift["common"] == [["koulutus", 0.75, 0.5]]
    # theme b, 2 answers each: palaveri 2 -> 2
    assert cmp.keywords["b"]["common"] == [["palaveri", 1.0, 1.0]]


def test_to_dict_is_json(rounds):
    d = compare_rounds(*rounds, lang="en").to_dict()
    assert set(d) == {
        "old_n", "new_n", "items", "tau", "unmatched_items", "unmatched_questions",
        "same_questionnaire", "warnings", "keywords", "closed",
    }
    assert json.loads(json.dumps(d)) == d
    assert d["unmatched_items"] == ["c", "d"]


def test_same_questionnaire_has_no_warnings(kela):
    ids = [t.id for t in kela.themes]
    stats = ranking_stats([ids, ids[::-1], ids], ids)
    themes = theme_summaries(kela, [], [], "fi")
    cmp = compare_rounds(kela, stats, themes, kela, stats, themes, "fi")
    assert cmp.same_questionnaire is True and cmp.warnings == ()
    assert cmp.unmatched_items == () and cmp.unmatched_questions == ()
    assert cmp.tau == 1.0 and len(cmp.items) == 5
    assert all(item["first_choice_share_change"] == 0 for item in cmp.items)
    assert cmp.old_n == 3  # summaries of no responses: the ranking n is larger


def test_different_questionnaires_warn(kela, rounds):
    old_q, old_stats, old_themes, *_ = rounds
    ids = [t.id for t in kela.themes]
    cmp = compare_rounds(old_q, old_stats, old_themes, kela, ranking_stats([ids], ids), (), "en")
    assert cmp.warnings[0] == (
        "The questionnaires differ: kysely (old) and kela-sosiaalitoimi (new); only matching ids are compared."
    )
    assert cmp.items == () and cmp.tau is None
    assert cmp.unmatched_items == ("a", "b", "c", *ids)
