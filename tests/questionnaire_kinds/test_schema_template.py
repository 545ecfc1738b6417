"""The JSON Schema shipped for editors and the `questionnaire new` template know the kinds."""

from __future__ import annotations

import json
import re
import textwrap

import pytest
import yaml

from kinds_data import kinds_data, question
from survey_tui.questionnaire import find_placeholders
from survey_tui.questionnaire.checking import check_text
from survey_tui.questionnaire.template import SCHEMA_FILE, template

jsonschema = pytest.importorskip("jsonschema")
VALIDATOR = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text("utf-8")))


def errors(data) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(data)]


def test_the_schema_is_valid_and_takes_every_kind():
    jsonschema.Draft202012Validator.check_schema(VALIDATOR.schema)
    assert errors(kinds_data()) == []
    assert errors(json.loads(json.dumps(kinds_data()))) == []  # label points as text keys


@pytest.mark.parametrize("spoil,fragment", [
    (lambda d: question(d, "works").update(options=[{"id": "a", "title": "A"}, {"id": "b", "title": "B"}]),
     "False schema does not allow"),
    (lambda d: question(d, "adopted").pop("options"), "'options' is a required property"),
    (lambda d: question(d, "works").pop("labels"), "'labels' is a required property"),
    (lambda d: question(d, "works").update(min=1.5), "1.5 is not of type 'integer'"),
    (lambda d: question(d, "stopped").update(other=True), "False schema does not allow"),
    (lambda d: question(d, "stopped").update(show_if={"question": "adopted"}), "'in' is a required property"),
    (lambda d: question(d, "hours").update(decimals=9), "9 is greater than the maximum of 6"),
    (lambda d: question(d, "adopted").update(kind="essay"), "'essay' is not one of"),
    (lambda d: d["ranking"].update(shuffle="yes"), "'yes' is not of type 'boolean'"),
])
def test_the_schema_refuses_what_the_format_refuses(spoil, fragment):
    data = kinds_data()
    spoil(data)
    assert any(fragment in e for e in errors(data)), errors(data)


def test_the_template_has_an_example_of_each_kind_and_a_condition():
    text = template("t", ("fi", "en"))
    assert errors(yaml.safe_load(text)) == []
    checked = check_text(text, "t.yaml")
    assert checked.ok, checked.problem_lines()
    q = checked.questionnaire
    assert {question.kind for _, question in q.questions()} == {"long", "short", "single", "multiple", "scale", "number"}
    assert q.question("stopped").show_if.question == "adopted"
    assert [o.id for o in q.question("adopted").options] == ["yes", "partly", "no"]  # quoted: not true/false
    # option titles and scale labels are placeholders to fill in like every other text
    paths = {path for path, _ in find_placeholders(q)}
    assert "themes[1].questions[1].options[0].title.fi" in paths
    assert "themes[1].questions[3].labels.5.en" in paths


def test_a_filled_in_template_with_kinds_has_no_warnings():
    filled = "\n".join(line if line.lstrip().startswith(("languages:", "#")) else
                       re.sub(r"\[[^\[\]\n]+\]", "Real text", line) for line in template("t", ("fi", "en")).splitlines())
    checked = check_text(filled, "t.yaml")
    assert checked.ok and checked.warnings == []


def _readme_questions(blocks: list[str]) -> tuple[list[dict], list[str]]:
    """Every question defined in the README's YAML examples (first definition of an id),
    and the examples that are whole questionnaires."""
    questions: dict[str, dict] = {}
    whole = []
    for block in blocks:
        data = yaml.safe_load(textwrap.dedent(block))
        found: list = []
        if isinstance(data, dict) and "themes" in data:
            whole.append(block)
            found = [q for t in data["themes"] for q in t.get("questions") or []]
        elif isinstance(data, dict) and "questions" in data:
            found = data["questions"]
        elif isinstance(data, list):
            found = [q for q in data if isinstance(q, dict) and "prompt" in q]
        for q in found:
            questions.setdefault(q["id"], q)
    return list(questions.values()), whole


def _in_english(data):
    """Every localized text as {en: ...} (the English text, or another when there is none)."""
    if isinstance(data, dict):
        if data and set(data) <= {"fi", "sv", "en"} and all(isinstance(v, str) for v in data.values()):
            return {"en": data.get("en") or next(iter(data.values()))}
        return {k: _in_english(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_in_english(v) for v in data]
    return data


def test_the_readmes_examples_of_the_kinds_load_and_its_records_import():
    from pathlib import Path

    from survey_tui.questionnaire import check_response, from_dict

    readme = (Path(__file__).resolve().parents[2] / "questionnaires" / "README.md").read_text("utf-8")
    questions, whole = _readme_questions(re.findall(r"```yaml\n(.*?)```", readme, re.S))
    for block in whole:  # each whole example is a valid file (placeholders only warned)
        assert check_text(block, "README.md").problem_lines() == []
    data = kinds_data()
    data["themes"] = [{"id": "t", "title": {"fi": "T", "en": "T"}, "questions": questions}]
    data.pop("ranking")
    data = _in_english(data)
    data["languages"] = ["en"]
    q = from_dict(data)  # the examples differ in their languages
    assert {"single", "multiple", "scale", "number"} <= {x.kind for _, x in q.questions()}
    records = [json.loads(line) for block in re.findall(r"```json\n(.*?)```", readme, re.S)
               for line in block.splitlines() if '"answers"' in line]
    assert records
    for record in records:
        assert check_response(q, record["answers"], None, "en") == [], record
    single = next(x for _, x in q.questions() if x.kind == "single" and x.other)
    both = {single.id: single.options[0].id, single.id + "_other": "both"}
    assert check_response(q, both, None, "en") == [
        f"answer to '{single.id}': choose one option or write the other text, not both"]
