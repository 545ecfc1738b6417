"""services.rounds: defaults, creating, opening, closing, editing and deleting rounds."""

from __future__ import annotations

import datetime as dt

import pytest

from survey_tui.errors import InvalidInput
from survey_tui.services import rounds
from survey_tui.store import DEFAULT_MIN_GROUP, MIN_GROUP_CEILING, MIN_GROUP_FLOOR

from services_data import answered

TODAY = dt.date.today()


@pytest.mark.parametrize("value, expected", [("5", 5), (" 7 ", 7), (MIN_GROUP_FLOOR, MIN_GROUP_FLOOR)])
def test_min_group_accepts_whole_numbers_in_range(value, expected):
    assert rounds.check_min_group(value) == expected


@pytest.mark.parametrize("value, words", [("", "whole number"), ("five", "whole number"), ("2.5", "whole number"),
                                          (MIN_GROUP_FLOOR - 1, "from 3"), (MIN_GROUP_CEILING + 1, "from 3")])
def test_min_group_refuses_with_one_reason(value, words):
    with pytest.raises(InvalidInput, match=words):
        rounds.check_min_group(value)


def test_a_new_round_and_a_follow_up_get_their_defaults(store, kela):
    fresh = rounds.defaults(store)
    assert (fresh.previous, fresh.min_group, fresh.access) == (None, DEFAULT_MIN_GROUP, rounds.DEFAULT_ACCESS)
    store.create_round("base", kela, access="codes", min_group=8)
    follow = rounds.defaults(store, "base")
    assert (follow.min_group, follow.access, follow.questionnaire.id) == (8, "codes", kela.id)


def test_create_fills_in_the_defaults_and_keeps_the_followed_questionnaire(store, kela):
    store.create_round("base", kela, access="codes", min_group=8)
    made = rounds.create(store, "next", follows="base")
    assert (made.round.access, made.round.min_group, made.round.questionnaire.id, made.round.follows) == (
        "codes", 8, kela.id, "base")
    assert made.codes == [] and made.round.state == "draft"


def test_create_with_codes_switches_access_and_refuses_open_access_with_codes(store):
    made = rounds.create(store, "r", questionnaire="kela-sosiaalitoimi", code_count=3, open_now=True,
                         allow_placeholders=True)
    assert made.round.access == "codes" and len(made.codes) == 3 and made.round.state == "open"
    with pytest.raises(InvalidInput, match="codes"):
        rounds.create(store, "s", questionnaire="kela-sosiaalitoimi", code_count=2, access="open")
    with pytest.raises(InvalidInput, match="questionnaire"):
        rounds.create(store, "t")
    assert [r.slug for r in store.list_rounds()] == ["r"]


def test_open_refuses_a_past_closing_date_and_hints_at_codes(store, kela):
    store.create_round("late", kela, closes=TODAY - dt.timedelta(days=1))
    with pytest.raises(InvalidInput, match="closing date"):
        rounds.open_round(store, "late")
    assert store.get_round("late").state == "draft"
    store.create_round("coded", kela, access="codes")
    opened = rounds.open_round(store, "coded", allow_placeholders=True)
    assert opened.round.state == "open" and opened.codes_hint == "add"


def test_closing_says_what_it_deletes_then_does_it(store, kela):
    store.create_round("r", kela, state="open", min_group=3)
    answered(store, "r", 4, kela)
    store.save_draft("r", "RESUME-CODE-1", {"answers": {"q1a": "kesken"}})
    effects = rounds.closing(store, "r")
    assert (effects.responses, effects.drafts) == (4, 1)
    done = rounds.close_round(store, "r")
    assert done.round.state == "closed" and done.drafts == 1 and store.count_drafts("r") == 0
    with pytest.raises(InvalidInput, match="already closed"):
        rounds.closing(store, "r")


def test_edit_lists_what_changed(store, kela):
    store.create_round("r", kela, min_group=5)
    edited = rounds.edit_round(store, "r", min_group="7", title="Kevät")
    assert ("min_group", 5, 7) in edited.changed and ("title", None, None) in edited.changed
    with pytest.raises(InvalidInput, match="whole number"):
        rounds.edit_round(store, "r", min_group="seven")


def test_delete_only_a_round_nobody_answered(store, kela):
    store.create_round("empty", kela)
    store.add_codes("empty", count=2)
    assert rounds.deletion(store, "empty").codes == 2
    rounds.delete_round(store, "empty")
    assert store.list_rounds() == []
    store.create_round("used", kela, state="open")
    answered(store, "used", 1, kela)
    with pytest.raises(InvalidInput, match="1 response and cannot be deleted"):
        rounds.delete_round(store, "used")


def test_overview_reads_every_round_without_its_questionnaire(store, kela, monkeypatch):
    store.create_round("a", kela, state="open", closes=TODAY - dt.timedelta(days=2))
    store.create_round("b", kela, state="open")
    import survey_tui.questionnaire as qmod

    def no_parsing(*args, **kwargs):
        raise AssertionError("a questionnaire was parsed")

    monkeypatch.setattr(qmod, "from_json", no_parsing)
    seen = rounds.overview(store, TODAY)
    assert list(seen) == ["a", "b"]
    assert "closed" in seen["a"]["not_accepting"] and seen["b"]["not_accepting"] is None
    assert seen["b"]["questionnaire"] == kela.id


def test_open_and_create_open_refuse_placeholders_unless_allowed(store, kela):
    """The shipped intro's [koordinaattorin yhteystiedot] must be filled in first."""
    store.create_round("d", kela)
    with pytest.raises(InvalidInput) as refused:
        rounds.open_round(store, "d")
    message = str(refused.value)
    assert "intro.fi: [koordinaattorin yhteystiedot]" in message
    assert "questionnaire validate" in message and "round open d --allow-placeholders" in message
    assert store.get_round("d").state == "draft"
    with pytest.raises(InvalidInput, match="--allow-placeholders"):
        rounds.create(store, "e", questionnaire="kela-sosiaalitoimi", open_now=True)
    assert [r.slug for r in store.list_rounds()] == ["d"]
    assert rounds.open_round(store, "d", allow_placeholders=True).round.state == "open"
    assert rounds.create(store, "e", questionnaire="kela-sosiaalitoimi").round.state == "draft"  # a draft may wait
