"""services.compare: per category, how many answers carried it in each round (small groups hidden),
as a share of the answers to the category's theme with its Wilson interval, and the change with
its Newcombe interval, Fisher's p and words (the functions the ranking's shares use).

Hand-worked values (z = 1.959964): 10 of 11 -> Wilson 0.6226-0.9838; 5 of 11 -> 0.2127-0.7199;
6 of 11 -> 0.2801-0.7873. 5/11 - 10/11 = -0.4545, Newcombe -0.4545 - sqrt(0.2418^2 + 0.0747^2)
= -0.7076 to -0.4545 + sqrt(0.2654^2 + 0.2865^2) = -0.0641 (0 outside: beyond chance). Fisher
for [[5, 6], [10, 1]]: margins 15 carrying, 7 not, 11 drawn of 22; C(15,x)C(7,11-x) for x = 4..11
is 1365, 21021, 105105, 225225, 225225, 105105, 21021, 1365 (sum C(22,11) = 705432); the tables
no likelier than x = 5 sum to 44772, p = 44772 / 705432 = 0.06347."""

from __future__ import annotations

import json

import pytest
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


def _two_coded_rounds(store, kela, teams_limit: int) -> tuple[str, str]:
    """"kevat" coded (10 of 11 q3 answers Teams), "syksy" following it with the inherited
    codebook used as is (teams_limit answers Teams)."""
    first = thesis_round(store, kela, "kevat")
    codebook.add_category(store, first, "Pikaviestintä", theme_id="kanavat")
    codebook.add_category(store, first, "Puhelut", theme_id="kanavat")
    codebook.add_code(store, first, "Teams", "Pikaviestintä")
    codebook.add_code(store, first, "Puhelin", "Puhelut")
    _code_round(store, first)
    second = thesis_round(store, kela, "syksy", follows=first)
    _code_round(store, second, teams_limit=teams_limit)
    return first, second


def test_compare_has_category_counts_per_round(tmp_path, kela):
    from survey_tui.store import Store

    db = tmp_path / "s.db"
    with Store(db) as store:
        first, second = _two_coded_rounds(store, kela, teams_limit=6)
        codebook.add_category(store, second, "Uusi", theme_id="kanavat")
        view = compare(store, first, second)
        rows = {r.name: r for r in view.categories}
        assert rows["Pikaviestintä"].old.n == 10 and rows["Pikaviestintä"].new.n == 6
        assert rows["Puhelut"].old.visible is None and rows["Puhelut"].old.shown() == "fewer than 5"
        assert rows["Uusi"].old is None and rows["Uusi"].new.n == 0
        assert view.comparison.items  # the ranking comparison is still there
        assert {"category": "Puhelut", "theme": "kanavat", "old": "<5", "new": "<5", "base": "theme_answers",
                "old_share": None, "new_share": None, "change": None} in view.categories_json()
        # The base: the eleven answers to q3, the only question of the theme kanavat.
        teams = rows["Pikaviestintä"]
        assert (teams.old_base, teams.new_base) == (11, 11)
        old, new = teams.share("old"), teams.share("new")
        assert (old.k, old.n, new.k, new.n) == (10, 11, 6, 11)
        assert (old.low, old.high) == pytest.approx((0.6226, 0.9838), abs=1e-4)
        assert (new.low, new.high) == pytest.approx((0.2801, 0.7873), abs=1e-4)
        assert teams.change["within_chance"] is True and teams.change["low"] < 0 < teams.change["high"]
        # Hidden counts have no share (nor a change); a category new in the follow-up has no old one.
        assert rows["Puhelut"].share("old") is None and rows["Puhelut"].change is None
        assert rows["Uusi"].share("old") is None and rows["Uusi"].share("new") is None

    runner = CliRunner()
    out = runner.invoke(cli, ["--db", str(db), "compare", "kevat", "syksy"])
    assert out.exit_code == 0, out.output
    assert "Kendall" in out.output or "tau" in out.output.lower()  # earlier output kept
    lines = [line for line in out.output.splitlines() if "Pikaviestintä" in line]
    assert lines and "10 / 11 = 91 % (62–98 %)" in lines[0] and "6 / 11 = 55 % (28–79 %)" in lines[0]
    assert any("Pikaviestintä:" in line and "sattuma" in line and "Fisher" not in line
               for line in lines[1:])
    assert "Osuus on laskettu kierroksen vastauksista luokan teemaan" in out.output
    assert any("Puhelut" in line and "alle 5" in line for line in out.output.splitlines())  # fi questionnaire
    data = json.loads(runner.invoke(cli, ["--db", str(db), "compare", "kevat", "syksy", "--json"]).output)
    by_name = {r["category"]: r for r in data["categories"]}
    assert by_name["Pikaviestintä"]["old"] == 10 and by_name["Pikaviestintä"]["base"] == "theme_answers"
    assert by_name["Pikaviestintä"]["new_share"] == {"k": 6, "n": 11, "share": 0.5455, "low": 0.2801, "high": 0.7873}
    assert by_name["Puhelut"]["old_share"] is None and by_name["Puhelut"]["change"] is None
    assert "items" in data


def test_compare_without_coding_has_no_categories(store, kela):
    thesis_round(store, kela, "a")
    thesis_round(store, kela, "b", follows="a")
    assert compare(store, "a", "b").categories == ()


def test_a_category_change_has_its_newcombe_interval_fisher_p_and_words(tmp_path, kela):
    """10 of 11 -> 5 of 11, values worked by hand (module docstring); an answer to another
    theme's question carrying the category joins the base, so k never exceeds n."""
    from survey_tui.store import Store

    db = tmp_path / "s.db"
    with Store(db) as store:
        first, second = _two_coded_rounds(store, kela, teams_limit=5)
        view = compare(store, first, second)
        row = view.categories[0]
        assert row.name == "Pikaviestintä"
        new = row.share("new")
        assert (new.k, new.n) == (5, 11) and (new.low, new.high) == pytest.approx((0.2127, 0.7199), abs=1e-4)
        change = row.change
        assert change["change"] == pytest.approx(-5 / 11)
        assert (change["low"], change["high"]) == pytest.approx((-0.7076, -0.0641), abs=1e-4)
        assert change["fisher_p"] == pytest.approx(44772 / 705432)
        assert change["within_chance"] is False  # the interval leaves 0 out, as for the ranking's shares

        # An answer to q4 (theme henkilot) carrying the category: 11 of 12, not 11 of 11.
        henkilo = next(h for text, h in handles(store, first, "q4").items() if "Nimetyt yhteyshenkilöt" in text)
        coding.assign(store, first, henkilo, "Teams")
        row = compare(store, first, second).categories[0]
        old = row.share("old")
        assert (old.k, old.n) == (11, 12)
        # [[5, 6], [11, 1]]: C(16,x)C(7,11-x), x = 4, 5, 11 are no likelier than x = 5:
        # (1820 + 30576 + 4368) / C(23,11) = 36764 / 1352078.
        assert row.change["fisher_p"] == pytest.approx(36764 / 1352078)

    out = CliRunner().invoke(cli, ["--db", str(db), "compare", "kevat", "syksy", "--lang", "en"])
    assert out.exit_code == 0, out.output
    assert ("  Pikaviestintä: 11 / 12 = 92% (65–99%) → 5 / 11 = 45% (21–72%): -46 pp (95% CI -71 … -8), "
            "larger than chance alone would usually give") in out.output.splitlines()
    assert "  A share is of the answers to the category's theme in that round" in out.output
