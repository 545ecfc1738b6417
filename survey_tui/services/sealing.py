"""When results may be shown at all: the anonymity issue's sealing rule, in one place.

Kept apart from results.py (and free of analysis imports) because summary.py, the
export and every results view need it, and the respondent path must stay light.
"""

from __future__ import annotations

from survey_tui.errors import SurveyError, message


def _noun(n: int) -> str:
    return message("noun_response" if n == 1 else "noun_responses")


class BelowMinimumGroup(SurveyError):
    """Too few responses to show anything without risking anonymity."""

    def __init__(self, slug: str, n: int, minimum: int):
        self.slug, self.n, self.minimum = slug, n, minimum
        super().__init__(message("below_minimum", slug=repr(slug), n=n, noun=_noun(n), minimum=minimum))


class ResultsSealed(BelowMinimumGroup):
    """The round still takes answers: showing results now would let two views be told apart
    by one new response (docs/anonymity.md, "results sealed while answers can arrive")."""

    def __init__(self, slug: str, n: int, minimum: int):
        self.slug, self.n, self.minimum = slug, n, minimum
        SurveyError.__init__(self, message("results_sealed", slug=repr(slug), n=n, noun=_noun(n)))


def open_results(store, slug: str, today=None):
    """The one rule for showing results: the round and its Release, or why nothing is shown.

    While the round takes answers nothing is shown (ResultsSealed); once it does not, the
    responses held back are released in a batch if there are at least the minimum group
    of them (Store.release), and results need at least the minimum group released.
    """
    rnd = store.get_round(slug)
    rel = store.release(slug, today)
    if rel.accepting:
        raise ResultsSealed(slug, rel.total, rnd.min_group)
    if rel.released < rnd.min_group:
        raise BelowMinimumGroup(slug, rel.total, rnd.min_group)
    return rnd, rel


def results_or_reason(store, slug: str, today=None):
    """(Release, None) when results may be shown, else (None, the reason in one sentence)."""
    try:
        return open_results(store, slug, today)[1], None
    except BelowMinimumGroup as exc:  # ResultsSealed included
        return None, str(exc)


def require_min_group(store, slug: str, today=None):
    """The round and how many responses its results show, or why none are shown."""
    rnd, rel = open_results(store, slug, today)
    return rnd, rel.released
