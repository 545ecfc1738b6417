"""A yes/no question before anything that changes a round."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from survey_tui.tui.dashboard.words import translate_bindings, w


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "key_yes"),
        Binding("n,escape", "answer(False)", "key_no"),
    ]

    def __init__(self, question: str, *, yes: str | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.question = question
        self.yes = yes or w(self, "key_yes")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            # The question may quote a round name: plain text, no markup.
            yield Static(self.question, markup=False, id="question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", variant="primary", id="yes")
                yield Button(w(self, "no_button"), id="no")
        yield Footer(compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
