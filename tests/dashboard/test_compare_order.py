"""Compare: the earlier round is the one that is followed up, whichever is selected."""

from __future__ import annotations

from textual.widgets import DataTable, Select, Static

from dash_data import fill, make
from survey_tui.services.compare import default_pair, relation


async def test_selecting_the_original_round_keeps_it_earlier(closed_spring):
    fill(closed_spring, "autumn", 4, offset=8)  # autumn follows spring; both reportable
    app = make(closed_spring)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("spring"))
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#old", Select).value == "spring"
        assert screen.query_one("#new", Select).value == "autumn"
        head = str(screen.query_one("#compare-head", Static).render())
        assert "spring (n = 6) -> autumn (n = 6)" in head
        # Picked the wrong way round: the note says which follows which.
        screen.query_one("#old", Select).value = "autumn"
        screen.query_one("#new", Select).value = "spring"
        await pilot.pause()
        head = str(screen.query_one("#compare-head", Static).render())
        assert "autumn (n = 6) -> spring (n = 6)" in head
        assert "autumn follows up spring" in head


def test_default_pair_and_notes(closed_spring):
    kela = closed_spring.get_round("spring").questionnaire
    closed_spring.create_round("extra", kela, follows="spring")
    closed_spring.create_round("solo", kela)
    rounds = closed_spring.list_rounds()
    assert default_pair(rounds, "autumn") == ("spring", "autumn")
    assert default_pair(rounds, "spring") == ("spring", "autumn")
    assert default_pair(rounds, "extra") == ("spring", "extra")
    old, new = default_pair(rounds, "solo")
    assert new == "solo" and old != "solo"
    assert relation(rounds, "spring", "autumn").note("en") == "note: spring is also followed up by extra"
    assert "neither round follows up the other" in relation(rounds, old, "solo").note("en")
    assert relation(rounds, "autumn", "extra").note("en") == "note: extra follows up spring, not autumn"
    assert relation(rounds, "spring", "extra").kind == "also" and relation(rounds, "extra", "spring").kind == "reversed"
    assert default_pair([], None) == (None, None)


async def test_keyword_changes_are_listed_under_theme_titles(closed_spring):
    rnd = closed_spring.get_round("autumn")
    items = [item.id for item in rnd.questionnaire.ranking.items]
    closed_spring.import_responses("autumn", [
        {"language": "en", "answers": {"q1a": "Weekly videocalls with caseworkers"}, "ranking": items}
        for _ in range(4)
    ])
    app = make(closed_spring)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        notes = str(app.screen.query_one("#compare-notes", Static).render())
    assert "Keyword changes:" in notes
    assert "  Sharing information and clarifying services: appeared" in notes
    assert "tiedottaminen" not in notes


def test_the_change_column_is_the_difference_of_the_percentages_shown():
    from survey_tui.tui.dashboard.compare import _pct, _pp

    item = {"first_choice_share_old": 0.285, "first_choice_share_new": 0.335}
    # 28.5 % shows as 28 %, 33.5 % as 34 %: the change shown is +6, not the exact +5.
    assert (_pct(0.285), _pct(0.335), _pp(item)) == ("28%", "34%", "+6 pp")
