"""What the coding workbench's screens share: the refusal line, the button row, the footer.

Each screen (coding.py, codebook_screen.py, practices_screen.py, coding_suggestions.py) lists
its BUTTONS as (action, label key); a button runs `action_<action>`, as its key does.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from survey_tui.errors import SurveyError
from survey_tui.tui.dashboard.short import fit_short
from survey_tui.tui.dashboard.words import translate_bindings, w


class WorkbenchScreen(Screen):
    CSS_PATH = "coding.tcss"
    BUTTONS: tuple[tuple[str, str], ...] = ()

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)  # BINDINGS hold catalog keys; the footer shows them in the app's language

    def compose_actions(self) -> ComposeResult:
        """The refusal line and the buttons (inside the screen's #cw-body), then the footer."""
        yield Static("", id="cw-error", markup=False)
        with Horizontal(classes="cw-buttons"):
            for action, key in self.BUTTONS:
                yield Button(w(self, key), id=f"cw-{action.replace('_', '-')}", classes="cw-button")

    def compose_footer(self) -> ComposeResult:
        yield Footer(compact=True)

    def fit(self) -> None:
        fit_short(self, self.query_one("#cw-body"))

    def on_resize(self) -> None:
        self.fit()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        await self.run_action(event.button.id.removeprefix("cw-").replace("-", "_"))

    def refused(self, exc: SurveyError) -> None:
        """A use case's refusal: its one line under the list, and a notification."""
        self.query_one("#cw-error", Static).update(str(exc))
        self.notify(str(exc), severity="error", markup=False)

    def clear_refusal(self) -> None:
        self.query_one("#cw-error", Static).update("")
