"""Small-sample figures: intervals for shares, and tests for changes between two rounds.

Pure Python (math and random only), so reports need no scientific stack; tests/stats checks
every function against statsmodels and scipy, and against values worked by hand.

- `wilson(k, n)`: the Wilson score 95 % interval for k of n (no continuity correction),
  which stays inside 0..1 and is sensible for 0 of n and n of n, unlike k/n +- 1.96 se;
- `newcombe(k_new, n_new, k_old, n_old)`: Newcombe's hybrid score interval (his method 10)
  for the difference of two independent shares, new - old, built from the two Wilson
  intervals;
- `fisher(k_new, n_new, k_old, n_old)`: Fisher's exact two-sided p-value for the same 2x2
  table (the probabilities of all tables with the same margins that are no more likely
  than the one seen), computed with exact integers;
- `rank_permutation(new_counts, old_counts)`: a two-sided permutation test for the change
  in mean rank of one item, from the item's position counts in each round. The statistic
  is mean(new) - mean(old); the p-value is twice the smaller one-sided p-value (scipy's
  permutation_test convention). Exact when the arrangements can be counted cheaply
  (every way of splitting the pooled ranks into groups of the two sizes, counted by sum);
  else a Monte Carlo estimate from RESAMPLES random splits with a fixed seed, so the same
  data always gives the same p-value (a split is drawn as how many of each rank the new
  group takes, a few steps per rank rather than one per respondent).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import random
from dataclasses import dataclass
from typing import Any, Sequence

Z95 = 1.959963984540054  # the standard normal 97.5 % point
RESAMPLES = 9999  # Monte Carlo splits when the exact count would be too much work
SEED = 14  # the Monte Carlo's fixed seed: one data set, one p-value
EXACT_WORK = 3_000_000  # steps of the exact count allowed before falling back to Monte Carlo
ALPHA = 0.05


@dataclass(frozen=True)
class Share:
    """k of n with its Wilson 95 % interval; share, low and high are None when n is 0."""

    k: int
    n: int
    share: float | None
    low: float | None
    high: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"k": self.k, "n": self.n, "share": _r(self.share), "low": _r(self.low), "high": _r(self.high)}


def _r(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _check_counts(k: int, n: int) -> None:
    if isinstance(k, bool) or isinstance(n, bool) or not isinstance(k, int) or not isinstance(n, int):
        raise ValueError(f"counts must be integers, got {k!r} of {n!r}")
    if n < 0 or k < 0 or k > n:
        raise ValueError(f"need 0 <= k <= n, got {k} of {n}")


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval (low, high) of k/n; None for n = 0."""
    _check_counts(k, n)
    if n == 0:
        return None
    p = k / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    # The exact ends at 0 of n and n of n (the formula gives them up to rounding).
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return low, high


def share(k: int, n: int) -> Share:
    """k of n as a Share (count, share and Wilson interval together)."""
    interval = wilson(k, n)
    if interval is None:
        return Share(k, n, None, None, None)
    return Share(k, n, k / n, interval[0], interval[1])


def newcombe(k_new: int, n_new: int, k_old: int, n_old: int) -> tuple[float, float, float] | None:
    """(difference, low, high) of k_new/n_new - k_old/n_old, Newcombe's hybrid score 95 %
    interval (method 10); None when either round has n = 0."""
    a, b = wilson(k_new, n_new), wilson(k_old, n_old)
    if a is None or b is None:
        return None
    p1, p2 = k_new / n_new, k_old / n_old
    (l1, u1), (l2, u2) = a, b
    diff = p1 - p2
    low = diff - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = diff + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return diff, max(-1.0, low), min(1.0, high)


def _log_comb(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def fisher(k_new: int, n_new: int, k_old: int, n_old: int) -> float | None:
    """Fisher's exact two-sided p-value of the table [[k_new, n_new - k_new], [k_old, n_old - k_old]]:
    the probability of every table with the same margins that is no more likely than this one
    (to a relative 1e-7, so tables equally likely in exact arithmetic count alike); None when
    either round has n = 0."""
    _check_counts(k_new, n_new)
    _check_counts(k_old, n_old)
    if n_new == 0 or n_old == 0:
        return None
    total, column, draws = n_new + n_old, k_new + k_old, n_new
    lowest, highest = max(0, draws - (total - column)), min(column, draws)
    base = _log_comb(total, draws)

    def log_p(x: int) -> float:
        return _log_comb(column, x) + _log_comb(total - column, draws - x) - base

    seen = log_p(k_new) + 1e-7
    return min(1.0, math.fsum(math.exp(lp) for lp in map(log_p, range(lowest, highest + 1)) if lp <= seen))


@dataclass(frozen=True)
class RankTest:
    """A change in mean rank between two rounds and its two-sided permutation p-value."""

    n_old: int
    n_new: int
    mean_old: float
    mean_new: float
    change: float  # mean_new - mean_old
    p: float
    exact: bool  # False: Monte Carlo with `resamples` random splits (seed SEED)
    resamples: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "n_old": self.n_old,
            "n_new": self.n_new,
            "mean_old": _r(self.mean_old),
            "mean_new": _r(self.mean_new),
            "change": _r(self.change),
            "p": _r(self.p),
            "exact": self.exact,
            "resamples": self.resamples,
        }


def _pool(counts: Sequence[int]) -> list[tuple[int, int]]:
    """(rank, how many) for ranks 1..k from position counts."""
    out = []
    for pos, c in enumerate(counts, 1):
        if isinstance(c, bool) or not isinstance(c, int) or c < 0:
            raise ValueError(f"a position count must be a non-negative integer, got {c!r}")
        if c:
            out.append((pos, c))
    return out


