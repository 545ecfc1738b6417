"""Ranking statistics against hand-computed small cases."""

from __future__ import annotations

import itertools
import json
import random
import time

import pytest

from survey_tui.analysis.ranking import (
    _strongest_paths,
    kendall_tau,
    kendall_w,
    ranking_stats,
    schulze,
)

# Three respondents, k = 3, items a b c:
#   R1: a b c    R2: a c b    R3: b a c
# first choices: a = 2 (R1, R2), b = 1 (R3), c = 0  -> shares 2/3, 1/3, 0
# positions (count at 1, 2, 3): a (2, 1, 0), b (1, 1, 1), c (0, 1, 2)
# mean rank: a (1+1+2)/3 = 4/3, b (2+3+1)/3 = 2, c (3+2+3)/3 = 8/3
# Borda (k - position): a 2+2+1 = 5, b 1+0+2 = 3, c 0+1+0 = 1
# pairwise [a][b] = R1,R2 = 2; [b][a] = R3 = 1; [a][c] = 3; [c][a] = 0; [b][c] = R1,R3 = 2; [c][b] = R2 = 1
# a beats b and c, b beats c (Condorcet order) -> consensus a b c
# Kendall W: rank sums R = 4, 6, 8; mean m(k+1)/2 = 6; S = 4 + 0 + 4 = 8;
#   W = 12 * 8 / (3^2 * (27 - 3)) = 96 / 216 = 4/9
SMALL = [["a", "b", "c"], ["a", "c", "b"], ["b", "a", "c"]]


def test_small_complete_case_every_statistic():
    s = ranking_stats(SMALL, ["a", "b", "c"])
    assert (s.n, s.k, s.complete) == (3, 3, True)
    a, b, c = s.items
    assert [i.id for i in s.items] == ["a", "b", "c"]
    assert (a.first_choice, b.first_choice, c.first_choice) == (2, 1, 0)
    assert a.first_choice_share == pytest.approx(2 / 3)
    assert b.first_choice_share == pytest.approx(1 / 3)
    assert c.first_choice_share == 0.0
    assert (a.positions, b.positions, c.positions) == ((2, 1, 0), (1, 1, 1), (0, 1, 2))
    assert a.mean_rank == pytest.approx(4 / 3)
    assert b.mean_rank == pytest.approx(2.0)
    assert c.mean_rank == pytest.approx(8 / 3)
    assert (a.borda, b.borda, c.borda) == (5, 3, 1)
    assert (a.ranked_by, b.ranked_by, c.ranked_by) == (3, 3, 3)
    assert s.pairwise == ((0, 2, 3), (1, 0, 2), (0, 1, 0))
    assert s.consensus == ("a", "b", "c")
    assert s.kendall_w == pytest.approx(4 / 9)
    assert s.item("b") is b


def test_to_dict_is_json_and_has_the_documented_keys():
    d = ranking_stats(iter(SMALL), ["a", "b", "c"]).to_dict()
    assert set(d) == {"n", "k", "items", "pairwise", "consensus", "kendall_w", "complete"}
    assert set(d["items"][0]) == {
        "id", "first_choice", "first_choice_share", "positions", "mean_rank", "borda", "ranked_by"
    }
    assert json.loads(json.dumps(d)) == d
    assert d["items"][0]["positions"] == [2, 1, 0]
    assert d["pairwise"] == [[0, 2, 3], [1, 0, 2], [0, 1, 0]]
    assert d["consensus"] == ["a", "b", "c"]


