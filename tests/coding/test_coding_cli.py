"""`survey-tui coding ...` end to end with CliRunner on a database shaped like the thesis."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from survey_tui.cli.main import cli
from survey_tui.store import Store

from coding_data import thesis_round


@pytest.fixture
def db(tmp_path, kela):
    path = tmp_path / "survey.db"
    with Store(path) as store:
        thesis_round(store, kela, "kevat")
        store.create_round("auki", kela, state="open", min_group=3)
    return path


@pytest.fixture
def run(db):
    runner = CliRunner()

    def invoke(*args, code=0):
        result = runner.invoke(cli, ["--db", str(db), "coding", *map(str, args)])
        assert result.exit_code == code, result.output
        return result.output

    return invoke


def test_codebook_coding_and_undo(run):
    run("kevat", "codebook", "add", "category", "Yhteydenpito", "--theme", "kanavat")
    run("kevat", "codebook", "add", "category", "Pikaviestintä", "--parent", "Yhteydenpito")
    assert "Teams" in run("kevat", "codebook", "add", "code", "Teams", "--category", "Pikaviestintä")
    run("kevat", "codebook", "add", "code", "Puhelin", "--category", "Yhteydenpito", "--memo", "puhelut")
    listed = json.loads(run("kevat", "list", "--question", "q3", "--json"))
    assert len(listed["answers"]) == 11 and listed["coder"] == "A"
    for a in listed["answers"]:
        low = a["text"].lower()
        run("kevat", "assign", a["answer"], "Teams" if ("teams" in low or "pikaviest" in low) else "Puhelin")
    shown = json.loads(run("kevat", "codebook", "show", "--json"))
    counts = {c["name"]: c["count"] for c in shown["categories"]}
    assert counts == {"Yhteydenpito": 11, "Pikaviestintä": 10}
    text = run("kevat", "codebook", "show")
    assert "Pikaviestintä  [10]" in text and "- Teams" in text and "(puhelut)" in text
    assert "Merged" in run("kevat", "codebook", "merge", "code", "Puhelin", "Teams")
    after = json.loads(run("kevat", "list", "--question", "q3", "--json"))
    assert all(a["codes"] == ["Teams"] for a in after["answers"])
    assert "merging codes" in run("kevat", "undo")
    back = json.loads(run("kevat", "list", "--question", "q3", "--json"))
    assert sorted({c for a in back["answers"] for c in a["codes"]}) == ["Puhelin", "Teams"]
    first = back["answers"][0]["answer"]
    assert "saved" in run("kevat", "reduce", first, "nopea kanava")
    run("kevat", "quotable", first)
    assert json.loads(run("kevat", "list", "--question", "q3", "--json"))["answers"][0]["reduced"] == "nopea kanava"
    assert json.loads(run("kevat", "quotes", "--question", "q3", "--json"))[0]["question"] == "q3"


@pytest.mark.parametrize("args, code, words", [
    (("codebook", "merge", "code", "Teams", "Teams"), 2, "cannot be merged into itself"),
    (("codebook", "move", "category", "Yhteydenpito", "--to", "Pikaviestintä"), 2, "cycle of categories"),
    (("practices", "add", "Teams käyttöön", "--theme", "kanavat"), 2, "linked to at least one"),
    (("codebook", "add", "code", "X", "--category", "Ei ole"), 1, "No category"),
    (("undo",), 1, "Nothing to undo"),
])
def test_refusals_one_line_exit_code_nothing_changed(run, args, code, words):
    run("kevat", "codebook", "add", "category", "Yhteydenpito", "--theme", "kanavat")
    run("kevat", "codebook", "add", "category", "Pikaviestintä", "--parent", "Yhteydenpito")
    run("kevat", "codebook", "add", "code", "Teams", "--category", "Pikaviestintä")
    if args == ("undo",):
        run("kevat", "undo")
        run("kevat", "undo", code=1)  # one step only
    before = run("kevat", "codebook", "show", "--json")
    out = run("kevat", *args, code=code)
    assert words in out and len(out.strip().splitlines()) == 1 and "Traceback" not in out
    assert run("kevat", "codebook", "show", "--json") == before


def test_sealed_round_and_finnish(db, run):
    run("auki", "codebook", "add", "category", "K", "--theme", "kanavat")  # the codebook may be prepared
    assert "still takes answers" in run("auki", "list", code=1)
    assert "Counts are not shown" in run("auki", "codebook", "show")
    out = CliRunner().invoke(cli, ["--db", str(db), "--lang", "fi", "coding", "kevat", "codebook", "merge",
                                   "code", "x", "x"])
    assert out.exit_code == 1 and "Kierroksella" in out.output


def test_suggest_agreement_practices(run):
    run("kevat", "codebook", "add", "category", "Palvelut", "--theme", "ymmarrys")
    out = run("kevat", "suggest", "q5")
    assert "suggestions, not codes" in out and "Group 1" in out
    data = json.loads(run("kevat", "suggest", "q5", "--json"))
    assert data["suggestions"] is True and data["groups"][0]["answers"]
    assert "Coded answers" in run("kevat", "suggest", "q5", "--accept", "1", "--name", "Palvelutaulukko",
                                  "--category", "Palvelut")
    run("kevat", "suggest", "q5", "--accept", "1", "--name", "Palvelutaulukko", "--coder", "B")
    agreement = json.loads(run("kevat", "agreement", "--question", "q5", "--json"))
    assert agreement["coders"] == ["A", "B"] and agreement["codes"][0]["disagreements"] == []
    assert "Krippendorff" in run("kevat", "agreement")
    assert "Practice 1" in run("kevat", "practices", "add", "Yhteinen palvelutaulukko", "--theme", "ymmarrys",
                               "--category", "Palvelut")
    handle = data["groups"][0]["answers"][0]
    run("kevat", "practices", "link", "1", "--answer", handle)
    listed = json.loads(run("kevat", "practices", "list", "--json"))
    assert listed[0]["theme_id"] == "ymmarrys" and listed[0]["practices"][0]["categories"][0]["count"] == 11
    assert listed[0]["practices"][0]["answers"] == "<5"
    assert "Yhteinen palvelutaulukko" in run("kevat", "practices", "list")


def test_help_texts(run):
    out = CliRunner().invoke(cli, ["--help"]).output
    assert "coding" in out and "Content analysis" in out
    for sub in (("--help",), ("codebook", "--help"), ("practices", "--help"), ("suggest", "--help")):
        assert CliRunner().invoke(cli, ["coding", "kevat", *sub]).exit_code == 0
