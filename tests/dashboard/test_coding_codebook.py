"""The codebook screen driven with keys: two codes merged with their assignments kept, a merge
into itself refused with the service's line (nothing changed), undo; then a code added, renamed
(the screen once crashed looking the old name up) and given a memo, a sub-category added, a code
moved into it with its assignments and split by answers picked from a list, and a theme's
narrative."""

from __future__ import annotations

import pytest
from textual.widgets import Static, Tree

from coding_dash_data import handles, open_coding, settle, thesis_round, typed
from dash_data import make
from survey_tui.errors import message
from survey_tui.services import codebook, coding


@pytest.fixture
def thesis(store, kela):
    """q3's answers coded by A: Teams where they say Teams, Pikaviestin where they say pikaviest*."""
    slug = thesis_round(store, kela)
    codebook.add_category(store, slug, "Yhteydenpito", theme_id="kanavat")
    codebook.add_code(store, slug, "Teams", "Yhteydenpito")
    codebook.add_code(store, slug, "Pikaviestin", "Yhteydenpito")
    for text, handle in handles(store, slug, "q3").items():
        if "teams" in text.lower():
            coding.assign(store, slug, handle, "Teams")
        if "pikaviest" in text.lower():
            coding.assign(store, slug, handle, "Pikaviestin")
    return store


def _state(store):
    return (store.coding_categories("kevat"), store.coding_codes("kevat"), store.coding_assignments("kevat"))


def _carried(store):
    return {(a["response_id"], a["question_id"]) for a in store.coding_assignments("kevat")}


async def _go(pilot, kind: str, name: str) -> None:
    """Move the tree cursor to a theme / category / code with the arrow keys."""
    screen = pilot.app.screen
    target = screen.lines.index((kind, name))
    tree = screen.query_one(Tree)
    while tree.cursor_line != target:
        await pilot.press("down" if tree.cursor_line < target else "up")
    await pilot.pause()
    assert screen.selected() == (kind, name)


async def _codebook(pilot):
    await open_coding(pilot)
    await pilot.press("c")
    await settle(pilot)
    assert type(pilot.app.screen).__name__ == "CodebookScreen"
    return pilot.app.screen


async def test_merge_keeps_assignments_refusal_and_undo(thesis):
    app = make(thesis)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _codebook(pilot)
        carried, teams_before = _carried(thesis), len(coding.answers(thesis, "kevat", "q3").answers)
        assert str(screen.query_one("#cb-head", Static).render()).startswith("1 categories, 2 codes")
        # Merge a code into itself: the service's one line, nothing changed.
        await _go(pilot, "code", "Teams")
        before = _state(thesis)
        await pilot.press("g")
        await settle(pilot)
        await typed(pilot, "Teams")
        refusal = message("cod_merge_self", name=repr("Teams"))
        assert str(screen.query_one("#cw-error", Static).render()) == refusal
        assert refusal in [n.message for n in app._notifications]
        assert _state(thesis) == before
        # Merge Pikaviestin into Teams: every answer that carried either now carries Teams.
        await _go(pilot, "code", "Pikaviestin")
        await pilot.press("g")
        await settle(pilot)
        await typed(pilot, "Teams")
        book = codebook.load(thesis, "kevat")
        assert [c.name for c in book.codes] == ["Teams"]
        assert _carried(thesis) == carried
        assert {a["code_id"] for a in thesis.coding_assignments("kevat")} == {book.code("Teams").id}
        assert ("code", "Pikaviestin") not in screen.lines and screen.selected() == ("code", "Teams")
        assert str(screen.query_one("#cw-error", Static).render()) == ""
        # Undo puts Pikaviestin and its assignments back.
        await pilot.press("u")
        await settle(pilot)
        assert _state(thesis) == before
        assert ("code", "Pikaviestin") in screen.lines
        assert "Undone: merging codes." in [n.message for n in app._notifications]
        assert len(coding.answers(thesis, "kevat", "q3").answers) == teams_before


