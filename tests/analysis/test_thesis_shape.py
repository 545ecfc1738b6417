"""A data set shaped like the seed thesis: 11 respondents, first choices as in its Kuvio 4.

Kuvio 4: kanavat 5, ymmarrys 3, henkilot 2, tunteminen 1, tiedottaminen 0 first choices.
"""

from __future__ import annotations

import json
import random

import pytest

from survey_tui.analysis import explain, ranking_stats, theme_summaries
from survey_tui.analysis.explain import EXPLAIN

IDS = ["tiedottaminen", "tunteminen", "kanavat", "henkilot", "ymmarrys"]
# Four ranking patterns (after the first choice, the rest in a fixed order):
K = ["kanavat", "tiedottaminen", "tunteminen", "henkilot", "ymmarrys"]  # x 5
Y = ["ymmarrys", "tiedottaminen", "tunteminen", "kanavat", "henkilot"]  # x 3
H = ["henkilot", "tiedottaminen", "tunteminen", "kanavat", "ymmarrys"]  # x 2
T = ["tunteminen", "tiedottaminen", "kanavat", "henkilot", "ymmarrys"]  # x 1
RANKINGS = [K] * 5 + [Y] * 3 + [H] * 2 + [T]

# Borda (points 4 3 2 1 0 for positions 1..5):
#   kanavat       K 4*5 + Y 1*3 + H 1*2 + T 2*1 = 20 + 3 + 2 + 2 = 27
#   tiedottaminen K 3*5 + Y 3*3 + H 3*2 + T 3*1 = 15 + 9 + 6 + 3 = 33
#   tunteminen    K 2*5 + Y 2*3 + H 2*2 + T 4*1 = 10 + 6 + 4 + 4 = 24
#   henkilot      K 1*5 + Y 0   + H 4*2 + T 1*1 = 5 + 0 + 8 + 1 = 14
#   ymmarrys      K 0   + Y 4*3 + H 0   + T 0   = 12          (total 110 = 11 * (4+3+2+1+0))
# Rank sums = 11 * 5 - Borda: kanavat 28, tiedottaminen 22, tunteminen 31, henkilot 41, ymmarrys 43
# Head to head: tiedottaminen above kanavat in Y H T = 6 vs K = 5, above all others too (Condorcet winner);
#   tunteminen above kanavat in Y H T = 6 vs 5; kanavat above henkilot 9:2, ymmarrys 8:3;
#   tunteminen above henkilot 9:2, ymmarrys 8:3; henkilot above ymmarrys 8:3
#   -> no cycle, Schulze = tiedottaminen tunteminen kanavat henkilot ymmarrys
# Kendall W: mean rank sum 11 * 3 = 33; S = 25 + 121 + 4 + 64 + 100 = 314;
#   W = 12 * 314 / (121 * 120) = 3768 / 14520 = 0.25950...


def test_first_choices_reproduce_kuvio_4():
    rng = random.Random(4)
    shuffled = RANKINGS[:]
    rng.shuffle(shuffled)  # a store returns responses in random order
    s = ranking_stats(iter(shuffled), IDS)
    assert s.n == 11 and s.k == 5 and s.complete
    first = {i.id: i.first_choice for i in s.items}
    assert first == {"kanavat": 5, "ymmarrys": 3, "henkilot": 2, "tunteminen": 1, "tiedottaminen": 0}
    by_first = [i.id for i in sorted(s.items, key=lambda i: -i.first_choice)]
    assert by_first == ["kanavat", "ymmarrys", "henkilot", "tunteminen", "tiedottaminen"]
    assert s.item("kanavat").first_choice_share == pytest.approx(5 / 11)
    assert s.item("tiedottaminen").first_choice_share == 0.0
    assert [i.id for i in s.items] == IDS  # questionnaire order kept


def test_other_statistics_of_the_thesis_set():
    s = ranking_stats(RANKINGS, IDS)
    assert {i.id: i.borda for i in s.items} == {
        "tiedottaminen": 33, "tunteminen": 24, "kanavat": 27, "henkilot": 14, "ymmarrys": 12
    }
    assert s.item("kanavat").mean_rank == pytest.approx(28 / 11)
    assert s.item("tiedottaminen").mean_rank == pytest.approx(2.0)
    assert s.item("kanavat").positions == (5, 0, 1, 5, 0)  # 1st K; 3rd T; 4th Y H
    for pos in range(5):
        assert sum(i.positions[pos] for i in s.items) == 11
    assert s.pairwise[IDS.index("tiedottaminen")][IDS.index("kanavat")] == 6
    assert s.pairwise[IDS.index("kanavat")][IDS.index("tiedottaminen")] == 5
    # the most first choices is not the consensus winner: why both are reported
    assert s.consensus == ("tiedottaminen", "tunteminen", "kanavat", "henkilot", "ymmarrys")
    assert s.kendall_w == pytest.approx(3768 / 14520)
    assert json.loads(json.dumps(s.to_dict()))["items"][2]["first_choice"] == 5


def test_theme_summaries_of_the_shipped_questionnaire(kela):
    assert [t.id for t in kela.themes] == IDS
    responses = []
    for i, ranking in enumerate(RANKINGS):
        answers = {"q3": "Pikaviestin tai chatti olisi hyvä kanava."} if i < 6 else {"q3": ""}
        if i % 2 == 0:
            answers["q1a"] = "Yhteistyöpalaverit ja yhteiset koulutukset auttaisivat. Koulutuksia tarvitaan lisää."
        responses.append({"id": f"r{i}", "language": "fi", "answers": answers, "ranking": ranking})
    themes = {t.id: t for t in theme_summaries(kela, responses, [], "fi", random.Random(0))}
    assert [(q.id, q.answered, q.blank) for q in themes["tiedottaminen"].questions] == [
        ("q1a", 6, 5), ("q1b", 0, 11), ("q1c", 0, 11)
    ]
    assert [(q.id, q.answered, q.blank) for q in themes["kanavat"].questions] == [("q3", 6, 5)]
    # each of the 6 identical answers gives auttaa, koulutus (twice in the answer, once counted),
    # tarvita, yhteinen, yhteistyöpalaveri; "ja" and "lisää" are stop words; ties alphabetical
    assert themes["tiedottaminen"].keywords == (
        ("auttaa", 6), ("koulutus", 6), ("tarvita", 6), ("yhteinen", 6), ("yhteistyöpalaveri", 6)
    )
    kw = dict(themes["kanavat"].keywords)
    assert kw["pikaviestin"] == 6 and kw["chatti"] == 6 and "tai" not in kw
    assert themes["kanavat"].title == kela.text(kela.themes[2].title, "fi")


def test_every_statistic_has_an_explanation_in_both_languages():
    keys = {"n", "first_choice", "first_choice_share", "positions", "mean_rank", "borda", "pairwise",
            "consensus", "kendall_w", "partial", "tau", "min_group"}
    assert keys <= set(EXPLAIN)
    for key in keys:
        for lang in ("fi", "en"):
            line = explain(key, lang)
            assert line and "\n" not in line
    assert "0" in explain("kendall_w", "en") and "1" in explain("kendall_w", "en")
    assert explain("tau", "de") == explain("tau", "en")  # no German catalog: English
    with pytest.raises(KeyError):
        explain("nope", "fi")
