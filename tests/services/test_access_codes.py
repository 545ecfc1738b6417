"""services.access_codes: issuing, the closed-round and lock-out rules, reminders, forgetting."""

from __future__ import annotations

import pytest

from survey_tui.errors import InvalidInput, WouldLockOutRespondents
from survey_tui.services import access_codes

from services_data import answered


def test_issue_switches_a_round_to_codes(store, kela):
    store.create_round("r", kela)
    issued = access_codes.issue(store, "r", labels=["Oulu", "Turku"])
    assert [label for _code, label in issued] == ["Oulu", "Turku"]
    assert store.get_round("r").access == "codes"


def test_no_codes_for_a_closed_round(store, kela):
    store.create_round("r", kela, state="closed")
    with pytest.raises(InvalidInput, match="is closed"):
        access_codes.issue(store, "r", count=2)
    assert store.list_codes("r") == []


def test_an_answered_open_round_needs_the_switch_confirmed(store, kela):
    store.create_round("r", kela, state="open")
    answered(store, "r", 1, kela)
    with pytest.raises(WouldLockOutRespondents):
        access_codes.issue(store, "r", count=1)
    assert store.get_round("r").access == "open"
    assert len(access_codes.issue(store, "r", count=1, switch_access=True)) == 1


def test_reminders_name_unused_labels_only(store, kela):
    store.create_round("r", kela, state="open")
    issued = dict((label, code) for code, label in access_codes.issue(store, "r", labels=["Turku", "Oulu"]))
    access_codes.issue(store, "r", count=2)
    store.submit("r", {"q1a": "x"}, [item.id for item in kela.ranking.items], "fi", issued["Oulu"])
    rem = access_codes.reminders(store, "r")
    assert (rem.issued, rem.used, rem.unused) == (4, 1, 3)
    assert rem.unused_labels() == ["Turku"] and rem.unused_unlabelled() == 2
    assert len(rem.shown(unused_only=True)) == 3


def test_forget_waits_for_the_round_to_end(store, kela):
    store.create_round("r", kela, state="open")
    access_codes.issue(store, "r", count=2)
    with pytest.raises(InvalidInput, match="still takes answers"):
        access_codes.forget(store, "r")
    store.set_state("r", "closed")
    assert access_codes.forget(store, "r")["codes"] == 2
    assert store.list_codes("r") == []