def _nodes(node):
    for child in node.children:
        yield child
        yield from _nodes(child)


async def test_add_rename_memo_sub_category_move_split_and_narrative_by_keys(thesis):
    """Each codebook action from its key, through its prompt, to the stored codebook; the
    assignments of a moved code stay, and a split takes the answers picked from the list."""
    app = make(thesis)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _codebook(pilot)
        teams_answers = {a["response_id"] for a in thesis.coding_assignments("kevat")
                         if a["code_id"] == codebook.load(thesis, "kevat").code("Teams").id}
        assert len(teams_answers) >= 2, "the thesis data has several Teams answers"
        # a on a category: a new code in it, selected.
        await _go(pilot, "category", "Yhteydenpito")
        await pilot.press("a")
        await settle(pilot)
        await typed(pilot, "Puhelin")
        book = codebook.load(thesis, "kevat")
        assert book.by_id(book.code("Puhelin").category_id).name == "Yhteydenpito"
        assert screen.selected() == ("code", "Puhelin")
        # r: the prompt holds the old name; cleared and typed anew, the code is renamed.
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("ctrl+u")
        await typed(pilot, "Soitto")
        assert [c.name for c in codebook.load(thesis, "kevat").codes if c.name in ("Puhelin", "Soitto")] == ["Soitto"]
        assert screen.selected() == ("code", "Soitto")
        # o: the memo is kept and shown beside the code.
        await pilot.press("o")
        await settle(pilot)
        await typed(pilot, "puhelut ja soitot")
        assert codebook.load(thesis, "kevat").code("Soitto").memo == "puhelut ja soitot"
        assert "puhelut ja soitot" in str(screen.query_one("#cb-detail", Static).render())
        # k on a category: a sub-category under it.
        await _go(pilot, "category", "Yhteydenpito")
        await pilot.press("k")
        await settle(pilot)
        await typed(pilot, "Digi")
        book = codebook.load(thesis, "kevat")
        assert book.by_id(book.category("Digi").parent_id).name == "Yhteydenpito"
        # v on a code: moved into the sub-category, its answers still carry it.
        await _go(pilot, "code", "Teams")
        await pilot.press("v")
        await settle(pilot)
        await typed(pilot, "Digi")
        book = codebook.load(thesis, "kevat")
        assert book.by_id(book.code("Teams").category_id).name == "Digi"
        assert {a["response_id"] for a in thesis.coding_assignments("kevat")
                if a["code_id"] == book.code("Teams").id} == teams_answers
        # s on a code: a new name, then the answers that go with it, picked from the list.
        await _go(pilot, "code", "Teams")
        await pilot.press("s")
        await settle(pilot)
        await typed(pilot, "Teams kokous")
        assert type(app.screen).__name__ == "CodingPrompt"
        await pilot.press("down")  # from the field into the list of answers carrying Teams
        await pilot.pause()
        assert app.screen.query_one("#prompt-choices").highlighted is None
        await pilot.press("down", "enter")  # the first answer in the list
        await settle(pilot)
        assert type(app.screen).__name__ == "CodebookScreen", [n.message for n in app._notifications]
        book = codebook.load(thesis, "kevat")
        moved = {a["response_id"] for a in thesis.coding_assignments("kevat")
                 if a["code_id"] == book.code("Teams kokous").id}
        kept = {a["response_id"] for a in thesis.coding_assignments("kevat") if a["code_id"] == book.code("Teams").id}
        assert len(moved) == 1 and moved | kept == teams_answers and not moved & kept
        # t: the theme's narrative, for the report and the poster.
        await _go(pilot, "theme", "kanavat")
        await pilot.press("t")
        await settle(pilot)
        await typed(pilot, "Teams ja pikaviestin")
        assert codebook.load(thesis, "kevat").narratives["kanavat"] == "Teams ja pikaviestin"
        assert "Teams ja pikaviestin" in str(screen.query_one("#cb-detail", Static).render())
