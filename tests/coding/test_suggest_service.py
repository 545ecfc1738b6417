"""services.coding_suggest: suggested groups for one question of a round, and accepting one."""

from __future__ import annotations

import pytest

from survey_tui.errors import InvalidInput, NotFound
from survey_tui.services import codebook, coding, coding_suggest
from survey_tui.services.sealing import ResultsSealed

from coding_data import thesis_round


def test_suggest_groups_the_thesis_round_and_accepting_codes_them(store, kela):
    slug = thesis_round(store, kela)
    found = coding_suggest.suggest(store, slug, "q5")
    assert found.groups and found.to_json()["suggestions"] is True
    first = found.groups[0]
    assert len(first.handles) >= 5 and "taulukko" in first.keywords  # the shared table of services
    assert coding_suggest.suggest(store, slug, "q5") == found  # same release, same groups
    codebook.add_category(store, slug, "Palvelujen selkeyttäminen", theme_id="ymmarrys")
    with pytest.raises(InvalidInput, match="--category"):
        coding_suggest.accept(store, slug, "q5", 1)
    name, n = coding_suggest.accept(store, slug, "q5", 1, category="Palvelujen selkeyttäminen",
                                    name="Palvelutaulukko")
    assert (name, n) == ("Palvelutaulukko", len(first.handles))
    coded = {a.handle for a in coding.answers(store, slug, "q5").answers if "Palvelutaulukko" in a.codes}
    assert coded == set(first.handles)
    assert codebook.undo(store, slug) == "accept"  # one step takes the code and its answers away
    assert "Palvelutaulukko" not in [c.name for c in codebook.load(store, slug).codes]
    with pytest.raises(NotFound, match="No suggested group 99"):
        coding_suggest.accept(store, slug, "q5", 99, category="Palvelujen selkeyttäminen")


def test_suggest_is_sealed_while_answers_can_arrive(store, kela):
    store.create_round("auki", kela, state="open", min_group=3)
    with pytest.raises(ResultsSealed):
        coding_suggest.suggest(store, "auki", "q5")
