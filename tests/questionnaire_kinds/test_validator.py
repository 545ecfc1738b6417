"""The validator for the closed kinds, show_if and shuffle: each bad input gives one line with
its field path, every problem of a file at once; the model's to_dict loads back equal."""

from __future__ import annotations

import json

import pytest
import yaml

from kinds_data import kinds_data, question
from survey_tui.questionnaire import KINDS, QuestionnaireError, from_dict, from_json, load_text
from survey_tui.questionnaire.checking import check_text
from survey_tui.questionnaire.model import KINDS as MODEL_KINDS
from survey_tui.questionnaire.model import Condition, Option

P = "themes[0].questions"  # the first theme's questions: adopted, stopped, channels, works, staff, hours


def problems(data) -> list[str]:
    with pytest.raises(QuestionnaireError) as info:
        from_dict(data, "k.yaml", complete=True)
    return [f"{path}: {msg}" for path, msg in info.value.problems]


def test_the_good_questionnaire_loads_with_every_field_in_the_model():
    q = from_dict(kinds_data(), "k.yaml", complete=True)
    adopted, stopped, channels, works, staff, hours = q.themes[0].questions
    assert adopted.kind == "single" and adopted.other and adopted.required
    assert adopted.options[1] == Option("partly", {"fi": "Osittain", "en": "Partly"})
    assert stopped.show_if == Condition("adopted", ("no",))
    assert (channels.minimum, channels.maximum, channels.shuffle) == (1, 2, True)
    assert (works.minimum, works.maximum, works.dont_know) == (1, 5, True)
    assert works.labels == {1: {"fi": "Huonosti", "en": "Badly"}, 5: {"fi": "Hyvin", "en": "Well"}}
    assert (staff.minimum, staff.maximum, staff.decimals) == (0, 500, 0)
    assert (hours.minimum, hours.maximum, hours.decimals) == (0, None, 1)
    assert q.themes[1].show_if == Condition("adopted", ("no", "partly"))
    assert q.ranking.shuffle is True
    assert KINDS is MODEL_KINDS


def test_to_dict_loads_back_equal_through_yaml_and_json():
    q = from_dict(kinds_data(), "k.yaml", complete=True)
    assert from_dict(q.to_dict(), complete=True) == q
    # JSON makes the label points text ("1"); they are read back as the same ints.
    assert from_json(q.to_json()) == q
    assert load_text(yaml.safe_dump(q.to_dict(), allow_unicode=True)) == q
    # And once more: the dict of the reloaded questionnaire is the same dict.
    assert from_json(q.to_json()).to_dict() == q.to_dict()


def test_a_questionnaire_of_open_questions_only_still_round_trips(kela):
    assert from_json(kela.to_json()) == kela


def test_every_shipped_questionnaire_round_trips():
    from survey_tui.questionnaire import load_shipped, shipped_files

    files = list(shipped_files())
    assert "kela-seuranta" in files  # the follow-up with closed questions and conditions
    for name in files:
        q = load_shipped(name)
        assert from_json(q.to_json()) == q, name
        assert load_text(yaml.safe_dump(q.to_dict(), allow_unicode=True)) == q, name


