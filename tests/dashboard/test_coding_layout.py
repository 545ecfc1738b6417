"""At 80x24 and 120x40 the coding screens' lists, fields and buttons lie inside the screen,
above the footer, and the footer keys they show are not cut."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Footer, Input, OptionList, Tree

from coding_dash_data import open_coding, settle, thesis_round
from dash_data import make
from survey_tui.services import codebook


@pytest.fixture
def thesis(store, kela):
    slug = thesis_round(store, kela)
    codebook.add_category(store, slug, "Yhteydenpito", theme_id="kanavat")
    return store


def _inside(screen, width: int, height: int) -> None:
    footer = screen.query_one(Footer).region
    widgets = list(screen.query(Button)) + list(screen.query(OptionList)) + list(screen.query(Input)) + list(screen.query(Tree))
    assert widgets
    for widget in widgets:
        r = widget.region
        assert r.width >= 1 and r.height >= 1, widget
        assert r.x >= 0 and r.right <= width and r.bottom <= footer.y, (widget, r)
    for key in footer_keys(screen):
        assert key.region.right <= width, key


def footer_keys(screen):
    return list(screen.query_one(Footer).children)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_coding_screens_fit(thesis, size):
    app = make(thesis)
    async with app.run_test(size=size) as pilot:
        screen = await open_coding(pilot)
        _inside(screen, *size)
        for key in ("s", "c", "t"):
            await pilot.press(key)
            await settle(pilot)
            _inside(app.screen, *size)
            await pilot.press("escape")
            await settle(pilot)
