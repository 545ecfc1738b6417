"""Quit confirmation: says the draft is kept and shows the resume code, or discards the draft."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from survey_tui.i18n import t
from survey_tui.tui.respondent.keys import shown, with_alt


class QuitConfirmScreen(ModalScreen[bool]):
    """Dismissed with True (quit, the draft kept) or False (keep answering).

    "Discard my draft" does not dismiss: the app deletes the draft and exits
    (RespondentApp.discard_draft); if the database refuses, the dialog says so and stays.
    """

    CSS_PATH = "quit_confirm.tcss"
    # A small terminal gets one-row buttons and less spacing, so the text keeps some rows;
    # below 50 columns the buttons stand one under another.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (50, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding(with_alt("ctrl+q"), "confirm", show=False, priority=True),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
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
        # Only a started answer can have a draft; before that there is nothing to discard.
        has_draft = session is not None and session.has_content()
        if has_draft:
            text = t(lang, "quit_draft_kept", token=session.token, slug=session.slug)
            text += "\n\n" + t(lang, "quit_discard_text")
        else:
            text = t(lang, "quit_nothing_saved")
        with Vertical(id="dialog"):
            yield Static(t(lang, "quit_heading"), classes="heading", markup=False)
            # Buttons and hint are docked: on a short terminal the text scrolls and they stay.
            with Vertical(id="dialog-bottom"):
                yield Static("", id="discard-error", classes="error", markup=False)
                # The safe choice first and focused; the one that loses the answers last and red.
                with Horizontal(classes="nav"):
                    yield Button(t(lang, "quit_cancel_button"), id="cancel", variant="primary")
                    yield Button(t(lang, "quit_confirm_button"), id="quit")
                    if has_draft:
                        yield Button(t(lang, "quit_discard_button"), id="discard", variant="error")
                yield Static(shown(t(lang, "hints_quit")), classes="dialog-hints", markup=False)
            with VerticalScroll(id="dialog-text", can_focus=False):
                yield Static(text, classes="para", markup=False)

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "discard":
            self.action_discard()
        else:
            self.dismiss(event.button.id == "quit")

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_discard(self) -> None:
        if not self.query("#discard"):
            return
        outcome = self.app.discard_draft()
        if outcome is None:  # submitted while the dialog was open: the thanks page follows
            self.dismiss(False)
        elif not outcome:
            error = self.query_one("#discard-error", Static)
            error.update(t(self.app.lang, "quit_discard_failed"))
            error.add_class("-shown")

    def action_scroll_text(self, how: str) -> None:
        getattr(self.query_one("#dialog-text"), f"scroll_{how}")(animate=False)
