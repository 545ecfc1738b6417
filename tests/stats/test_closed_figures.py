"""Closed-question figures on a hand-worked round of 11, and the minimum-group rule."""

from __future__ import annotations

import pytest
from stats_data import ELEVEN, followup

from survey_tui.analysis.closed import ClosedCollector, closed_figures, top_box_points
from survey_tui.questionnaire import stored_texts


@pytest.fixture
def q(kela):
    return followup(kela)


def figures(q, responses=ELEVEN, min_group=5):
    return {f.id: f for f in closed_figures(q, responses, min_group)}


def test_single_counts_shares_and_other_as_its_own_row(q):
    f = figures(q)["adopted"]
    assert f.shown and f.answered == 11 and f.n == 11
    rows = {o.id: o for o in f.options}
    assert list(rows) == ["yes", "partly", "no", "adopted_other"]  # questionnaire order, other last
    assert [(o.share.k, o.share.n) for o in f.options] == [(5, 11), (3, 11), (2, 11), (1, 11)]
    assert rows["adopted_other"].other
    # 5 / 11 by hand (tests/stats/test_proportions.py): 45 %, 21-72 %.
    yes = rows["yes"].share
    assert (round(yes.share, 4), round(yes.low, 4), round(yes.high, 4)) == (0.4545, 0.2127, 0.7199)


def test_multiple_shares_are_of_those_who_answered_the_question(q):
    f = figures(q)["channels"]
    # Ten chose options, the eleventh only wrote an other text: all eleven answered.
    assert f.answered == 11
    counts = {o.id: (o.share.k, o.share.n) for o in f.options}
    assert counts == {"phone": (6, 11), "chat": (7, 11), "email": (3, 11), "meeting": (0, 11),
                      "channels_other": (1, 11)}
    assert sum(o.share.k for o in f.options) > f.n  # several choices each


def test_scale_distribution_mean_median_top_box_and_cant_say_apart(q):
    f = figures(q)["works"]
    assert f.answered == 11 and f.n == 9  # two said "can't say"
    assert [(p, s.k) for p, s in f.points] == [(1, 1), (2, 1), (3, 2), (4, 3), (5, 2)]
    assert all(s.n == 9 for _, s in f.points)
    assert f.mean == pytest.approx(31 / 9)  # (1 + 2 + 3 + 3 + 4 + 4 + 4 + 5 + 5) / 9
    assert f.median == 4  # the fifth of nine
    assert f.top_points == (4, 5) and (f.top_box.k, f.top_box.n) == (5, 9)
    assert (f.dont_know.k, f.dont_know.n) == (2, 11)


def test_top_box_is_defined_once():
    from survey_tui.questionnaire.model import Question

    def scale(lo, hi):
        return Question("s", {"en": "s"}, kind="scale", minimum=lo, maximum=hi)

    assert top_box_points(scale(1, 5)) == (4, 5)
    assert top_box_points(scale(0, 10)) == (9, 10)
    assert top_box_points(scale(1, 4)) == (4,)
    assert top_box_points(scale(1, 3)) == (3,)


def test_number_below_the_minimum_group_shows_no_figure(q):
    f = figures(q)["staff"]
    assert f.answered == 4 and not f.shown
    assert f.to_dict() == {"id": "staff", "kind": "number", "answered": 4, "shown": False}
    assert f.mean is None and f.median is None and f.minimum is None


def test_number_figures_with_a_smaller_minimum_group(q):
    f = figures(q, min_group=3)["staff"]
    assert f.shown and f.n == 4
    assert (f.mean, f.median, f.minimum, f.maximum) == (7, 6.5, 3, 12)


def test_every_question_is_hidden_below_the_minimum_group(q):
    few = figures(q, ELEVEN[:4], min_group=5)
    assert all(not f.shown for f in few.values())
    assert all(set(f.to_dict()) == {"id", "kind", "answered", "shown"} for f in few.values())


def test_a_scale_with_too_few_points_shows_only_cant_say(q):
    responses = [{"works": "dont_know"}] * 4 + [{"works": 3}] * 3
    f = figures(q, responses)["works"]
    assert f.shown and not f.points_shown
    assert f.points == () and f.mean is None and f.top_box is None
    assert (f.dont_know.k, f.dont_know.n) == (4, 7)


def test_stored_cells_give_the_same_figures(q):
    collector = ClosedCollector(q)
    for answers in ELEVEN:
        collector.add_stored(dict(stored_texts(q, answers)))
    assert collector.figures(5) == closed_figures(q, ELEVEN, 5)


def test_unknown_options_and_damaged_cells_are_left_out(q):
    collector = ClosedCollector(q)
    collector.add({"adopted": "maybe", "works": 9, "staff": "x"})
    collector.add_stored({"channels": "not json", "works": "five"})
    assert all(t.answered == 0 for t in collector.tallies.values())


def test_json_fields(q):
    d = figures(q)["adopted"].to_dict()
    assert d["options"][0] == {"id": "yes", "other": False, "k": 5, "n": 11, "share": 0.4545, "low": 0.2127,
                               "high": 0.7199}
    works = figures(q)["works"].to_dict()
    assert works["top_box"] == {"points": [4, 5], "k": 5, "n": 9, "share": 0.5556, "low": 0.2667, "high": 0.8112}
    assert works["dont_know"]["k"] == 2 and works["mean"] == 3.4444 and works["median"] == 4
