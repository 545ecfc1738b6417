"""`survey-tui questionnaire import FORM.xlsx`: an XLSForm (KoboToolbox, ODK) as our YAML.

Forms are built here with openpyxl, imported through the CLI and the YAML loaded back
(load_file: the strict loader and validator) to compare with what the mapping promises."""

from __future__ import annotations

import pytest
from xlsform_forms import KOBO_CHOICES, KOBO_SETTINGS, KOBO_SURVEY, loaded, run_import, workbook

from survey_tui.questionnaire import find_placeholders, load_file
from survey_tui.questionnaire.conditions import visible
from survey_tui.questionnaire.xlsform_rules import parse_bounds, parse_count, parse_length, parse_relevant


@pytest.fixture
def kobo(tmp_path):
    return workbook(tmp_path / "team.xlsx", KOBO_SURVEY, KOBO_CHOICES, KOBO_SETTINGS)


def test_a_kobo_like_form_becomes_our_questionnaire(kobo, tmp_path):
    out = tmp_path / "team.yaml"
    result = run_import(str(kobo), "--out", str(out))
    assert result.exit_code == 0, result.output
    q = load_file(out)
    assert (q.id, q.version, q.languages) == ("team_followup", "2026-1", ("en", "fi"))
    assert q.title == {"en": "Team follow-up", "fi": "Team follow-up"}
    # The note before any group is the intro; the form has no consent or closing: written in
    # the form's languages.
    assert q.intro == {"en": "Welcome to the follow-up.", "fi": "Tervetuloa seurantakyselyyn."}
    assert q.consent["fi"].startswith("Ymmärrän") and q.closing["en"] == "Thank you for your answers!"
    assert [t.id for t in q.themes] == ["practices", "followup"]
    practices, followup = q.themes
    assert practices.title == {"en": "Practices", "fi": "Toimintatavat"}
    assert practices.context == {"en": "About the practices.", "fi": "Toimintatavoista."}
    assert [x.id for x in practices.questions] == ["p1_adopted", "p1_why", "channels", "team_size", "hours", "works"]
    adopted, why, channels, size, hours, works = practices.questions
    assert adopted.kind == "single" and adopted.required is True
    assert [(o.id, o.title["fi"]) for o in adopted.options] == [("yes", "Kyllä"), ("partly", "Osittain"), ("no", "Ei")]
    assert why.kind == "long" and (why.show_if.question, why.show_if.values) == ("p1_adopted", ("no", "partly"))
    assert channels.kind == "multiple" and channels.maximum == 2 and channels.minimum is None
    assert [o.title["en"] for o in channels.options] == ["Phone", "E-mail", "Chat"]
    assert (size.kind, size.minimum, size.maximum, size.decimals) == ("number", 1, 50, 0)
    assert (hours.kind, hours.minimum, hours.maximum, hours.decimals) == ("number", 0, 37.5, 2)
    assert (works.kind, works.minimum, works.maximum) == ("scale", 1, 5)
    assert works.labels == {1: {"en": "1", "fi": "1"}, 5: {"en": "5", "fi": "5"}}
    assert followup.show_if.question == "p1_adopted" and followup.show_if.values == ("yes",)
    assert [(x.id, x.kind) for x in followup.questions] == [("benefit", "short")]
    # The rank of the groups is the ranking of the themes.
    assert q.ranking.id == "order" and q.ranking.items_are_themes
    assert q.ranking.prompt == {"en": "Order the themes", "fi": "Järjestä teemat"}
    # The conditions work as the form meant them.
    assert "p1_why" not in visible(q, {"p1_adopted": "yes"})
    assert "p1_why" in visible(q, {"p1_adopted": "partly"})
    assert "benefit" in visible(q, {"p1_adopted": "yes"}) and "benefit" not in visible(q, {"p1_adopted": "no"})


def test_what_could_not_be_mapped_is_said_line_by_line_with_sheet_and_row(kobo, tmp_path):
    result = run_import(str(kobo), "--out", str(tmp_path / "team.yaml"))
    lines = result.stderr.splitlines()
    name = str(kobo)
    expected = [
        f"{name}: settings row 2: setting 'style' has no survey-tui equivalent; left out",
        f"{name}: survey row 2: type 'start' records data about the device or the time of answering, which survey-tui never stores; left out",
        f"{name}: survey row 3: type 'deviceid' records data about the device or the time of answering, which survey-tui never stores; left out",
        f"{name}: survey row 9: column 'hint::English (en)' ('Pick up to two') has no survey-tui equivalent; left out",
        f"{name}: survey row 12: range imported as a scale whose end points are labelled with their numbers: write real labels for them",
        f"{name}: survey row 13: type 'calculate' is computed, not asked; left out",
        f"{name}: survey row 14: type 'geopoint' has no survey-tui question kind; left out",
        f"{name}: survey row 17: name 'Benefit' is not a survey-tui id; it is benefit in the questionnaire",
    ]
    assert lines[: len(expected)] == expected
    assert lines[len(expected)].startswith(f"{name}: imported 2 theme(s) and 7 question(s)")
    assert lines[len(expected)].endswith(": 8")
    assert "validate" in lines[-1]


