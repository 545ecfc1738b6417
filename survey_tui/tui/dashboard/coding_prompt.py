"""Ask for one name (a code, a category, a coder, a text) with completion from a list.

Typing filters the list (the codebook's codes, its categories, ...); Down moves into it and
Enter picks, or Enter in the field takes what was typed. Escape cancels (None).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from survey_tui.sanitize import one_line
from survey_tui.tui.dashboard.short import fit_short
from survey_tui.tui.dashboard.words import translate_bindings, w


class CodingPrompt(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "key_cancel")]

    def __init__(self, title: str, choices: list[str] = (), *, value: str = "", placeholder: str = "",
                 only_choices: bool = False, note: str = "") -> None:
        super().__init__()
        translate_bindings(self)
        self.title_text = title
        self.choices = list(choices)
        self.initial = value
        self.placeholder = placeholder
        self.only_choices = only_choices  # a pick from the list, not a new name
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="coding-prompt"):
            yield Static(self.title_text, markup=False, classes="title")
            if self.note:
                yield Static(self.note, markup=False, classes="prompt-note")
            yield Input(value=self.initial, placeholder=self.placeholder, id="prompt-value")
            if self.choices:
                yield Static(w(self, "cw_pick_hint"), markup=False)
                yield OptionList(markup=False, id="prompt-choices")
            with Horizontal(classes="buttons"):
                yield Button(w(self, "cw_ok_button"), variant="primary", id="prompt-ok")
                yield Button(w(self, "cw_cancel_button"), id="prompt-cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        fit_short(self, self.query_one("#dialog"))
        self._fill(self.initial)
        self.query_one(Input).focus()

    def _shown(self, typed: str) -> list[str]:
        low = typed.casefold().strip()
        return [c for c in self.choices if low in c.casefold()] if low else list(self.choices)

    def _fill(self, typed: str) -> None:
        if not self.choices:
            return
        options = self.query_one("#prompt-choices", OptionList)
        options.clear_options()
        options.add_options([Option(Text(one_line(c, 70)), id=str(self.choices.index(c))) for c in self._shown(typed)])

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_key(self, event) -> None:
        if event.key == "down" and self.focused is self.query_one(Input) and self.choices:
            self.query_one("#prompt-choices", OptionList).focus()
            event.stop()

    def _take(self, value: str) -> None:
        value = " ".join(value.split())
        if self.only_choices and value:
            exact = next((c for c in self.choices if c.casefold() == value.casefold()), None)
            shown = self._shown(value)
            value = exact or (shown[0] if len(shown) == 1 else "")
            if not value:
                self.notify(w(self, "cw_pick_from_list"), severity="warning")
                return
        self.dismiss(value or None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._take(event.value)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[int(event.option.id)])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "prompt-ok":
            self._take(self.query_one(Input).value)
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
