"""analysis.agreement against hand-worked values and libraries; services.coding_agreement."""

from __future__ import annotations

import random

import pytest

from survey_tui.analysis.agreement import agreement, cohen_kappa, krippendorff_alpha
from survey_tui.errors import InvalidInput
from survey_tui.services import codebook, coding
from survey_tui.services.coding_agreement import agreement as round_agreement

from coding_data import handles, thesis_round

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the nominal example:
# four coders, twelve units, missing values; alpha = 0.743 (hand-worked in the paper).
K2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def test_kappa_hand_worked():
    # 50 answers: both yes 20, A yes/B no 5, A no/B yes 10, both no 15.
    # p_o = 35/50 = 0.7; p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7 - 0.5) / 0.5 = 0.4.
    a = [1] * 20 + [1] * 5 + [0] * 10 + [0] * 15
    b = [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa([1, 1], [1, 1]) is None  # no disagreement possible by chance


def test_alpha_published_example():
    units = list(zip(*K2011))
    assert krippendorff_alpha(units) == pytest.approx(0.743, abs=0.0005)


def test_against_libraries():
    sklearn = pytest.importorskip("sklearn.metrics", reason="scikit-learn (test extra) checks kappa")
    kd = pytest.importorskip("krippendorff", reason="the krippendorff package (test extra) checks alpha")
    import numpy as np

    rng = random.Random(7)
    for _ in range(20):
        a = [rng.choice("xyz") for _ in range(40)]
        b = [v if rng.random() < 0.6 else rng.choice("xyz") for v in a]
        assert cohen_kappa(a, b) == pytest.approx(sklearn.cohen_kappa_score(a, b))
        coders = [[rng.choice([0, 1, 2, None]) for _ in range(25)] for _ in range(3)]
        data = np.array([[np.nan if v is None else v for v in row] for row in coders], dtype=float)
        expected = kd.alpha(reliability_data=data, level_of_measurement="nominal")
        assert krippendorff_alpha(list(zip(*coders))) == pytest.approx(expected)
    data = np.array([[np.nan if v is None else v for v in row] for row in K2011], dtype=float)
    assert kd.alpha(reliability_data=data, level_of_measurement="nominal") == pytest.approx(0.743, abs=0.0005)


def test_per_code_agreement_lists_disagreements():
    coded = {"A": {1: {"t"}, 2: {"t"}, 3: {"p"}, 4: {"t", "p"}},
             "B": {1: {"t"}, 2: {"p"}, 3: {"p"}, 5: {"t"}}}
    result = agreement(coded, ["t", "p"])
    assert result.units == 3 and result.coders == ("A", "B")
    t, p = result.codes
    assert t.disagreements == (2,) and p.disagreements == (2,)
    # code t on units 1..3: A = yes, yes, no; B = yes, no, no
    assert t.kappa == pytest.approx(cohen_kappa([1, 1, 0], [1, 0, 0]))
    assert t.alpha == pytest.approx(krippendorff_alpha([(1, 1), (1, 0), (0, 0)]))


def test_round_agreement_two_coders(store, kela):
    slug = thesis_round(store, kela)
    codebook.add_category(store, slug, "Kanavat", theme_id="kanavat")
    codebook.add_code(store, slug, "Teams", "Kanavat")
    codebook.add_code(store, slug, "Puhelin", "Kanavat")
    q3 = handles(store, slug, "q3")
    with pytest.raises(InvalidInput, match="at least two coders"):
        round_agreement(store, slug)
    settle = None
    for text, handle in q3.items():
        teams = "teams" in text.lower() or "pikaviest" in text.lower()
        coding.assign(store, slug, handle, "Teams" if teams else "Puhelin", coder="A")
        if text == "Teams ja puhelin.":  # B reads it as a phone answer
            settle = handle
            coding.assign(store, slug, handle, "Puhelin", coder="B")
        else:
            coding.assign(store, slug, handle, "Teams" if teams else "Puhelin", coder="B")
    view = round_agreement(store, slug, "q3")
    rows = {r.code: r for r in view.codes}
    assert view.coders == ("A", "B") and view.answers == 11
    # Teams: A yes on 10, B yes on 9; 10 agreements of 11: p_o = 10/11.
    a = [1] * 10 + [0]
    b = [1] * 9 + [0, 0]
    assert rows["Teams"].kappa == pytest.approx(cohen_kappa(a, b))
    assert [d.handle for d in rows["Teams"].disagreements] == [settle]
    assert rows["Teams"].disagreements[0].carried_by == ("A",) and rows["Teams"].disagreements[0].left_by == ("B",)
    assert view.to_json()["codes"][0]["disagreements"][0]["answer"] == settle