def test_standard_output_by_default_and_an_existing_file_kept(kobo, tmp_path):
    result = run_import(str(kobo))
    assert result.exit_code == 0
    data = loaded(result.stdout)
    assert data["id"] == "team_followup" and data["ranking"]["items"] == "themes"
    assert result.stdout.startswith("# Imported from the XLSForm team.xlsx")
    target = tmp_path / "mine.yaml"
    target.write_text("keep me", "utf-8")
    refused = run_import(str(kobo), "--out", str(target))
    assert refused.exit_code == 2 and target.read_text("utf-8") == "keep me"
    assert run_import(str(kobo), "--out", str(target), "--force").exit_code == 0
    assert load_file(target).id == "team_followup"


def test_a_plain_label_column_takes_the_language_given_and_missing_texts_are_copied_and_said(tmp_path):
    form = workbook(tmp_path / "plain.xlsx", [
        ["type", "name", "label", "label::en"],
        ["text", "q1", "Mitä kuuluu?", "How are you?"],
        ["text", "q2", "Entä tiimille?"],
        ["select_one yn", "q3", "Kyllä vai ei?", "Yes or no?"],
    ], [["list_name", "name", "label"], ["yn", "k", "Kyllä"], ["yn", "e", "Ei"]])
    out = tmp_path / "plain.yaml"
    result = run_import(str(form), "--out", str(out), "--language", "fi")
    assert result.exit_code == 0, result.output
    q = load_file(out)
    assert q.languages == ("fi", "en")
    assert q.question("q1").prompt == {"fi": "Mitä kuuluu?", "en": "How are you?"}
    assert q.question("q2").prompt == {"fi": "Entä tiimille?", "en": "Entä tiimille?"}
    assert f"{form}: survey row 3: no 'label::en' text: the fi text was copied in its place (translate it)" in result.stderr
    assert f"{form}: choices row 2: no 'label::en' text: the fi text was copied in its place (translate it)" in result.stderr
    # Questions outside any group go to one theme named after the form; the intro is a
    # fill-in placeholder, so a round of it is not opened until it is written.
    assert [t.id for t in q.themes] == ["questions"] and q.themes[0].title["fi"] == "plain"
    assert f"{form}: survey row 2: questions outside any group are put in theme 'questions'" in result.stderr
    assert [p for _, p in find_placeholders(q)] == ["[Mitä varten kysely tehdään ja miten vastauksia käytetään.]",
                                                      "[koordinaattorin yhteystiedot]",
                                                      "[What this survey is for and how the answers are used.]",
                                                      "[coordinator's contact details]"]
    bad = run_import(str(form), "--language", "Finnish")
    assert bad.exit_code == 2 and bad.stderr == (
        "Error: --language: use a code of 2-3 lowercase letters, such as fi, sv or en (got 'Finnish')\n")


def test_conditions_survey_tui_cannot_express_are_said_and_dropped(tmp_path):
    form = workbook(tmp_path / "cond.xlsx", [
        ["type", "name", "label", "relevant"],
        ["select_one yn", "a", "A?"],
        ["select_multiple yn", "m", "M?"],
        ["integer", "n", "N?"],
        ["text", "t1", "after and", "${a} = 'y' and ${m} = 'y'"],
        ["text", "t2", "on a number", "${n} = '3'"],
        ["text", "t3", "later question", "selected(${z}, 'y')"],
        ["text", "t4", "unknown choice", "${a} = 'maybe'"],
        ["text", "t5", "= on a multiple", "${m} = 'y'"],
        ["text", "t6", "two questions", "${a} = 'y' or ${m} = 'y'"],
        ["text", "t7", "fine", "selected(${m}, 'y') or selected(${m}, 'n')"],
        ["select_one yn", "z", "Z?"],
    ], [["list_name", "name", "label"], ["yn", "y", "Yes"], ["yn", "n", "No"]])
    result = run_import(str(form), "--out", str(tmp_path / "c.yaml"))
    assert result.exit_code == 0, result.output
    q = load_file(tmp_path / "c.yaml")
    assert [x.id for x in q.themes[0].questions if x.show_if] == ["t7"]
    assert q.question("t7").show_if.values == ("y", "n")
    why = {
        5: "only selected() or = on one question, joined by or, can be expressed",
        6: "'n' is not a select_one or select_multiple question",
        7: "'z' is no earlier question of the form",
        8: "'a' has no choice 'maybe'",
        9: "= on the select_multiple question 'm' compares all its choices at once; write selected()",
        10: "only selected() or = on one question, joined by or, can be expressed",
    }
    for row, reason in why.items():
        assert f"survey row {row}: condition " in result.stderr
        assert any(line.startswith(f"{form}: survey row {row}: condition ") and f"({reason}); shown to everyone" in line
                   for line in result.stderr.splitlines()), row


