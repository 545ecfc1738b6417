"""services.compare: per category, how many answers carried it in each round (small groups hidden)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from survey_tui.cli.main import cli
from survey_tui.services import codebook, coding
from survey_tui.services.compare import compare

from coding_data import handles, thesis_round


def _code_round(store, slug, teams_limit=None):
    """Code q3: Teams on the answers naming Teams or instant messaging (the first
    `teams_limit` of them), Puhelin on the phone answers."""
    done = 0
    for text, handle in handles(store, slug, "q3").items():
        low = text.lower()
        if ("teams" in low or "pikaviest" in low) and (teams_limit is None or done < teams_limit):
            coding.assign(store, slug, handle, "Teams")
            done += 1
        if "puhelin" in low:
            coding.assign(store, slug, handle, "Puhelin")


def test_compare_has_category_counts_per_round(tmp_path, kela):
    from survey_tui.store import Store

    db = tmp_path / "s.db"
    with Store(db) as store:
        first = thesis_round(store, kela, "kevat")
        codebook.add_category(store, first, "Pikaviestintä", theme_id="kanavat")
        codebook.add_category(store, first, "Puhelut", theme_id="kanavat")
        codebook.add_code(store, first, "Teams", "Pikaviestintä")
        codebook.add_code(store, first, "Puhelin", "Puhelut")
        _code_round(store, first)
        second = thesis_round(store, kela, "syksy", follows=first)
        _code_round(store, second, teams_limit=6)  # the inherited codebook is used as is
        codebook.add_category(store, second, "Uusi", theme_id="kanavat")
        view = compare(store, first, second)
        rows = {r.name: r for r in view.categories}
        assert rows["Pikaviestintä"].old.n == 10 and rows["Pikaviestintä"].new.n == 6
        assert rows["Puhelut"].old.visible is None and rows["Puhelut"].old.shown() == "fewer than 5"
        assert rows["Uusi"].old is None and rows["Uusi"].new.n == 0
        assert view.comparison.items  # the ranking comparison is still there
        assert {"category": "Puhelut", "theme": "kanavat", "old": "<5", "new": "<5"} in view.categories_json()

    runner = CliRunner()
    out = runner.invoke(cli, ["--db", str(db), "compare", "kevat", "syksy"])
    assert out.exit_code == 0, out.output
    assert "Kendall" in out.output or "tau" in out.output.lower()  # earlier output kept
    lines = [line for line in out.output.splitlines() if "Pikaviestintä" in line]
    assert lines and "10" in lines[0] and "6" in lines[0]
    assert any("Puhelut" in line and "alle 5" in line for line in out.output.splitlines())  # fi questionnaire
    data = json.loads(runner.invoke(cli, ["--db", str(db), "compare", "kevat", "syksy", "--json"]).output)
    assert {r["category"]: r["old"] for r in data["categories"]}["Pikaviestintä"] == 10
    assert "items" in data


def test_compare_without_coding_has_no_categories(store, kela):
    thesis_round(store, kela, "a")
    thesis_round(store, kela, "b", follows="a")
    assert compare(store, "a", "b").categories == ()
