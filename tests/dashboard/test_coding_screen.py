"""The coding screen driven with keys on the thesis-shaped round: coder chosen at the start,
codes put on and taken off, a reduced expression, the quotable mark, undo, a suggested group
accepted; every result read back through the services, not only from the screen."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, Static

from coding_dash_data import open_coding, settle, thesis_round, to_question, typed
from dash_data import make
from survey_tui.services import codebook, coding, coding_suggest
from survey_tui.services.sealing import ResultsSealed


@pytest.fixture
def thesis(store, kela):
    slug = thesis_round(store, kela)
    codebook.add_category(store, slug, "Yhteydenpito", theme_id="kanavat")
    return store


def _answers(store, qid="q3", coder="A"):
    return coding.answers(store, "kevat", qid, coder).answers


async def test_code_answers_reduce_quote_and_undo(thesis):
    app = make(thesis)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_coding(pilot)
        assert type(screen).__name__ == "CodingScreen" and screen.coder == "A"
        screen = await to_question(pilot, "q3")
        listed = screen.query_one("#cw-answers", OptionList)
        assert listed.option_count == 11
        first = _answers(thesis)[0]
        # A new code: its category is picked from the codebook (typing filters, Enter picks the one left).
        await pilot.press("a")
        await settle(pilot)
        await typed(pilot, "Teams")
        assert "new code" in str(app.screen.query_one(".title", Static).render())
        await typed(pilot, "Yhtey")
        assert _answers(thesis)[0].codes == ("Teams",)
        assert [c.name for c in codebook.load(thesis, "kevat").codes] == ["Teams"]
        # An existing code on the next answer: no category asked.
        await pilot.press("down")
        await pilot.press("a")
        await settle(pilot)
        await typed(pilot, "teams")
        assert _answers(thesis)[1].codes == ("Teams",)
        assert "Teams" in str(screen.query_one("#cw-codes", Static).render())
        # The reduced expression of the selected answer.
        await pilot.press("e")
        assert app.focused is screen.query_one("#cw-reduction", Input)
        await typed(pilot, "Teams kanavana")
        assert _answers(thesis)[1].reduction == "Teams kanavana"
        assert app.focused is listed
        # Quotable, then undo takes back that last change only.
        await pilot.press("m")
        await settle(pilot)
        assert _answers(thesis)[1].quotable
        assert "yes" in str(screen.query_one("#cw-quote-mark", Static).render())
        await pilot.press("u")
        await settle(pilot)
        assert not _answers(thesis)[1].quotable and _answers(thesis)[1].reduction == "Teams kanavana"
        # Remove the code (the only one is offered), on the first answer.
        await pilot.press("up")
        await pilot.press("x")
        await settle(pilot)
        assert app.screen.query_one("#prompt-value", Input).value == "Teams"
        await pilot.press("enter")
        await settle(pilot)
        assert _answers(thesis)[0].codes == () and _answers(thesis)[0].handle == first.handle
        # Coder B sees none of A's codes.
        assert coding.answers(thesis, "kevat", "q3", "B").answers[1].codes == ()


async def test_a_second_coder_codes_blind(thesis):
    app = make(thesis)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_coding(pilot, coder="B")
        assert screen.coder == "B"
        screen = await to_question(pilot, "q3")
        await pilot.press("a")
        await settle(pilot)
        await typed(pilot, "Puhelin")
        await typed(pilot, "Yhtey")
        assert _answers(thesis, coder="B")[0].codes == ("Puhelin",)
        assert _answers(thesis, coder="A")[0].codes == ()
        assert "Coder B" in str(screen.query_one("#cw-question", Static).render())


async def test_accept_a_suggested_group(thesis):
    found = coding_suggest.suggest(thesis, "kevat", "q3")
    assert found.groups, "the thesis answers to q3 form groups"
    group = found.groups[0]
    app = make(thesis)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_coding(pilot)
        await to_question(pilot, "q3")
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "SuggestionsScreen"
        note = str(screen.query_one("#cw-suggest-note", Static).render())
        assert note.startswith("These are only suggestions") and "nothing is coded until you accept" in note
        groups = screen.query_one("#cw-groups", OptionList)
        assert groups.option_count == len(found.groups)
        assert coding.category_counts(thesis, "kevat")["Yhteydenpito"].n == 0  # nothing coded yet
        await pilot.press("a")  # accept group 1 under its suggested name: a new code, so a category
        await settle(pilot)
        await typed(pilot, "Yhteydenpito")
        coded = {a.handle for a in _answers(thesis) if group.name in a.codes}
        assert coded == set(group.handles)
        assert groups.option_count == len(found.groups) - 1
        if len(found.groups) > 1:  # reject the next: nothing coded
            before = thesis.coding_assignments("kevat")
            await pilot.press("x")
            await settle(pilot)
            assert thesis.coding_assignments("kevat") == before
        await pilot.press("escape")
        await settle(pilot)
        # Back on the coding screen, the accepted code shows on its answers.
        shown = str(app.screen.query_one("#cw-codes", Static).render())
        assert type(app.screen).__name__ == "CodingScreen" and "Codes:" in shown


async def test_sealed_round_is_refused_with_the_sealing_line(dash_store):
    app = make(dash_store)
    async with app.run_test(size=(80, 24)) as pilot:
        from textual.widgets import DataTable

        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("spring"))
        await pilot.pause()
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        # The results view says why (the sealing rule's line) and offers no coding key.
        assert type(app.screen).__name__ == "RoundViewScreen"
        expected = str(ResultsSealed("spring", 6, 5))
        from textual.widgets import Static

        assert any(expected in str(w.render()) for w in app.screen.query(Static))
        shown = {b.key for (_, b, enabled, _) in app.screen.active_bindings.values() if enabled and b.show}
        assert "w" not in shown