# Partial rankings, k = 3 (the empty ranking is ignored):
#   R1: a      R2: b c      R3: c a b      R4: (empty)
# n = 3. first: a 1, b 1, c 1.
# positions: a: 1st in R1, 2nd in R3 -> (1, 1, 0); b: 1st R2, 3rd R3 -> (1, 0, 1); c: 2nd R2, 1st R3 -> (1, 1, 0)
# ranked_by 2 each; mean rank a (1+2)/2 = 1.5, b (1+3)/2 = 2, c (2+1)/2 = 1.5
# Borda: R1 a+2; R2 b+2 c+1; R3 c+2 a+1 b+0 -> a 3, b 2, c 3 (unranked get 0)
# pairwise (ranked above unranked; two unranked: nothing):
#   R1: a>b a>c.  R2: b>c b>a c>a.  R3: c>a c>b a>b.
#   [a][b] = R1,R3 = 2  [b][a] = R2 = 1  [a][c] = R1 = 1  [c][a] = R2,R3 = 2  [b][c] = 1  [c][b] = 1
# Schulze: d a->b 2, c->a 2, b/c tied (0). p[c][b] = min(c->a 2, a->b 2) = 2, p[a][c] = 0, p[b][*] = 0
#   c beats a (2 > 0), c beats b (2 > 0), a beats b (2 > 0) -> c a b
def test_partial_rankings():
    s = ranking_stats([["a"], ["b", "c"], ["c", "a", "b"], []], ["a", "b", "c"])
    assert s.n == 3 and s.complete is False and s.kendall_w is None
    a, b, c = s.items
    assert (a.first_choice, b.first_choice, c.first_choice) == (1, 1, 1)
    assert (a.positions, b.positions, c.positions) == ((1, 1, 0), (1, 0, 1), (1, 1, 0))
    assert (a.ranked_by, b.ranked_by, c.ranked_by) == (2, 2, 2)
    assert (a.mean_rank, b.mean_rank, c.mean_rank) == (1.5, 2.0, 1.5)
    assert (a.borda, b.borda, c.borda) == (3, 2, 3)
    assert s.pairwise == ((0, 2, 1), (1, 0, 1), (2, 1, 0))
    assert s.consensus == ("c", "a", "b")


def test_item_nobody_ranked_has_no_mean_rank():
    # k = 3, both respondents rank only a then b: c is never placed.
    # c: positions (0,0,0), ranked_by 0, mean None, Borda 0, below a and b in both rankings.
    s = ranking_stats([["a", "b"], ["b", "a"]], ["a", "b", "c"])
    c = s.items[2]
    assert (c.positions, c.ranked_by, c.mean_rank, c.borda) == ((0, 0, 0), 0, None, 0)
    assert s.pairwise[0][2] == 2 and s.pairwise[1][2] == 2 and s.pairwise[2] == (0, 0, 0)
    # a and b: Borda 2+1 = 3 each, tied head to head -> questionnaire order, then c.
    assert s.consensus == ("a", "b", "c")


def test_no_rankings():
    s = ranking_stats(iter([[], []]), ["a", "b"])
    assert s.n == 0 and s.complete is False and s.kendall_w is None
    assert s.items[0].first_choice_share == 0.0 and s.items[0].mean_rank is None
    assert s.consensus == ("a", "b")


def test_unknown_or_repeated_ids_raise():
    with pytest.raises(ValueError, match="unknown"):
        ranking_stats([["a", "b"], ["a", "x"]], ["a", "b"])
    with pytest.raises(ValueError, match="twice"):
        ranking_stats([["a", "a"]], ["a", "b"])
    with pytest.raises(ValueError, match="duplicate"):
        ranking_stats([["a"]], ["a", "a"])


# --------------------------------------------------------------------- Borda and Schulze ties


def test_borda_tie_broken_by_questionnaire_order():
    # [a b] and [b a]: Borda a = 1 + 0 = 1, b = 0 + 1 = 1; pairwise 1:1 -> full tie.
    s = ranking_stats([["a", "b"], ["b", "a"]], ["a", "b"])
    assert [i.borda for i in s.items] == [1, 1]
    assert s.pairwise == ((0, 1), (1, 0))
    assert s.consensus == ("a", "b")
    # same data, the questionnaire lists b first -> b first
    assert ranking_stats([["a", "b"], ["b", "a"]], ["b", "a"]).consensus == ("b", "a")


