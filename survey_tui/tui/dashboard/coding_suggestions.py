"""Suggested groups of similar answers to one question (services.coding_suggest), to accept,
rename or reject.

The screen says they are suggestions: nothing is coded until a group is accepted, as an
existing code of its name or a new one in a category chosen here. Rejecting codes
nothing and only takes the group off this list for this visit.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from survey_tui.errors import SurveyError
from survey_tui.sanitize import clean_text, one_line
from survey_tui.services import codebook as books
from survey_tui.services import coding_suggest
from survey_tui.tui.dashboard.coding_prompt import CodingPrompt
from survey_tui.tui.dashboard.loading import in_worker
from survey_tui.tui.dashboard.coding_frame import WorkbenchScreen
from survey_tui.tui.dashboard.words import w

BUTTONS = (("accept", "cw_button_accept"), ("rename", "cw_button_rename_accept"), ("reject", "cw_button_reject"))


class SuggestionsScreen(WorkbenchScreen):
    BUTTONS = BUTTONS
    BINDINGS = [
        Binding("a", "accept", "key_cw_accept", show=False),
        Binding("r", "rename", "key_cw_rename_accept", show=False),
        Binding("x", "reject", "key_cw_reject", show=False),
        Binding("escape", "app.pop_screen", "key_back"),
    ]

    def __init__(self, slug: str, question_id: str, coder: str) -> None:
        super().__init__()
        self.slug, self.question_id, self.coder = slug, question_id, coder
        self.groups: list = []
        self.book: books.Codebook | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="cw-body"):
            yield Static(w(self, "cw_suggest_note"), id="cw-suggest-note", markup=False)
            yield Static(w(self, "cw_suggest_reading"), id="cw-suggest-head", markup=False)
            yield OptionList(markup=False, id="cw-groups")
            yield from self.compose_actions()
        yield from self.compose_footer()

    async def on_mount(self) -> None:
        self.fit()
        self.sub_title = w(self, "cw_suggest_sub_title", slug=self.slug, question=self.question_id)
        try:
            found, self.book = await in_worker(self, self._load)
        except SurveyError as exc:
            self.refused(exc)
            return
        self.groups = list(found.groups)
        self.query_one("#cw-suggest-head", Static).update(
            w(self, "cw_suggest_head", groups=len(self.groups), alone=len(found.alone), coder=self.coder))
        self._fill()
        self.query_one("#cw-groups", OptionList).focus()

    def _load(self):
        store = self.app.store
        return coding_suggest.suggest(store, self.slug, self.question_id), books.load(store, self.slug)

    def _fill(self, at: int = 0) -> None:
        groups = self.query_one("#cw-groups", OptionList)
        groups.clear_options()
        for g in self.groups:
            prompt = Text(w(self, "cw_suggest_group", number=g.number, name=one_line(g.name, 60), n=len(g.handles),
                            keywords=", ".join(one_line(k, 30) for k in g.keywords)), style="bold")
            for handle, text in zip(g.handles, g.texts):
                prompt.append(f"\n  {handle}  {one_line(clean_text(text), 90)}", style="")
            groups.add_option(Option(prompt, id=str(g.number)))
        if not self.groups:
            groups.add_option(Option(Text(w(self, "cw_suggest_none")), disabled=True))
        elif at is not None:
            groups.highlighted = min(at, len(self.groups) - 1)

    def selected(self):
        index = self.query_one("#cw-groups", OptionList).highlighted
        if index is None or index >= len(self.groups):
            self.notify(w(self, "cw_select_group_first"), severity="warning")
            return None
        return self.groups[index]

    def _is_code(self, name: str) -> bool:
        return any(c.name.casefold() == " ".join(name.split()).casefold() for c in self.book.codes)

    async def _accept(self, group, name: str | None, category: str | None) -> None:
        try:
            code, n = await in_worker(self, coding_suggest.accept, self.app.store, self.slug, self.question_id,
                                      group.number, category, name, self.coder)
            self.book = await in_worker(self, books.load, self.app.store, self.slug)
        except SurveyError as exc:
            self.refused(exc)
            return
        self.clear_refusal()
        at = self.groups.index(group)
        self.groups.remove(group)
        self._fill(at)
        self.notify(w(self, "cw_suggest_accepted", n=n, code=one_line(code, 60)), markup=False)

    async def _accept_as(self, group, name: str) -> None:
        if self._is_code(name):
            await self._accept(group, name, None)
            return
        if not self.book.categories:
            self.notify(w(self, "cw_need_category_first"), severity="warning", markup=False)
            return

        async def placed(category: str | None) -> None:
            if category:
                await self._accept(group, name, category)

        self.app.push_screen(CodingPrompt(w(self, "cw_new_code_category", name=name),
                                          [c.name for c in self.book.categories], only_choices=True), placed)

    async def action_accept(self) -> None:
        group = self.selected()
        if group is not None:
            await self._accept_as(group, group.name)

    def action_rename(self) -> None:
        group = self.selected()
        if group is None:
            return

        async def named(name: str | None) -> None:
            if name:
                await self._accept_as(group, name)

        self.app.push_screen(CodingPrompt(w(self, "cw_suggest_rename_title", number=group.number),
                                          [c.name for c in self.book.codes], value=group.name), named)

    def action_reject(self) -> None:
        group = self.selected()
        if group is None:
            return
        at = self.groups.index(group)
        self.groups.remove(group)
        self._fill(at)
        self.notify(w(self, "cw_suggest_rejected", number=group.number), markup=False)
