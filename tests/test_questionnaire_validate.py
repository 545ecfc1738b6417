"""`questionnaire validate` (every problem in one pass, ids, stdin, placeholders),
`questionnaire new` (the template) and the JSON Schema of questionnaire files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from survey_tui.cli.main import cli
from survey_tui.questionnaire import find_placeholders, load_shipped, load_text, placeholders
from survey_tui.questionnaire.checking import check_text
from survey_tui.questionnaire.placeholders import in_text
from survey_tui.questionnaire.template import SCHEMA_FILE, template

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "questionnaires" / "kela-sosiaalitoimi.yaml"

GOOD = """\
id: team
version: "1"
languages: [fi, en]
title: {fi: Yhteistyö, en: Cooperation}
intro: {fi: Tervetuloa, en: Welcome}
consent: {fi: Suostun, en: I agree}
closing: {fi: Kiitos, en: Thank you}
themes:
  - id: meetings
    title: {fi: Kokoukset, en: Meetings}
    questions:
      - id: q1
        prompt: {fi: "Miten?", en: "How?"}
"""


def run(*args, input=None):
    return CliRunner().invoke(cli, ["questionnaire", *args], input=input)


# --------------------------------------------------------------------------- one pass


def test_every_problem_in_one_pass_from_yaml_safety_to_structure_and_references():
    text = (
        "id: !!str Team\n"                       # a tag, and an invalid id
        "languages: [fi, en]\n"
        "title: &t {fi: Otsikko, en: Title}\n"   # an anchor
        "intro: *t\n"                            # an alias
        "consent: {fi: Suostun}\n"               # a missing language
        "themes:\n"
        "  - id: a\n"
        "    title: {fi: A, en: A}\n"
        "    questions:\n"
        "      - id: q1\n"
        "        prompt: {fi: K, en: ''}\n"      # an empty text
        "  - id: a\n"                            # a duplicate theme id
        "    title: {fi: B, en: B}\n"
        "    colour: red\n"                      # an unknown field
        "    questions:\n"
        "      - {id: q1, prompt: {fi: K, en: Q}}\n"  # a duplicate question id (across themes)
        "ranking: {id: q1, prompt: {fi: J, en: R}, items: themes}\n"  # clashes with a question id
    )
    checked = check_text(text, "s.yaml")
    assert not checked.ok and checked.questionnaire is None
    lines = checked.problem_lines()
    for expected in [
        "s.yaml: line 1: YAML tag 'tag:yaml.org,2002:str' is not allowed",
        "s.yaml: line 3: YAML anchors are not allowed",
        "s.yaml: line 4: YAML aliases are not allowed",
        "s.yaml: version: missing required field",
        "s.yaml: closing: missing required field",
        "s.yaml: intro: missing required field",  # the alias is left out, never expanded
        "s.yaml: id: invalid id 'Team'",
        "s.yaml: consent: missing language 'en'",
        "s.yaml: themes[0].questions[0].prompt.en: must not be empty",
        "s.yaml: themes[1].id: duplicate id 'a'",
        "s.yaml: themes[1].colour: unknown field",
        "s.yaml: themes[1].questions[0].id: duplicate id 'q1'",
        "s.yaml: ranking.id: duplicate id 'q1'",
    ]:
        assert any(line.startswith(expected) for line in lines), (expected, lines)


def test_problems_are_still_checked_without_usable_languages():
    checked = check_text("id: x\nversion: '1'\nlanguages: [English]\ntitle: t\nintro: i\nconsent: c\nclosing: c\n"
                         "themes: [{id: t, title: T, questions: [{id: Q1, prompt: p}]}]\n", "s.yaml")
    lines = checked.problem_lines()
    assert "s.yaml: languages[0]: invalid language code 'English': use 2-3 lowercase letters" in lines
    assert any("themes[0].questions[0].id: invalid id 'Q1'" in line for line in lines)


@pytest.mark.parametrize("field", ["version", "intro", "consent", "closing"])
def test_a_file_without_a_required_field_is_refused(field):
    data = yaml.safe_load(GOOD)
    del data[field]
    text = yaml.safe_dump(data, allow_unicode=True)
    assert check_text(text, "s.yaml").problems == [(field, "missing required field")]
    with pytest.raises(Exception, match=f"{field}: missing required field"):
        load_text(text, "s.yaml")  # the file loader (round new --questionnaire FILE) agrees


def test_a_files_ranking_needs_its_id_and_items_and_texts_may_not_be_empty():
    data = yaml.safe_load(GOOD)
    data["themes"].append({"id": "b", "title": {"fi": "B", "en": "B"}})
    data["ranking"] = {"prompt": {"fi": "J", "en": "R"}}
    data["closing"] = {"fi": "", "en": "Thanks"}
    problems = check_text(yaml.safe_dump(data), "s.yaml").problems
    assert ("ranking.id", "missing required field") in problems
    assert ("ranking.items", "missing required field") in problems
    assert ("closing.fi", "must not be empty") in problems


def test_the_shipped_questionnaire_validates_with_its_placeholder_warned_about():
    checked = check_text(SHIPPED.read_bytes(), "k.yaml")
    assert checked.ok and checked.problems == []
    assert ("intro.fi", "placeholder [koordinaattorin yhteystiedot] still to be filled in") in checked.warnings
    assert {path for path, _ in checked.warnings} == {"intro.fi", "intro.sv", "intro.en"}


# --------------------------------------------------------------------------- the command


def test_cli_lists_every_problem_one_line_each_and_exits_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: Bad\nlanguages: [fi]\ntitle: T\nthemes: [{id: t, title: T, questions: [{id: q}]}]\n", "utf-8")
    result = run("validate", str(bad))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == f"Error: {bad} is not a valid questionnaire (6 problems)"
    assert sorted(lines[:-1]) == sorted(f"{bad}: {p}" for p in [
        "closing: missing required field", "consent: missing required field", "intro: missing required field",
        "version: missing required field", "themes[0].questions[0].prompt: missing required field",
        "id: invalid id 'Bad': use 1-64 lowercase letters, digits, '-' or '_'",
    ])


def test_cli_accepts_a_shipped_id_and_standard_input():
    by_id = run("validate", "kela-sosiaalitoimi")
    assert by_id.exit_code == 0 and by_id.stdout == "ok: kela-sosiaalitoimi v1, 5 themes, 8 questions\n"
    assert "intro.en: warning: placeholder [coordinator's contact details]" in by_id.stderr
    assert "questionnaire new my-survey.yaml --from kela-sosiaalitoimi" in by_id.stderr
    piped = run("validate", "-", input=GOOD)
    assert piped.exit_code == 0 and piped.stdout == "ok: team v1, 1 theme, 1 question\n" and piped.stderr == ""
    broken = run("validate", "-", input="id: [\n")
    assert broken.exit_code == 2 and "<stdin>: line 2: invalid YAML" in broken.stderr
    unknown = run("validate", "no-such-survey")
    assert unknown.exit_code == 2 and "unknown questionnaire 'no-such-survey'" in unknown.stderr


def test_placeholders_warn_but_other_problems_still_fail():
    data = yaml.safe_load(GOOD)
    data["intro"]["fi"] = "Kysy: [yhteystiedot]"
    warned = run("validate", "-", input=yaml.safe_dump(data, allow_unicode=True))
    assert warned.exit_code == 0 and "<stdin>: intro.fi: warning: placeholder [yhteystiedot]" in warned.stderr
    data["id"] = "X"
    failed = run("validate", "-", input=yaml.safe_dump(data, allow_unicode=True))
    assert failed.exit_code == 2 and "(1 problem)" in failed.stderr


# --------------------------------------------------------------------------- the placeholder rule


@pytest.mark.parametrize("text,found", [
    ("Lisätietoja: [koordinaattorin yhteystiedot]", ["[koordinaattorin yhteystiedot]"]),
    ("[NAME], [päivämäärä] and [coordinator's contact details]", ["[NAME]", "[päivämäärä]", "[coordinator's contact details]"]),
    ("a footnote [1], a box [x] or [ ], an omission [...]", []),
    ("a link [the guide](https://example.org/guide)", []),
    ("[ spaced ] and [nested [brackets]]", ["[brackets]"]),
    ("[split\nover lines]", []),
])
def test_the_placeholder_rule(text, found):
    assert in_text(text) == found


def test_placeholders_name_the_field_paths():
    q = load_shipped("kela-sosiaalitoimi")
    assert find_placeholders(q)[0] == ("intro.fi", "[koordinaattorin yhteystiedot]")
    assert placeholders(q) == [
        "intro.fi: [koordinaattorin yhteystiedot]",
        "intro.sv: [koordinatorns kontaktuppgifter]",
        "intro.en: [coordinator's contact details]",
    ]


def test_round_open_refuses_placeholders_unless_allowed(tmp_path):
    db = ["--db", str(tmp_path / "s.db")]
    runner = CliRunner()
    assert runner.invoke(cli, [*db, "round", "new", "r", "--questionnaire", "kela-sosiaalitoimi"]).exit_code == 0
    refused = runner.invoke(cli, [*db, "round", "open", "r"])
    assert refused.exit_code == 2
    assert "[koordinaattorin yhteystiedot]" in refused.stderr and "round open r --allow-placeholders" in refused.stderr
    made = runner.invoke(cli, [*db, "round", "new", "s", "--questionnaire", "kela-sosiaalitoimi", "--open"])
    assert made.exit_code == 2 and "--allow-placeholders" in made.stderr
    assert runner.invoke(cli, [*db, "round", "open", "r", "--allow-placeholders"]).exit_code == 0
    # The fix the message names: a filled-in copy opens without the flag.
    copy = tmp_path / "mine.yaml"
    assert runner.invoke(cli, ["questionnaire", "new", str(copy), "--from", "kela-sosiaalitoimi"]).exit_code == 0
    text = copy.read_text("utf-8")
    for _, placeholder in find_placeholders(load_shipped("kela-sosiaalitoimi")):
        text = text.replace(placeholder, "Liisa Virtanen, liisa@example.org")
    copy.write_text(text, "utf-8")
    assert run("validate", str(copy)).stderr == ""
    opened = runner.invoke(cli, [*db, "round", "new", "t", "--questionnaire", str(copy), "--open"])
    assert opened.exit_code == 0, opened.output


# --------------------------------------------------------------------------- questionnaire new


def test_new_writes_a_commented_template_that_is_valid_and_refuses_to_overwrite(tmp_path):
    target = tmp_path / "Team Survey.yaml"
    made = run("new", str(target), "--languages", "fi,sv,en")
    assert made.exit_code == 0, made.output
    text = target.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    for key in ("id:", "version:", "languages:", "title:", "intro:", "consent:", "closing:", "themes:", "context:",
                "questions:", "prompt:", "kind:", "required:", "max_length:", "ranking:", "items:", "require_all:"):
        assert f"{key}" in text, key
    checked = check_text(text, "t.yaml")
    assert checked.ok, checked.problem_lines()
    assert checked.questionnaire.id == "team-survey" and checked.questionnaire.languages == ("fi", "sv", "en")
    assert checked.warnings  # every text is a [placeholder] to fill in
    again = run("new", str(target))
    assert again.exit_code == 2 and "--force" in again.stderr
    assert target.read_text("utf-8") == text
    assert run("new", str(target), "--force").exit_code == 0
    assert "languages: [en]" in target.read_text("utf-8")
    assert run("new", str(tmp_path / "x.yaml"), "--languages", "English").exit_code == 2


def test_a_filled_in_template_has_no_warnings():
    import re

    filled = "\n".join(line if line.startswith(("languages:", "#")) else re.sub(r"\[[^\[\]\n]+\]", "Real text", line)
                       for line in template("t", ("fi", "en")).splitlines())
    checked = check_text(filled, "t.yaml")
    assert checked.ok and checked.warnings == []


# --------------------------------------------------------------------------- the JSON Schema


def test_the_shipped_questionnaire_and_the_template_match_the_json_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for text in (SHIPPED.read_text("utf-8"), template("t", ("fi", "sv", "en")), template()):
        errors = [e.message for e in validator.iter_errors(yaml.safe_load(text))]
        assert errors == []
    # and it does refuse what the format refuses
    bad = yaml.safe_load(GOOD)
    del bad["intro"]
    bad["themes"][0]["questions"][0]["kind"] = "essay"
    bad["colour"] = "red"
    messages = " | ".join(e.message for e in validator.iter_errors(bad))
    assert "'intro' is a required property" in messages and "'essay' is not one of" in messages
    assert "'colour' was unexpected" in messages
    assert run("schema").stdout == SCHEMA_FILE.read_text("utf-8")


def test_the_format_readmes_minimal_example_validates_with_its_placeholder_warned():
    text = (ROOT / "questionnaires" / "README.md").read_text("utf-8")
    example = text.split("## Minimal example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    checked = check_text(example, "example.yaml")
    assert checked.ok, checked.problem_lines()
    assert checked.warnings == [("intro.en", "placeholder [coordinator's contact details] still to be filled in")]
