"""One-time codes of a round: add codes, see the new ones once, and who to remind.

Only hashes are stored, so the new codes are shown here once and never again.
The reminder list shows the labels of unused codes (never who used which code:
the store does not know).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Static, TextArea

from survey_tui.errors import InvalidInput, SurveyError, WouldLockOutRespondents
from survey_tui.sanitize import one_line
from survey_tui.services import access_codes
from survey_tui.tui.dashboard.loading import in_worker
from survey_tui.tui.dashboard.short import fit_short
from survey_tui.tui.dashboard.words import translate_bindings, w


def parse_labels(text: str) -> list[str]:
    """Labels separated by commas or newlines; blanks dropped."""
    return [" ".join(part.split()) for part in text.replace("\n", ",").split(",") if part.strip()]


class CodesScreen(Screen):
    BINDINGS = [
        Binding("ctrl+s", "add", "key_add_codes"),
        Binding("ctrl+r", "invitations", "key_recipients"),
        Binding("escape", "app.pop_screen", "key_back"),
    ]

    def __init__(self, slug: str) -> None:
        super().__init__()
        translate_bindings(self)
        self._switch_confirmed = False  # the coordinator has seen the lock-out warning
        self.slug = slug

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="codes"):
            yield Static("", id="codes-summary", markup=False)
            with Horizontal(classes="field"):
                yield Label(w(self, "codes_how_many"))
                yield Input(placeholder=w(self, "codes_how_many_placeholder"), type="integer", id="count")
            with Horizontal(classes="field"):
                yield Label(w(self, "codes_or_labels"))
                yield Input(placeholder=w(self, "codes_labels_placeholder"), id="labels")
            with Horizontal(classes="buttons"):
                yield Button(w(self, "codes_add_button"), variant="primary", id="add")
            yield Static("", id="codes-error", markup=False)
            yield Label(w(self, "codes_new_heading"), classes="heading")
            yield TextArea("", read_only=True, id="new-codes", show_line_numbers=False)
            yield Label(w(self, "codes_reminder_heading"), classes="heading")
            # Its own scroll: a long reminder list stays readable under the form (Tab to it).
            with VerticalScroll(id="reminders-scroll"):
                yield Static("", id="reminders", markup=False)
        yield Footer(compact=True)

    def on_resize(self) -> None:
        fit_short(self, self.query_one("#codes"))

    async def on_mount(self) -> None:
        fit_short(self, self.query_one("#codes"))
        self.sub_title = w(self, "codes_sub_title", slug=self.slug)
        self.query_one("#count", Input).focus()
        await self.refresh_lists()

    async def refresh_lists(self) -> None:
        rem = await in_worker(self, access_codes.reminders, self.app.store, self.slug)
        self.query_one("#codes-summary", Static).update(
            w(self, "codes_summary", slug=self.slug, issued=rem.issued, used=rem.used, unused=rem.unused)
        )
        lines = [one_line(label, 60) for label in rem.unused_labels()] or [w(self, "codes_no_labelled_unused")]
        if rem.unused_unlabelled():
            lines.append(w(self, "codes_unlabelled_unused", n=rem.unused_unlabelled()))
        self.query_one("#reminders", Static).update("\n".join(lines))

    def action_invitations(self) -> None:
        from survey_tui.tui.dashboard.invitations import InvitationsScreen

        self.app.push_screen(InvitationsScreen(self.slug))

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        await self.action_add()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        await self.action_add()

    async def action_add(self) -> None:
        error = self.query_one("#codes-error", Static)
        count_text = self.query_one("#count", Input).value.strip()
        labels = parse_labels(self.query_one("#labels", Input).value)
        try:
            if labels and count_text:
                raise InvalidInput(w(self, "codes_not_both"))
            switch = self._switch_confirmed
            self._switch_confirmed = False
            if labels:
                # In a worker: each code is hashed with scrypt (about 9 ms a code).
                issued = await in_worker(self, access_codes.issue, self.app.store, self.slug, labels=labels,
                                         switch_access=switch)
            else:
                # Checked here, in this form's words: the store's message speaks of
                # a file of labels, which is the command line's way, not this screen's.
                if not count_text:
                    raise InvalidInput(w(self, "codes_give_number"))
                try:
                    count = int(count_text)
                except ValueError:
                    raise InvalidInput(w(self, "codes_not_a_number", text=repr(count_text))) from None
                if count <= 0:
                    raise InvalidInput(w(self, "codes_more_than_0", count=count))
                issued = await in_worker(self, access_codes.issue, self.app.store, self.slug, count=count,
                                         switch_access=switch)
        except WouldLockOutRespondents as exc:
            # Asked once more, as the CLI asks for --switch-to-codes: the next Ctrl+S confirms.
            self._switch_confirmed = True
            error.update(w(self, "codes_switch_warning", problem=exc))
            return
        except SurveyError as exc:
            error.update(w(self, "error", problem=exc))
            return
        error.update("")
        self.query_one("#count", Input).value = ""
        self.query_one("#labels", Input).value = ""
        text = "\n".join(f"{code}  {one_line(label, 60)}" if label else code for code, label in issued)
        self.query_one("#new-codes", TextArea).text = text
        await self.refresh_lists()
        self.notify(w(self, "codes_added", n=len(issued), slug=self.slug), markup=False)
