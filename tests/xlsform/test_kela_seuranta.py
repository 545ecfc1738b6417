"""The shipped follow-up questionnaire kela-seuranta: valid, comparable with kela-sosiaalitoimi
(same theme, ranking and open question ids), one block of closed questions per practice of
the thesis's poster (Liite 5), and a condition that hides the "what has stopped it?" question."""

from __future__ import annotations

import json

from click.testing import CliRunner

from survey_tui.cli.main import cli
from survey_tui.questionnaire import check_response, load_shipped
from survey_tui.questionnaire.answers import DONT_KNOW
from survey_tui.questionnaire.checking import check_file
from survey_tui.questionnaire.conditions import keep_shown, visible
from survey_tui.questionnaire.shipped import shipped_files
from survey_tui.store import Store

PRACTICES = {"p1": "kanavat", "p2": "ymmarrys", "p3": "tunteminen", "p4": "tiedottaminen", "p5": "tiedottaminen",
             "p6": "tiedottaminen"}


def test_it_validates_with_only_the_contact_placeholder_to_fill_in():
    checked = check_file(shipped_files()["kela-seuranta"])
    assert checked.ok, checked.problem_lines()
    assert [path for path, _ in checked.warnings] == ["intro.fi", "intro.sv", "intro.en"]
    assert "[koordinaattorin yhteystiedot]" in checked.questionnaire.intro["fi"]
    result = CliRunner().invoke(cli, ["questionnaire", "validate", "kela-seuranta"])
    assert result.exit_code == 0 and result.stdout == "ok: kela-seuranta v1, 5 themes, 26 questions\n"


def test_it_keeps_the_ids_of_the_first_round_so_rounds_compare():
    first, follow = load_shipped("kela-sosiaalitoimi"), load_shipped("kela-seuranta")
    assert follow.languages == ("fi", "sv", "en")
    assert [t.id for t in follow.themes] == [t.id for t in first.themes]
    assert [t.title for t in follow.themes] == [t.title for t in first.themes]
    assert (follow.ranking.id, follow.ranking.items_are_themes, follow.ranking.prompt) == (
        first.ranking.id, True, first.ranking.prompt)
    for theme, question in first.questions():
        same = follow.question(question.id)
        assert same is not None and same.kind == question.kind and same.prompt == question.prompt, question.id
        assert same in next(t for t in follow.themes if t.id == theme.id).questions


def test_each_practice_of_the_poster_asks_adoption_obstacles_and_how_well_it_works():
    q = load_shipped("kela-seuranta")
    for practice, theme_id in PRACTICES.items():
        theme = next(t for t in q.themes if t.id == theme_id)
        adopted, obstacles, works = (q.question(f"{practice}_{name}") for name in ("adopted", "obstacles", "works"))
        assert all(question in theme.questions for question in (adopted, obstacles, works))
        assert adopted.kind == "single" and [o.id for o in adopted.options] == ["yes", "partly", "no", "dont_know"]
        assert adopted.options[3].title == {"fi": "En osaa sanoa", "sv": "Kan inte säga", "en": "Don't know"}
        assert obstacles.kind == "long" and obstacles.show_if.question == adopted.id
        assert set(obstacles.show_if.values) == {"partly", "no"}
        assert works.kind == "scale" and (works.minimum, works.maximum, works.dont_know) == (1, 5, True)
        assert sorted(works.labels) == [1, 5] and works.labels[5]["fi"] == "Erittäin hyvin"
        for question in (adopted, obstacles, works):
            assert all(question.prompt[lang].strip() for lang in q.languages)
    # A theme holds at most 12 questions, so a page never grows long (the burden).
    assert max(len(t.questions) for t in q.themes) == 12


