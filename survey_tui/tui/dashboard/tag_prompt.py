"""Ask for a tag to put on (or take off) an answer."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from survey_tui.tui.dashboard.words import translate_bindings, w


class TagPrompt(ModalScreen[str | None]):
    """Type a label, or pick one of `suggestions` (existing labels) with the arrows."""

    BINDINGS = [Binding("escape", "cancel", "key_cancel")]

    def __init__(self, title: str, suggestions: list[str], *, value: str = "") -> None:
        super().__init__()
        translate_bindings(self)
        self.title_text = title
        self.suggestions = suggestions
        self.initial = value

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.title_text, markup=False, classes="title")
            yield Input(value=self.initial, placeholder=w(self, "tag_placeholder"), id="label")
            if self.suggestions:
                yield Static(w(self, "tag_existing"), markup=False)
                yield OptionList(*(Option(Text(s), id=str(i)) for i, s in enumerate(self.suggestions)), markup=False, id="suggestions")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_key(self, event) -> None:
        if event.key == "down" and self.focused is self.query_one(Input) and self.suggestions:
            self.query_one(OptionList).focus()
            event.stop()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = " ".join(event.value.split())
        self.dismiss(value or None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.suggestions[int(event.option.id)])

    def action_cancel(self) -> None:
        self.dismiss(None)
