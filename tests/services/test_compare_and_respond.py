"""services.compare (which round follows which, one computation) and services.respond."""

from __future__ import annotations

import pytest

from survey_tui.domain.session import Session
from survey_tui.errors import InvalidInput
from survey_tui.services import compare, respond

from services_data import answered


def _two(store, kela):
    store.create_round("spring", kela, state="open", min_group=3)
    answered(store, "spring", 3, kela)
    store.set_state("spring", "closed")
    store.create_round("autumn", kela, state="open", min_group=3, follows="spring")
    answered(store, "autumn", 4, kela)
    store.set_state("autumn", "closed")


def test_compare_both_ways_says_which_follows_which(store, kela):
    _two(store, kela)
    view = compare.compare(store, "spring", "autumn", "en")
    assert (view.old.n, view.new.n, view.relation.kind, view.relation.note("en")) == (3, 4, "follows", None)
    backwards = compare.compare(store, "autumn", "spring", "fi")
    assert backwards.relation.kind == "reversed"
    assert "jatko" in backwards.relation.note("fi") and "uppföljning" in backwards.relation.note("sv")
    with pytest.raises(InvalidInput, match="two different rounds"):
        compare.compare(store, "spring", "spring")


def test_default_pair_puts_the_followed_round_first(store, kela):
    _two(store, kela)
    rounds = store.list_rounds()
    assert compare.default_pair(rounds, "spring") == ("spring", "autumn")
    assert compare.default_pair(rounds, "autumn") == ("spring", "autumn")
    assert compare.default_pair([], None) == (None, None)


def _session(store, kela, slug, code=None):
    s = Session.begin(kela, slug, respond.new_resume_code(), "fi")
    s.answers["q1a"] = "Yhteinen koulutuspäivä"
    s.ranking = [item.id for item in kela.ranking.items]
    s.ranking_confirmed = True
    s.code = code
    return s


def test_submit_stores_once_and_tells_a_used_code(store, kela):
    store.create_round("r", kela, state="open")
    [(code, _label)] = store.add_codes("r", count=1)
    first = _session(store, kela, "r", code)
    assert respond.submit(store, first).stored and first.submitted
    again = _session(store, kela, "r", code)
    outcome = respond.submit(store, again)
    assert not outcome.stored and outcome.code_rejected and "käytetty" in outcome.message
    assert not again.submitted and store.count_responses("r") == 1


def test_submit_to_a_closed_round_keeps_the_session(store, kela):
    store.create_round("r", kela, state="closed")
    session = _session(store, kela, "r")
    outcome = respond.submit(store, session)
    assert not outcome.stored and outcome.kind == "RoundNotOpen" and session.token in outcome.message


def test_resume_codes_lead_to_their_round_while_it_takes_answers(store, kela):
    store.create_round("r", kela, state="open")
    token = respond.new_resume_code()
    store.save_draft("r", token, {"answers": {}})
    assert respond.round_of_resume_code(store, token) == "r"
    assert [r.slug for r in respond.rounds_to_answer(store)] == ["r"]
    store.set_state("r", "closed")
    assert respond.round_of_resume_code(store, token) is None
