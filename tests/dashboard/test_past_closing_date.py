"""A round whose closing date has passed: warned about when created and when opened."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from dash_data import TODAY, make


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def filled_in(q):
    """The questionnaire with its fill-in placeholders replaced, as a coordinator would:
    a round of the shipped one is not opened while its intro says [contact details]."""
    from survey_tui.questionnaire import from_dict
    from survey_tui.questionnaire.placeholders import PLACEHOLDER_RE

    data = q.to_dict()
    data["intro"] = {lang: PLACEHOLDER_RE.sub("Liisa Virtanen, 040 123 4567", text) for lang, text in data["intro"].items()}
    return from_dict(data, "filled-in")


async def test_creating_with_a_past_closing_date_warns_first(dash_store):
    app = make(dash_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#slug", Input).value = "late"
        form.query_one("#closes", Input).value = "2025-03-01"  # TODAY is 2025-03-10
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = str(form.query_one("#form-error", Static).render())
        assert "2025-03-01 has already passed" in text and "would not accept answers" in text
        assert "late" not in [r.slug for r in dash_store.list_rounds()]
        await pilot.press("ctrl+s")  # created anyway, and warned again on the table
        await pilot.pause()
        assert dash_store.get_round("late").state == "draft"
        assert any("will not accept answers" in n and "closed on 2025-03-01" in n for n in notices(app))


async def test_opening_a_round_past_its_closing_date_is_refused_as_on_the_command_line(dash_store):
    import datetime as dt

    kela = dash_store.get_round("spring").questionnaire
    dash_store.create_round("late", kela, closes=TODAY - dt.timedelta(days=1))
    app = make(dash_store)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("late"))
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert not app.screen.query("#question")  # nothing to confirm
        assert dash_store.get_round("late").state == "draft"
        assert any("Not opened" in n and "closed on 2025-03-09" in n and "round edit late --closes" in n
                   for n in notices(app))


async def test_opening_a_round_before_its_opening_date_warns(dash_store):
    import datetime as dt

    kela = filled_in(dash_store.get_round("spring").questionnaire)
    dash_store.create_round("soon", kela, opens=TODAY + dt.timedelta(days=2))
    app = make(dash_store)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("soon"))
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        question = str(app.screen.query_one("#question", Static).render())
        assert "Warning: it will not accept answers" in question and "opens on 2025-03-12" in question
        await pilot.press("y")
        await pilot.pause()
        assert dash_store.get_round("soon").state == "open"
        assert any("now open but not accepting answers" in n for n in notices(app))


async def test_opening_a_round_with_placeholders_is_refused_with_the_fix(dash_store):
    dash_store.create_round("unfilled", dash_store.get_round("spring").questionnaire)
    app = make(dash_store)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("unfilled"))
        await pilot.pause()
        await pilot.press("o", "y")
        await pilot.pause()
        assert dash_store.get_round("unfilled").state == "draft"
        assert any("[koordinaattorin yhteystiedot]" in n and "questionnaire validate" in n
                   and "--allow-placeholders" in n for n in notices(app)), notices(app)


async def test_opening_a_current_round_has_no_warning(dash_store):
    dash_store.create_round("fresh", dash_store.get_round("spring").questionnaire)
    app = make(dash_store)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("fresh"))
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert "Warning" not in str(app.screen.query_one("#question", Static).render())
