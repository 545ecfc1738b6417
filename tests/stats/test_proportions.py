"""analysis/proportions.py against statsmodels and scipy, and against values worked by hand."""

from __future__ import annotations

import itertools
import math
import random

import numpy as np
import pytest
from scipy.stats import fisher_exact, permutation_test
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from survey_tui.analysis import proportions as P


def test_five_of_eleven_by_hand():
    # p = 5/11, z^2 = 3.8415: centre (p + z^2/22) / (1 + z^2/11) = 0.46627,
    # half-width z / 1.34923 * sqrt(p(1-p)/11 + z^2/484) = 0.25356: 0.2127 .. 0.7199.
    low, high = P.wilson(5, 11)
    assert low == pytest.approx(0.2127, abs=5e-5)
    assert high == pytest.approx(0.7199, abs=5e-5)
    s = P.share(5, 11)
    assert (s.k, s.n) == (5, 11) and s.share == pytest.approx(5 / 11)
    assert s.to_dict() == {"k": 5, "n": 11, "share": 0.4545, "low": 0.2127, "high": 0.7199}


def test_ends_of_the_range_by_hand():
    # 0 of n: low is 0 and high z^2 / (n + z^2); n of n mirrors it.
    z2 = P.Z95**2
    assert P.wilson(0, 11) == (0.0, pytest.approx(z2 / (11 + z2)))
    assert P.wilson(11, 11) == (pytest.approx(11 / (11 + z2)), 1.0)
    assert P.wilson(0, 0) is None and P.share(0, 0).share is None


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 11, 12, 20, 37, 100, 1000])
def test_wilson_matches_statsmodels(n):
    for k in range(n + 1) if n <= 100 else (0, 1, 7, 500, 999, 1000):
        low, high = P.wilson(k, n)
        ref_low, ref_high = proportion_confint(k, n, alpha=0.05, method="wilson")
        assert low == pytest.approx(ref_low, abs=1e-12), (k, n)
        assert high == pytest.approx(ref_high, abs=1e-12), (k, n)


def test_newcombe_matches_statsmodels():
    cases = [(k1, n1, k2, n2) for n1 in (1, 5, 11, 12) for n2 in (3, 8, 11) for k1 in range(n1 + 1)
             for k2 in range(n2 + 1)]
    for k1, n1, k2, n2 in cases:
        diff, low, high = P.newcombe(k1, n1, k2, n2)
        ref_low, ref_high = confint_proportions_2indep(k1, n1, k2, n2, method="newcomb", compare="diff")
        assert diff == pytest.approx(k1 / n1 - k2 / n2)
        assert low == pytest.approx(ref_low, abs=1e-12), (k1, n1, k2, n2)
        assert high == pytest.approx(ref_high, abs=1e-12), (k1, n1, k2, n2)
    assert P.newcombe(0, 0, 1, 2) is None


def test_newcombe_by_hand_from_the_two_wilson_intervals():
    # 7/11 - 5/11: low = d - sqrt((p1 - l1)^2 + (u2 - p2)^2), high = d + sqrt((u1 - p1)^2 + (p2 - l2)^2).
    l1, u1 = P.wilson(7, 11)
    l2, u2 = P.wilson(5, 11)
    p1, p2 = 7 / 11, 5 / 11
    d, low, high = P.newcombe(7, 11, 5, 11)
    assert low == pytest.approx(d - math.hypot(p1 - l1, u2 - p2))
    assert high == pytest.approx(d + math.hypot(u1 - p1, p2 - l2))
    assert (round(low, 3), round(high, 3)) == (-0.206, 0.503)
    assert P.within_chance((low, high)) is True
    # 0 of 9 after 5 of 11: the interval stays below zero.
    assert P.within_chance(P.newcombe(0, 9, 5, 11)[1:]) is False


def test_fisher_matches_scipy():
    for k1, n1, k2, n2 in itertools.product(range(0, 8, 2), (7, 11), range(0, 12, 3), (11, 12)):
        if k1 > n1 or k2 > n2:
            continue
        ref = fisher_exact([[k1, n1 - k1], [k2, n2 - k2]], alternative="two-sided").pvalue
        assert P.fisher(k1, n1, k2, n2) == pytest.approx(ref, rel=1e-9, abs=1e-15), (k1, n1, k2, n2)


@pytest.mark.parametrize("k1,n1,k2,n2", [(1000, 2000, 950, 2000), (3, 500, 12, 480), (0, 3000, 1, 2500)])
def test_fisher_matches_scipy_on_large_rounds(k1, n1, k2, n2):
    ref = fisher_exact([[k1, n1 - k1], [k2, n2 - k2]], alternative="two-sided").pvalue
    assert P.fisher(k1, n1, k2, n2) == pytest.approx(ref, rel=1e-9)


def test_fisher_by_hand():
    # [[3, 0], [0, 3]]: only this table and its mirror are as unlikely, each 1 / C(6, 3) = 1/20.
    assert P.fisher(3, 3, 0, 3) == pytest.approx(2 / 20)
    assert P.fisher(2, 4, 2, 4) == pytest.approx(1.0)


