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


async def test_categories_show_counts_shares_and_changes(closed_spring):
    """The content analysis's categories: per round the count of the answers to the category's
    theme with its share and Wilson interval, hidden below the minimum group, and the change."""
    from survey_tui.services import codebook, coding, tags

    fill(closed_spring, "autumn", 4, offset=8)
    codebook.add_category(closed_spring, "spring", "[b]Training[/b]", theme_id="tiedottaminen")
    codebook.add_category(closed_spring, "spring", "Contacts", theme_id="tiedottaminen")
    codebook.add_code(closed_spring, "spring", "Training days", "[b]Training[/b]")
    codebook.add_code(closed_spring, "spring", "Contact persons", "Contacts")
    for slug in ("spring", "autumn"):  # autumn starts from a copy of spring's codebook
        found = tags.answers(closed_spring, slug, "q1a")
        for row in found.rows:
            if "training" in row["text"]:
                coding.assign(closed_spring, slug, found.handle(row), "Training days")
        contacts = tags.answers(closed_spring, slug, "q1b")
        for row in contacts.rows[:2]:  # two answers: below the minimum group of 5
            coding.assign(closed_spring, slug, contacts.handle(row), "Contact persons")
    app = make(closed_spring)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#compare-categories", DataTable)
        assert table.display
        cells = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        # q1a and q1b are the theme's answered questions: 6 respondents, 12 answers a round.
        # Worked by hand: 5 of 12, Wilson 0.1933-0.6805; 6 of 12, 0.2538-0.7462; the change
        # +0.0833, Newcombe 0.0833 -+ sqrt(0.2462^2 + 0.2638^2) = -0.2775 and
        # 0.0833 + sqrt(0.2462^2 + 0.2234^2) = +0.4158; Fisher's p of [[6, 6], [5, 7]] is 1.
        assert cells == [["[b]Training[/b]", "5 / 12 = 42% (19–68%)", "6 / 12 = 50% (25–75%)"],
                         ["Contacts", "fewer than 5", "fewer than 5"]]
        notes = str(screen.query_one("#compare-categories-notes", Static).render())
        assert ("[b]Training[/b]: 5 / 12 = 42% (19–68%) → 6 / 12 = 50% (25–75%): +8 pp (95% CI -28 … +42), "
                "within what chance alone could give") in notes
        assert "Contacts:" not in notes  # hidden counts: no share, no change
        assert "answers to the category's theme" in notes
        # No comparison (the same round twice): the section is hidden with the rest.
        screen.query_one("#new", Select).value = "spring"
        await pilot.pause()
        assert not table.display and not screen.query_one("#compare-categories-notes", Static).display


async def test_categories_are_hidden_when_neither_round_is_coded(closed_spring):
    fill(closed_spring, "autumn", 4, offset=8)
    app = make(closed_spring)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.query_one("#compare-table", DataTable).row_count == 5  # compared
        assert not app.screen.query_one("#compare-categories", DataTable).display