def test_schulze_tie_broken_by_borda():
    # R1: a b c   R2: b c a
    # pairwise: a>b 1, b>a 1 (tie); a>c 1, c>a 1 (tie); b>c 2, c>b 0.
    # Schulze: only b beats c. Unbeaten at start: a, b -> Borda a 2+0 = 2, b 1+2 = 3 -> b.
    # then a, c both unbeaten -> Borda a 2 > c 0+1 = 1 -> a, then c.
    s = ranking_stats([["a", "b", "c"], ["b", "c", "a"]], ["a", "b", "c"])
    assert [i.borda for i in s.items] == [2, 3, 1]
    assert s.consensus == ("b", "a", "c")
    # questionnaire order does not override a Borda difference
    assert ranking_stats([["a", "b", "c"], ["b", "c", "a"]], ["c", "a", "b"]).consensus == ("b", "a", "c")


def test_schulze_three_way_condorcet_cycle_by_hand():
    # 4 x (a b c), 3 x (b c a), 2 x (c a b); n = 9
    # a>b: 4 + 2 = 6, b>a: 3        b>c: 4 + 3 = 7, c>b: 2        c>a: 3 + 2 = 5, a>c: 4
    # cycle a > b > c > a. d: a->b 6, b->c 7, c->a 5.
    # beatpaths p:      to a            to b               to c
    #   from a           -              6                  min(6, 7) = 6
    #   from b        min(7, 5) = 5     -                  7
    #   from c           5            min(5, 6) = 5        -
    # a vs b 6 > 5, a vs c 6 > 5, b vs c 7 > 5 -> a b c
    rankings = [["a", "b", "c"]] * 4 + [["b", "c", "a"]] * 3 + [["c", "a", "b"]] * 2
    s = ranking_stats(rankings, ["a", "b", "c"])
    assert s.pairwise == ((0, 6, 4), (3, 0, 7), (5, 2, 0))
    assert _strongest_paths(s.pairwise) == [[0, 6, 6], [5, 0, 7], [5, 5, 0]]
    assert s.consensus == ("a", "b", "c")
    # Borda would say a 4*2 + 0 + 2*1 = 10, b 4 + 6 + 0 = 10, c 0 + 3 + 4 = 7: a tie that Schulze resolves
    assert [i.borda for i in s.items] == [10, 10, 7]


def test_schulze_wikipedia_example_with_cycle():
    # The classic 45-voter example (Schulze method article): cycles among A..E.
    ballots = (
        [list("ACBED")] * 5 + [list("ADECB")] * 5 + [list("BEDAC")] * 8 + [list("CABED")] * 3
        + [list("CAEBD")] * 7 + [list("CBADE")] * 2 + [list("DCEBA")] * 7 + [list("EBADC")] * 8
    )
    s = ranking_stats(ballots, list("ABCDE"))
    # d[x][y], voters preferring x to y (row x):
    assert s.pairwise == (
        (0, 20, 26, 30, 22),
        (25, 0, 16, 33, 18),
        (19, 29, 0, 17, 24),
        (15, 12, 28, 0, 14),
        (23, 27, 21, 31, 0),
    )
    # Strongest paths worked by hand (weakest link of the best path), for example:
    #   p[A][B] = A->D->C->B = min(30, 28, 29) = 28    p[B][A] = B->A = 25
    #   p[E][A] = E->D->C->B->A = min(31, 28, 29, 25) = 25    p[A][E] = A->E = 22? A->C->E = min(26, 24) = 24
    #   p[B][E] = B->D->C->E = min(33, 28, 24) = 24   p[E][B] = E->D->C->B = min(31, 28, 29) = 28
    # E beats A (25 > 24), B (28 > 24), C (28 > 24), D (31 > 24); A beats C (28 > 25), B (28 > 25), D (30 > 25);
    # C beats B (29 > 28), D (29 > 28); B beats D (33 > 28) -> E A C B D
    assert _strongest_paths(s.pairwise) == [
        [0, 28, 28, 30, 24],
        [25, 0, 28, 33, 24],
        [25, 29, 0, 29, 24],
        [25, 28, 28, 0, 24],
        [25, 28, 28, 31, 0],
    ]
    assert s.consensus == tuple("EACBD")


