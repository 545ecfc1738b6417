"""Deterministic dashboard data (imported by name: tests/dashboard is on sys.path): fixed slugs, fixed dates, a fixed `today`."""

from __future__ import annotations

import datetime as dt
import random

from survey_tui.store import Store

TODAY = dt.date(2025, 3, 10)



def ranking_for(i: int, item_ids: list[str]) -> list[str]:
    """A fixed, varied ranking for respondent i (first half agree on the top item)."""
    rot = i % len(item_ids)
    order = item_ids[rot:] + item_ids[:rot]
    if i % 2 == 0:
        order.remove(item_ids[0])
        order.insert(0, item_ids[0])
    return order


def fill(store: Store, slug: str, n: int, *, offset: int = 0) -> None:
    rnd = store.get_round(slug)
    item_ids = [item.id for item in rnd.questionnaire.ranking.items]
    q_ids = [q.id for _, q in rnd.questionnaire.questions()]
    records = []
    for i in range(offset, offset + n):
        answers = {q_ids[0]: f"Idea number {i}: shared training days", q_ids[1]: f"Answer {i} about contact persons"}
        if i == 2:
            # Hostile text: escape sequences and markup must be shown inert.
            answers[q_ids[0]] = "\x1b[2J[bold red]not markup[/] \u202eevil"
        records.append({"language": "en", "answers": answers, "ranking": ranking_for(i, item_ids)})
    store.import_responses(slug, records)




def make(store, **options):
    from survey_tui.tui.dashboard.app import make_dashboard

    options.setdefault("lang", "en")  # the snapshots are of the English dashboard
    options.setdefault("today", TODAY)
    options.setdefault("rng", random.Random(7))
    return make_dashboard(store, **options)
