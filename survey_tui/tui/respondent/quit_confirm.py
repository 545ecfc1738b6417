"""Quit confirmation: says the draft is kept and shows the resume code."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from survey_tui.i18n import t


class QuitConfirmScreen(ModalScreen[bool]):
    CSS_PATH = "quit_confirm.tcss"
    # A small terminal gets one-row buttons and less spacing, so the text keeps some rows.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (50, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("ctrl+q", "confirm", show=False, priority=True),
        # The text scrolls while the focus stays on the buttons.
        Binding("pageup", "scroll_text('page_up')", show=False),
        Binding("pagedown", "scroll_text('page_down')", show=False),
        Binding("up", "scroll_text('up')", show=False),
        Binding("down", "scroll_text('down')", show=False),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        lang = app.lang
        session = app.session
        if session is not None and session.has_content():
            text = t(lang, "quit_draft_kept", token=session.token, slug=session.slug)
        else:
            text = t(lang, "quit_nothing_saved")
        with Vertical(id="dialog"):
            yield Static(t(lang, "quit_heading"), classes="heading", markup=False)
            # Buttons and hint are docked: on a short terminal the text scrolls and they stay.
            with Vertical(id="dialog-bottom"):
                with Horizontal(classes="nav"):
                    yield Button(t(lang, "quit_confirm_button"), id="quit", variant="error")
                    yield Button(t(lang, "quit_cancel_button"), id="cancel", variant="primary")
                yield Static(t(lang, "hints_quit"), classes="dialog-hints", markup=False)
            with VerticalScroll(id="dialog-text", can_focus=False):
                yield Static(text, classes="para", markup=False)

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "quit")

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_scroll_text(self, how: str) -> None:
        getattr(self.query_one("#dialog-text"), f"scroll_{how}")(animate=False)
