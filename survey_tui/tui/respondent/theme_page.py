"""One page per theme: title, context paragraph and the theme's questions.

Open questions get an AnswerArea, closed ones their kind's widget (closed_question.py).
Questions with a `show_if` are shown or hidden as the answers change (conditions.py via
Session.shown_questions), so a hidden question is never answered on screen either.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Static

from survey_tui.tui.respondent.answer_area import AnswerArea, CappedLine
from survey_tui.tui.respondent.closed_question import ClosedQuestion, question_widget
from survey_tui.tui.respondent.keys import with_alt
from survey_tui.tui.respondent.page import Page


class ThemePage(Page):
    CSS_PATH = ["pages.tcss", "theme_page.tcss"]
    HINTS = "hints_theme"
    BINDINGS = [
        Binding(with_alt("ctrl+n"), "next", show=False, priority=True),
        Binding(with_alt("ctrl+p"), "back", show=False, priority=True),
        Binding(with_alt("ctrl+r"), "to_review", show=False, priority=True),  # only when opened from the review page
    ]

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    @property
    def theme(self):
        return self.q.themes[self.index]

    def position(self) -> tuple[int, int]:
        """This theme's number among the themes shown, and how many are shown."""
        shown = self.session.shown_themes()
        if self.index in shown:
            return shown.index(self.index) + 1, len(shown)
        return self.index + 1, len(self.q.themes)

    def header_text(self) -> str:
        n, total = self.position()
        return f"{self.tr('progress_theme', n=n, total=total)} · {self.app.title}"

    def hints_text(self) -> str:
        hints = self.tr(self.HINTS)
        if any(not q.is_open for q in self.theme.questions):
            hints = f"{self.tr('hints_choices')} · {hints}"
        return self.with_review_hint(hints)

    def _widgets(self) -> list:
        """The question widgets of the page, in order (open and closed)."""
        return [w for w in self.query_one("#body").children if isinstance(w, (AnswerArea, ClosedQuestion))]

    @staticmethod
    def _focus_target(widget):
        return widget.area if isinstance(widget, AnswerArea) else widget.control

    def compose_body(self) -> ComposeResult:
        theme = self.theme
        with VerticalScroll(id="body", can_focus=False):
            yield Static(f"{self.position()[0]}. {self.text(theme.title)}", classes="heading", markup=False)
            context = self.text(theme.context).strip()
            if context:
                yield Static(context, classes="para context", markup=False)
            shown = self.session.shown_questions()
            for question in theme.questions:
                if question.is_open:
                    widget = AnswerArea(
                        question.id,
                        self.text(question.prompt),
                        self.session.answers.get(question.id, ""),
                        max_length=question.max_length,
                        required=question.required,
                        lang=self.lang,
                        short=question.kind == "short",
                    )
                else:
                    widget = question_widget(
                        question,
                        prompt=self.text(question.prompt),
                        answers=self.session.answers,
                        lang=self.lang,
                        text=self.text,
                        options=self.session.option_order(question),
                    )
                widget.display = question.id in shown
                yield widget

    def compose_actions(self) -> ComposeResult:
        yield Button(self.tr("back_button"), id="back", compact=True)
        yield Button(self.tr("next_button"), id="next", variant="primary", compact=True)
        if self.app.return_to_review:
            yield Button(self.tr("to_review_button"), id="to-review", compact=True)

    def page_shown(self) -> None:
        widgets = [w for w in self._widgets() if w.display]
        if widgets:
            self._focus_target(widgets[0]).focus(scroll_visible=False)
        self.query_one("#body").scroll_home(animate=False)

    def on_answer_area_answer_changed(self, event: AnswerArea.AnswerChanged) -> None:
        self.app.answer_changed(event.question_id, event.text)

    def on_closed_question_answer_changed(self, event: ClosedQuestion.AnswerChanged) -> None:
        event.stop()
        self.app.answer_changed(event.key, event.value)
        if event.key == event.question_id:
            self._show_conditional()

    def _show_conditional(self) -> None:
        """Show and hide this page's questions for the answers as they are now (live)."""
        shown = self.session.shown_questions()
        for widget in self._widgets():
            visible = widget.question_id in shown
            if widget.display != visible:
                widget.display = visible
        self.query_one("#header", Static).update(self.header_text())

    def on_capped_line_done(self, event: CappedLine.Done) -> None:
        event.stop()
        self._focus_after(event.field)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()  # a number or `other` field: Enter goes on as in a one-line answer
        self._focus_after(event.input)

    def _focus_after(self, field) -> None:
        # Enter in a one-line field goes to the next field, or from the last one to the Next
        # button (not the Back button that Tab would reach), so a second Enter moves on.
        widgets = [w for w in self._widgets() if w.display]
        owner = next((w for w in widgets if w in field.ancestors), None)
        later = widgets[widgets.index(owner) + 1 :] if owner is not None else []
        if later:
            self._focus_target(later[0]).focus()
        else:
            self.query_one("#next", Button).focus()

    def take_fields(self) -> None:
        # The text as the fields hold it now: their Changed messages may still be on the way.
        answers = self.session.answers
        for widget in self._widgets():
            if isinstance(widget, AnswerArea) and widget.text != answers.get(widget.question_id, ""):
                self.app.answer_changed(widget.question_id, widget.text)

    def action_next(self) -> None:
        self.after_typing(self._next)

    def _next(self) -> None:
        if not self.is_attached or not self.is_current:  # a quit or another page came first
            return
        self.take_fields()
        missing = self.session.missing_required(self.index)
        problems = self.session.answer_problems(self.index)
        first = None
        for widget in self._widgets():
            if not widget.display:
                continue
            flag = widget.question_id in missing
            problem = None
            if isinstance(widget, ClosedQuestion):
                problem = widget.local_problem() or problems.get(widget.question_id)
                widget.show_problem(problem)
                flag = flag and problem is None
            widget.flag_missing(flag)
            if (flag or problem) and first is None:
                first = widget
        if first is not None:
            self._focus_target(first).focus()
            return
        self.app.goto(self.session.next_page(f"theme:{self.index}"))

    def action_back(self) -> None:
        self.after_typing(self._back)

    def _back(self) -> None:
        if not self.is_attached or not self.is_current:
            return
        self.take_fields()
        previous = self.session.previous_page(f"theme:{self.index}")
        self.app.goto(previous or "welcome")
