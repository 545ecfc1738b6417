"""The coding workbench of one round, a question at a time: answers, reduced expression, codes.

The coder is chosen when the screen opens (default "A"; a second coder codes blind to the
first: services.coding shows one coder's work only). Every change goes through
services.coding / services.codebook in a worker and the list is read back from them; a
refusal is the service's one line, shown as it is. Answers are respondent text: cleaned
with clean_text, markup off.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from survey_tui.errors import SurveyError
from survey_tui.sanitize import clean_text, one_line
from survey_tui.services import codebook as books
from survey_tui.services import coding
from survey_tui.services.coding_view import open_questions
from survey_tui.tui.dashboard.coding_prompt import CodingPrompt
from survey_tui.tui.dashboard.loading import in_worker
from survey_tui.tui.dashboard.coding_frame import WorkbenchScreen
from survey_tui.tui.dashboard.words import w

BUTTONS = (("add_code", "cw_button_code"), ("remove_code", "cw_button_uncode"), ("quotable", "cw_button_quotable"),
           ("suggestions", "cw_button_suggest"), ("undo", "cw_button_undo"))


def undone_line(node, action: str) -> str:
    """"Undone: merging codes." (the action's noun as the CLI says it)."""
    from survey_tui.i18n import text
    from survey_tui.tui.dashboard.words import lang_of

    try:
        noun = text("cli", lang_of(node), f"coding_action_{action}")
    except KeyError:
        noun = action
    return w(node, "cw_undone", action=noun)


class CodingScreen(WorkbenchScreen):
    BUTTONS = BUTTONS
    BINDINGS = [
        Binding("a", "add_code", "key_cw_code", show=False),
        Binding("x", "remove_code", "key_cw_uncode", show=False),
        Binding("m", "quotable", "key_cw_quotable", show=False),
        Binding("s", "suggestions", "key_cw_suggest", show=False),
        Binding("u", "undo", "key_cw_undo", show=False),
        Binding("e", "edit_reduction", "key_cw_reduce"),
        Binding("n", "question(1)", "key_cw_next_question"),
        Binding("p", "question(-1)", "key_cw_previous_question", show=False),
        Binding("c", "codebook", "key_cw_codebook"),
        Binding("t", "practices", "key_cw_practices"),
        Binding("escape", "back", "key_back"),
    ]

    def __init__(self, slug: str, coder: str | None = None) -> None:
        super().__init__()
        self.slug = slug
        self.coder = coder
        self.questions: tuple = ()
        self.index = 0
        self.view: coding.CodingView | None = None
        self._away = False  # another full screen is on top (codebook, practices, suggestions)

    def compose(self) -> ComposeResult:
        yield Header()
        # Filled once the coder is chosen and the answers are read in a worker: never in compose.
        with Vertical(id="cw-body"):
            yield Static("", id="cw-question", markup=False)
            with Horizontal(id="cw-main"):
                yield OptionList(markup=False, id="cw-answers")
                with VerticalScroll(id="cw-detail"):
                    yield Static("", id="cw-answer-text", markup=False)
                    yield Label(w(self, "cw_reduction_label"), classes="cw-label")
                    yield Input(placeholder=w(self, "cw_reduction_placeholder"), id="cw-reduction")
                    yield Static("", id="cw-codes", markup=False)
                    yield Static("", id="cw-quote-mark", markup=False)
            yield from self.compose_actions()
        yield from self.compose_footer()

    async def on_mount(self) -> None:
        self.fit()
        self.sub_title = w(self, "cw_sub_title", slug=self.slug)
        self.query_one("#cw-question", Static).update(w(self, "cw_choose_coder"))
        if self.coder is not None:
            await self._start(self.coder)
            return
        self.app.push_screen(CodingPrompt(w(self, "cw_coder_title"), value=coding.DEFAULT_CODER,
                                          note=w(self, "cw_coder_note"), placeholder="A"), self._coder_chosen)

    async def _coder_chosen(self, name: str | None) -> None:
        if name is None and self.view is None:
            self.app.pop_screen()
            return
        await self._start(name or coding.DEFAULT_CODER)

    async def _start(self, name: str) -> None:
        try:
            self.coder = coding.clean_coder(name)
        except SurveyError as exc:
            self.notify(str(exc), severity="error", markup=False)
            self.app.push_screen(CodingPrompt(w(self, "cw_coder_title"), value=coding.DEFAULT_CODER,
                                              note=w(self, "cw_coder_note")), self._coder_chosen)
            return
        self.questions = await in_worker(self, open_questions, self.app.store, self.slug, self.app.lang)
        await self.reload()
        self.query_one("#cw-answers", OptionList).focus()

    async def on_screen_resume(self) -> None:
        if self._away:  # back from the codebook, practices or suggestions: read again
            self._away = False
            await self.reload(keep=True)

    def _open(self, screen) -> None:
        self._away = True
        self.app.push_screen(screen)

    # ------------------------------------------------------------------ data

    @property
    def question(self):
        return self.questions[self.index] if self.questions else None

    async def reload(self, keep: bool = False) -> None:
        answers = self.query_one("#cw-answers", OptionList)
        at = answers.highlighted if keep else 0
        if self.question is None:
            self.query_one("#cw-question", Static).update(w(self, "cw_no_open_questions"))
            return
        try:
            self.view = await in_worker(self, coding.answers, self.app.store, self.slug, self.question.id, self.coder)
        except SurveyError as exc:
            self.refused(exc)
            return
        q = self.question
        self.query_one("#cw-question", Static).update(
            f"{q.id} ({self.index + 1}/{len(self.questions)}) · "
            + w(self, "cw_question_line", coder=self.coder, n=len(self.view.answers))
            + f" · {one_line(q.theme_title, 60)}\n{one_line(q.prompt, 300)}")
        answers.clear_options()
        for i, a in enumerate(self.view.answers):
            prompt = Text(f"{a.handle}  ", style="bold")
            prompt.append(clean_text(a.text).strip())
            if a.codes:
                prompt.append("\n  " + ", ".join(one_line(c, 40) for c in a.codes), style="italic")
            answers.add_option(Option(prompt, id=str(i)))
        if self.view.answers:
            answers.highlighted = min(at or 0, len(self.view.answers) - 1)
        self._show_detail()

    def selected(self) -> coding.CodedAnswer | None:
        if self.view is None:
            return None
        index = self.query_one("#cw-answers", OptionList).highlighted
        if index is None or index >= len(self.view.answers):
            return None
        return self.view.answers[index]

    def _show_detail(self) -> None:
        row = self.selected()
        text = self.query_one("#cw-answer-text", Static)
        reduction = self.query_one("#cw-reduction", Input)
        if row is None:
            text.update(w(self, "cw_no_answers"))
            reduction.value = ""
            self.query_one("#cw-codes", Static).update("")
            self.query_one("#cw-quote-mark", Static).update("")
            return
        text.update(f"{row.handle}\n{clean_text(row.text).strip()}")
        reduction.value = row.reduction
        codes = ", ".join(one_line(c, 60) for c in row.codes) or w(self, "cw_no_codes")
        self.query_one("#cw-codes", Static).update(w(self, "cw_codes_line", codes=codes))
        self.query_one("#cw-quote-mark", Static).update(w(self, "cw_quotable_yes" if row.quotable else "cw_quotable_no"))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "cw-answers":
            self._show_detail()

    async def change(self, fn, *args, done: str | None = None) -> bool:
        """Run a use case in a worker; its refusal shown as its one line. True when it ran."""
        try:
            await in_worker(self, fn, self.app.store, self.slug, *args)
        except SurveyError as exc:
            self.refused(exc)
            return False
        self.clear_refusal()
        await self.reload(keep=True)
        if done:
            self.notify(done, markup=False)
        return True

    def _need_answer(self) -> coding.CodedAnswer | None:
        row = self.selected()
        if row is None:
            self.notify(w(self, "select_answer_first"), severity="warning")
        return row

    # ------------------------------------------------------------------ actions

    def action_add_code(self) -> None:
        row = self._need_answer()
        if row is None:
            return
        book = self.view.book

        async def chosen(name: str | None) -> None:
            if not name:
                return
            if any(c.name.casefold() == name.casefold() for c in book.codes):
                await self.change(coding.assign, row.handle, name, self.coder)
                return
            if not book.categories:
                self.notify(w(self, "cw_need_category_first"), severity="warning", markup=False)
                return

            async def placed(category: str | None) -> None:
                if category and await self.change(books.add_code, name, category):
                    await self.change(coding.assign, row.handle, name, self.coder)

            self.app.push_screen(CodingPrompt(w(self, "cw_new_code_category", name=name),
                                              [c.name for c in book.categories], only_choices=True), placed)

        self.app.push_screen(CodingPrompt(w(self, "cw_code_title", handle=row.handle), [c.name for c in book.codes],
                                          placeholder=w(self, "cw_code_placeholder")), chosen)

    def action_remove_code(self) -> None:
        row = self._need_answer()
        if row is None:
            return
        if not row.codes:
            self.notify(w(self, "cw_answer_has_no_codes"), severity="warning")
            return

        async def chosen(name: str | None) -> None:
            if name:
                await self.change(coding.unassign, row.handle, name, self.coder)

        self.app.push_screen(CodingPrompt(w(self, "cw_uncode_title", handle=row.handle), list(row.codes),
                                          value=row.codes[0] if len(row.codes) == 1 else "", only_choices=True), chosen)

    async def action_quotable(self) -> None:
        row = self._need_answer()
        if row is not None:
            await self.change(coding.mark_quotable, row.handle, not row.quotable)

    def action_edit_reduction(self) -> None:
        if self._need_answer() is not None:
            self.query_one("#cw-reduction", Input).focus()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "cw-reduction":
            return
        row = self._need_answer()
        if row is not None and await self.change(coding.reduce, row.handle, event.value, self.coder,
                                                 done=w(self, "cw_reduction_saved", handle=row.handle)):
            self.query_one("#cw-answers", OptionList).focus()

    async def action_undo(self) -> None:
        try:
            action = await in_worker(self, books.undo, self.app.store, self.slug)
        except SurveyError as exc:
            self.refused(exc)
            return
        self.clear_refusal()
        await self.reload(keep=True)
        self.notify(undone_line(self, action), markup=False)

    async def action_question(self, step: int) -> None:
        if self.questions:
            self.index = (self.index + step) % len(self.questions)
            await self.reload()

    def action_suggestions(self) -> None:
        from survey_tui.tui.dashboard.coding_suggestions import SuggestionsScreen

        if self.question is not None and self.coder:
            self._open(SuggestionsScreen(self.slug, self.question.id, self.coder))

    def action_codebook(self) -> None:
        from survey_tui.tui.dashboard.codebook_screen import CodebookScreen

        self._open(CodebookScreen(self.slug))

    def action_practices(self) -> None:
        from survey_tui.tui.dashboard.practices_screen import PracticesScreen

        self._open(PracticesScreen(self.slug))

    def action_back(self) -> None:
        if self.focused is self.query_one("#cw-reduction", Input):
            self._show_detail()  # leave the field unsaved, as it was
            self.query_one("#cw-answers", OptionList).focus()
            return
        self.app.pop_screen()
