"""One page per theme: title, context paragraph and the theme's questions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Static

from survey_tui.tui.respondent.answer_area import AnswerArea, CappedLine
from survey_tui.tui.respondent.page import Page


class ThemePage(Page):
    CSS_PATH = "theme_page.tcss"
    HINTS = "hints_theme"
    BINDINGS = [
        Binding("ctrl+n", "next", show=False),
        Binding("ctrl+p", "back", show=False),
        Binding("ctrl+r", "to_review", show=False),  # only when opened from the review page
    ]

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    @property
    def theme(self):
        return self.q.themes[self.index]

    def header_text(self) -> str:
        progress = self.tr("progress_theme", n=self.index + 1, total=len(self.q.themes))
        return f"{progress} · {self.app.title}"

    def hints_text(self) -> str:
        return self.with_review_hint(self.tr(self.HINTS))

    def compose_body(self) -> ComposeResult:
        theme = self.theme
        with VerticalScroll(id="body", can_focus=False):
            yield Static(f"{self.index + 1}. {self.text(theme.title)}", classes="heading", markup=False)
            context = self.text(theme.context).strip()
            if context:
                yield Static(context, classes="para context", markup=False)
            for question in theme.questions:
                yield AnswerArea(
                    question.id,
                    self.text(question.prompt),
                    self.session.answers.get(question.id, ""),
                    max_length=question.max_length,
                    required=question.required,
                    lang=self.lang,
                    short=question.kind == "short",
                )

    def compose_actions(self) -> ComposeResult:
        yield Button(self.tr("back_button"), id="back", compact=True)
        yield Button(self.tr("next_button"), id="next", variant="primary", compact=True)
        if self.app.return_to_review:
            yield Button(self.tr("to_review_button"), id="to-review", compact=True)

    def page_shown(self) -> None:
        areas = self.query(AnswerArea)
        if areas:
            areas.first().area.focus(scroll_visible=False)
        self.query_one("#body").scroll_home(animate=False)

    def on_answer_area_answer_changed(self, event: AnswerArea.AnswerChanged) -> None:
        self.app.answer_changed(event.question_id, event.text)

    def on_capped_line_done(self, event: CappedLine.Done) -> None:
        # Enter in a one-line field goes to the next field, or from the last one to the Next
        # button (not the Back button that Tab would reach), so a second Enter moves on.
        event.stop()
        areas = [area.area for area in self.query(AnswerArea)]
        later = areas[areas.index(event.field) + 1 :] if event.field in areas else []
        if later:
            later[0].focus()
        else:
            self.query_one("#next", Button).focus()

    def action_next(self) -> None:
        missing = self.session.missing_required(self.index)
        first = None
        for area in self.query(AnswerArea):
            flag = area.question_id in missing
            area.flag_missing(flag)
            if flag and first is None:
                first = area
        if first is not None:
            first.area.focus()
            return
        self.app.goto(self.session.next_page(f"theme:{self.index}"))

    def action_back(self) -> None:
        previous = self.session.previous_page(f"theme:{self.index}")
        self.app.goto(previous or "welcome")
