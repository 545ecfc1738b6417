"""The rules issue 11 found decided twice, now decided once: both interfaces, same data, same outcome.

Each test drives the CLI (CliRunner) and the dashboard (Pilot) over one database.
"""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner
from textual.widgets import Input, Select, Static

from dash_data import make
from survey_tui.cli.main import cli
from survey_tui.questionnaire import load_shipped


def run(store, *args):
    return CliRunner().invoke(cli, ["--db", store.path, *args], catch_exceptions=False)


async def test_codes_for_a_closed_round_are_refused_by_both(closed_spring):
    before = closed_spring.list_codes("spring")
    cli_result = run(closed_spring, "codes", "add", "spring", "--count", "2")
    assert cli_result.exit_code == 2 and "is closed" in cli_result.output
    app = make(closed_spring)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one("#rounds")
        table.move_cursor(row=table.get_row_index("spring"))
        await pilot.press("k")
        await pilot.pause()
        app.screen.query_one("#count", Input).value = "2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#codes-error", Static).render())
    assert "is closed" in error
    assert closed_spring.list_codes("spring") == before  # nothing issued by either
    assert closed_spring.get_round("spring").state == "closed"


def _tied_round(store) -> list[str]:
    """A closed round where two themes tie on first choices but not on Borda points:
    the first theme of the questionnaire ties with the second, which has more points."""
    kela = load_shipped("kela-sosiaalitoimi")
    items = [item.id for item in kela.ranking.items]
    a, b, c, d, e = items[:5]
    store.create_round("tie", kela, state="open", min_group=5)
    records = [{"language": "en", "answers": {}, "ranking": [b, c, a, d, e]} for _ in range(3)]
    records += [{"language": "en", "answers": {}, "ranking": [a, b, c, d, e]} for _ in range(3)]
    store.import_responses("tie", records)
    store.set_state("tie", "closed")
    return items


async def test_report_and_dashboard_list_tied_themes_in_one_order(dash_store):
    items = _tied_round(dash_store)
    data = json.loads(run(dash_store, "report", "tie", "--format", "json", "--lang", "en").output)
    by_id = {it["id"]: it for it in data["ranking"]["items"]}
    assert by_id[items[0]]["first_choice"] == by_id[items[1]]["first_choice"] == 3
    assert by_id[items[1]]["borda"] > by_id[items[0]]["borda"]
    text = run(dash_store, "report", "tie", "--lang", "en").output
    titles = {it["id"]: it["title"] for it in data["ranking"]["items"]}
    cli_order = sorted(items, key=lambda i: text.index(titles[i][:20]))

    app = make(dash_store)
    drawn: list[list[str]] = []
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one("#rounds")
        table.move_cursor(row=table.get_row_index("tie"))
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        plt = screen.query_one("#first-chart").plt
        original = plt.bar
        plt.bar = lambda labels, values, **kw: drawn.append(list(labels)) or original(labels, values, **kw)
        screen._draw_first_choices()
        plt.bar = original
        short = {screen._short(i): i for i in items}
    dashboard_titles = list(reversed(drawn[0]))  # drawn bottom-up, so the first is at the top
    dashboard_order = [short[label] for label in dashboard_titles]
    assert dashboard_order[:2] == [items[0], items[1]]  # the tie keeps questionnaire order...
    assert cli_order[:2] == dashboard_order[:2]  # ...in the report too


async def test_new_rounds_and_follow_ups_get_the_same_access_from_both(dash_store):
    dash_store.create_round("by-code", load_shipped("kela-sosiaalitoimi"), access="codes")
    assert run(dash_store, "round", "new", "cli-new", "--questionnaire", "kela-sosiaalitoimi").exit_code == 0
    assert run(dash_store, "round", "new", "cli-follow", "--follow-up-of", "by-code").exit_code == 0
    app = make(dash_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#slug", Input).value = "dash-new"
        await pilot.press("ctrl+s")
        await pilot.pause()
        table = app.screen.query_one("#rounds")
        table.move_cursor(row=table.get_row_index("by-code"))
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        follow_default = app.screen.query_one("#access", Select).value
        app.screen.query_one("#slug", Input).value = "dash-follow"
        await pilot.press("ctrl+s")
        await pilot.pause()
    access = {slug: dash_store.get_round(slug).access for slug in ("cli-new", "dash-new", "cli-follow", "dash-follow")}
    assert access["cli-new"] == access["dash-new"]
    assert access["cli-follow"] == access["dash-follow"] == follow_default == "codes"
    assert dash_store.get_round("dash-follow").min_group == dash_store.get_round("cli-follow").min_group


def test_the_old_command_name_still_works_and_says_the_new_one(closed_spring):
    result = CliRunner().invoke(cli, ["--db", closed_spring.path, "code", "spring", "summary"])
    assert result.exit_code == 0, result.output
    assert "'survey-tui code' is now 'survey-tui tag'" in result.output
    assert "tag" in CliRunner().invoke(cli, ["--help"]).output
    assert "  code " not in CliRunner().invoke(cli, ["--help"]).output
