"""`export --format sav`: an SPSS file whose labels and values read back right."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from survey_tui.cli.main import cli

pyreadstat = pytest.importorskip("pyreadstat", reason="the 'spss' extra (pyreadstat) is not installed")


def test_sav_has_labels_values_and_finnish_text(tmp_path, kela):
    from survey_tui.store import Store

    items = [item.id for item in kela.ranking.items]
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.create_round("kevat-2026", kela, state="open", min_group=3)
        store.import_responses("kevat-2026", [
            {"language": "fi", "answers": {"q1a": "Yhteiset tietoiskut ja työnkierto, ääkköset: åäö"}, "ranking": items},
            {"language": "fi", "answers": {"q1a": "Nimetyt yhteyshenkilöt"}, "ranking": items[::-1]},
            {"language": "fi", "answers": {}, "ranking": items[1:] + items[:1]},
        ])
        store.set_state("kevat-2026", "closed")
    out = CliRunner().invoke(cli, ["--db", str(db), "export", "kevat-2026", "--format", "sav", "--out", str(tmp_path)])
    assert out.exit_code == 0, out.output
    frame, meta = pyreadstat.read_sav(str(tmp_path / "responses.sav"))
    assert len(frame) == 3
    assert set(frame["q1a"]) == {"Yhteiset tietoiskut ja työnkierto, ääkköset: åäö", "Nimetyt yhteyshenkilöt", ""}
    labels = dict(zip(meta.column_names, meta.column_labels))
    assert kela.text(kela.question("q1a").prompt, "fi")[:30] in labels["q1a"]
    first_title = kela.text(kela.ranking.items[0].title, "fi")
    assert meta.variable_value_labels["rank_1"][1.0] == first_title
    # rank_1 is the item number put first; pos_<item> where each item went: the same ranking both ways
    for _, row in frame.iterrows():
        order = [items[int(row[f"rank_{p}"]) - 1] for p in range(1, 6)]
        assert [int(row[f"pos_{item}"]) for item in items] == [order.index(item) + 1 for item in items]
    again = CliRunner().invoke(cli, ["--db", str(db), "export", "kevat-2026", "--format", "sav", "--out", str(tmp_path)])
    assert again.exit_code == 2 and "--force" in again.output


CLOSED = {
    "id": "closed-sav", "version": "1", "languages": ["fi", "en"],
    "title": {"fi": "Seuranta", "en": "Follow-up"}, "intro": {"fi": "Hei", "en": "Hi"},
    "consent": {"fi": "Suostun", "en": "I agree"}, "closing": {"fi": "Kiitos", "en": "Thanks"},
    "themes": [{"id": "practice", "title": {"fi": "Käytäntö", "en": "Practice"}, "questions": [
        {"id": "adopted", "kind": "single", "prompt": {"fi": "Onko käytössä?", "en": "Adopted?"}, "other": True,
         "options": [{"id": "yes", "title": {"fi": "Kyllä", "en": "Yes"}},
                     {"id": "partly", "title": {"fi": "Osittain", "en": "Partly"}},
                     {"id": "no", "title": {"fi": "Ei", "en": "No"}}]},
        {"id": "channels", "kind": "multiple", "prompt": {"fi": "Kanavat", "en": "Channels"},
         "options": [{"id": "phone", "title": {"fi": "Puhelin", "en": "Phone"}},
                     {"id": "chat", "title": {"fi": "Chat", "en": "Chat"}}]},
        {"id": "works", "kind": "scale", "prompt": {"fi": "Kuinka hyvin?", "en": "How well?"}, "min": 1, "max": 5,
         "labels": {1: {"fi": "Huonosti", "en": "Badly"}, 5: {"fi": "Hyvin", "en": "Well"}}, "dont_know": True},
        {"id": "score", "kind": "scale", "prompt": {"fi": "Pisteet", "en": "Score"}, "min": 90, "max": 100,
         "labels": {90: {"fi": "Tyydyttävä", "en": "Fair"}, 100: {"fi": "Täysi", "en": "Full"}},
         "dont_know": True},
        {"id": "hours", "kind": "number", "prompt": {"fi": "Tunnit", "en": "Hours"}, "min": 0, "max": 40,
         "decimals": 1},
        {"id": "staff", "kind": "number", "prompt": {"fi": "Montako?", "en": "How many?"}, "min": 0, "max": 500},
        {"id": "note", "kind": "short", "prompt": {"fi": "Muuta", "en": "Anything else"}},
    ]}],
}
ANSWERS = [
    ("fi", {"adopted": "partly", "channels": ["chat", "phone"], "works": 4, "score": 100, "hours": 7.5, "staff": 12}),
    ("fi", {"adopted_other": "yhdessä toimistossa", "channels": [], "works": "dont_know", "score": "dont_know",
            "hours": 0.5, "note": "=1+1 \x1b[2J"}),
    ("fi", {"adopted": "no", "works": 1, "score": 99, "staff": 0}),
    ("en", {"adopted": "yes", "channels": ["phone"], "works": 5, "score": 90}),
]


def _export_closed(tmp_path, *extra):
    from survey_tui.questionnaire import from_dict
    from survey_tui.store import Store

    db = tmp_path / "c.db"
    with Store(db) as store:
        store.create_round("c", from_dict(CLOSED), state="open", min_group=3)
        store.import_responses("c", [{"language": lang, "answers": a, "ranking": []} for lang, a in ANSWERS])
        store.set_state("c", "closed")
    out = CliRunner().invoke(cli, ["--db", str(db), "export", "c", "--format", "sav", "--out", str(tmp_path), *extra])
    assert out.exit_code == 0, out.output
    frame, meta = pyreadstat.read_sav(str(tmp_path / "responses.sav"), user_missing=True)
    by_works = {int(row["works"]): row for _, row in frame.iterrows()}  # works: 4, 99 (can't say), 1, 5
    return frame, meta, by_works, out.output


def test_closed_questions_are_coded_numbers_with_value_labels_in_the_export_language(tmp_path):
    frame, meta, rows, _ = _export_closed(tmp_path, "--lang", "en")
    labels = meta.column_names_to_labels
    values = meta.variable_value_labels
    # single: 1..k in option order, titles as value labels, the ids in the label and the documents
    assert values["adopted"] == {1: "Yes", 2: "Partly", 3: "No"}
    assert sorted(frame["adopted"].dropna()) == [1, 2, 3] and frame["adopted"].isna().sum() == 1
    assert rows[4]["adopted"] == 2 and rows[1]["adopted"] == 3
    assert labels["adopted"] == "Practice: Adopted? [1 yes, 2 partly, 3 no]"
    assert {"adopted: 1 = yes", "adopted: 2 = partly", "adopted: 3 = no"} <= set(meta.notes)
    assert set(frame["adopted_other"]) == {"", "yhdessä toimistossa"}
    assert meta.original_variable_types["adopted"] == "F1.0" and meta.variable_measure["adopted"] == "nominal"
    # multiple: one 0/1 variable per option, CSV's names, the option in the label; missing when not answered
    assert values["channels__phone"] == values["channels__chat"] == {0: "not chosen", 1: "chosen"}
    assert labels["channels__chat"] == "Practice: Channels: Chat"
    assert (rows[4]["channels__phone"], rows[4]["channels__chat"]) == (1, 1)
    assert (rows[5]["channels__phone"], rows[5]["channels__chat"]) == (1, 0)
    assert frame["channels__chat"].isna().sum() == 2  # an empty choice and no answer: not answered
    # scale: labelled end points; can't say a labelled user-missing code outside the points
    assert values["works"] == {1: "Badly", 5: "Well", 99: "Can't say"}
    assert values["score"] == {90: "Fair", 100: "Full", -1: "Can't say"}  # 99 is a point here
    assert meta.missing_ranges == {"works": [{"lo": 99, "hi": 99}], "score": [{"lo": -1, "hi": -1}]}
    assert sorted(frame["works"]) == [1, 4, 5, 99] and sorted(frame["score"]) == [-1, 90, 99, 100]
    assert meta.variable_measure["works"] == "ordinal"
    # number: the question's decimals
    assert meta.original_variable_types["hours"] == "F4.1" and meta.original_variable_types["staff"] == "F3.0"
    assert sorted(frame["hours"].dropna()) == [0.5, 7.5] and meta.variable_measure["hours"] == "scale"
    # text answers stay byte for byte; no column beyond the CSV's (nothing that could identify anyone)
    assert set(frame["note"]) == {"", "=1+1 \x1b[2J"}
    assert list(frame.columns) == ["response_id", "language", "adopted", "adopted_other", "channels__phone",
                                   "channels__chat", "works", "score", "hours", "staff", "note"]


def test_user_missing_can_t_say_is_left_out_of_means_and_languages_below_the_minimum_are_withheld(tmp_path):
    _, _, _, output = _export_closed(tmp_path)  # the questionnaire's first language: Finnish labels
    frame, meta = pyreadstat.read_sav(str(tmp_path / "responses.sav"))  # as SPSS computes: user-missing is missing
    assert frame["works"].mean() == pytest.approx((4 + 1 + 5) / 3)
    assert frame["works"].isna().sum() == 1 and sorted(frame["score"].dropna()) == [90, 99, 100]
    assert meta.variable_value_labels["works"] == {1: "Huonosti", 5: "Hyvin", 99: "En osaa sanoa"}
    assert meta.variable_value_labels["adopted"][2] == "Osittain"
    assert meta.variable_value_labels["channels__chat"] == {0: "ei valittu", 1: "valittu"}
    from survey_tui.errors import message

    assert set(frame["language"]) == {""}  # one English answer, fewer than min_group 3: withheld, and said
    assert message("exp_language_column_empty", minimum=3) in " ".join(output.split())


def test_labels_are_cut_to_the_format_limits_at_whole_characters():
    from survey_tui.export_spss_vars import SavVariables, fit

    assert fit("ä" * 200, 120) == "ä" * 60 and fit("a" + "ä" * 200, 120) == "a" + "ä" * 59
    assert fit("lyhyt", 120) == "lyhyt"
    variables = SavVariables(label_suffix={"q": " [1 yes, 2 no]"})
    label = variables.label("q", "ö" * 300)
    assert label.endswith(" [1 yes, 2 no]") and len(label.encode("utf-8")) <= 256


def test_labels_from_the_questionnaire_are_cleaned_for_whoever_shows_them():
    """A questionnaire is validated free of escape codes; a model built by hand is cleaned anyway."""
    import dataclasses

    from survey_tui.export_spss_vars import variables
    from survey_tui.questionnaire import from_dict

    q = from_dict(CLOSED)
    theme = q.themes[0]
    single = theme.questions[0]
    hostile = dataclasses.replace(single.options[1], title={"fi": "Osittain \x1b]52;c;ZXZpbA==\x07\x1b[31mpunainen",
                                                            "en": "Partly"})
    single = dataclasses.replace(single, options=(single.options[0], hostile, single.options[2]))
    q = dataclasses.replace(q, themes=(dataclasses.replace(theme, questions=(single, *theme.questions[1:])),))
    label = variables(q, "fi", []).value_labels["adopted"][2]
    assert label.startswith("Osittain") and "punainen" in label
    assert not any(ord(ch) < 32 or 0x7f <= ord(ch) < 0xa0 for ch in label)