BAD = [
    ("duplicate option id",
     lambda d: question(d, "adopted")["options"].append({"id": "yes", "title": {"fi": "K", "en": "Y"}}),
     f"{P}[0].options[3].id: duplicate id 'yes'"),
    ("options on an open question",
     lambda d: question(d, "stopped").update(options=[{"id": "a", "title": {"fi": "A", "en": "A"}}]),
     f"{P}[1].options: not used by a 'long' question"),
    ("options on a scale",
     lambda d: question(d, "works").update(options=[]),
     f"{P}[3].options: not used by a 'scale' question"),
    ("one option only",
     lambda d: question(d, "channels").update(options=[{"id": "phone", "title": {"fi": "K", "en": "Y"}}]),
     f"{P}[2].options: expected 2 to 50 options, got 1"),
    ("no options",
     lambda d: question(d, "channels").pop("options"),
     f"{P}[2].options: a 'multiple' question needs a list of options (id and title)"),
    ("scale without min",
     lambda d: question(d, "works").pop("min"),
     f"{P}[3].min: missing required field"),
    ("scale min = max",
     lambda d: question(d, "works").update(min=5),
     f"{P}[3].min: a scale needs min less than max, got min 5 and max 5"),
    ("scale min > max",
     lambda d: question(d, "works").update(min=7, labels={7: {"fi": "a", "en": "a"}, 5: {"fi": "b", "en": "b"}}),
     f"{P}[3].min: a scale needs min less than max, got min 7 and max 5"),
    ("scale bound not whole",
     lambda d: question(d, "works").update(max=4.5),
     f"{P}[3].max: expected a whole number, got 4.5"),
    ("label outside the scale",
     lambda d: question(d, "works")["labels"].update({6: {"fi": "x", "en": "x"}}),
     f"{P}[3].labels.6: point 6 is outside the scale 1-5"),
    ("end point label missing",
     lambda d: question(d, "works")["labels"].pop(5),
     f"{P}[3].labels: the end point 5 needs a label"),
    ("label point not a number",
     lambda d: question(d, "works")["labels"].update({"top": {"fi": "x", "en": "x"}}),
     f"{P}[3].labels.top: expected a whole-number point of the scale, got 'top'"),
    ("label without a language",
     lambda d: question(d, "works")["labels"].update({1: {"fi": "x"}}),
     f"{P}[3].labels.1: missing language 'en'"),
    ("number min > max",
     lambda d: question(d, "staff").update(min=10, max=2),
     f"{P}[4].min: min 10 is greater than max 2"),
    ("negative decimals",
     lambda d: question(d, "hours").update(decimals=-1),
     f"{P}[5].decimals: expected a whole number from 0 to 6, got -1"),
    ("too many decimals",
     lambda d: question(d, "hours").update(decimals=7),
     f"{P}[5].decimals: expected a whole number from 0 to 6, got 7"),
    ("a bound with decimals on a whole-number question",
     lambda d: question(d, "staff").update(max=2.5),
     f"{P}[4].max: 2.5 has more decimals than the question allows (0)"),
    ("number bound as text",
     lambda d: question(d, "staff").update(min="0"),
     f"{P}[4].min: expected a number, got '0'"),
    ("multiple max above the options",
     lambda d: question(d, "channels").update(max=5),
     f"{P}[2].max: expected a whole number from 0 to 4, got 5"),
    ("multiple min negative",
     lambda d: question(d, "channels").update(min=-1),
     f"{P}[2].min: expected a whole number from 0 to 4, got -1"),
    ("multiple min > max",
     lambda d: question(d, "channels").update(min=3, max=2),
     f"{P}[2].min: min 3 is greater than max 2"),
    ("decimals on a scale",
     lambda d: question(d, "works").update(decimals=1),
     f"{P}[3].decimals: not used by a 'scale' question"),
    ("other not true/false",
     lambda d: question(d, "adopted").update(other="yes"),
     f"{P}[0].other: expected true or false, got text"),
    ("unknown kind",
     lambda d: question(d, "stopped").update(kind="essay"),
     f"{P}[1].kind: expected one of long, short, single, multiple, scale, number, got 'essay'"),
    ("show_if on an unknown question",
     lambda d: question(d, "stopped").update(show_if={"question": "nope", "in": ["no"]}),
     f"{P}[1].show_if.question: question 'nope' is not in the questionnaire"),
    ("show_if on a later question",
     lambda d: question(d, "adopted").update(show_if={"question": "channels", "in": ["phone"]}),
     f"{P}[0].show_if.question: question 'channels' comes later: a condition can only use an earlier question"),
    ("show_if on an open question",
     lambda d: question(d, "channels").update(show_if={"question": "stopped", "in": ["x"]}),
     f"{P}[2].show_if.question: question 'stopped' is a 'long' question: a condition needs a single or multiple question"),
    ("show_if on a scale",
     lambda d: question(d, "staff").update(show_if={"question": "works", "in": ["x"]}),
     f"{P}[4].show_if.question: question 'works' is a 'scale' question: a condition needs a single or multiple question"),
    ("show_if with an unknown option",
     lambda d: question(d, "stopped").update(show_if={"question": "adopted", "in": ["no", "maybe"]}),
     f"{P}[1].show_if.in[1]: question 'adopted' has no option 'maybe'"),
    ("show_if on itself",
     lambda d: question(d, "adopted").update(show_if={"question": "adopted", "in": ["no"]}),
     f"{P}[0].show_if.question: question 'adopted' cannot depend on its own answer"),
    ("a theme's show_if on its own question (a cycle)",
     lambda d: d["themes"][1].update(show_if={"question": "why", "in": ["x"]}),
     "themes[1].show_if.question: question 'why' is inside this theme: a theme's condition must use a question of an earlier theme"),
    ("a theme's show_if on a later theme",
     lambda d: d["themes"][0].update(show_if={"question": "why", "in": ["x"]}),
     "themes[0].show_if.question: question 'why' comes later: a condition can only use an earlier question"),
    ("show_if with an empty in",
     lambda d: question(d, "stopped").update(show_if={"question": "adopted", "in": []}),
     f"{P}[1].show_if.in: expected a non-empty list of option ids"),
    ("show_if with an unknown field",
     lambda d: question(d, "stopped").update(show_if={"question": "adopted", "in": ["no"], "not": True}),
     f"{P}[1].show_if.not: unknown field"),
    ("a question id that an other text takes",
     lambda d: question(d, "stopped").update(id="adopted_other", show_if=None),
     f"{P}[1].id: id 'adopted_other' is taken by the other text of question 'adopted'"),
    ("a bare no as an option id",
     lambda d: question(d, "channels")["options"][0].update(id=False),
     f"{P}[2].options[0].id: expected an id (text), got true/false: YAML reads a bare yes, no, on or off that way, "
     "so quote it (\"no\")"),
    ("ranking shuffle not true/false",
     lambda d: d["ranking"].update(shuffle="yes"),
     "ranking.shuffle: expected true or false, got text"),
]


