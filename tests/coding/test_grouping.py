"""analysis.grouping: suggested groups evaluated on a labelled set of Finnish answers.

The set (grouping_data.py) has five ideas of the thesis's chapter 7.2, ten answers each in
varied wording. Measured with the defaults (THRESHOLD 0.06, 3-grams weighted 2.0), run
`python -m pytest -q -s tests/coding/test_grouping.py -p no:cacheprovider -n 0` to see them:
purity 0.88 (answers in a group whose majority is their own idea), completeness 0.76 (the
share of each idea found in its largest group), 7 groups, 2 answers left alone.
The floors below leave a margin for lemmatiser updates.
"""

from __future__ import annotations

from collections import Counter

from survey_tui.analysis import grouping

from grouping_data import LABELLED

PURITY_FLOOR = 0.80
COMPLETENESS_FLOOR = 0.65
MAX_GROUPS = 10


def _labelled():
    answers, labels = [], {}
    for label, texts in LABELLED.items():
        for i, text in enumerate(texts):
            answers.append(((label, i), text, "fi"))
            labels[(label, i)] = label
    return answers, labels


def _completeness(groups, labels) -> float:
    return sum(max((sum(labels[m] == label for m in g) for g in groups), default=0)
               for label in set(labels.values())) / len(labels)


def test_suggested_groups_reach_the_purity_floor():
    answers, labels = _labelled()
    groups, alone = grouping.suggest(answers)
    members = [g.members for g in groups]
    purity = grouping.purity(members, labels)
    completeness = _completeness(members, labels)
    print(f"\npurity {purity:.2f}, completeness {completeness:.2f}, {len(groups)} groups, {len(alone)} alone")
    assert purity >= PURITY_FLOOR
    assert completeness >= COMPLETENESS_FLOOR
    assert len(groups) <= MAX_GROUPS
    assert sorted([*[m for g in members for m in g], *alone]) == sorted(labels)  # every answer once


def test_suggested_names_come_from_the_groups_keywords():
    answers, labels = _labelled()
    groups, _alone = grouping.suggest(answers)
    by_idea = {}
    for g in groups:
        idea = Counter(labels[m] for m in g.members).most_common(1)[0][0]
        by_idea.setdefault(idea, g)  # the largest group of the idea (groups come largest first)
    assert "taulukko" in by_idea["palvelutaulukko"].name
    assert "yhteyshenkilö" in by_idea["yhteyshenkilot"].name
    for g in groups:
        assert g.name == " / ".join(g.keywords[:2]) and g.keywords


def test_purity_punishes_splitting_everything():
    _answers, labels = _labelled()
    assert grouping.purity([[k] for k in labels], labels) == 0.0
    assert grouping.purity([list(labels)], labels) == 0.2  # one big group: only the majority idea


def test_unrelated_and_empty_answers_stay_alone_and_results_repeat():
    answers = [(1, "Teams-pikaviestin", "fi"), (2, "Pikaviestin Teamsissa", "fi"), (3, "", "fi"),
               (4, "Aurinkoinen kesäpäivä", "fi")]
    first = grouping.suggest(answers)
    assert [g.members for g in first[0]] == [(1, 2)] and sorted(first[1]) == [3, 4]
    assert grouping.suggest(answers) == first


def test_average_link_merges_by_mean_similarity():
    # a and b identical, c shares half of a's weight: c joins {a, b} at the mean of its two links.
    vecs = [{"x": 1.0}, {"x": 1.0}, {"x": 0.6, "y": 0.8}, {"z": 1.0}]
    assert grouping.cluster(vecs, threshold=0.5) == [[0, 1, 2], [3]]
    assert grouping.cluster(vecs, threshold=0.7) == [[0, 1], [2], [3]]
