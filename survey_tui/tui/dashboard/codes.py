"""One-time codes of a round: add codes, see the new ones once, and who to remind.

Only hashes are stored, so the new codes are shown here once and never again.
The reminder list shows the labels of unused codes (never who used which code:
the store does not know).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Static, TextArea

from survey_tui.errors import InvalidInput, SurveyError, WouldLockOutRespondents
from survey_tui.sanitize import one_line
from survey_tui.services import access_codes


def parse_labels(text: str) -> list[str]:
    """Labels separated by commas or newlines; blanks dropped."""
    return [" ".join(part.split()) for part in text.replace("\n", ",").split(",") if part.strip()]


class CodesScreen(Screen):
    BINDINGS = [
        Binding("ctrl+s", "add", "Add codes"),
        Binding("ctrl+r", "invitations", "Recipients"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, slug: str) -> None:
        super().__init__()
        self._switch_confirmed = False  # the coordinator has seen the lock-out warning
        self.slug = slug

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="codes"):
            yield Static("", id="codes-summary", markup=False)
            with Horizontal(classes="field"):
                yield Label("How many")
                yield Input(placeholder="number of unlabelled codes", type="integer", id="count")
            with Horizontal(classes="field"):
                yield Label("or labels")
                yield Input(placeholder="comma-separated, e.g. Oulu, Turku", id="labels")
            with Horizontal(classes="buttons"):
                yield Button("Add codes (ctrl+s)", variant="primary", id="add")
            yield Static("", id="codes-error", markup=False)
            yield Label("New codes (shown only now: copy them before leaving)", classes="heading")
            yield TextArea("", read_only=True, id="new-codes", show_line_numbers=False)
            yield Label("Reminder list: labels of unused codes", classes="heading")
            yield Static("", id="reminders", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"Codes · {self.slug}"
        self.refresh_lists()
        self.query_one("#count", Input).focus()

    def refresh_lists(self) -> None:
        rem = access_codes.reminders(self.app.store, self.slug)
        self.query_one("#codes-summary", Static).update(
            f"Round {self.slug}: {rem.issued} codes issued, {rem.used} used, {rem.unused} unused"
        )
        lines = [one_line(label, 60) for label in rem.unused_labels()] or ["(no labelled codes unused)"]
        if rem.unused_unlabelled():
            lines.append(f"+ {rem.unused_unlabelled()} unlabelled unused code(s)")
        self.query_one("#reminders", Static).update("\n".join(lines))

    def action_invitations(self) -> None:
        from survey_tui.tui.dashboard.invitations import InvitationsScreen

        self.app.push_screen(InvitationsScreen(self.slug))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_add()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_add()

    def action_add(self) -> None:
        error = self.query_one("#codes-error", Static)
        count_text = self.query_one("#count", Input).value.strip()
        labels = parse_labels(self.query_one("#labels", Input).value)
        try:
            if labels and count_text:
                raise InvalidInput("give either a number or labels, not both")
            switch = self._switch_confirmed
            self._switch_confirmed = False
            if labels:
                issued = access_codes.issue(self.app.store, self.slug, labels=labels, switch_access=switch)
            else:
                # Checked here, in this form's words: the store's message speaks of
                # a file of labels, which is the command line's way, not this screen's.
                if not count_text:
                    raise InvalidInput("give a number of codes (more than 0) or labels separated by commas")
                try:
                    count = int(count_text)
                except ValueError:
                    raise InvalidInput(f"not a number: {count_text!r}") from None
                if count <= 0:
                    raise InvalidInput(f"the number of codes must be more than 0, got {count}")
                issued = access_codes.issue(self.app.store, self.slug, count=count, switch_access=switch)
        except WouldLockOutRespondents as exc:
            # Asked once more, as the CLI asks for --switch-to-codes: the next Ctrl+S confirms.
            self._switch_confirmed = True
            error.update(f"Warning: {exc}. Press Ctrl+S again to switch the round to codes.")
            return
        except SurveyError as exc:
            error.update(f"Error: {exc}")
            return
        error.update("")
        self.query_one("#count", Input).value = ""
        self.query_one("#labels", Input).value = ""
        text = "\n".join(f"{code}  {one_line(label, 60)}" if label else code for code, label in issued)
        self.query_one("#new-codes", TextArea).text = text
        self.refresh_lists()
        self.notify(f"{len(issued)} code(s) added to {self.slug}; the round now needs a code.", markup=False)
