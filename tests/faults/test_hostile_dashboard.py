"""Rich markup in questionnaire titles stays text in every dashboard table (Pilot).

A DataTable reads a str cell as Rich markup, so `[link=https://evil.example]Kanavat[/]`
in a theme title used to become a live hyperlink named "Kanavat". Every cell, option
and label built from data must be a rich.text.Text shown literally.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random

from rich.text import Text

from faultkit import RANKING
from survey_tui.questionnaire import from_dict, load_shipped
from survey_tui.store import Store

MARKUP = "[link=https://evil.example]Kanavat[/]"
TITLE_MARKUP = "[link=https://evil.example]Kysely[/] [@click=app.quit]x[/]"


def hostile_questionnaire():
    data = load_shipped("kela-sosiaalitoimi").to_dict()
    data["title"] = {lang: TITLE_MARKUP for lang in data["languages"]}
    for theme in data["themes"]:
        if theme["id"] == "kanavat":
            theme["title"] = {lang: MARKUP for lang in data["languages"]}
    return from_dict(data, "hostile")


def _cells(table) -> list:
    return [table.get_cell_at((r, c)) for r in range(table.row_count) for c in range(len(table.columns))]


def _links(renderable: Text) -> list[str]:
    spans = [span.style for span in renderable.spans] + [renderable.style]
    return [str(s) for s in spans if s and "link" in str(s)]


def test_markup_in_titles_is_literal_in_every_dashboard_table(tmp_path, figure):
    from textual.widgets import DataTable, OptionList

    from survey_tui.tui.dashboard.app import make_dashboard
    from survey_tui.tui.dashboard.compare import CompareScreen
    from survey_tui.tui.dashboard.round_view import RoundViewScreen
    from survey_tui.tui.dashboard.themes import ThemesScreen

    q = hostile_questionnaire()
    store = Store(tmp_path / "d.db")
    store.create_round("spring", q, state="open", min_group=5)
    store.create_round("autumn", q, state="open", follows="spring", min_group=5)
    for slug in ("spring", "autumn"):
        order = RANKING[1:] + RANKING[:1] if slug == "autumn" else RANKING
        store.import_responses(slug, [{"language": "fi", "answers": {"q1a": f"vastaus {i}"}, "ranking": order} for i in range(6)])
        store.set_state(slug, "closed")
    checked: dict[str, int] = {}

    async def scenario():
        app = make_dashboard(store, today=dt.date(2025, 3, 10), rng=random.Random(7))
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.pause()
            screens = [("rounds", None), ("results", RoundViewScreen("spring")), ("compare", CompareScreen("autumn"))]
            for name, screen in screens:
                if screen is not None:
                    await app.push_screen(screen)
                    await pilot.pause()
                    await pilot.pause()
                tables = list(app.screen.query(DataTable))
                assert tables, f"{name}: no table"
                cells = [cell for table in tables for cell in _cells(table)]
                assert cells, f"{name}: empty table"
                not_text = [repr(c)[:60] for c in cells if not isinstance(c, Text)]
                assert not_text == [], f"{name}: cells that are not rich Text: {not_text[:5]}"
                plain = " ".join(c.plain for c in cells)
                if name != "rounds":  # the rounds table names the questionnaire by its id
                    assert MARKUP[:34] in plain, f"{name}: the markup is not shown literally: {plain[:300]}"
                assert [link for c in cells for link in _links(c)] == [], f"{name}: a cell carries a link"
                svg = app.export_screenshot()
                assert "evil.example" not in "".join(part.split('"')[0] for part in svg.split("href=")[1:])
                checked[name] = len(cells)
                assert app.is_running
            await app.push_screen(ThemesScreen("spring"))
            await pilot.pause()
            options = [o.prompt for o in app.screen.query_one("#questions", OptionList).options]
            assert all(isinstance(p, Text) for p in options)
            assert any(MARKUP in p.plain for p in options)
            checked["themes"] = len(options)
            assert app.is_running

    try:
        asyncio.run(scenario())
    finally:
        store.close()
    figure("cells_checked", checked)
