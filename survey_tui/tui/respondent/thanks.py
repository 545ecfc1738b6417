"""Thanks: the questionnaire's closing text and what was (not) stored."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Static

from survey_tui.tui.respondent.page import Page


class ThanksScreen(Page):
    HINTS = "hints_thanks"
    BINDINGS = [Binding("escape", "close", show=False)]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="body", can_focus=False):
            yield Static(self.tr("thanks_heading"), classes="heading", markup=False)
            closing = self.text(self.q.closing).strip()
            if closing:
                yield Static(closing, classes="para", markup=False)
            yield Static(self.tr("thanks_stored"), classes="para spaced", markup=False)

    def compose_actions(self) -> ComposeResult:
        yield Button(self.tr("close_button"), id="close", variant="primary", compact=True)

    def page_shown(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_close()

    def action_close(self) -> None:
        self.app.exit()