@pytest.mark.parametrize("spoil,expected", [(s, e) for _, s, e in BAD], ids=[name for name, _, _ in BAD])
def test_each_bad_input_is_one_line_with_its_field_path(spoil, expected):
    data = kinds_data()
    spoil(data)
    assert problems(data) == [expected]


def test_every_problem_is_listed_at_once():
    data = kinds_data()
    chosen = BAD[:3] + BAD[5:6] + BAD[13:14] + BAD[24:26] + BAD[-1:]
    for _, spoil, _ in chosen:
        spoil(data)
    assert sorted(problems(data)) == sorted(expected for _, _, expected in chosen)


def test_the_problems_come_in_the_coordinators_language():
    from survey_tui import i18n

    data = kinds_data()
    question(data, "works").update(min=5)
    i18n.set_coordinator_lang("fi")
    assert problems(data) == [f"{P}[3].min: asteikon min-arvon on oltava pienempi kuin max-arvon, saatiin min 5 ja max 5"]
    i18n.set_coordinator_lang("sv")
    assert problems(data) == [f"{P}[3].min: en skala behöver min mindre än max, fick min 5 och max 5"]


def test_label_points_arrive_as_digit_strings_from_json():
    data = kinds_data()
    question(data, "works")["labels"] = {"1": {"fi": "a", "en": "a"}, "3": {"fi": "b", "en": "b"}, "5": {"fi": "c", "en": "c"}}
    q = from_json(json.dumps(data))
    assert sorted(q.question("works").labels) == [1, 3, 5]
    # 1 and "1" in one mapping are the same point twice
    question(data, "works")["labels"][1] = {"fi": "a", "en": "a"}
    assert problems(data) == [f"{P}[3].labels.1: duplicate key '1'"]


def test_a_negative_scale_and_one_with_labels_between_the_ends():
    data = kinds_data()
    question(data, "works").update(min=-2, max=2, labels={-2: {"fi": "a", "en": "a"}, 0: {"fi": "b", "en": "b"},
                                                           2: {"fi": "c", "en": "c"}})
    assert from_json(from_dict(data).to_json()).question("works").labels.keys() == {-2, 0, 2}


def test_the_yaml_file_gives_the_same_lines_as_the_data(tmp_path):
    data = kinds_data()
    question(data, "works").update(min=5)
    question(data, "channels")["options"][1]["id"] = "phone"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    checked = check_text(text, "k.yaml")
    assert checked.problem_lines() == [
        f"k.yaml: {P}[2].options[1].id: duplicate id 'phone'",
        f"k.yaml: {P}[3].min: a scale needs min less than max, got min 5 and max 5",
    ]
    with pytest.raises(QuestionnaireError):
        load_text(text, "k.yaml")