def _exact_work(classes: list[tuple[int, int]], draws: int) -> int:
    top = max((v for v, _ in classes), default=0)
    widest = max((m for _, m in classes), default=0)
    return len(classes) * (draws + 1) * (draws * top + 1) * (widest + 1)


def _sum_distribution(classes: list[tuple[int, int]], draws: int) -> dict[int, int]:
    """How many of the comb(N, draws) ways of choosing `draws` of the N pooled values give
    each sum: the same count as listing every arrangement, without listing them."""
    ways: dict[tuple[int, int], int] = {(0, 0): 1}
    for value, many in classes:
        step: dict[tuple[int, int], int] = {}
        for (taken, total), w in ways.items():
            for c in range(min(many, draws - taken) + 1):
                key = (taken + c, total + c * value)
                step[key] = step.get(key, 0) + w * math.comb(many, c)
        ways = step
    return {total: w for (taken, total), w in ways.items() if taken == draws}


@functools.lru_cache(maxsize=512)
def _hypergeometric_table(population: int, marked: int, draws: int) -> tuple[int, tuple[float, ...]]:
    """(first value, cumulative probabilities) of how many marked items a random draw of
    `draws` of `population` takes; tails below 1e-16 of the mode's probability left out.
    Built from the mode outwards with the ratio pmf(x + 1) / pmf(x), so nothing underflows."""
    lo, hi = max(0, draws - (population - marked)), min(marked, draws)
    mode = min(max((draws + 1) * (marked + 1) // (population + 2), lo), hi)

    def up(x: int) -> float:  # pmf(x + 1) / pmf(x), relative to the mode's 1.0
        return (marked - x) * (draws - x) / ((x + 1) * (population - marked - draws + x + 1))

    above, p = [], 1.0
    for x in range(mode, hi):
        p *= up(x)
        if p < 1e-16:
            break
        above.append(p)
    below, p = [], 1.0
    for x in range(mode - 1, lo - 1, -1):
        p /= up(x)
        if p < 1e-16:
            break
        below.append(p)
    weights = below[::-1] + [1.0] + above
    return mode - len(below), tuple(itertools.accumulate(weights))


def _hypergeometric(rng: random.Random, population: int, marked: int, draws: int) -> int:
    """A random draw of the hypergeometric distribution, by inversion of its table."""
    first, cumulative = _hypergeometric_table(population, marked, draws)
    return first + bisect.bisect_left(cumulative, rng.random() * cumulative[-1])


def _random_split_sum(rng: random.Random, classes: list[tuple[int, int]], draws: int) -> int:
    """The new group's rank sum in one random split of the pooled ranks: how many of each
    rank it takes is a multivariate hypergeometric draw, made rank by rank."""
    population = sum(m for _, m in classes)
    total = 0
    for value, many in classes[:-1]:
        taken = _hypergeometric(rng, population, many, draws)
        total += value * taken
        draws -= taken
        population -= many
    return total + classes[-1][0] * draws


def rank_permutation(
    new_counts: Sequence[int], old_counts: Sequence[int], *, resamples: int = RESAMPLES, seed: int = SEED
) -> RankTest | None:
    """The permutation test of mean(new ranks) - mean(old ranks) for one item, from its
    position counts (how many put it 1st, 2nd, ...) in each round; None when either round
    has nobody who ranked it."""
    new, old = _pool(new_counts), _pool(old_counts)
    n_new, n_old = sum(m for _, m in new), sum(m for _, m in old)
    if not n_new or not n_old:
        return None
    sum_new, sum_old = sum(v * m for v, m in new), sum(v * m for v, m in old)
    merged: dict[int, int] = {}
    for v, m in new + old:
        merged[v] = merged.get(v, 0) + m
    classes = sorted(merged.items())
    mean_new, mean_old = sum_new / n_new, sum_old / n_old
    # mean(new) - mean(old) grows with the new group's sum (the pooled total is fixed), so
    # the tails are counted on that integer sum: no rounding decides a tie.
    if _exact_work(classes, n_new) <= EXACT_WORK:
        dist = _sum_distribution(classes, n_new)
        everything = math.comb(n_new + n_old, n_new)
        upper = sum(w for s, w in dist.items() if s >= sum_new) / everything
        lower = sum(w for s, w in dist.items() if s <= sum_new) / everything
        exact, used = True, None
    else:
        rng = random.Random(seed)
        hits_up = hits_down = 0
        for _ in range(resamples):
            s = _random_split_sum(rng, classes, n_new)
            hits_up += s >= sum_new
            hits_down += s <= sum_new
        _hypergeometric_table.cache_clear()  # the tables are this data's only
        # +1 on both sides: the observed split is one of the possible ones (scipy does the same).
        upper, lower = (hits_up + 1) / (resamples + 1), (hits_down + 1) / (resamples + 1)
        exact, used = False, resamples
    p = min(1.0, 2 * min(upper, lower))
    return RankTest(n_old, n_new, mean_old, mean_new, mean_new - mean_old, p, exact, used)


def within_chance(interval: tuple[float, float] | None = None, p: float | None = None) -> bool | None:
    """True when a change is within what chance alone could give: its 95 % interval holds 0,
    or its p-value is at least ALPHA; None when there is neither."""
    if interval is not None:
        return interval[0] <= 0 <= interval[1]
    if p is not None:
        return p >= ALPHA
    return None