def test_the_simple_expressions_read():
    assert parse_relevant("selected(${q1}, 'a')") == ("q1", ["a"], False)
    assert parse_relevant("${q1}='a' or selected( ${q1} , \"b\" )") == ("q1", ["a", "b"], True)
    assert parse_relevant("${q1} = 'a' or ${q2} = 'b'") is None
    assert parse_relevant("not(selected(${q1}, 'a'))") is None
    assert parse_relevant("${q1} != 'a'") is None
    assert parse_bounds(". >= 1 and . <= 10", True) == (1, 10)
    assert parse_bounds(". > 0 and . < 10", True) == (1, 9)
    assert parse_bounds(". > 0", False) is None
    assert parse_bounds(". >= 0.5", False) == (0.5, None)
    assert parse_bounds("regex(., '^[0-9]+$')", True) is None
    assert parse_length("string-length(.) <= 500") == 500 and parse_length("string-length(.) < 10") == 9
    assert parse_count("count-selected(.) >= 1 and count-selected(.) <= 3", 4) == (1, 3)
    assert parse_count("count-selected(.) <= 9", 4) is None  # more than the choices there are
    assert parse_count("count-selected(.) >= 3 and count-selected(.) <= 2", 4) is None
    assert parse_bounds(". >= 10 and . <= 1", True) is None
    assert parse_bounds(". >= 0.1234567", False) is None and parse_bounds(". <= 1e99", False) is None


def test_long_forms_fill_themes_of_twenty_and_names_become_unique_ids(tmp_path):
    survey = [["type", "name", "label"]] + [["text", f"Q{i}", f"Question {i}"] for i in range(1, 24)]
    survey.append(["integer", "q1", "A clash after lowercasing"])
    form = workbook(tmp_path / "long.xlsx", survey)
    result = run_import(str(form), "--out", str(tmp_path / "l.yaml"))
    assert result.exit_code == 0, result.output
    q = load_file(tmp_path / "l.yaml")
    assert [len(t.questions) for t in q.themes] == [20, 4]
    assert q.themes[1].id == "questions-2" and q.themes[1].title == q.themes[0].title
    assert f"{form}: survey row 22: theme 'questions' has 20 questions, the most a theme holds: this question and those after it go to theme 'questions-2'" in result.stderr
    assert q.themes[1].questions[-1].id == "q1-2"
    assert f"{form}: survey row 25: name 'q1' is taken (by a question, a theme or an other text); it is q1-2 in the questionnaire" in result.stderr


def test_repeats_notes_and_unknown_columns_are_left_out_with_their_rows(tmp_path):
    form = workbook(tmp_path / "rep.xlsx", [
        ["type", "name", "label", "choice_filter", "default"],
        ["begin_group", "g", "Group"],
        ["text", "a", "A"],
        ["note", "mid", "A note among questions"],
        ["begin_repeat", "kids", "Children"],
        ["text", "kid_name", "Name"],
        ["end_repeat"],
        ["select_one yn", "b", "B", "${a} != ''", "y"],
        ["begin_group", "inner", "Inner"],
        ["text", "c", "C"],
        ["end_group"],
        ["end_group"],
        ["end_group"],
        ["", "", "", "x"],
    ], [["list_name", "name", "label"], ["yn", "y", "Yes"], ["yn", "n", "No"]])
    result = run_import(str(form), "--out", str(tmp_path / "r.yaml"))
    assert result.exit_code == 0, result.output
    q = load_file(tmp_path / "r.yaml")
    assert [x.id for x in q.themes[0].questions] == ["a", "b", "c"] and len(q.themes) == 1
    lines = result.stderr.splitlines()
    for row, text in [
        (4, "a note among the questions has no place in survey-tui"),
        (5, "a repeat (begin_repeat) cannot be mapped"),
        (6, "inside a repeat; left out"),
        (8, "column 'choice_filter' (\"${a} != ''\") has no survey-tui equivalent; left out"),
        (8, "column 'default' ('y') has no survey-tui equivalent; left out"),
        (9, "a group inside a group: its questions stay in theme 'g'"),
        (13, "end_group without a begin_group; ignored"),
        (14, "a row without a type; left out"),
    ]:
        assert any(line.startswith(f"{form}: survey row {row}: {text}") for line in lines), (row, text)