def test_the_obstacles_question_shows_only_after_no_or_partly_and_its_hidden_answer_is_dropped():
    q = load_shipped("kela-seuranta")
    assert "p1_obstacles" not in visible(q, {})
    assert "p1_obstacles" not in visible(q, {"p1_adopted": "yes"})
    assert "p1_obstacles" not in visible(q, {"p1_adopted": "dont_know"})
    assert "p1_obstacles" in visible(q, {"p1_adopted": "no"}) and "p1_obstacles" in visible(q, {"p1_adopted": "partly"})
    assert "p2_obstacles" not in visible(q, {"p1_adopted": "no"})  # each condition names its own practice
    answers = {"p1_adopted": "yes", "p1_obstacles": "left over from an earlier choice", "p1_works": DONT_KNOW}
    assert keep_shown(q, answers) == {"p1_adopted": "yes", "p1_works": DONT_KNOW}
    ranking = [item.id for item in q.ranking.items]
    assert check_response(q, answers, ranking, "fi") == []
    assert len(check_response(q, {"p1_adopted": "maybe"}, ranking, "fi")) == 1
    assert len(check_response(q, {"p1_works": 6}, ranking, "fi")) == 1


def test_a_round_of_it_compares_with_a_round_of_the_first_questionnaire(tmp_path):
    first, follow = load_shipped("kela-sosiaalitoimi"), load_shipped("kela-seuranta")
    items = [i.id for i in first.ranking.items]
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.create_round("spring", first, state="open", min_group=3)
        store.import_responses("spring", [{"language": "fi", "answers": {"q3": "Teams olisi hyvä"}, "ranking": items}] * 4)
        store.set_state("spring", "closed")
        store.create_round("autumn", follow, state="open", min_group=3)
        store.import_responses("autumn", [{"language": "fi", "ranking": items[::-1],
                                           "answers": {"q3": "Teams toimii", "p1_adopted": "no",
                                                       "p1_obstacles": "aika", "p1_works": 4}}] * 4)
        store.set_state("autumn", "closed")
    result = CliRunner().invoke(cli, ["--db", str(db), "compare", "spring", "autumn", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [item["id"] for item in data["items"]] == items and data["unmatched_items"] == []
    kanavat = next(item for item in data["items"] if item["id"] == "kanavat")
    assert (kanavat["mean_rank_old"], kanavat["mean_rank_new"]) == (3.0, 3.0)
    tiedottaminen = next(item for item in data["items"] if item["id"] == "tiedottaminen")
    assert (tiedottaminen["mean_rank_old"], tiedottaminen["mean_rank_new"]) == (1.0, 5.0)
    # Only the new closed questions are the follow-up's own; every open question is compared.
    assert set(data["unmatched_questions"]) == {f"{p}_{n}" for p in PRACTICES for n in ("adopted", "obstacles", "works")}
    assert data["keywords"]["kanavat"]["common"][0][0] == "team"


def test_it_matches_the_json_schema_editors_use():
    import jsonschema
    import yaml

    from survey_tui.questionnaire.template import schema

    validator = jsonschema.Draft202012Validator(schema())
    data = yaml.safe_load(shipped_files()["kela-seuranta"].read_text("utf-8"))
    assert [e.message for e in validator.iter_errors(data)] == []
    data["themes"][0]["questions"][0]["options"][0]["colour"] = "red"
    assert [e.message for e in validator.iter_errors(data)] != []


def test_the_outline_says_what_each_kind_takes_and_when_it_is_shown():
    result = CliRunner().invoke(cli, ["questionnaire", "show", "kela-seuranta", "--lang", "en"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(line.startswith("   - p1_adopted (single, optional, options yes/partly/no/dont_know): Practice: ")
               for line in lines)
    assert any(line.startswith("   - p1_obstacles (long, optional, max 2000; shown if p1_adopted is partly/no): ")
               for line in lines)
    assert any(line.startswith("   - p1_works (scale, optional, 1-5 or can't say): How well") for line in lines)
    assert any(line.startswith("   - q3 (long, optional, max 4000): ") for line in lines)
