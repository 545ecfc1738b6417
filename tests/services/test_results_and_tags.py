"""services.results (sealing, one order, ranking view) and services.tags."""

from __future__ import annotations

from types import SimpleNamespace as NS

import pytest

from survey_tui.errors import InvalidInput, NotFound
from survey_tui.services import results, tags
from survey_tui.services.sealing import BelowMinimumGroup, ResultsSealed

from services_data import answered


def test_first_choice_order_keeps_questionnaire_order_for_ties():
    items = [NS(id="a", first_choice=2, borda=1), NS(id="b", first_choice=3, borda=0),
             NS(id="c", first_choice=2, borda=9)]
    assert [it.id for it in results.first_choice_order(items)] == ["b", "a", "c"]


def test_ranking_view_is_sealed_while_answers_can_arrive(store, kela):
    store.create_round("r", kela, state="open", min_group=3)
    answered(store, "r", 4, kela)
    view = results.ranking_view(store, "r")
    assert not view.shown and "still takes answers" in view.reason and view.responses == 0
    store.set_state("r", "closed")
    view = results.ranking_view(store, "r")
    assert view.shown and view.responses == 4 and view.stats.n == 4
    assert [it.id for it in view.first_choices()][0] == kela.ranking.items[0].id


def test_report_raises_the_reason(store, kela):
    store.create_round("r", kela, state="open", min_group=5)
    answered(store, "r", 2, kela)
    with pytest.raises(ResultsSealed):
        results.report(store, "r")
    store.set_state("r", "closed")
    with pytest.raises(BelowMinimumGroup, match="2 responses"):
        results.report(store, "r")


def test_tags_follow_the_sealing_rule_and_handles(store, kela):
    store.create_round("r", kela, state="open", min_group=3)
    answered(store, "r", 3, kela)
    with pytest.raises(ResultsSealed):
        tags.answers(store, "r")
    store.set_state("r", "closed")
    found = tags.answers(store, "r", "q1a")
    assert len(found.rows) == 3
    handle = found.handle(found.rows[0])
    rid, qid = tags.resolve_handle(store, "r", handle)
    assert tags.tag(store, "r", rid, qid, "  pika   viestin ") == "pika viestin"
    assert tags.counts(store, "r") == {"pika viestin": 1}
    assert tags.answers(store, "r").tags[(rid, qid)] == ["pika viestin"]
    assert tags.untag(store, "r", rid, qid, "pika viestin") and not tags.untag(store, "r", rid, qid, "pika viestin")
    with pytest.raises(InvalidInput, match="not an answer handle"):
        tags.resolve_handle(store, "r", "q1a")
    with pytest.raises(NotFound):
        tags.resolve_handle(store, "r", "ffffffff:q1a")


def test_handles_grow_when_prefixes_collide():
    assert tags.handle_length(["abcdefgh1", "abcdefgh2"]) == 12
    assert tags.handle_length(["12345678", "abcdefgh"]) == tags.HANDLE_CHARS


def test_tagging_by_handle_is_sealed_first_then_resolves(store, kela):
    store.create_round("r", kela, state="open", min_group=3)
    answered(store, "r", 3, kela)
    with pytest.raises(ResultsSealed):
        tags.tag_handle(store, "r", "ffffffff:q1a", "x")  # sealed says nothing about the handle
    store.set_state("r", "closed")
    found = tags.answers(store, "r", "q1a")
    handle = found.handle(found.rows[0])
    rid, qid, label = tags.tag_handle(store, "r", handle, " a   b ")
    assert (qid, label) == ("q1a", "a b") and tags.counts(store, "r") == {"a b": 1}
    assert tags.untag_handle(store, "r", handle, "a b")[2] and not tags.untag_handle(store, "r", handle, "a b")[2]
