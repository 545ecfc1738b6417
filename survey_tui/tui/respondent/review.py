"""Review: every answer and the ranking on one scrollable page, then submit.

Only the themes and questions shown for the answers given (conditions.py) are listed,
numbered as the respondent met them; closed answers by their options' titles."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Static

from survey_tui.i18n import numbers, ranking_key
from survey_tui.domain.closed_input import shown_answer
from survey_tui.tui.respondent.keys import with_alt
from survey_tui.tui.respondent.page import Page


class ReviewScreen(Page):
    CSS_PATH = ["pages.tcss", "review.tcss"]
    HINTS = "hints_review"
    BINDINGS = [
        Binding(with_alt("ctrl+s"), "submit", show=False, priority=True),
        Binding(with_alt("ctrl+p"), "back", show=False, priority=True),
        # The hint says "R": with Shift or Caps Lock the key arrives as "R", not "r".
        Binding("r,R", "goto('ranking')", show=False),
        Binding("home", "scroll_body('home')", show=False),
        Binding("end", "scroll_body('end')", show=False),
        *[Binding(str(n), f"goto_theme({n})", show=False) for n in range(1, 10)],
    ]

    def header_text(self) -> str:
        return f"{self.tr('progress_review')} · {self.app.title}"

    def hints_text(self) -> str:
        return self.tr(self.HINTS, keys=numbers(min(len(self.session.shown_themes()), 9)))  # keys 1-9 only

    def compose_body(self) -> ComposeResult:
        session = self.session
        missing = set(session.missing_required())
        problems = session.answer_problems()
        with VerticalScroll(id="body", can_focus=False):
            yield Static(self.tr("review_heading"), classes="heading", markup=False)
            yield Static(self.tr("review_intro"), classes="para", markup=False)
            shown = session.shown_questions()
            for number, index in enumerate(session.shown_themes(), 1):
                theme = self.q.themes[index]
                yield Static(f"{number}. {self.text(theme.title)}", classes="subheading", markup=False)
                for question in theme.questions:
                    if question.id not in shown:
                        continue  # hidden by a condition: not asked, not stored
                    yield Static(self.text(question.prompt), classes="review-prompt", markup=False)
                    # Respondent text: cleaned of escape sequences, shown without markup.
                    answer = shown_answer(question, session.answers, self.text, self.lang)
                    if answer:
                        yield Static(answer, classes="review-answer", markup=False)
                    elif question.id in missing:
                        yield Static(self.tr("required_missing"), classes="review-answer error", markup=False)
                    else:
                        yield Static(self.tr("review_no_answer"), classes="review-answer empty", markup=False)
                    if question.id in problems:
                        key, fields = problems[question.id]
                        yield Static(self.tr(key, **fields), classes="review-answer error", markup=False)
                yield Button(self.tr("review_edit_theme", n=number), id=f"edit-theme-{index}", compact=True, classes="edit")
            ranking = self.q.ranking
            if ranking is not None:
                yield Static(self.tr("review_ranking_heading"), classes="subheading", markup=False)
                # Exactly what submit stores: an order the respondent never confirmed is not
                # stored (Session.submit_ranking), so it is not listed as if it were.
                stored = session.submit_ranking()
                if stored:
                    titles = {item.id: self.text(item.title) for item in ranking.items}
                    lines = "\n".join(f"{pos}. {titles[i]}" for pos, i in enumerate(stored, 1))
                    yield Static(lines, classes="review-answer", markup=False)
                else:
                    yield Static(self.tr(ranking_key("review_not_ranked", ranking)), classes="review-answer empty", markup=False)
                if session.ranking_missing():
                    yield Static(self.tr(ranking_key("ranking_incomplete", ranking)), classes="review-answer error", markup=False)
                yield Button(self.tr("review_edit_ranking"), id="edit-ranking", compact=True, classes="edit")
            blocked = bool(missing) or bool(problems) or session.ranking_missing()
            yield Static(self.tr("submit_blocked") if blocked else "", id="submit-error", classes="error", markup=False)

    def compose_actions(self) -> ComposeResult:
        yield Button(self.tr("back_button"), id="back", compact=True)
        yield Button(self.tr("submit_button"), id="submit", variant="primary", compact=True)
        yield Button(self.tr("enter_code_button"), id="enter-code", classes="hidden", compact=True)

    def page_shown(self) -> None:
        self.query_one("#submit", Button).focus(scroll_visible=False)
        self.query_one("#body").scroll_home(animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        if button_id == "submit":
            self.action_submit()
        elif button_id == "back":
            self.action_back()
        elif button_id == "enter-code":
            self.app.after_code_page = "review"
            self.app.goto("code")
        elif button_id == "edit-ranking":
            self.action_goto("ranking")
        elif button_id.startswith("edit-theme-"):
            self.action_goto(f"theme:{button_id.rsplit('-', 1)[1]}")

    def action_goto_theme(self, number: int) -> None:
        """Key 1-9: the theme of that number in the list (the themes shown)."""
        shown = self.session.shown_themes()
        if number <= len(shown):
            self.action_goto(f"theme:{shown[number - 1]}")

    def action_goto(self, page: str) -> None:
        if page in self.session.pages():
            self.app.return_to_review = True  # that page then offers Ctrl+R back to here
            self.app.goto(page)

    def action_back(self) -> None:
        self.app.goto(self.session.previous_page("review") or "welcome")

    def action_submit(self) -> None:
        session = self.session
        if session.missing_required() or session.answer_problems() or session.ranking_missing():
            self.show_submit_error(self.tr("submit_blocked"), "Blocked")
            return
        if self.app.needs_code():
            self.app.after_code_page = "review"
            self.app.goto("code")
            return
        button = self.query_one("#submit", Button)
        if button.disabled:
            return
        button.disabled = True
        error = self.query_one("#submit-error", Static)
        error.update(self.tr("submitting"))
        error.remove_class("-shown")
        self.app.submit()

    def show_submit_error(self, message: str, kind: str) -> None:
        error = self.query_one("#submit-error", Static)
        error.update(message)
        error.add_class("-shown")
        self.query_one("#submit", Button).disabled = False
        self.query_one("#enter-code", Button).set_class(kind != "CodeRejected", "hidden")
        self.query_one("#body").scroll_end(animate=False)