def _scipy_rank_p(new_counts, old_counts, **kwargs):
    x = np.repeat(np.arange(1, len(new_counts) + 1), new_counts)
    y = np.repeat(np.arange(1, len(old_counts) + 1), old_counts)
    return permutation_test(
        (x, y), lambda a, b, axis: a.mean(axis=axis) - b.mean(axis=axis), vectorized=True,
        permutation_type="independent", alternative="two-sided", **kwargs,
    ).pvalue


def test_rank_permutation_exact_matches_scipy_exact():
    rng = random.Random(7)
    for _ in range(12):  # up to 7 + 7 ranks: scipy lists every arrangement quickly
        new, old = [0] * 5, [0] * 5
        for counts in (new, old):
            for _ in range(rng.randint(2, 7)):  # scipy needs two in each group
                counts[rng.randrange(5)] += 1
        test = P.rank_permutation(new, old)
        assert test.exact and test.resamples is None
        assert test.p == pytest.approx(_scipy_rank_p(new, old, n_resamples=np.inf), rel=1e-9), (new, old)
        assert test.n_new == sum(new) and test.n_old == sum(old)


def test_rank_permutation_by_hand():
    # Ranks {1, 2} then {3, 4}: of the C(4, 2) = 6 splits, only {1,2}/{3,4} and its mirror are
    # as far apart (mean change -2), so p = 2 * (1/6) = 1/3.
    test = P.rank_permutation([0, 0, 1, 1], [1, 1, 0, 0])
    assert test.change == pytest.approx(2.0) and test.p == pytest.approx(1 / 3)
    # The same ranks in both rounds: nothing changed, p = 1.
    assert P.rank_permutation([2, 3, 1], [2, 3, 1]).p == pytest.approx(1.0)
    assert P.rank_permutation([0, 0], [1, 1]) is None


def _listed_p(new_counts, old_counts):
    """The exact p by listing every split of the pooled ranks (slow; small groups only)."""
    ranks = [r for counts in (new_counts, old_counts) for r, c in enumerate(counts, 1) for _ in range(c)]
    n_new = sum(new_counts)
    seen = sum(ranks[:n_new])
    sums = [sum(pick) for pick in itertools.combinations(ranks, n_new)]
    upper = sum(s >= seen for s in sums) / len(sums)
    lower = sum(s <= seen for s in sums) / len(sums)
    return min(1.0, 2 * min(upper, lower))


def test_eight_and_eight_by_listing_every_split():
    new, old = [4, 2, 1, 1, 0], [1, 1, 2, 2, 2]
    assert P.rank_permutation(new, old).p == pytest.approx(_listed_p(new, old), rel=1e-12)


def test_eleven_and_eleven_are_counted_exactly():
    # C(22, 11) = 705 432 arrangements: counted exactly, by their sums; scipy's Monte Carlo
    # with 99 999 splits agrees to its own error (about 0.002 here).
    new, old = [5, 3, 2, 1, 0], [1, 2, 3, 2, 3]
    test = P.rank_permutation(new, old)
    assert test.exact
    ref = _scipy_rank_p(new, old, n_resamples=99_999, rng=np.random.default_rng(3))
    assert test.p == pytest.approx(ref, abs=0.006)
    assert P.within_chance(p=test.p) is (test.p >= 0.05)


def test_rank_permutation_monte_carlo_is_seeded_and_close(monkeypatch):
    new, old = [30, 25, 20, 15, 10], [20, 22, 20, 20, 18]
    exact = P.rank_permutation(new, old)
    monkeypatch.setattr(P, "EXACT_WORK", 0)
    first = P.rank_permutation(new, old)
    assert not first.exact and first.resamples == P.RESAMPLES
    assert P.rank_permutation(new, old).p == first.p  # the fixed seed: same data, same p
    # Monte Carlo's standard error at p ~ 0.1 with 9999 splits is about 0.003.
    assert first.p == pytest.approx(exact.p, abs=0.015)
    ref = _scipy_rank_p(new, old, n_resamples=9999, rng=np.random.default_rng(1))
    assert first.p == pytest.approx(ref, abs=0.02)


def test_large_rounds_fall_back_to_monte_carlo():
    test = P.rank_permutation([50, 40, 20, 20, 20], [20, 30, 40, 35, 25])
    assert not test.exact and test.resamples == P.RESAMPLES
    assert test.p < 0.01


def test_bad_counts_are_refused():
    with pytest.raises(ValueError):
        P.wilson(3, 2)
    with pytest.raises(ValueError):
        P.wilson(1.0, 2)
    with pytest.raises(ValueError):
        P.rank_permutation([1, -1], [1, 1])


@pytest.mark.parametrize("population,marked,draws", [(30, 12, 10), (23, 5, 11), (400, 80, 200), (9, 9, 4), (9, 0, 4)])
def test_the_monte_carlo_draws_splits_with_the_hypergeometric_law(population, marked, draws):
    from scipy.stats import hypergeom

    rng = random.Random(5)
    runs = 40_000
    seen = np.bincount([P._hypergeometric(rng, population, marked, draws) for _ in range(runs)],
                       minlength=min(marked, draws) + 1) / runs
    law = hypergeom(population, marked, draws).pmf(np.arange(len(seen)))
    assert np.abs(seen - law).max() < 0.01
    assert seen.sum() == pytest.approx(1.0)
