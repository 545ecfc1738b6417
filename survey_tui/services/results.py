"""Results of a round: the report, the ranking figures, and one order for every view.

Every results view (report in each format, export, compare, the dashboard's round
view and theme browser, tagging) goes through `sealing.open_results`, so what may be
shown is decided once; and lists items in `first_choice_order`, so a report and the
dashboard never show two themes in opposite orders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from survey_tui.services.sealing import BelowMinimumGroup, open_results, results_or_reason  # noqa: F401


def first_choice_order(items) -> list:
    """Ranked items from most to least first choices; ties keep questionnaire order.

    Questionnaire order rather than Borda or id for ties: it is the order respondents
    saw, and the same in every view and every export of the round.
    """
    return sorted(items, key=lambda it: -it.first_choice)


def report(store, slug: str, lang: str | None = None, *, answers: bool = True, **options):
    """The round's RoundReport (summary.build_report) behind the sealing rule, with the
    closed questions' figures counted in the same pass over the same release."""
    import dataclasses

    from survey_tui.summary import build_report

    q = store.get_round(slug).questionnaire  # the round's frozen copy
    if all(question.is_open for _, question in q.questions()):
        return build_report(store, slug, lang, answers=answers, **options)
    from survey_tui.analysis.closed import ClosedCollector

    collector = ClosedCollector(q)
    outer = options.pop("on_response", None)

    def seen(rec: dict) -> None:
        collector.add_stored(rec.get("answers") or {})
        if outer is not None:
            outer(rec)

    rep = build_report(store, slug, lang, answers=answers, on_response=seen, **options)
    return dataclasses.replace(rep, closed=collector.figures(rep.round.min_group))


@dataclass(frozen=True)
class RankingView:
    """What a ranking view shows: figures, or the one reason it shows none."""

    round: Any  # domain Round
    responses: int  # released responses (0 when sealed)
    held: int  # later responses held back until a group of min_group has arrived
    stats: Any | None  # analysis.ranking.RankingStats when shown
    reason: str | None  # why nothing is shown (sealed, below the minimum group)
    no_ranking: bool = False  # the questionnaire has no ranking question
    withheld: bool = False  # fewer than the minimum group ranked (an optional ranking)
    closed: tuple = ()  # analysis.closed.ClosedFigures of each closed question (same release)

    @property
    def shown(self) -> bool:
        return self.stats is not None

    def first_choices(self) -> list:
        return first_choice_order(self.stats.items) if self.stats is not None else []


def ranking_view(store, slug: str, today=None) -> RankingView:
    """The ranking figures of a round, counted by the database (no response read into
    Python), with the report's sealing and small-group rules."""
    from survey_tui.summary import ranking_from_counts

    with store.snapshot():  # one release and the counts it covers, read together
        try:
            rnd, release = open_results(store, slug, today)
        except BelowMinimumGroup as exc:  # ResultsSealed included
            return RankingView(store.get_round(slug), 0, 0, None, str(exc))
        closed = _closed_figures(store, rnd)
        if rnd.questionnaire.ranking is None:
            return RankingView(rnd, release.released, release.held, None, None, no_ranking=True, closed=closed)
        counts = store.ranking_counts(slug)
    stats = ranking_from_counts(rnd, counts)
    return RankingView(rnd, release.released, release.held, stats, None, withheld=stats is None, closed=closed)


def _closed_figures(store, rnd) -> tuple:
    """The closed questions' figures of the released responses (inside the caller's
    snapshot, after the sealing rule); () when the questionnaire has none."""
    if all(question.is_open for _, question in rnd.questionnaire.questions()):
        return ()
    from survey_tui.analysis.closed import ClosedCollector

    collector = ClosedCollector(rnd.questionnaire)
    for rec in store.scan_responses(rnd.slug):
        collector.add_stored(rec.get("answers") or {})
    return collector.figures(rnd.min_group)
