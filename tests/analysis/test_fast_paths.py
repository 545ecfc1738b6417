"""Fast paths give the results of the plain ones: ranking counts and chunked tokenising."""

from __future__ import annotations

import importlib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey_tui.analysis.ranking import ranking_stats, ranking_stats_from_counts

kw = importlib.import_module("survey_tui.analysis.keywords")
ITEMS = ["a", "b", "c", "d"]


def test_ranking_stats_from_counts_equals_the_expanded_list():
    rng = random.Random(5)
    rankings = []
    for _ in range(400):
        order = ITEMS[:]
        rng.shuffle(order)
        rankings.append(order[: rng.choice((0, 1, 2, 4, 4))])
    counts: dict[tuple[str, ...], int] = {}
    for r in rankings:
        counts[tuple(r)] = counts.get(tuple(r), 0) + 1
    # split one ranking's count over two entries, add a zero count: both must not matter
    pairs = list(counts.items())
    first, c = pairs[0]
    pairs[0] = (first, c - 1)
    pairs += [(list(first), 1), (("b",), 0)]
    assert ranking_stats_from_counts(pairs, ITEMS) == ranking_stats(rankings, ITEMS)


@pytest.mark.parametrize("bad", [-1, 1.5, "2", True])
def test_ranking_counts_must_be_counts(bad):
    with pytest.raises(ValueError, match="non-negative integer"):
        ranking_stats_from_counts([(("a",), bad)], ITEMS)


def test_ranking_counts_check_items_like_ranking_stats():
    with pytest.raises(ValueError, match="unknown ranking item"):
        ranking_stats_from_counts([(("zz",), 2)], ITEMS)
    with pytest.raises(ValueError, match="twice"):
        ranking_stats_from_counts([(("a", "a"), 2)], ITEMS)


def _by_tokens(text: str, lang: str) -> set[str]:
    """The definition: every regex token of the lowercased text, resolved on its own."""
    found = {kw._resolve(token, lang) for token in kw._TOKEN.findall(text.lower())}
    found.discard(None)
    return found


SAMPLES = [
    "Esim. Teams-kanava, it's/ok 123 abc_def ABC\u2003x–y foo''bar Kelan kelan/puhelin",
    "a\x1cb\u2028c sähköposti!! kela/kelan puhelin/kela\u00a0tieto",
    "KELA kela Kela. (kela) kela/sosiaalitoimi sosiaalitoimi",
    "",
    "   \n\t ",
]


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_chunked_lemmas_equal_token_lemmas(lang):
    for text in SAMPLES * 2:  # the second time from the chunk cache
        assert kw.lemmas(text, lang) == _by_tokens(text, lang), text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["kela", "Kelan", "puhelin", "/", "-", "'", "’", ".", " ", "\u2003", "\n", "x",
                                 "tieto", "_", "9", "é", "\x1e"]), max_size=25))
def test_chunked_lemmas_equal_token_lemmas_generated(parts):
    text = "".join(parts)
    assert kw.lemmas(text, "fi") == _by_tokens(text, "fi")
