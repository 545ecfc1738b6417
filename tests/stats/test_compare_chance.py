"""compare of a kela-sosiaalitoimi round with a kela-seuranta round: every change with the
counts behind it, its interval or permutation p, and words for what chance could give."""

from __future__ import annotations

import json

import pytest
from statsmodels.stats.proportion import confint_proportions_2indep

from survey_tui.questionnaire import load_shipped

ITEMS = ["tiedottaminen", "tunteminen", "kanavat", "henkilot", "ymmarrys"]
# The thesis round: first choices kanavat 5, ymmarrys 3, henkilot 2, tunteminen 1, tiedottaminen 0.
OLD_FIRST = ["kanavat"] * 5 + ["ymmarrys"] * 3 + ["henkilot"] * 2 + ["tunteminen"]
# The follow-up: information sharing (tiedottaminen) moves to the top for 8 of 12.
NEW_FIRST = ["tiedottaminen"] * 8 + ["kanavat"] * 3 + ["ymmarrys"]


def rankings(firsts):
    out = []
    for i, first in enumerate(firsts):
        rest = [x for x in ITEMS if x != first]
        r = i % len(rest)
        out.append([first] + rest[r:] + rest[:r])
    return out


def seuranta_answers(i: int) -> dict:
    adopted = ["yes", "yes", "partly", "no"][i % 4]
    answers = {"p1_adopted": adopted, "p1_works": [4, 5, 3, "dont_know"][i % 4], "q3": "Yhteinen chat toimii."}
    if adopted in ("partly", "no"):
        answers["p1_obstacles"] = "Aikaa ei ole ollut."
    return answers


@pytest.fixture
def two_rounds(store, kela):
    store.create_round("kevat", kela, state="closed")
    store.import_responses("kevat", [{"language": "fi", "answers": {"q3": "Chat auttaisi."}, "ranking": r}
                                     for r in rankings(OLD_FIRST)])
    seuranta = load_shipped("kela-seuranta")
    store.create_round("seuranta", seuranta, state="closed")
    store.import_responses("seuranta", [{"language": "fi", "answers": seuranta_answers(i), "ranking": r}
                                        for i, r in enumerate(rankings(NEW_FIRST))])
    return store


def run(store, *args):
    from click.testing import CliRunner

    from survey_tui.cli.main import cli

    result = CliRunner().invoke(cli, ["--db", store.path, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_json_gives_counts_interval_p_and_words(two_rounds):
    data = json.loads(run(two_rounds, "compare", "kevat", "seuranta", "--json"))
    items = {item["id"]: item for item in data["items"]}
    assert set(items) == set(ITEMS)
    info = items["tiedottaminen"]["first_choice"]
    assert info["old"] == {"k": 0, "n": 11, "share": 0.0, "low": 0.0, "high": 0.2588}
    assert (info["new"]["k"], info["new"]["n"]) == (8, 12)
    low, high = confint_proportions_2indep(8, 12, 0, 11, method="newcomb", compare="diff")
    assert (info["low"], info["high"]) == (pytest.approx(low), pytest.approx(high))
    assert info["change"] == pytest.approx(8 / 12) and low > 0 and info["within_chance"] is False
    canal = items["kanavat"]["first_choice"]
    assert (canal["old"]["k"], canal["new"]["k"]) == (5, 3) and canal["within_chance"] is True
    rank = items["tiedottaminen"]["mean_rank_test"]
    assert rank["exact"] and (rank["n_old"], rank["n_new"]) == (11, 12)
    assert rank["p"] < 0.05 and rank["within_chance"] is False
    assert items["henkilot"]["mean_rank_test"]["within_chance"] is (items["henkilot"]["mean_rank_test"]["p"] >= 0.05)
    assert data["closed"] == []  # the first round asked no closed question


@pytest.mark.parametrize("lang,within,beyond,share", [
    ("fi", "mahtuu siihen, mitä pelkkä sattuma voisi tuottaa", "suurempi kuin pelkkä sattuma yleensä tuottaisi",
     "5 / 11 = 45 % (21–72 %)"),
    ("sv", "inom vad slumpen ensam kunde ge", "större än vad slumpen ensam brukar ge", "5 / 11 = 45 % (21–72 %)"),
    ("en", "within what chance alone could give", "larger than chance alone would usually give",
     "5 / 11 = 45% (21–72%)"),
])
def test_text_says_in_words_what_chance_could_give(two_rounds, lang, within, beyond, share):
    out = run(two_rounds, "compare", "kevat", "seuranta", "--lang", lang)
    lines = out.splitlines()
    assert share in out  # the table and the detail both show the count behind each share
    heading = lines.index(next(line for line in lines if line.startswith(
        {"fi": "Muutokset ja sattuma", "sv": "Förändringar och slump", "en": "Changes and chance"}[lang])))
    detail = lines[heading:]
    first = [line for line in detail if "8 / 12" in line]
    assert first and first[0].endswith(beyond)  # 0 / 11 -> 8 / 12: the interval leaves out 0
    assert any(line.endswith(within) and "5 / 11" in line and "3 / 12" in line for line in detail)
    assert any(("p = " in line) and ("n = 11" in line) and ("n = 12" in line) for line in detail)


def test_two_follow_up_rounds_compare_closed_shares(store):
    seuranta = load_shipped("kela-seuranta")
    for slug, shift in (("s1", 0), ("s2", 1)):
        store.create_round(slug, seuranta, state="closed")
        store.import_responses(slug, [{"language": "fi", "answers": seuranta_answers(i + shift), "ranking": r}
                                      for i, r in enumerate(rankings(NEW_FIRST))])
    data = json.loads(run(store, "compare", "s1", "s2", "--json"))
    rows = {row["id"]: row for row in data["closed"]}
    adopted = {o["id"]: o for o in rows["p1_adopted"]["options"]}
    assert (adopted["yes"]["old"]["k"], adopted["yes"]["new"]["k"], adopted["yes"]["new"]["n"]) == (6, 6, 12)
    assert adopted["yes"]["within_chance"] is True and adopted["yes"]["fisher_p"] == pytest.approx(1.0)
    works = rows["p1_works"]
    assert works["top_points"] == [4, 5] and works["top_box"]["old"]["n"] == 9
    assert works["mean_test"]["within_chance"] is True
    out = run(store, "compare", "s1", "s2", "--lang", "en")
    assert "6 / 12 = 50% (25–75%) → 6 / 12 = 50% (25–75%): 0 pp" in out
    assert "Top box (4–5)" in out