def test_or_other_adds_the_other_text_and_keeps_its_stored_name_free(tmp_path):
    # pyxform names the text of `or_other` "<name>_other"; a form may also have its own.
    form = workbook(tmp_path / "other.xlsx", [
        ["type", "name", "label"],
        ["select_one yn or_other", "q", "Q?"],
        ["text", "q_other", "Please specify"],
    ], [["list_name", "name", "label"], ["yn", "y", "Yes"], ["yn", "n", "No"]])
    result = run_import(str(form), "--out", str(tmp_path / "o.yaml"))
    assert result.exit_code == 0, result.output
    q = load_file(tmp_path / "o.yaml")
    assert q.question("q").other is True and q.question("q_other") is None
    assert q.question("q_other-2").kind == "short"
    assert f"{form}: survey row 3: name 'q_other' is taken (by a question, a theme or an other text); it is q_other-2 in the questionnaire" in result.stderr


def test_the_imported_file_matches_the_json_schema_too(kobo):
    import jsonschema

    from survey_tui.questionnaire.template import schema

    data = loaded(run_import(str(kobo)).stdout)
    assert [e.message for e in jsonschema.Draft202012Validator(schema()).iter_errors(data)] == []


def test_kobotoolbox_rank_and_score_blocks_and_its_own_columns(tmp_path):
    # KoboToolbox's own export: begin_rank (kobo--rank-items) with one rank__level per
    # position, begin_score (kobo--score-choices) with score__row rows, and $kuid/$autoname
    # bookkeeping columns on every row.
    form = workbook(tmp_path / "kobo.xlsx", [
        ["type", "name", "label::English (en)", "$kuid", "$autoname", "kobo--rank-items", "kobo--score-choices"],
        ["begin_group", "practices", "Practices", "k1", "practices"],
        ["begin_score", "works", "How well does it work?", "k2", "works", "", "scale"],
        ["score__row", "contacts", "Contact details up to date", "k3", "contacts"],
        ["score__row", "channels", "Low-threshold channels", "k4", "channels"],
        ["end_score", "", "", "k5"],
        ["end_group", "", "", "k6"],
        ["begin_group", "other", "Other", "k7"],
        ["text", "more", "Anything else?", "k8", "more"],
        ["end_group"],
        ["begin_rank", "order", "Order the themes", "k9", "order", "themes"],
        ["rank__level", "first", "1st", "k10"],
        ["rank__level", "second", "2nd", "k11"],
        ["end_rank"],
    ], [["list_name", "name", "label::English (en)", "$kuid", "$autovalue"],
        ["scale", "good", "Good", "c1", "good"], ["scale", "poor", "Poor", "c2", "poor"],
        ["themes", "practices", "Practices", "c3", "practices"], ["themes", "other", "Other", "c4", "other"]])
    out = tmp_path / "kobo.yaml"
    result = run_import(str(form), "--out", str(out))
    assert result.exit_code == 0, result.output
    q = load_file(out)
    contacts, channels = q.themes[0].questions
    assert contacts.kind == channels.kind == "single" and [o.id for o in contacts.options] == ["good", "poor"]
    assert contacts.prompt == {"en": "How well does it work?: Contact details up to date"}
    assert q.ranking.id == "order" and q.ranking.items_are_themes
    # Nothing to say: every row was mapped and the bookkeeping columns are not noise.
    assert result.stderr.splitlines()[0].startswith(f"{form}: imported 2 theme(s) and 3 question(s)")


def test_an_imported_form_runs_a_round_whose_conditions_drop_hidden_answers(kobo, tmp_path):
    import json

    from click.testing import CliRunner

    from survey_tui.cli.main import cli
    from survey_tui.store import Store

    out = tmp_path / "team.yaml"
    assert run_import(str(kobo), "--out", str(out)).exit_code == 0
    db = ["--db", str(tmp_path / "s.db")]
    runner = CliRunner()
    made = runner.invoke(cli, [*db, "round", "new", "r", "--questionnaire", str(out), "--min-group", "3"])
    assert made.exit_code == 0, made.output
    assert runner.invoke(cli, [*db, "round", "open", "r", "--allow-placeholders"]).exit_code == 0
    lines = tmp_path / "r.jsonl"
    record = {"language": "fi", "answers": {"p1_adopted": "yes", "p1_why": "hidden: adopted is yes", "works": 4,
                                             "benefit": "shown"}, "ranking": ["practices", "followup"]}
    lines.write_text("\n".join([json.dumps(record)] * 3), "utf-8")
    imported = runner.invoke(cli, [*db, "responses", "import", "r", str(lines)])
    assert imported.exit_code == 0, imported.output
    with Store(tmp_path / "s.db") as store:
        texts = store.conn.execute("SELECT question_id, text FROM answers").fetchall()
    stored = {row[1] for row in texts}
    assert "shown" in stored and "hidden: adopted is yes" not in stored and "yes" in stored
    assert sorted({row[0] for row in texts}) == ["benefit", "p1_adopted", "works"]
