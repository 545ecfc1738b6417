"""questionnaires/README.md: every YAML snippet in it loads and validates, the JSON answer
lines it shows are accepted by the questionnaire they are for, and its XLSForm table names
every type the importer maps."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from survey_tui.questionnaire import check_response, from_dict
from survey_tui.questionnaire.checking import check_text
from survey_tui.questionnaire.conditions import keep_shown, visible

README = Path(__file__).resolve().parents[2] / "questionnaires" / "README.md"
BLOCK = re.compile(r"^```(yaml|json)\n(.*?)^```", re.S | re.M)


def blocks(kind: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(README.read_text("utf-8")) if lang == kind]


def _languages(data) -> list[str]:
    """The interface languages a fragment's texts are in (fi/sv/en keys anywhere)."""
    found: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in ("fi", "sv", "en") and key not in found:
                    found.append(key)
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(data)
    return found or ["en"]


def skeleton(languages: list[str]) -> dict:
    text = {lang: "x" for lang in languages}
    return {"id": "readme", "version": "1", "languages": languages, "title": text, "intro": text,
            "consent": text, "closing": text,
            "themes": [{"id": "t", "title": text, "context": text, "questions": [{"id": "q0", "prompt": text}]}]}


def load_block(body: str):
    """A whole file is checked as a file; a list is the questions of a theme; a mapping of
    top-level keys (a ranking) goes into a questionnaire around it."""
    data = yaml.safe_load(body)
    if data is None:
        assert all(line.startswith("#") for line in body.strip().splitlines()), body
        return None
    if isinstance(data, dict) and "themes" in data and "id" in data:
        checked = check_text(body, "README.md")
        assert checked.ok, checked.problem_lines()
        return checked.questionnaire
    whole = skeleton(_languages(data))
    if isinstance(data, list):
        whole["themes"][0]["questions"] = data
    else:
        whole.update(data)
    return from_dict(whole, "README.md", complete=True)


def test_every_yaml_snippet_of_the_readme_loads_and_validates():
    loaded = [load_block(body) for body in blocks("yaml")]
    assert len(loaded) >= 5
    kinds = {question.kind for q in loaded if q is not None for _, question in q.questions()}
    assert kinds == {"long", "short", "single", "multiple", "scale", "number"}
    assert any(q is not None and any(t.show_if for t in q.themes) for q in loaded)


def test_the_json_answer_lines_are_accepted_by_the_every_kind_example():
    example = next(q for q in map(load_block, blocks("yaml")) if q is not None and q.id == "kinds-example")
    lines = [line for body in blocks("json") for line in body.splitlines() if line.strip()]
    assert len(lines) == 2
    for line in lines:
        record = json.loads(line)
        assert check_response(example, record["answers"], record["ranking"], record["language"]) == [], line
    first = json.loads(lines[0])["answers"]
    # "partly" shows the obstacles question and hides the benefits theme.
    assert "obstacles" in visible(example, first) and "benefit" not in visible(example, first)
    assert keep_shown(example, {**first, "benefit": "hidden"}) == first
    # The refusals the table lists.
    ranking = [item.id for item in example.ranking.items]
    for bad in ({"adopted": "yes", "adopted_other": "both"}, {"adopted": ["yes"]}, {"channels": ["phone", "phone"]},
                {"channels": ["phone", "email", "chat"]}, {"works": 6}, {"works": 2.5}, {"hours": 2.25},
                {"hours": 41}, {"remark": "x" * 201}):
        assert check_response(example, bad, ranking, "en") != [], bad


def test_the_xlsform_table_names_every_type_the_importer_reads():
    text = README.read_text("utf-8").split("## Importing an XLSForm", 1)[1]
    for name in ("begin_group", "text", "select_one", "select_multiple", "integer", "decimal", "range", "rank",
                 "note", "relevant", "required", "label::Finnish (fi)", "calculate", "begin_repeat", "hint",
                 "choice_filter", "or_other", "multiline", "string-length", "count-selected", "begin_rank",
                 "kobo--rank-items", "begin_score", "kobo--score-choices", "$kuid"):
        assert re.search("`[^`\n]*" + re.escape(name), text), name
