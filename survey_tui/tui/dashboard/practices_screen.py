"""Practice statements of a round (the thesis's Taulukko 1) per theme, and the poster.

A practice is added under a theme and linked to a category of the codebook (more with
link); a practice linked to nothing is refused by services.practices. Counts follow the
small-group rule (Count.shown). The poster key writes the Liite 5 sheet
(services.poster, through services.coding_view.write_poster) to the results folder of the
round and says where.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from survey_tui.errors import SurveyError
from survey_tui.sanitize import one_line
from survey_tui.services import codebook as books
from survey_tui.services import coding, practices
from survey_tui.services.coding_view import themes, write_poster
from survey_tui.tui.dashboard.coding_prompt import CodingPrompt
from survey_tui.tui.dashboard.loading import in_worker
from survey_tui.tui.dashboard.coding_frame import WorkbenchScreen
from survey_tui.tui.dashboard.words import w

BUTTONS = (("add", "cw_button_add_practice"), ("link", "cw_button_link"), ("poster", "cw_button_poster"))


class PracticesScreen(WorkbenchScreen):
    BUTTONS = BUTTONS
    BINDINGS = [
        Binding("a", "add", "key_cw_add_practice", show=False),
        Binding("l", "link", "key_cw_link", show=False),
        Binding("w", "poster", "key_cw_poster", show=False),
        Binding("escape", "app.pop_screen", "key_back"),
    ]

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug
        self.themes: tuple = ()
        self.categories: list[str] = []
        self.grouped: list = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="cw-body"):
            yield Static(w(self, "cw_practices_reading"), id="pr-head", markup=False)
            yield OptionList(markup=False, id="pr-list")
            yield from self.compose_actions()
        yield from self.compose_footer()

    async def on_mount(self) -> None:
        self.fit()
        self.sub_title = w(self, "cw_practices_sub_title", slug=self.slug)
        await self.reload()
        self.query_one("#pr-list", OptionList).focus()

    def _load(self):
        store = self.app.store
        return (themes(store, self.slug, self.app.lang), [c.name for c in books.load(store, self.slug).categories],
                coding.practices(store, self.slug, self.app.lang))

    async def reload(self, select: int | None = None) -> None:
        try:
            self.themes, self.categories, self.grouped = await in_worker(self, self._load)
        except SurveyError as exc:
            self.refused(exc)
            return
        n = sum(len(t.practices) for t in self.grouped)
        self.query_one("#pr-head", Static).update(w(self, "cw_practices_head", n=n))
        listed = self.query_one("#pr-list", OptionList)
        listed.clear_options()
        at = None
        for theme in self.grouped:
            heading = Text(one_line(theme.title, 80), style="bold")
            if theme.narrative:
                heading.append("\n" + one_line(theme.narrative, 300), style="italic")
            listed.add_option(Option(heading, disabled=True))
            for p in theme.practices:
                prompt = Text(f"{p.id}. {one_line(p.text, 300)}")
                for c in p.categories:
                    prompt.append(f"\n   ↳ {one_line(c.path, 80)} [{c.count.shown(self.app.lang)}]", style="dim")
                if p.answers.n:
                    prompt.append("\n   " + w(self, "cw_practice_answers", count=p.answers.shown(self.app.lang)), style="dim")
                if p.id == select:
                    at = listed.option_count
                listed.add_option(Option(prompt, id=str(p.id)))
        if not n:
            listed.add_option(Option(Text(w(self, "cw_practices_none")), disabled=True))
        if at is not None:
            listed.highlighted = at

    def selected_id(self) -> int | None:
        listed = self.query_one("#pr-list", OptionList)
        if listed.highlighted is None:
            return None
        option = listed.get_option_at_index(listed.highlighted)
        return int(option.id) if option.id else None

    def _category_prompt(self, title: str, then) -> None:
        if not self.categories:
            self.notify(w(self, "cw_need_category_first"), severity="warning", markup=False)
            return

        async def chosen(name: str | None) -> None:
            if name:
                await then(name)

        self.app.push_screen(CodingPrompt(title, self.categories, only_choices=True), chosen)

    def action_add(self) -> None:
        choices = [f"{title} ({tid})" for tid, title in self.themes]

        async def themed(choice: str | None) -> None:
            if not choice:
                return
            theme_id = self.themes[choices.index(choice)][0]

            async def written(text: str | None) -> None:
                if not text:
                    return

                async def linked(category: str) -> None:
                    try:
                        pid = await in_worker(self, practices.add, self.app.store, self.slug, text, theme_id, [category])
                    except SurveyError as exc:
                        self.refused(exc)
                        return
                    self.clear_refusal()
                    await self.reload(pid)
                    self.notify(w(self, "cw_practice_added", id=pid), markup=False)

                self._category_prompt(w(self, "cw_practice_category_title"), linked)

            self.app.push_screen(CodingPrompt(w(self, "cw_practice_text_title", theme=theme_id),
                                              placeholder=w(self, "cw_practice_placeholder")), written)

        self.app.push_screen(CodingPrompt(w(self, "cw_practice_theme_title"), choices, only_choices=True), themed)

    def action_link(self) -> None:
        pid = self.selected_id()
        if pid is None:
            self.notify(w(self, "cw_select_practice_first"), severity="warning")
            return

        async def linked(category: str) -> None:
            try:
                await in_worker(self, practices.link, self.app.store, self.slug, pid, [category])
            except SurveyError as exc:
                self.refused(exc)
                return
            self.clear_refusal()
            await self.reload(pid)
            self.notify(w(self, "cw_practice_linked", id=pid, category=one_line(category, 60)), markup=False)

        self._category_prompt(w(self, "cw_practice_link_title", id=pid), linked)

    async def action_poster(self) -> None:
        folder = self.app.results_dir / self.slug
        try:
            written = await in_worker(self, write_poster, self.app.store, self.slug, folder)
        except SurveyError as exc:
            self.refused(exc)
            return
        self.clear_refusal()
        self.notify(w(self, "cw_poster_written", folder=folder, files=", ".join(p.name for p in written)),
                    markup=False, timeout=10)
