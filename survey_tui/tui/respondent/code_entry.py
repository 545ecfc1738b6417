"""Code entry for rounds with one-time codes. The code is checked here, consumed only at submit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Static

from survey_tui.errors import CodeRejected, SurveyError
from survey_tui.i18n import code_error
from survey_tui.tui.respondent.keys import with_alt
from survey_tui.tui.respondent.page import Page


class CodeEntryScreen(Page):
    HINTS = "hints_code"
    BINDINGS = [Binding(with_alt("ctrl+p"), "back", show=False, priority=True)]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="body", can_focus=False):
            yield Static(self.tr("code_heading"), classes="heading", markup=False)
            yield Static(self.tr("code_text"), classes="para", markup=False)
            with Horizontal(id="code-row"):
                yield Input(placeholder=self.tr("code_placeholder"), id="code-input", max_length=40)
            yield Static(self.app.code_error_text, id="code-error", classes="error", markup=False)

    def compose_actions(self) -> ComposeResult:
        yield Button(self.tr("back_button"), id="back", compact=True)
        yield Button(self.tr("code_button"), id="code-ok", variant="primary", compact=True)

    def page_shown(self) -> None:
        field = self.query_one("#code-input", Input)
        field.cursor_blink = not self.app.is_headless  # steady cursor in tests and snapshots
        field.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "back":
            self.action_back()
        else:
            self._check()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._check()

    def _check(self) -> None:
        app = self.app
        code = self.query_one("#code-input", Input).value.strip()
        error = self.query_one("#code-error", Static)
        if not code:
            error.update(self.tr("code_empty"))
            return
        try:
            app.store.check_code(self.session.slug, code)
        except CodeRejected as exc:
            app.code_error_text = code_error(self.lang, exc)
            error.update(app.code_error_text)
            self.query_one("#code-input", Input).focus()
            return
        except SurveyError as exc:
            error.update(self.tr("err_other", detail=str(exc)))
            return
        app.code_error_text = ""
        self.session.code = code
        app.goto(app.after_code_page)

    def action_back(self) -> None:
        self.app.goto("welcome")
