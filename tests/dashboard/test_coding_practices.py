"""The practices screen driven with keys: a practice added under a theme and linked to a
category (read back through services.coding.practices), and the poster written to
results/SLUG with a notification saying where."""

from __future__ import annotations

import pytest

from coding_dash_data import handles, open_coding, settle, thesis_round, typed
from dash_data import make
from survey_tui.services import codebook, coding


@pytest.fixture
def thesis(store, kela):
    slug = thesis_round(store, kela)
    codebook.add_category(store, slug, "Pikaviestintä", theme_id="kanavat")
    codebook.add_code(store, slug, "Teams", "Pikaviestintä")
    for text, handle in handles(store, slug, "q3").items():
        if "teams" in text.lower() or "pikaviest" in text.lower():
            coding.assign(store, slug, handle, "Teams")
    return store


async def test_add_a_practice_linked_to_a_category_and_write_the_poster(thesis, tmp_path):
    app = make(thesis, results_dir=tmp_path / "results")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_coding(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert type(app.screen).__name__ == "PracticesScreen"
        await pilot.press("a")
        await settle(pilot)
        await typed(pilot, "kanavat")  # the theme, picked by its id
        await typed(pilot, "Yhteinen Teams-kanava kunnan kanssa")
        await typed(pilot, "Pika")  # the category: the one left in the list
        themes = coding.practices(thesis, "kevat")
        [theme] = [t for t in themes if t.practices]
        assert theme.theme_id == "kanavat"
        [practice] = theme.practices
        assert practice.text == "Yhteinen Teams-kanava kunnan kanssa"
        assert [(c.name, c.count.n) for c in practice.categories] == [("Pikaviestintä", 10)]
        await pilot.press("w")
        await settle(pilot)
        folder = tmp_path / "results" / "kevat"
        html = (folder / "poster.html").read_text("utf-8")
        assert "Yhteinen Teams-kanava kunnan kanssa" in html
        assert any(str(folder) in n.message for n in app._notifications)