def test_schulze_direct_with_own_tiebreak():
    # all zero pairwise: everything tied, tiebreak decides (higher first), then position
    zero = ((0, 0, 0), (0, 0, 0), (0, 0, 0))
    assert schulze(zero, ["x", "y", "z"], [1.0, 5.0, 1.0]) == ("y", "x", "z")
    with pytest.raises(ValueError):
        schulze(zero, ["x", "y"], [0, 0])


# --------------------------------------------------------------------- Kendall's W and tau


def test_kendall_w_identical_rankings_is_one():
    # m = 5, k = 4: R = 5, 10, 15, 20; mean 12.5; S = 56.25 + 6.25 + 6.25 + 56.25 = 125
    # W = 12 * 125 / (25 * 60) = 1
    rankings = [["a", "b", "c", "d"]] * 5
    assert kendall_w(rankings, 4) == pytest.approx(1.0)
    assert ranking_stats(rankings, "abcd").kendall_w == pytest.approx(1.0)


def test_kendall_w_latin_square_is_near_zero():
    # each item once at each position: every rank sum is 1+2+3+4 = 10 = mean -> S = 0, W = 0
    items = ["a", "b", "c", "d"]
    square = [items[i:] + items[:i] for i in range(4)]
    assert kendall_w(square, 4) < 0.05
    assert kendall_w(square, 4) == pytest.approx(0.0)
    assert ranking_stats(square, items).kendall_w == pytest.approx(0.0)


def test_kendall_w_mid_value_by_hand():
    # SMALL: W = 4/9 (worked at the top of this file)
    assert kendall_w(SMALL, 3) == pytest.approx(0.4444444444)


def test_kendall_w_not_defined():
    assert kendall_w([["a", "b", "c"]], 3) is None  # m < 2
    assert kendall_w([["a", "b", "c"], ["a", "b"]], 3) is None  # partial
    assert kendall_w([["a", "b", "c"], ["a", "b", "d"]], 3) is None  # different items
    assert kendall_w([["a", "a", "b"], ["a", "b", "c"]], 3) is None  # tie / repeat


def test_kendall_tau():
    five = ["a", "b", "c", "d", "e"]
    assert kendall_tau(five, five) == 1.0
    assert kendall_tau(five, five[::-1]) == -1.0
    # one adjacent swap: 1 discordant of 10 pairs -> (9 - 1) / 10 = 0.8
    assert kendall_tau(five, ["a", "c", "b", "d", "e"]) == pytest.approx(0.8)
    # first and last swapped: pairs with a or e change: (a,e), (a,b..d), (b..d,e) = 1 + 3 + 3 = 7
    #   discordant 7, concordant 3 -> (3 - 7) / 10 = -0.4
    assert kendall_tau(five, ["e", "b", "c", "d", "a"]) == pytest.approx(-0.4)
    # only common items count: a b c vs c b a -> -1
    assert kendall_tau(["a", "b", "c", "x"], ["y", "c", "b", "a"]) == -1.0
    assert kendall_tau(["a", "x"], ["a", "y"]) is None


# --------------------------------------------------------------------- scale


def test_two_hundred_thousand_rankings_from_a_generator_in_under_three_seconds():
    ids = ["tiedottaminen", "tunteminen", "kanavat", "henkilot", "ymmarrys"]
    perms = list(itertools.permutations(ids))
    rng = random.Random(7)
    expected_first = dict.fromkeys(ids, 0)
    picks = [rng.randrange(len(perms)) for _ in range(200_000)]
    for p in picks:
        expected_first[perms[p][0]] += 1

    def generate():
        for p in picks:
            yield list(perms[p])

    start = time.perf_counter()
    s = ranking_stats(generate(), ids)
    elapsed = time.perf_counter() - start
    assert elapsed < 3.0, elapsed
    assert s.n == 200_000 and s.complete
    assert {i.id: i.first_choice for i in s.items} == expected_first
    assert all(sum(i.positions) == 200_000 for i in s.items)
    assert s.kendall_w is not None and s.kendall_w < 0.01  # uniform random: no agreement
